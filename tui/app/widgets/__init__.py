"""Widgets of the main screen, each drawing one part of it."""
