"""Screens of the app: one per file (main, forms, dialogs, browser, compare, help)."""
