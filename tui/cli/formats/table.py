"""An evaluation as text for a person: a headline per case, then an aligned element table.

Numbers read as in the app (``tui.present.numbers``): units in the headers (t, %) or
on the figure ($1.29B), thousands separators, and every gap or shortfall flagged with a
marker (and colour on a terminal) so that the eye finds the problems first.
``--periods`` adds, per case, a quarter table per element.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tui.cli.formats import text
from tui.cli.formats.text import Column, Style
from tui.domain.figures import supplied_column
from tui.domain.text import visible
from tui.present import numbers
from tui.present.reason import exposure_reason
from tui.present.target import above_target, target_fraction

if TYPE_CHECKING:
    from tui.domain.plan import Plan, StressCase
    from tui.engine.results import CaseResult, Evaluation

ELEMENT_COLUMNS = [
    Column("element", "<"),
    Column("demand t"),
    Column("supplied t"),
    Column("gap t"),
    Column("spot t"),
    Column("cover %"),
    Column("China %"),
    Column("bought %"),
    Column("cost"),
    Column("stock t"),
    Column("drawn t"),
    Column("shortfall t"),
    Column("days short"),
    Column("", "<"),
]


def describe_stress(stress: StressCase, style: Style) -> str:
    severity = f"{stress.severity:g}"
    where = f" ({', '.join(stress.elements)})" if stress.elements else ""
    price = "" if stress.price_factor == 1 else f", spot price ×{stress.price_factor:g}"
    return (
        f"{stress.source} deliveries -{severity} % for {stress.duration_text} "
        f"from {stress.start}{price}{where}"
    )


def _target_note(exposure: float | None, plan: Plan, style: Style) -> str:
    target = plan.target_china_exposure
    if target is None or exposure is None:
        return ""
    if above_target(exposure, target_fraction(target)):
        return style.red(f"{style.marker} above target {target:g} %")
    return style.green(f"{style.ok} within target {target:g} %")


def _percent(fraction: float | None, dash: str) -> str:
    """A share in a table whose header (or unit column) carries the ``%``."""
    return numbers.percent(fraction, unit="", dash=dash)


def _flag(value: float, style: Style) -> str:
    return style.red(style.marker) if numbers.is_short(value) else ""


def headline(case: CaseResult, evaluation: Evaluation, style: Style) -> list[str]:
    """The case's portfolio figures as label / value / unit / note lines.

    Exposure as bought stands under the plan's, with the reason when they differ; the
    gap the contracts leave is split into what spot buys, what stock covers and what is
    really short; total cost is contract, spot and stock, and the premium (or, for a
    stress case, the change against the base case) is on it.
    """
    p = case.portfolio
    dash = style.dash
    exposure_note = _target_note(p.china_exposure, evaluation.plan, style)
    bought_note = _target_note(p.china_exposure_bought, evaluation.plan, style)
    if case is evaluation.base:
        reason = exposure_reason(evaluation)
        bought_note = (
            f"{bought_note}; {reason}" if reason and bought_note else reason or bought_note
        )
        premium = numbers.usd(evaluation.premium_usd, sign=True, dash=dash)
        cost_note = f"premium over all-China {premium}"
    else:
        base_total = evaluation.base.portfolio.total_cost_usd
        change = numbers.usd(p.total_cost_usd - base_total, sign=True, dash=dash)
        cost_note = f"{change} against the base case"
    worst = case.worst_days_short
    worst_note = f"({case.worst_element})" if case.worst_element else ""
    short = case.products_short
    lines: list[tuple[str, str, str, str]] = [
        (
            "China exposure, planned",
            _percent(p.china_exposure, dash),
            "%",
            exposure_note,
        ),
        (
            "  as bought",
            _percent(p.china_exposure_bought, dash),
            "%",
            bought_note,
        ),
        (
            "  planned, by value",
            _percent(p.china_exposure_value, dash),
            "%",
            "",
        ),
        ("Demand", numbers.tonnes(p.demand_t), "t", ""),
        ("Supplied by contract", numbers.tonnes(p.supplied_t), "t", ""),
        ("Gap", numbers.tonnes(p.gap_t), "t", _flag(p.gap_t, style)),
        ("  bought spot", numbers.tonnes(p.spot_t), "t", _spot_note(p.spot_cost_usd, p.spot_t)),
        ("  from stock", numbers.tonnes(p.stockpile_drawn_t), "t", ""),
        ("  short", numbers.tonnes(p.shortfall_t), "t", _flag(p.shortfall_t, style)),
        ("Coverage by contract", _percent(p.coverage, dash), "%", ""),
        ("Cost, contract and spot", numbers.usd(p.cost_usd), "", ""),
        ("Stock cost", numbers.usd(p.stock_cost_usd), "", ""),
        ("Total cost", numbers.usd(p.total_cost_usd), "", cost_note),
        ("Worst days short", numbers.days(worst, unit=""), "days", worst_note),
    ]
    if p.value_short_usd is not None:
        value = numbers.usd(p.value_short_usd)
        lines.append(("Value of units short", value, "", _flag(p.value_short_usd, style)))
    products = _products_short(case, style) if case.products.height else None
    if products is not None:
        lines.append(("Products short", str(len(short)), "", products[0] if products else ""))
    label_width = max(len(label) for label, *_ in lines)
    value_width = max(len(value) for _, value, *_ in lines)
    unit_width = max(len(unit) for *_, unit, _ in lines)
    out = [
        f"  {label:<{label_width}}  {value:>{value_width}} {unit:<{unit_width}}  {note}".rstrip()
        for label, value, unit, note in lines
    ]
    # one product per line, under the first, so a long list stays readable
    indent = " " * (2 + label_width + 2 + value_width + 1 + unit_width + 2)
    return out + [indent + more for more in (products or [])[1:]]


def _spot_note(cost_usd: float, tonnes: float) -> str:
    if not tonnes:
        return ""
    return f"costing {numbers.usd(cost_usd)}"


def _products_short(case: CaseResult, style: Style) -> list[str]:
    """``motor 208 of 2,000 units`` for each product that loses units, the worst first."""
    parts = []
    for row in case.products.sort("units_short", descending=True).iter_rows(named=True):
        if row["units_short"] > 0:
            short, total = numbers.units(row["units_short"]), numbers.units(row["units"])
            parts.append(style.red(f"{row['product']} {short} of {total} units short"))
    return parts


def _element_row(
    row: dict[str, Any], style: Style
) -> tuple[list[str], Callable[[str], str] | None]:
    dash = style.dash
    flag = ""
    row_style: Callable[[str], str] | None = None
    if numbers.is_short(row["shortfall_t"]):
        flag, row_style = f"{style.marker} short", style.red
    elif numbers.is_short(row["gap_t"]):
        covered = [
            name
            for name, tonnes in (("spot", row["spot_t"]), ("stock", row["stockpile_drawn_t"]))
            if numbers.is_short(tonnes)
        ]
        flag, row_style = f"{style.marker} gap, from {' and '.join(covered)}", style.yellow
    elif not row["demand_t"]:
        row_style = style.dim
    cells = [
        row["element"],
        numbers.tonnes(row["demand_t"]),
        numbers.tonnes(row["supplied_t"]),
        numbers.tonnes(row["gap_t"]),
        numbers.tonnes(row["spot_t"]),
        _percent(row["coverage"], dash),
        _percent(row["china_exposure"], dash),
        _percent(row["china_exposure_bought"], dash),
        numbers.usd(row["cost_usd"]),
        numbers.tonnes(row["stockpile_t"]),
        numbers.tonnes(row["stockpile_drawn_t"]),
        numbers.tonnes(row["shortfall_t"]),
        numbers.days(row["days_short"], unit=""),
        flag,
    ]
    return cells, row_style


def element_table(case: CaseResult, style: Style) -> list[str]:
    rows, styles = [], []
    for row in case.elements.iter_rows(named=True):
        cells, row_style = _element_row(row, style)
        rows.append(cells)
        styles.append(row_style)
    return text.render_table(ELEMENT_COLUMNS, rows, styles)


def period_tables(case: CaseResult, sources: tuple[str, ...], style: Style) -> list[str]:
    """One quarter table per element that has demand in the horizon."""
    columns = [
        Column("quarter", "<"),
        Column("demand t"),
        *(Column(f"{source} t") for source in sources),
        Column("gap t"),
        Column("spot t"),
        Column("China %"),
        Column("bought %"),
        Column("drawn t"),
        Column("shortfall t"),
        Column("days short"),
        Column("", "<"),
    ]
    lines: list[str] = []
    idle: list[str] = []
    for symbol in case.elements.get_column("element").to_list():
        frame = case.element_periods(symbol)
        if not any(frame.get_column("demand_t").to_list()):
            idle.append(symbol)
            continue
        rows, styles = [], []
        for row in frame.iter_rows(named=True):
            short = numbers.is_short(row["shortfall_t"])
            gap = numbers.is_short(row["gap_t"])
            rows.append(
                [
                    row["period"],
                    numbers.tonnes(row["demand_t"]),
                    *(numbers.tonnes(row[supplied_column(source)]) for source in sources),
                    numbers.tonnes(row["gap_t"]),
                    numbers.tonnes(row["spot_t"]),
                    _percent(row["china_exposure"], style.dash),
                    _percent(row["china_exposure_bought"], style.dash),
                    numbers.tonnes(row["stockpile_drawn_t"]),
                    numbers.tonnes(row["shortfall_t"]),
                    numbers.days(row["days_short"], unit=""),
                    style.marker if short or gap else "",
                ]
            )
            styles.append(style.red if short else style.yellow if gap else None)
        lines += ["", f"  {style.bold(symbol)} by quarter"]
        lines += text.render_table(columns, rows, styles, indent="    ")
    if idle:
        lines += ["", f"  no demand in the horizon: {', '.join(idle)}"]
    return lines


def _case_title(case: CaseResult, style: Style) -> str:
    if case.stress is None:
        return style.bold("Base case")
    title = style.bold("Stress: " + visible(case.case))
    return f"{title} {style.dash} {describe_stress(case.stress, style)}"


def render_evaluation(
    evaluation: Evaluation, *, file: str, dataset: str, periods: bool, style: Style
) -> str:
    plan = evaluation.plan
    count = text.plural(len(evaluation.periods), "quarter")
    dataset = visible(dataset)
    lines = [
        f"{style.bold(visible(plan.name))}  ({visible(file)})",
        f"dataset {dataset} · horizon {evaluation.start}–{evaluation.end} ({count})"
        if style.unicode
        else f"dataset {dataset}, horizon {evaluation.start} to {evaluation.end} ({count})",
    ]
    for case in evaluation.cases:
        lines += ["", _case_title(case, style)]
        lines += headline(case, evaluation, style)
        lines += [""]
        lines += element_table(case, style)
        if periods:
            lines += period_tables(case, evaluation.sources, style)
    return "\n".join(lines) + "\n"
