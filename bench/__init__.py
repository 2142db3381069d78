"""Benchmarks that print the figures the issues ask for (``python -m bench``)."""
