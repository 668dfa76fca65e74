"""Gaussian randomisation after semidefinite relaxation."""

from __future__ import annotations

import math

import cvxpy as cp
import numpy as np
import pytest

from wirelesseff.optimize import ParametricProblem, gaussian_randomization


def _crandn(rng, *shape):
    return (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)) / math.sqrt(2)


def _unit_modulus_score(R):
    """Project onto |w_i| = 1 and rate w^H R w (the RIS / max-cut-type SDR)."""

    def score(xi):
        w = np.exp(1j * np.angle(xi))
        return float(np.real(np.vdot(w, R @ w))), w

    return score


def _unit_modulus_sdr(R):
    n = R.shape[0]
    V = cp.Variable((n, n), hermitian=True, name="V")
    Rp = cp.Parameter((n, n), hermitian=True, name="R")
    pp = ParametricProblem(cp.Problem(cp.Maximize(cp.real(cp.trace(Rp @ V))),
                                      [V >> 0, cp.real(cp.diag(V)) == 1.0]))
    return pp.solve(R=R)


def test_rank_one_W_returns_the_optimum_as_first_candidate(rng):
    # max |a^H w|^2 s.t. ||w||^2 <= P: SDR optimum W = P a a^H/||a||^2 has rank one.
    a, P = _crandn(rng, 6), 2.0
    w_opt = math.sqrt(P) * a / np.linalg.norm(a)

    def score(w):
        w = w * min(1.0, math.sqrt(P) / np.linalg.norm(w))  # scale into the power budget
        return abs(np.vdot(a, w)) ** 2, w

    res = gaussian_randomization(np.outer(w_opt, w_opt.conj()), score, 50, rng=rng)
    assert res.status == "optimal" and res.info["best_index"] == 0
    assert res.info["rank_one_ratio"] == pytest.approx(1.0)
    assert res.value == pytest.approx(P * np.linalg.norm(a) ** 2, rel=1e-12)
    # the same vector up to a common phase
    assert abs(np.vdot(w_opt, res["w"])) == pytest.approx(P, rel=1e-12)


def test_rank_one_unit_modulus_sdr_is_tight(rng):
    # R = c c^H (a single RIS block, docs/ris_leo.md): the SDR is tight, phases = arg c.
    c = _crandn(rng, 8)
    R = np.outer(c, c.conj())
    sdr = _unit_modulus_sdr(R)
    assert sdr.status == "optimal"
    res = gaussian_randomization(sdr["V"], _unit_modulus_score(R), 20, rng=1)
    assert res.value == pytest.approx(np.abs(c).sum() ** 2, rel=1e-6)
    assert res.value <= sdr.value * (1 + 1e-7)


def test_meets_luo2010_pi_over_4_bound_for_complex_unit_modulus(rng):
    # Luo et al., IEEE SPM 2010: for PSD R, the randomised solution is within pi/4 of the SDR
    # bound in expectation; the best of 100 draws must beat it and stay below the bound.
    n = 8
    B = _crandn(rng, n, 3)
    R = B @ B.conj().T  # PSD, rank 3, so the SDR solution is typically not rank one
    sdr = _unit_modulus_sdr(R)
    res = gaussian_randomization(sdr["V"], _unit_modulus_score(R), 100, rng=7)
    assert res.status == "optimal"
    np.testing.assert_allclose(np.abs(res["w"]), 1.0, rtol=1e-12)  # feasible
    assert res.value <= sdr.value * (1 + 1e-6)
    assert res.value >= math.pi / 4 * sdr.value
    # the expectation bound itself, checked on the sample mean of the draws (seeded)
    draws = res.history[1:]
    assert draws.mean() >= math.pi / 4 * sdr.value * 0.97


def test_reproducible_with_a_seed_and_vectorized_equals_loop(rng):
    B = _crandn(rng, 5, 5)
    W = B @ B.conj().T
    R = np.diag(np.arange(1.0, 6.0)).astype(complex)
    score = _unit_modulus_score(R)

    def vscore(X):
        w = np.exp(1j * np.angle(X))
        return np.real(np.einsum("ni,ij,nj->n", w.conj(), R, w)), w

    r1 = gaussian_randomization(W, score, 30, rng=42)
    r2 = gaussian_randomization(W, score, 30, rng=42)
    r3 = gaussian_randomization(W, vscore, 30, rng=42, vectorized=True)
    r4 = gaussian_randomization(W, score, 30, rng=43)
    np.testing.assert_array_equal(r1.history, r2.history)
    np.testing.assert_array_equal(r1["w"], r2["w"])
    np.testing.assert_allclose(r3.history, r1.history, rtol=1e-12)
    assert r3.info["best_index"] == r1.info["best_index"]
    assert not np.array_equal(r4.history[1:], r1.history[1:])
    assert r1.iterations == 31


@pytest.mark.parametrize("kind", ["complex", "real"])
def test_draws_have_covariance_W(rng, kind):
    n, m = 40_000, 3
    if kind == "complex":
        B = _crandn(rng, m, m)
    else:
        B = rng.standard_normal((m, m))
    W = B @ B.conj().T
    captured = {}

    def vscore(X):
        captured["X"] = X[1:]
        return np.zeros(len(X))

    gaussian_randomization(W, vscore, n, rng=3, vectorized=True)
    X = captured["X"]
    assert np.iscomplexobj(X) == (kind == "complex")
    emp = X.T @ X.conj() / n  # E[w w^H]
    # each entry has standard deviation ~ ||W|| / sqrt(n); allow 5 sigma
    np.testing.assert_allclose(emp, W, atol=5 * np.abs(W).max() / math.sqrt(n))


def test_infeasible_when_no_candidate_survives(rng):
    W = np.eye(3)
    res = gaussian_randomization(W, lambda w: None, 10, rng=rng)
    assert res.status == "infeasible" and res.value == -math.inf and not res.ok
    assert np.all(np.isnan(res["w"])) and res.info["n_feasible"] == 0


def test_score_contract_variants(rng):
    W = np.eye(2)
    calls = iter([(-math.inf, np.ones(2)), math.nan, (1.0, None), 2.0, (3.0, np.zeros(2))])
    res = gaussian_randomization(W, lambda w: next(calls), 4, rng=rng)
    assert res.info["n_feasible"] == 2
    assert res.value == 3.0 and res.info["best_index"] == 4
    np.testing.assert_array_equal(res["w"], np.zeros(2))
    assert list(res.history[:3]) == [-math.inf] * 3


def test_only_principal_eigenvector_with_zero_samples():
    W = np.diag([1.0, 4.0])
    res = gaussian_randomization(W, lambda w: float(abs(w[1])), 0)
    assert res.iterations == 1 and res.value == pytest.approx(2.0)
    assert res.info["rank_one_ratio"] == pytest.approx(0.8)


def test_accepts_solver_roundoff_negative_eigenvalues():
    W = np.diag([1.0, -1e-9])
    res = gaussian_randomization(W, lambda w: 1.0, 3, rng=0)
    assert res.ok


@pytest.mark.parametrize(
    ("W", "kw", "match"),
    [
        (np.ones((2, 3)), {}, "square"),
        (np.array([[1.0, 1.0], [0.0, 1.0]]), {}, "Hermitian"),
        (np.diag([1.0, -0.5]), {}, "positive semidefinite"),
        (np.zeros((2, 2)), {}, "non-zero"),
        (np.array([[np.nan, 0], [0, 1.0]]), {}, "finite"),
        (np.eye(2) * (1 + 1j), {"distribution": "real"}, "real"),
        (np.eye(2), {"distribution": "gaussian"}, "distribution"),
        (np.eye(2), {"n_samples": -1}, "n_samples"),
        (np.eye(2), {"n_samples": 10**12}, "n_samples"),
        (np.eye(2), {"psd_tol": math.inf}, "psd_tol"),
    ],
)
def test_rejects_bad_input(W, kw, match):
    args = {"n_samples": 5, **kw}
    with pytest.raises(ValueError, match=match):
        gaussian_randomization(W, lambda w: 1.0, rng=0, **args)


def test_rejects_malformed_score_output():
    with pytest.raises(ValueError, match="score"):
        gaussian_randomization(np.eye(2), lambda w: (1.0, w, 3), 2, rng=0)
    with pytest.raises(ValueError, match="score"):
        gaussian_randomization(np.eye(2), lambda X: np.zeros(2), 5, rng=0, vectorized=True)


def test_candidates_with_non_finite_points_count_as_infeasible(rng):
    W = np.eye(3)
    res = gaussian_randomization(W, lambda w: (1.0, np.full(3, np.nan)), 5, rng=rng)
    assert res.status == "infeasible"
    vec = gaussian_randomization(W, lambda c: (np.ones(len(c)), np.full(c.shape, np.inf)), 5,
                                 rng=rng, vectorized=True)
    assert vec.status == "infeasible"
