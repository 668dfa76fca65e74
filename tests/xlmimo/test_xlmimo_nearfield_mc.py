"""Near-field Monte-Carlo rates: exact spherical-wave channels of a UPA (numba kernel vs NumPy
reference), SINR formulas vs explicit M x M computations, limits, and the pluggable throughput
of midband_ee."""

from __future__ import annotations

import numpy as np
import pytest

from wirelesseff.channel.arrays import nearfield_response
from wirelesseff.channel.geometry import upa_positions
from wirelesseff.units import SPEED_OF_LIGHT
from wirelesseff.xlmimo import (
    midband_ee,
    nearfield_gram,
    nearfield_se_montecarlo,
    nearfield_sinr,
)


@pytest.mark.parametrize("amplitude", ["spherical", "uniform"])
@pytest.mark.parametrize("visibility", [1.0, 0.4])
def test_numba_gram_matches_numpy_reference(amplitude, visibility):
    kw = dict(n_realizations=5, amplitude=amplitude, visibility=visibility, rng=7)
    a = nearfield_gram(12, 15e9, 6, backend="numpy", **kw)
    b = nearfield_gram(12, 15e9, 6, backend="numba", **kw)
    np.testing.assert_allclose(b.gram, a.gram, rtol=0, atol=1e-10 * np.abs(a.gram).max())
    np.testing.assert_array_equal(a.beta, b.beta)


def test_gram_is_hermitian_with_the_expected_diagonal():
    g = nearfield_gram(16, 10e9, 5, n_realizations=4, amplitude="uniform", rng=1)
    np.testing.assert_allclose(g.gram, np.conj(np.swapaxes(g.gram, -1, -2)), atol=1e-9)
    np.testing.assert_allclose(np.einsum("rkk->rk", g.gram).real, 256.0, rtol=1e-12)
    # a visibility region of 0.5 x the side: each user sees 8 x 8 = 64 elements
    gv = nearfield_gram(16, 10e9, 5, n_realizations=4, amplitude="uniform", visibility=0.5,
                        rng=1)
    np.testing.assert_allclose(np.einsum("rkk->rk", gv.gram).real, 64.0, rtol=1e-12)
    # spherical amplitude: |a_n| = r_0 / r_n, so the diagonal is the sum of (r_0/r_n)^2
    gs = nearfield_gram(16, 10e9, 5, n_realizations=4, rng=1)
    assert np.all(np.abs(np.einsum("rkk->rk", gs.gram).real / 256.0 - 1.0) < 0.01)


def test_gram_is_the_product_of_explicit_spherical_wave_channels():
    f = 24e9
    lam = SPEED_OF_LIGHT / f
    g = nearfield_gram(8, f, 3, n_realizations=2, amplitude="uniform", d_min=10.0, d_max=12.0,
                       rng=3)
    pos = upa_positions(8, 8, lam / 2)
    # rebuild the users from the documented geometry and distances: every off-diagonal entry
    # has modulus <= M (Cauchy-Schwarz) and the matrix is positive semi-definite
    assert np.all(np.abs(g.gram) <= 64 * (1 + 1e-12))
    assert np.all(np.linalg.eigvalsh(g.gram) > -1e-9)
    a = nearfield_response(pos, np.array([[1.0, -8.5, 9.0], [-2.0, -8.5, 11.0]]), lam)
    gram = a.conj() @ a.T
    np.testing.assert_allclose(nearfield_sinr(gram, 2.0, "zf"),
                               2.0 / np.diag(np.linalg.inv(gram)).real, rtol=1e-10)


def _explicit_sinrs(h, s):
    """MR, ZF, MMSE uplink SINRs from an explicit M x K channel (noise 1, powers s)."""
    m, k = h.shape
    hs = h * np.sqrt(s)
    mr, zf, mmse = np.empty(k), np.empty(k), np.empty(k)
    zf_comb = hs @ np.linalg.inv(hs.conj().T @ hs)
    for j in range(k):
        v = hs[:, j]
        others = [i for i in range(k) if i != j]
        interf = np.sum(np.abs(v.conj() @ hs[:, others]) ** 2)
        mr[j] = np.abs(v.conj() @ v) ** 2 / (interf + np.vdot(v, v).real)
        w = zf_comb[:, j]
        zf[j] = 1.0 / np.vdot(w, w).real
        cov = hs[:, others] @ hs[:, others].conj().T + np.eye(m)
        mmse[j] = np.real(v.conj() @ np.linalg.solve(cov, v))
    return mr, zf, mmse


def test_sinr_formulas_match_explicit_combiners():
    rng = np.random.default_rng(5)
    h = (rng.standard_normal((20, 4)) + 1j * rng.standard_normal((20, 4))) / np.sqrt(2)
    s = np.array([0.3, 1.0, 3.0, 10.0])
    gram = h.conj().T @ h  # channels without the powers
    mr, zf, mmse = _explicit_sinrs(h, s)
    np.testing.assert_allclose(nearfield_sinr(gram, s, "mr"), mr, rtol=1e-10)
    np.testing.assert_allclose(nearfield_sinr(gram, s, "zf"), zf, rtol=1e-10)
    np.testing.assert_allclose(nearfield_sinr(gram, s, "mmse"), mmse, rtol=1e-10)


def test_mmse_dominates_and_zf_needs_more_antennas_than_users():
    g = nearfield_gram(8, 10e9, 6, n_realizations=20, rng=2)
    for snr in (0.1, 1.0, 10.0):
        mr, zf, mmse = (nearfield_sinr(g.gram, snr, r) for r in ("mr", "zf", "mmse"))
        assert np.all(mmse >= zf * (1 - 1e-9)) and np.all(mmse >= mr * (1 - 1e-9))
    small = nearfield_gram(2, 10e9, 6, n_realizations=3, rng=2)  # M = 4 < K = 6
    assert np.all(np.isnan(nearfield_sinr(small.gram, 1.0, "zf")))
    assert np.all(np.isfinite(nearfield_sinr(small.gram, 1.0, "mr")))


def test_large_arrays_approach_the_rayleigh_closed_form_and_small_ones_fall_below():
    # 12 users at 10 GHz, statistical inversion SNR 1: with 64 x 64 elements the line-of-sight
    # channels are nearly orthogonal and ZF reaches log2(1 + M - K) within 0.2 bit; an 8 x 8
    # array cannot separate 12 line-of-sight users as well as i.i.d. Rayleigh fading can
    k = 12
    big = nearfield_se_montecarlo(nearfield_gram(64, 10e9, k, n_realizations=8, rng=0), 1.0)
    assert abs(big.mean.mean() - np.log2(1 + 4096 - k)) < 0.2
    small = nearfield_se_montecarlo(nearfield_gram(8, 10e9, k, n_realizations=32, rng=0), 1.0)
    assert small.mean.mean() < np.log2(1 + 64 - k) - 1.0


def test_midband_callable_rate_model_reproduces_the_closed_form():
    m = np.array([256.0, 1024.0])
    ref = midband_ee(10e9, m)
    got = midband_ee(10e9, m, rate_model=lambda al, n_antennas, n_users, **kw:
                     np.log2(1 + al * (n_antennas - n_users)))
    np.testing.assert_allclose(got.ee, ref.ee, rtol=1e-6)
    np.testing.assert_allclose(got.alpha, ref.alpha, rtol=1e-3)


def test_midband_nearfield_rate_model_runs_and_is_reproducible():
    kw = dict(rate_model="nearfield", n_realizations=8, rng=3)
    a = midband_ee([7e9, 24e9], 256.0, **kw)
    b = midband_ee([7e9, 24e9], 256.0, **kw)
    np.testing.assert_array_equal(a.ee, b.ee)
    closed = midband_ee([7e9, 24e9], 256.0)
    assert np.all((a.ee > 0.5 * closed.ee) & (a.ee < 1.5 * closed.ee))
    mmse = midband_ee([7e9, 24e9], 256.0, receiver="mmse", **kw)
    # MMSE combining gains little over ZF at these SNRs and costs the (slightly larger) RZF
    # processing load of the power model: the EEs agree within 1 %
    np.testing.assert_allclose(mmse.ee, a.ee, rtol=1e-2)
    assert np.all(mmse.breakdown.gops > a.breakdown.gops)
    mr = midband_ee(10e9, 1024.0, receiver="mr")
    assert mr.breakdown.gops < midband_ee(10e9, 1024.0).breakdown.gops  # MR processing is cheaper


@pytest.mark.parametrize(("kwargs", "name"), [
    ({"receiver": "mmse"}, "rate_model"),
    ({"rate_model": "nearfield", "n_antennas": 250.0}, "n_antennas"),
    ({"rate_model": "nearfield", "architecture": "hybrid_sub", "n_rf": 64}, "architecture"),
    ({"rate_model": "bogus"}, "rate_model"),
    ({"receiver": "mmr"}, "receiver"),
    ({"rate_model": lambda al, **kw: -al}, "rate_model"),
])
def test_midband_throughput_options_reject_bad_combinations(kwargs, name):
    kw = {"n_antennas": 256.0} | kwargs
    with pytest.raises(ValueError, match=name):
        midband_ee(10e9, kw.pop("n_antennas"), **kw)
