"""The headline tells exposure as bought beside planned, and why they differ."""

from __future__ import annotations

from pathlib import Path

from tui.app.figures import headline
from tui.app.widgets.headline import render_headline
from tui.present.numbers import percent, tonnes
from tui.present.reason import exposure_reason
from tui.session.session import Session

UNDELIVERABLE = """\
format = 1
name = "Recycled lanthanum"
dataset = "reference"
target_china_exposure = 50

[defaults.split]
china = 100

[elements.La.split]
china = 20
recycling = 80
"""


def _session(workdir: Path, text: str) -> Session:
    path = workdir / "plans" / "recycled.toml"
    path.write_text(text)
    return Session.open(path)


def test_as_bought_and_its_reason_when_the_sources_cannot_deliver(workdir: Path) -> None:
    session = _session(workdir, UNDELIVERABLE)
    evaluation = session.evaluation
    portfolio = evaluation.base.portfolio
    figures = headline(evaluation, session.plan)
    reason = exposure_reason(evaluation)
    assert reason is not None and reason.startswith("La: recycling can deliver")
    for wide in (False, True):
        text = render_headline(figures, wide=wide).plain
        assert f"as bought {percent(portfolio.china_exposure_bought)}" in text
        assert reason in " ".join(text.split())
    narrow = render_headline(figures, wide=False).plain
    assert f"spot {tonnes(portfolio.spot_t)} t" in narrow.splitlines()[0]
    wide_text = render_headline(figures, wide=True).plain
    assert f"bought spot {tonnes(portfolio.spot_t)} t" in wide_text
    assert "Total cost" in wide_text


def test_no_reason_and_no_as_bought_in_the_band_when_the_plan_is_delivered(
    workdir: Path,
) -> None:
    session = _session(workdir, UNDELIVERABLE.replace("china = 20\nrecycling = 80", "china = 100"))
    figures = headline(session.evaluation, session.plan)
    assert figures.exposure_reason is None
    assert "as bought" not in render_headline(figures, wide=False).plain
    assert "as bought" in render_headline(figures, wide=True).plain  # the panel always tells
