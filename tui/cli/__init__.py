"""The ``replan`` command line: the app launcher and the headless commands.

``main`` parses arguments only; each command lives in its own module and imports the
engine (and so polars) when it runs, so that ``replan --help`` stays instant and no
headless command ever imports Textual.
"""
