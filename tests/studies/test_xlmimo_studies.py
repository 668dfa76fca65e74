"""Quick modes of the XL-MIMO studies: each asserts the study's key numbers, then plots."""

from __future__ import annotations

import numpy as np
import pytest

from wirelesseff.registry import Headline, find_studies, load_study

XLMIMO_STUDIES = ("xlmimo-ee-surface", "xlmimo-ee-vs-antennas", "xlmimo-ee-vs-se",
                  "xlmimo-cp-breakdown", "xlmimo-near-field", "xlmimo-midband-scaling",
                  "xlmimo-rate-tightness", "xlmimo-midband-rate-tightness",
                  "xlmimo-fr3-power-breakdown", "xlmimo-baseband-efficiency",
                  "xlmimo-technology-comparison")


def _quick(name):
    study = load_study(name)
    ds = study.run(quick=True, seed=0)
    fig = study.plot(ds)
    assert fig is not None and len(fig.axes) > 0
    assert ds.attrs["study"] == name
    heads = study.headline(ds)
    assert heads and all(isinstance(h, Headline) and h.quantity for h in heads)
    import matplotlib.pyplot as plt

    plt.close(fig)
    return ds


def test_all_xlmimo_studies_registered_with_headlines():
    studies = find_studies()
    for name in XLMIMO_STUDIES:
        assert name in studies, name
    assert studies["xlmimo-ee-surface"].headline
    assert studies["xlmimo-ee-vs-antennas"].headline


def test_ee_surface_quick_matches_bjornson2015_fig3():
    ds = _quick("xlmimo-ee-surface")
    assert (ds.attrs["grid_opt_M"], ds.attrs["grid_opt_K"]) == (165, 104)
    assert ds.attrs["grid_opt_ee"] / 1e6 == pytest.approx(30.74, abs=0.01)
    assert (ds.attrs["algorithm_M"], ds.attrs["algorithm_K"]) == (165, 104)
    assert ds.attrs["algorithm_converged"] == 1 and ds.attrs["exhaustive_agrees"] == 1
    # single ridge: along M (at K = 104) and along K (at M = 165) the EE is unimodal
    for line in (ds.ee.sel(K=104).values, ds.ee.sel(M=165).values):
        d = np.sign(np.diff(line[np.isfinite(line)]))
        assert np.count_nonzero(d[1:] != d[:-1]) == 1
    assert np.isnan(ds.ee.where(ds.M <= ds.K)).all()
    assert float(ds.path_M[-1]) == 165 and float(ds.path_K[-1]) == 104


def test_ee_vs_antennas_quick_matches_bjornson2015_figs7_9():
    ds = _quick("xlmimo-ee-vs-antennas")
    assert (ds.attrs["opt_M_zf"], ds.attrs["opt_K_zf"]) == (165, 104)
    assert ds.attrs["opt_ee_zf"] / 1e6 == pytest.approx(30.74, abs=0.01)
    zf, imp = ds.ee_best_zf.values, ds.ee_best_zf_imperfect.values
    assert np.all(imp < zf)  # imperfect slightly below perfect
    top_m = ds.M.values >= 100
    assert np.all(imp[top_m] / zf[top_m] > 0.75)  # ... but close to it on the flat top
    # steep rise then flat top
    top = zf.max()
    assert ds.ee_best_zf.sel(M=20) < 0.6 * top
    assert ds.ee_best_zf.sel(M=220) > 0.95 * top
    # MRT far below ZF; RF power rising with M
    assert ds.attrs["opt_ee_mrt"] < 0.5 * ds.attrs["opt_ee_zf"]
    p = ds.p_tx_best_zf.values
    assert p[-1] > 3 * p[0] and np.all(np.diff(p[ds.M.values >= 50]) > 0)
    # Fig. 8/9 axes: powers within 1e-2..1e2 W, area throughput within 0..70 Gbit/s/km^2
    assert 1e-2 < ds.p_rad_per_antenna_zf.min() and ds.p_tx_best_zf.max() < 1e2 * 1.2
    assert 0 < ds.area_throughput_zf.max() / 1e9 < 75


def test_ee_vs_se_quick_matches_book_figs5_4_and_5_5():
    ds = _quick("xlmimo-ee-vs-se")
    step = float(ds.se[1] - ds.se[0])
    # the Lambert-W optima are the maxima of the plotted curves
    for var, star in (("ee_a", "se_star_a"), ("ee_b", "se_star_b")):
        argmax = ds[var].idxmax("se").values
        np.testing.assert_allclose(ds[star].values, argmax, atol=step)
    assert float(ds.se_star_a.sel(p_fixed=0.0)) == 0.0  # P_FIX = 0: optimum at SE -> 0
    # unimodal curves for P_FIX > 0
    for pf in (1.0, 10.0, 20.0):
        d = np.sign(np.diff(ds.ee_a.sel(p_fixed=pf).values))
        assert np.count_nonzero(d[1:] != d[:-1]) == 1
    assert np.all(np.diff(ds.se_star_b.values) > 0)
    m_opt = ds.attrs["opt_M_c"]
    assert ds.n_antennas_c.min() < m_opt < ds.n_antennas_c.max()  # finite argmax in (c)
    # (c) traces over M the maxima of the EE-SE curves of book Fig. 5.6 (P = P_FIX + M P_BS,
    # M in {2, 10, 100, 1000}): same model, evaluated here by a dense SE grid search
    se = np.arange(1e-4, 20.0, 1e-4)
    for m in (2, 10, 100, 1000):
        p_tx = (2.0**se - 1.0) / (m - 1) * 10 ** (-0.6)
        ee_max = np.max(100e3 * se / (p_tx / 0.4 + 10.0 + m * 1.0))
        ee_c = float(ds.ee_star_c.interp(n_antennas_c=m))  # (c) is on a fine log grid of M
        assert ee_c == pytest.approx(ee_max, rel=1e-3)


def test_cp_breakdown_quick_matches_book_figs5_9_to_5_11():
    ds = _quick("xlmimo-cp-breakdown")
    vs1 = ds.sel(value_set="vs1")
    # book oracles at M = 100, K = 10 (VS1): transceivers 42.2 W, ZF combining 6.3413e-2 W
    assert float(vs1.tc.sel(M=100, scheme="zf")) == pytest.approx(42.2)
    assert float(vs1.sp_ul.sel(M=100, scheme="zf")) == pytest.approx(6.3413e-2, rel=1e-4)
    # fixed + transceiver power dominate at small M
    small = vs1.sel(M=10)
    assert np.all(((small.fix + small.tc) / small.total).values > 0.9)
    # the MMSE combining terms (cubic in M) grow fastest
    growth = (vs1.sp_ul.sel(M=200) / vs1.sp_ul.sel(M=10)).to_series()
    assert growth[["s_mmse", "m_mmse"]].min() > growth[["mr", "zf", "rzf"]].max()
    assert np.all(ds.sel(value_set="vs2").total < vs1.total)


def test_near_field_quick():
    ds = _quick("xlmimo-near-field")
    xi = ds.xi_exact.isel(n_elements=-1)
    np.testing.assert_allclose(xi.values, 1 / 3, atol=5e-3)  # asymptote 1/3
    # at broadside the far-field gain is an upper bound (not at oblique angles, where parts of
    # the array are closer to the user)
    assert np.all(ds.xi_exact.sel(angle=0.0) <= ds.xi_farfield.sel(angle=0.0) * (1 + 1e-9))
    assert np.all(ds.xi_exact.isel(n_elements=-1) < 0.35)  # far-field grows without bound
    np.testing.assert_allclose(ds.xi_exact.isel(n_elements=0), ds.xi_farfield.isel(n_elements=0),
                               rtol=1e-6)
    g = ds.g_farfield_beam.sel(z_over_df=slice(0.05, None)).values
    assert np.all(np.diff(g) > 0) and g[-1] > 0.99
    # d_F ~ 1/f at a fixed element count and ~ f at a fixed aperture
    f = ds.frequency_d.values
    np.testing.assert_allclose(ds.d_f_64x64 * f, ds.d_f_64x64[0] * f[0], rtol=1e-12)
    np.testing.assert_allclose(ds.d_f_1m2 / f, ds.d_f_1m2[0] / f[0], rtol=1e-12)
    # near-field effects start at fewer elements for lower frequencies
    n_half = [float(ds.n_elements_c[np.argmax(ds.gain_ratio.sel(frequency=fr).values < 0.5)])
              for fr in ds.frequency.values]
    assert n_half[0] < n_half[1] < n_half[2]


def test_midband_scaling_quick_qualitative_reconstruction():
    ds = _quick("xlmimo-midband-scaling")
    assert ds.attrs["reconstruction"] == 1
    # every numeric variable and coordinate carries a non-empty unit ("1" if dimensionless)
    for name in list(ds.data_vars) + list(ds.coords):
        if np.issubdtype(ds[name].dtype, np.number):
            assert ds[name].attrs.get("units"), name
    assert ds.n_antennas_aperture.attrs["units"] == "1"
    assert ds.n_side.attrs["units"] == ds.n_rf.attrs["units"] == "1"
    m = ds.n_side.values**2
    for f in ds.frequency.values:
        peaks = {}
        for arch in ("digital", "hybrid_sub"):
            ee = ds.ee_count.sel(architecture=arch, frequency=f).values
            ok = np.isfinite(ee)
            d = np.sign(np.diff(ee[ok]))
            assert np.count_nonzero(d[1:] != d[:-1]) <= 1  # unimodal in M
            peaks[arch] = m[ok][np.argmax(ee[ok])]
        assert peaks["hybrid_sub"] > peaks["digital"]
    # digital EE falls with f at a fixed aperture
    dig = ds.ee_aperture.sel(architecture="digital")
    assert np.all(dig.diff("frequency") < 0)
    # (b) PA-dominated with few RF chains, processing-dominated with many
    terms = ("pa", "rf_chain", "phase_shifter", "lo", "baseband", "fixed", "rate")
    first = {t: float(ds[f"bd_{t}"].isel(n_rf=0)) for t in terms}
    last = {t: float(ds[f"bd_{t}"].isel(n_rf=-1)) for t in terms}
    assert max(first, key=first.get) == "pa"
    assert max(last, key=last.get) == "baseband"
    # (c) far-field analog beams never help; sub-arrays are in their far field
    r = ds.ee_ratio
    assert np.all(r.sel(analog_beam="farfield") <= r.sel(analog_beam="focused") * (1 + 1e-12))
    np.testing.assert_allclose(r.sel(architecture_c="hybrid_sub", analog_beam="farfield"),
                               r.sel(architecture_c="hybrid_sub", analog_beam="focused"),
                               rtol=1e-3)


def test_rate_tightness_quick():
    ds = _quick("xlmimo-rate-tightness")
    # closed form below Monte-Carlo
    assert np.all(ds.gap >= -3 * ds.se_mc_stderr)
    # gap non-increasing in M (within the Monte-Carlo error)
    gaps, errs = ds.gap.values, ds.se_mc_stderr.values
    tol = 3 * np.hypot(errs[1:], errs[:-1])
    assert np.all(np.diff(gaps, axis=0) <= tol)
    # ZF with perfect CSI: the gap vanishes quickly with M (channel hardening)
    zf = ds.gap.sel(scheme="zf", csi="perfect")
    assert np.all(zf.sel(M=256) < zf.sel(M=16))


def test_midband_rate_tightness_quick_reports_the_gap_of_the_closed_form():
    ds = _quick("xlmimo-midband-rate-tightness")
    assert ds.attrs["reconstruction"] == 1
    for name in list(ds.data_vars) + list(ds.coords):
        if np.issubdtype(ds[name].dtype, np.number):
            assert ds[name].attrs.get("units"), name
    assert np.all(np.isfinite(ds.gap))
    mc = ds.se_mc
    # MMSE is the best linear receiver on the same drops
    assert np.all(mc.sel(receiver="mmse") >= mc.sel(receiver="zf") - 1e-9)
    assert np.all(mc.sel(receiver="mmse") >= mc.sel(receiver="mr") - 1e-9)
    # the ZF closed form (Rayleigh) is optimistic for line-of-sight users on a ring and its gap
    # shrinks as the array resolves them (largest array vs smallest)
    zf = ds.gap.sel(receiver="zf")
    assert np.all(zf < 0)
    assert np.all(np.abs(zf.isel(n_side=-1)) < np.abs(zf.isel(n_side=0)))


def _units_everywhere(ds):
    for name in list(ds.data_vars) + list(ds.coords):
        if np.issubdtype(ds[name].dtype, np.number):
            assert ds[name].attrs.get("units"), name


def test_fr3_power_breakdown_quick_states_each_abstract_target():
    ds = _quick("xlmimo-fr3-power-breakdown")
    _units_everywhere(ds)
    study = load_study("xlmimo-fr3-power-breakdown")
    heads = {h.quantity: h for h in study.headline(ds)}
    assert len(heads) == 5 and all(h.published is not None for h in heads.values())
    l0 = ds.attrs["l_bb_default"]
    s = ds.sel(l_bb=l0)
    # target 1 holds: the PAs are the largest term up to 64 RF chains
    for n in (16, 32, 64):
        pa = float(s.pa_hybrid.sel(n_rf=n))
        assert pa > float(s.digital_hybrid.sel(n_rf=n) + s.analog_hybrid.sel(n_rf=n))
    # processing grows with the RF chains, the PAs do not
    assert np.all(np.diff(s.processing_over_pa_hybrid.values) > 0)
    # the digital ratio falls with L_BB and passes through the abstract's band 2..4 between the
    # 2015-era and the book's value-set-2 efficiencies
    r = ds.processing_over_pa_digital
    assert np.all(np.diff(r.values) < 0)
    assert float(r.sel(l_bb=12.8e9)) > 4.0 > 2.0 > float(r.sel(l_bb=750e9))
    # the hybrid array is more efficient than the fully digital one at its best N_RF
    assert np.all(ds.ee_ratio.max("n_rf") > 1.0)


def test_baseband_efficiency_quick_m_opt_grows_with_baseband_efficiency():
    ds = _quick("xlmimo-baseband-efficiency")
    _units_everywhere(ds)
    m_dig = ds.m_opt.sel(architecture="digital").values
    assert np.all(np.diff(m_dig) >= 0)  # cheaper processing never shrinks the digital array
    assert m_dig[-1] > m_dig[0]
    share = ds.baseband_share_opt.sel(architecture="digital").values
    assert share[0] > 0.4 and share[-1] < 0.1
    assert np.all(np.diff(ds.ee_opt.values, axis=-1) >= -1e-6 * ds.ee_opt.values[..., 1:])


def test_technology_comparison_quick_shows_where_the_claim_holds():
    ds = _quick("xlmimo-technology-comparison")
    _units_everywhere(ds)
    # one model: the best EE equals the top of the EE-rate curve (grid resolution)
    for t in ds.technology.values:
        curve = float(ds.ee_at_rate.sel(technology=t).max())
        best = float(ds.ee_best.sel(technology_b=t, l_bb=ds.attrs["default_l_bb"]))
        assert curve <= best * (1 + 1e-9) and curve > 0.8 * best
    r = ds.midband_over_best_other
    assert 0.0 < float((r > 1).mean()) < 1.0  # holds on part of the map only
    # a better digital efficiency or PA never hurts the mid-band array relative to the others
    assert np.all(np.diff(r.values, axis=1) >= -1e-9)
