r"""Daily traffic profiles: the EARTH-style 24-hour load curve, scalable by a peak demand.

The EARTH energy-efficiency evaluation framework (E3F) drives its network-level studies with
a *daily traffic profile*: the hourly traffic of a (dense-urban, European) area relative to its
busy hour, lowest in the early morning and highest in the evening (Auer et al., IEEE Wireless
Commun. 2011, Sec. "Traffic models"; EARTH deliverable D2.3, 2010).

**Verification status.** Neither the figure of Auer et al. nor EARTH D2.3 was available while
this module was written; the 24 hourly values of :data:`EARTH_DAILY_PROFILE` are this
project's approximation of that published *shape* (minimum near 04:00-05:00 at about an eighth
of the peak, evening busy hour at 21:00) and are **unverified** against the source figure.
Pass your own profile (any 24 values in (0, 1]) where the exact curve matters.
"""

from __future__ import annotations

import numpy as np

from .._validation import check_in_range
from ._checks import real, scalar

__all__ = ["EARTH_DAILY_PROFILE", "daily_profile", "hourly_demand"]

#: Relative traffic per hour of the day (index = hour 0..23, busy hour = 1) [-]; the shape of
#: the EARTH daily profile, values **unverified** (see module notes).
EARTH_DAILY_PROFILE = np.array([
    0.45, 0.32, 0.22, 0.16, 0.13, 0.12, 0.16, 0.27, 0.42, 0.55, 0.63, 0.68,
    0.72, 0.73, 0.72, 0.73, 0.76, 0.80, 0.85, 0.91, 0.97, 1.00, 0.90, 0.68,
])
EARTH_DAILY_PROFILE.setflags(write=False)


def daily_profile(profile=None) -> np.ndarray:
    """A validated 24-hour profile normalised to a busy-hour value of 1.

    Parameters
    ----------
    profile : array_like of 24 floats, optional
        Relative traffic per hour (>= 0, not all zero); default :data:`EARTH_DAILY_PROFILE`.

    Examples
    --------
    >>> p = daily_profile()
    >>> p.size, float(p.max()), int(np.argmax(p)), int(np.argmin(p))
    (24, 1.0, 21, 5)
    """
    p = EARTH_DAILY_PROFILE if profile is None else real("profile", profile, 0.0, None)
    if p.shape != (24,):
        raise ValueError(f"profile must have 24 hourly values, got shape {p.shape}")
    if not np.any(p > 0):
        raise ValueError("profile must have at least one positive hour")
    return p / p.max()


def hourly_demand(peak, profile=None, hours=None):
    r"""Demand per hour: the peak (busy-hour) value scaled by the daily profile.

    Parameters
    ----------
    peak : float
        Busy-hour value (an area demand [bit/s/km^2], a user density [1/km^2], ...), >= 0.
    profile : array_like, optional
        24-hour profile (default EARTH).
    hours : array_like of int, optional
        Hours of the day in [0, 23] (default all 24).

    Returns
    -------
    ndarray
        ``peak * profile[hours]`` (same units as ``peak``).

    Examples
    --------
    >>> hourly_demand(100.0, hours=[4, 21])
    array([ 13., 100.])
    """
    peak = scalar("peak", peak, 0.0, None)
    p = daily_profile(profile)
    if hours is None:
        h = np.arange(24)
    else:
        h = check_in_range("hours", hours, 0, 23)
        if np.any(h != np.floor(h)):
            raise ValueError("hours must hold integer hours in [0, 23]")
    return peak * p[h.astype(int)]
