"""The Textual app (SPEC §7). ``run_app`` is the only entry point the command line needs.

Importing this package is cheap: Textual is imported inside ``run_app``, after the plan
has started loading in a background thread, so that reading the dataset and starting
the terminal overlap.
"""

from __future__ import annotations

from pathlib import Path


def run_app(plan_path: Path | None = None, data_dir: Path | None = None) -> int:
    """Open the app on ``plan_path`` (or the default plan); return the exit code."""
    from concurrent.futures import ThreadPoolExecutor

    from tui.app.loading import load_session

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="replan-load") as pool:
        preloaded = pool.submit(load_session, plan_path, data_dir)
        from tui.app.app import ReplanApp

        app = ReplanApp(plan_path, data_dir, preloaded=preloaded)
        app.run()
    return app.return_code or 0


__all__ = ["run_app"]
