"""Every figure the reference data's README states about the data is true of the CSV files.

Each claim pairs a phrase quoted from the README with the value computed from the files,
formatted as the README writes it: the test fails when either the data or the text
changes without the other. The files are read with the standard library, not the
project's loader, so that the check does not lean on the code it serves.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"
README = (REFERENCE / "README.md").read_text(encoding="utf-8")


def _flat(text: str) -> str:
    """Text with every run of white space as one space: the README wraps its lines."""
    return " ".join(text.split())


@cache
def _rows(name: str) -> tuple[dict[str, str], ...]:
    with (REFERENCE / name).open(newline="", encoding="utf-8") as handle:
        return tuple(csv.DictReader(handle))


@cache
def _demand() -> dict[tuple[str, str], float]:
    """Total demand per (element, period): direct demand plus units × kg per unit / 1000."""
    total: dict[tuple[str, str], float] = defaultdict(float)
    for row in _rows("demand.csv"):
        total[row["element"], row["period"]] += float(row["tonnes"])
    units = {(r["product"], r["period"]): float(r["units"]) for r in _rows("products.csv")}
    for row in _rows("bom.csv"):
        for (product, period), count in units.items():
            if product == row["product"]:
                total[row["element"], period] += count * float(row["kg_per_unit"]) / 1000
    return dict(total)


def _yearly(year: str) -> float:
    return sum(t for (_, p), t in _demand().items() if p.startswith(year))


def _share(elements: set[str]) -> float:
    everything = sum(_demand().values())
    return sum(t for (e, _), t in _demand().items() if e in elements) / everything


def _supply(source: str, element: str, period: str, column: str = "capacity_t") -> str:
    for row in _rows("supply.csv"):
        if (row["source"], row["element"], row["period"]) == (source, element, period):
            return row[column]
    raise AssertionError(f"no supply row {source} {element} {period}")


def _periods(source: str, element: str) -> list[str]:
    rows = _rows("supply.csv")
    return [r["period"] for r in rows if r["source"] == source and r["element"] == element]


def _values(source: str, element: str, column: str) -> set[str]:
    rows = _rows("supply.csv")
    return {r[column] for r in rows if r["source"] == source and r["element"] == element}


def _units(product: str, period: str) -> float:
    for row in _rows("products.csv"):
        if (row["product"], row["period"]) == (product, period):
            return float(row["units"])
    raise AssertionError(f"no products row {product} {period}")


def _yearly_units(product: str, year: str) -> float:
    rows = _rows("products.csv")
    return sum(
        float(r["units"]) for r in rows if (r["product"], r["period"][:4]) == (product, year)
    )


def _unit_values(product: str) -> set[str]:
    return {r["unit_value_usd"] for r in _rows("products.csv") if r["product"] == product}


def _bom(product: str, element: str) -> str:
    for row in _rows("bom.csv"):
        if (row["product"], row["element"]) == (product, element):
            return row["kg_per_unit"]
    raise AssertionError(f"no bom row {product} {element}")


def _spot_premium(source: str) -> str:
    return {r["source"]: r.get("spot_premium", "") for r in _rows("sources.csv")}[source]


def _recycled(period: str) -> list[float]:
    """Recycling's capacity as a share of demand for Nd, Pr, Dy and Tb in ``period``."""
    return [
        float(_supply("recycling", e, period)) / _demand()[e, period]
        for e in ("Nd", "Pr", "Dy", "Tb")
    ]


def _tonnes(value: float) -> str:
    return f"{value:,.0f} t"


def _one(values: set[str]) -> str:
    assert len(values) == 1, values
    return next(iter(values))


def _same(source: str, elements: str, column: str) -> str:
    """The one value ``column`` has in every row of ``source`` for the elements listed."""
    return _one(set().union(*(_values(source, e, column) for e in elements.split())))


def _ramp(source: str, element: str) -> str:
    """``first → last`` capacity over the horizon, as the README writes a ramp."""
    return f"{element} {_supply(source, element, '2026Q1')} → {_supply(source, element, '2030Q4')}"


def _per_year(source: str, elements: str, period: str) -> float:
    return 4 * sum(float(_supply(source, e, period)) for e in elements.split())


# (phrase quoted from the README, the figure computed from the data, as the README writes it)
CLAIMS: list[tuple[str, Callable[[], str]]] = [
    ("needs about 3,062 t of rare-earth oxide in\n2026", lambda: f"{_tonnes(_yearly('2026'))}"),
    ("growing to about 3,956 t in 2030", lambda: _tonnes(_yearly("2030"))),
    ("3,062 t (2026), 3,285 t, 3,509 t,\n3,734 t, 3,956 t (2030)",
      lambda: f"{_tonnes(_yearly('2026'))} (2026), "
     + ", ".join(_tonnes(_yearly(str(y))) for y in range(2027, 2030))
     + f", {_tonnes(_yearly('2030'))} (2030)"),
    ("Nd+Pr+La+Ce are 90% of it", lambda: f"{_share({'Nd', 'Pr', 'La', 'Ce'}):.0%}"),
    ("Dy 2.9%", lambda: f"{_share({'Dy'}):.1%}"),
    # sources and spot
    ("Only `china` does, at its price × 1.5", lambda: f"× {1 + float(_spot_premium('china'))}"),
    ("| `china` | CN | 0.5 |", lambda: _spot_premium("china")),
    # products
    ("hybrid\ndrive sets 150,000 → 200,000", lambda: f"{_units('hybrid-car', '2026Q1'):,.0f} → "
     f"{_units('hybrid-car', '2030Q4'):,.0f}"),
    ("EV motors 40,000 → 100,000", lambda: f"{_units('ev-motor', '2026Q1'):,.0f} → "
     f"{_units('ev-motor', '2030Q4'):,.0f}"),
    ("wind generators 40 → 70", lambda: f"{_units('wind-generator', '2026Q1'):.0f} → "
     f"{_units('wind-generator', '2030Q4'):.0f}"),
    ("servo motors 400,000 → 500,000", lambda: f"{_units('servo-motor', '2026Q1'):,.0f} → "
     f"{_units('servo-motor', '2030Q4'):,.0f}"),
    ("SmCo actuators 1,500 → 2,500", lambda: f"{_units('smco-actuator', '2026Q1'):,.0f} → "
     f"{_units('smco-actuator', '2030Q4'):,.0f}"),
    ("3.4 hybrid drive sets per EV motor in 2026 and 2.1 in\n2030",
     lambda: f"{_yearly_units('hybrid-car', '2026') / _yearly_units('ev-motor', '2026'):.1f}"
     f" hybrid drive sets per EV motor in 2026 and "
     f"{_yearly_units('hybrid-car', '2030') / _yearly_units('ev-motor', '2030'):.1f}"),
    ("hybrid drive set US$2,500", lambda: f"US${float(_one(_unit_values('hybrid-car'))):,.0f}"),
    ("EV traction motor US$1,500", lambda: f"US${float(_one(_unit_values('ev-motor'))):,.0f}"),
    ("direct-drive generator US$1,000,000",
     lambda: f"US${float(_one(_unit_values('wind-generator'))):,.0f}"),
    ("servo motor US$300", lambda: f"US${float(_one(_unit_values('servo-motor'))):,.0f}"),
    ("SmCo actuator US$20,000",
     lambda: f"US${float(_one(_unit_values('smco-actuator'))):,.0f}"),
    ("| 0.308 | 0.101 | 0.034 | 0.0056 | La 1, Ce 0.5 |",
     lambda: " | ".join(_bom("hybrid-car", e) for e in ("Nd", "Pr", "Dy", "Tb"))
     + f" | La {_bom('hybrid-car', 'La')}, Ce {_bom('hybrid-car', 'Ce')} |"),
    # china
    ("Nd and Pr 107", lambda: _same("china", "Nd Pr", "price_usd_kg")),
    ("Dy 226", lambda: _one(_values("china", "Dy", "price_usd_kg"))),
    # lynas
    ("Nd 225, Pr 75 (1,200 t/yr NdPr), flat",
     lambda: f"Nd {_same('lynas', 'Nd', 'capacity_t')}, Pr {_same('lynas', 'Pr', 'capacity_t')} "
     f"({_per_year('lynas', 'Nd Pr', '2026Q1'):,.0f} t/yr"),
    ("La 65 → 105, Ce 95 → 155",
     lambda: f"{_ramp('lynas', 'La')}, {_ramp('lynas', 'Ce')}"),
    ("Dy 1.81, Tb 0.38 to 2027Q2; then rising to Dy 9.62, Tb 1.94 in 2029Q2, flat after",
     lambda: f"Dy {_supply('lynas', 'Dy', '2027Q2')}, Tb {_supply('lynas', 'Tb', '2027Q2')} "
     f"to 2027Q2; then rising to Dy {_supply('lynas', 'Dy', '2029Q2')}, "
     f"Tb {_supply('lynas', 'Tb', '2029Q2')} in 2029Q2"),
    ("Nd and Pr 110, the floor price",
     lambda: _same("lynas", "Nd Pr", "price_usd_kg")),
    ("Dy 700 (3.1×", lambda: f"Dy {_supply('lynas', 'Dy', '2026Q1', 'price_usd_kg')} "
     f"({float(_supply('lynas', 'Dy', '2026Q1', 'price_usd_kg')) / 226:.1f}×"),
    ("Tb 2,000 (2×", lambda: f"{float(_supply('lynas', 'Tb', '2026Q1', 'price_usd_kg')):,.0f}"),
    ("- La, Ce: **0**", lambda: _same("lynas", "La Ce", "china_share")),
    ("- Nd, Pr: **0.05**", lambda: _same("lynas", "Nd Pr", "china_share")),
    ("- Sm, Gd, Tb, Dy, Lu, Y: **0.1**",
     lambda: _same("lynas", "Sm Gd Tb Dy Lu Y", "china_share")),
    ("| Sm | 2 → 6 (plateau from 2028Q2) | 2026Q2 |",
     lambda: f"{_supply('lynas', 'Sm', '2026Q2')} → {_supply('lynas', 'Sm', '2028Q2')} "
     f"(plateau from 2028Q2) | {_periods('lynas', 'Sm')[0]}"),
    ("| Gd, Y | Gd 2 → 4, Y 5 → 15 (plateaus from 2028Q3 / 2029Q1) | 2027Q3 |",
     lambda: f"Gd {_supply('lynas', 'Gd', '2027Q3')} → {_supply('lynas', 'Gd', '2028Q3')}, "
     f"Y {_supply('lynas', 'Y', '2027Q3')} → {_supply('lynas', 'Y', '2029Q1')} (plateaus from "
     f"2028Q3 / 2029Q1) | {_periods('lynas', 'Gd')[0]}"),
    ("| Lu | 0.05, then 0.1 from 2028Q3 | 2027Q4 |",
     lambda: f"{_supply('lynas', 'Lu', '2027Q4')}, then {_supply('lynas', 'Lu', '2028Q3')} "
     f"from 2028Q3 | {_periods('lynas', 'Lu')[0]}"),
    # caremag
    ("Dy 10.42 and Tb 1.88 t per quarter from 2028Q1",
     lambda: f"Dy {_supply('caremag', 'Dy', '2028Q1')} and "
     f"Tb {_supply('caremag', 'Tb', '2028Q1')}"),
    ("half of that, Dy 5.21 and Tb 0.94, in 2027",
     lambda: f"Dy {_supply('caremag', 'Dy', '2027Q1')} and "
     f"Tb {_supply('caremag', 'Tb', '2027Q4')}"),
    ("`china_share` 0.05, **assumption:** separation is in France",
     lambda: _same("caremag", "Dy Tb", "china_share")),
    ("Prices Dy 700, Tb 2,000: **assumption**, priced like Lynas",
     lambda: f"Dy {_one(_values('caremag', 'Dy', 'price_usd_kg'))}, "
     f"Tb {float(_one(_values('caremag', 'Tb', 'price_usd_kg'))):,.0f}"),
    # recycling
    ("Nd 17 → 60, Pr 6 → 20, Dy 1.2 → 5, Tb 0.22 → 0.8, Sm 0.5 → 1.5 t per quarter",
     lambda: ", ".join(_ramp("recycling", e) for e in ("Nd", "Pr", "Dy", "Tb", "Sm"))),
    ("Nd, Pr 110 (at the outside-China floor)",
     lambda: _same("recycling", "Nd Pr", "price_usd_kg")),
    ("about 6% of its Nd/Pr/Dy/Tb\nneeds in 2026 and 14–17% in 2030",
     lambda: f"about {max(_recycled('2026Q1')):.0%} of its Nd/Pr/Dy/Tb needs in 2026 and "
     f"{100 * min(_recycled('2030Q4')):.0f}–{max(_recycled('2030Q4')):.0%} in 2030"),
    ("`china_share` 0.2, **assumption:** part of the scrap",
     lambda: _same("recycling", "Nd Pr Dy Tb Sm", "china_share")),
]  # fmt: skip


@pytest.mark.parametrize(("phrase", "figure"), CLAIMS, ids=[c[0][:40] for c in CLAIMS])
def test_readme_figure_is_true_of_the_data(phrase: str, figure: Callable[[], str]) -> None:
    assert _flat(phrase) in _flat(README), "the README no longer says this"
    assert _flat(figure()) in _flat(phrase)


def test_every_source_and_product_is_described() -> None:
    for row in _rows("sources.csv"):
        assert f"| `{row['source']}` | {row['origin']} |" in README
    for product in {r["product"] for r in _rows("products.csv")}:
        assert f"`{product}`" in README


def test_lynas_heavy_output_follows_its_reported_run_rate() -> None:
    """Before the new plant, Lynas's Dy+Tb for this buyer is a sixth of 75% of ~70 t/yr."""
    assert _per_year("lynas", "Dy Tb", "2026Q1") == pytest.approx(70 * 0.75 / 6, rel=0.02)
    full = _per_year("lynas", "Dy Tb", "2030Q4")
    assert full == pytest.approx((70 + 300) * 0.75 / 6, rel=0.02)


def test_caremag_is_a_sixth_of_what_iwatani_imports() -> None:
    assert 4 * float(_supply("caremag", "Dy", "2030Q4")) == pytest.approx(250 / 6, abs=0.05)
    assert 4 * float(_supply("caremag", "Tb", "2030Q4")) == pytest.approx(45 / 6, abs=0.05)
    assert _periods("caremag", "Dy")[0] == "2027Q1"


def test_readme_stands_alone() -> None:
    for outside in ("SPEC", "FACTS", "http://", "https://", "../"):
        assert outside not in README


def test_the_table_of_what_can_leave_china() -> None:
    """Each cell: min over the year's quarters of (lynas + caremag + recycling capacity) / D."""
    cells = []
    for element in ("Dy", "Tb", "Nd", "La"):
        shares = []
        for year in range(2026, 2031):
            quarters = [f"{year}Q{q}" for q in range(1, 5)]
            shares.append(min(_elsewhere(element, p) / _demand()[element, p] for p in quarters))
        cells.append(f"| {element} | " + " | ".join(f"{s:.0%}" for s in shares) + " |")
    for line in cells:
        assert line in README


def _elsewhere(element: str, period: str) -> float:
    total = 0.0
    for row in _rows("supply.csv"):
        if row["source"] != "china" and (row["element"], row["period"]) == (element, period):
            total += float(row["capacity_t"])
    return total
