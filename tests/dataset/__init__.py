"""Tests of dataset loading, validation and lookup (docs/datasets.md)."""
