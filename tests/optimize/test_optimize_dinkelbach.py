"""Dinkelbach's algorithm: closed forms, grid search, a cvxpy inner problem, statuses."""

from __future__ import annotations

import math

import cvxpy as cp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirelesseff.optimize import (
    ParametricProblem,
    SolveResult,
    dinkelbach,
    lambertw_ratio_argmax,
)


# --- single-link EE: max log2(1 + a p) / (p/mu + Pc) on [0, Pmax] ------------------------------
def _single_link(a, mu, pc, pmax):
    def inner(lam):  # argmax log2(1 + a p) - lam (p/mu + pc): water level mu/(lam ln 2)
        if lam <= 0:
            return pmax
        return float(np.clip(mu / (lam * math.log(2)) - 1.0 / a, 0.0, pmax))

    return inner, (lambda p: math.log2(1 + a * p)), (lambda p: p / mu + pc)


def _closed_form_power(a, mu, pc, pmax):
    """Lambert-W optimum (x = 1 + a p maximises ln x / (x + a mu Pc - 1)), clipped to Pmax."""
    x = float(lambertw_ratio_argmax(a * mu * pc - 1.0))
    return min((x - 1.0) / a, pmax)


def test_single_link_matches_fine_grid_search():
    a, mu, pc, pmax = 1e3, 0.4, 10.0, 1.0  # SNR gain 30 dB/W, PA 40 %, 10 W circuit power
    res = dinkelbach(*_single_link(a, mu, pc, pmax))
    p = np.linspace(0.0, pmax, 1_000_001)
    ee = np.log2(1 + a * p) / (p / mu + pc)
    assert res.status == "optimal"
    assert res.value == pytest.approx(ee.max(), rel=1e-9)
    assert float(res["x"]) == pytest.approx(p[ee.argmax()], abs=2e-6)
    assert res.value >= ee.max() * (1 - 1e-12)  # never worse than the grid


def test_single_link_matches_lambertw_closed_form():
    a, mu, pc, pmax = 50.0, 0.35, 2.0, 10.0
    res = dinkelbach(*_single_link(a, mu, pc, pmax), tol=1e-12)
    p_star = _closed_form_power(a, mu, pc, pmax)
    assert float(res["x"]) == pytest.approx(p_star, rel=1e-8)
    assert res.value == pytest.approx(math.log2(1 + a * p_star) / (p_star / mu + pc), rel=1e-12)


def test_power_limited_case_returns_pmax():
    a, mu, pc, pmax = 1.0, 0.5, 100.0, 0.3  # huge circuit power: the optimum is at Pmax
    res = dinkelbach(*_single_link(a, mu, pc, pmax))
    assert float(res["x"]) == pytest.approx(pmax)
    assert _closed_form_power(a, mu, pc, pmax) == pytest.approx(pmax)


@settings(max_examples=60, deadline=None)
@given(
    a=st.floats(1e-2, 1e5),
    mu=st.floats(0.05, 1.0),
    pc=st.floats(1e-3, 1e2),
    pmax=st.floats(1e-2, 1e2),
)
def test_history_non_decreasing_and_optimum_matches_closed_form(a, mu, pc, pmax):
    res = dinkelbach(*_single_link(a, mu, pc, pmax), tol=1e-12)
    assert res.status == "optimal"
    assert np.all(np.diff(res.history) >= 0.0)
    assert res.history[-1] == res.value
    p_star = _closed_form_power(a, mu, pc, pmax)
    ee_star = math.log2(1 + a * p_star) / (p_star / mu + pc)
    assert res.value == pytest.approx(ee_star, rel=1e-9)
    assert res.iterations <= 25  # Newton on F: a handful of steps even from far away


def test_superlinear_convergence_gap_shrinks_fast():
    a, mu, pc, pmax = 1e3, 0.4, 10.0, 1.0
    res = dinkelbach(*_single_link(a, mu, pc, pmax), tol=1e-14)
    gaps = res.value - res.history[:-1]
    gaps = gaps[gaps > 1e-13 * res.value]
    # each step at least squares the relative gap (after the first), i.e. faster than linear
    rel = gaps / res.value
    assert all(r2 <= max(10 * r1**1.5, 1e-12) for r1, r2 in zip(rel[1:], rel[2:]))


def test_negative_optimal_ratio_with_default_start():
    # max -(1 + x^2)/(1 + x) on [0, 2]: optimum at x = sqrt(2) - 1, ratio 2 - 2 sqrt(2)
    res = dinkelbach(lambda lam: float(np.clip(-lam / 2.0, 0.0, 2.0)),
                     lambda x: -(1.0 + x**2), lambda x: 1.0 + x, tol=1e-12)
    assert res.status == "optimal"
    assert res.value == pytest.approx(2.0 - 2.0 * math.sqrt(2.0), rel=1e-10)
    assert float(res["x"]) == pytest.approx(math.sqrt(2.0) - 1.0, rel=1e-6)
    assert np.all(np.diff(res.history[1:]) >= 0)
    assert "exceeds the optimal ratio" in res.message


def test_lambda0_above_optimum_still_converges_and_says_so():
    inner, num, den = _single_link(100.0, 0.5, 1.0, 5.0)
    ref = dinkelbach(inner, num, den)
    res = dinkelbach(inner, num, den, lambda0=10 * ref.value)
    assert res.value == pytest.approx(ref.value, rel=1e-10)
    assert res.history[1] < res.history[0]
    assert np.all(np.diff(res.history[1:]) >= 0)
    assert "lambda0" in res.message


def test_lambda0_from_a_feasible_point_saves_iterations():
    inner, num, den = _single_link(100.0, 0.5, 1.0, 5.0)
    ref = dinkelbach(inner, num, den)
    warm = dinkelbach(inner, num, den, lambda0=num(0.1) / den(0.1))
    assert warm.value == pytest.approx(ref.value, rel=1e-10)
    assert warm.iterations <= ref.iterations


def test_max_iter_reached_is_optimal_inaccurate():
    res = dinkelbach(*_single_link(1e3, 0.4, 10.0, 1.0), max_iter=1)
    assert res.status == "optimal_inaccurate" and "max_iter" in res.message
    assert res.ok and res.iterations == 1


def test_inner_returning_none_is_infeasible():
    res = dinkelbach(lambda lam: None, lambda x: 1.0, lambda x: 1.0)
    assert res.status == "infeasible" and res.value == -math.inf and not res.ok


def test_non_positive_denominator_is_reported_not_raised():
    res = dinkelbach(lambda lam: 1.0, lambda x: 1.0, lambda x: 0.0)
    assert res.status == "solver_error" and "denominator" in res.message


@pytest.mark.parametrize(("kw", "name"), [({"tol": 0.0}, "tol"), ({"tol": -1.0}, "tol"),
                                          ({"tol": math.inf}, "tol"), ({"tol": 1.0}, "tol"),
                                          ({"max_iter": 0}, "max_iter"),
                                          ({"max_iter": 10**12}, "max_iter"),
                                          ({"lambda0": math.nan}, "lambda0"),
                                          ({"lambda0": math.inf}, "lambda0")])
def test_rejects_bad_settings_before_any_inner_solve(kw, name):
    calls = []

    def inner(lam):
        calls.append(lam)
        return 1.0

    with pytest.raises(ValueError, match=name):
        dinkelbach(inner, lambda x: 1.0, lambda x: 1.0, **kw)
    assert not calls


# --- cvxpy inner problem: EE of parallel channels with a sum-power budget --------------------
def _waterfill_rate(gains, p_total):
    """Max sum rate sum log2(1 + g_i p_i) s.t. sum p_i = P, for every P of an array.

    Water-filling p_i = max(nu - 1/g_i, 0) with the level nu found by bisection.
    """
    p_total = np.asarray(p_total, dtype=float)[:, None]
    lo = np.zeros_like(p_total)
    hi = p_total + 1.0 / gains.min()
    for _ in range(100):
        nu = 0.5 * (lo + hi)
        over = np.maximum(nu - 1.0 / gains, 0.0).sum(axis=1, keepdims=True) > p_total
        hi = np.where(over, nu, hi)
        lo = np.where(over, lo, nu)
    p = np.maximum(lo - 1.0 / gains, 0.0)
    return np.log2(1.0 + gains * p).sum(axis=1)


def _ee_inner_problem(gains, mu, pc, pmax):
    p = cp.Variable(gains.size, name="p", nonneg=True)
    lam = cp.Parameter(name="lam", nonneg=True)
    rate = cp.sum(cp.log(1.0 + cp.multiply(gains, p))) / math.log(2.0)
    prob = cp.Problem(cp.Maximize(rate - lam * (cp.sum(p) / mu + pc)), [cp.sum(p) <= pmax])
    return ParametricProblem(prob)


def test_cvxpy_inner_problem_matches_waterfilling_grid_search():
    gains = np.array([8.0, 3.0, 1.0, 0.2])  # SNR per watt of four sub-channels [1/W]
    mu, pc, pmax = 0.5, 0.5, 4.0
    pp = _ee_inner_problem(gains, mu, pc, pmax)
    res = dinkelbach(lambda lam: pp.solve(lam=lam),
                     lambda v: np.log2(1.0 + gains * v["p"]).sum(),
                     lambda v: v["p"].sum() / mu + pc)
    p_tot = np.linspace(0.0, pmax, 20_001)
    ee = _waterfill_rate(gains, p_tot) / (p_tot / mu + pc)
    assert res.ok
    assert res.value == pytest.approx(ee.max(), rel=1e-6)
    assert res["p"].sum() == pytest.approx(p_tot[ee.argmax()], abs=2 * pmax / 20_000)
    assert np.all(np.diff(res.history) >= 0.0)
    assert pp.n_compilations == 1 and pp.n_solves == res.iterations
    assert set(res.info["inner_solvers"]) == {"CLARABEL"}


def test_cvxpy_inner_infeasible_propagates_status():
    p = cp.Variable(name="p")
    lam = cp.Parameter(name="lam", nonneg=True)
    pmin = cp.Parameter(name="pmin")
    pp = ParametricProblem(cp.Problem(cp.Maximize(cp.log(1 + p) - lam * (p + 1)),
                                      [p >= pmin, p <= 1.0]))
    pp.solve(lam=0.0, pmin=2.0)  # assign pmin once: infeasible (2 <= p <= 1)
    res = dinkelbach(lambda lam: pp.solve(lam=lam), lambda v: np.log(1 + v["p"]),
                     lambda v: v["p"] + 1)
    assert res.status == "infeasible" and res.value == -math.inf
    assert "inner problem infeasible" in res.message


def test_inner_solveresult_inaccurate_makes_result_inaccurate():
    def inner(lam):
        return SolveResult("optimal_inaccurate", 0.0, {"x": np.array(1.0)}, solver="SCS")

    res = dinkelbach(inner, lambda v: float(v["x"]), lambda v: 2.0)
    assert res.status == "optimal_inaccurate" and res.value == pytest.approx(0.5)


def test_rejects_non_callables_and_array_settings_naming_them():
    for name, args in (("solve_inner", (None, lambda x: 1.0, lambda x: 1.0)),
                       ("numerator", (lambda lam: 1.0, "N", lambda x: 1.0)),
                       ("denominator", (lambda lam: 1.0, lambda x: 1.0, 3.0))):
        with pytest.raises(TypeError, match=name):
            dinkelbach(*args)
    with pytest.raises(TypeError, match="tol"):
        dinkelbach(lambda lam: 1.0, lambda x: 1.0, lambda x: 1.0, tol=np.array([]))
    with pytest.raises(TypeError, match="lambda0"):
        dinkelbach(lambda lam: 1.0, lambda x: 1.0, lambda x: 1.0, lambda0=[0.0, 1.0])
