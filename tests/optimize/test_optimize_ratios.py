"""Fractional programming over cvxpy expressions: maximize_ratio, maximize_min_ratio,
maximize_sum_of_ratios (known optima, grids, closed forms, agreement of the methods, statuses)."""

from __future__ import annotations

import math

import cvxpy as cp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirelesseff.optimize import maximize_min_ratio, maximize_ratio, maximize_sum_of_ratios
from wirelesseff.optimize.ratios import _collect_variables, _persp_constraint, _SingleRatio

METHODS = ("charnes_cooper", "dinkelbach")


# --- textbook linear-fractional programs -------------------------------------------------------
def _lfp_handout():
    """min (-2x1 + x2 + 2)/(x1 + 3x2 + 4) s.t. -x1 + x2 <= 4, 2x1 + x2 <= 14, x2 <= 6, x >= 0,
    written as the maximisation of the negated ratio."""
    x = cp.Variable(2, name="x", nonneg=True)
    return x, 2 * x[0] - x[1] - 2, x[0] + 3 * x[1] + 4, [-x[0] + x[1] <= 4,
                                                        2 * x[0] + x[1] <= 14, x[1] <= 6]


@pytest.mark.parametrize("method", [*METHODS, "auto"])
def test_linear_fractional_textbook_example_optimum_7_0(method):
    # Optimum x* = (7, 0) with ratio -12/11 (tests/reference_values/optimize.py has the source)
    x, num, den, cons = _lfp_handout()
    res = maximize_ratio(num, den, cons, method=method)
    assert res.status == "optimal"
    assert res.value == pytest.approx(12 / 11, rel=1e-8)
    np.testing.assert_allclose(res["x"], [7.0, 0.0], atol=1e-6)
    assert res.info["violation"] <= 1e-6
    if method != "dinkelbach":
        assert res.info["method"] == "charnes_cooper"


def test_linear_fractional_optimum_is_a_vertex_found_by_enumeration():
    """Independent check of the textbook optimum: the best of all feasible vertices."""
    A = np.array([[-1.0, 1.0], [2.0, 1.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])
    b = np.array([4.0, 14.0, 6.0, 0.0, 0.0])
    best = -math.inf
    for i in range(5):
        for j in range(i + 1, 5):
            M = A[[i, j]]
            if abs(np.linalg.det(M)) < 1e-12:
                continue
            v = np.linalg.solve(M, b[[i, j]])
            if np.all(A @ v <= b + 1e-9):
                best = max(best, (2 * v[0] - v[1] - 2) / (v[0] + 3 * v[1] + 4))
    x, num, den, cons = _lfp_handout()
    assert maximize_ratio(num, den, cons).value == pytest.approx(best, rel=1e-8)


# --- concave / convex ratios vs grids -----------------------------------------------------------
def test_concave_over_affine_matches_a_fine_2d_grid():
    y = cp.Variable(2, name="y", nonneg=True)
    num = cp.log(1 + 3 * y[0]) + cp.sqrt(y[1] + 1)
    den = 0.5 * y[0] + y[1] + 0.8
    cons = [y[0] + 2 * y[1] <= 3]
    g = np.linspace(0.0, 3.0, 1501)
    Y0, Y1 = np.meshgrid(g, g / 2, indexing="ij")
    ratio = (np.log1p(3 * Y0) + np.sqrt(Y1 + 1)) / (0.5 * Y0 + Y1 + 0.8)
    grid_best = float(np.max(np.where(Y0 + 2 * Y1 <= 3, ratio, -np.inf)))
    results = [maximize_ratio(num, den, cons, method=m) for m in METHODS]
    for res in results:
        assert res.status == "optimal"
        # the grid (step 2e-3) is within 1e-5 below the optimum, never above it
        assert grid_best - 1e-9 <= res.value <= grid_best + 1e-5
    assert results[0].value == pytest.approx(results[1].value, rel=1e-6)


def test_concave_over_convex_matches_a_fine_1d_grid_and_its_certificate():
    p = cp.Variable(name="p", nonneg=True)
    g = np.linspace(0.0, 4.0, 400_001)
    den = cp.square(p) + 0.5 * p + 0.3  # convex, nonlinear
    # affine / convex: one perspective, so both methods apply
    grid_best = float(np.max((1 + 3 * g) / (g**2 + 0.5 * g + 0.3)))
    for method in METHODS:
        res = maximize_ratio(1 + 3 * p, den, [p <= 4], method=method)
        assert res.status == "optimal" and res.info["method"] == method
        assert res.value == pytest.approx(grid_best, rel=1e-8)
    # concave / convex (two nonlinear expressions): Dinkelbach, with its certified bound
    grid_best = float(np.max(np.log1p(8 * g) / (g**2 + 0.5 * g + 0.3)))
    d = maximize_ratio(cp.log(1 + 8 * p), den, [p <= 4])
    assert d.status == "optimal" and d.info["method"] == "dinkelbach"
    assert d.value == pytest.approx(grid_best, rel=1e-8)
    assert d.value <= d.info["upper_bound"] <= d.value + 1e-7
    assert d.info["upper_bound"] >= grid_best - 1e-12


def test_dinkelbach_history_is_non_decreasing_and_compiled_once():
    x, num, den, cons = _lfp_handout()
    variables = _collect_variables([num, den], cons)
    algo = _SingleRatio(num, den, cons, variables, ("CLARABEL",))
    res = algo.run(0.0, 1e-10, 50)
    assert res.ok and np.all(np.diff(res.history) >= 0)
    assert res.iterations >= 2 and algo.inner.n_compilations == 1


@pytest.mark.parametrize("method", METHODS)
def test_negative_optimal_ratio_with_affine_denominator(method):
    x = cp.Variable(name="x")
    res = maximize_ratio(x - 3, x + 1, [x >= 0, x <= 1], method=method)
    assert res.status == "optimal" and res.value == pytest.approx(-1.0, rel=1e-8)


@settings(max_examples=15)
@given(seed=st.integers(0, 10_000), n=st.integers(1, 3), kind=st.sampled_from(["lfp", "log"]))
def test_charnes_cooper_and_dinkelbach_agree_on_random_problems(seed, n, kind):
    rng = np.random.default_rng(seed)
    x = cp.Variable(n, name="x", nonneg=True)
    A = rng.uniform(0.1, 2.0, (3, n))
    b = rng.uniform(1.0, 3.0, 3)
    d = rng.uniform(0.1, 1.0, n)
    if kind == "lfp":
        num = rng.uniform(-1.0, 2.0, n) @ x + rng.uniform(0.0, 1.0)
    else:
        num = cp.sum(cp.multiply(rng.uniform(0.2, 1.0, n),
                                 cp.log(1 + cp.multiply(rng.uniform(0.5, 5.0, n), x))))
    den = d @ x + rng.uniform(0.2, 1.0)
    cc = maximize_ratio(num, den, [A @ x <= b], method="charnes_cooper")
    dk = maximize_ratio(num, den, [A @ x <= b], method="dinkelbach")
    assert cc.status == dk.status == "optimal"
    assert cc.value == pytest.approx(dk.value, rel=1e-6, abs=1e-9)


# --- max-min ----------------------------------------------------------------------------------
def test_max_min_sinr_of_two_links_matches_the_closed_form():
    """max_p min(SINR_1, SINR_2) with SINR_1 = a p1/(1 + b p2), SINR_2 = c p2/(1 + d p1),
    0 <= p <= P. Both SINRs increase in the own power, so at the optimum they are equal and
    one link is at full power: with p1 = P, b c p2^2 + c p2 - a P (1 + d P) = 0 (if its root
    is <= P), else p2 = P and a d p1^2 + a p1 - c P (1 + b P) = 0."""
    for a, b, c, d, P in ((2.0, 0.5, 1.0, 0.3, 3.0), (1.0, 0.2, 3.0, 0.8, 2.0)):
        p2 = (-c + math.sqrt(c * c + 4 * b * c * a * P * (1 + d * P))) / (2 * b * c)
        if p2 <= P:
            p_star, gamma = np.array([P, p2]), c * p2 / (1 + d * P)
        else:
            p1 = (-a + math.sqrt(a * a + 4 * a * d * c * P * (1 + b * P))) / (2 * a * d)
            p_star, gamma = np.array([p1, P]), a * p1 / (1 + b * P)
        p = cp.Variable(2, name="p", nonneg=True)
        res = maximize_min_ratio([a * p[0], c * p[1]], [1 + b * p[1], 1 + d * p[0]],
                                 [p <= P])
        assert res.status == "optimal"
        assert res.value == pytest.approx(gamma, rel=1e-7)
        np.testing.assert_allclose(res["p"], p_star, rtol=1e-6)
        assert np.all(np.diff(res.history) >= 0)
        assert res.value <= res.info["upper_bound"] <= res.value * (1 + 1e-6)


def test_max_min_of_single_link_efficiencies_is_limited_by_the_weaker_link():
    p = cp.Variable(2, name="p", nonneg=True)
    res = maximize_min_ratio([cp.log(1 + p[0]), cp.log(1 + 4 * p[1])], [p[0] + 1, p[1] + 1],
                             [cp.sum(p) <= 2])
    assert res.value == pytest.approx(math.exp(-1), rel=1e-7)  # max ln(1+p)/(1+p) = 1/e
    # (the worst ratio is flat at its maximum: the maximiser is known to ~sqrt(tolerance))
    assert res["p"][0] == pytest.approx(math.e - 1, rel=2e-3)


def test_max_min_with_one_ratio_equals_maximize_ratio():
    x, num, den, cons = _lfp_handout()
    assert maximize_min_ratio([num], [den], cons).value == pytest.approx(
        maximize_ratio(num, den, cons).value, rel=1e-8)


# --- sum of ratios --------------------------------------------------------------------------------
def test_separable_sum_of_ratios_reaches_the_sum_of_single_optima():
    p = cp.Variable(3, name="p", nonneg=True)
    gains = np.array([1.0, 4.0, 0.5])
    circuit = np.array([1.0, 0.5, 2.0])
    w = np.array([1.0, 0.5, 2.0])
    nums = [cp.log(1 + gains[i] * p[i]) for i in range(3)]
    dens = [p[i] + circuit[i] for i in range(3)]
    res = maximize_sum_of_ratios(nums, dens, [p <= 2], weights=w)
    singles = [maximize_ratio(nums[i], dens[i], [p <= 2]).value for i in range(3)]
    assert res.status == "optimal"
    assert res.value == pytest.approx(float(w @ singles), rel=1e-6)
    assert np.all(np.diff(res.history) >= 0)
    assert "stationary" in res.info["certificate"]


def test_coupled_sum_of_ratios_is_monotone_and_below_the_grid_maximum():
    # two interfering links: a sum of ratios that is not concave; QT finds a stationary point
    p = cp.Variable(2, name="p", nonneg=True)
    nums = [cp.log(1 + 2 * p[0]) - 0.1 * p[1], cp.log(1 + p[1])]
    dens = [p[0] + 0.5, p[1] + 0.5 + 0.2 * p[0]]
    res = maximize_sum_of_ratios(nums, dens, [p <= 3, nums[0] >= 0])
    g = np.linspace(0.0, 3.0, 1201)
    P0, P1 = np.meshgrid(g, g, indexing="ij")
    n0 = np.log1p(2 * P0) - 0.1 * P1
    f = np.where(n0 >= 0, n0 / (P0 + 0.5) + np.log1p(P1) / (P1 + 0.5 + 0.2 * P0), -np.inf)
    assert res.ok and np.all(np.diff(res.history) >= 0)
    # never above the maximum (the 2.5e-3 grid is within 1e-5 relative of it)
    assert res.value <= float(f.max()) * (1 + 1e-5)
    assert res.value >= res.history[0]


# --- statuses and errors -------------------------------------------------------------------------
def test_infeasible_constraints_give_status_not_exception():
    y = cp.Variable(2, name="y")
    cons = [y >= 2, cp.sum(y) <= 1]
    for method in (*METHODS, "auto"):
        res = maximize_ratio(cp.log(1 + y[0]), y[1] + 1, cons, method=method)
        assert res.status == "infeasible" and res.value == -math.inf and not res.ok
    assert maximize_min_ratio([y[0]], [y[1] + 1], cons).status == "infeasible"
    assert maximize_sum_of_ratios([y[0]], [y[1] + 1], cons).status == "infeasible"


def test_denominator_that_can_reach_zero_is_rejected_before_solving():
    y = cp.Variable(2, name="y", nonneg=True)
    with pytest.raises(ValueError, match="denominator must be positive on the feasible set"):
        maximize_ratio(cp.log(1 + y[0]), cp.sum_squares(y), [y <= 1])
    with pytest.raises(ValueError, match="denominator must be positive"):
        maximize_ratio(y[0], y[1] - 0.5, [y <= 1])  # affine, negative on part of the set
    with pytest.raises(ValueError, match=r"denominators\[1\] must be positive"):
        maximize_min_ratio([y[0], y[1]], [y[0] + 1, y[1]], [y <= 1])
    with pytest.raises(ValueError, match="unbounded below"):
        maximize_ratio(y[0], 1 - y[1], [y[0] <= 1])


@pytest.mark.parametrize(("num", "den", "match"), [
    (lambda y: cp.square(y[0]), lambda y: y[0] + 1, "numerator must be concave .*, got convex"),
    (lambda y: cp.log(1 + y[0]), lambda y: cp.log(2 + y[0]),
     "denominator must be convex .*, got concave"),
    (lambda y: cp.log(1 + y[0]) * 1, lambda y: cp.abs(y[0] - 1) * cp.Constant(-1) + 3,
     "denominator must be convex .*, got concave"),
])
def test_wrong_curvature_is_rejected_naming_it(num, den, match):
    y = cp.Variable(2, name="y", nonneg=True)
    with pytest.raises(ValueError, match=match):
        maximize_ratio(num(y), den(y), [y <= 1])


def test_other_input_errors():
    y = cp.Variable(2, name="y", nonneg=True)
    with pytest.raises(ValueError, match="scalar"):
        maximize_ratio(y, 1 + y[0], [])
    with pytest.raises(TypeError, match="cvxpy constraint"):
        maximize_ratio(y[0], 1 + y[0], [True])
    with pytest.raises(ValueError, match="must be DCP"):
        maximize_ratio(y[0], 1 + y[0], [cp.square(y[0]) >= 1])
    with pytest.raises(ValueError, match="finite"):
        maximize_ratio(y[0] + np.nan, 1 + y[0], [y <= 1])
    with pytest.raises(ValueError, match="share the name"):
        maximize_ratio(y[0], 1 + cp.Variable(name="y"), [y <= 1])
    with pytest.raises(ValueError, match="integer"):
        maximize_ratio(cp.Variable(name="k", integer=True), 2.0, [])
    with pytest.raises(ValueError, match="tol"):
        maximize_ratio(y[0], 1 + y[0], [y <= 1], tol=0.0)
    with pytest.raises(ValueError, match="max_iter"):
        maximize_ratio(y[0], 1 + y[0], [y <= 1], max_iter=10**9)
    with pytest.raises(ValueError, match="method"):
        maximize_ratio(y[0], 1 + y[0], [y <= 1], method="newton")
    with pytest.raises(ValueError, match="same length"):
        maximize_min_ratio([y[0]], [1 + y[0], 1 + y[1]], [y <= 1])
    with pytest.raises(ValueError, match="weights"):
        maximize_sum_of_ratios([y[0]], [1 + y[0]], [y <= 1], weights=[-1.0])
    with pytest.raises(ValueError, match="negative .* optimum|non-negative at the optimum"):
        maximize_ratio(cp.log(y[0] + 0.1) - 5, cp.square(y[0]) + 1, [y <= 1],
                       method="dinkelbach")


def test_auto_falls_back_to_dinkelbach_where_charnes_cooper_does_not_apply():
    y = cp.Variable(2, name="y", nonneg=True)
    a = cp.Parameter(nonneg=True, name="a", value=2.0)
    res = maximize_ratio(cp.log(1 + a * y[0]), y[0] + 1, [y <= 1])  # a parameter
    assert res.ok and res.info["method"] == "dinkelbach"
    with pytest.raises(ValueError, match="does not apply: the problem contains cp.Parameter"):
        maximize_ratio(cp.log(1 + a * y[0]), y[0] + 1, [y <= 1], method="charnes_cooper")
    # two nonlinear expressions: cvxpy's perspective atom is not trusted with more than one
    two = maximize_ratio(cp.log(1 + y[0]), cp.square(y[0]) + 1, [y <= 1])
    assert two.ok and two.info["method"] == "dinkelbach"
    with pytest.raises(ValueError, match="perspective atom"):
        maximize_ratio(cp.log(1 + y[0]), cp.square(y[0]) + 1, [y <= 1], method="charnes_cooper")


def test_perspective_of_affine_cone_constraints():
    """SOC/PSD/equality constraints with affine arguments scale with t (exact rewrite)."""
    x = cp.Variable(2, name="x")
    t = cp.Variable(nonneg=True, name="t")
    c = cp.SOC(3 - x[0], x + 1)
    (image,) = _persp_constraint(c, t)
    x.value, t.value = np.array([0.4, -0.2]), 0.5
    # t * (3 - x/t) = 3t - x and t * (x/t + 1) = x + t
    np.testing.assert_allclose(image.args[0].value, 3 * 0.5 - 0.4)
    np.testing.assert_allclose(image.args[1].value, np.array([0.4, -0.2]) + 0.5)
    res = maximize_ratio(x[0] + 2, x[1] + 3, [cp.SOC(1 - x[1] * 0, x), x[1] >= -1])
    ref = maximize_ratio(x[0] + 2, x[1] + 3, [cp.SOC(1 - x[1] * 0, x), x[1] >= -1],
                         method="dinkelbach")
    assert res.info["method"] == "charnes_cooper"
    assert res.value == pytest.approx(ref.value, rel=1e-6)
