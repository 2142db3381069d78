"""Messages the app's screens send one another through the app.

A modal screen is no child of the main screen, so a message it posts bubbles to the
app, which hands it on (see ``ReplanApp``): screens never hold one another.
"""

from __future__ import annotations

from textual.message import Message


class SessionChanged(Message):
    """The open plan, its figures or its file state changed: repaint what shows them."""
