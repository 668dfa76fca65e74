"""Tests of wirelesseff.channel.geometry and wirelesseff.channel.arrays."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wirelesseff.channel.arrays import nearfield_response, steering_vector, ula_steering
from wirelesseff.channel.geometry import (
    azimuth_elevation,
    cartesian_to_spherical,
    direction_vector,
    distance,
    spherical_to_cartesian,
    ula_positions,
    upa_positions,
)

angles = st.floats(-np.pi + 1e-6, np.pi)
elevations = st.floats(-np.pi / 2 + 1e-6, np.pi / 2 - 1e-6)


# ================================================================= geometry
@pytest.mark.parametrize("axis", ["x", "y", "z"])
def test_ula_positions_centred_and_spaced(axis):
    p = ula_positions(5, 0.25, axis=axis)
    assert p.shape == (5, 3)
    np.testing.assert_allclose(p.mean(axis=0), 0.0, atol=1e-15)
    np.testing.assert_allclose(np.linalg.norm(np.diff(p, axis=0), axis=1), 0.25)
    col = "xyz".index(axis)
    assert np.all(np.delete(p, col, axis=1) == 0)


def test_upa_positions_ordering_x_fastest():
    p = upa_positions(3, 2, 0.5, 0.25)
    assert p.shape == (6, 3)
    np.testing.assert_allclose(p.mean(axis=0), 0.0, atol=1e-15)
    grid = p.reshape(2, 3, 3)  # [i_y, i_x]
    np.testing.assert_allclose(grid[1, 2], [0.5, 0.125, 0.0])
    np.testing.assert_allclose(grid[0, 0], [-0.5, -0.125, 0.0])
    np.testing.assert_allclose(p[1] - p[0], [0.5, 0.0, 0.0])  # x runs fastest
    np.testing.assert_allclose(upa_positions(2, 2, 1.0)[:, :2],
                               [[-0.5, -0.5], [0.5, -0.5], [-0.5, 0.5], [0.5, 0.5]])


def test_distance_broadcasts():
    a = np.zeros((4, 1, 3))
    b = np.array([[3.0, 4.0, 0.0], [0.0, 0.0, 2.0]])
    d = distance(a, b)
    assert d.shape == (4, 2)
    np.testing.assert_allclose(d, [[5.0, 2.0]] * 4)
    assert isinstance(distance([0, 0, 0], [1, 0, 0]), float)


@given(st.floats(0.0, 1e6), angles, elevations)
def test_spherical_round_trip(r, az, el):
    p = spherical_to_cartesian(r, az, el)
    assert np.linalg.norm(p) == pytest.approx(r, rel=1e-12, abs=1e-12)
    if r > 1e-3:
        r2, az2, el2 = cartesian_to_spherical(p)
        assert r2 == pytest.approx(r, rel=1e-12)
        assert el2 == pytest.approx(el, abs=1e-9)
        if abs(el) < np.pi / 2 - 1e-3:
            assert np.angle(np.exp(1j * (az2 - az))) == pytest.approx(0.0, abs=1e-9)


def test_angle_convention_axes():
    np.testing.assert_allclose(direction_vector(0.0, 0.0), [1, 0, 0], atol=1e-15)
    np.testing.assert_allclose(direction_vector(np.pi / 2, 0.0), [0, 1, 0], atol=1e-15)
    np.testing.assert_allclose(direction_vector(0.3, np.pi / 2), [0, 0, 1], atol=1e-15)
    az, el = azimuth_elevation([[1.0, 1.0, 0.0], [0.0, 0.0, -5.0]])
    np.testing.assert_allclose(az, [np.pi / 4, 0.0])
    np.testing.assert_allclose(el, [0.0, -np.pi / 2])


@pytest.mark.parametrize(("call", "name"), [
    (lambda: ula_positions(0, 0.5), "n"),
    (lambda: ula_positions(4, 0.0), "spacing"),
    (lambda: ula_positions(4, 0.5, axis="w"), "axis"),
    (lambda: upa_positions(4, 0, 0.5), "n_y"),
    (lambda: upa_positions(4, 4, 0.5, -1.0), "spacing_y"),
    (lambda: distance(np.zeros(2), np.zeros(3)), "a"),
    (lambda: spherical_to_cartesian(-1.0, 0.0, 0.0), "r"),
    (lambda: cartesian_to_spherical(np.zeros((3, 2))), "points"),
])
def test_geometry_rejects_bad_input(call, name):
    with pytest.raises(ValueError, match=name):
        call()


# ================================================================= steering vectors
@given(angles, elevations)
def test_steering_vector_unit_modulus_and_norm(az, el):
    pos = upa_positions(4, 3, 0.5)
    a = steering_vector(pos, az, el, 1.0)
    np.testing.assert_allclose(np.abs(a), 1.0, rtol=1e-12)
    an = steering_vector(pos, az, el, 1.0, normalize=True)
    assert np.linalg.norm(an) == pytest.approx(1.0, rel=1e-12)


def test_steering_vector_batches_and_broadside():
    pos = ula_positions(8, 0.5, axis="y")
    az = np.linspace(-1, 1, 7)[:, None]
    el = np.array([0.0, 0.2])
    a = steering_vector(pos, az, el, 1.0)
    assert a.shape == (7, 2, 8)
    # broadside of a y-axis ULA is azimuth 0 (direction +x): all phases zero
    np.testing.assert_allclose(steering_vector(pos, 0.0, 0.0, 1.0), 1.0)


@given(st.floats(-np.pi / 2, np.pi / 2), st.integers(1, 32), st.floats(0.05, 2.0))
def test_ula_steering_equals_general_steering_up_to_common_phase(angle, n, spacing_wl):
    lam = 0.01
    a = ula_steering(n, spacing_wl, angle)
    g = steering_vector(ula_positions(n, spacing_wl * lam, axis="y"), angle, 0.0, lam)
    common = np.exp(1j * np.pi * spacing_wl * (n - 1) * np.sin(angle))
    np.testing.assert_allclose(a, g * common, atol=1e-9)
    assert a[0] == 1.0


def test_ula_steering_textbook_form_and_orthogonality():
    a = ula_steering(4, 0.5, np.arcsin(0.5))
    np.testing.assert_allclose(a, np.exp(1j * np.pi * 0.5 * np.arange(4)))
    # Half-wavelength ULA: beams at sin(phi) = 2k/N are orthogonal (DFT columns).
    n = 8
    b1 = ula_steering(n, 0.5, 0.0, normalize=True)
    b2 = ula_steering(n, 0.5, np.arcsin(2 / n), normalize=True)
    assert abs(np.vdot(b1, b2)) < 1e-12
    assert ula_steering(4, 0.5, np.zeros((3, 2))).shape == (3, 2, 4)


# ================================================================= near field
def test_nearfield_tends_to_farfield_for_large_distance():
    lam = 0.01
    pos = upa_positions(16, 16, lam / 2)
    az, el = 0.4, 0.9
    u = direction_vector(az, el)
    d_f = 2 * (16 * np.sqrt(2) * lam / 2) ** 2 / lam  # Fraunhofer distance of the array
    a_ff = steering_vector(pos, az, el, lam)
    errs = []
    for r in d_f * np.array([1.0, 10.0, 1e2, 1e4, 1e6]):
        a_nf = nearfield_response(pos, r * u, lam)
        # remove a common phase, then compare element-wise
        c = np.vdot(a_ff, a_nf)
        errs.append(np.max(np.abs(a_nf * np.conj(c) / abs(c) - a_ff)))
    errs = np.array(errs)
    assert np.all(np.diff(errs) < 0)        # converges monotonically
    assert errs[0] < np.pi / 8 + 0.05        # d_F: max phase error about pi/8 by definition
    assert errs[-1] < 1e-5                   # far beyond d_F: plane wave


def test_nearfield_normalisations():
    lam = 0.1
    pos = ula_positions(16, lam / 2)
    users = np.array([[0.3, 2.0, 0.5], [-1.0, 5.0, 0.0]])
    a = nearfield_response(pos, users, lam)
    assert a.shape == (2, 16)
    np.testing.assert_allclose(np.abs(a), 1.0, rtol=1e-12)
    an = nearfield_response(pos, users, lam, normalize="unit_norm")
    np.testing.assert_allclose(np.linalg.norm(an, axis=-1), 1.0, rtol=1e-12)
    h = nearfield_response(pos, users, lam, normalize="free_space")
    r = np.linalg.norm(users[:, None, :] - pos, axis=-1)
    np.testing.assert_allclose(np.abs(h) ** 2, (lam / (4 * np.pi * r)) ** 2, rtol=1e-12)
    # free_space and unit_modulus differ by amplitude and the common phase e^{-j k r_0} only
    r0 = np.linalg.norm(users, axis=-1, keepdims=True)
    np.testing.assert_allclose(h * (4 * np.pi * r / lam) * np.exp(1j * 2 * np.pi / lam * r0), a,
                               atol=1e-9)


def test_nearfield_stable_path_difference_far_away():
    # r_n - r_0 evaluated naively loses all digits at 1e9 m; the stable form keeps the phase.
    lam = 0.01
    pos = ula_positions(4, lam / 2, axis="y")
    u = direction_vector(0.5, 0.0)
    a = nearfield_response(pos, 1e9 * u, lam)
    np.testing.assert_allclose(a, steering_vector(pos, 0.5, 0.0, lam), atol=1e-9)


def test_nearfield_batch_of_wavelengths_and_users():
    pos = ula_positions(4, 0.05)
    users = np.array([0.0, 3.0, 0.0]) * np.ones((5, 1))
    lam = np.linspace(0.05, 0.1, 5)
    assert nearfield_response(pos, users, lam).shape == (5, 4)


@pytest.mark.parametrize(("call", "name"), [
    (lambda: steering_vector(np.zeros((4, 2)), 0.0, 0.0, 1.0), "positions"),
    (lambda: steering_vector(np.zeros((4, 3)), 0.0, 0.0, 0.0), "wavelength"),
    (lambda: ula_steering(0, 0.5, 0.0), "n"),
    (lambda: ula_steering(4, -0.5, 0.0), "spacing_wl"),
    (lambda: nearfield_response(np.zeros((4, 3)), [1.0, 0.0], 1.0), "user_positions"),
    (lambda: nearfield_response(np.zeros((4, 3)), [1.0, 0, 0], 1.0, normalize="x"),
     "normalize"),
    (lambda: nearfield_response(np.zeros((1, 3)), [0.0, 0, 0], 1.0, normalize="free_space"),
     "user_positions"),
])
def test_arrays_reject_bad_input(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_sizes_are_bounded_before_allocation_and_inputs_named():
    import time

    from wirelesseff.channel.geometry import MAX_ELEMENTS, ula_positions, upa_positions

    t0 = time.perf_counter()
    with pytest.raises(ValueError, match="n must be an integer in"):
        ula_positions(10**12, 0.5)
    with pytest.raises(ValueError, match=f"n_x \\* n_y must be <= {MAX_ELEMENTS}"):
        upa_positions(10**4, 10**4, 0.5)
    with pytest.raises(ValueError, match="n must be an integer in"):
        ula_steering(1e308, 0.5, 0.0)
    assert time.perf_counter() - t0 < 1.0  # refused up front
    with pytest.raises(TypeError, match="azimuth must be real-valued"):
        steering_vector(ula_positions(4, 0.5), 1j, 0.0, 1.0)
    with pytest.raises(ValueError, match="spacing_wl must have physical magnitudes"):
        ula_steering(4, 1e308, 0.5)
