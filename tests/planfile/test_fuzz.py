"""Whatever bytes a plan file holds, reading it gives a Plan or a PlanError — nothing else."""

from __future__ import annotations

import copy

import tomli_w
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.planfile.strategies import plans, toml_documents, toml_values
from tests.properties import examples
from tui.domain.errors import PlanError, Problem
from tui.domain.plan import Plan
from tui.planfile import parse_plan
from tui.planfile.writer import plan_document

FUZZ = settings(
    max_examples=examples(1.25), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def read_or_error(data: bytes) -> Plan | PlanError:
    """Parse, turning PlanError into a value; any other exception fails the test."""
    try:
        plan = parse_plan(data, "fuzz.toml")
    except PlanError as error:
        assert error.problems, "a PlanError must say what is wrong"
        assert all(isinstance(p, Problem) and p.file == "fuzz.toml" for p in error.problems)
        assert all(p.message for p in error.problems)
        return error
    assert isinstance(plan, Plan)
    return plan


@FUZZ
@given(st.binary(max_size=2_000))
@example(b"\xef\xbb\xbf")
@example(b"\xff\xfe\x00")
@example(b"x = " + b"[" * 600)
@example(b"x = 1" + b"0" * 5_000)
@example(b"[a]\n[a]")
def test_arbitrary_bytes_give_only_plan_errors(data: bytes) -> None:
    read_or_error(data)


@FUZZ
@given(st.text(max_size=2_000))
def test_arbitrary_text_gives_only_plan_errors(text: str) -> None:
    read_or_error(text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(toml_documents)
def test_arbitrary_toml_documents_give_only_plan_errors(document: dict) -> None:
    read_or_error(tomli_w.dumps(document).encode())


def _paths(node: object, prefix: tuple = ()) -> list[tuple]:
    """Every path to a value inside a document (keys and list indexes)."""
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend(_paths(value, (*prefix, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(_paths(value, (*prefix, index)))
    return found


@settings(FUZZ, max_examples=examples(0.75))
@given(plan=plans(), data=st.data())
def test_valid_plans_with_one_value_broken_give_only_plan_errors(
    plan: Plan, data: st.DataObject
) -> None:
    """Near-valid documents reach deep into the validator, where arbitrary bytes rarely go."""
    document = copy.deepcopy(plan_document(plan))
    for _ in range(data.draw(st.integers(1, 3))):
        paths = _paths(document)
        path = data.draw(st.sampled_from(paths))
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[path[-1]] = data.draw(toml_values(max_leaves=5))
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[data.draw(st.text(max_size=12))] = data.draw(toml_values(max_leaves=5))
    outcome = read_or_error(tomli_w.dumps(document).encode())
    if isinstance(outcome, Plan):  # whatever the mutation left valid must read back the same
        assert parse_plan(tomli_w.dumps(plan_document(outcome)).encode(), "again.toml") == outcome
