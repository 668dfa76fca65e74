"""Tests of wirelesseff.channel.fading: Rayleigh, Rician, correlated Rayleigh, shadowed Rician.

Monte-Carlo checks use fixed seeds and tolerances of 4 standard errors (estimated from the
analytic higher moments), so a failure means a real bias, not bad luck (p < 1e-4 each).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, special, stats

from wirelesseff.channel.fading import (
    ShadowedRician,
    correlated_rayleigh,
    exponential_correlation,
    rayleigh,
    rician,
)

PRESETS = {"heavy": ShadowedRician.heavy(), "average": ShadowedRician.average(),
           "light": ShadowedRician.light()}


# ================================================================= Rayleigh / Rician
def test_rayleigh_moments():
    n = 200_000
    h = rayleigh(n, rng=0)
    assert h.dtype == np.complex128 and h.shape == (n,)
    p = np.abs(h) ** 2  # Exp(1): mean 1, var 1, E|h|^4 = 2
    assert abs(p.mean() - 1.0) < 4 / np.sqrt(n)
    assert abs((p**2).mean() - 2.0) < 4 * np.sqrt(24 - 4) / np.sqrt(n)  # Var(p^2) = 4! - 2^2
    assert abs(h.mean()) < 4 * np.sqrt(1 / n)
    assert abs(np.mean(h**2)) < 4 / np.sqrt(n)  # circular symmetry: E[h^2] = 0
    assert stats.kstest(p[:20000], "expon").pvalue > 1e-3


def test_rayleigh_reproducible_and_scalar():
    np.testing.assert_array_equal(rayleigh((3, 4), rng=7), rayleigh((3, 4), rng=7))
    assert isinstance(rayleigh(None, rng=0), complex | np.complexfloating)


@pytest.mark.parametrize("k", [0.0, 1.0, 10.0])
def test_rician_moments(k):
    n = 200_000
    phase = 0.7
    h = rician(k, n, rng=1, los_phase=phase)
    p = np.abs(h) ** 2
    m2 = (k**2 + 4 * k + 2) / (k + 1) ** 2  # E|h|^4
    var_p = m2 - 1.0
    assert abs(p.mean() - 1.0) < 4 * np.sqrt(var_p / n)
    mean_h = np.sqrt(k / (k + 1)) * np.exp(1j * phase)
    assert abs(h.mean() - mean_h) < 4 * np.sqrt(1 / ((k + 1) * n))
    # E|h|^4 checked with a generous 6 % band (its estimator is heavy-tailed for K = 0)
    assert np.mean(p**2) == pytest.approx(m2, rel=0.06)


def test_rician_envelope_is_rice_distributed():
    k = 3.0
    h = rician(k, 20_000, rng=2)
    # |h| ~ Rice(nu/sigma) with sigma^2 = 1/(2(K+1)), nu = sqrt(K/(K+1))
    sigma = np.sqrt(1 / (2 * (k + 1)))
    nu = np.sqrt(k / (k + 1))
    assert stats.kstest(np.abs(h), stats.rice(nu / sigma, scale=sigma).cdf).pvalue > 1e-3


def test_rician_infinite_k_is_deterministic_and_broadcasts():
    h = rician(np.inf, (5,), rng=0, los_phase=np.linspace(0, 1, 5))
    np.testing.assert_allclose(h, np.exp(1j * np.linspace(0, 1, 5)), atol=0)
    out = rician(np.array([0.0, 5.0]), (1000, 2), rng=0)
    assert out.shape == (1000, 2)
    assert rician(np.array([1.0, 2.0, 3.0]), None, rng=0).shape == (3,)


@pytest.mark.parametrize("bad", [-0.1, np.nan])
def test_rician_rejects_negative_k(bad):
    with pytest.raises(ValueError, match="k_factor"):
        rician(bad, 10)


def test_rician_rejects_unbroadcastable_size():
    with pytest.raises(ValueError, match="size"):
        rician(np.ones(3), (4,))


# ================================================================= correlated Rayleigh
@pytest.mark.parametrize("method", ["eigen", "cholesky"])
def test_correlated_rayleigh_covariance(method):
    r = exponential_correlation(4, 0.7 * np.exp(0.3j))
    n = 100_000
    h = correlated_rayleigh(r, size=n, rng=3, method=method)
    assert h.shape == (n, 4)
    r_hat = h.T @ h.conj() / n
    # std of each sample-covariance entry <= sqrt(R_ii R_jj / n) = 1/sqrt(n)
    assert np.max(np.abs(r_hat - r)) < 4.5 / np.sqrt(n)
    assert np.max(np.abs(np.mean(h[:, :, None] * h[:, None, :], axis=0))) < 4.5 / np.sqrt(n)


def test_correlated_rayleigh_singular_rank_one():
    a = np.exp(1j * np.pi * np.sin(0.3) * np.arange(8))
    r = np.outer(a, a.conj())  # rank one: every draw is a scaled copy of a
    h = correlated_rayleigh(r, size=1000, rng=4)
    ratio = h / a
    np.testing.assert_allclose(ratio, ratio[:, :1] * np.ones((1, 8)), atol=1e-10)
    with pytest.raises(ValueError, match="eigen"):
        correlated_rayleigh(r, size=10, rng=4, method="cholesky")


def test_correlated_rayleigh_batched_covariances():
    rs = np.stack([exponential_correlation(3, 0.2), 2.0 * np.eye(3)])
    h = correlated_rayleigh(rs, size=(50_000,), rng=5)
    assert h.shape == (50_000, 2, 3)
    p = np.mean(np.abs(h) ** 2, axis=0)
    np.testing.assert_allclose(p, [[1, 1, 1], [2, 2, 2]], rtol=0.03)
    assert correlated_rayleigh(np.eye(2), rng=0).shape == (2,)


def test_correlated_rayleigh_identity_matches_rayleigh_stream():
    # With R = I the eigen square root is a permutation of signs at most: the power per draw
    # is identical to the i.i.d. sampler's.
    h = correlated_rayleigh(np.eye(3), size=10, rng=9)
    np.testing.assert_allclose(np.sort(np.abs(h) ** 2, axis=-1),
                               np.sort(np.abs(rayleigh((10, 3), rng=9)) ** 2, axis=-1))


@pytest.mark.parametrize("bad", [
    np.array([[1.0, 0.5], [0.4, 1.0]]),            # not Hermitian
    np.array([[1.0, 2.0], [2.0, 1.0]]),            # indefinite
    -np.eye(2),                                    # negative definite
    np.ones((2, 3)),                               # not square
    np.ones(3),                                    # not a matrix
    np.array([[1.0, np.nan], [np.nan, 1.0]]),      # not finite
])
def test_correlated_rayleigh_rejects_bad_covariance(bad):
    with pytest.raises(ValueError, match="covariance"):
        correlated_rayleigh(bad, size=2, rng=0)


def test_correlated_rayleigh_accepts_roundoff_negative_eigenvalues():
    from scipy.special import j0

    n, w = 16, 0.5
    k = np.arange(n)
    jakes = j0(2 * np.pi * (k[:, None] - k[None, :]) * w / (n - 1))  # rank-deficient
    assert np.linalg.eigvalsh(jakes).min() < 0  # round-off
    h = correlated_rayleigh(jakes, size=(200,), rng=0)
    assert np.all(np.isfinite(h))


def test_exponential_correlation_properties():
    r = exponential_correlation(5, 0.5j)
    np.testing.assert_allclose(r, r.conj().T)
    np.testing.assert_allclose(np.diag(r), 1.0)
    assert r[0, 2] == pytest.approx((0.5j) ** 2)
    assert np.linalg.eigvalsh(r).min() > 0
    with pytest.raises(ValueError, match="rho"):
        exponential_correlation(3, 1.5)


# ================================================================= shadowed Rician
def test_presets_match_abdi2003_and_pitfalls_1_2():
    # Pitfall 1: FHS Omega is 8.97e-4 (not 8.97e4). Pitfall 2: ILS is (19.4, 1.29), not (20, 1.3).
    assert (PRESETS["heavy"].b, PRESETS["heavy"].m, PRESETS["heavy"].omega) == (
        0.063, 0.739, 8.97e-4)
    assert PRESETS["heavy"].omega < 1
    assert (PRESETS["average"].b, PRESETS["average"].m, PRESETS["average"].omega) == (
        0.126, 10.1, 0.835)
    assert (PRESETS["light"].b, PRESETS["light"].m, PRESETS["light"].omega) == (
        0.158, 19.4, 1.29)


@pytest.mark.parametrize("name", list(PRESETS))
def test_pdf_integrates_to_one(name):
    sr = PRESETS[name]
    total, _ = integrate.quad(sr.pdf, 0.0, np.inf, limit=500, epsabs=0, epsrel=1e-12)
    assert total == pytest.approx(1.0, abs=1e-6)
    mean, _ = integrate.quad(lambda x: x * sr.pdf(x), 0.0, np.inf, limit=500, epsrel=1e-12)
    assert mean == pytest.approx(sr.mean_power, rel=1e-6)


def _pdf_direct_mpmath(sr, x):
    mp = pytest.importorskip("mpmath")
    mp.mp.dps = 50
    b, m, om = (mp.mpf(v) for v in (sr.b, sr.m, sr.omega))
    a0 = (2 * b * m / (2 * b * m + om)) ** m / (2 * b)
    d0 = om / (2 * b * (2 * b * m + om))
    return float(a0 * mp.exp(-x / (2 * b)) * mp.hyp1f1(m, 1, d0 * x))


@pytest.mark.parametrize("name", list(PRESETS) + ["el90"])
def test_pdf_kummer_form_matches_direct_form_in_high_precision(name):
    sr = PRESETS.get(name) or ShadowedRician.from_elevation(np.pi / 2)
    xs = sr.mean_power * np.array([1e-6, 1e-2, 0.3, 1.0, 2.0, 5.0])
    for x in xs:
        assert float(sr.pdf(x)) == pytest.approx(_pdf_direct_mpmath(sr, x), rel=1e-10)


@pytest.mark.parametrize("name", ["light", "el90"])
def test_pdf_no_overflow_pitfall_10(name):
    sr = PRESETS.get(name) or ShadowedRician.from_elevation(np.pi / 2)
    x = np.array([50.0, 200.0, 1e3, 1e5]) * sr.mean_power
    b0, d0 = 1 / (2 * sr.b), sr.omega / (2 * sr.b * (2 * sr.b * sr.m + sr.omega))
    with np.errstate(all="ignore"):  # the naive form overflows: inf * 0 -> nan
        naive = np.exp(-b0 * x) * special.hyp1f1(sr.m, 1.0, d0 * x)
    assert not np.all(np.isfinite(naive))
    val = sr.pdf(x)
    assert np.all(np.isfinite(val)) and np.all(val >= 0) and np.all(np.diff(val) <= 0)


def test_pdf_reduces_to_exponential_and_rician_limits():
    x = np.linspace(0, 5, 11)
    np.testing.assert_allclose(ShadowedRician(0.5, 1.0, 0.0).pdf(x), np.exp(-x), rtol=1e-12)
    # m -> infinity: Rician power with K = Omega/(2b): noncentral chi-square scaled by b
    b, om = 0.25, 1.5
    ref = stats.ncx2(2, om / b, scale=b).pdf(x[1:])
    np.testing.assert_allclose(ShadowedRician(b, 1e6, om).pdf(x[1:]), ref, rtol=1e-4)


@pytest.mark.parametrize("name", list(PRESETS) + ["el30"])
def test_cdf_matches_quadrature_of_pdf(name):
    sr = PRESETS.get(name) or ShadowedRician.from_elevation(np.deg2rad(30))
    for q in (0.01, 0.3, 0.9):
        x = float(sr.ppf(q))
        val, _ = integrate.quad(sr.pdf, 0.0, x, limit=500, epsabs=0, epsrel=1e-13)
        assert float(sr.cdf(x)) == pytest.approx(val, rel=1e-10)
        assert float(sr.cdf(x)) == pytest.approx(q, rel=1e-12)
        assert float(sr.sf(x)) == pytest.approx(1 - q, rel=1e-12)


def test_cdf_edges_and_shapes():
    sr = PRESETS["average"]
    np.testing.assert_array_equal(sr.cdf([-1.0, 0.0, np.inf]), [0.0, 0.0, 1.0])
    np.testing.assert_array_equal(sr.sf([-1.0, 0.0, np.inf]), [1.0, 1.0, 0.0])
    assert np.isnan(sr.cdf(np.nan))
    assert sr.cdf(np.ones((2, 3))).shape == (2, 3)
    assert isinstance(sr.cdf(1.0), float)
    # small-x behaviour: F(x) ~ pdf(0) x
    x = 1e-9
    assert float(sr.cdf(x)) == pytest.approx(float(sr.pdf(0.0)) * x, rel=1e-6)


@settings(max_examples=30, deadline=None)
@given(st.floats(1e-6, 1 - 1e-6))
def test_ppf_inverts_cdf(q):
    sr = PRESETS["heavy"]
    x = float(sr.ppf(q))
    assert float(sr.cdf(x)) == pytest.approx(q, rel=1e-11)


def test_ppf_edges_and_monotone():
    sr = PRESETS["light"]
    assert float(sr.ppf(0.0)) == 0.0 and float(sr.ppf(1.0)) == np.inf
    q = np.linspace(0.001, 0.999, 50)
    assert np.all(np.diff(sr.ppf(q)) > 0)
    with pytest.raises(ValueError, match="q"):
        sr.ppf(1.5)


@pytest.mark.parametrize("name", list(PRESETS))
def test_sample_mean_within_3_standard_errors(name):
    # 2e5 draws, seed 0, within 3 standard errors of 2b + Omega.
    sr = PRESETS[name]
    n = 200_000
    x = sr.sample(n, rng=0)
    assert abs(x.mean() - sr.mean_power) < 3 * np.sqrt(sr.var_power / n)


@pytest.mark.parametrize("name", list(PRESETS) + ["el45"])
def test_sampler_passes_ks_test_against_cdf(name):
    sr = PRESETS.get(name) or ShadowedRician.from_elevation(np.deg2rad(45))
    x = sr.sample(50_000, rng=11)
    assert stats.kstest(x, sr.cdf).pvalue > 1e-3


def test_sampler_keeps_small_values_pitfall_3():
    # Grid inversion on logspace(-1, 1) cannot produce x < 0.1; under heavy shadowing about
    # 55 % of the mass lies there.
    sr = PRESETS["heavy"]
    n = 100_000
    x = sr.sample(n, rng=1)
    p = float(sr.cdf(0.1))
    assert p > 0.5
    assert abs(np.mean(x < 0.1) - p) < 4 * np.sqrt(p * (1 - p) / n)
    assert np.mean(x < 1e-3) == pytest.approx(float(sr.cdf(1e-3)), abs=4 * np.sqrt(0.01 / n))


def test_gamma_shape_is_m_pitfall_4():
    # Var|h|^2 = Omega^2/m + 4 b Omega + 4 b^2: with (b, m, Omega) = (0.01, 2, 1) it is 0.5404,
    # against 0.2904 if the Gamma shape were 2m.
    sr = ShadowedRician(0.01, 2.0, 1.0)
    assert sr.var_power == pytest.approx(0.5404)
    n = 200_000
    x = sr.sample(n, rng=2)
    # std of the sample variance ~ sqrt((mu4 - sigma^4) / n) < 0.005 here
    assert x.var() == pytest.approx(0.5404, abs=0.02)
    h = sr.sample_complex(n, rng=2)
    np.testing.assert_allclose(np.abs(h) ** 2, x)


def test_normalized_and_k_factor():
    for sr in PRESETS.values():
        nz = sr.normalized()
        assert nz.mean_power == pytest.approx(1.0, rel=1e-14)
        assert (nz.m, nz.k_factor) == (sr.m, pytest.approx(sr.k_factor, rel=1e-14))
        # scaling property: F_norm(x) = F(x * mean_power)
        assert float(nz.cdf(0.5)) == pytest.approx(float(sr.cdf(0.5 * sr.mean_power)),
                                                   rel=1e-10)


def test_from_elevation_fits_and_range():
    sr = ShadowedRician.from_elevation(np.deg2rad(50.0))
    t = 50.0
    assert sr.b == pytest.approx(-4.7943e-8 * t**3 + 5.5784e-6 * t**2 - 2.1344e-4 * t + 3.2710e-2)
    assert sr.m == pytest.approx(6.3739e-5 * t**3 + 5.8533e-4 * t**2 - 1.5973e-1 * t + 3.5156)
    assert sr.omega == pytest.approx(1.4428e-5 * t**3 - 2.3798e-3 * t**2 + 1.2702e-1 * t
                                     - 1.4864)
    for el in np.deg2rad(np.linspace(20, 90, 71)):  # valid parameters across the range
        s = ShadowedRician.from_elevation(el)
        assert s.b > 0 and s.m > 0 and s.omega > 0
    ShadowedRician.from_elevation(np.deg2rad(20.0))
    ShadowedRician.from_elevation(np.pi / 2)


@pytest.mark.parametrize("deg", [19.9, 10.0, 90.1, -30.0])
def test_from_elevation_rejects_outside_20_90_degrees(deg):
    with pytest.raises(ValueError, match="elevation"):
        ShadowedRician.from_elevation(np.deg2rad(deg))


@pytest.mark.parametrize(("kw", "name"), [({"b": 0.0}, "b"), ({"b": -1.0}, "b"),
                                          ({"m": 0.0}, "m"), ({"omega": -0.1}, "omega"),
                                          ({"b": np.array([0.1, 0.2])}, "b")])
def test_shadowed_rician_rejects_bad_parameters(kw, name):
    args = {"b": 0.1, "m": 2.0, "omega": 1.0} | kw
    with pytest.raises(ValueError, match=name):
        ShadowedRician(**args)


def test_shadowed_rician_is_frozen_and_hashable():
    sr = PRESETS["average"]
    with pytest.raises(AttributeError):
        sr.b = 1.0
    assert hash(sr) == hash(ShadowedRician(0.126, 10.1, 0.835))


def test_rician_and_correlation_inputs_are_checked_before_conversion():
    """Guards (fuzz): complex/object K-factors and LoS phases reached ``float()`` ("float()
    argument must be ..."), and ``exponential_correlation(1e12)`` tried to allocate TiBs."""
    from wirelesseff.channel.fading import MAX_CORRELATION_DIM

    for name, kw in (("k_factor", {"k_factor": 1 + 1j}), ("los_phase", {"los_phase": 1j})):
        args = {"k_factor": 1.0, "size": 3, "rng": 0, **kw}
        with pytest.raises(TypeError, match=name):
            rician(**args)
    with pytest.raises(ValueError, match="n must be"):
        exponential_correlation(MAX_CORRELATION_DIM + 1, 0.5)
    assert exponential_correlation(4, 0.5).shape == (4, 4)
