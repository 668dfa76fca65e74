"""3GPP TR 38.864 base-station power model with sleep states (wirelesseff.power.tr38864)."""

from __future__ import annotations

import numpy as np
import pytest

from wirelesseff.power import (
    TR38864_SLEEP_STATES,
    TR38864_STATES,
    TR38864Params,
    tr38864_average_power,
    tr38864_dl_power,
    tr38864_idle_energy,
    tr38864_params,
    tr38864_sleep_state,
)

# ---------------------------------------------------------------- tier 1: the tables


def test_tr38864_table_5_1_3_category2_set1_matches_two_secondary_sources():
    # TR 38.864 V18.1.0 Table 5.1-3, category 2 / set 1: deep 1, micro 5.5, active DL 32
    # (ns-3 5G-LENA energy model and an independent reading of the report agree)
    p = tr38864_params(2, 1)
    assert (p.relative_power[0], p.relative_power[2], p.relative_power[3]) == (1.0, 5.5, 32.0)


def test_tr38864_tables_5_1_4_and_5_1_5_category1():
    # TR 38.864 Tables 5.1-4/5.1-5 (category 1): deep 50 ms / 1000 unit.ms, light 6 ms / 90
    p = tr38864_params(1, 1)
    assert p.time("deep_sleep") == 0.05 and p.energy("deep_sleep") == pytest.approx(1.0)
    assert p.time("light_sleep") == 0.006 and p.energy("light_sleep") == pytest.approx(0.09)
    assert p.time("micro_sleep") == 0.0 and p.energy("micro_sleep") == 0.0


def test_states_are_ordered_by_power_in_every_column():
    for cat in (1, 2):
        for s in (1, 2, 3):
            rel = tr38864_params(cat, s).relative_power
            assert rel[0] == 1.0 and rel[0] < rel[1] < rel[2] < rel[4] < rel[3]
    for cat in (1, 2):
        p = tr38864_params(cat)
        t = p.transition_time
        assert t[0] > t[1] > t[2] == 0.0


# ---------------------------------------------------------------- tier 2: formulas

def test_dl_power_formula_endpoints_and_linearity():
    p = tr38864_params(1, 1, power_unit=1.0)
    assert tr38864_dl_power(1.0, p) == pytest.approx(280.0)
    assert tr38864_dl_power(0.0, p) == pytest.approx(55 + 0.4 * 225)
    assert tr38864_dl_power(1.0, p, active_fraction=0.0) == pytest.approx(55.0)
    sf = np.linspace(0, 1, 11)
    np.testing.assert_allclose(np.diff(tr38864_dl_power(sf, p), 2), 0.0, atol=1e-9)
    # PA scaling below 1 raises the load-dependent part
    assert tr38864_dl_power(0.5, p, pa_scaling=0.76) > tr38864_dl_power(0.5, p)


def test_power_unit_scales_everything():
    a, b = tr38864_params(1, 2), tr38864_params(1, 2, power_unit=3.0)
    for s in TR38864_STATES:
        assert b.power(s) == pytest.approx(3 * a.power(s))
    for s in TR38864_SLEEP_STATES:
        assert b.energy(s) == pytest.approx(3 * a.energy(s))
    assert tr38864_params(p_active_dl=560.0).power("active_dl") == pytest.approx(560.0)


def test_sleep_state_is_the_deepest_that_fits():
    p = tr38864_params(1)
    g = np.array([0.0, 0.005, 0.006, 0.049, 0.05, 10.0])
    np.testing.assert_array_equal(tr38864_sleep_state(g, p), [2, 2, 1, 1, 0, 0])
    np.testing.assert_array_equal(
        tr38864_sleep_state(g, p, states=("micro_sleep", "light_sleep")), [2, 2, 1, 1, 1, 1])
    np.testing.assert_array_equal(tr38864_sleep_state(g, p, states=("deep_sleep",)),
                                  [-1, -1, -1, -1, 0, 0])


def test_idle_energy_rules():
    # category 1: a feasible deeper state is always cheaper (the rules coincide)
    p1 = tr38864_params(1, power_unit=2.0)
    g = np.logspace(-4, 2, 300)
    np.testing.assert_array_equal(tr38864_idle_energy(g, p1),
                                  tr38864_idle_energy(g, p1, rule="min_energy"))
    # category 2: deep sleep (10 s, 17 unit.s) fits from 10 s but costs g + 17 > 2.1 g + 1.088
    # (light) until g = 15.9 / 1.1 = 14.45 s
    p = tr38864_params(2, power_unit=2.0)
    deep = tr38864_idle_energy(g, p)
    best = tr38864_idle_energy(g, p, rule="min_energy")
    assert np.all(best <= deep + 1e-12)
    differ = g[best < deep - 1e-12]
    assert differ.min() >= 10.0 and differ.max() < 15.9 / 1.1
    assert tr38864_idle_energy(12.0, p, rule="min_energy") == pytest.approx(
        2.0 * (2.1 * 12.0 + 1.088))
    # long idle periods: deep sleep wins under both rules
    assert deep[-1] == best[-1] == pytest.approx(2.0 * (1.0 * 100.0 + 17.0))
    # only micro sleep: P3 g
    np.testing.assert_allclose(tr38864_idle_energy(g, p1, states=("micro_sleep",)),
                               2.0 * 55.0 * g)
    assert np.isinf(tr38864_idle_energy(0.001, p1, states=("deep_sleep",)))


@pytest.mark.parametrize("category,lo,hi", [(1, 0.006, 0.09 / 13), (2, 0.64, 1.088 / 0.9)])
def test_deepest_fit_can_cost_more_than_micro_sleep_with_set3(category, lo, hi):
    # set 3 has a cheap micro sleep (38 and 3.0 units): light sleep, P2 g + E2, costs more
    # than P3 g from its transition time up to E2 / (P3 - P2)
    p = tr38864_params(category, 3)
    g = np.linspace(lo * 1.001, hi * 0.999, 50)
    micro = tr38864_idle_energy(g, p, states=("micro_sleep",))
    assert np.all(tr38864_idle_energy(g, p) > micro)
    np.testing.assert_allclose(tr38864_idle_energy(g, p, rule="min_energy"), micro)
    outside = np.array([lo * 0.99, hi * 1.01])
    assert np.all(tr38864_idle_energy(outside, p) <= tr38864_idle_energy(
        outside, p, states=("micro_sleep",)))


def _simulated_mean_power(load, p, burst, rule, rng, horizon_bursts=400_000):
    """Poisson bursts of exponential size through one server (M/M/1 busy/idle periods via
    Lindley's recursion, vectorised), idle periods charged with tr38864_idle_energy."""
    lam = load / burst
    arrivals = np.cumsum(rng.exponential(1 / lam, horizon_bursts))
    service = rng.exponential(burst, horizon_bursts)
    s_cum = np.concatenate([[0.0], np.cumsum(service)])
    # departure D_k = S_k + max_{j<=k} (a_j - S_{j-1})
    dep = s_cum[1:] + np.maximum.accumulate(arrivals - s_cum[:-1])
    gaps = arrivals[1:] - dep[:-1]
    gaps = gaps[gaps > 0]
    horizon = dep[-1] - arrivals[0]
    busy = service.sum()
    energy = busy * tr38864_dl_power(1.0, p) + tr38864_idle_energy(gaps, p, rule=rule).sum()
    return energy / horizon


@pytest.mark.parametrize("load", [0.05, 0.3, 0.7])
@pytest.mark.parametrize("rule,category,burst", [("deepest", 1, 0.02),
                                                 ("deepest", 2, 2.0),
                                                 ("min_energy", 2, 2.0)])
def test_average_power_closed_form_matches_simulated_bursts(load, rule, category, burst, rng):
    p = tr38864_params(category)
    sim = _simulated_mean_power(load, p, burst, rule, rng)
    exact = tr38864_average_power(load, p, burst_duration=burst, rule=rule)
    assert sim == pytest.approx(exact, rel=0.01)


def _simulated_with_common_signals(load, p, burst, rule, period, rng, horizon_bursts=300_000):
    """As _simulated_mean_power, with common-signal occasions at every multiple of ``period``
    (a fixed grid, independent of the traffic) splitting each idle period into pieces."""
    lam = load / burst
    arrivals = np.cumsum(rng.exponential(1 / lam, horizon_bursts))
    service = rng.exponential(burst, horizon_bursts)
    s_cum = np.concatenate([[0.0], np.cumsum(service)])
    dep = s_cum[1:] + np.maximum.accumulate(arrivals - s_cum[:-1])
    start, end = dep[:-1], arrivals[1:]
    start, end = start[end > start], end[end > start]
    marker = np.ceil(start / period) * period
    split = marker < end
    energy = tr38864_idle_energy(end - start, p, rule=rule)
    full = np.floor((end - marker) / period)
    rest = end - marker - full * period
    energy = np.where(split, tr38864_idle_energy(np.where(split, marker - start, 0.0), p,
                                                 rule=rule)
                      + full * tr38864_idle_energy(period, p, rule=rule)
                      + tr38864_idle_energy(np.where(split, rest, 0.0), p, rule=rule), energy)
    horizon = dep[-1] - arrivals[0]
    return (service.sum() * tr38864_dl_power(1.0, p) + energy.sum()) / horizon


@pytest.mark.parametrize("load", [0.05, 0.7])
@pytest.mark.parametrize("rule,category,burst,period", [("deepest", 1, 0.02, 0.02),
                                                        ("deepest", 1, 0.02, 0.08),
                                                        ("min_energy", 2, 2.0, 20.0)])
def test_average_power_with_common_signals_matches_simulated_bursts(load, rule, category,
                                                                     burst, period, rng):
    p = tr38864_params(category)
    sim = _simulated_with_common_signals(load, p, burst, rule, period, rng)
    exact = tr38864_average_power(load, p, burst_duration=burst, rule=rule,
                                  common_signal_period=period)
    assert sim == pytest.approx(exact, rel=0.01)
    # splitting idle periods costs energy; at low load far more than the 1 % tolerance
    ideal = tr38864_average_power(load, p, burst_duration=burst, rule=rule)
    assert exact > ideal * (1.1 if load < 0.1 else 1.0)


def test_common_signal_limits():
    p = tr38864_params(1)
    loads = np.array([0.0, 1e-6, 0.01, 0.3, 0.9, 1.0])
    # an idle cell costs one light-sleep period per SSB: P2 + E2 / T_c
    at = tr38864_average_power(loads, p, burst_duration=0.05, common_signal_period=0.02)
    assert at[0] == pytest.approx(25.0 + 0.09 / 0.02, rel=1e-12)
    assert at[1] == pytest.approx(at[0], rel=1e-4) and at[-1] == pytest.approx(280.0)
    assert np.all(np.diff(at) > 0)
    # a very long period recovers the model without common signals
    ideal = tr38864_average_power(loads[1:], p, burst_duration=0.05)
    long = tr38864_average_power(loads[1:], p, burst_duration=0.05, common_signal_period=1e8)
    np.testing.assert_allclose(long, ideal, rtol=1e-6)
    # micro sleep only: the common signals change nothing (no transition energy)
    np.testing.assert_allclose(
        tr38864_average_power(loads, p, burst_duration=0.05, states=("micro_sleep",),
                              common_signal_period=0.02),
        tr38864_average_power(loads, p, burst_duration=0.05, states=("micro_sleep",)),
        rtol=1e-12)
    # tiny and huge burst rates stay finite and between the bounds
    for burst in (1e-9, 1e3):
        v = tr38864_average_power(0.5, p, burst_duration=burst, common_signal_period=0.02)
        assert 1.0 <= v <= 280.0
    with pytest.raises(ValueError, match="common_signal_period"):
        tr38864_average_power(0.5, p, burst_duration=0.05, common_signal_period=0.0)
    with pytest.raises(ValueError, match="common_signal_period"):
        tr38864_average_power(0.5, p, burst_duration=0.05, common_signal_period=[0.02, 0.04])


def test_average_power_limits_and_monotonicity():
    p = tr38864_params(1)
    loads = np.linspace(0, 1, 21)
    sleep = tr38864_average_power(loads, p, burst_duration=0.05)
    nosleep = tr38864_average_power(loads, p, burst_duration=0.05, states=("micro_sleep",))
    assert sleep[0] == pytest.approx(1.0) and nosleep[0] == pytest.approx(55.0)
    assert sleep[-1] == nosleep[-1] == pytest.approx(280.0)
    assert np.all(np.diff(nosleep) > 0)
    assert np.all(sleep <= nosleep + 1e-9)
    np.testing.assert_allclose(nosleep, loads * 280 + (1 - loads) * 55)
    # longer bursts (longer idle periods at the same load) sleep deeper
    assert np.all(tr38864_average_power(0.2, p, burst_duration=[0.001, 0.01, 0.1, 1.0])
                  [1:] <= tr38864_average_power(0.2, p, burst_duration=[0.001, 0.01, 0.1, 1.0])
                  [:-1] + 1e-12)
    p2 = tr38864_params(2)
    assert tr38864_average_power(0.3, p2, burst_duration=3.0, rule="min_energy") < \
        tr38864_average_power(0.3, p2, burst_duration=3.0)


# ---------------------------------------------------------------- bad input

@pytest.mark.parametrize("kw,match", [
    (dict(category=3), "category"),
    (dict(config_set=0), "config_set"),
    (dict(power_unit=-1.0), "power_unit"),
    (dict(p_active_dl=0.0), "p_active_dl"),
])
def test_params_reject_bad_input(kw, match):
    with pytest.raises(ValueError, match=match):
        tr38864_params(**kw)


def test_functions_reject_bad_input():
    p = tr38864_params()
    with pytest.raises(ValueError, match="prb_fraction"):
        tr38864_dl_power(1.5, p)
    with pytest.raises(ValueError, match="idle_time"):
        tr38864_idle_energy(-1.0, p)
    with pytest.raises(ValueError, match="states"):
        tr38864_idle_energy(1.0, p, states=("hibernate",))
    with pytest.raises(ValueError, match="load"):
        tr38864_average_power(1.2, p, burst_duration=0.1)
    with pytest.raises(ValueError, match="burst_duration"):
        tr38864_average_power(0.2, p, burst_duration=0.0)
    with pytest.raises(ValueError, match="micro_sleep"):
        tr38864_average_power(0.2, p, burst_duration=0.1, states=("deep_sleep",))
    with pytest.raises(TypeError, match="TR38864Params"):
        tr38864_dl_power(1.0, "macro")
    with pytest.raises(ValueError, match="relative_power"):
        TR38864Params(1, 1, (1.0, 2.0), (0.0, 0.0, 0.0), (0.0, 0.0, 0.0))


# ---------------------------------------------------------------- property (hypothesis)

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(load=st.floats(0.0, 1.0), burst=st.floats(1e-3, 100.0), category=st.sampled_from([1, 2]),
       config_set=st.sampled_from([1, 2, 3]),
       period=st.one_of(st.none(), st.floats(1e-3, 100.0)))
def test_mean_power_is_bounded_by_deep_sleep_and_no_sleep(load, burst, category, config_set,
                                                          period):
    p = tr38864_params(category, config_set)
    kw = dict(burst_duration=burst, common_signal_period=period)
    deepest = tr38864_average_power(load, p, **kw)
    best = tr38864_average_power(load, p, rule="min_energy", **kw)
    none = tr38864_average_power(load, p, states=("micro_sleep",), **kw)
    tol = 1e-9 * p.power("active_dl")
    assert p.power("deep_sleep") - tol <= best <= deepest + tol
    # the oracle rule never loses to micro sleep; the deepest-fit rule can (category 2,
    # set 3: light sleep, 2.1 g + 1.088, costs more than micro sleep, 3 g, below 1.2 s)
    assert best <= none + tol
    assert max(deepest, none) <= p.power("active_dl") + tol


def test_idle_energy_overflow_and_period_bound_are_named():
    """Guards (fuzz): an overflowing ``power_unit`` gave a silent inf (inf is reserved for "no
    state fits"); a huge ``common_signal_period`` gave a bare OverflowError."""
    from dataclasses import replace

    with pytest.raises(ValueError, match="idle_time, params"):
        tr38864_idle_energy(1.0, replace(tr38864_params(), power_unit=1e308))
    assert np.isinf(tr38864_idle_energy(1e-3, states=("light_sleep",)))  # documented inf
    with pytest.raises(ValueError, match="common_signal_period"):
        tr38864_average_power(0.1, burst_duration=0.04, common_signal_period=1e300)
