"""App figures: key press → repainted screen, and launch → first screen with figures.

Key press → repaint (Pilot, in process). The app runs under Textual's headless driver
at 120×40. ``App._display`` — called once per frame with the compositor's update — is
wrapped so that it also renders the update to terminal escape codes (the work a real
terminal session does and the headless driver skips) and records the time. For each
sample we press ``+`` or ``-`` on a source cell (alternating, so the split moves back
and forth and every press is a real edit), and measure from just before the key is
posted to the last frame drawn for it (no further frame within 40 ms). That covers the
binding, the new plan, the engine's incremental recompute, the widget updates, the
layout and the frame, including the wait for Textual's next frame tick (60 Hz).
Reported: the median over the samples, on the reference data (plans/target-2027.toml)
and on bench/synthetic.py's large dataset (2,000 products × 20 elements × 6 sources ×
40 quarters, 3 stress cases).

Launch → first painted screen (subprocess, pseudo-terminal). A fresh Python process
runs ``run_app`` on a pseudo-terminal of 120×40 in the repository folder (so it opens
plans/baseline.toml, as ``replan`` would); we read what it writes and stop the clock
when the output contains both the table header ("Stress t") and the headline's
"vs all-China" — i.e. the screen with figures has been painted. The median of a few
runs (after one warm-up run for the file cache) is reported. Interpreter start-up
and every import are included. The child may write bytecode (``PYTHONDONTWRITEBYTECODE``
is dropped from its environment), so the runs after the warm-up load compiled modules
as every launch of an installed replan does — pip compiles a package when it installs
it; only an editable install in a shell that forbids bytecode compiles each module
from source at every start.
"""

from __future__ import annotations

import asyncio
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time
from concurrent.futures import Future
from fcntl import ioctl
from pathlib import Path

from bench.timing import row

ROOT = Path(__file__).resolve().parent.parent
SIZE = (120, 40)
QUIET_S = 0.04  # a frame later than this after the last one belongs to something else


async def _keypress_samples(session, element: str, source: str, presses: int) -> list[float]:
    from tui.app.app import ReplanApp
    from tui.app.screens.main import MainScreen
    from tui.app.widgets.element_table import ElementTable

    ready: Future = Future()
    ready.set_result(session)
    app = ReplanApp(preloaded=ready)
    frames: list[float] = []
    samples: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(200):
            await pilot.pause()
            if isinstance(app.screen, MainScreen):
                break
        original = app._display
        console = app.console

        def display(screen, renderable) -> None:
            if renderable is not None:
                renderable.render_segments(console)  # what a real terminal would be sent
                frames.append(time.perf_counter())
            original(screen, renderable)

        app._display = display  # type: ignore[method-assign]
        app.screen.query_one(ElementTable).select(element, source)
        await pilot.pause(0.2)
        for i in range(presses):
            before = app.session.plan
            frames.clear()
            start = time.perf_counter()
            await pilot.press("plus" if i % 2 == 0 else "minus")
            last_count = -1
            while last_count != len(frames) or not frames:
                last_count = len(frames)
                await asyncio.sleep(QUIET_S)
                if time.perf_counter() - start > 2:
                    break
            assert app.session.plan is not before, "the key press did not edit the plan"
            if frames:
                samples.append(frames[-1] - start)
    return samples


def _editable(plan, sources: tuple[str, ...]) -> tuple[str, str]:
    """An element whose own split has two sources or more, and its second source."""
    for element, entry in plan.elements.items():
        if entry.split is not None and len(entry.split.nonzero()) >= 2:
            second = [s for s in sources if s in entry.split.nonzero()][1]
            return element, second
    return next(iter(plan.elements), "Dy"), sources[1]


def keypress_ms(which: str, presses: int = 40) -> float:
    """The median key press, measured in a fresh process set up as ``replan`` sets up
    the app's (``tui.app.configure_process``: settings read when polars is imported,
    which this process has done long before)."""
    result = subprocess.run(
        [sys.executable, "-m", "bench.app_bench", "--keypress", which, str(presses)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"the key-press benchmark failed:\n{result.stderr}")
    return float(result.stdout.split()[-1])


def _keypress_in_this_process(which: str, presses: int) -> float:
    from tui.app import configure_process

    configure_process()
    from tui.session.session import Session

    if which == "reference":
        session = Session.open(ROOT / "plans" / "target-2027.toml")
    else:
        from bench.synthetic import make_dataset, make_plan

        dataset = make_dataset(2000, 20, 6, 40, seed=0)
        plan = make_plan(dataset, n_stress=3, seed=0)
        session = Session(plan, dataset)
    element, source = _editable(session.plan, session.dataset.source_ids)
    samples = asyncio.run(_keypress_samples(session, element, source, presses))
    return statistics.median(samples[3:]) * 1000  # the first presses warm caches


def first_paint_seconds(runs: int = 5) -> float:
    code = "from tui.app import run_app; run_app(None, None)"
    samples = []
    for _ in range(runs + 1):
        samples.append(_time_to_paint([sys.executable, "-c", code]))
    return statistics.median(samples[1:])


def _time_to_paint(command: list[str], timeout: float = 10.0) -> float:
    master, slave = pty.openpty()
    ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env |= {"TERM": "xterm-256color", "COLORTERM": "truecolor"}
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    seen = b""
    elapsed = float("nan")
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    seen += os.read(master, 65536)
                except OSError:
                    break
                if b"Stress t" in seen and b"vs all-China" in seen:
                    elapsed = time.perf_counter() - start
                    break
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        os.close(master)
    if elapsed != elapsed:
        raise RuntimeError("the app did not paint its figures within the time limit")
    return elapsed


def run_app_bench() -> dict[str, float]:
    print("\nApp (Pilot key press → repainted frame; pseudo-terminal launch)")
    reference = keypress_ms("reference")
    print(row("key press → repainted screen, reference data (median)", reference, "ms", "≤ 10"))
    large = keypress_ms("large")
    print(row("key press → repainted screen, large dataset (median)", large, "ms", "≤ 17"))
    launch = first_paint_seconds()
    print(row("launch → first painted screen with figures (median)", launch * 1000, "ms", "≤ 450"))
    return {
        "app_keypress_reference_ms": reference,
        "app_keypress_large_ms": large,
        "app_first_paint_s": launch,
    }


if __name__ == "__main__":
    if sys.argv[1:2] == ["--keypress"]:
        print(_keypress_in_this_process(sys.argv[2], int(sys.argv[3])))
    else:
        run_app_bench()
