"""OMP, AMP and the activity-detection Monte-Carlo (docs/noma.md, "Activity detection")."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest
import scipy.integrate
import scipy.special
from hypothesis import given, settings
from hypothesis import strategies as st

from wirelesseff.noma import (
    activity_detection_mc,
    amp,
    gaussian_codebook,
    golay_codebook,
    golay_operator,
    omp,
    omp_batch,
    omp_max_sparsity,
    omp_penalty_db,
    wilson_interval,
)


@pytest.fixture(scope="module")
def golay2():
    return golay_codebook(2), golay_operator(2)


def _random_sparse(rng, k_total, ka, trials):
    supports = np.stack([rng.choice(k_total, ka, replace=False) for _ in range(trials)])
    phases = np.exp(1j * rng.uniform(0, 2 * np.pi, (trials, ka)))
    return supports, phases


# --- tier 1: theorems (Tropp 2004; Ben-Haim, Eldar, Elad 2010) -----------------------------------
def test_omp_guarantee_numbers_tropp2004():
    # bent codebook: 2 at N = 16 (mu = 1/4), 8 at N = 256 (mu = 1/16)
    assert omp_max_sparsity(0.25) == 2 and omp_max_sparsity(0.0625) == 8
    assert omp_penalty_db(1 / 16, 4) == pytest.approx(20 * math.log10(16 / 9), rel=1e-14)
    assert omp_penalty_db(1 / 15, 8) == math.inf  # 1 - 15/15 = 0
    assert omp_penalty_db(1 / 16, 9) == math.inf


def test_noiseless_omp_recovers_every_8_sparse_support_tropp2004(golay2):
    """K_a = 8 = omp_max_sparsity(1/16): exact recovery is a theorem (mu < 1/(2K_a - 1))."""
    a, op = golay2
    rng = np.random.default_rng(2024)
    supports, phases = _random_sparse(rng, a.shape[1], 8, 200)
    y = np.einsum("ntk,tk->nt", a[:, supports], phases)
    fast, coef_fast = omp_batch(op, y, 8)
    dense, _ = omp_batch(a, y, 8)
    np.testing.assert_array_equal(fast, dense)  # fast and dense paths: identical supports
    for t in range(200):
        assert set(fast[t].tolist()) == set(supports[t].tolist())
        order = np.argsort(fast[t])
        np.testing.assert_allclose(coef_fast[t][order], phases[t][np.argsort(supports[t])],
                                   atol=1e-12)
    for t in range(0, 200, 40):  # the single-measurement API gives the same answer
        s, _ = omp(op, y[:, t], 8)
        np.testing.assert_array_equal(s, fast[t])
        s_dense, _ = omp(a, y[:, t], 8)
        np.testing.assert_array_equal(s_dense, fast[t])


# --- tier 2: closed form vs Monte-Carlo ---------------------------------------------------------
def _aer_single_user_phase(n, sigma2):
    """1 - P(|1 + sigma w| > max_{j<n-1} |sigma w_j|), Rice vs Rayleigh order statistic."""
    def integrand(r):
        rice = (2 * r / sigma2) * np.exp(-((r - 1) ** 2) / sigma2) * scipy.special.i0e(
            2 * r / sigma2)
        return rice * (1 - np.exp(-r * r / sigma2)) ** (n - 1)

    p, _ = scipy.integrate.quad(integrand, 0, 1 + 12 * math.sqrt(sigma2), limit=200)
    return 1 - p


def _aer_single_user_rayleigh(n, sigma2):
    s = 1 + sigma2
    return 1 - sum(math.comb(n - 1, i) * (-1) ** i / (1 + i * s / sigma2) for i in range(n))


@pytest.mark.parametrize(("fading", "snr_db"), [("phase", 8.0), ("rayleigh", 12.0)])
def test_single_user_aer_matches_closed_form(fading, snr_db):
    n, trials = 16, 4000
    sigma2 = 10 ** (-snr_db / 10)
    exact = (_aer_single_user_phase if fading == "phase" else _aer_single_user_rayleigh)(
        n, sigma2)
    ds = activity_detection_mc(np.eye(n), 1, snr_db, trials, fading=fading, rng=99)
    aer = float(ds.aer[0])
    assert 0.02 < exact < 0.5
    assert abs(aer - exact) < 4 * math.sqrt(exact * (1 - exact) / trials)
    assert float(ds.aer_low[0]) <= exact <= float(ds.aer_high[0]) or abs(aer - exact) < 0.01


def test_mc_reproducible_bounded_and_zero_at_100db(golay2):
    _, op = golay2
    snr = [0.0, 15.0, 100.0]
    ds1 = activity_detection_mc(op, 8, snr, 60, rng=5)
    ds2 = activity_detection_mc(op, 8, snr, 60, rng=5)
    assert ds1.identical(ds2)
    assert ((ds1.aer >= 0) & (ds1.aer <= 1)).all()
    assert float(ds1.aer.sel(snr_db=100.0)) == 0.0
    assert float(ds1.aer.sel(snr_db=0.0)) > 0.0
    assert ds1.attrs["N"] == 256 and ds1.attrs["K"] == 1536 and ds1.attrs["seed"] == 5
    assert ds1.attrs["detector"] == "omp" and ds1.attrs["fading"] == "phase"
    assert ds1.aer.attrs["units"] == "1"
    # common random numbers: batch size does not change the result
    ds3 = activity_detection_mc(op, 8, snr, 60, rng=5, batch_size=7)
    np.testing.assert_array_equal(ds3.n_miss, ds1.n_miss)
    # p_fa = misses / (T (K - K_a)) since both detectors return K_a users
    np.testing.assert_allclose(ds1.p_fa, ds1.n_miss / (60 * (1536 - 8)))


@pytest.mark.parametrize("ka", [1, 4, 8])
def test_aer_zero_at_100db_for_ka_up_to_8_bent_codebook(golay2, ka):
    _, op = golay2
    ds = activity_detection_mc(op, ka, 100.0, 40, rng=ka)
    assert float(ds.aer[0]) == 0.0


def test_aer_decreases_with_snr_under_common_random_numbers():
    a = gaussian_codebook(32, 96, rng=0)
    ds = activity_detection_mc(a, 4, [0.0, 10.0, 20.0], 200, rng=1)
    assert ds.aer[0] > ds.aer[1] > ds.aer[2]


@pytest.mark.parametrize("name", ["golay", "bipolar", "real-gaussian"])
def test_amp_detector_recovers_light_load_at_high_snr(golay2, name):
    from wirelesseff.noma import bipolar_codebook

    a = {"golay": golay2[1], "bipolar": bipolar_codebook(256, 1536, rng=0),
         "real-gaussian": gaussian_codebook(256, 1536, rng=0, complex=False)}[name]
    ds = activity_detection_mc(a, 4, [100.0], 20, detector="amp", rng=3)
    assert float(ds.aer[0]) == 0.0
    assert ds.attrs["detector"] == "amp"


def test_scalar_onsager_diverges_on_real_iid_codebook_matrix_form_does_not():
    """Why amp(onsager="auto") uses the 2x2 Jacobian for real codebooks (project extension)."""
    from wirelesseff.noma import bipolar_codebook

    a = bipolar_codebook(256, 1536, rng=0)
    rng = np.random.default_rng(1)
    s = rng.choice(1536, 4, replace=False)
    y = a[:, s] @ np.exp(1j * rng.uniform(0, 2 * np.pi, 4))
    x_c = amp(a, y, onsager="complex")
    x_r = amp(a, y)
    assert np.linalg.norm(y - a @ x_c) > 10 * np.linalg.norm(y)  # diverged
    assert sorted(np.argsort(-np.abs(x_r))[:4].tolist()) == sorted(s.tolist())
    np.testing.assert_allclose(x_r, amp(a, y, onsager="real"))


# --- OMP / AMP details --------------------------------------------------------------------
def test_omp_coefficients_are_least_squares_and_tol_stops_early(rng):
    a = gaussian_codebook(32, 80, rng=rng)
    y = a[:, [4, 9, 33]] @ np.array([1.0, -2.0, 0.5j]) + 0.01 * rng.standard_normal(32)
    s, c = omp(a, y, 6)
    assert len(s) == 6 and len(set(s.tolist())) == 6
    ls, *_ = np.linalg.lstsq(a[:, s], y, rcond=None)
    np.testing.assert_allclose(c, ls, atol=1e-12)
    s_tol, _ = omp(a, a[:, 7] * (1 + 1j), 5, tol=1e-9)
    assert s_tol.tolist() == [7]


def test_omp_real_dense_trick_equals_complex_copy(rng):
    a = gaussian_codebook(24, 64, rng=rng, complex=False)
    y = rng.standard_normal(24) + 1j * rng.standard_normal(24)
    s_real, c_real = omp(a, y, 5)
    s_cplx, c_cplx = omp(a.astype(np.complex128), y, 5)
    np.testing.assert_array_equal(s_real, s_cplx)
    np.testing.assert_allclose(c_real, c_cplx, atol=1e-12)


def test_omp_accepts_generic_operator_with_column_only(golay2):
    a, op = golay2

    class Minimal:
        shape = op.shape

        def rmatvec(self, r):
            return op.rmatvec(r)

        def column(self, j):
            return op.column(j)

    y = a[:, [1, 700]] @ np.array([1.0, 1j])
    s, _ = omp(Minimal(), y, 2)
    assert sorted(s.tolist()) == [1, 700]


def test_amp_noiseless_recovery_and_batch_consistency(golay2):
    a, op = golay2
    y = a[:, [7, 300, 1000]] @ np.array([1.0, 1j, -1.0])
    x = amp(op, y)
    assert sorted(np.argsort(-np.abs(x))[:3].tolist()) == [7, 300, 1000]
    y2 = np.stack([y, a[:, [2, 50]] @ np.array([1.0, 1.0])], axis=1)
    xb = amp(op, y2, damping=0.3)
    np.testing.assert_allclose(xb[:, 0], amp(op, y, damping=0.3), atol=1e-12)
    np.testing.assert_allclose(amp(a, y2), amp(op, y2), atol=1e-10)


@settings(max_examples=80, deadline=None)
@given(st.floats(1e-4, 1.0))
def test_omp_max_sparsity_is_the_largest_admissible(mu):
    k = int(omp_max_sparsity(mu))
    assert k >= 0
    assert k == 0 or (2 * k - 1) * mu < 1 + 1e-9
    assert (2 * (k + 1) - 1) * mu >= 1 - 1e-9


def test_omp_max_sparsity_exact_integer_boundary():
    assert omp_max_sparsity(1 / 3) == 1  # K_a < 2 strictly
    np.testing.assert_array_equal(omp_max_sparsity([1 / 16, 1 / 256]), [8, 128])


def test_wilson_interval_known_values():
    lo, hi = wilson_interval(0, 100)
    assert lo == 0.0 and hi == pytest.approx(3.8415 / 103.8415, rel=1e-4)
    lo, hi = wilson_interval(50, 100)
    assert lo == pytest.approx(1 - hi, rel=1e-12)
    assert lo == pytest.approx(0.4038, abs=1e-4)
    lo, hi = wilson_interval(np.arange(11), 10)
    assert (lo <= np.arange(11) / 10).all() and (hi >= np.arange(11) / 10).all() and hi[-1] == 1


# --- bad input -----------------------------------------------------------------------------------
def test_detectors_reject_bad_input(golay2):
    a, op = golay2
    y = np.ones(256, dtype=complex)
    with pytest.raises(ValueError, match="k must be an integer in"):
        omp(a, y, 257)
    with pytest.raises(ValueError, match="y must be 1-D"):
        omp(a, np.ones((256, 2)), 2)
    with pytest.raises(ValueError, match="N=256"):
        omp(op, np.ones(255), 2)
    with pytest.raises(ValueError, match="tol"):
        omp(a, y, 2, tol=-1.0)
    with pytest.raises(ValueError, match="alpha"):
        amp(a, y, alpha=0.0)
    with pytest.raises(ValueError, match="damping"):
        amp(a, y, damping=1.0)
    with pytest.raises(ValueError, match="onsager"):
        amp(a, y, onsager="scalar")
    with pytest.raises(ValueError, match="A must be"):
        omp("not a matrix", y, 2)


def test_mc_rejects_bad_input(golay2):
    _, op = golay2
    with pytest.raises(ValueError, match="detector"):
        activity_detection_mc(op, 2, 10.0, 5, detector="mmse")
    with pytest.raises(ValueError, match="fading"):
        activity_detection_mc(op, 2, 10.0, 5, fading="rician")
    with pytest.raises(ValueError, match="ka must be an integer in"):
        activity_detection_mc(op, 0, 10.0, 5)
    with pytest.raises(ValueError, match="snr_db"):
        activity_detection_mc(op, 2, [np.nan], 5)
    with pytest.raises(ValueError, match="n_trials"):
        activity_detection_mc(op, 2, 10.0, 0)
    with pytest.raises(ValueError, match="amp_options"):
        activity_detection_mc(op, 2, 10.0, 5, detector="amp", amp_options={"beta": 0.1})
    with pytest.raises(ValueError, match="mu"):
        omp_max_sparsity(0.0)
    with pytest.raises(ValueError, match="ka"):
        omp_penalty_db(0.1, 0)


# --- sizes and iteration counts are bounded before any loop or allocation -------------------------
def test_amp_iterations_and_monte_carlo_trials_are_bounded():
    op = golay_operator(1)
    y = op.column(3).astype(complex)
    t0 = time.perf_counter()
    with pytest.raises(ValueError, match=r"n_iter must be an integer in \[1, 10000\]"):
        amp(op, y, n_iter=10**12)
    with pytest.raises(ValueError, match="n_trials"):
        activity_detection_mc(op, 2, [10.0], 10**12, rng=0)
    with pytest.raises(ValueError, match="n_trials=1000000 needs"):  # 16 T (N + 2 ka) bytes
        activity_detection_mc(golay_operator(3), 2, [10.0], 10**6, rng=0)
    assert time.perf_counter() - t0 < 2.0


@pytest.mark.parametrize(("kwargs", "name"), [
    ({"snr_db": []}, "snr_db"),
    ({"snr_db": ["10"]}, "snr_db"),
    ({"snr_db": [1e308]}, "snr_db"),
    ({"amp_options": 3}, "amp_options"),
    ({"amp_options": {"alpha": []}}, "alpha"),
    ({"detector": 1}, "detector"),
    ({"batch_size": 10**9}, "batch_size"),
])
def test_activity_detection_mc_names_bad_arguments(kwargs, name):
    args = {"A": golay_operator(1), "ka": 2, "snr_db": [10.0], "n_trials": 5, "rng": 0} | kwargs
    with pytest.raises((TypeError, ValueError), match=name):
        activity_detection_mc(**args)
