"""Outage probability of wirelesseff.fas.outage: quadrature vs Monte Carlo.

See docs/fas.md, "Outage and energy harvesting".
"""

from __future__ import annotations

import numpy as np
import pytest

from wirelesseff.fas import monte_carlo_outage, outage_probability
from wirelesseff.fas.channels import correlation_factor
from wirelesseff.fas.outage import max_gain_numba, max_gain_numpy


def _tol(p, s):
    """Statistical tolerance 4 sqrt(p(1-p)/S) (plus a floor for p ~ 0)."""
    return 4 * np.sqrt(p * (1 - p) / s) + 2.0 / s


# --- one port ---
@pytest.mark.parametrize("model", ["constant", "wong", "block", "independent"])
@pytest.mark.parametrize("x", [0.05, 1.0, 3.0])
def test_one_port_is_rayleigh(model, x):
    assert outage_probability(x, 1, 2.0, model=model) == pytest.approx(1 - np.exp(-x), rel=1e-14)


def test_one_port_monte_carlo_is_rayleigh():
    p = monte_carlo_outage(1.0, 1, 1.0, n_samples=100_000, rng=3)
    assert abs(p - (1 - np.exp(-1))) < _tol(0.63, 100_000)


@pytest.mark.parametrize("n", [2, 5, 30])
def test_independent_closed_form(n):
    x = np.array([0.1, 1.0, 4.0])
    assert np.allclose(outage_probability(x, n, 1.0, model="independent"),
                       (1 - np.exp(-x)) ** n, rtol=1e-14)


@pytest.mark.parametrize("n", [2, 10])
def test_constant_model_tends_to_independent_as_mu2_vanishes(n):
    """mu^2 ~ 1/(pi W) -> 0: the constant model approaches (1 - e^-x)^N."""
    x = np.array([0.3, 1.0])
    far = outage_probability(x, n, 1e5, model="constant")
    assert np.allclose(far, (1 - np.exp(-x)) ** n, rtol=2e-4)


def test_degenerate_aperture_collapses_to_one_port():
    for model in ("constant", "wong"):
        assert outage_probability(1.0, 8, 0.0, model=model) == pytest.approx(1 - np.exp(-1.0))


# --- quadratures = Monte Carlo of their samplers ---
@pytest.mark.parametrize("model", ["constant", "wong", "block"])
@pytest.mark.parametrize("w", [0.5, 1.0, 2.0])
def test_quadrature_matches_monte_carlo_of_the_sampler(model, w):
    s = 40_000
    x = np.array([0.1, 1.0])
    for n in (2, 5, 10):
        p = outage_probability(x, n, w, model=model)
        mc = monte_carlo_outage(x, n, w, model=model, n_samples=s, rng=100 + n)
        assert np.all(np.abs(p - mc) <= _tol(p, s)), (model, w, n, p, mc)


# --- decreasing in N ---
@pytest.mark.parametrize("model", ["constant", "wong"])
def test_outage_decreases_towards_zero_in_n(model):
    ns = [2, 5, 10, 20, 50, 100, 200]
    p = np.array([outage_probability(1.0, n, 1.0, model=model) for n in ns])
    assert np.all(np.diff(p) < 0)
    assert p[-1] < 1e-6


# --- Jakes saturates; constant is orders of magnitude lower ---
@pytest.mark.parametrize("w", [0.5, 1.0, 2.0])
def test_jakes_outage_saturates_in_n(w):
    p50 = monte_carlo_outage(1.0, 50, w, n_samples=200_000, rng=1)
    p100 = monte_carlo_outage(1.0, 100, w, n_samples=200_000, rng=2)
    assert abs(p100 - p50) <= 0.10 * p50


def test_constant_model_is_far_below_jakes():
    p_jakes = monte_carlo_outage(1.0, 50, 1.0, n_samples=200_000, rng=4)
    p_const = outage_probability(1.0, 50, 1.0, model="constant")
    assert p_const < p_jakes / 10
    assert p_const < 1e-6 < 0.1 < p_jakes


def test_larger_aperture_lowers_the_jakes_floor():
    ps = [monte_carlo_outage(1.0, 100, w, n_samples=100_000, rng=5) for w in (0.5, 1, 2, 5)]
    assert np.all(np.diff(ps) < 0)


# --- broadcasting and statistics ---
def test_broadcasting_over_threshold_and_mean_snr():
    thr = np.array([[0.5], [1.0], [2.0]])
    snr = np.array([1.0, 10.0])
    p = outage_probability(thr, 4, 1.0, snr, model="constant")
    assert p.shape == (3, 2)
    assert p[1, 1] == pytest.approx(outage_probability(0.1, 4, 1.0, model="constant"))
    mc, se = monte_carlo_outage(thr, 4, 1.0, snr, n_samples=20_000, rng=0, return_stderr=True)
    assert mc.shape == se.shape == (3, 2)
    assert np.all(np.diff(mc, axis=0) >= 0)  # common samples: monotone in the threshold
    assert np.all(se <= 0.5 / np.sqrt(20_000) + 1e-15)
    assert isinstance(outage_probability(1.0, 4, 1.0), float)


def test_monte_carlo_is_reproducible_and_chunk_independent():
    a = monte_carlo_outage([0.5, 1.0], 40, 2.0, n_samples=30_000, rng=8, chunk=30_000)
    b = monte_carlo_outage([0.5, 1.0], 40, 2.0, n_samples=30_000, rng=8, chunk=30_000)
    assert np.array_equal(a, b)


# --- numba / numpy parity (tier 3) ---
def test_numba_kernel_matches_numpy_reference(rng):
    A = correlation_factor(100, 2.0) * np.sqrt(0.5)
    z = rng.standard_normal((2, 5000, A.shape[1]))
    g_nb = max_gain_numba(A, z[0], z[1])
    g_np = max_gain_numpy(A, z[0], z[1])
    assert np.allclose(g_nb, g_np, rtol=1e-12, atol=0)


def test_numba_and_numpy_backends_give_the_same_estimate():
    kw = dict(n_samples=50_000, rng=21, chunk=7_000)
    p_nb = monte_carlo_outage([0.2, 1.0, 3.0], 64, 3.0, backend="numba", **kw)
    p_np = monte_carlo_outage([0.2, 1.0, 3.0], 64, 3.0, backend="numpy", **kw)
    assert np.array_equal(p_nb, p_np)


# --- bad input ---
@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: outage_probability(1.0, 10, 1.0, model="jakes"), "model"),
        (lambda: outage_probability(-1.0, 10, 1.0), "threshold"),
        (lambda: outage_probability(1.0, 0, 1.0), "n_ports"),
        (lambda: outage_probability(1.0, 4, 1.0, mean_snr=0.0), "mean_snr"),
        (lambda: monte_carlo_outage(1.0, 4, 1.0, backend="cuda"), "backend"),
        (lambda: monte_carlo_outage(1.0, 4, 1.0, n_samples=0), "n_samples"),
        # regression: W = inf gave NaN (quadrature) / a LinAlgError (Monte Carlo)
        (lambda: outage_probability(1.0, 4, np.inf), "aperture_wl"),
        (lambda: outage_probability(1.0, 4, np.inf, model="block"), "aperture_wl"),
        (lambda: monte_carlo_outage(1.0, 4, np.inf, n_samples=10), "aperture_wl"),
        (lambda: monte_carlo_outage(1.0, 3, 1.0, n_samples=10,
                                    correlation=np.array([[1.0, 0.9, 0.9], [0.9, 1.0, -0.9],
                                                          [0.9, -0.9, 1.0]])), "correlation"),
    ],
)
def test_bad_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()
