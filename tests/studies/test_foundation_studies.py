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


@pytest.fixture(scope="module")
def ee_dinkelbach():
    mod = load_study("foundation-ee-dinkelbach")
    return mod, mod.run(quick=True)


def test_ee_dinkelbach_matches_fine_grid_search(ee_dinkelbach):
    mod, ds = ee_dinkelbach
    assert (ds.status == "optimal").all()
    for m, vs in ((1, "vs1"), (64, "vs2")):
        fine = mod.point(m, vs, n_curve=200_001)["ee_curve"]
        best = float(fine.max())
        # Dinkelbach reaches the grid optimum (grid step 1e-4 decades) and never exceeds the
        # true optimum by more than the solver tolerance
        assert float(ds.ee_opt.sel(M=m, value_set=vs)) == pytest.approx(best, rel=1e-7)
        p_best = float(fine.p_tx[int(np.argmax(fine.values))])
        assert float(ds.p_opt.sel(M=m, value_set=vs)) == pytest.approx(p_best, rel=2e-3)


def test_ee_dinkelbach_properties(ee_dinkelbach):
    _, ds = ee_dinkelbach
    hist = ds.lambda_history.values
    steps = np.diff(hist, axis=-1)
    assert np.all(steps[np.isfinite(steps)] >= -1e-9 * np.nanmax(hist))  # lambda non-decreasing
    assert int(ds.iterations.max()) <= 10  # superlinear convergence
    # value set 2 (lower circuit power) is more energy efficient for every M
    assert np.all(ds.ee_opt.sel(value_set="vs2") > ds.ee_opt.sel(value_set="vs1"))
    # EE rises then falls in M: the fixed and per-antenna circuit power trade off array gain
    ee = ds.ee_opt.sel(value_set="vs1").values
    k = int(np.argmax(ee))
    assert 0 < k < ee.size - 1
    # every Dinkelbach optimum is the maximum of its own EE curve
    assert np.all(ds.ee_opt >= ds.ee_curve.max("p_tx") * (1 - 1e-9))


@pytest.fixture(scope="module")
def min_power_bf():
    mod = load_study("foundation-min-power-bf")
    return mod, mod.run(quick=True)


def test_min_power_bf_socp_equals_fixed_point(min_power_bf):
    _, ds = min_power_bf
    assert (ds.status_socp == ds.status_fp).all()
    ok = ds.status_socp == "optimal"
    rel = np.abs(ds.power_socp / ds.power_fp - 1).where(ok)
    assert float(rel.max()) < 1e-6


def test_min_power_bf_feasibility_and_monotonicity(min_power_bf):
    mod, ds = min_power_bf
    # K <= M: always feasible (zero-forcing directions exist); K = 10 > M = 8: infeasible at
    # 10 dB and above (needs sum of gamma/(1+gamma) <= M, i.e. K*10/11 = 9.1 > 8)
    assert float(ds.feasible_fraction.sel(n_users=[4, 8]).min()) == 1.0
    assert float(ds.feasible_fraction.sel(n_users=10, gamma_db=[10.0, 20.0, 30.0]).max()) == 0.0
    assert set(np.unique(ds.status_socp.sel(n_users=10, gamma_db=30.0).values)) == {"infeasible"}
    # the minimum power increases with the target and with the number of users
    p = ds.power_socp.sel(n_users=4).values  # (gamma, draw)
    assert np.all(np.diff(p, axis=0) > 0)
    med = ds.power_median_dbm.sel(gamma_db=0.0).values
    assert np.all(np.diff(med) > 0)
    assert (ds.error == "").all()
    mod.plot(ds)


def test_foundation_headlines_read_the_dataset(pathloss_power, ee_dinkelbach, min_power_bf):
    mod, ds = pathloss_power
    rows = {h.quantity: h for h in mod.headline(ds)}
    full = rows["EARTH macro BS input power at full load"]
    assert full.value == pytest.approx(1344.0) and full.published == 1344.0
    assert rows["EARTH macro BS input power in sleep (zero load)"].value == pytest.approx(450.0)
    mod, ds = ee_dinkelbach
    ee = [h for h in mod.headline(ds) if h.units == "Mbit/J"]
    assert [h.value for h in ee] == pytest.approx(
        [float(ds.ee_opt.sel(value_set=v).max()) / 1e6 for v in ("vs1", "vs2")], abs=1e-3)
    mod, ds = min_power_bf
    gap, infeasible = mod.headline(ds)
    assert gap.value < 1e-6
    assert infeasible.value == infeasible.published == 0.0


@pytest.mark.parametrize("name", ["foundation-pathloss-power", "foundation-ee-dinkelbach",
                                  "foundation-min-power-bf"])
def test_foundation_legends_are_words(name, request):
    fixture = {"foundation-pathloss-power": "pathloss_power",
               "foundation-ee-dinkelbach": "ee_dinkelbach",
               "foundation-min-power-bf": "min_power_bf"}[name]
    mod, ds = request.getfixturevalue(fixture)
    fig = mod.plot(ds)
    labels = [t.get_text() for ax in fig.axes if ax.get_legend()
              for t in ax.get_legend().get_texts()]
    assert labels
    assert not any("_" in label for label in labels), labels  # no code names (vs1, n_users)
