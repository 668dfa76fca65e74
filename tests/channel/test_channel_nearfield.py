"""Tests of wirelesseff.channel.nearfield (Björnson & Sanguinetti 2020; Björnson, Demir &
Sanguinetti 2021): closed forms against numerical integration and exact array sums."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import integrate

from wirelesseff.channel.arrays import nearfield_response
from wirelesseff.channel.geometry import upa_positions
from wirelesseff.channel.nearfield import (
    beam_depth_3db,
    beam_depth_factor,
    farfield_beamforming_gain,
    farfield_beamforming_gain_exact,
    fraunhofer_distance,
    planar_array_gain,
    planar_array_gain_farfield,
    upa_diagonal,
)


def _dblquad_oracle(n, area, d, eta):
    """xi = integral over the square aperture of (1/4pi)(z/r^3)(1 - y^2/r^2), UE at
    (d sin eta, 0, d cos eta), polarisation along y (Björnson & Sanguinetti 2020, Sec. III)."""
    half = np.sqrt(n * area) / 2
    z, xu = d * np.cos(eta), d * np.sin(eta)

    def f(y, x):
        r2 = (x - xu) ** 2 + y**2 + z**2
        return z / (4 * np.pi * r2**1.5) * (1 - y**2 / r2)

    val, _ = integrate.dblquad(f, -half, half, -half, half, epsabs=0, epsrel=1e-13)
    return val


@pytest.mark.parametrize("eta", [0.0, 0.4])
@pytest.mark.parametrize(("n", "area", "d"), [(100, 0.01, 1.0), (400, (0.1 / 4) ** 2, 0.5),
                                              (1e4, (0.05 / 2) ** 2, 3.0)])
def test_eq27_matches_dblquad_bjornson_sanguinetti_2020(eta, n, area, d):
    assert float(planar_array_gain(n, area, d, eta)) == pytest.approx(
        _dblquad_oracle(n, area, d, eta), rel=1e-8)


def test_asymptote_one_third_bjornson_sanguinetti_2020():
    # The asymptote xi -> 1/3 is not reached to 1e-6 at N = 1e16, A = 0.0125^2, d = 20: there
    # B = N A / (4 d^2) = 9.77e8 and xi = 1/3 - 1/(pi sqrt(2B)) + O(1/B) = 1/3 - 7.2e-6.
    # We check the exact expansion there, and 1/3 to 1e-6 where the expansion allows it.
    n, area, d = 1e16, 0.0125**2, 20.0
    b = n * area / (4 * d**2)
    xi = float(planar_array_gain(n, area, d))
    assert xi == pytest.approx(1 / 3, abs=1e-5)
    assert xi == pytest.approx(1 / 3 - 1 / (np.pi * np.sqrt(2 * b)), abs=1e-11)
    assert float(planar_array_gain(1e20, area, d)) == pytest.approx(1 / 3, abs=1e-6)
    # and for a tilted user too (the limit does not depend on eta)
    assert float(planar_array_gain(1e24, area, d, 0.7)) == pytest.approx(1 / 3, abs=1e-6)


@given(st.floats(1.0, 1e6), st.floats(1e-6, 1e-2), st.floats(-1.4, 1.4))
def test_farfield_limit(n, area, eta):
    # choose d so that N A / (4 d^2) = 1e-5 < 1e-4 (tolerance 1e-3 rel)
    d = np.sqrt(n * area / (4 * 1e-5))
    assert float(planar_array_gain(n, area, d, eta)) == pytest.approx(
        float(planar_array_gain_farfield(n, area, d, eta)), rel=1e-3)


@given(st.floats(1.0, 1e8), st.floats(1e-5, 1e-1), st.floats(0.5, 100.0),
       st.floats(0.0, 1.5))
def test_even_in_angle_and_bounded(n, area, d, eta):
    a = float(planar_array_gain(n, area, d, eta))
    assert a == pytest.approx(float(planar_array_gain(n, area, d, -eta)), rel=1e-9)
    assert 0.0 < a < 0.5  # a plane intercepts at most half of an isotropic radiation


def test_gain_increasing_in_n_and_decreasing_in_distance():
    n = np.geomspace(1, 1e12, 200)
    g = planar_array_gain(n, (0.1 / 4) ** 2, 25.0, np.pi / 6)
    assert np.all(np.diff(g) > 0)
    d = np.geomspace(0.1, 1e3, 200)
    assert np.all(np.diff(planar_array_gain(1e4, 1e-4, d)) < 0)


def test_planar_gain_broadcasts():
    out = planar_array_gain(np.array([10.0, 100.0])[:, None], 1e-3, np.array([1.0, 2.0, 4.0]))
    assert out.shape == (2, 3)
    assert isinstance(planar_array_gain(10, 1e-3, 1.0), float)


def test_fraunhofer_distance_and_diagonal():
    assert float(upa_diagonal(64, 64, 0.5)) == pytest.approx(0.5 * 64 * np.sqrt(2))
    lam = 0.01
    d = upa_diagonal(32, 32, lam / 2)
    assert float(fraunhofer_distance(d, lam)) == pytest.approx(2 * d**2 / lam)
    # d_F of a fixed element count scales like 1/f at lambda/2 spacing; fixed aperture like f
    f = np.array([7e9, 14e9])
    lam_f = 299792458.0 / f
    d_fixed_n = fraunhofer_distance(upa_diagonal(32, 32, lam_f / 2), lam_f)
    assert d_fixed_n[0] / d_fixed_n[1] == pytest.approx(2.0)
    d_fixed_ap = fraunhofer_distance(np.sqrt(2.0), lam_f)
    assert d_fixed_ap[1] / d_fixed_ap[0] == pytest.approx(2.0)


def test_farfield_beamforming_gain_matches_exact_64x64_upa():
    # Oracle: |sum_n exp(-j 2 pi (r_n - z)/lambda)|^2 / N^2 for a 64 x 64 lambda/2 UPA with
    # exact distances, z/d_F in [0.05, 10], within 0.005.
    lam = 1.0
    pos = upa_positions(64, 64, lam / 2)
    d_f = float(fraunhofer_distance(upa_diagonal(64, 64, lam / 2), lam))
    assert d_f == pytest.approx(4096 * lam)
    z = d_f * np.geomspace(0.05, 10, 120)
    users = np.stack([np.zeros_like(z), np.zeros_like(z), z], axis=-1)
    exact = np.abs(nearfield_response(pos, users, lam).sum(axis=-1)) ** 2 / pos.shape[0] ** 2
    approx = farfield_beamforming_gain(z, d_f)
    assert np.max(np.abs(approx - exact)) < 0.005


def test_farfield_beamforming_gain_limits_and_monotone():
    z = np.geomspace(0.035, 1e4, 5000)
    g = farfield_beamforming_gain(z, 1.0)
    assert np.all(np.diff(g) > 0)            # monotone beyond z ~ 0.034 d_F
    assert np.all((g > 0) & (g <= 1))
    assert g[-1] == pytest.approx(1.0, abs=1e-7)
    # Below ~0.034 d_F the Fresnel integrals oscillate: documented, small values only.
    assert np.all(farfield_beamforming_gain(np.geomspace(1e-4, 0.034, 500), 1.0) < 0.02)
    # scale invariance: depends on z / d_F only
    assert float(farfield_beamforming_gain(3.0, 7.0)) == pytest.approx(
        float(farfield_beamforming_gain(3.0 / 7.0, 1.0)), rel=1e-14)


def test_beam_depth():
    a3 = beam_depth_factor()
    assert float(farfield_beamforming_gain(a3, 1.0)) == pytest.approx(0.5, abs=1e-12)
    assert a3 == pytest.approx(0.1, abs=0.001)  # the "d_F / 10" of Björnson et al. 2021
    d_f = 1000.0
    f = np.array([1.0, 10.0, 50.0, 100.0])
    bd = beam_depth_3db(f, d_f)
    # 3 dB points of a beam focused at F: 1/z = 1/F -/+ 1/(a3 d_F)
    z_lo = 1 / (1 / f + 1 / (a3 * d_f))
    z_hi = 1 / (1 / f - 1 / (a3 * d_f))
    np.testing.assert_allclose(bd, z_hi - z_lo, rtol=1e-12)
    assert np.all(np.diff(bd) > 0)
    assert np.isinf(beam_depth_3db(a3 * d_f * 1.001, d_f))
    assert np.isinf(beam_depth_3db(2 * d_f, d_f))


def test_beam_depth_matches_exact_focused_upa():
    # Focus a 64 x 64 lambda/2 UPA at F = d_F/20 and measure the exact half-power interval
    # (the Fresnel approximation behind the formula needs F well above the aperture size:
    # here F = 205 lambda for a 32 lambda side; at F = d_F/40 on a 32 x 32 array it is 11 % off).
    lam = 1.0
    pos = upa_positions(64, 64, lam / 2)
    d_f = float(fraunhofer_distance(upa_diagonal(64, 64, lam / 2), lam))
    focus = d_f / 20
    w = nearfield_response(pos, [0.0, 0.0, focus], lam, normalize="unit_norm")
    z = np.linspace(focus / 2, 2.6 * focus, 3001)
    users = np.stack([np.zeros_like(z), np.zeros_like(z), z], axis=-1)
    gain = np.abs(nearfield_response(pos, users, lam, normalize="unit_norm") @ w.conj()) ** 2
    inside = z[gain >= 0.5]
    measured = inside.max() - inside.min()
    assert measured == pytest.approx(float(beam_depth_3db(focus, d_f)), rel=0.02)


@pytest.mark.parametrize(("call", "name"), [
    (lambda: planar_array_gain(0, 1e-3, 1.0), "n_elements"),
    (lambda: planar_array_gain(10, -1e-3, 1.0), "element_area"),
    (lambda: planar_array_gain(10, 1e-3, 0.0), "distance"),
    (lambda: planar_array_gain(10, 1e-3, 1.0, np.pi / 2), "angle"),
    (lambda: planar_array_gain_farfield(10, 1e-3, 1.0, -2.0), "angle"),
    (lambda: fraunhofer_distance(0.0, 0.1), "aperture"),
    (lambda: fraunhofer_distance(1.0, -0.1), "wavelength"),
    (lambda: upa_diagonal(0, 4, 0.5), "n_x"),
    (lambda: farfield_beamforming_gain(0.0, 1.0), "z"),
    (lambda: farfield_beamforming_gain(1.0, 0.0), "fraunhofer_distance"),
    (lambda: beam_depth_3db(-1.0, 1.0), "focus"),
])
def test_nearfield_rejects_bad_input(call, name):
    with pytest.raises(ValueError, match=name):
        call()


# ------------------------------------------------------------- exact (non-Fresnel) beam gain


@pytest.mark.parametrize("n", [3, 4, 16])
def test_exact_gain_equals_array_sum_of_spherical_responses(n):
    lam = 0.03
    pos = upa_positions(n, n, lam / 2)
    z = np.geomspace(0.01, 10.0, 40)
    users = np.stack([np.zeros_like(z), np.zeros_like(z), z], axis=-1)
    direct = np.abs(nearfield_response(pos, users, lam).sum(axis=-1)) ** 2 / n**4
    np.testing.assert_allclose(farfield_beamforming_gain_exact(z, n, lam), direct, rtol=1e-10,
                               atol=1e-13)


def test_exact_and_fresnel_gain_differ_for_small_apertures_bjornson_demir_sanguinetti_2021():
    # 4 x 4 lambda/2 UPA (side 2 wavelengths, d_F = 16 wavelengths) at 0.1 d_F: the quadratic
    # (Fresnel) phase approximation behind G(0.1006 d_F) = 1/2 gives 0.496, the exact
    # spherical-wave sum 0.668; for a 128 x 128 UPA the two agree to 3e-4
    d_f4 = float(fraunhofer_distance(upa_diagonal(4, 4, 0.5), 1.0))
    assert d_f4 == pytest.approx(16.0)
    assert float(farfield_beamforming_gain(0.1 * d_f4, d_f4)) == pytest.approx(0.4955, abs=1e-4)
    assert float(farfield_beamforming_gain_exact(0.1 * d_f4, 4, 1.0)) == pytest.approx(
        0.668, abs=1e-3)
    d_f128 = float(fraunhofer_distance(upa_diagonal(128, 128, 0.5), 1.0))
    z = d_f128 * np.array([0.05, 0.1, 0.5, 2.0])
    np.testing.assert_allclose(farfield_beamforming_gain_exact(z, 128, 1.0),
                               farfield_beamforming_gain(z, d_f128), atol=3e-4)


def test_exact_beam_depth_factor_solves_exact_half_gain_and_tends_to_fresnel():
    fresnel_a3 = beam_depth_factor()
    prev = None
    for n in (4, 8, 16, 64):
        a3 = beam_depth_factor(n)
        d_f = float(fraunhofer_distance(upa_diagonal(n, n, 0.5), 1.0))
        assert float(farfield_beamforming_gain_exact(a3 * d_f, n, 1.0)) == pytest.approx(
            0.5, abs=1e-12)
        if prev is not None:
            assert abs(a3 - fresnel_a3) < abs(prev - fresnel_a3)  # converges with the aperture
        prev = a3
    assert abs(beam_depth_factor(64) - fresnel_a3) < 1e-3
    assert np.isnan(beam_depth_factor(2))  # 2 x 2: every element equidistant on the axis
    # beam_depth_3db takes the exact constant
    a3 = beam_depth_factor(8)
    assert float(beam_depth_3db(1.0, 100.0, a3=a3)) == pytest.approx(
        2 * a3 * 100.0 / ((a3 * 100.0) ** 2 - 1.0), rel=1e-12)


def test_farfield_gain_is_one_far_away_and_rejects_bad_input():
    assert float(farfield_beamforming_gain(1e300, 1.0)) == 1.0
    u = np.sqrt(1 / (8 * 1e3))  # series G = 1 - 2 pi^2 u^4 / 45 + O(u^8), u^2 = d_F / (8 z)
    assert float(farfield_beamforming_gain(1e3, 1.0)) == pytest.approx(
        1 - 2 * np.pi**2 * u**4 / 45, abs=1e-14)
    for bad, exc in ((np.inf, ValueError), (np.nan, ValueError), ("3", TypeError)):
        with pytest.raises(exc, match="z"):
            farfield_beamforming_gain(bad, 1.0)
        with pytest.raises(exc, match="aperture"):
            fraunhofer_distance(bad, 0.1)
        with pytest.raises(exc, match="distance"):
            planar_array_gain(10, 1e-3, bad)
    with pytest.raises(ValueError, match="n_side"):
        farfield_beamforming_gain_exact(1.0, 10**6, 1.0)
    with pytest.raises(ValueError, match="a3"):
        beam_depth_3db(1.0, 10.0, a3=-0.1)
