"""The headline names the worst few products short and counts the rest: a dataset of
2,000 products can leave more than a thousand short, which no line can list."""

from __future__ import annotations

import re

from bench.synthetic import make_dataset, make_plan
from tui.app.figures import SHOWN_PRODUCTS, headline
from tui.app.widgets.headline import render_headline
from tui.session.session import Session


def test_many_products_short_read_as_the_worst_few_and_a_count() -> None:
    dataset = make_dataset(200, 6, 4, 8, seed=1)
    session = Session(make_plan(dataset, n_stress=2, seed=1), dataset)
    evaluation = session.evaluation
    figures = headline(evaluation, session.plan)
    cases = [evaluation.base, *evaluation.stress_cases]
    counts = [len(case.products_short) for case in cases]
    assert max(counts) > SHOWN_PRODUCTS  # the data leaves many products short
    assert figures.products_short_count == counts[0]
    assert figures.products_short == tuple(evaluation.base.products_short[:SHOWN_PRODUCTS])
    for line, case in zip(figures.stress, evaluation.stress_cases, strict=True):
        assert line.products_short == tuple(case.products_short[:SHOWN_PRODUCTS])
        assert line.products_short_count == len(case.products_short)
    for wide in (False, True):
        text = render_headline(figures, wide=wide, max_stress_lines=2).plain
        for case, count in zip(cases, counts, strict=True):
            shown = case.products_short[:SHOWN_PRODUCTS]
            if count > SHOWN_PRODUCTS:
                assert f"{', '.join(shown)} +{count - SHOWN_PRODUCTS:,}" in text
        named = set(re.findall(r"[\w-]+", text)) & set(session.dataset.product_ids)
        assert named and named <= {
            name for case in cases for name in case.products_short[:SHOWN_PRODUCTS]
        }
