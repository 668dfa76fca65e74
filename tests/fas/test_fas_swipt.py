"""Variant B: multiuser SWIPT energy efficiency (docs/fas.md, "Variant B")."""

from __future__ import annotations

import numpy as np
import pytest

from wirelesseff.fas import (
    LinearEH,
    SwiptOptions,
    boshkovska2015,
    optimize_swipt_ee,
    select_receive_ports,
    swipt_ee,
)
from wirelesseff.optimize import lambertw_ratio_argmax

S2, XI = 1e-3, 0.35


def _cn(rng, *shape):
    return (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)) / np.sqrt(2)


def _single_link_ee(h, p_max, m, bandwidth=1.0):
    """Lambert-W closed form: a = |h|^2/sigma^2, c = xi P_c, u* = exp(1 + W0((ac - 1)/e))."""
    pc = 0.03 + 0.01 * m
    a, c = np.vdot(h, h).real / S2, XI * pc
    u = float(lambertw_ratio_argmax(a * c - 1))
    p = (u - 1) / a
    if p <= p_max:
        return XI * bandwidth * np.log2(u) / (p + c), p
    return bandwidth * np.log2(1 + a * p_max) / (p_max / XI + pc), p_max


@pytest.mark.parametrize("p_max", [1.0, 2e-3])
@pytest.mark.parametrize("bandwidth", [1.0, 1e6])
def test_single_user_matches_lambert_w_closed_form(p_max, bandwidth):
    h = np.array([[0.8, 0.5j, -0.2]])
    res = optimize_swipt_ee(h, np.zeros((0, 3)), p_max, 1.0, [], S2, bandwidth_hz=bandwidth)
    ee, p = _single_link_ee(h[0], p_max, 3, bandwidth)
    assert res.status == "optimal"
    assert res.ee == pytest.approx(ee, rel=1e-5)
    assert res.p_tx == pytest.approx(p, rel=1e-3)
    assert res.rank_one


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("eh, cancel", [(LinearEH(0.5), False), (boshkovska2015, False),
                                        (LinearEH(0.5), True)])
def test_multiuser_constraints_bound_and_monotone_lambda(seed, eh, cancel):
    rng = np.random.default_rng(seed)
    K, L, M = 2, 2, 4
    H, G = _cn(rng, K, M), _cn(rng, L, M)
    e_min = 0.25 * (eh.saturation if np.isfinite(eh.saturation) else 0.25)
    gam = 10.0
    res = optimize_swipt_ee(H, G, 1.0, gam, e_min, S2, eh_model=eh, rng=0,
                            energy_cancellation=cancel)
    assert res.status == "optimal"
    assert np.all(np.diff(res.lambda_history) >= -1e-9 * res.lambda_history[-1])
    assert res.ee <= res.ee_relaxed * (1 + 1e-6)
    assert np.all(res.sinr >= gam * (1 - 1e-6))
    assert np.all(res.p_harvested >= e_min * (1 - 1e-6))
    assert res.p_tx <= 1.0 * (1 + 1e-6)
    out = swipt_ee(res.beamformers, res.energy_covariance, H, G, S2, eh_model=eh,
                   energy_cancellation=cancel)
    assert out["ee"] == pytest.approx(res.ee)
    assert res.beamformers.shape == (M, K)
    assert np.linalg.eigvalsh(res.energy_covariance).min() >= -1e-9


def test_no_energy_receivers_and_no_energy_beam():
    rng = np.random.default_rng(5)
    H = _cn(rng, 2, 4)
    a = optimize_swipt_ee(H, np.zeros((0, 4)), 1.0, 10.0, [], S2, rng=0)
    b = optimize_swipt_ee(H, np.zeros((0, 4)), 1.0, 10.0, [], S2, rng=0, energy_beam=False)
    assert a.ee == pytest.approx(b.ee, rel=1e-4)  # an energy beam only costs power here
    assert np.allclose(b.energy_covariance, 0.0)


def test_infeasible_is_a_status():
    rng = np.random.default_rng(1)
    H, G = _cn(rng, 2, 4), _cn(rng, 1, 4)
    res = optimize_swipt_ee(H, G, 1.0, 1e7, 0.01, S2)
    assert res.status == "infeasible" and res.ee == 0.0 and not res.feasible
    res = optimize_swipt_ee(H, G, 1.0, 1.0, 0.03, S2, eh_model=boshkovska2015)
    assert res.status == "infeasible"  # above the 24 mW saturation


def test_receive_port_selection_and_evaluation():
    rng = np.random.default_rng(2)
    Gk = _cn(rng, 2, 6, 4)
    ports, H = select_receive_ports(Gk)
    norms = np.sum(np.abs(Gk) ** 2, axis=-1)
    assert np.all(norms[np.arange(2), ports] == norms.max(axis=1))
    assert H.shape == (2, 4)
    out = swipt_ee(np.eye(4)[:, :2] * 0.1, None, H, np.zeros((0, 4)), S2)
    assert out["p_tx"] == pytest.approx(0.02) and out["sinr"].shape == (2,)


@pytest.mark.parametrize(
    "kwargs, name",
    [
        (dict(p_max=0.0), "p_max"),
        (dict(sinr_min=-1.0), "sinr_min"),
        (dict(e_min=-1.0), "e_min"),
        (dict(noise_power=0.0), "noise_power"),
        (dict(p_max=np.inf), "p_max"),
        (dict(H_info=np.array([[1.0, np.nan, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0]])), "H_info"),
        (dict(G_energy=np.array([[np.inf, 0.0, 0.0, 1.0]])), "G_energy"),
        (dict(H_info=np.ones(4)), "H_info"),  # 1-D: rejected, not guessed to be K = 1
        (dict(G_energy=np.ones((1, 3))), "G_energy"),  # M = 3 != 4
        (dict(G_energy=np.ones((2, 2))), "G_energy"),  # same size as (1, 4): not reshaped
        (dict(sinr_min=[1.0, 2.0, 3.0]), "sinr_min"),  # K = 2
        (dict(e_min=[0.01, 0.01]), "e_min"),  # L = 1
        (dict(noise_power=np.full(3, S2)), "noise_power"),
        (dict(sinr_min=np.inf), "sinr_min"),
    ],
)
def test_bad_input_names_the_parameter(kwargs, name):
    rng = np.random.default_rng(0)
    args = dict(H_info=_cn(rng, 2, 4), G_energy=_cn(rng, 1, 4), p_max=1.0, sinr_min=1.0,
                e_min=0.01, noise_power=S2)
    args.update(kwargs)
    with pytest.raises(ValueError, match=name):
        optimize_swipt_ee(**args)


def test_optimize_swipt_ee_is_reproducible_after_unrelated_calls():
    """Regression (results depend only on the arguments): the cached problems warm-started the
    solver from the previous, unrelated call, so identical calls differed in the last digits."""
    rng = np.random.default_rng(7)
    H, G = _cn(rng, 2, 4), 0.1 * _cn(rng, 2, 4)
    first = optimize_swipt_ee(H, G, 1.0, 3.0, 1e-4, S2, rng=0)
    for seed in range(2):
        other = np.random.default_rng(200 + seed)
        optimize_swipt_ee(_cn(other, 2, 4), 0.1 * _cn(other, 2, 4), 1.0, 3.0, 1e-4, S2, rng=0)
    again = optimize_swipt_ee(H, G, 1.0, 3.0, 1e-4, S2, rng=0)
    assert first.status == again.status == "optimal"
    assert again.ee == first.ee
    assert np.array_equal(again.beamformers, first.beamformers)
    assert np.array_equal(again.lambda_history, first.lambda_history)


def test_an_optimal_status_means_the_constraints_were_checked(monkeypatch):
    """Regression: a returned point that misses a constraint beyond the stated tolerance
    (1e-6 relative) must not carry an optimal status (a-posteriori check)."""
    import wirelesseff.fas.swipt as swipt

    rng = np.random.default_rng(3)
    H, G = _cn(rng, 2, 4), _cn(rng, 1, 4)
    ok = optimize_swipt_ee(H, G, 1.0, 10.0, 0.05, S2, rng=0)
    assert ok.status == "optimal"
    assert np.all(ok.sinr >= 10.0 * (1 - 1e-6)) and ok.p_tx <= 1.0 + 1e-6

    def shrink(pb, Wb, WE, out):  # a "solver" answer 1 % short of the SINR targets
        Wb = Wb * np.sqrt(0.99)
        return Wb, WE * 0.99, pb.evaluate(Wb, WE * 0.99)

    monkeypatch.setattr(swipt, "_scale_to_feasibility", shrink)
    bad = optimize_swipt_ee(H, G, 1.0, 10.0, 0.05, S2, rng=0)
    assert bad.status == "solver_error" and not bad.feasible
    assert "violate" in bad.message


def test_numerical_failure_is_a_status_not_an_exception():
    """Overflowing data (p_max = 1e300 W) ends in a status with a message, not a raise."""
    rng = np.random.default_rng(4)
    res = optimize_swipt_ee(_cn(rng, 2, 4), _cn(rng, 1, 4), 1e300, 1.0, 0.01, S2)
    assert res.status in ("solver_error", "infeasible", "unbounded") and not res.feasible
    assert res.message


def test_options_dataclass_sets_the_solver():
    rng = np.random.default_rng(6)
    H = _cn(rng, 2, 3)
    a = optimize_swipt_ee(H, np.zeros((0, 3)), 1.0, 3.0, [], S2, rng=0)
    b = optimize_swipt_ee(H, np.zeros((0, 3)), 1.0, 3.0, [], S2, rng=0,
                          options=SwiptOptions(tol=1e-6, max_dinkelbach=30))
    assert a.status == b.status == "optimal"
    assert b.ee == pytest.approx(a.ee, rel=1e-3) and b.ee >= a.ee * (1 - 1e-6)
    with pytest.raises(TypeError, match="options"):
        optimize_swipt_ee(H, np.zeros((0, 3)), 1.0, 3.0, [], S2, options={"tol": 1e-6})
