"""Switching-cost models of wirelesseff.fas.switching (reconstruction).

See docs/fas.md, "Switching cost".
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from wirelesseff.fas import NO_SWITCH, SwitchEvent, SwitchingCost, port_positions

X = port_positions(9, 2.0, wavelength_m=0.1)  # W lambda = 0.2 m
ZERO_COST = SwitchingCost("distance", full_move_delay_s=0.0, full_move_energy_j=0.0)


def test_distance_mode_parallel_and_serial():
    par = SwitchingCost("distance", full_move_delay_s=2e-3, full_move_energy_j=1e-3)
    ser = SwitchingCost("distance", full_move_delay_s=2e-3, full_move_energy_j=1e-3,
                        parallel=False)
    ev = par.event((0, 8), (4, 6), X)  # travels 1/2 and 1/4 of the antenna
    assert ev.delay_s == pytest.approx(1e-3)
    assert ev.energy_j == pytest.approx(0.75e-3)
    assert ev.n_moved == 2 and ev.switched
    ev_s = ser.event((0, 8), (4, 6), X)
    assert ev_s.delay_s == pytest.approx(1.5e-3) and ev_s.energy_j == pytest.approx(0.75e-3)


def test_constant_mode_counts_moved_elements():
    c = SwitchingCost("constant", full_move_delay_s=1e-3, full_move_energy_j=2e-4)
    ev = c.event((0, 1, 2), (0, 5, 7), X)
    assert ev.delay_s == 1e-3 and ev.energy_j == pytest.approx(4e-4) and ev.n_moved == 2
    tb = c.event((1, 2, 3), (3, 2, 8), X, architecture="subset")
    assert tb.n_moved == 1 and tb.energy_j == pytest.approx(2e-4)


def test_idle_power_adds_energy_during_the_move():
    base = SwitchingCost("distance", full_move_delay_s=2e-3, full_move_energy_j=1e-3)
    idle = SwitchingCost("distance", full_move_delay_s=2e-3, full_move_energy_j=1e-3,
                         idle_power_w=0.05)
    a, b = base.event((0, 8), (4, 6), X), idle.event((0, 8), (4, 6), X)
    assert b.delay_s == a.delay_s
    assert b.energy_j == pytest.approx(a.energy_j + 0.05 * a.delay_s)
    tau, e, _ = idle.event_batch((0, 8), [[4, 6], [0, 8]], X)
    assert e == pytest.approx([b.energy_j, 0.0])


def test_subset_pairs_sorted_positions():
    """TB: sorted old/new positions paired (optimal 1-D matching), order irrelevant."""
    c = SwitchingCost("distance", full_move_delay_s=1.0, full_move_energy_j=1.0)
    a = c.event((6, 0), (1, 8), X, architecture="subset")
    assert a.energy_j == pytest.approx((1 + 2) / 8)
    # brute-force minimum matching equals the sorted pairing
    best = min(sum(abs(X[i] - X[j]) for i, j in zip((0, 6), p)) for p in
               itertools.permutations((1, 8)))
    assert a.energy_j == pytest.approx(best / 0.2)


def test_no_move_and_no_previous_cost_nothing():
    c = SwitchingCost("distance", full_move_delay_s=1.0, full_move_energy_j=1.0)
    assert c.event((3, 4), (3, 4), X) == NO_SWITCH
    assert c.event(None, (3, 4), X) == NO_SWITCH
    assert not NO_SWITCH.switched
    assert ZERO_COST.is_zero
    with pytest.raises(TypeError, match="full_move"):
        SwitchingCost("distance")  # no default constants (the forms of Zhang et al. are unknown)


def test_batch_equals_scalar_events(rng):
    for mode, arch in itertools.product(("distance", "constant"), ("separate", "subset")):
        c = SwitchingCost(mode, full_move_delay_s=3e-3, full_move_energy_j=5e-4,
                          parallel=mode == "distance", idle_power_w=0.02)
        prev = (1, 6, 7)
        cfgs = np.array([sorted(rng.choice(9, 3, replace=False)) for _ in range(20)])
        tau, e, k = c.event_batch(prev, cfgs, X, architecture=arch)
        for i, cfg in enumerate(cfgs):
            ev = c.event(prev, cfg, X, architecture=arch)
            assert (tau[i], e[i], k[i]) == pytest.approx((ev.delay_s, ev.energy_j, ev.n_moved))


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: SwitchingCost("teleport", full_move_delay_s=0.0, full_move_energy_j=0.0),
         "mode"),
        (lambda: SwitchingCost(full_move_delay_s=-1.0, full_move_energy_j=0.0),
         "full_move_delay_s"),
        (lambda: SwitchingCost(full_move_delay_s=0.0, full_move_energy_j=-1.0),
         "full_move_energy_j"),
        (lambda: SwitchEvent(-1e-3, 0.0), "delay_s"),
        (lambda: ZERO_COST.event((0, 1), (0, 1, 2), X), "new_ports"),
        (lambda: ZERO_COST.event((0,), (1,), X, architecture="tb"), "architecture"),
    ],
)
def test_bad_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()
