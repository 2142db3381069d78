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
