"""replan: rare-earth procurement scenario planning in the terminal."""

__version__ = "0.1.0"
