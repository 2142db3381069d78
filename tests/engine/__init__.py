"""Tests of the engine against an independent plain-Python reference of SPEC §5."""
