"""MR/ZF uplink SE: closed forms (Ngo-Larsson-Marzetta 2013) versus Monte-Carlo, both backends."""

from __future__ import annotations

import numpy as np
import pytest

from wirelesseff.xlmimo.rates import MCResult, se_montecarlo, se_mr, se_zf

SNR_DB = np.array([-10.0, 0.0, 10.0])
K = 8


def _snr_rows():
    # one row per SNR level, slightly unequal users so that per-user formulas are exercised
    spread = np.linspace(0.5, 1.5, K)
    return 10 ** (SNR_DB[:, None] / 10) * spread


def test_closed_forms_by_hand():
    s = np.array([1.0, 2.0, 4.0])
    m, tau = 16, 5
    others = s.sum() - s
    np.testing.assert_allclose(se_mr(m, s), np.log2(1 + (m - 1) * s / (others + 1)))
    np.testing.assert_allclose(se_zf(m, s), np.log2(1 + (m - 3) * s))
    mr_imp = tau * s**2 * (m - 1) / ((tau * s + 1) * others + (tau + 1) * s + 1)
    np.testing.assert_allclose(se_mr(m, s, tau), np.log2(1 + mr_imp))
    eps = np.sum(s / (tau * s + 1))
    zf_imp = tau * s**2 * (m - 3) / ((tau * s + 1) * eps + tau * s + 1)
    np.testing.assert_allclose(se_zf(m, s, tau), np.log2(1 + zf_imp))


def test_closed_forms_broadcast_and_limits():
    m = np.array([4, 8, 64])[:, None]
    out = se_zf(m, _snr_rows())  # M (3, 1) against the SNR batch axis (3,)
    assert out.shape == (3, 3, K)
    assert np.isnan(se_zf(8, np.ones(8))).all()  # M <= K
    # imperfect CSI never beats perfect CSI; long pilots approach perfect CSI
    s = _snr_rows()
    assert np.all(se_zf(64, s, tau_p=8) < se_zf(64, s))
    assert np.all(se_mr(64, s, tau_p=8) < se_mr(64, s))
    np.testing.assert_allclose(se_zf(64, s, tau_p=1e9), se_zf(64, s), rtol=1e-6)
    np.testing.assert_allclose(se_mr(64, s, tau_p=1e9), se_mr(64, s), rtol=1e-6)


@pytest.fixture(scope="module")
def mc_results():
    """MC (numba) for M in {16, 64, 256}, 4000 seeded draws, all SNRs/schemes/CSI."""
    rows = _snr_rows()
    out = {}
    for scheme in ("mr", "zf"):
        for tau in (None, K):
            for i, m in enumerate((16, 64, 256)):
                res = se_montecarlo(m, rows, scheme, tau_p=tau, n_realizations=4000,
                                    rng=100 + i)
                closed = (se_mr if scheme == "mr" else se_zf)(m, rows, tau)
                out[scheme, tau, m] = (res, closed)
    return out


def test_montecarlo_above_closed_form_lower_bound(mc_results):
    for (scheme, tau, m), (res, closed) in mc_results.items():
        assert isinstance(res, MCResult)
        assert res.mean.shape == closed.shape == (3, K)
        assert np.all(res.mean >= closed - 3 * res.stderr), (scheme, tau, m)


def test_jensen_gap_non_increasing_in_m(mc_results):
    for scheme in ("mr", "zf"):
        for tau in (None, K):
            gaps, errs = [], []
            for m in (16, 64, 256):
                res, closed = mc_results[scheme, tau, m]
                gaps.append((res.mean - closed).mean(axis=-1))
                errs.append(np.sqrt(np.mean(res.stderr**2, axis=-1) / K))
            for a, b, ea, eb in zip(gaps, gaps[1:], errs, errs[1:]):
                assert np.all(b <= a + 3 * np.hypot(ea, eb)), (scheme, tau, a, b)


@pytest.mark.parametrize("scheme", ["mr", "zf"])
@pytest.mark.parametrize("tau", [None, 10])
def test_numba_matches_numpy_reference(scheme, tau):
    rows = _snr_rows()
    kw = {"n_realizations": 300, "batch": 128, "tau_p": tau}
    a = se_montecarlo(24, rows, scheme, rng=5, backend="numba", **kw)
    b = se_montecarlo(24, rows, scheme, rng=5, backend="numpy", **kw)
    np.testing.assert_allclose(a.mean, b.mean, rtol=0, atol=1e-10)
    np.testing.assert_allclose(a.stderr, b.stderr, rtol=0, atol=1e-10)


def test_montecarlo_is_reproducible_and_batch_independent():
    s = np.ones(4)
    a = se_montecarlo(16, s, "zf", n_realizations=500, rng=1, batch=500)
    b = se_montecarlo(16, s, "zf", n_realizations=500, rng=1, batch=500)
    np.testing.assert_array_equal(a.mean, b.mean)
    # the stream is consumed in the same order whatever the batch size
    c = se_montecarlo(16, s, "zf", n_realizations=500, rng=1, batch=100)
    np.testing.assert_allclose(a.mean, c.mean, rtol=0, atol=1e-12)


def test_montecarlo_zf_perfect_csi_exact_mean_of_inverse():
    # perfect-CSI ZF: s_k/[(G^H G)^-1]_kk ~ s_k * Gamma(M-K+1); E[log2(1+sX)] by quadrature
    from scipy import integrate, stats

    m, s = 12, 0.5
    res = se_montecarlo(m, np.full(4, s), "zf", n_realizations=20_000, rng=11)
    dist = stats.gamma(m - 4 + 1)
    exact, _ = integrate.quad(lambda x: np.log2(1 + s * x) * dist.pdf(x), 0, np.inf)
    np.testing.assert_allclose(res.mean, exact, atol=4 * res.stderr.max())


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: se_montecarlo(8, np.ones(8), "zf"), "M must exceed K"),
        (lambda: se_montecarlo(16, np.ones(8), "mmse"), "scheme"),
        (lambda: se_montecarlo(16, np.ones(8), "zf", backend="cuda"), "backend"),
        (lambda: se_montecarlo(16, np.ones(8), "zf", tau_p=4), "tau_p"),
        (lambda: se_montecarlo(16, -np.ones(8), "zf"), "snr"),
        (lambda: se_montecarlo(16, np.ones(8), "zf", n_realizations=0), "n_realizations"),
        (lambda: se_montecarlo(16, np.ones(8), "zf", batch=0), "batch"),
        (lambda: se_mr(0, np.ones(2)), "M"),
        (lambda: se_zf(10, np.ones(2), tau_p=1), "tau_p"),
        (lambda: se_mr(10, 1.0), "snr"),
        (lambda: se_zf(10, [-1.0, 1.0]), "snr"),
        # K = 0 users (an empty last axis) is rejected by name, not by a reshape error
        (lambda: se_montecarlo(16, np.ones((2, 0)), "mr"), "snr"),
        (lambda: se_montecarlo(16, np.ones(0), "zf"), "snr"),
        (lambda: se_mr(4, np.ones(0)), "snr"),
    ],
)
def test_rejects_bad_input(call, name):
    with pytest.raises(ValueError, match=name):
        call()


@pytest.mark.parametrize("scheme", ["mr", "zf"])
def test_bartlett_sampler_matches_direct_channel_draws(scheme):
    """The exact Wishart (Bartlett) sampler and explicit channel draws agree statistically."""
    s = np.array([0.3, 1.0, 3.0, 10.0])
    a = se_montecarlo(20, s, scheme, tau_p=6, n_realizations=6000, rng=21)
    b = se_montecarlo(20, s, scheme, tau_p=6, n_realizations=6000, rng=22, sampler="channel")
    np.testing.assert_allclose(a.mean, b.mean, atol=4 * np.hypot(a.stderr, b.stderr).max())


def test_bartlett_factor_has_wishart_moments():
    """E[A] = M I and E|A_ij|^2 = M (i != j) for A = T T^H ~ CW_K(M, I)."""
    from wirelesseff.xlmimo.rates import _draw_factor

    gen = np.random.default_rng(3)
    m, k, n = 9, 5, 40_000
    gammas = gen.standard_gamma(m - np.arange(k, dtype=float), size=(n, k))
    t = _draw_factor(gen, n, m, k, "bartlett", gammas)
    a = t @ np.conj(np.swapaxes(t, -1, -2))
    mean = a.mean(axis=0)
    np.testing.assert_allclose(mean.real, m * np.eye(k), atol=0.1)
    np.testing.assert_allclose(mean.imag, 0, atol=0.1)
    off = np.abs(a[:, 0, 1]) ** 2
    assert off.mean() == pytest.approx(m, rel=0.03)
    # diagonal entries: A_kk ~ Gamma(M) (sum of M unit exponentials)
    assert np.var(a[:, k - 1, k - 1].real) == pytest.approx(m, rel=0.05)


@pytest.mark.parametrize("zf", [True, False])
def test_parallel_and_serial_kernels_agree(zf):
    from wirelesseff.xlmimo import rates

    gen = np.random.default_rng(8)
    m, k, n = 40, 6, 300
    t = rates._draw_factor(gen, n, m, k, "bartlett",
                           gen.standard_gamma(m - np.arange(k, dtype=float), size=(n, k)))
    var = np.array([[0.5, 1.0, 2.0, 4.0, 8.0, 16.0], [1.0] * 6])
    noise = np.array([1.3, 1.0])
    a = rates._se_kernel_parallel(t, var, noise, zf)
    b = rates._se_kernel_serial(t, var, noise, zf)
    c = rates._se_kernel_numpy(t, var, noise, zf)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_allclose(a, c, rtol=0, atol=1e-10)


@pytest.mark.parametrize("tau", [None, 6])
@pytest.mark.parametrize("m", [1, 3])
def test_mr_montecarlo_with_fewer_antennas_than_users(m, tau):
    """MR with M < K (valid, as for se_mr): exact against SINRs computed from channel vectors.

    A = W^H W is singular for M < K, so neither the Bartlett factor (Gamma(M - i) with a
    non-positive shape) nor a Cholesky factor exists; the realization uses T = [W^H, 0].
    """
    k, n, seed = 6, 400, 31
    s = np.array([0.2, 0.5, 1.0, 2.0, 5.0, 10.0])
    res = {(be, sm): se_montecarlo(m, s, "mr", tau_p=tau, n_realizations=n, rng=seed,
                                   backend=be, batch=n, sampler=sm)
           for be in ("numba", "numpy") for sm in ("bartlett", "channel")}
    ref = res["numpy", "channel"]
    for r in res.values():
        np.testing.assert_allclose(r.mean, ref.mean, rtol=0, atol=1e-10)
        np.testing.assert_allclose(r.stderr, ref.stderr, rtol=0, atol=1e-10)
    # direct evaluation from the channel estimates ghat_k = sqrt(v_k) w_k (same draws)
    gen = np.random.default_rng(seed)
    z = gen.standard_normal((n, 2, m, k))
    w = (z[:, 0] + 1j * z[:, 1]) / np.sqrt(2.0)
    if tau is None:
        v, noise = s, 1.0
    else:
        v, noise = tau * s**2 / (tau * s + 1), np.sum(s / (tau * s + 1)) + 1.0
    g = w * np.sqrt(v)
    sinr = np.empty((n, k))
    for j in range(k):
        nk = np.sum(np.abs(g[:, :, j]) ** 2, axis=-1)
        cross = np.abs(np.einsum("rm,rmi->ri", g[:, :, j].conj(), g)) ** 2
        interf = (cross.sum(axis=-1) - nk**2) / nk
        sinr[:, j] = nk / (interf + noise)
    np.testing.assert_allclose(ref.mean, np.log2(1 + sinr).mean(axis=0), rtol=0, atol=1e-10)
    # and the Jensen bound of se_mr still holds (M >= 2; for M = 1 it is 0)
    assert np.all(ref.mean >= se_mr(m, s, tau) - 3 * ref.stderr)


def test_mr_montecarlo_m_below_k_statistics():
    """M < K: E[||g_k||^2] = M s_k, checked through the MC mean at low SNR (log2(1+x) ~ x)."""
    m, k = 2, 5
    s = np.full(k, 1e-4)  # interference and noise ~ 1: SINR ~ ||g_k||^2 = s_k Gamma(M)
    res = se_montecarlo(m, s, "mr", n_realizations=20_000, rng=4)
    np.testing.assert_allclose(res.mean, m * s / np.log(2), rtol=0, atol=4 * res.stderr.max())


def test_mr_kernel_forms_gram_from_all_columns_of_the_factor():
    """The MR kernels accept a non-triangular factor T (A = T T^H over all columns)."""
    from wirelesseff.xlmimo import rates

    gen = np.random.default_rng(12)
    n, k = 50, 5
    t = (gen.standard_normal((n, k, k)) + 1j * gen.standard_normal((n, k, k))) / np.sqrt(2)
    var = np.array([[0.5, 1.0, 2.0, 4.0, 8.0], [1.0] * 5])
    noise = np.array([1.2, 1.0])
    c = rates._se_kernel_numpy(t, var, noise, False)
    np.testing.assert_allclose(rates._se_kernel_serial(t, var, noise, False), c, rtol=0,
                               atol=1e-10)
    np.testing.assert_allclose(rates._se_kernel_parallel(t, var, noise, False), c, rtol=0,
                               atol=1e-10)
