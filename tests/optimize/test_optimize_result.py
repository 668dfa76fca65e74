"""SolveResult and the cvxpy status mapping."""

from __future__ import annotations

import math

import numpy as np
import pytest

from wirelesseff.optimize import OK_STATUSES, STATUSES, SolveResult, map_cvxpy_status


def test_statuses_are_exactly_the_documented_set():
    assert STATUSES == ("optimal", "optimal_inaccurate", "infeasible", "unbounded",
                        "solver_error")
    assert set(OK_STATUSES) == {"optimal", "optimal_inaccurate"}


@pytest.mark.parametrize(
    ("cvx", "ours"),
    [
        ("optimal", "optimal"),
        ("optimal_inaccurate", "optimal_inaccurate"),
        ("infeasible", "infeasible"),
        ("infeasible_inaccurate", "infeasible"),
        ("unbounded", "unbounded"),
        ("unbounded_inaccurate", "unbounded"),
        ("infeasible_or_unbounded", "infeasible"),
        ("user_limit", "solver_error"),
        ("solver_error", "solver_error"),
        (None, "solver_error"),
        ("something_new", "solver_error"),
    ],
)
def test_every_cvxpy_status_maps_into_the_toolkit_set(cvx, ours):
    status, message = map_cvxpy_status(cvx)
    assert status == ours
    # only exact statuses come without an explanation
    assert (message == "") == (cvx in ("optimal", "infeasible", "unbounded"))


def test_cvxpy_status_constants_are_all_covered():
    import cvxpy.settings as s

    for name in ("OPTIMAL", "OPTIMAL_INACCURATE", "INFEASIBLE", "INFEASIBLE_INACCURATE",
                 "UNBOUNDED", "UNBOUNDED_INACCURATE", "USER_LIMIT", "SOLVER_ERROR",
                 "INFEASIBLE_OR_UNBOUNDED"):
        status, message = map_cvxpy_status(getattr(s, name))
        assert "unrecognised" not in message, name


@pytest.mark.parametrize("status", STATUSES)
def test_ok_property(status):
    assert SolveResult(status).ok == (status in ("optimal", "optimal_inaccurate"))


def test_result_fields_and_item_access():
    r = SolveResult("optimal", 2.0, {"x": np.arange(3.0)}, iterations=7, solve_time=0.1,
                    solver="CLARABEL", history=np.array([0.0, 1.0]), message="m",
                    info={"k": 1})
    np.testing.assert_array_equal(r["x"], [0.0, 1.0, 2.0])
    assert (r.iterations, r.solver, r.message, r.info["k"]) == (7, "CLARABEL", "m", 1)
    assert "CLARABEL" in repr(r) and "x" in repr(r)
    with pytest.raises(AttributeError):
        r.status = "infeasible"  # frozen


def test_defaults_mean_no_solution():
    r = SolveResult("solver_error")
    assert math.isnan(r.value) and r.variables == {} and r.history.size == 0


def test_rejects_unknown_status():
    with pytest.raises(ValueError, match="status"):
        SolveResult("solved")


@pytest.mark.parametrize(("kw", "name"), [({"iterations": -1}, "iterations"),
                                          ({"iterations": 1.5}, "iterations"),
                                          ({"solve_time": np.nan}, "solve_time"),
                                          ({"solve_time": -1.0}, "solve_time"),
                                          ({"solve_time": np.array([])}, "solve_time")])
def test_rejects_bad_counters(kw, name):
    with pytest.raises((ValueError, TypeError), match=name):
        SolveResult("optimal", 1.0, **kw)
