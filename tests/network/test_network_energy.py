"""Loads and rates, cell power with sleep, metrics, policies and the daily energy."""

from __future__ import annotations

import numpy as np
import pytest

from wirelesseff.network import (
    POLICIES,
    CellPowerModel,
    area_metrics,
    cell_loads,
    cell_power_model,
    compare_policies,
    daily_energy,
    daily_profile,
    evaluate_network,
    greedy_switch_off,
    hex_deployment,
    hourly_demand,
    link_spectral_efficiency,
    ppp_network_point,
    ppp_users,
    simulate_drop,
    users_per_cell,
)
from wirelesseff.power import earth_power

# ---------------------------------------------------------------- loads and rates


def test_spectral_efficiency_gap_and_cap():
    s = np.array([0.0, 1.0, 3.0, 1e6])
    np.testing.assert_allclose(link_spectral_efficiency(s), np.log2(1 + s))
    np.testing.assert_allclose(link_spectral_efficiency(s, gap_db=3.0),
                               np.log2(1 + s / 10**0.3))
    assert np.max(link_spectral_efficiency(s, max_se=4.4)) == 4.4
    with pytest.raises(ValueError, match="gap_db"):
        link_spectral_efficiency(1.0, gap_db=-1.0)


def test_cell_loads_resource_share_model(rng):
    n_u, n_c, b = 500, 7, 10e6
    serving = rng.integers(-1, n_c, n_u)
    se = rng.uniform(0.0, 6.0, n_u)
    se[::50] = 0.0
    demand = rng.uniform(0, 2e6, n_u)
    out = cell_loads(serving, se, n_c, bandwidth=b, demand=demand)
    served = (serving >= 0) & (se > 0)
    for c in range(n_c):
        m = served & (serving == c)
        load = np.sum(demand[m] / (b * se[m]))
        assert out.load[c] == pytest.approx(load)
        if load <= 1:
            np.testing.assert_allclose(out.user_rate[m], demand[m])
        else:   # overloaded: the cell carries exactly its capacity
            assert np.sum(out.user_rate[m] / (b * se[m])) == pytest.approx(1.0)
        assert out.cell_throughput[c] == pytest.approx(out.user_rate[m].sum())
    assert np.all(out.user_rate[~served] == 0)
    assert np.all(out.utilisation <= 1)


def test_full_buffer_round_robin():
    out = cell_loads([0, 0, 0, 1], [1.0, 2.0, 3.0, 4.0], 3, bandwidth=3e6)
    np.testing.assert_allclose(out.user_rate, [1e6, 2e6, 3e6, 12e6])
    np.testing.assert_array_equal(out.load, [1.0, 1.0, 0.0])


def test_cell_loads_reject_bad_input():
    with pytest.raises(ValueError, match="se"):
        cell_loads([0], [1.0, 2.0], 1, bandwidth=1.0)
    with pytest.raises(ValueError, match="serving"):
        cell_loads([3], [1.0], 2, bandwidth=1.0)
    with pytest.raises(ValueError, match="demand"):
        cell_loads([0], [1.0], 1, bandwidth=1.0, demand=-1.0)


# ---------------------------------------------------------------- power models

def test_earth_cell_model_is_one_sector_of_the_auer2011_macro_site():
    m = cell_power_model("macro", sleep_model="earth")
    loads = np.linspace(0, 1, 11)
    # three cells at the same load = one EARTH site (Auer et al. 2011 Table 2)
    np.testing.assert_allclose(3 * m.power(loads, "sleep"), earth_power(loads, "macro"))
    np.testing.assert_allclose(3 * m.power(loads, "no_sleep"),
                               earth_power(loads, "macro", sleep=False))
    assert cell_power_model("micro", sleep_model="earth").full_load_power == pytest.approx(
        earth_power(1.0, "micro"))


@pytest.mark.parametrize("bs_type", ["macro", "micro", "pico"])
@pytest.mark.parametrize("sleep_model", ["tr38864", "earth"])
def test_sleep_never_costs_more_and_off_is_cheapest(bs_type, sleep_model):
    m = cell_power_model(bs_type, sleep_model=sleep_model)
    x = np.linspace(0, 1, 21)
    ns, sl, off = m.power(x, "no_sleep"), m.power(x, "sleep"), m.power(x, "off")
    assert np.all(np.diff(ns) > 0)
    assert np.all(sl <= ns + 1e-9) and np.all(off <= sl + 1e-9)
    assert ns[-1] == pytest.approx(m.full_load_power) and sl[-1] == pytest.approx(ns[-1])


def test_tr38864_cell_model_anchors_active_dl_to_earth_full_load():
    m = cell_power_model("macro")
    assert m.tr38864.power("active_dl") == pytest.approx(m.earth.full_load_power)
    assert m.power(0.0, "off") == pytest.approx(m.tr38864.power("deep_sleep"))
    # an idle cell that is on wakes for its SSBs every 20 ms: category 1 fits light sleep
    # (6 ms) but not deep sleep (50 ms) between them; without common signals it sleeps deep
    p = m.tr38864
    assert m.common_signal_period == 0.02
    assert m.power(0.0, "sleep") == pytest.approx(
        p.power("light_sleep") + p.energy("light_sleep") / 0.02)
    ideal = cell_power_model("macro", common_signal_period=None)
    assert ideal.power(0.0, "sleep") == pytest.approx(p.power("deep_sleep"))
    x = np.linspace(0, 1, 11)
    assert np.all(ideal.power(x, "sleep") <= m.power(x, "sleep") + 1e-9)
    np.testing.assert_allclose(ideal.power(x, "no_sleep"), m.power(x, "no_sleep"))
    np.testing.assert_allclose(m.power([0.2, 0.7], ["no_sleep", "off"]),
                               [m.power(0.2), m.power(0.0, "off")])


def test_power_model_rejects_bad_input():
    m = cell_power_model()
    with pytest.raises(ValueError, match="mode"):
        m.power(0.5, "hibernate")
    with pytest.raises(ValueError, match="load"):
        m.power(1.5)
    with pytest.raises(ValueError, match="tr38864"):
        CellPowerModel(earth=m.earth, sleep_model="tr38864", tr38864=None)
    with pytest.raises(ValueError, match="bs_type"):
        cell_power_model("giant")


def test_area_metrics():
    m = area_metrics([100.0, 0.0], [0.0, 0.0], 1e6)
    assert m["energy_efficiency"] == 0.0 and m["area_power"] == 100.0
    with pytest.raises(ValueError, match="area"):
        area_metrics([1.0], [1.0], 0.0)


# ---------------------------------------------------------------- snapshots

def test_evaluate_network_dataset_is_labelled_and_consistent(rng):
    dep = hex_deployment(400.0, 6)
    users = users_per_cell(dep, 15, rng)
    ds = evaluate_network(dep, users, demand=5e5, rng=1)
    for name, var in ds.variables.items():
        assert var.attrs.get("units") and var.attrs.get("long_name"), name
    area_km2 = dep.area / 1e6
    assert float(ds.area_power) == pytest.approx(float(ds.power.sum()) / area_km2)
    assert float(ds.area_throughput) == pytest.approx(float(ds.throughput.sum()) / area_km2)
    assert float(ds.energy_efficiency) == pytest.approx(
        float(ds.throughput.sum() / ds.power.sum()))
    assert float(ds.served_fraction) == pytest.approx(1.0)
    # more demand: more throughput, more power, higher EE (static power amortised)
    ds2 = evaluate_network(dep, users, demand=1e6, rng=1)
    assert float(ds2.area_power) > float(ds.area_power)
    assert float(ds2.energy_efficiency) > float(ds.energy_efficiency)
    # sleeping cuts the power of the same traffic
    ds3 = evaluate_network(dep, users, demand=5e5, rng=1, mode="sleep")
    assert float(ds3.area_power) < float(ds.area_power)
    assert float(ds3.area_throughput) == pytest.approx(float(ds.area_throughput))


def test_ppp_network_point_is_reproducible_and_units_declared():
    a = ppp_network_point(4.0, 100.0, demand_per_user=2e5, rng=3)
    b = ppp_network_point(4.0, 100.0, demand_per_user=2e5, rng=3)
    assert a == b
    assert set(a) <= set(ppp_network_point.units)
    # the numbers: densities per km^2, a light load carried in full
    a = ppp_network_point(4.0, 100.0, demand_per_user=2e4, rng=3)
    window_km2 = 150.0 / 4.0                      # default window: 150 cells on average
    assert a["n_active_cells"] / window_km2 == pytest.approx(4.0, abs=4 * np.sqrt(150) / 37.5)
    users_km2 = a["n_users_total"] / window_km2
    assert users_km2 == pytest.approx(100.0, abs=4 * np.sqrt(100.0 / window_km2))
    assert a["served_fraction"] == 1.0
    assert a["area_throughput"] == pytest.approx(users_km2 * 2e4, rel=1e-9)
    # every cell draws between its idle (micro sleep) and its full-load power
    pm = cell_power_model("macro")
    per_cell = a["area_power"] * window_km2 / a["n_active_cells"]
    assert pm.power(0.0) < per_cell < pm.full_load_power


# ---------------------------------------------------------------- switch-off and policies

@pytest.fixture(scope="module")
def small_network():
    dep = hex_deployment(300.0, 6)
    users = ppp_users(40e-6, dep.box, np.random.default_rng(2))
    return dep, users


def test_greedy_switch_off_keeps_coverage_and_loads(small_network):
    dep, users = small_network
    res = greedy_switch_off(dep, users, demand=2e5, load_threshold=0.3, max_load=0.8,
                            min_sinr_db=-6.0, rng=0)
    assert res.constraints_ok and 0 < len(res.switched_off) < dep.n_cells
    assert not np.any(res.active[list(res.switched_off)])
    base = res.baseline
    with np.errstate(divide="ignore"):
        s0, s1 = 10 * np.log10(base.sinr), 10 * np.log10(res.drop.sinr)
    assert np.all(s1 >= np.minimum(-6.0, s0) - 1e-9)
    se = link_spectral_efficiency(res.drop.sinr)
    loads = cell_loads(res.drop.serving, se, dep.n_cells, bandwidth=10e6, demand=2e5)
    assert np.all(loads.load[res.active] <= 0.8 + 1e-9)
    assert np.all(loads.user_rate == pytest.approx(2e5))   # nobody loses rate
    # users of cells that stayed on and kept their cell see no more interference
    kept = res.drop.serving == base.serving
    assert np.all(res.drop.interference[kept] <= base.interference[kept] * (1 + 1e-12))
    # a zero threshold switches nothing off
    none = greedy_switch_off(dep, users, demand=2e5, load_threshold=0.0, rng=0)
    assert none.switched_off == () and np.all(none.active)


def test_compare_policies_orders_power_and_charges_no_rate_for_sleep(small_network):
    dep, users = small_network
    out = compare_policies(dep, users, demand=2e5, rng=0)
    p = dict(zip(POLICIES, out["power"], strict=True))
    assert p["sleep"] < p["always_on"] and p["switch_off"] < p["always_on"]
    assert p["switch_off_sleep"] <= min(p["sleep"], p["switch_off"])
    np.testing.assert_allclose(out["served_fraction"], 1.0)
    assert out["n_active_cells"][2] < dep.n_cells == out["n_active_cells"][0]


def test_daily_energy_dataset(small_network):
    dep, _ = small_network
    ds = daily_energy(dep, peak_user_density=40e-6, demand_per_user=2e5, hours=[3, 12, 21],
                      seed=1)
    assert ds.sizes == {"hour": 3, "policy": 4}
    for name, var in ds.variables.items():
        assert var.attrs.get("units") and var.attrs.get("long_name"), name
    e = ds.energy_per_day
    assert float(e.sel(policy="always_on")) == pytest.approx(
        float(ds.power.sel(policy="always_on").sum()) * 8 * 3600 / 3.6e6)
    assert np.all(ds.saving.sel(policy=["sleep", "switch_off", "switch_off_sleep"]) > 0)
    assert float(ds.saving.sel(policy="always_on")) == 0.0
    # fewer users at night: fewer cells needed, so more of them are switched off
    n_on = ds.n_active_cells.sel(policy="switch_off")
    assert float(n_on.sel(hour=3)) < float(n_on.sel(hour=21))
    np.testing.assert_allclose(ds.rate_penalty, 0.0, atol=1e-12)
    # coverage: sleep keeps the drop (no change); the switch-off keeps every moved user at
    # min(-6 dB, its SINR) and only removes interference, so coverage at -6 dB cannot drop
    cov = ds.coverage_penalty
    assert float(cov.sel(policy="sleep")) == 0.0
    assert np.all(cov.sel(policy=["switch_off", "switch_off_sleep"]) <= 1e-12)
    users = ds.n_users.values
    expected = float((ds.coverage.sel(policy="always_on") * users).sum() / users.sum())
    assert float(ds.daily_coverage.sel(policy="always_on")) == pytest.approx(expected)
    with pytest.raises(ValueError, match="always_on"):
        daily_energy(dep, peak_user_density=1e-5, demand_per_user=1e5, policies=("sleep",))


def test_daily_profile_and_hourly_demand():
    p = daily_profile()
    assert p.max() == 1.0 and p.min() > 0
    # the EARTH shape: night minimum near 06:00 at about 0.15, busy hour in the late evening
    assert int(np.argmin(p)) == 6 and p.min() == pytest.approx(0.15, abs=0.01)
    assert int(np.argmax(p)) in (21, 22) and p[0] > 0.75
    np.testing.assert_allclose(hourly_demand(2.0), 2.0 * p)
    with pytest.raises(ValueError, match="24"):
        daily_profile(np.ones(12))
    with pytest.raises(ValueError, match="hours"):
        hourly_demand(1.0, hours=[24])


def test_switch_off_needs_a_demand(small_network):
    dep, users = small_network
    with pytest.raises(ValueError, match="max_load"):
        greedy_switch_off(dep, users, demand=1e5, max_load=0.0)
    drop = simulate_drop(dep, users, rng=0)
    assert drop.n_users == users.shape[0]


# ---------------------------------------------------------------- bad input, named

@pytest.mark.parametrize("call,match", [
    (lambda d, u: evaluate_network(d, u, demand=np.ones(3), rng=0), "demand"),
    (lambda d, u: evaluate_network(d, u, demand=1e5, mode="nap", rng=0), "mode"),
    (lambda d, u: evaluate_network(d, u, demand=1e5, coverage_threshold_db="x", rng=0),
     "coverage_threshold_db"),
    (lambda d, u: evaluate_network(d, u, demand=1e5, bandwidth=np.inf, rng=0), "bandwidth"),
    (lambda d, u: evaluate_network(d, u, demand=1e5, noise_figure_db=1e300, rng=0),
     "noise_figure_db"),
    (lambda d, u: compare_policies(d, u, demand=1e5, policies=None), "policies"),
    (lambda d, u: compare_policies(d, u, demand=1e5, policies=("nap",)), "policies"),
    (lambda d, u: greedy_switch_off(d, u, demand=1e5, min_sinr_db=np.nan), "min_sinr_db"),
    (lambda d, u: greedy_switch_off(d, u, demand=1e5, load_threshold=[]), "load_threshold"),
    (lambda d, u: daily_energy(d, peak_user_density=10.0, demand_per_user=1e5),
     "peak_user_density"),
    (lambda d, u: daily_energy(d, peak_user_density=1e-5, demand_per_user=1e5, hours=[]),
     "hours"),
    (lambda d, u: ppp_network_point(1e9, 10.0), "bs_density"),
    (lambda d, u: area_metrics([], [], 1e6), "cell_power"),
    (lambda d, u: cell_loads([0, 0], [1.0], 1, bandwidth=1e6), "serving"),
    (lambda d, u: cell_loads([0], [1.0], 1, bandwidth=1e6, demand=1e300), "demand"),
    (lambda d, u: link_spectral_efficiency(np.inf), "max_se"),
    (lambda d, u: link_spectral_efficiency(np.nan), "sinr"),
])
def test_bad_input_is_rejected_by_name(call, match, small_network):
    dep, users = small_network
    with pytest.raises((ValueError, TypeError), match=match):
        call(dep, users)


def test_zero_demand_is_fully_served(small_network):
    dep, users = small_network
    ds = evaluate_network(dep, users, demand=0.0, rng=0)
    assert float(ds.served_fraction) == 1.0 and float(ds.area_throughput) == 0.0
    assert float(link_spectral_efficiency(np.inf, max_se=7.4)) == 7.4
