r"""Daily traffic profiles: the EARTH-style 24-hour load curve, scalable by a peak demand.

The EARTH energy-efficiency evaluation framework (E3F) drives its network-level studies with
a *daily traffic profile*: the traffic of a (dense-urban, European) area relative to its busy
hour over the 24 hours of a day, lowest in the early morning and highest in the late evening
(Auer et al., IEEE Wireless Commun. 2011, Sec. "Traffic models"; EARTH deliverable D2.3).

**Verification status [V].** Neither the figure of Auer et al. nor EARTH D2.3 was available
while this module was written. :data:`EARTH_DAILY_PROFILE` holds the EARTH profile as
digitised in a public data set of daily mobile-traffic profiles (``tmc-calc/mob-traffic-ds``
on GitHub, ``data/traffic_normal.csv``, column ``thp_earth12``, described there as the EARTH
D2.3 24-hour profile of the share of active users, 10-minute resolution, normalised to its
peak), sampled at the start of every hour: a secondary source, **not checked against the
deliverable's figure**. Its shape: minimum 0.15 of the busy hour at 06:00, 0.79 at midnight,
busy hour at 21:00-22:00. Pass your own profile (any 24 values >= 0) where the exact curve
matters.
"""

from __future__ import annotations

import numpy as np

from .._validation import check_in_range
from ._checks import real, scalar

__all__ = ["EARTH_DAILY_PROFILE", "daily_profile", "hourly_demand"]

#: Traffic per hour of the day relative to the daily peak (index = hour 0..23) [-]: the
#: digitised EARTH profile sampled at the start of each hour (secondary source, see the
#: module notes); :func:`daily_profile` rescales it to a busy-hour value of 1.
EARTH_DAILY_PROFILE = np.array([
    0.7903, 0.6182, 0.4164, 0.2834, 0.1962, 0.1565, 0.1481, 0.1876,
    0.2624, 0.3917, 0.5112, 0.5935, 0.6397, 0.6541, 0.6848, 0.7232,
    0.7545, 0.7829, 0.8067, 0.8597, 0.9361, 0.9927, 0.9971, 0.9249,
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
    (24, 1.0, 22, 6)
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
    >>> hourly_demand(100.0, hours=[6, 22]).round(2)
    array([ 14.85, 100.  ])
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
