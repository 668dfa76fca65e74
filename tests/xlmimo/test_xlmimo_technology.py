"""Technology presets through one EE model: ee_at_rate is midband_ee at a fixed rate; the FR3
downlink EE."""

from __future__ import annotations

import numpy as np
import pytest

from wirelesseff.channel import noise_power
from wirelesseff.power import fr3_params
from wirelesseff.xlmimo import (
    TechnologyPreset,
    average_inverse_gain,
    ee_at_rate,
    fr3_downlink_ee,
    midband_ee,
    technology_presets,
)


def _midband(p):
    return midband_ee(p.frequency, p.n_antennas, p.n_rf, architecture=p.architecture,
                      n_users=p.n_users, bandwidth=p.bandwidth, p_max=p.p_max, d_min=p.d_min,
                      d_max=p.d_max, scenario=p.scenario, los=p.los,
                      noise_figure_db=p.noise_figure_db, tau_c=p.tau_c, power_params=p.power)


@pytest.mark.parametrize("name", sorted(technology_presets()))
def test_ee_at_rate_is_midband_ee_at_a_fixed_rate(name):
    p = technology_presets()[name]
    opt = _midband(p)
    ee, p_rad = ee_at_rate(p, opt.sum_rate)
    assert float(ee) == pytest.approx(float(opt.ee), rel=1e-9)
    assert float(p_rad) == pytest.approx(float(opt.p_radiated), rel=1e-9)
    # the midband optimum is the maximum of the EE-rate curve
    rates = float(opt.sum_rate) * np.array([0.5, 0.9, 1.1])
    others, _ = ee_at_rate(p, rates)
    finite = others[np.isfinite(others)]
    assert np.all(finite <= float(opt.ee) * (1 + 1e-9))


def test_rates_beyond_the_power_budget_are_nan_and_presets_are_documented():
    p = technology_presets()["sub6_massive_mimo"]
    ee, p_rad = ee_at_rate(p, [1e9, 1e12])
    assert np.isfinite(ee[0]) and np.isnan(ee[1]) and np.isnan(p_rad[1])
    for preset in technology_presets().values():
        assert preset.source and "_" not in preset.name  # legend labels in words
    changed = technology_presets(l_bb=750e9)
    assert all(v.power.l_bb == 750e9 for v in changed.values())
    with pytest.raises(TypeError, match="preset"):
        ee_at_rate("sub6", 1e9)
    with pytest.raises(ValueError, match="architecture"):
        TechnologyPreset("x", 1e9, 4, None, "analog", 1, 1e6, 1.0, 10.0, 20.0, "umi", True,
                         7.0, 200)


def test_fr3_downlink_ee_by_hand():
    p = fr3_params()
    res = fr3_downlink_ee(64, architecture="hybrid_sub")
    s_bar = average_inverse_gain(10e9, 35.0, 250.0, scenario="uma", los="probabilistic")
    sinr = 200.0 * (1024 / 64) * (64 - 8) / (8 * noise_power(400e6, 7.0) * s_bar)
    rate = 0.8 * 0.3 * 400e6 * np.log2(1 + sinr)
    assert float(res["sinr"]) == pytest.approx(float(sinr), rel=1e-12)
    assert float(res["rate_per_user"]) == pytest.approx(float(rate), rel=1e-12)
    assert float(res["ee"]) == pytest.approx(8 * float(rate) / float(res["breakdown"].total),
                                             rel=1e-12)
    assert p.zeta_dl == 0.8
