"""The user documentation stands alone: every link points inside the repository.

README files and docs/ are read by people who have only the repository, so a link to
a file that is not in it, or a reference to notes kept elsewhere, is a dead end.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui.dataset.files import ALL_FILES
from tui.planfile.schema import (
    DEFAULTS_KEYS,
    ELEMENT_KEYS,
    HORIZON_KEYS,
    SCHEDULE_KEYS,
    STRESS_KEYS,
    TOP_KEYS,
)

REPO = Path(__file__).resolve().parents[1]
PAGES = sorted([REPO / "README.md", REPO / "data" / "reference" / "README.md"])
PAGES += sorted((REPO / "docs").glob("*.md"))
LINK = re.compile(r"\]\(([^)#\s]+)(?:#([^)]*))?\)")


def test_the_docs_are_there() -> None:
    names = {p.name for p in (REPO / "docs").glob("*.md")}
    assert {"README.md", "plan-files.md", "datasets.md", "model.md"} <= names


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(REPO)))
def test_links_stay_in_the_repository(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    for target, anchor in LINK.findall(text):
        assert "://" not in target, target
        resolved = (page.parent / target).resolve()
        assert resolved.is_relative_to(REPO) and resolved.exists(), target
        if anchor:
            assert anchor in _anchors(resolved), f"{target}#{anchor}"


def _anchors(page: Path) -> set[str]:
    """The anchors a Markdown viewer gives the page's headings (GitHub's rule)."""
    headings = re.findall(r"^#+ (.+)$", page.read_text(encoding="utf-8"), flags=re.M)
    return {re.sub(r"[^\w\- ]", "", h.lower()).replace(" ", "-") for h in headings}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(REPO)))
def test_no_reference_to_notes_outside_the_repository(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"\bSPEC\b|\bFACTS\b|SPEC\.md|FACTS\.md", text)


def test_every_plan_key_is_documented() -> None:
    text = (REPO / "docs" / "plan-files.md").read_text(encoding="utf-8")
    keys = TOP_KEYS + HORIZON_KEYS + DEFAULTS_KEYS + ELEMENT_KEYS + SCHEDULE_KEYS + STRESS_KEYS
    for key in keys:
        assert f"`{key}`" in text or f"[{key}]" in text or f"[[{key}]]" in text, key


def test_every_dataset_column_is_documented() -> None:
    text = (REPO / "docs" / "datasets.md").read_text(encoding="utf-8")
    for spec in ALL_FILES:
        assert f"### {spec.name}" in text
        for column in spec.columns:
            assert f"`{column.name}`" in text, (spec.name, column.name)
