"""Quick modes of the network studies, asserted on their numbers, then plotted."""

from __future__ import annotations

import numpy as np
import pytest

from wirelesseff.network import coverage_probability_ppp, mean_rate_ppp
from wirelesseff.registry import Headline, load_study


def _run(name):
    mod = load_study(name)
    return mod, mod.run(quick=True)


@pytest.fixture(scope="module")
def coverage():
    return _run("network-coverage-ppp")


def test_coverage_study_matches_abg2011(coverage):
    mod, ds = coverage
    t = 10 ** (ds.threshold_db.values / 10)
    for a in ds.alpha.values:
        np.testing.assert_allclose(ds.p_closed_form.sel(alpha=a), coverage_probability_ppp(t, a))
    assert float(ds.p_closed_form.sel(alpha=4.0, threshold_db=0.0)) == pytest.approx(
        1 / (1 + np.pi / 4))
    np.testing.assert_allclose(ds.mean_rate, mean_rate_ppp(ds.alpha.values))
    # quick mode: 20 drops (t distribution with 19 degrees of freedom, 21 comparisons) and a
    # window edge bias below 0.005, so 4 standard errors plus that bias
    err = ds.p_monte_carlo - ds.p_closed_form
    assert np.all(err >= -4 * ds.p_stderr) and np.all(err <= 4 * ds.p_stderr + 5e-3)
    assert np.all(ds.p_monte_carlo.diff("threshold_db") <= 0)
    heads = mod.headline(ds)
    assert all(isinstance(h, Headline) for h in heads)
    assert heads[2].value == pytest.approx(2.15, abs=5e-3)
    fig = mod.plot(ds)
    assert "coverage" in fig.axes[0].get_ylabel()


def test_ee_vs_density_study():
    mod, ds = _run("network-ee-vs-density")
    served = ds.served_fraction.sel(mode="no_sleep")
    assert float(served.isel(bs_density=0).max()) < 0.2          # sparse: capacity-limited
    assert float(served.isel(bs_density=-1).min()) > 0.99         # dense: demand carried
    # the same loads cost less with sleep states; more so without common signals
    ee = ds.energy_efficiency
    assert np.all(ee.sel(mode="sleep") >= ee.sel(mode="no_sleep") * (1 - 1e-12))
    assert np.all(ee.sel(mode="sleep_ideal") >= ee.sel(mode="sleep") * (1 - 1e-12))
    for t in ("macro", "micro"):
        d = mod.carried_density(ds, t)

        def fall(mode, t=t, d=d):
            e = ee.sel(bs_type=t, mode=mode)
            return float(e.isel(bs_density=-1) / e.sel(bs_density=d))

        # beyond the carried density EE falls without sleep, less with sleep between SSBs,
        # and not at all when idle cells reach deep sleep
        assert fall("no_sleep") < 0.7
        assert fall("no_sleep") + 0.05 < fall("sleep") < 0.9
        assert fall("sleep_ideal") > 0.9
    # area power grows with density without sleep
    assert np.all(ds.area_power.sel(mode="no_sleep").diff("bs_density") > 0)
    # micro cells: about 3x the macro EE (full-load power 144.8 W vs 448 W per cell)
    ratio = ee.sel(bs_type="micro") / ee.sel(bs_type="macro")
    assert float(ratio.isel(bs_density=-1, mode=0)) == pytest.approx(448.0 / 144.76, rel=0.15)
    assert len(mod.headline(ds)) >= 4
    fig = mod.plot(ds)
    assert len(fig.axes) == 3


def test_daily_energy_study():
    mod, ds = _run("network-daily-energy")
    e = ds.energy_per_day
    assert e.attrs["units"] == "kWh"
    s = ds.saving
    assert float(s.sel(policy="always_on")) == 0.0
    assert 0 < float(s.sel(policy="switch_off")) < float(s.sel(policy="switch_off_sleep"))
    assert 0 < float(s.sel(policy="sleep")) < float(s.sel(policy="switch_off_sleep"))
    assert float(s.sel(policy="switch_off_sleep")) < 0.6
    # the network follows the profile: least power and most cells off in the night
    p = ds.power.sel(policy="always_on")
    assert int(ds.hour[int(np.argmin(p.values))]) == 4
    off = ds.n_active_cells.sel(policy="switch_off")
    assert float(off.sel(hour=4)) < float(off.sel(hour=20))
    # no rate penalty beyond rounding (switch-off keeps demands; sleep wakes up in time)
    assert np.all(ds.rate_penalty <= 1e-9)
    assert np.all(ds.coverage_penalty <= 1e-12)  # switch-off keeps coverage at -6 dB
    heads = mod.headline(ds)
    assert heads[0].units == "kWh" and len(heads) == 4
    fig = mod.plot(ds)
    assert len(fig.axes) == 3  # two panels and the twin axis of the profile


def test_ee_vs_load_study():
    mod, ds = _run("network-ee-vs-load")
    u = ds.mean_utilisation.values
    assert np.all(np.diff(u) > 0) and u[0] < 0.01 and u[-1] > 0.5
    ee = ds.energy_efficiency
    assert np.all(ee.sel(power_model="earth_no_sleep").diff("demand_per_user") > 0)
    # EARTH's sleep level only helps cells without traffic: none here
    np.testing.assert_allclose(ee.sel(power_model="earth_sleep"),
                               ee.sel(power_model="earth_no_sleep"))
    # at the lowest load (0.08 % utilisation) the EE ratio of two models is the ratio of their
    # idle powers: micro sleep 55 units against light sleep between 20 ms SSBs, 25 + 90/20
    lo = ds.isel(demand_per_user=0)
    lo_ee = lo.energy_efficiency
    assert float(lo_ee.sel(power_model="tr38864_sleep") / lo_ee.sel(
        power_model="tr38864_no_sleep")) == pytest.approx(55 / 29.5, rel=0.03)
    # without common signals an idle cell reaches deep sleep (1 unit): far more
    assert float(lo_ee.sel(power_model="tr38864_sleep_ideal")) > 10 * float(
        lo_ee.sel(power_model="tr38864_no_sleep"))
    order = ("tr38864_no_sleep", "tr38864_sleep", "tr38864_sleep_ideal")
    for a, b in zip(order[:-1], order[1:]):
        assert np.all(ee.sel(power_model=b) >= ee.sel(power_model=a))
    heads = mod.headline(ds)
    assert heads[1].value > 3 * heads[0].value and heads[2].value > 0.8
    fig = mod.plot(ds)
    assert len(fig.axes) == 2
