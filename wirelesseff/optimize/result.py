r"""The result type shared by every optimizer of :mod:`wirelesseff.optimize`.

Every optimizer of the toolkit (a cvxpy problem, Dinkelbach's algorithm, a fixed-point iteration,
Gaussian randomisation) returns a :class:`SolveResult`. Optimizers never raise on infeasibility:
the outcome is reported in :attr:`SolveResult.status`, one of :data:`STATUSES`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .._validation import check_choice, check_integer, check_real_scalar

__all__ = ["OK_STATUSES", "STATUSES", "SolveResult", "map_cvxpy_status"]

#: Every status an optimizer of the toolkit can report (docs/optimize.md, "Results and statuses").
STATUSES = ("optimal", "optimal_inaccurate", "infeasible", "unbounded", "solver_error")

#: Statuses for which :attr:`SolveResult.value` and :attr:`SolveResult.variables` hold a solution.
OK_STATUSES = ("optimal", "optimal_inaccurate")

# cvxpy status string -> (toolkit status, explanatory message). cvxpy's "inaccurate" certificates
# of infeasibility/unboundedness are reported as infeasible/unbounded (the solver's best
# judgement), with a message saying the certificate is inaccurate; a user limit (maximum number
# of iterations or time) is a solver error because no certified point is available.
_CVXPY_STATUS_MAP: dict[str, tuple[str, str]] = {
    "optimal": ("optimal", ""),
    "optimal_inaccurate": (
        "optimal_inaccurate",
        "the solver stopped at a point that meets its tolerances only loosely",
    ),
    "infeasible": ("infeasible", ""),
    "infeasible_inaccurate": (
        "infeasible",
        "the solver's certificate of infeasibility is inaccurate",
    ),
    "unbounded": ("unbounded", ""),
    "unbounded_inaccurate": (
        "unbounded",
        "the solver's certificate of unboundedness is inaccurate",
    ),
    "infeasible_or_unbounded": (
        "infeasible",
        "the solver reported 'infeasible or unbounded' without telling which",
    ),
    "user_limit": (
        "solver_error",
        "the solver hit an iteration or time limit before converging",
    ),
    "solver_error": ("solver_error", "the solver failed"),
}


def map_cvxpy_status(status: str | None) -> tuple[str, str]:
    """Translate a cvxpy status string into a toolkit status and an explanatory message.

    Parameters
    ----------
    status : str or None
        ``cvxpy.Problem.status`` after a solve (``None`` if the solve did not run).

    Returns
    -------
    status : str
        One of :data:`STATUSES`.
    message : str
        Why an ``*_inaccurate``/``user_limit``/unknown cvxpy status was mapped the way it was
        (empty for the exact statuses).

    Notes
    -----
    ======================== ======================
    cvxpy status             toolkit status
    ======================== ======================
    optimal                  optimal
    optimal_inaccurate       optimal_inaccurate
    infeasible               infeasible
    infeasible_inaccurate    infeasible (message)
    unbounded                unbounded
    unbounded_inaccurate     unbounded (message)
    infeasible_or_unbounded  infeasible (message)
    user_limit               solver_error (message)
    solver_error, None       solver_error
    ======================== ======================

    Examples
    --------
    >>> map_cvxpy_status("optimal")
    ('optimal', '')
    >>> map_cvxpy_status("infeasible_inaccurate")[0]
    'infeasible'
    >>> map_cvxpy_status("user_limit")[0]
    'solver_error'
    """
    if status is None:
        return "solver_error", "the solver did not return a status"
    return _CVXPY_STATUS_MAP.get(
        str(status), ("solver_error", f"unrecognised cvxpy status {status!r}")
    )


@dataclass(frozen=True)
class SolveResult:
    r"""Outcome of an optimization.

    Parameters
    ----------
    status : str
        One of ``"optimal"``, ``"optimal_inaccurate"``, ``"infeasible"``, ``"unbounded"``,
        ``"solver_error"`` (:data:`STATUSES`).
    value : float
        Optimal objective value in the units of the objective. By cvxpy's convention an
        infeasible minimisation has value ``+inf`` and an infeasible maximisation ``-inf`` (the
        signs swap for unbounded problems); ``nan`` after a solver error.
    variables : dict of str to ndarray
        The optimal point, one array per named variable (copies, safe to keep). Entries are
        ``nan`` where the optimizer produced no point.
    iterations : int
        Iterations of the algorithm (interior-point iterations, Dinkelbach or fixed-point
        iterations, number of randomisation candidates), in [0, 2**63 - 1].
    solve_time : float
        Wall-clock time of the whole call [s], including compilation and solver fall-backs
        (finite, >= 0).
    solver : str
        Name of the solver or algorithm that produced the answer (e.g. ``"CLARABEL"``).
    history : ndarray
        Iteration history, e.g. the non-decreasing Dinkelbach sequence :math:`\lambda_i`.
    message : str
        Human-readable explanation of a non-optimal status (empty when there is nothing to say).
    info : dict
        Optimizer-specific diagnostics (documented by each optimizer).

    Examples
    --------
    >>> r = SolveResult("optimal", 1.5, {"x": np.array([1.0, 2.0])}, solver="CLARABEL")
    >>> r.ok, r["x"]
    (True, array([1., 2.]))
    >>> SolveResult("infeasible", math.inf).ok
    False
    """

    status: str
    value: float = math.nan
    variables: Mapping[str, Any] = field(default_factory=dict)
    iterations: int = 0
    solve_time: float = 0.0
    solver: str = ""
    history: np.ndarray = field(default_factory=lambda: np.empty(0))
    message: str = ""
    info: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        check_choice("status", self.status, STATUSES)
        object.__setattr__(self, "iterations", check_integer("iterations", self.iterations,
                                                             low=0, high=2**63 - 1))
        object.__setattr__(self, "solve_time",
                           check_real_scalar("solve_time", self.solve_time, 0.0))

    @property
    def ok(self) -> bool:
        """``True`` when the status is ``"optimal"`` or ``"optimal_inaccurate"``."""
        return self.status in OK_STATUSES

    def __getitem__(self, name: str) -> Any:
        """Shortcut for ``result.variables[name]``."""
        return self.variables[name]

    def __repr__(self) -> str:
        names = ", ".join(self.variables)
        extra = f", message={self.message!r}" if self.message else ""
        return (
            f"SolveResult(status={self.status!r}, value={self.value:.6g}, "
            f"variables=[{names}], iterations={self.iterations}, solver={self.solver!r}, "
            f"solve_time={self.solve_time:.3g}{extra})"
        )
