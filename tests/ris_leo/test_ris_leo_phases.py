"""Tests of RIS phase design (docs/ris_leo.md, 'Phase design'): closed form, quantisation,
discrete refinement (numba/NumPy parity), double-RIS alternating optimisation and SDR."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirelesseff.ris_leo import (
    alternating_double_ris,
    discrete_refinement,
    optimal_phases,
    quantization_loss,
    quantize_phases,
    sdr_phases,
)


def cn(rng, *shape):
    return (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)) / np.sqrt(2)


def gain(hd, g, h, th):
    return np.abs(hd + np.sum(g * h * np.exp(1j * th), axis=-1)) ** 2


# --- closed form ----------------------------------------------------------------------------


def test_closed_form_attains_the_triangle_bound(rng):
    hd, g, h = cn(rng, 5), cn(rng, 5, 32), cn(rng, 5, 32)
    th = optimal_phases(hd, g, h)
    assert th.shape == (5, 32) and np.all((th >= 0) & (th < 2 * np.pi))
    bound = (np.abs(hd) + np.sum(np.abs(g * h), axis=-1)) ** 2
    np.testing.assert_allclose(gain(hd, g, h, th), bound, rtol=1e-12)


def test_closed_form_gives_n_squared_for_unit_modulus_channels(rng):
    n = 64
    g = np.exp(1j * rng.uniform(0, 2 * np.pi, n))
    h = np.exp(1j * rng.uniform(0, 2 * np.pi, n))
    assert gain(0.0, g, h, optimal_phases(0.0, g, h)) == pytest.approx(n**2)


def test_random_phases_give_n_on_average_and_never_beat_the_closed_form(rng):
    n, trials = 32, 10_000
    g = np.exp(1j * rng.uniform(0, 2 * np.pi, n))
    h = np.exp(1j * rng.uniform(0, 2 * np.pi, n))
    th = rng.uniform(0, 2 * np.pi, (trials, n))
    gains = gain(0.0, g, h, th)
    # E|h|^2 = N; the standard error of the mean is N/sqrt(trials)
    assert abs(gains.mean() - n) < 4 * gains.std() / np.sqrt(trials)
    assert gains.max() <= gain(0.0, g, h, optimal_phases(0.0, g, h)) * (1 + 1e-12)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 20), st.integers(0, 2**31 - 1))
def test_closed_form_is_optimal_against_perturbations(n, seed):
    rng = np.random.default_rng(seed)
    hd, g, h = cn(rng), cn(rng, n), cn(rng, n)
    th = optimal_phases(hd, g, h)
    best = gain(hd, g, h, th)
    pert = th + rng.normal(0, 0.3, (50, n))
    assert np.all(gain(hd, g, h, pert) <= best * (1 + 1e-12))


# --- quantisation ------------------------------------------------------------------------------


def test_quantization_loss_values_and_monotonicity():
    assert quantization_loss(1) == pytest.approx(4 / np.pi**2, rel=1e-14)
    eta = quantization_loss(np.arange(1, 12))
    assert np.all(np.diff(eta) > 0) and eta[-1] == pytest.approx(1, abs=1e-6)
    assert quantization_loss(np.inf) == 1.0
    assert quantization_loss(None) == 1.0
    assert quantization_loss(1) * quantization_loss(2) == pytest.approx(
        quantization_loss(1) * 8 / np.pi**2)


@pytest.mark.parametrize("bits", [1, 2, 3, 5])
def test_quantized_phases_lie_on_the_grid_with_bounded_error(bits, rng):
    ph = rng.uniform(-10, 10, 5000)
    q = quantize_phases(ph, bits)
    step = 2 * np.pi / 2**bits  # the grid includes the 2 pi factor (Pitfalls 7)
    levels = q / step
    np.testing.assert_allclose(levels, np.round(levels), atol=1e-9)
    err = np.angle(np.exp(1j * (q - ph)))
    assert np.max(np.abs(err)) <= np.pi / 2**bits + 1e-12
    assert np.all((q >= 0) & (q < 2 * np.pi))


def test_quantize_with_no_bits_returns_the_input():
    ph = np.array([0.1, 7.0])
    assert np.array_equal(quantize_phases(ph, None), ph)
    assert np.array_equal(quantize_phases(ph, np.inf), ph)


@pytest.mark.parametrize("bits", [1, 2, 3, 4])
def test_quantization_loss_matches_monte_carlo(bits, rng):
    # Wu & Zhang (2020): |sum|^2 with b-bit phases / continuous optimum -> eta(b); N = 4096,
    # averaged over 16 channel draws (seed 12345), within 1 %
    n, trials = 4096, 16
    g, h = cn(rng, trials, n), cn(rng, trials, n)
    th = quantize_phases(optimal_phases(0.0, g, h), bits)
    ratio = gain(0.0, g, h, th) / np.sum(np.abs(g * h), axis=-1) ** 2
    assert ratio.mean() == pytest.approx(quantization_loss(bits), rel=0.01)


# --- discrete refinement ----------------------------------------------------------------------


@pytest.mark.parametrize("bits", [1, 2, 3])
def test_discrete_refinement_beats_plain_quantisation(bits, rng):
    hd, g, h = cn(rng, 50), cn(rng, 50, 40), cn(rng, 50, 40)
    th, gn = discrete_refinement(hd, g, h, bits)
    plain = gain(hd, g, h, quantize_phases(optimal_phases(hd, g, h), bits))
    assert np.all(gn >= plain * (1 - 1e-12))
    np.testing.assert_allclose(gn, gain(hd, g, h, th), rtol=1e-10)
    step = 2 * np.pi / 2**bits
    np.testing.assert_allclose(th / step, np.round(th / step), atol=1e-9)
    assert np.mean(gn > plain * (1 + 1e-9)) > 0.3  # it actually improves often


def test_discrete_refinement_is_monotone_in_the_number_of_sweeps(rng):
    hd, g, h = cn(rng, 20), cn(rng, 20, 64), cn(rng, 20, 64)
    prev = None
    for sweeps in (1, 2, 3, 10):
        _, gn = discrete_refinement(hd, g, h, 1, max_sweeps=sweeps)
        if prev is not None:
            assert np.all(gn >= prev * (1 - 1e-12))
        prev = gn


def test_discrete_refinement_from_a_random_start_is_a_local_optimum(rng):
    hd, g, h = cn(rng), cn(rng, 24), cn(rng, 24)
    th, gn = discrete_refinement(hd, g, h, 2, init=rng.uniform(0, 2 * np.pi, 24), max_sweeps=50)
    levels = np.arange(4) * np.pi / 2
    for i in range(24):  # no single-element change improves the gain
        for lv in levels:
            t2 = th.copy()
            t2[i] = lv
            assert gain(hd, g, h, t2) <= gn * (1 + 1e-12)


def test_discrete_refinement_numba_matches_numpy_reference(rng):
    hd, g, h = cn(rng, 30), cn(rng, 30, 50), cn(rng, 30, 50)
    for bits in (1, 3):
        th_a, g_a = discrete_refinement(hd, g, h, bits, backend="numba")
        th_b, g_b = discrete_refinement(hd, g, h, bits, backend="numpy")
        np.testing.assert_array_equal(th_a, th_b)
        np.testing.assert_allclose(g_a, g_b, rtol=1e-12)


# --- double RIS ----------------------------------------------------------------------------


def rank_one_case(rng, na, nb, beta=0.7):
    a_a = np.exp(1j * rng.uniform(0, 2 * np.pi, na))
    a_b = np.exp(1j * rng.uniform(0, 2 * np.pi, nb))
    S = beta * np.outer(a_b, a_a.conj())
    g_a = np.exp(1j * rng.uniform(0, 2 * np.pi, na))
    r_b = np.exp(1j * rng.uniform(0, 2 * np.pi, nb))
    return g_a, np.zeros(na), np.zeros(nb), r_b, S


@pytest.mark.parametrize("na,nb", [(4, 4), (10, 6), (16, 32)])
def test_rank_one_double_ris_gain_is_beta2_na2_nb2(na, nb, rng):
    g_a, r_a, g_b, r_b, S = rank_one_case(rng, na, nb)
    res = alternating_double_ris(0.0, g_a, r_a, g_b, r_b, S)
    assert res.gain == pytest.approx(0.49 * na**2 * nb**2, rel=1e-10)
    assert res.converged


def test_rank_one_best_split_is_half_giving_k4_over_16(rng):
    k = 32
    gains = []
    for na in range(1, k):
        g_a, r_a, g_b, r_b, S = rank_one_case(rng, na, k - na, beta=1.0)
        gains.append(alternating_double_ris(0.0, g_a, r_a, g_b, r_b, S).gain)
    assert int(np.argmax(gains)) + 1 == k // 2
    assert max(gains) == pytest.approx(k**4 / 16, rel=1e-10)


def test_ao_from_a_random_start_reaches_the_rank_one_optimum(rng):
    g_a, r_a, g_b, r_b, S = rank_one_case(rng, 12, 9)
    res = alternating_double_ris(0.0, g_a, r_a, g_b, r_b, S, init="random", rng=3)
    assert res.gain == pytest.approx(0.49 * 12**2 * 9**2, rel=1e-6)
    assert np.all(np.diff(res.history) >= -1e-9 * res.history[-1])


def test_ao_is_monotone_on_general_channels(rng):
    na, nb = 16, 12
    args = (cn(rng), cn(rng, na), cn(rng, na), cn(rng, nb), cn(rng, nb), cn(rng, nb, na))
    for kw in ({}, {"bits": 2}, {"init": "random", "rng": 5}):
        res = alternating_double_ris(*args, **kw)
        assert np.all(np.diff(res.history) >= 0)
        ea, eb = np.exp(1j * res.theta_a), np.exp(1j * res.theta_b)
        hd, g_a, r_a, g_b, r_b, S = args
        h = hd + np.sum(r_a * ea * g_a) + np.sum(r_b * eb * g_b) + (r_b * eb) @ S @ (ea * g_a)
        assert abs(h) ** 2 == pytest.approx(res.gain, rel=1e-10)
    res_b = alternating_double_ris(*args, bits=1)
    step = np.pi
    np.testing.assert_allclose(res_b.theta_a / step, np.round(res_b.theta_a / step), atol=1e-9)


def test_ao_beats_random_phases(rng):
    na, nb = 8, 8
    args = (0.0, cn(rng, na), cn(rng, na), cn(rng, nb), cn(rng, nb), cn(rng, nb, na))
    res = alternating_double_ris(*args)
    hd, g_a, r_a, g_b, r_b, S = args
    th = rng.uniform(0, 2 * np.pi, (2000, na + nb))
    ea, eb = np.exp(1j * th[:, :na]), np.exp(1j * th[:, na:])
    h = ((r_a * ea * g_a).sum(1) + (r_b * eb * g_b).sum(1)
         + np.einsum("kb,ba,ka->k", r_b * eb, S, ea * g_a))
    assert np.max(np.abs(h) ** 2) <= res.gain


# --- SDR ------------------------------------------------------------------------------------


def test_single_block_sdr_is_tight_and_matches_the_closed_form(rng):
    hd, g, h = cn(rng), cn(rng, 12), cn(rng, 12)
    closed = gain(hd, g, h, optimal_phases(hd, g, h))
    res = sdr_phases(hd, g, h, n_randomizations=30, rng=1)
    assert res.status in ("optimal", "optimal_inaccurate")
    assert closed == pytest.approx(res.upper_bound, rel=1e-4)
    assert res.objective == pytest.approx(closed, rel=1e-4)
    assert res.objective <= res.upper_bound * (1 + 1e-4)


def test_sdr_with_a_general_matrix_gives_a_feasible_lower_bound(rng):
    n = 8
    A = cn(rng, n + 1, 3)
    R = A @ A.conj().T  # rank 3: the relaxation need not be tight
    res = sdr_phases(0, np.zeros(n), np.zeros(n), R=R, n_randomizations=50, rng=2)
    x = np.concatenate([np.exp(1j * res.phases), [1.0]])
    assert np.real(x.conj() @ R @ x) == pytest.approx(res.objective, rel=1e-10)
    assert res.objective <= res.upper_bound * (1 + 1e-5)
    assert res.objective >= 0.5 * res.upper_bound


def test_ao_with_sdr_blocks_is_monotone_and_close_to_closed_form(rng):
    na, nb = 6, 5
    args = (cn(rng), cn(rng, na), cn(rng, na), cn(rng, nb), cn(rng, nb), cn(rng, nb, na))
    cf = alternating_double_ris(*args)
    sd = alternating_double_ris(*args, block="sdr", rng=0, max_iter=5, n_randomizations=10)
    assert np.all(np.diff(sd.history) >= 0)
    assert sd.gain == pytest.approx(cf.gain, rel=0.05)


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [0, -1, 1.5, np.nan])
def test_rejects_bad_bits(bad):
    with pytest.raises(ValueError, match="bits"):
        quantization_loss(bad)
    with pytest.raises((ValueError, TypeError), match="bits"):
        quantize_phases([0.1], bad)


def test_rejects_bad_double_ris_shapes_and_options(rng):
    with pytest.raises(ValueError, match="S"):
        alternating_double_ris(0, np.ones(3), np.ones(3), np.ones(2), np.ones(2), np.ones((3, 3)))
    with pytest.raises(ValueError, match="block"):
        alternating_double_ris(0, np.ones(2), np.ones(2), np.ones(2), np.ones(2), np.eye(2),
                               block="manopt")
    with pytest.raises(ValueError, match="init"):
        alternating_double_ris(0, np.ones(2), np.ones(2), np.ones(2), np.ones(2), np.eye(2),
                               init="zeros")
    with pytest.raises(ValueError, match="bits"):
        discrete_refinement(0, np.ones(3), np.ones(3), 0)
    with pytest.raises(ValueError, match="R"):
        sdr_phases(0, np.ones(2), np.ones(2), R=np.array([[1, 1j, 0], [0, 1, 0], [0, 0, 1]]))


def test_quantize_phases_with_per_element_infinite_resolution():
    # regression: bits=[1, inf] gave NaN (round(phi / 0) * 0)
    ph = np.array([0.1, 1.7, 3.3, 4.0])
    out = quantize_phases(ph, [1, np.inf, 2, np.inf])
    assert not np.any(np.isnan(out))
    np.testing.assert_array_equal(out[[1, 3]], ph[[1, 3]])  # inf: unchanged, as for bits=inf
    assert out[0] == quantize_phases(ph[0], 1) and out[2] == quantize_phases(ph[2], 2)
    # broadcasting over a batch axis, one resolution per element
    batch = quantize_phases(np.tile(ph, (3, 1)), [1, np.inf, 2, np.inf])
    np.testing.assert_array_equal(batch, np.tile(out, (3, 1)))
    np.testing.assert_array_equal(quantize_phases(ph, [np.inf] * 4), ph)
