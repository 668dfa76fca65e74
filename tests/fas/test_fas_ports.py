"""Port selection of wirelesseff.fas.ports (docs/fas.md, "Port selection")"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from wirelesseff.fas import (
    PortSearch,
    SwitchingCost,
    boshkovska2015,
    fixed_position_ports,
    max_harvested_power,
    optimize_ports_and_beam,
    optimize_wet_efficiency,
    port_positions,
    sample_port_channels,
    select_ports,
)

S2, GAMMA = 1e-3, 10.0


def _draw(n, m=2, w=1.0, seed=0):
    g = sample_port_channels(n, w, size=(2, m), rng=seed)
    return g[0], g[1]


def test_fixed_position_ports():
    assert fixed_position_ports(8, 3) == (0, 0, 0)
    assert fixed_position_ports(9, 2, kind="spread") == (4, 4)
    assert fixed_position_ports(16, 4, "subset") == (0, 1, 2, 3)
    assert fixed_position_ports(16, 4, "subset", "spread") == (0, 5, 10, 15)
    assert fixed_position_ports(5, 1, "subset", "spread") == (0,)
    with pytest.raises(ValueError, match="n_active"):
        fixed_position_ports(3, 4, "subset")


@pytest.mark.parametrize("seed", range(6))
def test_search_ordering_ta(seed):
    """alternating, greedy <= exhaustive; alternating, exhaustive >= FPA (same draw)."""
    g_d, g_e = _draw(9, 2, seed=seed)
    ex = select_ports(g_d, g_e, 1.0, GAMMA, S2, method="exhaustive")
    al = select_ports(g_d, g_e, 1.0, GAMMA, S2, method="alternating")
    gr = select_ports(g_d, g_e, 1.0, GAMMA, S2, method="greedy")
    fpa = optimize_wet_efficiency(g_d[:, 0], g_e[:, 0], 1.0, GAMMA, S2, method="oracle")
    assert al.efficiency <= ex.efficiency * (1 + 1e-12)
    assert gr.efficiency <= ex.efficiency * (1 + 1e-12)
    assert al.efficiency >= fpa.efficiency * (1 - 1e-12)
    assert ex.efficiency >= fpa.efficiency * (1 - 1e-12)
    assert ex.n_evaluations == 81
    # the reported efficiency is the beam optimum at the reported ports
    assert ex.wet_result.efficiency == pytest.approx(ex.efficiency, rel=1e-9)
    idx = (np.arange(2), np.array(ex.ports))
    assert np.array_equal(ex.wet_result.beamformer.shape, (2,))
    assert ex.efficiency == pytest.approx(
        optimize_wet_efficiency(g_d[idx], g_e[idx], 1.0, GAMMA, S2, method="oracle").efficiency)


@pytest.mark.parametrize("seed", range(4))
def test_search_ordering_tb(seed):
    g_d, g_e = _draw(10, 1, seed=seed)
    g_d, g_e = g_d[0], g_e[0]
    kw = dict(architecture="subset", n_select=3)
    ex = select_ports(g_d, g_e, 1.0, GAMMA, S2, method="exhaustive", **kw)
    al = select_ports(g_d, g_e, 1.0, GAMMA, S2, method="alternating", **kw)
    gr = select_ports(g_d, g_e, 1.0, GAMMA, S2, method="greedy", **kw)
    spread = fixed_position_ports(10, 3, "subset", "spread")
    fpa = optimize_wet_efficiency(g_d[list(spread)], g_e[list(spread)], 1.0, GAMMA, S2,
                                  method="oracle")
    assert ex.n_evaluations == 120
    assert max(al.efficiency, gr.efficiency) <= ex.efficiency * (1 + 1e-12)
    assert ex.efficiency >= fpa.efficiency
    assert list(ex.ports) == sorted(ex.ports) and len(set(ex.ports)) == 3
    al_spread = select_ports(g_d, g_e, 1.0, GAMMA, S2, initial_ports=spread, **kw)
    assert al_spread.efficiency >= fpa.efficiency * (1 - 1e-12)


def test_exhaustive_brute_force_agrees():
    g_d, g_e = _draw(5, 2, seed=3)
    best = max(
        optimize_wet_efficiency(g_d[[0, 1], list(k)], g_e[[0, 1], list(k)], 1.0, GAMMA, S2,
                                method="oracle").efficiency
        for k in itertools.product(range(5), repeat=2)
    )
    ex = select_ports(g_d, g_e, 1.0, GAMMA, S2, method="exhaustive")
    assert ex.efficiency == pytest.approx(best, rel=1e-12)


def test_one_port_is_the_fixed_antenna():
    g_d, g_e = _draw(1, 2, seed=1)
    for method in ("alternating", "greedy", "exhaustive"):
        res = select_ports(g_d, g_e, 1.0, GAMMA, S2, method=method)
        assert res.ports == (0, 0)
        fpa = optimize_wet_efficiency(g_d[:, 0], g_e[:, 0], 1.0, GAMMA, S2, method="oracle")
        assert res.efficiency == pytest.approx(fpa.efficiency, rel=1e-12)


def test_linear_eh_monotone_in_power_and_sinr():
    """Non-decreasing in P_max, non-increasing in gamma_min."""
    g_d, g_e = _draw(6, 2, seed=4)
    effs_p = [select_ports(g_d, g_e, p, GAMMA, S2, method="exhaustive").efficiency
              for p in (0.05, 0.2, 1.0, 3.0)]
    assert np.all(np.diff(effs_p) >= -1e-12)
    effs_g = [select_ports(g_d, g_e, 1.0, 10 ** (g / 10), S2, method="exhaustive").efficiency
              for g in (0, 10, 20, 30)]
    assert np.all(np.diff(effs_g) <= 1e-12)


def test_nested_port_grids_never_lose():
    """N in {2, 3, 5, 9} subsampled from one N = 9 draw (nested grids), exhaustive search."""
    g_d, g_e = _draw(9, 2, w=2.0, seed=7)
    effs = []
    for n in (2, 3, 5, 9):
        sub = np.round(np.linspace(0, 8, n)).astype(int)
        effs.append(select_ports(g_d[:, sub], g_e[:, sub], 1.0, GAMMA, S2,
                                 method="exhaustive").efficiency)
    assert np.all(np.diff(effs) >= -1e-12)


def test_switching_cost_changes_the_choice():
    g_d, g_e = _draw(12, 2, seed=2)
    x = port_positions(12, 1.0, 0.1)
    free = select_ports(g_d, g_e, 1.0, GAMMA, S2, method="exhaustive")
    prev = tuple((k + 6) % 12 for k in free.ports)
    zero = SwitchingCost("distance", full_move_delay_s=0.0, full_move_energy_j=0.0,
                         positions_m=x)
    res0 = select_ports(g_d, g_e, 1.0, GAMMA, S2, method="exhaustive", previous_ports=prev,
                        switching_cost=zero)
    assert res0.ports == free.ports and res0.switched
    assert res0.switch_event.delay_s == 0.0 and res0.switch_event.energy_j == 0.0
    assert res0.efficiency == free.efficiency
    huge = SwitchingCost("constant", full_move_delay_s=0.0, full_move_energy_j=10.0)
    stay = select_ports(g_d, g_e, 1.0, GAMMA, S2, method="exhaustive", previous_ports=prev,
                        switching_cost=huge)
    assert stay.ports == prev and not stay.switched
    # a cost is paid when moving: the score of the free optimum drops
    mid = SwitchingCost("distance", full_move_delay_s=1e-3, full_move_energy_j=1e-3,
                        positions_m=x)
    res = select_ports(g_d, g_e, 1.0, GAMMA, S2, method="exhaustive", previous_ports=prev,
                       switching_cost=mid)
    assert res.efficiency < free.efficiency
    if res.switched:
        assert res.switch_event.energy_j > 0
        assert res.wet_result.switch_energy_j == res.switch_event.energy_j


def test_alternating_starts_from_previous_ports_and_never_drops():
    g_d, g_e = _draw(10, 3, seed=5)
    x = port_positions(10, 1.0, 0.1)
    cost = SwitchingCost("distance", full_move_delay_s=1e-3, full_move_energy_j=1e-4,
                         positions_m=x)
    prev = (3, 7, 1)
    res = select_ports(g_d, g_e, 1.0, GAMMA, S2, previous_ports=prev, switching_cost=cost)
    stay = optimize_wet_efficiency(g_d[[0, 1, 2], list(prev)], g_e[[0, 1, 2], list(prev)], 1.0,
                                   GAMMA, S2, method="oracle")
    assert res.efficiency >= stay.efficiency * (1 - 1e-12)
    assert np.all(np.diff(res.history) >= 0)


def test_logistic_eh_selection_with_the_oracle_scorer():
    g_d, g_e = _draw(6, 2, seed=8)
    g_e = 0.1 * g_e
    ex = select_ports(g_d, g_e, 1.0, GAMMA, S2, None, boshkovska2015,
                      method="exhaustive")
    al = select_ports(g_d, g_e, 1.0, GAMMA, S2, None, boshkovska2015)
    assert al.efficiency <= ex.efficiency * (1 + 1e-9)
    assert ex.wet_result.efficiency == pytest.approx(ex.efficiency, rel=1e-6)


def test_sdr_scorer_agrees_with_oracle():
    g_d, g_e = _draw(3, 2, seed=9)
    a = select_ports(g_d, g_e, 1.0, GAMMA, S2, method=PortSearch("exhaustive", scorer="oracle"))
    b = select_ports(g_d, g_e, 1.0, GAMMA, S2, method=PortSearch("exhaustive", scorer="sdr"))
    assert a.ports == b.ports
    assert b.efficiency == pytest.approx(a.efficiency, rel=1e-6)


def test_score_fn_overrides_and_sees_inactive_antennas():
    g_d, g_e = _draw(4, 2, seed=0)
    seen = []

    def score(ports):
        seen.append(ports)
        return -sum(abs(k - 2) for k in ports if k >= 0)

    res = select_ports(g_d, g_e, 1.0, GAMMA, S2, method="greedy", score_fn=score)
    assert res.ports == (2, 2) and res.wet_result is None
    assert any(-1 in p for p in seen)


def test_infeasible_everywhere_returns_minus_inf():
    g_d, g_e = _draw(4, 2, seed=0)
    res = select_ports(g_d, g_e, 1.0, 1e9, S2, method="exhaustive")
    assert res.efficiency == -np.inf and res.wet_result.status == "infeasible"


def test_outer_alternation_is_monotone_and_matches_selection():
    g_d, g_e = _draw(8, 2, seed=6)
    sel = select_ports(g_d, g_e, 1.0, GAMMA, S2)
    res = optimize_ports_and_beam(g_d, g_e, 1.0, GAMMA, S2, method="sdr", rng=0)
    assert res.ports == sel.ports
    assert res.efficiency == pytest.approx(sel.efficiency, rel=1e-6)
    assert np.all(np.diff(res.history) >= 0) and len(res.history) <= 20


def test_inputs_not_mutated_and_full_power_oracle_consistency():
    g_d, g_e = _draw(5, 2, seed=1)
    a, b = g_d.copy(), g_e.copy()
    res = select_ports(g_d, g_e, 1.0, GAMMA, S2, method="exhaustive")
    assert np.array_equal(a, g_d) and np.array_equal(b, g_e)
    idx = (np.arange(2), np.array(res.ports))
    p_in = float(max_harvested_power(g_d[idx], g_e[idx], 1.0, GAMMA, S2)[0])
    assert res.efficiency == pytest.approx(0.5 * p_in / (1 / 0.35 + 0.05), rel=1e-12)


@pytest.mark.parametrize(
    "kwargs, name",
    [
        (dict(method="random"), "method"),
        (dict(architecture="mixed"), "architecture"),
        (dict(method=PortSearch("exhaustive", max_candidates=10)), "max_candidates"),
        (dict(previous_ports=(0, 9)), "previous_ports"),
        (dict(switching_cost=SwitchingCost(full_move_delay_s=0.0, full_move_energy_j=0.0)),
         "positions_m"),
        (dict(switching_cost=SwitchingCost(full_move_delay_s=0.0, full_move_energy_j=0.0,
                                           positions_m=np.arange(5.0))), "positions_m"),
        (dict(n_select=3), "n_select"),
        (dict(p_max=np.nan), "p_max"),
        (dict(p_max=np.inf), "p_max"),
        (dict(sinr_min=np.inf), "sinr_min"),
        (dict(noise_power=np.nan), "noise_power"),
        (dict(frame_s=np.inf), "frame_s"),
    ],
)
def test_bad_input_names_the_parameter(kwargs, name):
    g_d, g_e = _draw(4, 2, seed=0)
    args = dict(p_max=1.0, sinr_min=GAMMA, noise_power=S2)
    args.update(kwargs)
    with pytest.raises(ValueError, match=name):
        select_ports(g_d, g_e, **args)


@pytest.mark.parametrize(
    "kwargs, name",
    [
        (dict(scorer="exact"), "scorer"),
        (dict(max_sweeps=0), "max_sweeps"),
        (dict(max_sweeps=10**12), "max_sweeps"),
        (dict(max_candidates=10**12), "max_candidates"),
        (dict(tol=np.nan), "tol"),
        (dict(tol="1e-6"), "tol"),
    ],
)
def test_port_search_rejects_bad_settings(kwargs, name):
    with pytest.raises((ValueError, TypeError), match=name):
        PortSearch(**kwargs)


@pytest.mark.parametrize(
    "kwargs, name, exc",
    [
        (dict(p_max="1.0"), "p_max", TypeError),
        (dict(method=3), "method", TypeError),
        (dict(previous_ports=(0.5, 1)), "previous_ports", TypeError),
        (dict(score_fn=3), "score_fn", TypeError),
    ],
)
def test_wrong_types_are_type_errors(kwargs, name, exc):
    g_d, g_e = _draw(4, 2, seed=0)
    args = dict(p_max=1.0, sinr_min=GAMMA, noise_power=S2)
    args.update(kwargs)
    with pytest.raises(exc, match=name):
        select_ports(g_d, g_e, **args)


def test_non_finite_channels_are_rejected():
    g_d, g_e = _draw(4, 2, seed=0)
    g_d[0, 1] = np.nan
    with pytest.raises(ValueError, match="g_d"):
        select_ports(g_d, g_e, 1.0, GAMMA, S2)


def test_bad_shapes():
    g_d, g_e = _draw(4, 2, seed=0)
    with pytest.raises(ValueError, match="g_d"):
        select_ports(g_d[0], g_e[0], 1.0, GAMMA, S2)
    with pytest.raises(ValueError, match="n_select"):
        select_ports(g_d[0], g_e[0], 1.0, GAMMA, S2, architecture="subset")
    with pytest.raises(ValueError, match="g_d and g_e"):
        select_ports(g_d, g_e[:, :3], 1.0, GAMMA, S2)
