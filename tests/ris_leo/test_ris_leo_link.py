"""Tests of the LEO uplink (P7 of docs/ris_leo.md, 'The LEO uplink') and of ee_along_pass."""

from __future__ import annotations

import json

import numpy as np
import pytest

from wirelesseff.channel.ntn import (
    elevation_track,
    nadir_angle,
    orbital_period,
    slant_range,
    visibility_duration,
)
from wirelesseff.io import load_dataset, save_dataset
from wirelesseff.ris_leo import (
    CONFIGS,
    LeoLinkParams,
    LinkAntennas,
    RISPowerModel,
    capture_fraction,
    double_ris_path_loss,
    ee_along_pass,
    link_path_gain,
    link_snr,
    long_hop_gain,
    quantization_loss,
    required_uplink_power,
    ris_powers,
    tang_path_loss,
)

CONT = LeoLinkParams(bits=(None, None))


def db(x):
    return 10 * np.log10(x)


def test_params_defaults_sources_and_derived_values():
    p = LeoLinkParams()
    assert (p.altitude, p.frequency, p.bandwidth) == (550e3, 20e9, 10e6)
    assert p.element_spacing == pytest.approx(p.wavelength / 2)
    assert p.n_u == 33**2 and p.n_s == 33**2
    assert (p.ut_gain, p.feed_s_gain, p.element_gain_value) == (4.0, 6.0, 8.0)
    assert p.noise_power == pytest.approx(1.380649e-23 * 290 * 10e6 * 10**0.12)
    prov = p.provenance()
    assert prov["parameters"]["ris_u_side"] == 0.25
    assert "Tang" in prov["sources"]["element_q"]
    json.dumps(prov)  # JSON-able
    assert p.replace(frequency=2e9).n_u == 9  # 0.25 m at 7.5 cm spacing: 3 x 3


def test_no_ris_is_friis():
    el = np.deg2rad([20.0, 50.0, 90.0])
    d = slant_range(el, 550e3)
    lam = CONT.wavelength
    np.testing.assert_allclose(link_path_gain("no_ris", el, CONT).path_gain,
                               4 * 1000 * (lam / (4 * np.pi * d)) ** 2, rtol=1e-12)


def test_savings_add_in_db_double_times_direct_equals_user_times_sat():
    el = np.deg2rad(np.linspace(10, 90, 9))
    g = {c: link_path_gain(c, el, LeoLinkParams()).path_gain for c in CONFIGS}
    np.testing.assert_allclose(g["double"] * g["no_ris"], g["ris_user"] * g["ris_sat"],
                               rtol=1e-12)


def test_double_config_equals_the_p6_element_sum():
    # P7 double = P6 with UT on RIS_u's axis, feed on RIS_s's axis and the long hop between
    p = CONT
    el = np.deg2rad(60.0)
    lg = link_path_gain("double", el, p)
    th_u = np.pi / 2 - el
    th_s = float(np.arcsin(6371e3 * np.cos(el) / (6371e3 + 550e3)))
    d = slant_range(el, 550e3)
    pl = double_ris_path_loss(p.d_u, d, p.d_s, 33, 33, p.frequency, theta_t=0.0,
                              theta_12_1=th_u, theta_12_2=th_s, theta_r=0.0,
                              antennas=LinkAntennas(tx_gain=p.ut_gain, tx_q=p.ut_q,
                                                    rx_gain=p.feed_s_gain, rx_q=p.feed_s_q))
    assert lg.path_gain == pytest.approx(1 / pl, rel=1e-12)


def test_ris_user_config_equals_tang_p1_with_the_satellite_far_away():
    p = CONT
    el = np.deg2rad(45.0)
    d = slant_range(el, 550e3)
    pl = tang_path_loss(p.d_u, d, 33, 33, p.frequency, theta_t=0.0, theta_r=np.pi / 2 - el,
                        antennas=LinkAntennas(tx_gain=p.ut_gain, tx_q=p.ut_q,
                                              rx_gain=p.sat_gain, rx_q=0.0))
    assert link_path_gain("ris_user", el, p).path_gain == pytest.approx(1 / pl, rel=1e-5)


def test_aperture_cross_check_agrees_with_tang_within_the_8_over_pi_factor():
    # per surface, Tang's G = 8 exceeds the flat-plate gain by 8/pi (4.06 dB; docs/ris_leo.md,
    # Pitfalls); the near-field illumination taper takes back part of it, so
    # 0 < Tang/aperture < 8/pi
    p = CONT.replace(ris_u_orientation="tracking", ris_s_orientation="tracking")
    el = np.pi / 2
    r = {cfg: db(link_path_gain(cfg, el, p).path_gain
                 / link_path_gain(cfg, el, p, model="aperture").path_gain)
         for cfg in ("ris_user", "ris_sat", "double")}
    for cfg in ("ris_user", "ris_sat"):
        assert 0.0 < r[cfg] < db(8 / np.pi)
    assert r["double"] == pytest.approx(r["ris_user"] + r["ris_sat"], abs=1e-9)
    # the aperture saving is kappa_u kappa_s G_RISu G_RISs / (G_ut G_sat)
    lam = p.wavelength
    area = (33 * lam / 2) ** 2
    g_ris = 4 * np.pi * area / lam**2
    ku = capture_fraction(p.d_u, 0.25, lam / 2, p.ut_q, 1.0, feed_gain=p.ut_gain)
    ks = capture_fraction(p.d_s, 0.25, lam / 2, p.feed_s_q, 1.0, feed_gain=p.feed_s_gain)
    saving = (link_path_gain("double", el, p, model="aperture").path_gain
              / link_path_gain("no_ris", el, p).path_gain)
    assert saving == pytest.approx(ku * ks * g_ris**2 / (p.ut_gain * p.sat_gain), rel=1e-9)


def test_far_feed_regime_scales_as_n_squared_per_surface():
    # with the feeds far from small surfaces, Q ~ N / d, so PG_ris_user ~ N_u^2, PG_double ~ N^4
    base = CONT.replace(d_u=50.0, d_s=50.0, ris_u_orientation="tracking",
                        ris_s_orientation="tracking")
    sides = np.array([0.03, 0.06, 0.12])
    pu = [link_path_gain("ris_user", np.pi / 2, base.replace(ris_u_side=s)).path_gain
          for s in sides]
    pd = [link_path_gain("double", np.pi / 2, base.replace(ris_u_side=s, ris_s_side=s)).path_gain
          for s in sides]
    n = np.array([base.replace(ris_u_side=s).n_u for s in sides], float)
    np.testing.assert_allclose(np.diff(db(pu)), 20 * np.log10(n[1:] / n[:-1]), atol=0.01)
    np.testing.assert_allclose(np.diff(db(pd)), 40 * np.log10(n[1:] / n[:-1]), atol=0.02)


def test_expected_bits_model_applies_eta_per_surface():
    el = np.deg2rad(70.0)
    for bits in [(1, 1), (1, 3), (2, None)]:
        p = LeoLinkParams(bits=bits)
        eta_u = quantization_loss(bits[0]) if bits[0] else 1.0
        eta_s = quantization_loss(bits[1]) if bits[1] else 1.0
        ratio = {c: link_path_gain(c, el, p).path_gain / link_path_gain(c, el, CONT).path_gain
                 for c in CONFIGS}
        assert ratio["no_ris"] == 1.0
        assert ratio["ris_user"] == pytest.approx(eta_u)
        assert ratio["ris_sat"] == pytest.approx(eta_s)
        assert ratio["double"] == pytest.approx(eta_u * eta_s)


@pytest.mark.parametrize("bits", [1, 2, 3])
def test_exact_bits_model_is_close_to_the_expected_loss(bits):
    el = np.deg2rad([40.0, 75.0])
    exact = link_path_gain("double", el, LeoLinkParams(bits=(bits, bits), bits_model="exact"))
    cont = link_path_gain("double", el, CONT)
    ratio = exact.path_gain / cont.path_gain
    np.testing.assert_allclose(ratio, quantization_loss(bits) ** 2, rtol=0.15)
    assert np.all(ratio <= 1.0)


def test_required_power_inverts_the_snr():
    p = LeoLinkParams(target_rate=2.5)
    el = np.deg2rad([15.0, 55.0, 90.0])
    for cfg in CONFIGS:
        pt = required_uplink_power(cfg, el, p)
        np.testing.assert_allclose(link_snr(cfg, el, pt, p), 2**2.5 - 1, rtol=1e-10)


def test_active_ris_snr_and_power():
    p = LeoLinkParams(active_ris_u=True, ris_u_side=0.05)
    el = np.pi / 2
    passive = link_snr("ris_user", el, 1.0, p.replace(active_ris_u=False))
    active = link_snr("ris_user", el, 1.0, p)
    assert 1 < active / passive <= p.active_power.gain
    lg = link_path_gain("ris_user", el, p)
    a2, sv2 = p.active_power.gain, float(p.active_power.amplifier_noise(p.bandwidth))
    assert active == pytest.approx(a2 * lg.path_gain / (a2 * sv2 * lg.noise_gain
                                                         + p.noise_power))
    pt = required_uplink_power("ris_user", el, p)
    assert link_snr("ris_user", el, pt, p) == pytest.approx(2**p.target_rate - 1)
    p_u, p_s = ris_powers("ris_user", p, pt)
    n = p.n_u
    per = p.active_power.element_power()
    out = a2 * (pt * lg.capture + n * sv2)
    assert p_u == pytest.approx(n * per + out / 0.8) and p_s == 0.0


def test_noise_gain_is_the_incoherent_sum_of_element_gains():
    # g_v = sum_n |t_n|^2 with |t_n|^2 = G_sat G F (lambda / 4 pi d)^2 for ris_user
    p = CONT
    el = np.deg2rad(80.0)
    d = slant_range(el, 550e3)
    f_u = np.cos(np.pi / 2 - el) ** 3
    t2 = p.sat_gain * 8.0 * f_u * (p.wavelength / (4 * np.pi * d)) ** 2
    assert link_path_gain("ris_user", el, p).noise_gain == pytest.approx(p.n_u * t2, rel=1e-12)
    assert link_path_gain("ris_sat", el, p).noise_gain == 0.0


# --- ee_along_pass -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pass_ds():
    return ee_along_pass(n_time=61)


def test_ee_along_pass_dims_coords_and_units(pass_ds):
    ds = pass_ds
    assert ds.required_power.dims == ("config", "time")
    assert list(ds.config.values) == list(CONFIGS)
    assert ds.time.attrs["units"] == "s" and ds.elevation.dims == ("time",)
    for name, unit in [("required_power", "W"), ("required_power_dbm", "dBm"),
                       ("energy_efficiency", "bit/J"), ("total_power", "W"), ("rate", "bit/s"),
                       ("slant_range", "m"), ("doppler_shift", "Hz"), ("path_gain", "1")]:
        assert ds[name].attrs["units"] == unit
        assert ds[name].attrs["long_name"]
    assert ds.attrs["reconstruction"] == 1
    assert "Tang" in json.loads(ds.attrs["parameters"])["sources"]["element_q"]


def test_ee_along_pass_no_ris_power_is_minimal_at_zenith_and_symmetric(pass_ds):
    p = pass_ds.required_power.sel(config="no_ris").values
    assert int(np.argmin(p)) == 30 and pass_ds.time.values[30] == pytest.approx(0.0, abs=1e-9)
    np.testing.assert_allclose(p, p[::-1], rtol=1e-9)
    # free-space swing 20 log10(d(theta_min)/h)
    swing = db(p.max() / p.min())
    assert swing == pytest.approx(20 * np.log10(slant_range(np.deg2rad(10), 550e3) / 550e3),
                                  abs=1e-6)


def test_ee_along_pass_u_shape_and_double_lowest(pass_ds):
    dbm = pass_ds.required_power_dbm
    for cfg in CONFIGS:
        v = dbm.sel(config=cfg).values
        i = int(np.argmin(v))
        assert i == 30
        assert np.all(np.diff(v[: i + 1]) <= 1e-9) and np.all(np.diff(v[i:]) >= -1e-9)
    zen = dbm.isel(time=30)
    assert zen.sel(config="double") < zen.sel(config="ris_user") < zen.sel(config="no_ris")


def test_ee_along_pass_doppler_is_signed_and_zero_at_zenith(pass_ds):
    fd = pass_ds.doppler_shift.values
    assert np.all(fd[:30] > 0) and np.all(fd[31:] < 0) and fd[30] == pytest.approx(0, abs=1e-3)


def test_ee_along_pass_energy_accounting(pass_ds):
    ds = pass_ds
    p = LeoLinkParams()
    tot = ds.required_power / p.pa_efficiency + p.static_power + ds.ris_power
    np.testing.assert_allclose(ds.total_power, tot, rtol=1e-12)
    np.testing.assert_allclose(ds.energy_efficiency, ds.rate / ds.total_power, rtol=1e-12)
    assert float(ds.ris_power.sel(config="no_ris").max()) == 0.0
    assert float(ds.ris_power.sel(config="double").max()) == pytest.approx(2 * 1089 * 0.5e-3)


def test_ee_along_pass_side_and_bits_dimensions():
    p = LeoLinkParams(ris_u_side=np.array([0.1, 0.25]), bits=np.array([1.0, 2.0, np.inf]))
    ds = ee_along_pass(p, n_time=11, configs=("ris_user", "double"))
    assert ds.required_power.dims == ("config", "time", "ris_u_side", "bits")
    r = ds.path_gain.sel(config="ris_user")
    np.testing.assert_allclose(r.sel(bits=1.0) / r.sel(bits=np.inf), quantization_loss(1))
    d = ds.path_gain.sel(config="double")
    np.testing.assert_allclose(d.sel(bits=2.0) / d.sel(bits=np.inf), quantization_loss(2) ** 2)
    assert np.all(ds.required_power.sel(ris_u_side=0.25) < ds.required_power.sel(ris_u_side=0.1))


def test_ee_along_pass_power_cap_marks_infeasible_points():
    p = LeoLinkParams(p_max=1.0)  # 30 dBm: the direct link needs ~34.5 dBm even at zenith
    ds = ee_along_pass(p, n_time=21)
    assert not bool(ds.feasible.sel(config="no_ris").any())
    assert bool(ds.feasible.sel(config="double").isel(time=10))  # zenith
    assert not bool(ds.feasible.sel(config="double").isel(time=0))  # 10 deg, fixed RIS_u
    assert float(ds.energy_efficiency.sel(config="no_ris").max()) == 0.0
    assert float(ds.rate.sel(config="no_ris").max()) == 0.0


def test_ee_along_pass_tr38811_and_fading_add_loss():
    los = ee_along_pass(n_time=21, configs=("no_ris",))
    tr = ee_along_pass(n_time=21, configs=("no_ris",), channel="tr38811_mean")
    extra = db(tr.required_power / los.required_power).values[0]
    assert extra[0] > extra[10]  # more loss at low elevation
    fad = ee_along_pass(n_time=21, configs=("no_ris",), fading="average", outage=0.01)
    margin = db(fad.required_power / los.required_power).values[0]
    np.testing.assert_allclose(margin, -db(long_hop_gain(np.pi / 2, LeoLinkParams(),
                                                         fading="average", outage=0.01)))
    assert margin[0] > 5.0


def test_ee_along_pass_random_channel_is_reproducible():
    a = ee_along_pass(n_time=15, configs=("double",), channel="tr38811_random", rng=4)
    b = ee_along_pass(n_time=15, configs=("double",), channel="tr38811_random", rng=4)
    np.testing.assert_array_equal(a.required_power, b.required_power)
    with pytest.raises(ValueError, match="rng"):
        ee_along_pass(n_time=15, channel="tr38811_random")


def test_ee_along_pass_roundtrips_through_netcdf(tmp_path, pass_ds):
    path = save_dataset(pass_ds, tmp_path / "pass.nc")
    back = load_dataset(path)
    np.testing.assert_allclose(back.required_power, pass_ds.required_power)
    assert back.attrs["reconstruction"] == 1


# --- bad input --------------------------------------------------------------------------------


def test_rejects_bad_link_input():
    with pytest.raises(ValueError, match="config"):
        link_path_gain("triple", 0.5)
    with pytest.raises(ValueError, match="model"):
        link_path_gain("double", 0.5, model="ray")
    with pytest.raises(ValueError, match="elevation"):
        link_path_gain("double", -0.5)
    with pytest.raises(ValueError, match="bits_model"):
        LeoLinkParams(bits_model="mean")
    with pytest.raises(ValueError, match="bits"):
        LeoLinkParams(bits=(0, 1))
    with pytest.raises(ValueError, match="pa_efficiency"):
        LeoLinkParams(pa_efficiency=0.0)
    with pytest.raises(ValueError, match="ris_u_orientation"):
        LeoLinkParams(ris_u_orientation="spinning")
    with pytest.raises(ValueError, match="configs"):
        ee_along_pass(configs=("no_ris", "relay"))
    with pytest.raises(ValueError, match="fading"):
        ee_along_pass(fading="rayleigh")
    with pytest.raises(ValueError, match="outage"):
        ee_along_pass(fading="light", outage=1.5)


# --- review fixes -------------------------------------------------------------------------------


def test_ee_along_pass_beyond_the_window_reports_true_geometry_and_no_service():
    # regression: elevations below min_elevation were clipped to 10 deg, with a finite power and
    # a positive rate/EE for a satellite that is below 10 deg (or below the horizon)
    p = LeoLinkParams()
    tv = float(visibility_duration(p.altitude, np.deg2rad(10.0)))
    period = float(orbital_period(p.altitude))
    t = np.array([-tv / 2 - 60.0, -tv / 2, 0.0, tv / 2, tv / 2 + 60.0, period / 4])
    ds = ee_along_pass(p, t=t)
    el_true = elevation_track(t, p.altitude)
    np.testing.assert_allclose(ds.elevation, el_true, rtol=0, atol=0)
    assert ds.visible.values.tolist() == [False, True, True, True, False, False]
    assert ds.visible.attrs["units"] == "1"
    assert 0 < float(ds.elevation_deg[0]) < 10 and float(ds.elevation_deg[5]) < 0
    # true slant range and Doppler of the track (not those of 10 deg)
    d10 = slant_range(np.deg2rad(10.0), p.altitude)
    assert float(ds.slant_range[0]) > d10 and float(ds.slant_range[5]) > float(ds.slant_range[0])
    np.testing.assert_allclose(ds.slant_range[:5], slant_range(el_true[:5], p.altitude),
                               rtol=1e-12)
    assert float(ds.doppler_shift[0]) > 0 > float(ds.doppler_shift[4])
    off = ~ds.visible.values
    for cfg in CONFIGS:
        s = ds.sel(config=cfg)
        assert np.all(np.isposinf(s.required_power.values[off]))
        assert np.all(np.isposinf(s.required_power_dbm.values[off]))
        assert np.all(np.isposinf(s.total_power.values[off]))
        assert np.all(s.rate.values[off] == 0) and np.all(s.energy_efficiency.values[off] == 0)
        assert np.all(np.isfinite(s.required_power.values[~off]))
        assert np.all(s.energy_efficiency.values[~off] > 0)
        # path gain: the true value above the horizon, NaN below it
        np.testing.assert_allclose(s.path_gain.values[:5],
                                   link_path_gain(cfg, el_true[:5], p).path_gain, rtol=1e-12)
        assert np.isnan(s.path_gain.values[5])
    np.testing.assert_array_equal(ds.long_hop_gain.values[:5], 1.0)
    assert np.isnan(ds.long_hop_gain.values[5])
    # the default grid is unchanged and entirely served
    dflt = ee_along_pass(n_time=21)
    np.testing.assert_allclose(dflt.time, np.linspace(-tv / 2, tv / 2, 21), rtol=1e-15)
    assert bool(dflt.visible.all())


def test_ee_along_pass_beyond_the_window_with_tr38811_and_power_cap():
    p = LeoLinkParams(p_max=10.0)
    tv = float(visibility_duration(p.altitude, np.deg2rad(20.0)))
    t = np.array([0.0, tv / 2 + 30.0, 400.0])  # served, between 10 and 20 deg, below 10 deg
    ds = ee_along_pass(p, t=t, min_elevation=np.deg2rad(20.0), channel="tr38811_mean",
                       configs=("double",))
    assert 10 < float(ds.elevation_deg[1]) < 20 and float(ds.elevation_deg[2]) < 10
    assert ds.visible.values.tolist() == [True, False, False]
    chi = ds.long_hop_gain.values
    assert np.isfinite(chi[1]) and np.isnan(chi[2])  # TR 38.811 tables undefined below 10 deg
    assert ds.feasible.values.ravel().tolist() == [True, False, False]
    assert float(ds.rate[0, 2]) == 0.0 and np.isposinf(float(ds.required_power[0, 2]))


def test_ee_along_pass_roundtrips_visible_through_netcdf(tmp_path):
    ds = ee_along_pass(t=[0.0, 400.0], configs=("no_ris",))
    back = load_dataset(save_dataset(ds, tmp_path / "vis.nc"))
    assert back.visible.values.tolist() == [True, False]
    assert np.isposinf(back.required_power_dbm.values[0, 1])


def test_tang_is_below_the_aperture_model_off_zenith_by_the_cos2_factor():
    # docs: Tang/aperture lies in (1, 8/pi) per surface only at zenith. Off zenith the fixed
    # surfaces enter Tang's model with cos^3 and the aperture model with cos, so the ratio falls
    # by cos^2 per surface (exact: Q and kappa do not depend on the elevation).
    p = LeoLinkParams()
    el30, zen = np.deg2rad(30.0), np.pi / 2
    th_u = np.pi / 2 - el30
    th_s = float(nadir_angle(el30, p.altitude))

    def ratio_db(cfg, el):
        return db(link_path_gain(cfg, el, p).path_gain
                  / link_path_gain(cfg, el, p, model="aperture").path_gain)

    cos2 = {"ris_user": np.cos(th_u) ** 2, "ris_sat": np.cos(th_s) ** 2}
    cos2["double"] = cos2["ris_user"] * cos2["ris_sat"]
    bound = db(8 / np.pi)
    for cfg, c2 in cos2.items():
        n_surf = 2 if cfg == "double" else 1
        r90, r30 = ratio_db(cfg, zen), ratio_db(cfg, el30)
        assert 0 < r90 < n_surf * bound  # zenith: between 1 and (8/pi)^n
        assert r30 == pytest.approx(r90 + db(c2), abs=1e-9)  # the cos^2 factor, within 1e-9 dB
        assert r30 < n_surf * bound + db(c2) < 0  # so Tang is BELOW the aperture model at 30 deg
    assert ratio_db("ris_sat", el30) > ratio_db("ris_user", el30) > ratio_db("double", el30)


@pytest.mark.parametrize("bits_model", ["expected", "exact"])
def test_active_double_noise_gain_carries_the_ris_s_quantisation(bits_model):
    # regression: g_v of the active RIS_u used continuous phases although its amplifier noise is
    # reflected by the quantised RIS_s in the double configuration
    el = np.deg2rad([50.0, 90.0])
    base = LeoLinkParams(active_ris_u=True, bits_model=bits_model)
    g = {b: link_path_gain("double", el, base.replace(bits=b)) for b in
         [(None, None), (1, None), (None, 1), (1, 1)]}
    cont = g[(None, None)].noise_gain
    # RIS_s's loss: eta(1) in expectation, or the exact quantised PG ratio of RIS_s alone
    s_loss = g[(None, 1)].path_gain / g[(None, None)].path_gain
    if bits_model == "expected":
        np.testing.assert_allclose(s_loss, quantization_loss(1), rtol=1e-12)
    np.testing.assert_allclose(g[(None, 1)].noise_gain, cont * s_loss, rtol=1e-12)
    np.testing.assert_allclose(g[(1, 1)].noise_gain, cont * s_loss, rtol=1e-12)
    # RIS_u's own phases do not matter for its incoherent amplifier noise
    np.testing.assert_allclose(g[(1, None)].noise_gain, cont, rtol=1e-12)
    ru = link_path_gain("ris_user", el, base.replace(bits=(1, 1))).noise_gain
    np.testing.assert_allclose(ru, link_path_gain("ris_user", el, base.replace(
        bits=(None, None))).noise_gain, rtol=1e-12)
    # and the active SNR uses it
    p = base.replace(bits=(1, 1))
    a2, sv2 = p.active_power.gain, float(p.active_power.amplifier_noise(p.bandwidth))
    lg = g[(1, 1)]
    np.testing.assert_allclose(link_snr("double", el, 1.0, p),
                               a2 * lg.path_gain / (a2 * sv2 * cont * s_loss + p.noise_power),
                               rtol=1e-12)


def test_leo_link_params_accept_a_single_resolution_for_both_surfaces():
    assert LeoLinkParams(bits=1).bits == (1, 1)
    assert LeoLinkParams(bits=np.inf).bits == (np.inf, np.inf)
    assert LeoLinkParams(bits=None).bits == (None, None)
    assert LeoLinkParams(bits=np.array(2)).bits == (2, 2)
    assert LeoLinkParams(bits=[1, 3]).bits == (1, 3)
    el = np.deg2rad(70.0)
    assert link_path_gain("double", el, LeoLinkParams(bits=2)).path_gain == link_path_gain(
        "double", el, LeoLinkParams(bits=(2, 2))).path_gain
    ds = ee_along_pass(LeoLinkParams(bits=2), n_time=5)
    assert ds.required_power.dims == ("config", "time")


@pytest.mark.parametrize("field,value,match", [
    ("sat_gain_db", np.nan, "sat_gain_db"),
    ("sat_gain_db", np.inf, "sat_gain_db"),
    ("element_gain", np.inf, "element_gain"),
    ("element_gain", np.nan, "element_gain"),
    ("element_gain", -2.0, "element_gain"),
    ("element_gain", "horn", "element_gain"),
    ("amplitude", 1.5, "amplitude"),
    ("amplitude", 0.0, "amplitude"),
    ("amplitude", np.nan, "amplitude"),
    ("ris_u_tilt", 2.0, "ris_u_tilt"),
    ("ris_u_tilt", -1.6, "ris_u_tilt"),
    ("noise_figure_db", -1.0, "noise_figure_db"),
    ("noise_figure_db", np.nan, "noise_figure_db"),
    ("scenario", "rural", "scenario"),
    ("band", "ku", "band"),
    ("frequency", np.inf, "frequency"),
    ("zenith_attenuation_db", np.inf, "zenith_attenuation_db"),
    ("ris_u_side", np.array([0.1, np.nan]), "ris_u_side"),
    ("bits", (1, 1.5), "bits"),
    ("bits", 1.5, "bits"),
    ("bits", (1, 2, 3), "bits"),
    ("bits", np.ones((2, 2)), "bits"),
    ("bits", (True, 1), "bits"),
])
def test_leo_link_params_reject_bad_values(field, value, match):
    with pytest.raises((ValueError, TypeError), match=match):
        LeoLinkParams(**{field: value})


def test_leo_link_params_accept_band_in_any_case_and_valid_edges():
    LeoLinkParams(band="Ka", ris_u_tilt=np.pi / 2, amplitude=1.0, noise_figure_db=0.0,
                  element_gain=np.pi)


def test_ee_along_pass_rejects_outage_without_fading_and_bad_time():
    with pytest.raises(ValueError, match="outage"):
        ee_along_pass(n_time=5, outage=0.01)
    with pytest.raises(ValueError, match="outage"):
        long_hop_gain(np.pi / 2, LeoLinkParams(), outage=0.01)
    with pytest.raises(ValueError, match="t must be finite"):
        ee_along_pass(t=[0.0, np.nan])
    with pytest.raises(ValueError, match="min_elevation"):
        ee_along_pass(n_time=5, min_elevation=-0.1)


@pytest.mark.parametrize("kw,min_deg", [(dict(fading="from_elevation"), 20),
                                        (dict(channel="tr38811_mean"), 10),
                                        (dict(channel="tr38811_random", rng=1), 10)])
def test_ee_along_pass_rejects_min_elevation_below_the_model_range(kw, min_deg):
    below = np.deg2rad(min_deg - 5.0)
    name = kw.get("fading", kw.get("channel"))
    with pytest.raises(ValueError, match=f"min_elevation.*{name}"):
        ee_along_pass(n_time=5, min_elevation=below, **kw)
    ok = ee_along_pass(n_time=5, min_elevation=np.deg2rad(min_deg), **kw)  # edge is valid
    assert bool(ok.visible.all()) and np.all(np.isfinite(ok.required_power))


# --- active satellite-side RIS -----------------------------------------------------------------


def test_active_ris_s_noise_gain_is_the_incoherent_sum_of_element_to_feed_gains():
    # g_vs = sum_n G F(theta_n) G_fs F_fs(theta_n) (lambda / 4 pi r_n)^2 (Tang's per-element gain)
    p = LeoLinkParams(active_ris_s=True)
    dx, lam = p.element_spacing, p.wavelength
    n = int(np.sqrt(p.n_s))
    xs = (np.arange(n) - (n - 1) / 2) * dx
    x, y = np.meshgrid(xs, xs)
    r = np.sqrt(p.d_s**2 + x**2 + y**2)
    c = p.d_s / r
    t2 = 8 * c**3 * p.feed_s_gain * c**p.feed_s_q * (lam / (4 * np.pi * r)) ** 2
    for cfg in ("ris_sat", "double"):
        assert link_path_gain(cfg, 1.0, p).noise_gain_s == pytest.approx(t2.sum(), rel=1e-12)
    assert link_path_gain("ris_user", 1.0, p).noise_gain_s == 0.0


def test_active_ris_s_noise_gain_is_the_capture_fraction_in_the_aperture_limit():
    # with the flat-plate element (q = 1, G = 4 pi dx dy / lambda^2) Tang's per-element noise gain
    # sums to the physical capture fraction, the aperture model's value (reciprocity)
    p = LeoLinkParams(element_q=1.0, element_gain="aperture")
    tang = link_path_gain("ris_sat", 1.2, p).noise_gain_s
    aperture = link_path_gain("ris_sat", 1.2, p, model="aperture").noise_gain_s
    assert tang == pytest.approx(aperture, rel=1e-12)
    assert 0 < aperture < 0.5


@pytest.mark.parametrize("act_u,act_s", [(False, True), (True, True), (True, False)])
def test_required_power_inverts_the_snr_with_active_surfaces(act_u, act_s):
    p = LeoLinkParams(active_ris_u=act_u, active_ris_s=act_s)
    el = np.deg2rad([40.0, 90.0])
    for cfg in ("ris_sat", "ris_user", "double"):
        pt = required_uplink_power(cfg, el, p, fading_gain=0.7)
        snr = link_snr(cfg, el, pt, p, fading_gain=0.7)
        np.testing.assert_allclose(snr, 2**p.target_rate - 1, rtol=1e-10)


def test_active_ris_s_snr_formula():
    # SNR = a^2 P PG / (a^2 sigma_v^2 g_vs + sigma^2): the RIS_s noise skips the long hop
    p = LeoLinkParams(active_ris_s=True)
    a2 = p.active_power.gain
    sv2 = float(p.active_power.amplifier_noise(p.bandwidth, p.temperature))
    lg = link_path_gain("ris_sat", 0.9, p)
    snr = link_snr("ris_sat", 0.9, 2.0, p, fading_gain=0.5)
    assert snr == pytest.approx(a2 * 2.0 * lg.path_gain * 0.5
                                / (a2 * sv2 * lg.noise_gain_s + p.noise_power), rel=1e-12)
    passive = link_snr("ris_sat", 0.9, 2.0, p.replace(active_ris_s=False), fading_gain=0.5)
    # at the receiver an active surface is an amplifier with noise figure F_v: it helps only if
    # (a^2 - 1) sigma^2 > a^2 sigma_v^2 g_vs; with F_v = 3 dB > NF = 1.2 dB and the feed
    # collecting the noise of the whole surface (g_vs = 0.95) it does not
    helps = (a2 - 1) * p.noise_power > a2 * sv2 * lg.noise_gain_s
    assert not helps and snr < passive
    quiet = p.replace(active_power=RISPowerModel("active", noise_figure_db=0.0, gain_db=20.0),
                      noise_figure_db=6.0)
    assert link_snr("ris_sat", 0.9, 2.0, quiet) > link_snr(
        "ris_sat", 0.9, 2.0, quiet.replace(active_ris_s=False))


def test_active_ris_s_power_is_switch_dc_and_amplified_noise():
    p = LeoLinkParams(active_ris_s=True)
    _, p_s = ris_powers("ris_sat", p, 1.0)
    m = p.active_power
    sv2 = float(m.amplifier_noise(p.bandwidth, p.temperature))
    assert p_s == pytest.approx(float(m.power(p.n_s, output_power=m.gain * p.n_s * sv2)))
    assert ris_powers("ris_user", p, 1.0)[1] == 0.0


# --- where along the pass is the required power lowest? -----------------------------------------


def test_tr38811_mean_minimum_is_at_80_deg_and_los_minimum_at_zenith():
    # measured on a 0.01 deg elevation grid with the defaults (suburban/rural, Ka band): the
    # TR 38.811 mean channel has its lowest required power at 80.0 deg, 0.8-1.2 dB below the
    # zenith value, for every configuration; free space (line of sight) has it at zenith. The
    # cause is the mean linear gain of the Ka-band LOS shadow fading, exp((sigma ln10/10)^2/2):
    # sigma = 3.6 dB at 80 deg (+1.5 dB) but 0.4 dB at 90 deg (+0.02 dB).
    el = np.deg2rad(np.arange(10.0, 90.0 + 1e-9, 0.01))
    p = LeoLinkParams()
    chi = long_hop_gain(el, p, channel="tr38811_mean")
    for cfg in CONFIGS:
        req = required_uplink_power(cfg, el, p, fading_gain=chi)
        assert np.rad2deg(el[np.argmin(req)]) == pytest.approx(80.0, abs=0.005), cfg
        assert 0.8 < db(req[-1] / req.min()) < 1.25, cfg
        los = required_uplink_power(cfg, el, p)
        assert int(np.argmin(los)) == el.size - 1, cfg
    # other scenarios of TR 38.811 keep the minimum at zenith
    for scenario, band in (("dense_urban", "s"), ("urban", "ka"), ("suburban_rural", "s")):
        q = p.replace(scenario=scenario, band=band)
        req = required_uplink_power("no_ris", el, q,
                                    fading_gain=long_hop_gain(el, q, channel="tr38811_mean"))
        assert int(np.argmin(req)) == el.size - 1, (scenario, band)
