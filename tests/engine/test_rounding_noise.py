"""A split whose parts add up to its demand but for a rounding error is not short."""

from tests.engine import builders
from tui.engine import Engine


def test_rounding_error_of_a_full_split_is_no_gap_and_no_product_short():
    # 0.1 × 0.7 + 0.1 × 0.3 < 0.1 in binary floating point, by about 1e-17 t.
    assert 0.1 * 0.7 + 0.1 * 0.3 < 0.1
    data = builders.dataset(
        demand=[("Nd", "2026Q1", 0.0)],  # all of the 0.1 t comes from the motors
        supply=[
            ("china", "Nd", "2026Q1", None, 60.0, 1.0),
            ("lynas", "Nd", "2026Q1", None, 80.0, 0.05),
        ],
        elements=("Nd",),
        products=[("motor", "2026Q1", 100.0)],
        bom=[("motor", "Nd", 1.0)],
    )
    plan = builders.plan({"Nd": builders.split(china=70, lynas=30)})
    base = Engine(data).evaluate(plan).base
    assert base.element("Nd")["demand_t"] == 0.1
    assert base.element("Nd")["gap_t"] == 0.0
    assert base.portfolio.shortfall_t == 0.0
    assert base.products.get_column("units_short").to_list() == [0.0]


def test_a_real_gap_just_above_the_noise_is_kept():
    data = builders.dataset(
        demand=[("Nd", "2026Q1", 100.0)],
        supply=[("china", "Nd", "2026Q1", 100.0 - 1e-9, 60.0, 1.0)],
        elements=("Nd",),
        sources=("china",),
    )
    plan = builders.plan({"Nd": builders.split(china=100)})
    gap = Engine(data).evaluate(plan).base.element("Nd")["gap_t"]
    assert 0 < gap < 2e-9
