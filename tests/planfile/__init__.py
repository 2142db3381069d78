"""Tests of plan files: reading, checking, writing, saving, comparing, validating."""
