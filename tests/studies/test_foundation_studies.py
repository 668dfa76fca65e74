"""Quick modes of the common-layer studies, asserted on their numbers."""

from __future__ import annotations

import numpy as np
import pytest

from wirelesseff.registry import load_study


@pytest.fixture(scope="module")
def pathloss_power():
    mod = load_study("foundation-pathloss-power")
    return mod, mod.run(quick=True)


def test_pathloss_power_tr38901_umi_los_matches_hand_formula(pathloss_power):
    _, ds = pathloss_power
    pl = ds.path_loss.sel(model="UMi LoS")
    d3 = np.sqrt(ds.d_2d.values[:, None] ** 2 + 8.5**2)
    f_ghz = ds.frequency.values[None, :] / 1e9
    d_bp = 4 * 9.0 * 0.5 * ds.frequency.values[None, :] / 3e8  # TR 38.901 note 1: c = 3e8
    below = ds.d_2d.values[:, None] <= d_bp
    hand = 32.4 + 21 * np.log10(d3) + 20 * np.log10(f_ghz)
    np.testing.assert_allclose(pl.values[below], hand[below], atol=1e-9)
    # NLoS is never below LoS (NLoS = max(PL_LoS, PL'_NLoS)); loss grows with distance
    for s in ("UMi", "UMa"):
        assert np.all(ds.path_loss.sel(model=f"{s} NLoS") >= ds.path_loss.sel(model=f"{s} LoS"))
    assert np.all(np.diff(ds.path_loss.values, axis=1) > 0)
    assert ds.path_loss.attrs["units"] == "dB"


def test_pathloss_power_book_and_earth_published_values(pathloss_power):
    _, ds = pathloss_power
    # Massive MIMO Networks Sec. 5.4, value set 1, M = 100, K = tau_p = 10, ZF
    zf = ds.sel(scheme="zf", M=100)
    assert float(zf.p_tc) == pytest.approx(42.2, rel=1e-12)
    assert float(zf.p_ce) == pytest.approx(0.44, rel=1e-12)
    assert float(zf.p_sp_ul) == pytest.approx(6.3413e-2, rel=1e-4)
    assert float(ds.p_sp_ul.sel(scheme="mr", M=100)) == pytest.approx(9.333e-5, rel=1e-3)
    # S-MMSE processing (M^3 terms) overtakes ZF at large M
    assert float(ds.p_sp_ul.sel(scheme="s_mmse", M=200)) > float(ds.p_sp_ul.sel(scheme="zf", M=200))
    # EARTH (Auer et al. 2011) macro: 1344 W at full load, 450 W in sleep at zero load
    assert float(ds.p_earth.sel(bs_type="macro", load=1.0)) == pytest.approx(1344.0)
    assert float(ds.p_earth.sel(bs_type="macro", load=0.0)) == pytest.approx(450.0)


def test_pathloss_power_plot(pathloss_power):
    mod, ds = pathloss_power
    fig = mod.plot(ds)
    assert len(fig.axes) == 3
    assert fig.axes[0].get_ylabel() == "path loss [dB]"
