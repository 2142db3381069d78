"""Renderers that turn evaluations and diffs into text: table, JSON and CSV.

They take results and return strings; they never print and never import the engine at
run time (only for type hints), so each format can be tested on its own.
"""
