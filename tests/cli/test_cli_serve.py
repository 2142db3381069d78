"""``replan serve``: the app's page over HTTP on this machine, then a clean stop."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from tests.cli.runner import REPO, TINY_PLAN, replan
from tui.cli.sheets import serve_command


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str, deadline: float) -> tuple[int, str]:
    """The page once the server answers (it takes a moment to start)."""
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_serve_gives_the_page_and_stops_on_interrupt() -> None:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    server = subprocess.Popen(
        [sys.executable, "-m", "tui.cli.main", "serve", str(TINY_PLAN), "--port", str(port)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        status, page = _fetch(f"http://127.0.0.1:{port}/", time.monotonic() + 60)
        assert status == 200
        assert "<html" in page.lower() and "textual" in page.lower()
    finally:
        server.send_signal(signal.SIGINT)
        try:
            out, err = server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            out, err = server.communicate()
            raise AssertionError(f"the server did not stop on Ctrl+C: {err}") from None
    assert server.returncode == 0, err
    assert f"http://127.0.0.1:{port}" in out
    assert "Traceback" not in err


def test_serve_binds_to_this_machine_by_default() -> None:
    from tui.cli.main import build_parser

    args = build_parser().parse_args(["serve"])
    assert args.host == "127.0.0.1"


def test_served_command_opens_the_plan_with_the_same_options(tmp_path: object) -> None:
    command = serve_command(str(TINY_PLAN), REPO / "data")
    assert command.endswith(f"--data-dir {REPO / 'data'} open {TINY_PLAN}")
    assert "-m tui.cli.main" in command


def test_serve_of_a_missing_plan_is_refused() -> None:
    result = replan("serve", "nosuch.toml", "--port", str(_free_port()))
    assert result.returncode == 1
    assert result.stderr.strip() == "nosuch.toml: no such plan file"
