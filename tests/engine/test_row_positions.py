"""The engine writes a plan's columns by position: ``row_of`` must name the right row."""

from __future__ import annotations

from hypothesis import given, settings

from tests.engine.strategies import datasets, quarter_span
from tui.domain.dataset import Dataset
from tui.domain.period import period_index
from tui.engine.prepare import PreparedDataset


@settings(max_examples=10, deadline=None)
@given(datasets())
def test_row_of_finds_every_row_of_the_horizon(dataset: Dataset) -> None:
    span = quarter_span(dataset)
    frames = PreparedDataset(dataset).horizon(span[0], span[-1])
    positions = [
        frames.row_of(e, p, s) for e, p, s in frames.rows.select("e", "p", "s").iter_rows()
    ]
    assert positions == list(range(frames.rows.height))
    assert frames.first == period_index(span[0])
