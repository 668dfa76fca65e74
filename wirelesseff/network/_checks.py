"""Argument checks of the network module (thin wrappers of :mod:`wirelesseff._validation`).

Every public function of the module validates its scalars and per-item arrays through these,
so that bad input raises ``ValueError``/``TypeError`` naming the parameter, the value and the
valid range before any computation.
"""

from __future__ import annotations

import numbers

import numpy as np

from .._validation import as_generator, check_finite, check_in_range


def real(name, value, low=None, high=None, *, low_open=False, high_open=False, finite=True):
    """A real array in a range (NaN rejected; +-inf rejected unless ``finite=False``)."""
    arr = check_in_range(name, value, low, high, low_open=low_open, high_open=high_open)
    if finite:
        check_finite(**{name: arr})
    return np.asarray(arr, dtype=float)


def scalar(name, value, low=None, high=None, *, low_open=False, high_open=False, finite=True):
    """A real scalar in a range, as ``float``."""
    arr = real(name, value, low, high, low_open=low_open, high_open=high_open, finite=finite)
    if arr.ndim != 0:
        raise ValueError(f"{name} must be a scalar, got an array of shape {arr.shape}")
    return float(arr)


def per_item(name, value, n, item="user", *, low=0.0, finite=True):
    """A scalar or one value per item (users, cells), as a float array of shape ``(n,)``."""
    arr = real(name, value, low, None, finite=finite)
    if arr.ndim > 1 or (arr.ndim == 1 and arr.size != n):
        raise ValueError(f"{name} must be a scalar or have one entry per {item} ({n} {item}s), "
                         f"got shape {arr.shape}")
    return np.array(np.broadcast_to(arr, (n,)))


def overflow_guard(name, values, what):
    """Raise if a computed quantity overflowed (a parameter too large or too small)."""
    if not np.all(np.isfinite(values)):
        raise ValueError(f"{name} makes the {what} overflow (not finite); use values within "
                         f"a physical range")


def generator(rng):
    """:func:`~wirelesseff._validation.as_generator` with a named error for negative seeds."""
    if isinstance(rng, numbers.Integral) and not isinstance(rng, bool) and rng < 0:
        raise ValueError(f"rng must be a numpy Generator, a non-negative integer seed or None, "
                         f"got {rng}")
    return as_generator(rng)


def same_length(names_values, n, item):
    """Check that every named 1-D array has ``n`` entries (one per ``item``)."""
    for name, value in names_values:
        arr = np.asarray(value)
        if arr.shape != (n,):
            names = ", ".join(nm for nm, _v in names_values)
            raise ValueError(f"{names} must be 1-D with one entry per {item} ({n}); {name} has "
                             f"shape {arr.shape}")
