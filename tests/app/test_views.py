"""Compare, stress cases, help and the command palette, driven as a user would."""

from __future__ import annotations

from pathlib import Path

from tests.app.conftest import make_app, ready, settle
from tui.app.comparison import Column, compare_rows
from tui.app.picks import OpenVersion
from tui.app.screens.browser import PlanBrowser
from tui.app.screens.compare import CompareScreen
from tui.app.screens.help import HelpScreen
from tui.app.screens.main import MainScreen
from tui.app.screens.stress import StressForm, StressScreen
from tui.app.widgets.element_table import ElementTable
from tui.app.widgets.headline import HeadlinePanel
from tui.domain.period import is_period
from tui.domain.plan import Split
from tui.present.numbers import percent
from tui.present.splits import compact_split
from tui.session.session import Session


def test_compare_rows_flag_differences(workdir: Path) -> None:
    columns = []
    for name in ("baseline", "diversified"):
        session = Session.open(Path(f"plans/{name}.toml"))
        ds = session.dataset
        columns.append(
            Column(name, session.plan, session.evaluation, ds.element_ids, ds.source_ids)
        )
    rows = {r.label: r for r in compare_rows(columns)}
    # shares of china/lynas/recycling/caremag, in the dataset's order
    assert rows["Dy"].cells == ("70/20/10/0 · 60d", "50/40/10/0 · 90d")
    assert rows["Dy"].differs == (False, True)
    assert rows["La"].differs == (False, False)
    assert rows["Stress cases"].cells == ("1", "0") and rows["Stress cases"].differs[1]
    # figures are judged as replan diff judges them: less China exposure is better
    a, b = (c.evaluation.base.portfolio for c in columns)
    exposure = rows["China exposure"]
    assert exposure.cells == (percent(a.china_exposure), percent(b.china_exposure))
    assert exposure.verdicts == (0, 1 if b.china_exposure < a.china_exposure else -1)
    assert rows["Total cost"].verdicts == (0, 0)  # cost has no good direction by itself
    assert rows["Dy"].verdicts == ()  # a split is neither better nor worse
    assert compact_split(Split.of(lynas=100), ("china", "lynas")) == "0/100"


async def test_compare_the_open_plan_with_another(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot)
        await pilot.press("c")
        await settle(pilot)
        browser = app.screen
        assert isinstance(browser, PlanBrowser) and browser.marked == []  # the planner picks
        table = browser.query_one("#plans")
        exposure = app.session.evaluation.base.portfolio.china_exposure
        assert str(table.get_cell("current", "china")).strip() == percent(exposure)
        table.move_cursor(row=table.get_row_index("current"))
        await pilot.press("space")
        table.move_cursor(row=table.get_row_index(str(Path("plans/broken.toml"))))
        await pilot.press("space")  # a broken plan cannot be marked
        assert str(Path("plans/broken.toml")) not in browser.marked
        table.move_cursor(row=table.get_row_index(str(Path("plans/diversified.toml"))))
        await pilot.press("space", "c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert [c.plan.name for c in screen.columns] == [
            "Baseline 2026",
            "Heavy rare earths via Lynas",
        ]
        compare = screen.query_one("#compare")
        dy = next(r for r in screen.rows if r.label == "Dy")
        assert dy.differs == (False, True)
        rows_all = compare.row_count
        await pilot.press("d")
        assert compare.row_count < rows_all  # only the differences left
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_compare_edits_with_the_saved_version(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot)
        app.screen.query_one(ElementTable).select("Dy", "lynas")
        await pilot.press("right_square_bracket")
        app.action_compare_saved()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert [c.label for c in screen.columns] == ["as saved", "open plan (edited)"]
        dy = next(r for r in screen.rows if r.label == "Dy")
        assert dy.cells[0].startswith("70/20/10") and dy.differs[1]
        assert "25" in dy.cells[1]
        legend = str(screen.query_one("#compare-legend").render())
        assert "1 element differs." in legend


LONG = "Heavy rare earths via Lynas, with recycling from 2027 on"


def long_named_plans(count: int) -> list[Path]:
    """Copies of the diversified plan whose names are ~55 characters long."""
    text = Path("plans/diversified.toml").read_text()
    paths = []
    for i in range(count):
        path = Path(f"plans/long-{i}.toml")
        path.write_text(text.replace('"Heavy rare earths via Lynas"', f'"{LONG} {i}"'))
        paths.append(path)
    return paths


def visible_plan_columns(screen: CompareScreen) -> int:
    """How many plan columns lie entirely inside the table's width."""
    table = screen.query_one("#compare")
    right, count = 0, 0
    for i, column in enumerate(table.ordered_columns):
        right += column.get_render_width(table)
        if i > 0 and right <= table.size.width:
            count += 1
    return count


async def test_compare_shows_two_plans_at_80_columns_and_more_when_wider(workdir: Path) -> None:
    paths = long_named_plans(4)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        app.show_compare((OpenVersion.CURRENT, paths[0]))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert visible_plan_columns(screen) == 2
        header = screen.query_one("#compare").ordered_columns[2].label.plain
        assert header.endswith("…") and LONG[:10] in header
        # the cursor starts on the first figure; its row is written in full under the table
        detail = str(screen.query_one("#compare-detail").render())
        assert "China exposure" in detail and "long-0.toml" in detail
        await pilot.press("down")
        assert "as bought" in str(screen.query_one("#compare-detail").render())
    wide = make_app()
    async with wide.run_test(size=(140, 40)) as pilot:
        await ready(pilot)
        wide.show_compare((OpenVersion.CURRENT, *paths))
        await settle(pilot)
        assert visible_plan_columns(wide.screen) == 5


async def test_stress_add_edit_remove(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, StressScreen)
        assert app.screen.query_one("#stress-table").row_count == 2  # base + one case
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, StressForm)
        await pilot.click("#preset-licence")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, StressScreen)
        plan = app.session.plan
        assert [c.name for c in plan.stress][-1] == "Licence lag on the April-2025 list"
        assert len(app.session.evaluation.stress_cases) == 2
        assert "Licence lag" in str(main.query_one(HeadlinePanel).render())
        # edit the new case: 6 months instead of 2
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, StressForm)
        form.query_one("#months").value = "6"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.session.plan.stress[-1].months == 6
        short_6 = app.session.evaluation.stress_cases[-1].portfolio.shortfall_t
        # delete the first case
        table = app.screen.query_one("#stress-table")
        table.move_cursor(row=1)
        await pilot.press("d")
        await settle(pilot)
        assert [c.name for c in app.session.plan.stress] == ["Licence lag on the April-2025 list"]
        assert app.session.evaluation.stress_cases[0].portfolio.shortfall_t == short_6
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("ctrl+z")
        assert len(app.session.plan.stress) == 2  # the delete is one undo step


async def test_stress_form_hints_do_not_look_like_values(workdir: Path) -> None:
    """An empty field shows an "e.g." hint, dim and italic, unlike a typed value."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("x", "a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, StressForm)
        start, months = form.query_one("#start"), form.query_one("#months")
        assert start.value == "" and start.placeholder.startswith("e.g. ")
        assert not is_period(start.placeholder)
        hint = start.get_component_rich_style("input--placeholder")
        assert hint.italic
        assert hint.color != months.rich_style.color  # the value "2" is drawn brighter
        assert form.query_one("#name").placeholder.startswith("e.g. ")
        await pilot.press("ctrl+s")  # a hint is not a value: applying asks for them
        await pilot.pause()
        assert isinstance(app.screen, StressForm)
        assert "name" in str(form.query_one("#stress-error").render())


async def test_stress_form_rejects_bad_input(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot)
        await pilot.press("x", "a")
        await pilot.pause()
        form = app.screen
        form.query_one("#name").value = "Bad"
        form.query_one("#start").value = "2027Q5"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, StressForm)
        assert "start" in str(form.query_one("#stress-error").render())
        form.query_one("#start").value = "2027Q1"
        form.query_one("#elements").value = "Dy, Xx"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Xx" in str(form.query_one("#stress-error").render())
        form.query_one("#elements").value = "Dy"
        form.query_one("#start").value = "2035Q1"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "outside the dataset's quarters" in str(form.query_one("#stress-error").render())
        form.query_one("#start").value = "2027Q1"
        form.query_one("#severity").value = "0"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "above 0" in str(form.query_one("#stress-error").render())
        form.query_one("#severity").value = "100"
        form.query_one("#name").value = "base"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "without disruption" in str(form.query_one("#stress-error").render())
        assert isinstance(app.screen, StressForm)
        assert len(app.session.plan.stress) == 1


async def test_help_lists_the_keys(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(str(w.render()) for w in app.screen.query(".help-guide"))
        assert "ctrl+z" in text
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_palette_jumps_to_an_element(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"jump to Tb")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        assert main.query_one(ElementTable).element == "Tb"


async def test_palette_runs_an_action(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"stress: cases")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, StressScreen)


async def test_chart_cycles_through_cases(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        main = app.screen
        main.query_one(ElementTable).select("La")  # no stock: the embargo leaves it short
        await pilot.press("v")
        chart = main.query_one("#chart")
        assert chart.data.case == "China embargo, 2 months"
        assert any(v > 0 for v in chart.data.shortfall_t)
        assert "▲" in chart.text
        await pilot.press("v")
        assert chart.data.case == "base"


async def test_wide_terminal_gives_the_chart_the_spare_room(workdir: Path) -> None:
    """At 140×45 the chart spans the width left of the headline: its legend is whole."""
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        main = app.screen
        main.query_one(ElementTable).select("Dy", "lynas")
        await pilot.pause()
        chart, table = main.query_one("#chart"), main.query_one(ElementTable)
        headline = main.query_one(HeadlinePanel)
        legend = chart.text.splitlines()[0]
        assert legend.rstrip().endswith("△ stock") and "…" not in legend
        assert chart.region.right >= headline.region.x - 2  # no columns left empty
        assert table.region.height <= len(app.session.dataset.elements) + 2  # no empty rows
        assert chart.region.height >= 18


async def test_stress_form_lists_every_error_with_suggestions(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("x", "a")
        await pilot.pause()
        form = app.screen
        form.query_one("#start").value = "2027Q9"
        form.query_one("#months").value = "0"
        form.query_one("#elements").value = "Dyy, Tb"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, StressForm)
        shown = str(form.query_one("#stress-error").render())
        for field in ("name:", "start:", "months:", "elements:"):
            assert field in shown, field
        assert "Dyy is not in the dataset; did you mean 'Dy'?" in shown


async def test_compare_names_each_plans_worst_case(workdir: Path) -> None:
    """Two plans' worst figures may come from different stress cases: each is named."""
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot)
        app.show_compare((OpenVersion.CURRENT, Path("plans/diversified.toml")))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        worst = next(r for r in screen.rows if r.label == "Worst days short")
        assert worst.cells[0].endswith("(China embargo, 2 months)")


async def test_stress_form_refuses_a_case_past_the_limit(workdir: Path) -> None:
    from tui.planfile.schema import MAX_STRESS_CASES

    path = Path("plans/many.toml")
    cases = "".join(
        f'\n[[stress]]\nname = "c{i}"\nsource = "china"\nstart = "2027Q1"\nmonths = 1\n'
        for i in range(MAX_STRESS_CASES - 1)
    )
    path.write_text(Path("plans/baseline.toml").read_text() + cases)
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert len(app.session.plan.stress) == MAX_STRESS_CASES
        await pilot.press("x", "a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, StressForm)
        form.query_one("#name").value = "one more"
        form.query_one("#start").value = "2027Q1"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, StressForm)
        assert f"at most {MAX_STRESS_CASES}" in str(form.query_one("#stress-error").render())
        assert len(app.session.plan.stress) == MAX_STRESS_CASES
