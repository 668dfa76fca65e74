r"""Unit conversions and physical constants.

All quantities inside wirelesseff are SI (W, Hz, m, s, rad, J, bit). Logarithmic quantities carry
a suffix in their names (``_db``, ``_dbm``, ``_dbi``, ``_deg``) and are converted at the boundary
with the helpers below. Every helper broadcasts (scalar in, scalar out; array in, array out).

Constants come from :mod:`scipy.constants` (CODATA 2018) where they exist.
"""

from __future__ import annotations

import numpy as np
from scipy import constants as _sc

from ._validation import check_nonnegative, check_positive

__all__ = [
    "SPEED_OF_LIGHT",
    "BOLTZMANN",
    "T0",
    "EARTH_RADIUS",
    "db2lin",
    "lin2db",
    "dbm2w",
    "w2dbm",
    "wavelength",
    "frequency_from_wavelength",
]

#: Speed of light in vacuum :math:`c` [m/s] (scipy.constants, exact by definition of the metre).
SPEED_OF_LIGHT: float = _sc.speed_of_light
#: Boltzmann constant :math:`k_B` [J/K] (scipy.constants, exact since the 2019 SI redefinition).
BOLTZMANN: float = _sc.Boltzmann
#: Reference noise temperature :math:`T_0` = 290 K (IEEE Std 145 / ITU-R, the standard temperature
#: for noise figures; not a scipy constant).
T0: float = 290.0
#: Mean Earth radius used by 3GPP TR 38.811 [m].
EARTH_RADIUS: float = 6371e3


def _out(x):
    """Return a numpy scalar as a Python float and leave arrays alone (scalar in, scalar out)."""
    x = np.asarray(x)
    return x[()] if x.ndim == 0 else x


def db2lin(x_db):
    r"""Convert a power ratio from dB to linear scale, :math:`10^{x/10}`.

    Parameters
    ----------
    x_db : array_like
        Power ratio [dB].

    Returns
    -------
    ndarray or float
        Linear power ratio [-].

    Examples
    --------
    >>> float(db2lin(30.0))
    1000.0
    >>> db2lin([0.0, 10.0])
    array([ 1., 10.])
    """
    return _out(np.power(10.0, np.asarray(x_db, dtype=float) / 10.0))


def lin2db(x):
    r"""Convert a linear power ratio to dB, :math:`10\log_{10} x` (``-inf`` at 0).

    Parameters
    ----------
    x : array_like
        Linear power ratio [-], non-negative.

    Returns
    -------
    ndarray or float
        Power ratio [dB].

    Raises
    ------
    ValueError
        If ``x`` is negative.

    Examples
    --------
    >>> float(lin2db(100.0))
    20.0
    """
    x = np.asarray(x, dtype=float)
    if np.any(x < 0):
        check_nonnegative(x=x)
    with np.errstate(divide="ignore"):
        return _out(10.0 * np.log10(x))


def dbm2w(p_dbm):
    r"""Convert power from dBm to watts, :math:`10^{(p-30)/10}`.

    Examples
    --------
    >>> float(dbm2w(30.0))
    1.0
    >>> float(dbm2w(-174.0))  # the textbook thermal noise PSD, W/Hz
    3.98107e-21
    """
    return _out(np.power(10.0, (np.asarray(p_dbm, dtype=float) - 30.0) / 10.0))


def w2dbm(p_w):
    r"""Convert power from watts to dBm, :math:`10\log_{10}(p/1\,\mathrm{mW})`.

    Raises
    ------
    ValueError
        If ``p_w`` is negative.

    Examples
    --------
    >>> float(w2dbm(1.0))
    30.0
    """
    p_w = np.asarray(p_w, dtype=float)
    if np.any(p_w < 0):
        check_nonnegative(p_w=p_w)
    with np.errstate(divide="ignore"):
        return _out(10.0 * np.log10(p_w) + 30.0)


def wavelength(frequency):
    r"""Free-space wavelength :math:`\lambda = c/f` [m] of a carrier ``frequency`` [Hz] (> 0).

    Examples
    --------
    >>> round(float(wavelength(3e9)), 6)
    0.099931
    """
    check_positive(frequency=frequency)
    return _out(SPEED_OF_LIGHT / np.asarray(frequency, dtype=float))


def frequency_from_wavelength(wavelength_m):
    r"""Carrier frequency :math:`f = c/\lambda` [Hz] of a wavelength [m] (> 0)."""
    check_positive(wavelength_m=wavelength_m)
    return _out(SPEED_OF_LIGHT / np.asarray(wavelength_m, dtype=float))
