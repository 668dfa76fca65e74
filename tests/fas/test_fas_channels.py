"""Port geometry, correlation models and samplers of wirelesseff.fas.channels.

See docs/fas.md, "Port channels".
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import integrate, special

from wirelesseff.fas import (
    CHANNEL_MODELS,
    block_sizes,
    constant_correlation_mu2,
    correlation_factor,
    frame_correlation,
    jakes_correlation,
    planar_jakes_correlation,
    port_positions,
    sample_port_channel_sequence,
    sample_port_channels,
)


# --- geometry and Jakes matrix ---
def test_port_positions_span_the_aperture():
    x = port_positions(11, 2.0, wavelength_m=0.05)
    assert x[0] == 0.0 and x[-1] == pytest.approx(0.1)
    assert np.allclose(np.diff(x), 0.01)
    assert port_positions(1, 7.0).tolist() == [0.0]


@pytest.mark.parametrize("n, w", [(10, 0.5), (50, 2.0), (200, 5.0)])
def test_jakes_matrix_is_symmetric_toeplitz_with_unit_diagonal(n, w):
    J = jakes_correlation(n, w)
    assert np.allclose(J, J.T)
    assert np.allclose(np.diag(J), 1.0)
    assert np.trace(J) == pytest.approx(n)
    # Toeplitz: constant along every diagonal
    for k in (1, n // 2, n - 1):
        d = np.diag(J, k)
        assert np.allclose(d, d[0])
    assert J[0, 1] == pytest.approx(special.j0(2 * np.pi * w / (n - 1)))
    assert np.linalg.eigvalsh(J).min() >= -1e-10 * n


def test_dominant_eigenvalue_count_grows_like_2w():
    """#eigenvalues > 1 is non-decreasing in W, about 2W + O(1) [KL], stable in N."""
    ws = np.linspace(0.25, 8.0, 32)
    counts = np.array([(np.linalg.eigvalsh(jakes_correlation(100, w)) > 1).sum() for w in ws])
    assert np.all(np.diff(counts) >= 0)
    assert np.all(np.abs(counts - 2 * ws) <= 3)
    for w in (0.5, 2.0, 6.0):
        c100 = (np.linalg.eigvalsh(jakes_correlation(100, w)) > 1).sum()
        c200 = (np.linalg.eigvalsh(jakes_correlation(200, w)) > 1).sum()
        assert abs(int(c200) - int(c100)) <= 1


def test_truncated_factor_keeps_the_power():
    for n, w in [(100, 2.0), (200, 6.0), (30, 0.5)]:
        A = correlation_factor(n, w)
        assert np.sum(A**2) >= (1 - 1e-8) * n
        assert np.allclose(A @ A.T, jakes_correlation(n, w), atol=1e-8)
        assert A.shape[1] < n
        assert not A.flags.writeable


def test_planar_jakes_reduces_to_linear_for_one_row():
    J2 = planar_jakes_correlation(6, 1, 1.5, 3.0)
    assert np.allclose(J2, jakes_correlation(6, 1.5))
    Jp = planar_jakes_correlation(3, 4, 1.0, 2.0)
    assert Jp.shape == (12, 12)
    # port i = i_x + N_x i_y: ports 0 and N_x are one y-step (2/3 wavelength) apart
    assert Jp[0, 3] == pytest.approx(special.j0(2 * np.pi * 2.0 / 3.0))
    assert np.linalg.eigvalsh(Jp).min() > -1e-10


# --- constant-correlation mu^2 ---
@pytest.mark.parametrize("w", [0.05, 0.3, 0.5, 1.0, 2.0, 5.0, 10.0])
def test_mu2_closed_form_equals_pair_average(w):
    """mu^2 = E[J0(2 pi |u - v|)], u, v ~ U[0, W] i.i.d. (Wong & Tong 2022, eq. (11))."""
    avg = integrate.quad(lambda d: 2 * (w - d) / w**2 * special.j0(2 * np.pi * d), 0, w,
                         epsabs=0, epsrel=1e-12, limit=400)[0]
    assert constant_correlation_mu2(w) == pytest.approx(abs(avg), rel=1e-8, abs=1e-12)


@pytest.mark.parametrize("w", [0.2, 1.0, 3.7])
def test_mu2_matches_mpmath_hypergeometric(w):
    mpmath = pytest.importorskip("mpmath")
    ref = abs(2 * mpmath.hyp1f2(0.5, 1, 1.5, -mpmath.pi**2 * w**2)
              - mpmath.besselj(1, 2 * mpmath.pi * w) / (mpmath.pi * w))
    assert constant_correlation_mu2(w) == pytest.approx(float(ref), rel=1e-8)


def test_mu2_limits_and_broadcasting():
    assert constant_correlation_mu2(0.0) == 1.0
    assert constant_correlation_mu2(1e-6) == pytest.approx(1.0, abs=1e-10)
    big = np.array([50.0, 200.0])
    assert np.allclose(constant_correlation_mu2(big) * np.pi * big, 1.0, atol=0.05)
    out = constant_correlation_mu2(np.array([[0.5], [1.0]]))
    assert out.shape == (2, 1)
    assert isinstance(constant_correlation_mu2(1.0), float)


# --- block sizes (RE24 Algorithm 1) ---
def _reference_algorithm1(n, lam, mu2):
    """Literal transcription of RE24 Algorithm 1 (loop over blocks kept separately)."""
    L = [0] * len(lam)
    active = [True] * len(lam)
    while sum(L) < n and any(active):
        for b in range(len(lam)):
            if active[b]:
                L[b] += 1
        for b in range(len(lam)):
            if active[b]:
                active[b] = abs((L[b] - 1) * mu2 + 1 - lam[b]) >= abs(L[b] * mu2 + 1 - lam[b])
    return L


@pytest.mark.parametrize("n, w", [(100, 2.0), (60, 6.0), (180, 6.0), (20, 1.0), (200, 1.0)])
def test_block_sizes_follow_algorithm1_and_partition_the_ports(n, w):
    lam = np.sort(np.linalg.eigvalsh(jakes_correlation(n, w)))[::-1]
    lam = lam[lam > n / 100]
    ref = _reference_algorithm1(n, lam, 0.97)
    assert block_sizes(n, w, remainder="drop").tolist() == ref
    L = block_sizes(n, w)
    assert L.sum() == n and np.all(L > 0)
    # a block's largest eigenvalue 1 + (L-1) mu^2 overshoots its Jakes eigenvalue by at most one
    # increment (growth stops at the first overshoot or when the ports run out)
    raw = np.asarray(ref)
    assert np.all(1 + (raw - 1) * 0.97 <= lam + 0.97 + 1e-12)


def test_block_sizes_dominance_option():
    assert block_sizes(100, 2.0, dominance="one").sum() == 100
    assert len(block_sizes(100, 2.0, dominance="one")) >= len(block_sizes(100, 2.0)) - 1


# --- samplers ---
@pytest.mark.parametrize("model", CHANNEL_MODELS)
def test_samplers_have_unit_port_power(model):
    h = sample_port_channels(20, 1.5, size=(40_000,), model=model, rng=7)
    assert h.shape == (40_000, 20) and np.iscomplexobj(h)
    p = np.mean(np.abs(h) ** 2, axis=0)
    # |h|^2 ~ Exp(1): stderr 1/sqrt(S) = 0.005 per port
    assert np.all(np.abs(p - 1) < 4 / np.sqrt(40_000) * 1.2)
    # circular symmetry: E[h^2] = 0
    assert np.all(np.abs(np.mean(h**2, axis=0)) < 0.03)


def test_jakes_sampler_reproduces_the_correlation():
    n, w = 12, 1.0
    h = sample_port_channels(n, w, size=(100_000,), rng=11)
    emp = (h.conj().T @ h / h.shape[0]).real
    assert np.allclose(emp, jakes_correlation(n, w), atol=0.02)


def test_wong_and_constant_samplers_have_their_correlations():
    n, w = 6, 1.0
    h = sample_port_channels(n, w, size=(100_000,), model="wong", rng=2)
    mu = special.j0(2 * np.pi * np.arange(1, n) * w / (n - 1))
    c0 = np.mean(h[:, 1:] * h[:, :1].conj(), axis=0).real
    assert np.allclose(c0, mu, atol=0.02)
    h = sample_port_channels(n, w, size=(100_000,), model="constant", rng=3)
    mu2 = constant_correlation_mu2(w)
    c = np.mean(h[:, 3] * h[:, 1].conj()).real
    assert c == pytest.approx(mu2, abs=0.02)


def test_block_sampler_blocks_are_independent():
    h = sample_port_channels(100, 2.0, size=(50_000,), model="block", rng=5)
    L = block_sizes(100, 2.0)
    within = np.mean(h[:, 0] * h[:, 1].conj()).real
    across = np.mean(h[:, 0] * h[:, L[0]].conj()).real
    assert within == pytest.approx(0.97, abs=0.02)
    assert abs(across) < 0.02


def test_correlation_override_and_sampler_reproducibility():
    J = planar_jakes_correlation(3, 3, 1.0, 1.0)
    h1 = sample_port_channels(9, 0.0, size=(4,), rng=1, correlation=J)
    h2 = sample_port_channels(9, 0.0, size=(4,), rng=np.random.default_rng(1), correlation=J)
    assert np.array_equal(h1, h2)
    assert sample_port_channels(5, 1.0, size=3, rng=0).shape == (3, 5)
    assert sample_port_channels(5, 1.0, rng=0).shape == (5,)


def test_sampler_does_not_mutate_the_correlation_input():
    J = jakes_correlation(8, 1.0)
    J_copy = J.copy()
    sample_port_channels(8, 1.0, size=(10,), rng=0, correlation=J)
    assert np.array_equal(J, J_copy)


def test_gauss_markov_sequence_is_stationary_with_lag_one_correlation():
    rho = float(frame_correlation(5.0, 0.01))  # f_D T_f = 0.05
    g = sample_port_channel_sequence(4, 1.0, n_frames=60, rho_t=rho, size=(4000,), rng=9)
    assert g.shape == (60, 4000, 4)
    power = np.mean(np.abs(g) ** 2, axis=(1, 2))
    assert np.all(np.abs(power - 1) < 0.05)  # every frame has unit power
    lag1 = np.mean(g[1:] * g[:-1].conj()).real
    assert lag1 == pytest.approx(rho, abs=0.01)
    # spatial law preserved in time
    emp = np.mean(g[-1][:, :, None] * g[-1][:, None, :].conj(), axis=0).real
    assert np.allclose(emp, jakes_correlation(4, 1.0), atol=0.06)


def test_frame_correlation_is_clarke():
    assert frame_correlation(0.0, 0.01) == 1.0
    assert frame_correlation(10.0, 0.01) == pytest.approx(special.j0(2 * np.pi * 0.1))


# --- bad input ---
@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: port_positions(0, 1.0), "n_ports"),
        (lambda: port_positions(4, -1.0), "aperture_wl"),
        (lambda: jakes_correlation(5, -0.5), "aperture_wl"),
        (lambda: constant_correlation_mu2(-1.0), "aperture_wl"),
        (lambda: block_sizes(10, 1.0, mu2=1.0), "mu2"),
        (lambda: block_sizes(10, 1.0, remainder="keep"), "remainder"),
        (lambda: sample_port_channels(4, 1.0, model="rician"), "model"),
        (lambda: sample_port_channels(4, 1.0, correlation=np.eye(3)), "correlation"),
        (lambda: sample_port_channel_sequence(4, 1.0, 10, 1.5), "rho_t"),
        (lambda: sample_port_channel_sequence(4, 1.0, 0, 0.5), "n_frames"),
        (lambda: frame_correlation(1.0, 0.0), "frame_s"),
        # regression: an infinite aperture gave NaN correlations / samples
        (lambda: port_positions(4, np.inf), "aperture_wl"),
        (lambda: jakes_correlation(5, np.inf), "aperture_wl"),
        (lambda: constant_correlation_mu2(np.inf), "aperture_wl"),
        (lambda: block_sizes(10, np.inf), "aperture_wl"),
        (lambda: sample_port_channels(4, np.inf, model="constant"), "aperture_wl"),
        (lambda: sample_port_channels(4, np.nan), "aperture_wl"),
        # regression: an indefinite correlation was sampled silently (negative eigenvalue
        # dropped); it is rejected beyond a rounding tolerance of 1e-8 max|eigenvalue|
        (lambda: sample_port_channels(3, 1.0, correlation=np.array(
            [[1.0, 0.9, 0.9], [0.9, 1.0, -0.9], [0.9, -0.9, 1.0]])), "correlation"),
        (lambda: sample_port_channels(2, 1.0, correlation=np.array(
            [[1.0, 0.0], [0.0, -1e-6]])), "positive semidefinite"),
        (lambda: sample_port_channels(2, 1.0, correlation=np.array(
            [[1.0, np.nan], [np.nan, 1.0]])), "correlation"),
    ],
)
def test_bad_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_correlation_indefinite_by_rounding_only_is_accepted():
    """The PSD check tolerates rounding (-1e-8 max|eigenvalue|), e.g. a computed matrix."""
    C = np.array([[1.0, 1.0], [1.0, 1.0]]) + np.diag([0.0, -1e-12])  # eigenvalue ~ -5e-13
    h = sample_port_channels(2, 1.0, 10, correlation=C, rng=0)
    assert h.shape == (10, 2) and np.all(np.isfinite(h))
    J = planar_jakes_correlation(4, 4, 3.0, 3.0)
    assert sample_port_channels(16, 1.0, 5, correlation=J, rng=1).shape == (5, 16)
