"""Lambert-W laws: optimal antenna count and EE-optimal single-link SE (book Sec. 5.3)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirelesseff.xlmimo.lambertw import optimal_antenna_count, optimal_se_single_link

# Massive MIMO Networks, Figs. 5.4-5.6 parameters: B = 100 kHz, mu = 0.4, sigma^2/beta = -6 dB
B, MU, NOG = 100e3, 0.4, 10**-0.6


def _ee_curve(se, m, p_fixed):
    return B * se / ((2**se - 1) * NOG / MU / (m - 1) + p_fixed)


@pytest.mark.parametrize("p_fixed", [1.0, 10.0, 20.0])
def test_optimum_matches_massive_mimo_book_fig5_4_grid_search(p_fixed):
    se_grid = np.arange(0, 20, 1e-4)  # the SE grid of the book's figure script
    ee = _ee_curve(se_grid, 10, p_fixed)
    se, ee_star = optimal_se_single_link(10, p_fixed, B, NOG, MU)
    assert se == pytest.approx(se_grid[np.argmax(ee)], abs=1e-3)
    assert ee_star == pytest.approx(ee.max(), rel=1e-6)


@pytest.mark.parametrize("m", [2, 10, 100, 1000])
def test_optimum_matches_massive_mimo_book_fig5_5_grid_search(m):
    se_grid = np.arange(0, 25, 1e-4)
    ee = _ee_curve(se_grid, m, 10.0)
    se, ee_star = optimal_se_single_link(m, 10.0, B, NOG, MU)
    assert se == pytest.approx(se_grid[np.argmax(ee)], abs=1e-3)
    assert ee_star == pytest.approx(ee.max(), rel=1e-6)


def test_zero_fixed_power_gives_zero_se_and_the_limit_ee():
    se, ee = optimal_se_single_link(10, 0.0, B, NOG, MU)
    assert se == 0.0
    assert ee == pytest.approx(9 * B / (NOG / MU * np.log(2)))  # (5.19) limit


def test_circuit_limited_ee_returns_the_finite_limit_at_se_zero_massive_mimo_book_fig5_4():
    # Book Fig. 5.4 plots the P_FIX = 0 curve down to SE = 0 at a finite EE: the 0/0 of
    # B log2(1 + p g) / (p / mu) at p = 0 is replaced by its limit B mu g / ln 2, which is also
    # the Lambert-W optimum EE* of optimal_se_single_link at P_FIX = 0.
    from wirelesseff.metrics import circuit_limited_ee

    g = (10 - 1) / NOG  # (M - 1) beta / sigma^2 at M = 10
    at_zero = float(circuit_limited_ee(g, B, 0.0, MU, 0.0))
    assert np.isfinite(at_zero)
    assert at_zero == pytest.approx(B * MU * g / np.log(2), rel=1e-15)
    assert at_zero == pytest.approx(float(optimal_se_single_link(10, 0.0, B, NOG, MU)[1]),
                                    rel=1e-12)
    near = circuit_limited_ee(g, B, 0.0, MU, np.array([1e-6, 1e-8]))
    np.testing.assert_allclose(near, at_zero, rtol=1e-4)  # continuous at p = 0
    assert np.all(near < at_zero)  # and the curve decreases in SE
    # with circuit power the EE at p = 0 is 0 (not the limit), without gain it is 0 too
    assert float(circuit_limited_ee(g, B, 1.0, MU, 0.0)) == 0.0
    assert float(circuit_limited_ee(0.0, B, 0.0, MU, 0.0)) == 0.0


def test_se_star_increases_in_m_and_in_p_fixed():
    m = np.array([2, 5, 10, 100, 1000, 10_000])
    se_m, _ = optimal_se_single_link(m, 10.0, B, NOG, MU)
    assert np.all(np.diff(se_m) > 0)
    pf = np.array([0.0, 0.1, 1.0, 10.0, 100.0])
    se_p, ee_p = optimal_se_single_link(10, pf, B, NOG, MU)
    assert np.all(np.diff(se_p) > 0)
    assert np.all(np.diff(ee_p) < 0)  # more fixed power, lower EE


def test_returns_nan_for_at_most_one_antenna():
    se, ee = optimal_se_single_link([0.5, 1.0, 2.0], 10.0, B, NOG, MU)
    assert np.isnan(se[:2]).all() and np.isnan(ee[:2]).all() and np.isfinite(se[2])


def test_fig5_6_circuit_power_growing_with_m_gives_finite_argmax():
    m = np.arange(2, 2001)
    _, ee = optimal_se_single_link(m, 10.0 + m * 1.0, B, NOG, MU)
    i = int(np.argmax(ee))
    assert 0 < i < m.size - 1


@settings(max_examples=80, deadline=None)
@given(st.floats(1e-3, 1e3), st.floats(0.0, 1e3), st.floats(1e-3, 1e2))
def test_optimal_antenna_count_within_one_of_brute_force(c, p0, pa):
    m_star = float(optimal_antenna_count(c, p0, pa))
    hi = int(max(10, 4 * np.ceil(m_star) + 10))
    m = np.arange(0, hi + 1, dtype=float)
    with np.errstate(invalid="ignore"):
        ee = np.log2(1 + c * m) / (p0 + m * pa)
    ee[0] = 0.0 if p0 > 0 else c / (pa * np.log(2))  # EE(0) limit when P0 = 0
    brute = int(np.argmax(ee))
    assert abs(m_star - brute) <= 1.0


def test_optimal_antenna_count_broadcasts_and_is_stationary():
    c = np.array([0.1, 1.0, 10.0])[:, None]
    m = optimal_antenna_count(c, [1.0, 10.0], 0.5)
    assert m.shape == (3, 2)
    # derivative of ln(1+cM)/(P0 + M Pa) vanishes at M*
    c0, p0, pa = 0.1, 10.0, 0.5
    ms = float(optimal_antenna_count(c0, p0, pa))
    f = lambda x: np.log1p(c0 * x) / (p0 + x * pa)  # noqa: E731
    h = 1e-4 * ms
    assert (f(ms + h) - f(ms - h)) / (2 * h) == pytest.approx(0.0, abs=1e-9)
    assert optimal_antenna_count(1.0, 0.0, 1.0) == 0.0


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [({"snr_gain_per_antenna": 0.0}, "snr_gain_per_antenna"), ({"p_fixed": -1.0}, "p_fixed"),
     ({"p_per_antenna": 0.0}, "p_per_antenna")],
)
def test_optimal_antenna_count_rejects_bad_input(kwargs, name):
    args = {"snr_gain_per_antenna": 1.0, "p_fixed": 1.0, "p_per_antenna": 1.0} | kwargs
    with pytest.raises(ValueError, match=name):
        optimal_antenna_count(**args)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [({"pa_efficiency": 0.0}, "pa_efficiency"), ({"pa_efficiency": 1.5}, "pa_efficiency"),
     ({"bandwidth": 0.0}, "bandwidth"), ({"p_fixed": -1.0}, "p_fixed"),
     ({"noise_over_gain": -1.0}, "noise_over_gain")],
)
def test_optimal_se_single_link_rejects_bad_input(kwargs, name):
    args = {"M": 10, "p_fixed": 10.0, "bandwidth": B, "noise_over_gain": NOG,
            "pa_efficiency": MU} | kwargs
    with pytest.raises(ValueError, match=name):
        optimal_se_single_link(**args)
