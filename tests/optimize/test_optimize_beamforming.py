"""Minimum-power downlink beamforming: SOCP vs uplink-downlink duality fixed point."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirelesseff.optimize import min_power_beamforming, min_power_beamforming_fixed_point
from wirelesseff.optimize.beamforming import _uplink_powers_numba, _uplink_powers_numpy


def _crandn(rng, *shape):
    return (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)) / math.sqrt(2)


def _sinr(H, W, sigma2):
    g = np.abs(H @ W) ** 2
    s = np.diag(g)
    return s / (g.sum(axis=1) - s + sigma2)


# --- closed forms -------------------------------------------------------------------------------
@pytest.mark.parametrize("solve", [min_power_beamforming, min_power_beamforming_fixed_point])
def test_orthogonal_users_need_gamma_sigma2_over_gain(solve):
    # Orthogonal channels: no interference, p_k = gamma_k sigma_k^2 / ||h_k||^2.
    H = np.array([[2.0, 0, 0], [0, 0.5j, 0]])
    gamma, sigma2 = np.array([3.0, 10.0]), np.array([0.1, 0.2])
    res = solve(H, gamma, sigma2)
    expected = gamma * sigma2 / np.array([4.0, 0.25])
    assert res.status == "optimal"
    np.testing.assert_allclose(res["power"], expected, rtol=1e-7)
    assert res.value == pytest.approx(expected.sum(), rel=1e-7)


@pytest.mark.parametrize("solve", [min_power_beamforming, min_power_beamforming_fixed_point])
def test_single_user_is_mrt_with_power_gamma_sigma2_over_norm(solve, rng):
    h = _crandn(rng, 1, 6)
    res = solve(h, 20.0, 1e-3)
    norm2 = float(np.sum(np.abs(h) ** 2))
    assert res.value == pytest.approx(20.0 * 1e-3 / norm2, rel=1e-7)
    w = res["W"][:, 0]
    # MRT: w parallel to h^H's conjugate, i.e. |h w| = ||h|| ||w||
    assert abs(h[0] @ w) == pytest.approx(math.sqrt(norm2) * np.linalg.norm(w), rel=1e-7)


@pytest.mark.parametrize("c", [0.0, 0.3, 0.9])
@pytest.mark.parametrize("gamma", [0.5, 10.0])
def test_two_symmetric_users_match_closed_form(c, gamma):
    # ||h_1|| = ||h_2|| = 1, |h_1^H h_2|^2 = c, sigma = 1, equal targets. By symmetry
    # lambda_1 = lambda_2 = lam with lam * a(lam) = gamma, a = 1 - lam c/(1 + lam) (matrix
    # inversion lemma), i.e. (1-c) lam^2 + (1-gamma) lam - gamma = 0, and P* = 2 lam.
    H = np.array([[1.0, 0.0], [math.sqrt(c), math.sqrt(1 - c)]], dtype=complex)
    lam = ((gamma - 1) + math.sqrt((gamma - 1) ** 2 + 4 * gamma * (1 - c))) / (2 * (1 - c))
    for solve in (min_power_beamforming, min_power_beamforming_fixed_point):
        res = solve(H, gamma, 1.0)
        assert res.value == pytest.approx(2 * lam, rel=1e-7), solve.__name__


# --- SOCP vs fixed point (equal to 1e-6 relative) -------------------------------------------
CASES = [(2, 4, 5.0), (4, 4, 3.0), (4, 8, 100.0), (5, 3, 0.4), (6, 4, 1.0), (3, 6, 1e3)]


@pytest.mark.parametrize(("K", "M", "gamma_scale"), CASES)
def test_fixed_point_equals_socp(K, M, gamma_scale, rng):
    for _ in range(2):
        H = _crandn(rng, K, M) * 10 ** rng.uniform(-1, 1, (K, 1))  # unequal path losses
        gamma = gamma_scale * rng.uniform(0.5, 1.5, K)
        sigma2 = 10 ** rng.uniform(-1, 0, K)
        socp = min_power_beamforming(H, gamma, sigma2)
        fp = min_power_beamforming_fixed_point(H, gamma, sigma2)
        assert socp.status == "optimal" and fp.status == "optimal"
        assert fp.value == pytest.approx(socp.value, rel=1e-6)
        np.testing.assert_allclose(socp["sinr"], gamma, rtol=1e-6)
        np.testing.assert_allclose(fp["sinr"], gamma, rtol=1e-10)
        np.testing.assert_allclose(_sinr(H, fp["W"], sigma2), gamma, rtol=1e-10)
        # The split of the power over beams is flat to first order (only the total is
        # stationary), so a 1e-8 solver tolerance pins it down only to ~1e-4.
        np.testing.assert_allclose(fp["power"], socp["power"], rtol=2e-3)


@pytest.mark.parametrize(("K", "M", "gamma_scale"), CASES[:4])
def test_unpolished_socp_meets_sinr_with_equality_within_solver_tolerance(K, M, gamma_scale,
                                                                          rng):
    # KKT: every multiplier is positive at the optimum, so every SINR constraint is tight.
    H = _crandn(rng, K, M)
    gamma = gamma_scale * rng.uniform(0.5, 1.5, K)
    socp = min_power_beamforming(H, gamma, 1.0, polish=False)
    assert socp.status == "optimal" and socp.info["polished"] is False
    np.testing.assert_allclose(socp["sinr"], gamma, rtol=2e-5)
    polished = min_power_beamforming(H, gamma, 1.0)
    assert polished.info["polished"] is True
    assert polished.value == pytest.approx(socp.value, rel=1e-6)


def test_socp_directions_have_the_mmse_structure_of_the_kkt_conditions(rng):
    # KKT: w_k is parallel to (I + sum_j lambda_j h_j h_j^H)^-1 h_k (noise-normalised h_j).
    K, M = 4, 6
    H = _crandn(rng, K, M)
    sigma2 = np.array([0.5, 1.0, 2.0, 1.0])
    socp = min_power_beamforming(H, 4.0, sigma2)
    lam = min_power_beamforming_fixed_point(H, 4.0, sigma2)["uplink_power"]
    Hn = H / np.sqrt(sigma2)[:, None]
    Q = np.eye(M) + (Hn.conj().T * lam) @ Hn
    for k in range(K):
        u = np.linalg.solve(Q, Hn[k].conj())
        w = socp["W"][:, k]
        cos = abs(np.vdot(u, w)) / (np.linalg.norm(u) * np.linalg.norm(w))
        assert cos == pytest.approx(1.0, abs=1e-7)


def test_strong_duality_uplink_power_equals_downlink_power(rng):
    H = _crandn(rng, 5, 5)
    res = min_power_beamforming_fixed_point(H, 2.0, 0.3)
    assert res["uplink_power"].sum() == pytest.approx(res.value, rel=1e-9)
    assert res.info["duality_gap"] < 1e-9


# --- infeasibility -----------------------------------------------------------------------------
@pytest.mark.parametrize(("K", "M", "gamma"), [(3, 2, 1e3), (6, 4, 3.0), (4, 1, 1.0)])
def test_infeasible_targets_give_status_not_exception(K, M, gamma, rng):
    # sum_k gamma/(1 + gamma) >= M: more SINR demand than spatial dimensions
    H = _crandn(rng, K, M)
    socp = min_power_beamforming(H, gamma, 1.0)
    fp = min_power_beamforming_fixed_point(H, gamma, 1.0)
    assert socp.status == "infeasible" and fp.status == "infeasible"
    assert socp.value == math.inf and fp.value == math.inf and not fp.ok
    assert fp.info["certified_infeasible"] and "certified" in fp.message
    assert np.all(np.isnan(fp["W"])) and np.all(np.isnan(socp["W"]))
    assert np.all(np.diff(fp.history) >= 0)  # the uplink powers grew monotonically


def test_k_le_m_independent_users_are_feasible_at_any_target(rng):
    H = _crandn(rng, 3, 3)
    for solve in (min_power_beamforming, min_power_beamforming_fixed_point):
        res = solve(H, 1e4, 1.0)  # 40 dB
        assert res.status == "optimal", solve.__name__
        np.testing.assert_allclose(res["sinr"], 1e4, rtol=1e-5)


@pytest.mark.parametrize("solve", [min_power_beamforming, min_power_beamforming_fixed_point])
def test_user_without_channel_is_infeasible(solve, rng):
    H = _crandn(rng, 2, 3)
    H[1] = 0.0
    res = solve(H, 1.0, 1.0)
    assert res.status == "infeasible" and "user 1" in res.message


def test_feasibility_boundary_two_users_one_antenna():
    # K = 2, M = 1: feasible iff gamma_1 gamma_2 < 1 (scalar power control)
    H = np.array([[1.0], [1.0]], dtype=complex)
    assert min_power_beamforming_fixed_point(H, [0.9, 1.0], 1.0).status == "optimal"
    assert min_power_beamforming_fixed_point(H, [1.1, 1.0], 1.0).status == "infeasible"
    assert min_power_beamforming(H, [0.9, 1.0], 1.0).status == "optimal"
    assert min_power_beamforming(H, [1.1, 1.0], 1.0).status == "infeasible"


@pytest.mark.parametrize("seed", range(3))
def test_exact_feasibility_boundary_is_not_reported_optimal(seed):
    """Regression: K = 6, M = 4, gamma = 2 for all (sum gamma/(1+gamma) = M, the minimum power
    diverges). Clarabel failed, SCS stopped at 'optimal_inaccurate' with ~5e6 W and SINRs
    1.9998 < 2, and that was returned as a solution while the fixed point said infeasible."""
    rng = np.random.default_rng(seed)
    H = _crandn(rng, 6, 4)
    res = min_power_beamforming(H, 2.0, 1.0)
    fp = min_power_beamforming_fixed_point(H, 2.0, 1.0)
    assert fp.status == "infeasible"
    assert res.status == "infeasible" and not res.ok
    assert res.value == math.inf and np.all(np.isnan(res["W"]))
    assert res.info["sinr_shortfall"] > 1e-6 and "misses an SINR target" in res.message
    # every answer with an optimal status meets all targets (1e-6 relative)
    for gamma in (1.0, 1.8, 1.95):  # below the boundary: feasible
        ok = min_power_beamforming(H, gamma, 1.0)
        assert ok.ok and np.all(ok["sinr"] >= gamma * (1 - 1e-6)), (gamma, ok.message)
        assert ok.info["sinr_shortfall"] <= 1e-6


def test_answer_missing_the_targets_of_a_feasible_problem_is_a_solver_error(rng, monkeypatch):
    """The verification also catches a bad conic answer on a feasible problem: the fixed point
    finds a feasible point there, so the status is solver_error, not infeasible."""
    import wirelesseff.optimize.beamforming as bf

    real = bf._min_power_problem

    class Spoiled:  # the compiled problem, with its answer scaled down by 10 %
        def __init__(self, pp):
            self.pp, self.parameters = pp, pp.parameters

        def solve_with(self, chain, **values):
            res = self.pp.solve_with(chain, **values)
            res.variables["W"] = 0.9 * res.variables["W"]
            return res

    monkeypatch.setattr(bf, "_min_power_problem", lambda K, M: Spoiled(real(K, M)))
    res = min_power_beamforming(_crandn(rng, 3, 4), 3.0, 1.0, polish=False)
    assert res.status == "solver_error" and not res.ok and np.all(np.isnan(res["W"]))
    assert "finds a feasible point" in res.info["cross_check"]


def test_socp_is_reproducible_after_unrelated_calls(rng):
    """The cached SOCP (one per size) must not warm-start from unrelated calls."""
    H = _crandn(rng, 4, 4)
    first = min_power_beamforming(H, 10.0, 1.0, solver="SCS", polish=False)
    for _ in range(3):
        min_power_beamforming(_crandn(rng, 4, 4), 3.0, 1.0, solver="SCS", polish=False)
    again = min_power_beamforming(H, 10.0, 1.0, solver="SCS", polish=False)
    assert again.value == first.value and np.array_equal(again["W"], first["W"])


# --- numerical hygiene and caching --------------------------------------------------------------
def test_realistic_path_loss_scales_are_handled(rng):
    # amplitude gains ~1e-6 (120 dB path loss), noise -100 dBm: solver data stay O(1)
    H = _crandn(rng, 4, 8) * 1e-6
    sigma2 = 1e-13
    socp = min_power_beamforming(H, 10.0, sigma2)
    fp = min_power_beamforming_fixed_point(H, 10.0, sigma2)
    assert socp.status == "optimal"
    assert socp.value == pytest.approx(fp.value, rel=1e-6)
    np.testing.assert_allclose(socp["sinr"], 10.0, rtol=1e-6)


@pytest.mark.parametrize("solve", [min_power_beamforming, min_power_beamforming_fixed_point])
def test_scaling_channel_and_noise_together_changes_nothing(solve, rng):
    H = _crandn(rng, 3, 4)
    r1 = solve(H, 2.0, 1.0)
    r2 = solve(H * 1e-4, 2.0, 1e-8)
    assert r2.value == pytest.approx(r1.value, rel=1e-6)
    r3 = solve(H * 10.0, 2.0, 1.0)  # 20 dB better channel -> 100x less power
    assert r3.value == pytest.approx(r1.value / 100.0, rel=1e-6)


def test_socp_is_compiled_once_per_size(rng):
    K, M = 3, 5
    first = min_power_beamforming(_crandn(rng, K, M), 1.0, 1.0)
    later = [min_power_beamforming(_crandn(rng, K, M), g, 0.5) for g in (0.5, 2.0, 8.0)]
    assert all(r.status == "optimal" for r in later)
    assert not any(r.info["compiled"] for r in later)
    assert first.solver == "CLARABEL"


def test_socp_solver_choice_is_honoured(rng):
    res = min_power_beamforming(_crandn(rng, 2, 3), 1.0, 1.0, solver="SCS")
    assert res.solver == "SCS" and res.ok


# --- fixed point: properties and parity ---------------------------------------------------------
def _gram(rng, K, M):
    Hn = _crandn(rng, K, M)
    return Hn, np.ascontiguousarray(Hn @ Hn.conj().T)


@pytest.mark.parametrize("newton", [True, False])
@pytest.mark.parametrize("loo", [True, False])
def test_numba_kernel_matches_numpy_reference(rng, loo, newton):
    _, G = _gram(rng, 5, 4)
    gamma = rng.uniform(0.2, 1.0, 5)
    args = (G, gamma, np.zeros(5), 1e-12, 5000, 1e30, loo, newton)
    out_nb = _uplink_powers_numba(*args)
    out_np = _uplink_powers_numpy(*args)
    np.testing.assert_allclose(out_nb[0], out_np[0], rtol=1e-11)
    assert out_nb[1] == out_np[1] == 0
    assert abs(out_nb[2] - out_np[2]) <= 1
    n = min(out_nb[2], out_np[2]) - 1  # the last step may differ by round-off only
    np.testing.assert_allclose(out_nb[3][:n], out_np[3][:n], rtol=1e-10)


def test_numba_kernel_matches_numpy_reference_when_infeasible(rng):
    _, G = _gram(rng, 6, 4)
    gamma = np.full(6, 3.0)
    args = (G, gamma, np.zeros(6), 1e-12, 5000, 1e6, True, True)
    out_nb, out_np = _uplink_powers_numba(*args), _uplink_powers_numpy(*args)
    assert out_nb[1] == out_np[1] == 2  # blow-up exit
    assert out_nb[2] == out_np[2]
    np.testing.assert_allclose(out_nb[3], out_np[3], rtol=1e-9)


def test_public_engines_agree(rng):
    H = _crandn(rng, 6, 8)
    a = min_power_beamforming_fixed_point(H, 3.0, 1.0, engine="numba")
    b = min_power_beamforming_fixed_point(H, 3.0, 1.0, engine="numpy")
    assert a.value == pytest.approx(b.value, rel=1e-12)
    np.testing.assert_allclose(a["W"], b["W"], rtol=1e-9, atol=1e-12)


def test_all_methods_and_updates_reach_the_same_fixed_point(rng):
    H = _crandn(rng, 4, 6)
    ref = min_power_beamforming_fixed_point(H, 10.0, 1.0)
    iters = {}
    for method in ("newton", "iteration"):
        for update in ("leave_one_out", "kkt"):
            r = min_power_beamforming_fixed_point(H, 10.0, 1.0, method=method, update=update)
            assert r.status == "optimal"
            np.testing.assert_allclose(r["uplink_power"], ref["uplink_power"], rtol=1e-8)
            iters[method, update] = r.iterations
    # no self-coupling -> faster; Newton steps -> faster still
    assert iters["iteration", "leave_one_out"] < iters["iteration", "kkt"]
    assert iters["newton", "leave_one_out"] <= iters["iteration", "leave_one_out"]


def test_iteration_history_increases_and_newton_phase_decreases_from_above(rng):
    H = _crandn(rng, 6, 4)
    plain = min_power_beamforming_fixed_point(H, 1.0, 1.0, method="iteration")
    assert np.all(np.diff(plain.history) >= -1e-12 * plain.value)  # Yates: monotone from 0
    newton = min_power_beamforming_fixed_point(H, 1.0, 1.0)
    assert newton.value == pytest.approx(plain.value, rel=1e-9)
    top = int(np.argmax(newton.history))
    assert np.all(np.diff(newton.history[:top + 1]) >= -1e-12 * newton.value)
    assert np.all(np.diff(newton.history[top:]) <= 1e-12 * newton.value)  # upper bounds
    assert np.all(newton.history[top:] >= newton.value * (1 - 1e-12))
    assert newton.iterations < plain.iterations


def test_newton_handles_nearly_collinear_users():
    # |h_1^H h_2|^2 = 1 - 1e-8: the plain iteration needs > 10 000 steps, Newton a few.
    c, gamma = 1 - 1e-8, 100.0
    H = np.array([[1.0, 0.0], [math.sqrt(c), math.sqrt(1 - c)]], dtype=complex)
    lam = ((gamma - 1) + math.sqrt((gamma - 1) ** 2 + 4 * gamma * (1 - c))) / (2 * (1 - c))
    res = min_power_beamforming_fixed_point(H, gamma, 1.0)
    assert res.status == "optimal" and res.iterations < 50
    assert res.value == pytest.approx(2 * lam, rel=1e-9)
    slow = min_power_beamforming_fixed_point(H, gamma, 1.0, method="iteration", max_iter=500)
    assert slow.status == "optimal_inaccurate"


def test_not_converged_point_is_feasible_but_not_cheaper(rng):
    H = _crandn(rng, 4, 6)
    full = min_power_beamforming_fixed_point(H, 5.0, 1.0)
    early = min_power_beamforming_fixed_point(H, 5.0, 1.0, max_iter=2, method="iteration")
    assert early.status == "optimal_inaccurate" and "max_iter" in early.message
    np.testing.assert_allclose(early["sinr"], 5.0, rtol=1e-10)  # targets still met exactly
    assert early.value >= full.value * (1 - 1e-12)


@settings(max_examples=40, deadline=None)
@given(
    K=st.integers(1, 4),
    extra=st.integers(0, 3),
    seed=st.integers(0, 2**32 - 1),
    gamma_db=st.floats(-10.0, 20.0),
)
def test_fixed_point_properties(K, extra, seed, gamma_db):
    rng = np.random.default_rng(seed)
    M = K + extra
    H = _crandn(rng, K, M)
    gamma = 10 ** (gamma_db / 10) * rng.uniform(0.5, 1.5, K)
    res = min_power_beamforming_fixed_point(H, gamma, 1.0)
    assert res.status == "optimal"  # K <= M with random channels: always feasible
    np.testing.assert_allclose(res["sinr"], gamma, rtol=1e-8)
    assert res["uplink_power"].sum() == pytest.approx(res.value, rel=1e-8)
    plain = min_power_beamforming_fixed_point(H, gamma, 1.0, method="iteration")
    assert plain.value == pytest.approx(res.value, rel=1e-7)
    assert np.all(np.diff(plain.history) >= -1e-12 * plain.value)  # up to round-off
    # raising one target never lowers the optimal power (the feasible set shrinks)
    more = gamma.copy()
    more[0] *= 1.5
    assert min_power_beamforming_fixed_point(H, more, 1.0).value >= res.value * (1 - 1e-9)


# --- bad input ----------------------------------------------------------------------------------
@pytest.mark.parametrize("solve", [min_power_beamforming, min_power_beamforming_fixed_point])
@pytest.mark.parametrize(
    ("args", "match"),
    [
        ((np.ones(3), 1.0, 1.0), "H must be a"),
        ((np.full((2, 2), np.nan), 1.0, 1.0), "H must be finite"),
        ((np.eye(2), 0.0, 1.0), "sinr_targets must be positive"),
        ((np.eye(2), [1.0, -1.0], 1.0), "sinr_targets must be positive"),
        ((np.eye(2), [1.0, 2.0, 3.0], 1.0), r"sinr_targets must be a scalar or have shape"),
        ((np.eye(2), np.inf, 1.0), "sinr_targets must be finite"),
        ((np.eye(2), 1.0, 0.0), "noise_power must be positive"),
        ((np.eye(2), 1.0, [1.0, np.nan]), "noise_power must be positive"),
    ],
)
def test_rejects_bad_input(solve, args, match):
    with pytest.raises(ValueError, match=match):
        solve(*args)


@pytest.mark.parametrize(("kw", "match"), [({"tol": 0.0}, "tol"), ({"max_iter": 0}, "max_iter"),
                                           ({"engine": "cuda"}, "engine"),
                                           ({"method": "bisection"}, "method"),
                                           ({"update": "newton"}, "update")])
def test_fixed_point_rejects_bad_settings(kw, match):
    with pytest.raises(ValueError, match=match):
        min_power_beamforming_fixed_point(np.eye(2), 1.0, 1.0, **kw)


def test_socp_rejects_unknown_solver():
    with pytest.raises(ValueError, match="solvers"):
        min_power_beamforming(np.eye(2), 1.0, 1.0, solver="NOPE")


# --- regression: identical channels, 0 dB targets (infeasible at any power) ---------------------
@pytest.mark.parametrize("M", [1, 2, 4])
def test_identical_channels_at_0db_are_infeasible_not_optimal(M, rng):
    """Two users with the same channel and 0 dB targets need |h w_1|^2 >= |h w_2|^2 + s^2 and
    |h w_2|^2 >= |h w_1|^2 + s^2 at once: infeasible. A conic solver used to return
    'optimal_inaccurate' at hundreds of watts with SINR 0.99999914 (within a relative 1e-6 of
    the target), and the fixed point raised ZeroDivisionError; both now report infeasible."""
    h = _crandn(rng, 1, M)
    H = np.vstack([h, h])
    for noise in (1.0, 1e-3):
        socp = min_power_beamforming(H, 1.0, noise)
        assert socp.status == "infeasible" and not socp.ok, socp.message
        assert socp.value == math.inf and np.all(np.isnan(socp["W"]))
        assert socp.info["constraint_shortfall"] > 1e-6
        for engine, max_iter in (("numba", 10_000), ("numpy", 500)):
            fp = min_power_beamforming_fixed_point(H, 1.0, noise, engine=engine,
                                                   max_iter=max_iter)
            assert fp.status == "infeasible" and fp.value == math.inf, engine


def test_optimal_answers_meet_the_noise_normalised_constraints(rng):
    """An optimal status certifies |h_k w_k|^2/gamma_k - sum_j |h_k w_j|^2 >= sigma_k^2 (1 - 1e-6),
    recomputed here from the returned beams."""
    for K, M, gamma in ((3, 4, 10.0), (4, 4, 3.0), (5, 3, 0.4)):
        H = _crandn(rng, K, M) * 10 ** rng.uniform(-1, 1, (K, 1))
        sigma2 = 10 ** rng.uniform(-2, 0, K)
        for polish, tol in ((True, 1e-6), (False, 1e-5)):
            res = min_power_beamforming(H, gamma, sigma2, polish=polish)
            assert res.status == "optimal"
            g = np.abs(H @ res["W"]) ** 2
            margin = (np.diag(g) / gamma - (g.sum(axis=1) - np.diag(g))) / sigma2
            assert np.all(margin >= 1 - tol)
            assert res.info["constraint_shortfall"] == pytest.approx(np.max(1 - margin),
                                                                     abs=1e-9)


def test_singular_systems_do_not_raise_in_either_kernel():
    # Identical noise-normalised channels make the Newton system exactly singular.
    G = np.ones((2, 2), dtype=complex)
    gamma = np.ones(2)
    for kernel in (_uplink_powers_numba, _uplink_powers_numpy):
        lam, code, n, hist = kernel(G, gamma, np.zeros(2), 1e-10, 200, 1e30, True, True)
        assert code != 0 and n <= 200  # never 'converged'


@pytest.mark.parametrize("solve", [min_power_beamforming, min_power_beamforming_fixed_point])
def test_out_of_range_scales_and_types_are_named(solve):
    H = np.array([[1.0, 0.2], [0.1, 1.0]])
    for noise in (1e308, 1e-308):  # ||h||^2/sigma^2 outside [1e-150, 1e150]: powers overflow
        with pytest.raises(ValueError, match="noise_power"):
            solve(H, 1.0, noise)
    with pytest.raises(TypeError, match="noise_power"):
        solve(H, 1.0, 1j)
    with pytest.raises(ValueError, match="sinr_targets"):
        solve(H, 1e200, 1.0)
