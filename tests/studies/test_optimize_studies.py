"""Quick mode of the optimization-layer study, asserted on its numbers."""

from __future__ import annotations

import numpy as np
import pytest

from tests.optimize.ee_reference import global_search
from wirelesseff.registry import check_study_dataset, load_study


@pytest.fixture(scope="module")
def ee_power_control_study():
    mod = load_study("optimize-ee-power-control")
    return mod, mod.run(quick=True)


def test_ee_power_control_sca_beats_both_baselines_everywhere(ee_power_control_study):
    _, ds = ee_power_control_study
    check_study_dataset(ds, "optimize-ee-power-control")
    assert (ds.status == "optimal").all()
    sca = ds.ee.sel(allocation="SCA")
    common = ds.ee.sel(allocation="best common power")
    full = ds.ee.sel(allocation="full power")
    assert bool((sca >= common * (1 - 1e-9)).all()) and bool((common >= full * (1 - 1e-9)).all())
    # at the smallest budget every link is power-limited: all three allocations coincide
    low = ds.ee.sel(p_max_dbw=-30.0, objective="global EE")
    np.testing.assert_allclose(low.values, low.values[0], rtol=1e-6)


def test_ee_power_control_curves_saturate_while_full_power_collapses(ee_power_control_study):
    _, ds = ee_power_control_study
    sca = ds.ee.sel(allocation="SCA").transpose("objective", "p_max_dbw").values
    assert np.all(np.diff(sca, axis=1) >= -1e-6 * sca[:, 1:])  # non-decreasing in p_max
    np.testing.assert_allclose(sca[:, -1], sca[:, -2], rtol=1e-5)  # 0 dBW = 20 dBW: saturated
    full = ds.ee.sel(allocation="full power", objective="global EE")
    assert float(full.sel(p_max_dbw=20.0)) < 0.01 * float(full.max())
    # the EE-optimal powers stay far below a 100 W budget
    assert float(ds.p_mean.sel(allocation="SCA", p_max_dbw=20.0).max()) < 1.0


def test_ee_power_control_sca_matches_the_global_optimum_of_the_quick_networks(
        ee_power_control_study):
    mod, ds = ee_power_control_study
    gains, noise = mod.networks(2, 2, 0)
    for objective, name in (("global EE", "gee"), ("sum of link EEs", "wsee")):
        for k in range(2):
            _, best = global_search(gains[k], noise, 100.0, name)
            ours = float(ds.ee_instance.sel(objective=objective, allocation="SCA",
                                            p_max_dbw=20.0, instance=k))
            assert ours == pytest.approx(best, rel=1e-5)


def test_ee_power_control_plot_and_headline(ee_power_control_study):
    mod, ds = ee_power_control_study
    fig = mod.plot(ds)
    assert len(fig.axes) == 3
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert labels == ["transmit powers: SCA", "transmit powers: best common power",
                      "transmit powers: full power"]
    assert fig.axes[0].get_xlabel() == "maximum transmit power [dBW]"
    lines = mod.headline(ds)
    assert len(lines) == 3 and lines[0].units == "Mbit/J"
    assert lines[0].value == pytest.approx(
        float(ds.ee.sel(objective="global EE", allocation="SCA", p_max_dbw=20.0)) / 1e6)
