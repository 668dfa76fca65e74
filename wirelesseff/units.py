r"""Unit conversions and physical constants.

All quantities inside wirelesseff are SI (W, Hz, m, s, rad, J, bit). Logarithmic quantities carry
a suffix in their names (``_db``, ``_dbm``, ``_dbi``, ``_deg``) and are converted at the boundary
with the helpers below. Every helper broadcasts (scalar in, scalar out; array in, array out).

Constants come from :mod:`scipy.constants` (CODATA 2018) where they exist.

The four dB conversions act on the extended reals: ``-inf`` dB is a ratio of 0 and a ratio of
0 is ``-inf`` dB, ``+inf`` maps to ``+inf``, and a dB value beyond the float range of its
linear value (above about 3082 dB) gives ``inf`` (IEEE overflow, the correctly rounded
result). NaN propagates (it marks a missing value, e.g. a failed point of a sweep, so that
``lin2db(ds.ee)`` works on any dataset); strings and complex numbers are rejected
(``TypeError`` naming the parameter), as are negative ratios and powers (``ValueError``).
"""

from __future__ import annotations

import numpy as np
from scipy import constants as _sc

from ._validation import (
    check_no_overflow,
    check_positive,
    check_real_array,
)

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
        Power ratio [dB]; ``-inf`` gives 0 (see the module notes on infinities).

    Returns
    -------
    ndarray or float
        Linear power ratio [-].

    Raises
    ------
    TypeError
        If ``x_db`` is not real and numeric (a string, a complex number); NaN propagates.

    Examples
    --------
    >>> float(db2lin(30.0))
    1000.0
    >>> db2lin([0.0, 10.0])
    array([ 1., 10.])
    """
    x = check_real_array("x_db", x_db, finite=False, allow_nan=True)
    return _out(np.power(10.0, x / 10.0))


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
    TypeError
        If ``x`` is not real and numeric.
    ValueError
        If ``x`` is negative (NaN propagates).

    Examples
    --------
    >>> float(lin2db(100.0))
    20.0
    """
    x = check_real_array("x", x, 0.0, None, finite=False, allow_nan=True)
    with np.errstate(divide="ignore"):
        return _out(10.0 * np.log10(x))


def dbm2w(p_dbm):
    r"""Convert power from dBm to watts, :math:`10^{(p-30)/10}`.

    Parameters
    ----------
    p_dbm : array_like
        Power [dBm]; ``-inf`` gives 0 W.

    Returns
    -------
    ndarray or float
        Power [W].

    Raises
    ------
    TypeError
        If ``p_dbm`` is not real and numeric; NaN propagates.

    Examples
    --------
    >>> float(dbm2w(30.0))
    1.0
    >>> float(dbm2w(-174.0))  # the textbook thermal noise PSD, W/Hz
    3.98107e-21
    """
    p = check_real_array("p_dbm", p_dbm, finite=False, allow_nan=True)
    return _out(np.power(10.0, (p - 30.0) / 10.0))


def w2dbm(p_w):
    r"""Convert power from watts to dBm, :math:`10\log_{10}(p/1\,\mathrm{mW})`.

    Parameters
    ----------
    p_w : array_like
        Power [W], non-negative; 0 W gives ``-inf`` dBm.

    Returns
    -------
    ndarray or float
        Power [dBm].

    Raises
    ------
    TypeError
        If ``p_w`` is not real and numeric.
    ValueError
        If ``p_w`` is negative (NaN propagates).

    Examples
    --------
    >>> float(w2dbm(1.0))
    30.0
    """
    p_w = check_real_array("p_w", p_w, 0.0, None, finite=False, allow_nan=True)
    with np.errstate(divide="ignore"):
        return _out(10.0 * np.log10(p_w) + 30.0)


def wavelength(frequency):
    r"""Free-space wavelength :math:`\lambda = c/f` [m] of a carrier ``frequency`` [Hz] (> 0).

    Examples
    --------
    >>> round(float(wavelength(3e9)), 6)
    0.099931

    A frequency must be positive and finite; one so small that :math:`c/f` overflows is
    rejected too:

    >>> wavelength(1e-308)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wirelesseff._validation.OverflowInputError: the result overflows float64: frequency ...
    """
    check_positive(frequency=frequency)
    with np.errstate(over="ignore"):
        out = SPEED_OF_LIGHT / np.asarray(frequency, dtype=float)
    check_no_overflow([out], "frequency")
    return _out(out)


def frequency_from_wavelength(wavelength_m):
    r"""Carrier frequency :math:`f = c/\lambda` [Hz] of a wavelength [m] (> 0, finite).

    Examples
    --------
    >>> float(frequency_from_wavelength(0.1))
    2997924580.0
    """
    check_positive(wavelength_m=wavelength_m)
    with np.errstate(over="ignore"):
        out = SPEED_OF_LIGHT / np.asarray(wavelength_m, dtype=float)
    check_no_overflow([out], "wavelength_m")
    return _out(out)
