"""Undo/redo over immutable states, and the saved marker that drives the title."""

from __future__ import annotations

from tui.session.history import History


def test_undo_and_redo_walk_the_states() -> None:
    history = History("a")
    history.push("b", "edit Dy", "Dy")
    history.push("c", "add stress")
    assert history.current == "c" and history.undo_label == "add stress"
    undone = history.undo()
    assert undone is not None and undone.element is None and history.current == "b"
    undone = history.undo()
    assert undone is not None and undone.element == "Dy" and history.current == "a"
    assert history.undo() is None and not history.can_undo
    redone = history.redo()
    assert redone is not None and redone.state == "b" and history.redo_label == "add stress"


def test_a_new_edit_drops_the_redo_branch() -> None:
    history = History(1)
    history.push(2, "x")
    history.undo()
    history.push(3, "y")
    assert not history.can_redo and history.current == 3 and len(history) == 2


def test_saved_marker_follows_undo() -> None:
    history = History("a")
    assert history.is_saved
    history.push("b", "x")
    assert not history.is_saved
    history.undo()
    assert history.is_saved
    history.redo()
    history.mark_saved()
    history.undo()
    assert not history.is_saved
    history.push("c", "y")  # the saved state "b" is gone for good
    history.undo()
    assert not history.is_saved


def test_limit_keeps_the_latest_states() -> None:
    history = History(0, limit=3)
    for n in range(1, 6):
        history.push(n, str(n))
    assert len(history) == 3 and history.current == 5 and not history.is_saved
    assert history.undo() is not None and history.undo() is not None and history.undo() is None
    assert history.current == 3
