"""The benchmark is part of the repository's promises: it must import, and never from tests.

``python -m bench`` imports most of its modules inside functions (so that one part can
run without the others); a moved module then breaks it only when that part runs. Every
import in ``bench/``, function-level ones included, is resolved here instead.
"""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


def _imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


@pytest.mark.parametrize("path", sorted(BENCH.glob("*.py")), ids=lambda p: p.name)
def test_every_bench_import_resolves_and_none_is_test_code(path: Path) -> None:
    for line, module in _imports(path):
        assert module.split(".")[0] != "tests", f"{path.name}:{line} imports test code: {module}"
        assert importlib.util.find_spec(module) is not None, f"{path.name}:{line}: {module}"
