"""Tests of dataset loading, validation and lookup (SPEC §3, §6)."""
