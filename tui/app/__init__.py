"""The Textual app (SPEC §7). ``run_app`` is the only entry point the command line needs.

Importing this package is cheap: Textual is imported inside ``run_app``, after the plan
has started loading in a background thread, so that reading the dataset and starting
the terminal overlap.
"""

from __future__ import annotations

import os
from pathlib import Path

ENGINE_THREADS = "1"
"""Threads polars may use in the app (``POLARS_MAX_THREADS`` overrides it)."""


def configure_process() -> None:
    """Settings the app's process needs before polars is imported.

    The app evaluates a plan on every key press, and each evaluation is a few dozen
    small queries: fanning each out to a thread pool and waiting for it to come back
    costs more than it saves while Textual's event loop and driver threads share the
    cores. Measured with ``python -m bench`` on two cores, a key press took 22 ms with
    one polars thread against 26–29 ms with two on the reference data, and 37 against
    44 ms on the large dataset. The command line keeps polars' default: its one big
    evaluation gains from the threads.
    """
    os.environ.setdefault("POLARS_MAX_THREADS", ENGINE_THREADS)


def run_app(plan_path: Path | None = None, data_dir: Path | None = None) -> int:
    """Open the app on ``plan_path`` (or the default plan); return the exit code."""
    configure_process()
    from concurrent.futures import ThreadPoolExecutor

    from tui.app.loading import load_session

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="replan-load") as pool:
        preloaded = pool.submit(load_session, plan_path, data_dir)
        from tui.app.app import ReplanApp

        app = ReplanApp(plan_path, data_dir, preloaded=preloaded)
        app.run()
    return app.return_code or 0


__all__ = ["configure_process", "run_app"]
