"""Tests of wirelesseff.channel.ntn: LEO geometry, orbit, Doppler, TR 38.811 losses, antenna."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirelesseff.channel import ntn
from wirelesseff.channel.fading import ShadowedRician
from wirelesseff.channel.pathloss import free_space_db
from wirelesseff.units import SPEED_OF_LIGHT

H = 550e3
RE = ntn.EARTH_RADIUS
elevations = st.floats(0.0, np.pi / 2)
altitudes = st.floats(200e3, 2000e3)


# --- geometry ------------------------------------------------------------------------------


def test_slant_range_at_zenith_equals_altitude():
    assert ntn.slant_range(np.pi / 2, H) == pytest.approx(H, rel=1e-12)


def test_slant_range_decreases_with_elevation():
    d = ntn.slant_range(np.linspace(0, np.pi / 2, 200), H)
    assert np.all(np.diff(d) < 0)


def test_slant_range_horizon_is_tangent_length():
    # at theta = 0 the line of sight is tangent to the Earth: d^2 = r^2 - R_E^2
    assert ntn.slant_range(0.0, H) == pytest.approx(np.sqrt((RE + H) ** 2 - RE**2), rel=1e-12)


@settings(max_examples=60, deadline=None)
@given(elevations, altitudes)
def test_round_trips_between_elevation_and_central_angle(el, h):
    psi = ntn.central_angle(el, h)
    assert ntn.elevation_from_central_angle(psi, h) == pytest.approx(el, abs=1e-9)
    assert ntn.slant_range_from_central_angle(psi, h) == pytest.approx(
        ntn.slant_range(el, h), rel=1e-9, abs=1e-6)


@settings(max_examples=60, deadline=None)
@given(elevations, altitudes)
def test_triangle_angles_sum_to_right_angle(el, h):
    # nadir angle + elevation + central angle = pi/2 (triangle Earth centre/UT/satellite)
    total = ntn.nadir_angle(el, h) + el + ntn.central_angle(el, h)
    assert total == pytest.approx(np.pi / 2, abs=1e-9)


def test_geometry_broadcasts_and_returns_scalars():
    assert isinstance(ntn.slant_range(0.3, H), float)
    out = ntn.slant_range(np.array([[0.2], [0.5]]), np.array([500e3, 600e3, 700e3]))
    assert out.shape == (2, 3)


# --- orbit -----------------------------------------------------------------------------------


@pytest.mark.parametrize("h", [300e3, 550e3, 1200e3])
def test_orbit_identities(h):
    r = RE + h
    v = ntn.orbital_speed(h)
    T = ntn.orbital_period(h)
    assert v**2 * r == pytest.approx(ntn.EARTH_MU, rel=1e-12)
    assert T * v == pytest.approx(2 * np.pi * r, rel=1e-12)
    assert ntn.orbital_angular_velocity(h) == pytest.approx(v / r, rel=1e-12)


def test_orbital_speed_is_sqrt_mu_over_r_not_r_squared():
    # docs/ris_leo.md, Pitfalls 5: sqrt(mu/r) is ~7.6 km/s at 550 km; sqrt(mu/r^2) would be ~2.9 m/s
    assert 7.5e3 < ntn.orbital_speed(550e3) < 7.7e3


def test_starlink_period_is_about_95_minutes():
    assert ntn.orbital_period(550e3) / 60 == pytest.approx(95.5, abs=0.05)


# --- elevation track and visibility ---------------------------------------------------------


def test_elevation_track_zenith_edges_and_symmetry():
    th_min = np.deg2rad(10.0)
    tv = ntn.visibility_duration(H, th_min)
    assert ntn.elevation_track(0.0, H) == pytest.approx(np.pi / 2, abs=1e-12)
    assert ntn.elevation_track(tv / 2, H) == pytest.approx(th_min, abs=1e-9)
    assert ntn.elevation_track(-tv / 2, H) == pytest.approx(th_min, abs=1e-9)
    t = np.linspace(0, tv / 2, 50)
    np.testing.assert_allclose(ntn.elevation_track(t, H), ntn.elevation_track(-t, H), atol=0)
    assert np.all(np.diff(ntn.elevation_track(t, H)) < 0)


def test_visibility_duration_is_a_few_minutes_for_starlink():
    assert 6.0 < ntn.visibility_duration(H, np.deg2rad(10.0)) / 60 < 9.0


# --- Doppler --------------------------------------------------------------------------------


def test_doppler_zero_at_zenith_and_max_at_horizon():
    fc = 20e9
    assert ntn.doppler_shift(fc, H, np.pi / 2) == pytest.approx(0.0, abs=1e-6)
    r = RE + H
    fmax = fc * ntn.orbital_speed(H) * RE / (SPEED_OF_LIGHT * r)
    assert ntn.doppler_shift(fc, H, 0.0) == pytest.approx(fmax, rel=1e-12)
    fd = ntn.doppler_shift(fc, H, np.linspace(0, np.pi / 2, 100))
    assert np.all(np.diff(fd) < 0)


def test_doppler_equals_range_rate_of_the_analytic_track():
    # |f_D| = f_c |d'(t)| / c with d(t) from the elevation track (central differences)
    fc = 2e9
    t = np.linspace(-200, -5, 40)
    dt = 1e-3
    d = lambda s: ntn.slant_range(ntn.elevation_track(s, H), H)  # noqa: E731
    rate = (d(t + dt) - d(t - dt)) / (2 * dt)
    fd = ntn.doppler_shift(fc, H, ntn.elevation_track(t, H))
    np.testing.assert_allclose(fd, -fc * rate / SPEED_OF_LIGHT, rtol=1e-5)


# --- free-space loss ------------------------------------------------------------------------


def test_free_space_reexport_is_the_common_implementation():
    assert ntn.free_space_path_loss_db is free_space_db


@pytest.mark.parametrize("d,f", [(550e3, 20e9), (1.8e6, 2e9), (10.0, 28e9)])
def test_free_space_matches_engineering_formula(d, f):
    ref = 32.45 + 20 * np.log10(f / 1e9) + 20 * np.log10(d)
    assert ntn.free_space_path_loss_db(d, f) == pytest.approx(ref, abs=0.01)


# --- TR 38.811 tables -----------------------------------------------------------------------


@pytest.mark.parametrize("scenario", ["dense_urban", "urban", "suburban_rural"])
def test_tr38811_los_probability_increases_with_elevation(scenario):
    p = ntn.los_probability(np.deg2rad(ntn.TR38811_ELEVATIONS_DEG), scenario)
    assert p.shape == (9,)
    assert np.all(np.diff(p) > 0)
    assert np.all((p > 0) & (p < 1))


@pytest.mark.parametrize(
    "scenario,deg,expected",
    [  # TR 38.811 V15.4.0 Table 6.6.1-1 [%]
        ("dense_urban", 10, 28.2), ("dense_urban", 50, 53.7), ("dense_urban", 90, 98.1),
        ("urban", 10, 24.6), ("urban", 70, 91.9), ("urban", 90, 99.2),
        ("suburban_rural", 10, 78.2), ("suburban_rural", 40, 92.9),
        ("suburban_rural", 90, 99.8),
    ],
)
def test_los_probability_matches_tr38811_table_6_6_1_1(scenario, deg, expected):
    assert ntn.los_probability(np.deg2rad(deg), scenario) == pytest.approx(expected / 100)


@pytest.mark.parametrize(
    "scenario,band,los,deg,expected",
    [  # Tables 6.6.2-1 (dense urban), 6.6.2-2 (urban), 6.6.2-3 (suburban/rural) [dB]
        ("dense_urban", "s", True, 10, 3.5), ("dense_urban", "s", False, 10, 15.5),
        ("dense_urban", "ka", False, 60, 12.6), ("dense_urban", "ka", True, 90, 0.6),
        ("urban", "s", True, 30, 4.0), ("urban", "ka", False, 80, 6.0),
        ("suburban_rural", "s", True, 10, 1.79), ("suburban_rural", "s", False, 40, 10.25),
        ("suburban_rural", "ka", False, 30, 11.2), ("suburban_rural", "ka", True, 90, 0.4),
    ],
)
def test_shadow_fading_matches_tr38811_tables_6_6_2(scenario, band, los, deg, expected):
    assert ntn.shadow_fading_std_db(np.deg2rad(deg), scenario, band, los) == pytest.approx(
        expected)


@pytest.mark.parametrize(
    "scenario,band,deg,expected",
    [
        ("dense_urban", "s", 10, 34.3), ("dense_urban", "ka", 90, 32.9),
        ("urban", "s", 50, 26.8), ("urban", "ka", 20, 39.9),
        ("suburban_rural", "s", 10, 19.52), ("suburban_rural", "ka", 10, 29.5),
        ("suburban_rural", "ka", 50, 18.7),
    ],
)
def test_clutter_loss_matches_tr38811_tables_6_6_2(scenario, band, deg, expected):
    assert ntn.clutter_loss_db(np.deg2rad(deg), scenario, band) == pytest.approx(expected)


def test_tr38811_tables_have_nine_entries_and_interpolate_linearly():
    for (scenario, band), (sf_los, sf_nlos, cl) in ntn._SF_CL.items():
        assert sf_los.shape == sf_nlos.shape == cl.shape == (9,)
        mid = ntn.clutter_loss_db(np.deg2rad(15.0), scenario, band)
        assert mid == pytest.approx((cl[0] + cl[1]) / 2)
    for p in ntn._LOS_PROBABILITY.values():
        assert p.shape == (9,)


def test_tr38811_below_ten_degrees_raises():
    with pytest.raises(ValueError, match="elevation"):
        ntn.los_probability(np.deg2rad(9.0), "urban")
    with pytest.raises(ValueError, match="elevation"):
        ntn.tr38811_path_loss_db(1e6, 2e9, np.deg2rad(5.0))


def test_tr38811_path_loss_los_nlos_and_mean():
    d, f, el = 800e3, 2e9, np.deg2rad(40.0)
    fspl = free_space_db(d, f)
    assert ntn.tr38811_path_loss_db(d, f, el, scenario="urban", band="s", los=True) == fspl
    nlos = ntn.tr38811_path_loss_db(d, f, el, scenario="urban", band="s", los=False)
    assert nlos - fspl == pytest.approx(27.7)
    mean = ntn.tr38811_path_loss_db(d, f, el, scenario="urban", band="s", los="mixed")
    g = ntn.tr38811_mean_excess_gain(el, "urban", "s")
    assert mean == pytest.approx(fspl - 10 * np.log10(g))


def test_tr38811_mean_gain_matches_monte_carlo():
    # E[10^(-(PL-FSPL)/10)] over LOS state and SF equals the closed-form mixture (seed 0)
    d, f, el = 700e3, 20e9, np.deg2rad(30.0)
    n = 200_000
    pl = ntn.tr38811_path_loss_db(np.full(n, d), f, el, scenario="suburban_rural", band="ka",
                                  los="mixed", rng=0)
    g = 10 ** (-(pl - free_space_db(d, f)) / 10)
    ref = ntn.tr38811_mean_excess_gain(el, "suburban_rural", "ka")
    se = g.std() / np.sqrt(n)
    assert abs(g.mean() - ref) < 4 * se


def test_tr38811_shadow_fading_is_drawn_only_with_rng():
    d, f, el = 700e3, 20e9, np.full(1000, np.deg2rad(60.0))
    a = ntn.tr38811_path_loss_db(d, f, el, los=False)
    assert np.ptp(a) == 0
    b = ntn.tr38811_path_loss_db(d, f, el, los=False, rng=1)
    sigma = ntn.shadow_fading_std_db(np.deg2rad(60.0), "suburban_rural", "ka", False)
    assert np.std(b) == pytest.approx(sigma, rel=0.1)
    np.testing.assert_array_equal(b, ntn.tr38811_path_loss_db(d, f, el, los=False, rng=1))


# --- atmosphere and antenna -------------------------------------------------------------------


def test_atmospheric_attenuation_cosecant_law():
    el = np.deg2rad([90.0, 30.0, 10.0])
    np.testing.assert_allclose(ntn.atmospheric_attenuation_db(el, 20e9, 0.4),
                               0.4 / np.sin(el))


def test_atmospheric_attenuation_itur_is_positive_and_decreases_with_elevation():
    pytest.importorskip("itur")
    a = ntn.atmospheric_attenuation_db(np.deg2rad([20.0, 60.0]), 20e9, use_itur=True)
    assert np.all(a > 0) and a[0] > a[1]
    # the zenith value of P.676 scales by the cosecant law within 10 % above 20 degrees
    z = ntn.atmospheric_attenuation_db(np.pi / 2, 20e9, use_itur=True)
    assert a[1] == pytest.approx(z / np.sin(np.deg2rad(60.0)), rel=0.1)


def test_satellite_antenna_gain_is_squared_bessel_pattern():
    # docs/ris_leo.md, Pitfalls 6: G = Gmax * 4 |J1(x)/x|^2; at x = 1.6163 (the 3-dB point of
    # (2J1(x)/x)^2)
    f, a = 20e9, 0.5
    k = 2 * np.pi * f / SPEED_OF_LIGHT
    phi = np.arcsin(1.6163399 / (k * a))
    assert ntn.satellite_antenna_gain(phi, 1.0, a, f) == pytest.approx(0.5, abs=1e-6)
    # without the square the value would be 1/sqrt(2)
    assert ntn.satellite_antenna_gain(0.0, 100.0, a, f) == 100.0
    g = ntn.satellite_antenna_gain(np.linspace(0, phi, 20), 1.0, a, f)
    assert np.all(np.diff(g) < 0)


# --- shadowed-Rician re-export and presets (docs/ris_leo.md, Pitfalls 1-2) ------------------


def test_ntn_reexports_shadowed_rician():
    assert ntn.ShadowedRician is ShadowedRician


def test_shadowed_rician_presets_regression():
    heavy, light = ShadowedRician.heavy(), ShadowedRician.light()
    assert heavy.omega == pytest.approx(8.97e-4) and heavy.omega < 1  # not 8.97e4
    assert (light.m, light.omega) == pytest.approx((19.4, 1.29))  # not (20, 1.3)


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [-0.1, 1.7, np.nan])
def test_rejects_bad_elevation(bad):
    with pytest.raises(ValueError, match="elevation"):
        ntn.slant_range(bad, H)


@pytest.mark.parametrize("bad", [0.0, -5.0])
def test_rejects_bad_altitude(bad):
    with pytest.raises(ValueError, match="altitude"):
        ntn.orbital_speed(bad)


def test_rejects_bad_central_angle_and_frequency():
    with pytest.raises(ValueError, match="psi"):
        ntn.elevation_from_central_angle(-0.1, H)
    with pytest.raises(ValueError, match="carrier_frequency"):
        ntn.doppler_shift(-1.0, H, 0.3)


def test_rejects_unknown_scenario_band_and_los():
    el = np.deg2rad(30.0)
    with pytest.raises(ValueError, match="scenario"):
        ntn.los_probability(el, "rural")
    with pytest.raises(ValueError, match="band"):
        ntn.clutter_loss_db(el, "urban", "ku")
    with pytest.raises(ValueError, match="los"):
        ntn.tr38811_path_loss_db(1e6, 2e9, el, los="sometimes")
    with pytest.raises(ValueError, match="zenith_attenuation_db"):
        ntn.atmospheric_attenuation_db(el, 2e9, -1.0)


# --- review fixes: true track beyond the pass, strict LOS flag ----------------------------------


def test_elevation_track_follows_the_circular_orbit_beyond_half_a_period():
    # regression: psi was clamped at pi, freezing the satellite at the antipode for |t| > T/2
    period = float(ntn.orbital_period(H))
    t = np.array([0.25, 0.5, 0.75, 1.0, 1.25]) * period
    psi = ntn.track_central_angle(t, H)
    np.testing.assert_allclose(psi, [np.pi / 2, np.pi, np.pi / 2, 0.0, np.pi / 2], atol=1e-9)
    el = ntn.elevation_track(t, H)
    assert el[1] == pytest.approx(-np.pi / 2, abs=1e-9)  # antipode
    assert el[3] == pytest.approx(np.pi / 2, abs=1e-6)  # next overhead pass
    np.testing.assert_allclose(el[[0, 2, 4]], el[0], atol=1e-9)  # periodic and symmetric
    # within half a period the track is the unfolded omega |t| (bit-identical to before)
    w = float(ntn.orbital_angular_velocity(H))
    s = np.linspace(-period / 2, period / 2, 101)
    np.testing.assert_array_equal(ntn.track_central_angle(s, H), w * np.abs(s))


def test_track_doppler_equals_signed_g7_above_and_range_rate_below_the_horizon():
    fc = 20e9
    tv = float(ntn.visibility_duration(H, 0.0))
    t = np.linspace(-tv / 2, tv / 2, 41)
    g7 = -np.sign(t) * ntn.doppler_shift(fc, H, np.maximum(ntn.elevation_track(t, H), 0.0))
    np.testing.assert_allclose(ntn.track_doppler_shift(fc, t, H), g7, rtol=1e-9, atol=1e-6)
    # below the horizon: -f_c/c times the numerical derivative of the slant range
    tb = np.array([-900.0, 700.0, 1500.0])
    d = lambda s: ntn.slant_range_from_central_angle(ntn.track_central_angle(s, H), H)  # noqa: E731
    dd = (d(tb + 1e-3) - d(tb - 1e-3)) / 2e-3
    assert np.all(ntn.elevation_track(tb, H) < 0)
    np.testing.assert_allclose(ntn.track_doppler_shift(fc, tb, H), -fc * dd / SPEED_OF_LIGHT,
                               rtol=1e-6)


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_elevation_track_rejects_non_finite_time(bad):
    with pytest.raises(ValueError, match="t must be finite"):
        ntn.elevation_track([0.0, bad], H)
    with pytest.raises(ValueError, match="t must be finite"):
        ntn.track_doppler_shift(2e9, bad, H)


@pytest.mark.parametrize("bad", [2, 1, 0, 0.5, "LOS", None])
def test_tr38811_los_flag_accepts_only_booleans_or_mixed(bad):
    # regression: los=2 was silently read as LOS (bool(2) is True)
    el = np.deg2rad(30.0)
    with pytest.raises((TypeError, ValueError), match="los"):
        ntn.tr38811_path_loss_db(1e6, 20e9, el, los=bad)
    if not isinstance(bad, str):
        with pytest.raises(TypeError, match="los"):
            ntn.shadow_fading_std_db(el, "urban", "ka", los=bad)


def test_tr38811_los_flag_accepts_numpy_booleans():
    el = np.deg2rad(30.0)
    assert ntn.tr38811_path_loss_db(1e6, 20e9, el, los=np.True_) == ntn.tr38811_path_loss_db(
        1e6, 20e9, el, los=True)
    assert ntn.shadow_fading_std_db(el, "urban", "ka", np.False_) == ntn.shadow_fading_std_db(
        el, "urban", "ka", False)
    assert ntn.TR38811_SCENARIOS == ("dense_urban", "urban", "suburban_rural")
    assert ntn.TR38811_BANDS == ("s", "ka")
