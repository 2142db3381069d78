"""The element pane shows each source's China share: why a split has its exposure."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.conftest import make_app, ready, settle
from tui.app.figures import source_china_shares
from tui.app.widgets.element_info import ElementInfo
from tui.app.widgets.element_table import ElementTable


async def test_the_pane_explains_dy_exposure(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        app.screen.query_one(ElementTable).select("Dy", "lynas")
        await settle(pilot)
        session = app.session
        evaluation = session.evaluation
        shares = source_china_shares(session.dataset, "Dy", evaluation.start, evaluation.end)
        split = session.plan.base_split("Dy")
        assert all(low == high for low, high in shares.values())  # constant in this data
        # the split weighted by the sources' China shares is the element's exposure
        weighted = sum(split.share(s) / 100 * shares[s][0] for s in split.nonzero())
        exposure = evaluation.base.element("Dy")["china_exposure"]
        assert weighted == pytest.approx(exposure)
        pane = str(app.screen.query_one(ElementInfo).render())
        line = next(x for x in pane.splitlines() if x.startswith("China share"))
        for source in split.nonzero():
            assert f"{source} {shares[source][0] * 100:.0f}%" in line


def test_source_china_shares_match_the_supply_rows_for_every_element_and_horizon() -> None:
    """One query serves every element and is kept for the last dataset and horizon: a
    new horizon (or dataset) must not get the figures of the one before."""
    from tui.dataset.loader import load_dataset

    dataset = load_dataset(Path(__file__).resolve().parents[2] / "data" / "reference")
    periods = sorted(set(dataset.supply.get_column("period").to_list()))
    rows = dataset.supply.select("element", "source", "period", "china_share").rows()
    for start, end in [
        (periods[0], periods[-1]),
        (periods[4], periods[6]),
        (periods[0], periods[0]),
    ]:
        for element in dataset.element_ids:
            expected: dict[str, tuple[float, float]] = {}
            for source in dataset.source_ids:
                values = [
                    c for e, s, p, c in rows if e == element and s == source and start <= p <= end
                ]
                if values:
                    expected[source] = (min(values), max(values))
            got = source_china_shares(dataset, element, start, end)
            assert got == expected and list(got) == list(expected), (element, start, end)
