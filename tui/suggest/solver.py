"""The one module that talks to the LP solver, HiGHS through ``highspy``.

Why highspy and not ``scipy.optimize.linprog(method="highs")``, which runs the same
solver: highspy is an 8 MB wheel that imports in about 0.08 s, scipy a 216 MB one
that takes about 0.6 s to import linprog — and a suggestion must come back in well
under a second from the command line. highspy also solves the integer form of the
model (shares in whole tenths of a percent), which linprog does not.

It is imported only when a suggestion is asked for, never by ``evaluate`` or at the
app's start. The low-level ``_Highs`` class is used because the public ``Highs``
class prints a licence banner on the terminal as it is built, before any option can
turn output off; here ``output_flag`` is set off first thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tui.suggest.model import Programme

MIP_TIME_LIMIT_S = 20.0
_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Solution:
    status: str  # "optimal", "infeasible" or another HiGHS model status, lower case
    values: tuple[float, ...]
    objective: float
    row_duals: tuple[float, ...]

    @property
    def optimal(self) -> bool:
        return self.status == "optimal"


def solve(programme: Programme) -> Solution:
    """Solve ``programme`` (minimise); integer columns make it a mixed-integer programme."""
    if not programme.cost:
        return _without_unknowns(programme)
    import numpy as np
    from highspy._core import HighsLp, HighsModelStatus, HighsVarType, MatrixFormat, _Highs

    highs: Any = _Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("primal_feasibility_tolerance", _TOLERANCE)
    highs.setOptionValue("mip_feasibility_tolerance", _TOLERANCE)
    highs.setOptionValue("mip_rel_gap", 1e-9)
    highs.setOptionValue("time_limit", MIP_TIME_LIMIT_S)
    highs.setOptionValue("threads", 1)

    lp = HighsLp()
    lp.num_col_ = len(programme.cost)
    lp.num_row_ = len(programme.rows)
    lp.col_cost_ = np.asarray(programme.cost, dtype=np.float64)
    lp.col_lower_ = np.asarray(programme.lower, dtype=np.float64)
    lp.col_upper_ = np.asarray(programme.upper, dtype=np.float64)
    lp.row_lower_ = np.asarray(programme.row_lower, dtype=np.float64)
    lp.row_upper_ = np.asarray(programme.row_upper, dtype=np.float64)
    lp.offset_ = programme.offset
    starts, indices, values = [0], [], []
    for entries in programme.rows:
        for column, value in entries:
            indices.append(column)
            values.append(value)
        starts.append(len(indices))
    matrix = lp.a_matrix_
    matrix.format_ = MatrixFormat.kRowwise
    matrix.num_col_ = lp.num_col_
    matrix.num_row_ = lp.num_row_
    matrix.start_ = np.asarray(starts, dtype=np.int32)
    matrix.index_ = np.asarray(indices, dtype=np.int32)
    matrix.value_ = np.asarray(values, dtype=np.float64)
    if any(programme.integer):
        lp.integrality_ = [
            HighsVarType.kInteger if flag else HighsVarType.kContinuous
            for flag in programme.integer
        ]
    highs.passModel(lp)
    highs.run()
    status = highs.getModelStatus()
    solution = highs.getSolution()
    found = status == HighsModelStatus.kOptimal or (
        status == HighsModelStatus.kTimeLimit and solution.value_valid
    )
    name = "optimal" if found else highs.modelStatusToString(status).lower()
    return Solution(
        status=name,
        values=tuple(solution.col_value) if found else (),
        objective=float(highs.getInfo().objective_function_value) if found else 0.0,
        row_duals=tuple(solution.row_dual) if found and solution.dual_valid else (),
    )


def _without_unknowns(programme: Programme) -> Solution:
    """Nothing to choose (no demand anywhere): feasible when every row holds at zero."""
    holds = all(
        low <= _TOLERANCE and high >= -_TOLERANCE
        for low, high in zip(programme.row_lower, programme.row_upper, strict=True)
    )
    if not holds:
        return Solution("infeasible", (), 0.0, ())
    return Solution("optimal", (), programme.offset, (0.0,) * len(programme.rows))
