"""Tests of wirelesseff.channel.ntn.pass_from_tle with a real historical Starlink TLE.

The TLE in tests/data/leo.tle (STARLINK-4271, CelesTrak, epoch 2026-06-26 19:30 UTC) is used
within a few hours of its epoch only.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from wirelesseff.channel import ntn
from wirelesseff.units import SPEED_OF_LIGHT

TLE = Path(__file__).resolve().parents[1] / "data" / "leo.tle"
EPOCH = dt.datetime(2026, 6, 26, 19, 30, 3, tzinfo=dt.UTC)


def _lines():
    return TLE.read_text().splitlines()


def test_tle_file_has_valid_checksums_and_header():
    text = TLE.read_text()
    assert "CelesTrak" in text and "Epoch" in text
    l1, l2 = ntn._parse_tle(text)
    for line in (l1, l2):
        assert len(line) == 69
        assert int(line[68]) == ntn._tle_checksum(line)
    # mean motion 15.088 rev/day -> semi-major axis of a ~550 km orbit
    n = float(l2[52:63]) * 2 * np.pi / 86400
    a = (ntn.EARTH_MU / n**2) ** (1 / 3)
    assert 530e3 < a - ntn.EARTH_RADIUS < 570e3


@pytest.fixture(scope="module")
def overhead_pass():
    pytest.importorskip("sgp4")
    skyfield_api = pytest.importorskip("skyfield.api")
    l1, l2 = ntn._parse_tle(_lines())
    ts = skyfield_api.load.timescale(builtin=True)
    sat = skyfield_api.EarthSatellite(l1, l2, ts=ts)
    t_top = EPOCH + dt.timedelta(hours=1)
    sub = skyfield_api.wgs84.subpoint_of(sat.at(ts.from_datetime(t_top)))
    ds = ntn.pass_from_tle(_lines(), sub.latitude.degrees, sub.longitude.degrees,
                           t_top - dt.timedelta(minutes=6), 720.0, 2.0)
    return ds


def test_pass_from_tle_dataset_shape_and_units(overhead_pass):
    ds = overhead_pass
    assert ds.sizes["time"] == 361
    for name, unit in [("elevation", "rad"), ("slant_range", "m"), ("range_rate", "m/s"),
                       ("altitude", "m")]:
        assert ds[name].attrs["units"] == unit
    assert ds.attrs["tle_epoch_utc"].startswith("2026-06-26T19:30")


def test_pass_from_tle_altitude_is_starlink_shell(overhead_pass):
    alt = overhead_pass.altitude.values
    assert np.all((alt > 530e3) & (alt < 570e3))


def test_pass_from_tle_overhead_geometry_matches_spherical_model(overhead_pass):
    ds = overhead_pass
    el = ds.elevation.values
    i = int(np.argmax(el))
    assert np.rad2deg(el[i]) > 89.5
    assert ds.slant_range.values[i] == pytest.approx(ds.altitude.values[i], rel=2e-3)
    vis = el > np.deg2rad(15)
    model = ntn.slant_range(el[vis], ds.altitude.values[vis])
    np.testing.assert_allclose(ds.slant_range.values[vis], model, rtol=0.01)


def test_pass_from_tle_range_rate_is_derivative_of_range(overhead_pass):
    # the SGP4 range rate agrees with d(range)/dt within 1 %
    ds = overhead_pass
    t, d, rr = ds.t.values, ds.slant_range.values, ds.range_rate.values
    num = np.gradient(d, t)
    fast = np.abs(rr) > 500.0
    np.testing.assert_allclose(num[fast], rr[fast], rtol=0.01)
    assert rr[0] < 0 < rr[-1]  # approaching, then receding


def test_pass_from_tle_doppler_matches_analytic_overhead_pass(overhead_pass):
    # -f_c d'/c versus the Earth-fixed analytic model; Earth rotation (~0.4 km/s vs 7.6 km/s)
    # and the WGS-84 shape make them differ by a few per cent at most
    ds = overhead_pass
    fc = 20e9
    el = ds.elevation.values
    vis = el > np.deg2rad(20)
    fd_tle = -fc * ds.range_rate.values[vis] / SPEED_OF_LIGHT
    sign = np.sign(fd_tle)
    fd_model = sign * ntn.doppler_shift(fc, float(ds.altitude.mean()), el[vis])
    big = np.abs(fd_model) > 0.2 * np.abs(fd_model).max()
    np.testing.assert_allclose(fd_tle[big], fd_model[big], rtol=0.08)


def test_pass_from_tle_rejects_bad_checksum():
    l1, l2 = ntn._parse_tle(_lines())
    bad = l2[:68] + str((int(l2[68]) + 1) % 10)
    with pytest.raises(ValueError, match="checksum"):
        ntn.pass_from_tle([l1, bad], 0.0, 0.0, EPOCH, 60.0, 10.0)
    with pytest.raises(ValueError, match="tle_lines"):
        ntn.pass_from_tle([l1], 0.0, 0.0, EPOCH, 60.0, 10.0)


def test_pass_from_tle_rejects_bad_site_and_duration():
    pytest.importorskip("skyfield")
    with pytest.raises(ValueError, match="latitude_deg"):
        ntn.pass_from_tle(_lines(), 95.0, 0.0, EPOCH, 60.0, 10.0)
    with pytest.raises(ValueError, match="duration"):
        ntn.pass_from_tle(_lines(), 10.0, 0.0, EPOCH, -60.0, 10.0)
