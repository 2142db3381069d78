"""The stress view's detail: the highlighted case's figures as lines of text.

Kept apart from the list so that the wording can be read (and tested) as text: what a
buyer asks of a disruption, in the order they ask it — what happens, what is bought
spot and at what price, what stock is there when it starts, what runs short, what that
is worth and what the case costs against the base. Every line is cut with an ellipsis
rather than wrapped, so that the view has a known height and fits 80×24; on a wide
terminal the stock per element and the products short get columns of their own.
"""

from __future__ import annotations

from rich.text import Text

from tui.app.figures import StressDetail
from tui.app.palette import Palette
from tui.app.plain import plain, shown
from tui.domain.plan import Number
from tui.present.numbers import days, percent, tonnes, units, usd

BASE_TEXT = "The base case: the plan as it is, without any disruption."


def _line(*parts: str | Text | tuple[str, str]) -> Text:
    """One line that never wraps (a long name or element list ends in an ellipsis)."""
    line = Text(no_wrap=True, overflow="ellipsis", end="")
    for part in parts:
        if isinstance(part, tuple):
            line.append(*part)
        else:
            line.append(part)
    return line


def _join(lines: list[Text]) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    for i, line in enumerate(lines):
        if i:
            text.append("\n")
        text.append_text(line)
    return text


def _severity(severity: Number) -> str:
    return percent(severity / 100, 0 if float(severity).is_integer() else 1)


def _factor(factor: Number) -> str:
    return f"×{factor:g}"


def _what(detail: StressDetail) -> Text:
    """``china delivers 100% less from 2027Q1 for 2 months``: the disruption itself."""
    case = detail.case
    return _line(
        plain(case.source),
        f" delivers {_severity(case.severity)} less from ",
        plain(case.start),
        f" for {case.duration_text}",
    )


def _elements(detail: StressDetail) -> Text:
    case = detail.case
    return plain("all" if case.elements is None else ", ".join(case.elements))


def _spot_from(detail: StressDetail) -> str:
    if not detail.spot_by:
        return "none bought"
    return ", ".join(f"{source} {tonnes(t)} t" for source, t in detail.spot_by)


def _price(detail: StressDetail) -> str:
    price = detail.spot_price_usd_kg
    return "—" if price is None else f"{usd(price)}/kg"


def _short(detail: StressDetail, colours: Palette) -> tuple[str, str]:
    short = detail.shortfall_t
    return (f"{tonnes(short)} t", colours.bad if short > 0 else colours.good)


def _worst(detail: StressDetail) -> str:
    if detail.worst_element is None:
        return "no day short"
    return f"worst {days(detail.worst_days_short)} short ({detail.worst_element})"


def _value(value: float | None) -> str:
    return "unknown" if value is None else usd(value)


def _cost(detail: StressDetail, colours: Palette) -> tuple[str, str]:
    change = detail.cost_vs_base_usd
    style = colours.bad if change > 0 else colours.good if change < 0 else colours.muted
    return (usd(change, sign=True), style)


def _cover(days_of_cover: float | None) -> str:
    return "no demand" if days_of_cover is None else f"{days(days_of_cover)} of cover"


def _what_and_where(detail: StressDetail, width: int) -> Text:
    """The disruption and its elements on one line; in the short wording when the long
    one would cut the list of elements (80 columns)."""
    line = _line(_what(detail), " · elements ", _elements(detail))
    if len(line) <= width:
        return line
    case = detail.case
    return _line(
        plain(case.source),
        f" −{_severity(case.severity)} from ",
        plain(case.start),
        f", {case.duration_text} · ",
        _elements(detail),
    )


def compact(detail: StressDetail, colours: Palette, height: int, width: int) -> Text:
    """The case in ``height`` lines of at most ``width`` columns (80×24: the whole view)."""
    case = detail.case
    lowest = detail.lowest_cover
    stock = _line(
        "Stock at ",
        plain(case.start),
        f": {tonnes(detail.stock_left_t)} t, {_cover(detail.stock_cover_days)}",
        f" · fewest {lowest.element} {days(lowest.cover_days)}" if lowest is not None else "",
    )
    products = _line("Products short: ")
    if not detail.products:
        products.append("none", colours.good)
    room = width - len(products)
    for i, product in enumerate(detail.products):
        item = f"{product.product} {units(product.units_short)} ({_value(product.value_short_usd)})"
        more = len(detail.products) - i - 1
        tail = f" · +{more} more" if more else ""
        if i and len(item) + len(tail) + 3 > room:
            products.append(f" · +{more + 1} more")
            break
        products.append(("" if i == 0 else " · ") + item)
        room -= len(item) + 3
    lines = [
        _line(plain(case.name, "bold")),
        _what_and_where(detail, width),
        _line(
            f"Spot {tonnes(detail.spot_t)} t: {_spot_from(detail)} · {usd(detail.spot_cost_usd)}"
            f" · avg {_price(detail)}, price {_factor(case.price_factor)} while cut"
        ),
        stock,
        _line(
            "Short ",
            _short(detail, colours),
            f" · {_worst(detail)} · value short {_value(detail.value_short_usd)}",
        ),
        _line(
            "Cost ",
            _cost(detail, colours),
            f" against the base (total {usd(detail.total_cost_usd)})",
        ),
        products,
    ]
    return _join(lines[: max(height, 1)])


def summary(detail: StressDetail, colours: Palette) -> Text:
    """The wide view's first column: the disruption and its figures, one to a line."""
    case = detail.case
    label = colours.muted
    lowest = detail.lowest_cover
    lines = [
        _line(plain(case.name, "bold")),
        _line(("cut          ", label), plain(case.source), f", {_severity(case.severity)} less"),
        _line(("from         ", label), plain(case.start), f" for {case.duration_text}"),
        _line(("elements     ", label), _elements(detail)),
        _line(("spot price   ", label), f"{_factor(case.price_factor)} in the quarters cut"),
        _line(("spot bought  ", label), f"{tonnes(detail.spot_t)} t: {_spot_from(detail)}"),
        _line(
            ("             ", label),
            f"{usd(detail.spot_cost_usd)}, on average {_price(detail)}",
        ),
        _line(
            ("stock left   ", label),
            f"{tonnes(detail.stock_left_t)} t, {_cover(detail.stock_cover_days)}",
        ),
        _line(
            ("             ", label),
            f"fewest: {lowest.element}, {days(lowest.cover_days)}" if lowest else "",
        ),
        _line(("short        ", label), _short(detail, colours), f", {_worst(detail)}"),
        _line(("value short  ", label), _value(detail.value_short_usd)),
        _line(("total cost   ", label), usd(detail.total_cost_usd), ", ", _cost(detail, colours)),
        _line(("             ", label), "against the base"),
    ]
    return _join(lines)


def _truncated(lines: list[Text], height: int) -> list[Text]:
    if len(lines) <= height:
        return lines
    keep = max(height - 1, 1)
    return [*lines[:keep], _line(f"+{len(lines) - keep} more")]


def stock_column(detail: StressDetail, colours: Palette, height: int) -> Text:
    """Per cut element: the stock left when the case starts, and its days of cover."""
    lowest = detail.lowest_cover
    rows = []
    for stock in detail.stock:
        style = colours.warn if lowest is not None and stock is lowest else ""
        rows.append(
            _line(
                (f"{stock.element:<4}", style),
                (f"{tonnes(stock.left_t):>8} t", style),
                (f"{days(stock.cover_days, dash='—'):>8}", style),
            )
        )
    head = _line(("stock at ", "bold"), plain(detail.case.start, "bold"))
    return _join([head, *_truncated(rows, height - 1)])


def products_column(detail: StressDetail, colours: Palette, height: int) -> Text:
    """The products that lose units, with the units and what they are worth."""
    head = _line(("products short", "bold"))
    if not detail.products:
        return _join([head, _line(("none", colours.good))])
    rows = [
        _line(
            shown(product.product)[:16].ljust(16),
            f"{units(product.units_short):>10}",
            f"{_value(product.value_short_usd):>9}",
        )
        for product in detail.products
    ]
    return _join([head, *_truncated(rows, height - 1)])
