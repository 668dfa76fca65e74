r"""Non-terrestrial (LEO satellite) channel: geometry, orbit, Doppler and 3GPP TR 38.811 losses.

Conventions
-----------
* :math:`\theta` is the elevation angle of the satellite seen from the ground terminal [rad],
  :math:`\psi` the Earth-central angle between terminal and sub-satellite point [rad],
  :math:`h` the orbit altitude [m] and :math:`r = R_E + h` the orbit radius [m].
* Spherical Earth (:data:`EARTH_RADIUS` = 6371 km, TR 38.811), circular orbit, overhead pass
  (the ground track passes through the terminal), Earth rotation ignored.
* Every function broadcasts over its array arguments (scalar in, scalar out).
* Inputs are checked before use: a non-number raises ``TypeError``, NaN/inf or a value outside
  its domain ``ValueError`` naming the parameter. Domains: elevation in [0, π/2] (TR 38.811
  tables: [10°, 90°]), ``psi`` in [0, π], altitude in (0, :data:`MAX_ALTITUDE`], carrier
  frequency in (0, :data:`MAX_FREQUENCY`], ``earth_radius`` in (0, 1e9] m, ``mu`` in
  [1, 1e22] m³/s², loss terms in [0, :data:`MAX_LOSS_DB`] dB; these bounds keep every formula
  free of overflow.

The free-space loss is the common :func:`wirelesseff.channel.pathloss.free_space_db` (re-exported
here as :data:`free_space_path_loss_db`); the shadowed-Rician land-mobile-satellite fading model
is :class:`wirelesseff.channel.fading.ShadowedRician` (re-exported here).

References
----------
.. [1] 3GPP TR 38.811 V15.4.0, "Study on New Radio (NR) to support non-terrestrial networks",
   2020, Secs. 6.4 (antenna), 6.6 (path loss, Tables 6.6.1-1 and 6.6.2-1/2/3).
.. [2] I. Ali, N. Al-Dhahir, J. E. Hershey, "Doppler characterization for LEO satellites",
   IEEE Trans. Commun. 46(3):309-313, 1998, doi:10.1109/26.662636.
.. [3] A. Abdi, W. C. Lau, M.-S. Alouini, M. Kaveh, "A new simple model for land mobile
   satellite channels: first- and second-order statistics", IEEE Trans. Wireless Commun.
   2(3):519-528, 2003, doi:10.1109/TWC.2003.811182.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Sequence

import numpy as np
from scipy.special import j1

from .._validation import (
    as_generator,
    check_choice,
    check_finite,
    check_flag,
    check_real_array,
)
from ..units import SPEED_OF_LIGHT
from .fading import ShadowedRician
from .pathloss import free_space_db as free_space_path_loss_db

__all__ = [
    "EARTH_MU",
    "EARTH_RADIUS",
    "MAX_ALTITUDE",
    "MAX_FREQUENCY",
    "MAX_TLE_STEPS",
    "SPEED_OF_LIGHT",
    "TR38811_BANDS",
    "TR38811_ELEVATIONS_DEG",
    "TR38811_SCENARIOS",
    "ShadowedRician",
    "atmospheric_attenuation_db",
    "central_angle",
    "clutter_loss_db",
    "doppler_shift",
    "elevation_from_central_angle",
    "elevation_track",
    "free_space_path_loss_db",
    "los_probability",
    "nadir_angle",
    "orbital_angular_velocity",
    "orbital_period",
    "orbital_speed",
    "pass_from_tle",
    "satellite_antenna_gain",
    "shadow_fading_std_db",
    "slant_range",
    "slant_range_from_central_angle",
    "tr38811_mean_excess_gain",
    "tr38811_path_loss_db",
    "track_central_angle",
    "track_doppler_shift",
    "visibility_duration",
]

#: Mean Earth radius :math:`R_E` [m] used by 3GPP TR 38.811 (Sec. 4.2 / Table 6.6.1-1 geometry).
EARTH_RADIUS: float = 6371e3
#: Standard gravitational parameter of the Earth :math:`\mu` [m^3/s^2] (WGS-84 value
#: 3.986004418e14, NIMA TR8350.2).
EARTH_MU: float = 3.986004418e14

#: Largest altitude accepted [m] (1e6 km, 2.6 times the Earth-Moon distance; GEO is 35 786 km):
#: a documented domain, so that no formula overflows.
MAX_ALTITUDE: float = 1e9
#: Largest carrier frequency accepted [Hz] (optical, 1 PHz).
MAX_FREQUENCY: float = 1e15
#: Largest number of time steps of :func:`pass_from_tle` (``duration / step``).
MAX_TLE_STEPS: int = 1_000_000
#: Largest slant range of :func:`tr38811_path_loss_db` [m] (1e9 km).
MAX_DISTANCE: float = 1e12
#: Largest loss term in dB accepted (atmospheric, scintillation, entry, zenith attenuation).
MAX_LOSS_DB: float = 1e4
#: Accepted range of ``earth_radius`` [m] (any planet: Jupiter's is 7e7 m) and of ``mu``
#: [m^3/s^2] (the Sun's is 1.3e20).
_EARTH_RADIUS_RANGE = (0.0, 1e9)
_MU_RANGE = (1.0, 1e22)


def _out(x):
    x = np.asarray(x)
    return x[()] if x.ndim == 0 else x


def _real(name, value, low=None, high=None, *, low_open=False, high_open=False, what=None,
          allow_inf=False):
    """``value`` as a float array, checked real (``TypeError``), finite (``inf`` allowed with
    ``allow_inf``) and in range (``ValueError``), the message naming ``name``."""
    if type(value) is float or type(value) is int:  # fast path for plain valid scalars
        v = float(value)
        if (math.isfinite(v) and (low is None or (v > low if low_open else v >= low))
                and (high is None or (v < high if high_open else v <= high))):
            return np.asarray(v)
    arr = check_real_array(name, value, low, high, low_open=low_open, high_open=high_open,
                           finite=False, allow_nan=True, what=what)  # type and range
    if not allow_inf:
        check_finite(**{name: arr})  # NaN and inf: "<name> must be finite"
    elif np.any(np.isnan(arr)):
        raise ValueError(f"{name} must not be NaN")
    return arr


def _check_elevation(elevation, low=0.0, name="elevation"):
    return _real(name, elevation, low, np.pi / 2)


def _check_altitude(altitude):
    return _real("altitude", altitude, 0.0, MAX_ALTITUDE, low_open=True)


def _check_body(earth_radius, mu=None):
    """Validate the central body's radius (and gravitational parameter) [m, m^3/s^2]."""
    r = _real("earth_radius", earth_radius, *_EARTH_RADIUS_RANGE, low_open=True)
    if mu is None:
        return r
    return r, _real("mu", mu, *_MU_RANGE)


def _broadcast(**named):
    """Raise a ``ValueError`` naming the arrays when their shapes do not broadcast."""
    try:
        np.broadcast_shapes(*(np.shape(v) for v in named.values()))
    except ValueError:
        shapes = ", ".join(f"{k} {np.shape(v)}" for k, v in named.items())
        raise ValueError(f"the shapes of {', '.join(named)} must broadcast, got {shapes}") \
            from None


def _check_frequency(name, frequency):
    return _real(name, frequency, 0.0, MAX_FREQUENCY, low_open=True)


# --------------------------------------------------------------------------------------------
# Geometry and orbit
# --------------------------------------------------------------------------------------------


def slant_range(elevation, altitude, earth_radius=EARTH_RADIUS):
    r"""Distance between a ground terminal and a satellite seen at a given elevation.

    Parameters
    ----------
    elevation : array_like
        Elevation angle :math:`\theta` in [0, π/2] [rad].
    altitude : array_like
        Satellite altitude :math:`h` above the spherical Earth (> 0) [m].
    earth_radius : float, optional
        Earth radius :math:`R_E` [m], default 6371e3 (TR 38.811).

    Returns
    -------
    ndarray or float
        Slant range :math:`d` [m].

    Notes
    -----
    Law of cosines in the Earth-centre/terminal/satellite triangle (TR 38.811 Sec. 6.6.2):

    .. math:: d = \sqrt{R_E^2\sin^2\theta + h^2 + 2hR_E} - R_E\sin\theta  \qquad (G1)

    Examples
    --------
    >>> float(slant_range(np.pi / 2, 550e3))
    550000.0
    >>> round(float(slant_range(np.deg2rad(10.0), 550e3)) / 1e3, 1)  # km
    1815.1
    """
    el = _check_elevation(elevation)
    h = _check_altitude(altitude)
    earth_radius = _check_body(earth_radius)
    s = np.sin(el)
    return _out(np.sqrt(earth_radius**2 * s**2 + h**2 + 2 * h * earth_radius) - earth_radius * s)


def central_angle(elevation, altitude, earth_radius=EARTH_RADIUS):
    r"""Earth-central angle :math:`\psi` between the terminal and the sub-satellite point [rad].

    .. math:: \psi = \arccos\!\left(\frac{R_E\cos\theta}{R_E+h}\right) - \theta  \qquad (G2)

    Examples
    --------
    >>> float(central_angle(np.pi / 2, 550e3))
    0.0
    >>> round(float(np.rad2deg(central_angle(np.deg2rad(10.0), 550e3))), 3)
    14.968
    """
    el = _check_elevation(elevation)
    h = _check_altitude(altitude)
    earth_radius = _check_body(earth_radius)
    r = earth_radius + h
    return _out(np.arccos(earth_radius * np.cos(el) / r) - el)


def elevation_from_central_angle(psi, altitude, earth_radius=EARTH_RADIUS):
    r"""Elevation :math:`\theta` of a satellite at Earth-central angle ``psi`` [rad].

    Parameters
    ----------
    psi : array_like
        Earth-central angle :math:`\psi` in [0, π] [rad].
    altitude : array_like
        Satellite altitude [m].

    Returns
    -------
    ndarray or float
        Elevation [rad]; negative when the satellite is below the horizon.

    Notes
    -----
    .. math:: \theta = \operatorname{atan2}\!\left(\cos\psi - \frac{R_E}{r},\ \sin\psi\right)
       \qquad (G3)

    Examples
    --------
    >>> float(elevation_from_central_angle(0.0, 550e3)) == np.pi / 2
    True
    """
    psi = _real("psi", psi, 0.0, np.pi)
    h = _check_altitude(altitude)
    earth_radius = _check_body(earth_radius)
    r = earth_radius + h
    return _out(np.arctan2(np.cos(psi) - earth_radius / r, np.sin(psi)))


def slant_range_from_central_angle(psi, altitude, earth_radius=EARTH_RADIUS):
    r"""Slant range from the Earth-central angle, :math:`d = \sqrt{R_E^2+r^2-2R_Er\cos\psi}` (G3).

    Examples
    --------
    >>> float(slant_range_from_central_angle(0.0, 550e3))
    550000.0
    """
    psi = _real("psi", psi, 0.0, np.pi)
    h = _check_altitude(altitude)
    earth_radius = _check_body(earth_radius)
    r = earth_radius + h
    return _out(np.sqrt(np.maximum(earth_radius**2 + r**2 - 2 * earth_radius * r * np.cos(psi), 0)))


def nadir_angle(elevation, altitude, earth_radius=EARTH_RADIUS):
    r"""Off-nadir angle :math:`\eta` of the terminal seen from the satellite [rad].

    .. math:: \eta = \arcsin\!\left(\frac{R_E\cos\theta}{R_E+h}\right)

    (law of sines; :math:`\eta + \theta + \psi = \pi/2`).

    Examples
    --------
    >>> round(float(nadir_angle(np.pi / 2, 550e3)), 12)
    0.0
    >>> round(float(np.rad2deg(nadir_angle(0.0, 550e3))), 2)  # edge of the Earth disc
    67.0
    """
    el = _check_elevation(elevation)
    h = _check_altitude(altitude)
    earth_radius = _check_body(earth_radius)
    return _out(np.arcsin(earth_radius * np.cos(el) / (earth_radius + h)))


def orbital_speed(altitude, earth_radius=EARTH_RADIUS, mu=EARTH_MU):
    r"""Speed of a circular orbit, :math:`v = \sqrt{\mu/r}` [m/s] (G4).

    Note the square root of :math:`\mu/r`, not :math:`\mu/r^2` (docs/ris_leo.md, 'Pitfalls').

    Examples
    --------
    >>> round(float(orbital_speed(550e3)), 1)
    7589.0
    """
    h = _check_altitude(altitude)
    earth_radius, mu = _check_body(earth_radius, mu)
    return _out(np.sqrt(mu / (earth_radius + h)))


def orbital_angular_velocity(altitude, earth_radius=EARTH_RADIUS, mu=EARTH_MU):
    r"""Angular velocity of a circular orbit, :math:`\omega = v/r = \sqrt{\mu/r^3}` [rad/s] (G4)."""
    h = _check_altitude(altitude)
    earth_radius, mu = _check_body(earth_radius, mu)
    r = earth_radius + h
    return _out(np.sqrt(mu / r**3))


def orbital_period(altitude, earth_radius=EARTH_RADIUS, mu=EARTH_MU):
    r"""Period of a circular orbit, :math:`T = 2\pi\sqrt{r^3/\mu}` [s] (G4).

    Examples
    --------
    >>> round(float(orbital_period(550e3)) / 60, 2)  # minutes
    95.5
    """
    h = _check_altitude(altitude)
    earth_radius, mu = _check_body(earth_radius, mu)
    r = earth_radius + h
    return _out(2 * np.pi * np.sqrt(r**3 / mu))


def visibility_duration(altitude, min_elevation, earth_radius=EARTH_RADIUS, mu=EARTH_MU):
    r"""Duration of an overhead pass above ``min_elevation``, :math:`T_\mathrm{vis} =
    2\psi(\theta_\min)/\omega` [s] (G5; Earth rotation ignored).

    Examples
    --------
    >>> round(float(visibility_duration(550e3, np.deg2rad(10.0))), 1)  # about 8 minutes
    476.5
    """
    min_elevation = _check_elevation(min_elevation, name="min_elevation")
    psi = central_angle(min_elevation, altitude, earth_radius)
    return _out(2 * np.asarray(psi) / orbital_angular_velocity(altitude, earth_radius, mu))


def elevation_track(t, altitude, earth_radius=EARTH_RADIUS, mu=EARTH_MU):
    r"""Elevation along an overhead pass, :math:`\theta(t) = \theta(\psi=\omega|t|)` (G6).

    Parameters
    ----------
    t : array_like
        Time relative to the zenith passage (t = 0) [s].
    altitude : array_like
        Satellite altitude [m].

    Returns
    -------
    ndarray or float
        Elevation [rad] (negative once the satellite has set). The circular orbit is followed
        for any ``t``: the central angle is :math:`\omega|t|` folded into :math:`[0, \pi]`, so
        the track is periodic with the orbital period (Earth rotation ignored).

    Raises
    ------
    ValueError
        If ``t`` contains NaN or infinite values.

    Examples
    --------
    >>> float(elevation_track(0.0, 550e3)) == np.pi / 2
    True
    >>> T = float(orbital_period(550e3))
    >>> round(float(np.rad2deg(elevation_track(T / 2, 550e3))), 2)  # antipode: below horizon
    -90.0
    >>> float(elevation_track(T, 550e3)) == float(elevation_track(0.0, 550e3))  # next pass
    True
    """
    return elevation_from_central_angle(track_central_angle(t, altitude, earth_radius, mu),
                                        altitude, earth_radius)


def track_central_angle(t, altitude, earth_radius=EARTH_RADIUS, mu=EARTH_MU):
    r"""Earth-central angle :math:`\psi(t)` of an overhead circular pass [rad], in [0, π].

    :math:`\psi = \omega|t|` for :math:`\omega|t|\le\pi` (t = 0 at zenith), folded into
    :math:`[0, \pi]` beyond (the satellite returns after one orbital period; Earth rotation
    ignored).

    Examples
    --------
    >>> w = float(orbital_angular_velocity(550e3))
    >>> round(float(track_central_angle(-100.0, 550e3)) / w, 9)
    100.0
    >>> T = float(orbital_period(550e3))
    >>> round(float(track_central_angle(0.75 * T, 550e3)), 12) == round(np.pi / 2, 12)
    True
    """
    t = _real("t", t)
    w = orbital_angular_velocity(altitude, earth_radius, mu)
    x = np.abs(w * t)
    folded = np.abs(np.mod(x + np.pi, 2 * np.pi) - np.pi)
    return _out(np.where(x <= np.pi, x, folded))


def track_doppler_shift(carrier_frequency, t, altitude, earth_radius=EARTH_RADIUS, mu=EARTH_MU):
    r"""Signed Doppler shift along an overhead circular pass [Hz], valid at every ``t``.

    .. math:: f_D(t) = -\frac{f_c}{c}\dot d(t)
       = -\frac{f_c}{c}\,\frac{R_E\,r\,\omega\sin(\omega t)}{d(t)},
       \qquad d^2 = R_E^2 + r^2 - 2R_Er\cos(\omega t)

    (G3 differentiated). Positive while the satellite approaches; equals
    :math:`-\mathrm{sign}(t)\,|f_D(\theta(t))|` of :func:`doppler_shift` (G7) while the
    satellite is above the horizon, and stays defined below it.

    Examples
    --------
    >>> t = np.array([-100.0, 0.0, 100.0])
    >>> fd = track_doppler_shift(2e9, t, 550e3)
    >>> g7 = -np.sign(t) * doppler_shift(2e9, 550e3, elevation_track(t, 550e3))
    >>> bool(np.allclose(fd, g7, rtol=1e-12, atol=1e-9))
    True
    """
    carrier_frequency = _check_frequency("carrier_frequency", carrier_frequency)
    t = _real("t", t)
    h = _check_altitude(altitude)
    earth_radius, mu = _check_body(earth_radius, mu)
    _broadcast(carrier_frequency=carrier_frequency, t=t, altitude=h, earth_radius=earth_radius,
               mu=mu)
    r = earth_radius + h
    w = orbital_angular_velocity(altitude, earth_radius, mu)
    d = slant_range_from_central_angle(track_central_angle(t, altitude, earth_radius, mu),
                                       altitude, earth_radius)
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = np.where(d > 0, earth_radius * r * w * np.sin(w * t) / np.where(d > 0, d, 1.0),
                        0.0)
    return _out(-carrier_frequency * rate / SPEED_OF_LIGHT)


def doppler_shift(carrier_frequency, altitude, elevation, earth_radius=EARTH_RADIUS, mu=EARTH_MU):
    r"""Magnitude of the Doppler shift of an overhead LEO pass [Hz] (G7).

    Parameters
    ----------
    carrier_frequency : array_like
        Carrier frequency :math:`f_c` [Hz].
    altitude : array_like
        Satellite altitude [m].
    elevation : array_like
        Elevation [rad] in [0, π/2].

    Returns
    -------
    ndarray or float
        :math:`|f_D| = f_c\,(v/c)\,(R_E/r)\cos\theta` [Hz]. The shift is positive while the
        satellite approaches: multiply by :math:`-\mathrm{sign}(t)` with t = 0 at zenith.

    Notes
    -----
    Ali, Al-Dhahir and Hershey (1998), Eq. (9) with the Earth rotation neglected: the range rate of
    a circular orbit seen from a terminal in its plane is :math:`\dot d = -v (R_E/r)\cos\theta`
    while approaching.

    Examples
    --------
    >>> abs(float(doppler_shift(2e9, 550e3, np.pi / 2))) < 1e-9
    True
    >>> round(float(doppler_shift(2e9, 550e3, 0.0)) / 1e3, 2)  # kHz at the horizon, S band
    46.6
    """
    carrier_frequency = _check_frequency("carrier_frequency", carrier_frequency)
    el = _check_elevation(elevation)
    h = _check_altitude(altitude)
    earth_radius, mu = _check_body(earth_radius, mu)
    r = earth_radius + h
    v = np.sqrt(mu / r)
    return _out(carrier_frequency * v / SPEED_OF_LIGHT * earth_radius / r
                * np.cos(el))


# --------------------------------------------------------------------------------------------
# TR 38.811 losses
# --------------------------------------------------------------------------------------------

#: Elevation grid of the TR 38.811 tables [deg].
TR38811_ELEVATIONS_DEG = np.arange(10.0, 91.0, 10.0)

#: Table 6.6.1-1: LOS probability [-] per scenario on the 10°...90° grid.
_LOS_PROBABILITY = {
    "dense_urban": np.array([28.2, 33.1, 39.8, 46.8, 53.7, 61.2, 73.8, 82.0, 98.1]) / 100,
    "urban": np.array([24.6, 38.6, 49.3, 61.3, 72.6, 80.5, 91.9, 96.8, 99.2]) / 100,
    "suburban_rural": np.array([78.2, 86.9, 91.9, 92.9, 93.5, 94.0, 94.9, 95.2, 99.8]) / 100,
}

#: Tables 6.6.2-1 (dense urban), 6.6.2-2 (urban), 6.6.2-3 (suburban/rural): shadow-fading standard
#: deviations sigma_SF [dB] (LOS, NLOS) and clutter loss CL [dB] (NLOS) for S and Ka band.
_SF_CL = {
    ("dense_urban", "s"): (
        np.array([3.5, 3.4, 2.9, 3.0, 3.1, 2.7, 2.5, 2.3, 1.2]),
        np.array([15.5, 13.9, 12.4, 11.7, 10.6, 10.5, 10.1, 9.2, 9.2]),
        np.array([34.3, 30.9, 29.0, 27.7, 26.8, 26.2, 25.8, 25.5, 25.5]),
    ),
    ("dense_urban", "ka"): (
        np.array([2.9, 2.4, 2.7, 2.4, 2.4, 2.7, 2.6, 2.8, 0.6]),
        np.array([17.1, 17.1, 15.6, 14.6, 14.2, 12.6, 12.1, 12.3, 12.3]),
        np.array([44.3, 39.9, 37.5, 35.8, 34.6, 33.8, 33.3, 33.0, 32.9]),
    ),
    ("urban", "s"): (
        np.full(9, 4.0),
        np.full(9, 6.0),
        np.array([34.3, 30.9, 29.0, 27.7, 26.8, 26.2, 25.8, 25.5, 25.5]),
    ),
    ("urban", "ka"): (
        np.full(9, 4.0),
        np.full(9, 6.0),
        np.array([44.3, 39.9, 37.5, 35.8, 34.6, 33.8, 33.3, 33.0, 32.9]),
    ),
    ("suburban_rural", "s"): (
        np.array([1.79, 1.14, 1.14, 0.92, 1.42, 1.56, 0.85, 0.72, 0.72]),
        np.array([8.93, 9.08, 8.78, 10.25, 10.56, 10.74, 10.17, 11.52, 11.52]),
        np.array([19.52, 18.17, 18.42, 18.28, 18.63, 17.68, 16.50, 16.30, 16.30]),
    ),
    ("suburban_rural", "ka"): (
        np.array([1.9, 1.6, 1.9, 2.3, 2.7, 3.1, 3.0, 3.6, 0.4]),
        np.array([10.7, 10.0, 11.2, 11.6, 11.8, 10.8, 10.8, 10.8, 10.8]),
        np.array([29.5, 24.6, 21.9, 20.0, 18.7, 17.8, 17.2, 16.9, 16.8]),
    ),
}

#: Deployment scenarios of the TR 38.811 tables.
TR38811_SCENARIOS = tuple(_LOS_PROBABILITY)
#: Bands of the TR 38.811 shadowing/clutter tables (case-insensitive).
TR38811_BANDS = ("s", "ka")
_SCENARIOS = TR38811_SCENARIOS
_BANDS = TR38811_BANDS


def _check_los_state(los, allow_mixed):
    """``los`` must be a boolean (``True``/``False``; numpy booleans too) or, where allowed,
    ``"mixed"``; integers such as 0, 1 or 2 are rejected rather than read as truth values."""
    if isinstance(los, str) and allow_mixed:
        check_choice("los", los, ("mixed",))
        return los
    if isinstance(los, bool | np.bool_):
        return bool(los)
    allowed = "True, False or 'mixed'" if allow_mixed else "True or False"
    raise TypeError(f"los must be {allowed}, got {los!r} of type {type(los).__name__}")


def _interp_table(elevation, table):
    el = _real("elevation", elevation, np.deg2rad(10.0) - 1e-12, np.pi / 2,
               what="(TR 38.811 tables cover 10°-90°)")
    deg = np.clip(np.rad2deg(el), 10.0, 90.0)
    return _out(np.interp(deg, TR38811_ELEVATIONS_DEG, table))


def _band(band):
    band = band.lower() if isinstance(band, str) else band
    return check_choice("band", band, _BANDS)


def los_probability(elevation, scenario):
    r"""LOS probability of a satellite link, TR 38.811 Table 6.6.1-1.

    Parameters
    ----------
    elevation : array_like
        Elevation [rad] in [10°, 90°]; values between the 10° grid points are interpolated
        linearly (assumed; the standard gives only the grid).
    scenario : {"dense_urban", "urban", "suburban_rural"}
        Deployment scenario.

    Returns
    -------
    ndarray or float
        Probability [-].

    Raises
    ------
    ValueError
        For an elevation below 10° (outside the table) or an unknown scenario.

    Examples
    --------
    >>> round(float(los_probability(np.deg2rad(30.0), "urban")), 6)
    0.493
    >>> round(float(los_probability(np.deg2rad(15.0), "dense_urban")), 4)
    0.3065
    """
    check_choice("scenario", scenario, _SCENARIOS)
    return _interp_table(elevation, _LOS_PROBABILITY[scenario])


def shadow_fading_std_db(elevation, scenario, band, los):
    r"""Shadow-fading standard deviation :math:`\sigma_\mathrm{SF}` [dB], TR 38.811
    Tables 6.6.2-1/2/3 (S and Ka band, LOS or NLOS), interpolated linearly in elevation.

    Parameters
    ----------
    elevation : array_like
        Elevation [rad] in [10°, 90°].
    scenario : {"dense_urban", "urban", "suburban_rural"}
        Deployment scenario.
    band : {"s", "ka"}
        Band of the table (case-insensitive).
    los : bool
        ``True`` for the LOS column, ``False`` for NLOS (any other value raises ``TypeError``).

    Examples
    --------
    >>> float(shadow_fading_std_db(np.deg2rad(10.0), "dense_urban", "s", los=False))
    15.5
    >>> float(shadow_fading_std_db(np.deg2rad(90.0), "suburban_rural", "ka", los=True))
    0.4
    """
    check_choice("scenario", scenario, _SCENARIOS)
    los = _check_los_state(los, allow_mixed=False)
    sf_los, sf_nlos, _ = _SF_CL[(scenario, _band(band))]
    return _interp_table(elevation, sf_los if los else sf_nlos)


def clutter_loss_db(elevation, scenario, band):
    r"""Clutter loss CL [dB] of an NLOS satellite link, TR 38.811 Tables 6.6.2-1/2/3.

    Examples
    --------
    >>> float(clutter_loss_db(np.deg2rad(10.0), "suburban_rural", "ka"))
    29.5
    """
    check_choice("scenario", scenario, _SCENARIOS)
    return _interp_table(elevation, _SF_CL[(scenario, _band(band))][2])


def _lognormal_mean(sigma_db):
    """E[10^(-SF/10)] for SF ~ N(0, sigma^2) [dB]."""
    return np.exp((np.asarray(sigma_db) * np.log(10) / 10) ** 2 / 2)


def tr38811_mean_excess_gain(elevation, scenario, band):
    r"""Mean linear gain of the TR 38.811 excess loss (shadowing and clutter), LOS-state mixed.

    Parameters
    ----------
    elevation : array_like
        Elevation [rad] in [10°, 90°].
    scenario, band : str
        As :func:`los_probability` and :func:`shadow_fading_std_db`.

    Returns
    -------
    ndarray or float
        :math:`\bar g = p\,g_\mathrm{LOS} + (1-p)\,g_\mathrm{NLOS}` [-], to multiply the
        free-space path gain, with :math:`g_\mathrm{LOS} = E[10^{-SF/10}] =
        \exp((\sigma_\mathrm{LOS}\ln 10/10)^2/2)` and :math:`g_\mathrm{NLOS} = 10^{-CL/10}
        \exp((\sigma_\mathrm{NLOS}\ln 10/10)^2/2)`.

    Notes
    -----
    The average is taken in linear units, so a larger shadowing spread *raises* the mean gain
    (the log-normal mean exceeds its median); use :func:`tr38811_path_loss_db` with an ``rng``
    for random draws.

    Examples
    --------
    >>> round(float(tr38811_mean_excess_gain(np.pi / 2, "suburban_rural", "ka")), 4)
    1.0032
    """
    check_choice("scenario", scenario, _SCENARIOS)
    p = los_probability(elevation, scenario)
    g_los = _lognormal_mean(shadow_fading_std_db(elevation, scenario, band, True))
    g_nlos = _lognormal_mean(shadow_fading_std_db(elevation, scenario, band, False)) * 10 ** (
        -np.asarray(clutter_loss_db(elevation, scenario, band)) / 10
    )
    return _out(p * g_los + (1 - p) * g_nlos)


def tr38811_path_loss_db(
    distance,
    frequency,
    elevation,
    *,
    scenario="suburban_rural",
    band="ka",
    los=True,
    rng=None,
    atmospheric_loss_db=0.0,
    scintillation_loss_db=0.0,
    entry_loss_db=0.0,
):
    r"""Satellite path loss of TR 38.811 Sec. 6.6 [dB].

    Parameters
    ----------
    distance : array_like
        Slant range :math:`d` [m].
    frequency : array_like
        Carrier frequency [Hz].
    elevation : array_like
        Elevation [rad] in [10°, 90°].
    scenario : {"dense_urban", "urban", "suburban_rural"}
        Deployment scenario (Table 6.6.1-1).
    band : {"s", "ka"}
        Which band's shadowing/clutter table to use (Tables 6.6.2-1/2/3).
    los : bool or "mixed"
        LOS state: ``True`` or ``False`` (Python or numpy booleans only; other values such as
        ``2`` raise ``TypeError``). ``"mixed"`` draws the state with probability
        :func:`los_probability` when an ``rng`` is given, and otherwise returns the loss of the
        mean linear gain (:func:`tr38811_mean_excess_gain`).
    rng : Generator, int or None
        Shadow fading :math:`SF\sim\mathcal N(0,\sigma_\mathrm{SF}^2)` is drawn only when given;
        otherwise SF = 0 (median loss).
    atmospheric_loss_db, scintillation_loss_db, entry_loss_db : array_like
        :math:`PL_g`, :math:`PL_s`, :math:`PL_e` [dB] (default 0: clear sky, outdoor terminal;
        see :func:`atmospheric_attenuation_db`).

    Returns
    -------
    ndarray or float
        :math:`PL = FSPL(d, f) + SF + CL + PL_g + PL_s + PL_e` [dB], CL in NLOS only.

    Examples
    --------
    >>> fspl = float(free_space_path_loss_db(600e3, 20e9))
    >>> float(tr38811_path_loss_db(600e3, 20e9, np.deg2rad(60.0), los=True)) == fspl
    True
    >>> round(float(tr38811_path_loss_db(600e3, 20e9, np.deg2rad(60.0), los=False)) - fspl, 1)
    17.8
    """
    check_choice("scenario", scenario, _SCENARIOS)
    band = _band(band)
    los = _check_los_state(los, allow_mixed=True)
    distance = _real("distance", distance, 0.0, MAX_DISTANCE)
    frequency = _check_frequency("frequency", frequency)
    fspl = np.asarray(free_space_path_loss_db(distance, frequency), dtype=float)
    el = _real("elevation", elevation, np.deg2rad(10.0) - 1e-12, np.pi / 2,
               what="(TR 38.811 tables cover 10°-90°)")
    extra = (_real("atmospheric_loss_db", atmospheric_loss_db, 0.0, MAX_LOSS_DB)
             + _real("scintillation_loss_db", scintillation_loss_db, 0.0, MAX_LOSS_DB)
             + _real("entry_loss_db", entry_loss_db, 0.0, MAX_LOSS_DB))
    if isinstance(los, str) and rng is None:
        gain = tr38811_mean_excess_gain(el, scenario, band)
        return _out(fspl - 10 * np.log10(gain) + extra)
    shape = np.broadcast_shapes(fspl.shape, el.shape, extra.shape)
    sf_los = np.broadcast_to(shadow_fading_std_db(el, scenario, band, True), shape)
    sf_nlos = np.broadcast_to(shadow_fading_std_db(el, scenario, band, False), shape)
    cl = np.broadcast_to(clutter_loss_db(el, scenario, band), shape)
    if isinstance(los, str):
        gen = as_generator(rng)
        is_los = gen.random(shape) < np.broadcast_to(los_probability(el, scenario), shape)
    else:
        gen = as_generator(rng) if rng is not None else None
        is_los = np.broadcast_to(np.asarray(los), shape)
    sigma = np.where(is_los, sf_los, sf_nlos)
    sf = gen.standard_normal(shape) * sigma if gen is not None else 0.0
    return _out(fspl + sf + np.where(is_los, 0.0, cl) + extra)


def atmospheric_attenuation_db(
    elevation,
    frequency,
    zenith_attenuation_db=0.0,
    use_itur=False,
    *,
    water_vapour_density=7.5,
    pressure_hpa=1013.25,
    temperature_k=288.15,
):
    r"""Atmospheric (gaseous) absorption of a slant path [dB], TR 38.811 Sec. 6.6.4.

    Parameters
    ----------
    elevation : array_like
        Elevation [rad] in (0, π/2].
    frequency : array_like
        Carrier frequency [Hz] (used only with ``use_itur``).
    zenith_attenuation_db : array_like, optional
        Zenith attenuation :math:`A_z` [dB] (default 0: the studies are clear-sky).
    use_itur : bool, optional
        Compute the attenuation with ITU-R P.676 (``itur`` package, extra ``wirelesseff[itur]``)
        for a standard atmosphere instead of scaling ``zenith_attenuation_db``.
    water_vapour_density, pressure_hpa, temperature_k : float
        Surface water-vapour density [g/m^3], pressure [hPa] and temperature [K] for P.676
        (defaults: ITU-R P.835 mean annual reference atmosphere, assumed).

    Returns
    -------
    ndarray or float
        :math:`A = A_z/\sin\theta` [dB] (cosecant law), or the P.676 value.

    Examples
    --------
    >>> round(float(atmospheric_attenuation_db(np.deg2rad(30.0), 20e9, 0.5)), 6)
    1.0
    """
    el = _real("elevation", elevation, 0.0, np.pi / 2, low_open=True)
    frequency = _check_frequency("frequency", frequency)
    if check_flag("use_itur", use_itur):
        water_vapour_density = _real("water_vapour_density", water_vapour_density, 0.0, 1e3)
        pressure_hpa = _real("pressure_hpa", pressure_hpa, 0.0, 1e5, low_open=True)
        temperature_k = _real("temperature_k", temperature_k, 0.0, 1e4, low_open=True)
        try:
            from itur.models import itu676
        except ImportError as exc:  # pragma: no cover - exercised only without the extra
            raise ImportError(
                'atmospheric_attenuation_db(use_itur=True) needs the "itur" package: '
                'pip install "wirelesseff[itur]"'
            ) from exc
        f_ghz = np.asarray(frequency, float) / 1e9
        # P.676's approximate slant-path method warns at exactly 90 deg (valid range 5-90 deg);
        # 89.99 deg changes the cosecant factor by 1.5e-8.
        el_deg = np.minimum(np.rad2deg(el), 89.99)
        att = itu676.gaseous_attenuation_slant_path(
            f_ghz, el_deg, water_vapour_density, pressure_hpa, temperature_k
        )
        return _out(np.asarray(att.value, dtype=float))
    a_z = _real("zenith_attenuation_db", zenith_attenuation_db, 0.0, MAX_LOSS_DB)
    return _out(a_z / np.sin(el))


def satellite_antenna_gain(off_axis, max_gain, aperture_radius, frequency):
    r"""Gain of a circular-aperture satellite antenna, TR 38.811 Sec. 6.4.1 [linear].

    Parameters
    ----------
    off_axis : array_like
        Angle :math:`\varphi` from boresight [rad].
    max_gain : array_like
        Boresight gain :math:`G_\max` [linear].
    aperture_radius : array_like
        Aperture radius :math:`a` [m].
    frequency : array_like
        Carrier frequency [Hz].

    Returns
    -------
    ndarray or float
        :math:`G = G_\max\cdot 4\,|J_1(ka\sin\varphi)/(ka\sin\varphi)|^2`, with :math:`G = G_\max`
        at boresight. The Bessel ratio is squared (docs/ris_leo.md, 'Pitfalls').

    Examples
    --------
    >>> float(satellite_antenna_gain(0.0, 1000.0, 0.5, 20e9))
    1000.0
    >>> x0 = 3.8317059702075125  # first zero of J1: first null of the pattern
    >>> k = 2 * np.pi * 20e9 / SPEED_OF_LIGHT
    >>> float(satellite_antenna_gain(np.arcsin(x0 / (k * 0.5)), 1000.0, 0.5, 20e9)) < 1e-12
    True
    """
    phi = _real("off_axis", off_axis, -np.pi, np.pi)
    max_gain = _real("max_gain", max_gain, 0.0, 1e15, what="[linear] (300 dBi)")
    aperture_radius = _real("aperture_radius", aperture_radius, 0.0, 1e4, low_open=True)
    frequency = _check_frequency("frequency", frequency)
    k = 2 * np.pi * frequency / SPEED_OF_LIGHT
    x = k * aperture_radius * np.sin(phi)
    small = np.abs(x) < 1e-8
    xs = np.where(small, 1.0, x)
    ratio = np.where(small, 0.5, j1(xs) / xs)
    return _out(max_gain * 4 * ratio**2)


# --------------------------------------------------------------------------------------------
# TLE passes (extra: wirelesseff[orbits])
# --------------------------------------------------------------------------------------------


def _seconds(value, name):
    if isinstance(value, _dt.timedelta):
        value = value.total_seconds()
    if np.ndim(value) != 0:
        raise ValueError(f"{name} must be a scalar, got shape {np.shape(value)}")
    return float(_real(name, value, 0.0, None, low_open=True))


def pass_from_tle(tle_lines, latitude_deg, longitude_deg, start, duration, step, height=0.0):
    r"""Propagate a TLE with SGP4 (skyfield) and return the pass geometry seen from a ground site.

    Parameters
    ----------
    tle_lines : str or sequence of str
        The two element-set lines (an optional leading title line and ``#`` comment lines are
        ignored), or a text holding them.
    latitude_deg, longitude_deg : float
        Geodetic (WGS-84) latitude and longitude of the terminal [deg].
    start : datetime.datetime or str
        Start time (UTC; a naive datetime is taken as UTC; ISO-8601 strings accepted).
    duration, step : float or datetime.timedelta
        Duration and time step [s] (> 0), with at most :data:`MAX_TLE_STEPS` steps.
    height : float, optional
        Terminal height above the WGS-84 ellipsoid [m], in [-10 km, 100 km].

    Returns
    -------
    xarray.Dataset
        Over ``time`` (numpy datetime64, UTC) with ``t`` [s since start], ``elevation`` [rad],
        ``elevation_deg``, ``azimuth`` [rad], ``slant_range`` [m], ``range_rate`` [m/s] (positive
        when receding) and ``altitude`` [m]. The Doppler shift of a carrier :math:`f_c` is
        :math:`-f_c\dot d/c`.

    Raises
    ------
    ImportError
        If skyfield/sgp4 are missing (``pip install "wirelesseff[orbits]"``).
    ValueError
        For malformed TLE lines (bad checksum or length).

    Notes
    -----
    SGP4 propagation error grows by roughly 1-3 km per day from the element epoch; use a TLE
    only within about ±12 h of its epoch for link-budget work. Skyfield runs offline with its
    built-in time scale (``load.timescale(builtin=True)``).
    """
    try:
        from skyfield.api import EarthSatellite, load, wgs84
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise ImportError(
            'pass_from_tle needs skyfield and sgp4: pip install "wirelesseff[orbits]"'
        ) from exc
    import xarray as xr

    line1, line2 = _parse_tle(tle_lines)
    for name, v in (("latitude_deg", latitude_deg), ("longitude_deg", longitude_deg)):
        if np.ndim(v) != 0:
            raise ValueError(f"{name} must be a scalar, got shape {np.shape(v)}")
    latitude_deg = float(_real("latitude_deg", latitude_deg, -90.0, 90.0))
    longitude_deg = float(_real("longitude_deg", longitude_deg, -180.0, 360.0))
    dur = _seconds(duration, "duration")
    dt = _seconds(step, "step")
    if dur / dt > MAX_TLE_STEPS:
        raise ValueError(f"duration / step must be at most {MAX_TLE_STEPS} time steps, got "
                         f"duration={dur:g} s, step={dt:g} s")
    if np.ndim(height) != 0:
        raise ValueError(f"height must be a scalar, got shape {np.shape(height)}")
    height = float(_real("height", height, -1e4, 1e5))
    if isinstance(start, str):
        try:
            start = _dt.datetime.fromisoformat(start.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"start must be a datetime or an ISO-8601 string, got "
                             f"{start!r}") from None
    if not isinstance(start, _dt.datetime):
        raise TypeError(f"start must be a datetime.datetime or an ISO-8601 string, got "
                        f"{type(start).__name__}")
    if start.tzinfo is None:
        start = start.replace(tzinfo=_dt.UTC)
    ts = load.timescale(builtin=True)
    sat = EarthSatellite(line1, line2, ts=ts)
    site = wgs84.latlon(float(latitude_deg), float(longitude_deg), elevation_m=float(height))
    t_rel = np.arange(0.0, dur + 0.5 * dt, dt)
    start_utc = start.astimezone(_dt.UTC)
    times = ts.from_datetimes([start_utc + _dt.timedelta(seconds=float(s)) for s in t_rel])
    topo = (sat - site).at(times)
    alt, az, dist, _, _, range_rate = topo.frame_latlon_and_rates(site)
    altitude = wgs84.height_of(sat.at(times)).m
    stamps = np.array([start_utc.replace(tzinfo=None)], dtype="datetime64[ns]")[0] + (
        t_rel * 1e9
    ).astype("timedelta64[ns]")
    ds = xr.Dataset(
        {
            "t": ("time", t_rel, {"units": "s", "long_name": "time since start"}),
            "elevation": ("time", alt.radians, {"units": "rad", "long_name": "elevation"}),
            "elevation_deg": ("time", alt.degrees, {"units": "deg", "long_name": "elevation"}),
            "azimuth": ("time", az.radians, {"units": "rad", "long_name": "azimuth"}),
            "slant_range": ("time", dist.m, {"units": "m", "long_name": "slant range"}),
            "range_rate": ("time", range_rate.m_per_s, {"units": "m/s",
                                                          "long_name": "range rate"}),
            "altitude": ("time", altitude, {"units": "m", "long_name": "satellite altitude"}),
        },
        coords={"time": stamps},
        attrs={
            "tle_line1": line1,
            "tle_line2": line2,
            "latitude_deg": float(latitude_deg),
            "longitude_deg": float(longitude_deg),
            "height": float(height),
            "propagator": "SGP4 (skyfield)",
            "tle_epoch_utc": sat.epoch.utc_iso(),
        },
    )
    return ds


def _tle_checksum(line: str) -> int:
    return sum(int(c) if c.isdigit() else (1 if c == "-" else 0) for c in line[:68]) % 10


def _parse_tle(tle_lines):
    if isinstance(tle_lines, str):
        tle_lines = tle_lines.splitlines()
    if (not isinstance(tle_lines, Sequence | np.ndarray)
            or not all(isinstance(ln, str) for ln in tle_lines)):
        raise TypeError(f"tle_lines must be a text or a sequence of str lines, got "
                        f"{type(tle_lines).__name__}")
    lines = [ln.rstrip() for ln in tle_lines if ln.strip() and not ln.lstrip().startswith("#")]
    data = [ln for ln in lines if ln[:2] in ("1 ", "2 ")]
    if len(data) != 2 or not data[0].startswith("1 ") or not data[1].startswith("2 "):
        raise ValueError(f"tle_lines must hold one line '1 ...' and one line '2 ...', got {lines}")
    for ln in data:
        if len(ln) != 69:
            raise ValueError(f"tle_lines: each element line must have 69 characters, got "
                             f"{len(ln)} in {ln!r}")
        if not ln[68].isdigit() or int(ln[68]) != _tle_checksum(ln):
            raise ValueError(f"tle_lines: checksum mismatch in {ln!r} (expected "
                             f"{_tle_checksum(ln)})")
    return data[0], data[1]
