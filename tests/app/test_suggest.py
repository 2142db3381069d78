"""Suggest in the app: fill the form, solve in a worker, review the diff, accept, undo."""

from __future__ import annotations

from textual.widgets import Button, Input, Static

from tests.app.conftest import make_app, ready, settle
from tui.app.screens.main import MainScreen
from tui.app.screens.suggest import SuggestScreen


async def _solved(pilot, screen: SuggestScreen) -> str:
    for worker in list(pilot.app.workers):
        if worker.group == "suggest":
            await worker.wait()
    await settle(pilot)
    return str(screen.query_one("#suggest-result", Static).content)


async def test_suggest_review_accept_and_undo(workdir) -> None:
    app = make_app("plans/diversified.toml")
    async with app.run_test(size=(130, 45)) as pilot:
        await ready(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        before = main.session.plan
        await pilot.press("g")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SuggestScreen)
        assert screen.query_one("#target", Input).value == "50"  # from the plan

        await pilot.click("#solve")
        text = await _solved(pilot, screen)
        assert text.startswith("Suggestion: least cost under 50% China exposure")
        assert "Plan changes" in text and "One more point of exposure reduction" in text
        assert screen.query_one("#accept", Button).disabled is False

        await pilot.click("#accept")
        await settle(pilot)
        assert app.screen is main
        after = main.session.plan
        assert after != before
        assert main.session.history.undo_label == "suggested split"
        exposure = main.session.evaluation.base.portfolio.china_exposure
        assert exposure is not None and exposure <= 0.5 + 1e-9
        assert after.elements["Nd"].note == "suggested: least cost under 50% China exposure"

        await pilot.press("u")  # one edit: one undo brings the plan back
        await settle(pilot)
        assert main.session.plan == before


async def test_no_split_is_explained_and_cannot_be_accepted(workdir) -> None:
    app = make_app("plans/diversified.toml")
    async with app.run_test(size=(130, 45)) as pilot:
        await ready(pilot)
        main = app.screen
        before = main.session.plan
        await pilot.press("g")
        await settle(pilot)
        screen = app.screen
        screen.query_one("#target", Input).value = "10"
        await pilot.click("#solve")
        text = await _solved(pilot, screen)
        assert text.startswith("no split meets the limits")
        assert "lowest China exposure reachable under the other limits" in text
        assert screen.query_one("#accept", Button).disabled is True
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is main and main.session.plan == before


async def test_a_wrong_limit_is_said_in_the_form(workdir) -> None:
    app = make_app("plans/diversified.toml")
    async with app.run_test(size=(130, 45)) as pilot:
        await ready(pilot)
        await pilot.press("g")
        await settle(pilot)
        screen = app.screen
        screen.query_one("#keep", Input).value = "Nd, Xx"
        await pilot.click("#solve")
        await settle(pilot)
        error = str(screen.query_one("#suggest-error", Static).content)
        assert error == "keep: no element 'Xx' in the dataset"
        assert screen.query_one("#suggest-scroll").display is False


async def test_closing_while_it_solves_leaves_the_plan_alone(workdir) -> None:
    app = make_app("plans/diversified.toml")
    async with app.run_test(size=(130, 45)) as pilot:
        await ready(pilot)
        main = app.screen
        before = main.session.plan
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("ctrl+s")  # solve, then close at once
        await pilot.press("escape")
        for worker in list(app.workers):
            if worker.group == "suggest":
                await worker.wait()
        await settle(pilot)
        assert app.screen is main and main.session.plan == before
