"""Argument checks shared by the :mod:`wirelesseff.noma` sub-modules.

Thin wrappers of the core helpers of :mod:`wirelesseff._validation` for the two shapes of
argument that recur here: a real scalar (tolerances, thresholds, percentiles) and a real array
that must be finite. Messages name the parameter, the value and the valid range.
"""

from __future__ import annotations

import numpy as np

from .._validation import check_finite, check_in_range

__all__ = ["flag", "real_array", "real_scalar"]


def real_scalar(name: str, value, low=None, high=None, *, low_open: bool = False,
                high_open: bool = False, allow_inf: bool = False) -> float:
    """A real, finite (unless ``allow_inf``) scalar in the given interval, as ``float``.

    Raises TypeError for non-numeric input (strings included) and arrays of any other shape
    than 0-d, ValueError for NaN, infinity (unless allowed) or an out-of-range value.
    """
    arr = check_in_range(name, value, low, high, low_open=low_open, high_open=high_open)
    if arr.ndim != 0:
        raise TypeError(f"{name} must be a real scalar, got an array of shape {arr.shape}")
    if not allow_inf:
        check_finite(**{name: arr})
    return float(arr)


def real_array(name: str, value, low=None, high=None, *, low_open: bool = False,
               high_open: bool = False, allow_inf: bool = False, allow_nan: bool = False,
               ndim: int | None = None, nonempty: bool = False) -> np.ndarray:
    """A real float64 array with entries in the given interval (NaN/inf rejected by default)."""
    arr = check_in_range(name, value, low, high, low_open=low_open, high_open=high_open,
                         allow_nan=allow_nan)
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(f"{name} must be {ndim}-D, got an array of shape {arr.shape}")
    if nonempty and arr.size == 0:
        raise ValueError(f"{name} must not be empty")
    if not allow_inf:
        check_finite(**{name: arr[~np.isnan(arr)] if allow_nan else arr})
    return arr.astype(float)


def flag(name: str, value) -> bool:
    """A boolean switch: ``True``/``False`` (numpy booleans too); TypeError otherwise."""
    if not isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be True or False, got {value!r}")
    return bool(value)
