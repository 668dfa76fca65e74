"""Input checks shared by the fluid-antenna modules (built on :mod:`wirelesseff._validation`).

They add what the core helpers leave to the caller: a *scalar* real parameter (an empty or
multi-element array is a ``TypeError`` naming it), a finite complex array converted with the
parameter's name in the error (a string or an object is a ``TypeError`` naming it), and a
boolean flag.
"""

from __future__ import annotations

import numpy as np

from .._validation import check_finite, check_in_range


def real_scalar(name, value, low=None, high=None, *, low_open=False, high_open=False):
    """``value`` as a finite real ``float`` in the given interval (errors name ``name``).

    Strings, complex numbers, other objects and arrays that are not scalars raise
    ``TypeError``; NaN, ±inf and values outside the interval raise ``ValueError`` (the same
    contract as ``real_scalar`` of the XL-MIMO package).
    """
    arr = check_in_range(name, value, low, high, low_open=low_open, high_open=high_open)
    if arr.ndim != 0:
        raise TypeError(f"{name} must be a scalar, got an array of shape {arr.shape}")
    check_finite(**{name: arr})
    return float(arr)


def complex_array(name, value):
    """``value`` as a finite complex ndarray (errors name ``name``)."""
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError) as exc:  # ragged sequences
        raise TypeError(f"{name} must be a numeric array, got {type(value).__name__}") from exc
    if arr.dtype.kind not in "biufc":
        raise TypeError(f"{name} must be a numeric array, got dtype {arr.dtype}")
    arr = arr.astype(complex, copy=False)
    check_finite(**{name: arr})
    return arr


def flag(name, value):
    """``value`` as a ``bool`` (only ``bool``/``numpy.bool_`` accepted, else ``TypeError``)."""
    if not isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be True or False, got {value!r}")
    return bool(value)


def verified_status(status, message, violations, tol):
    """``(status, message)`` after an a-posteriori constraint check of a returned point.

    ``violations`` maps a constraint's description to its relative violation (<= 0 when met);
    an ``optimal*`` status becomes ``"solver_error"`` when any exceeds ``tol``, and the message
    says which (optimisers never report an optimum that misses its constraints).
    """
    if status not in ("optimal", "optimal_inaccurate"):
        return status, message
    bad = {k: v for k, v in violations.items() if not v <= tol}
    if not bad:
        return status, message
    detail = ", ".join(f"{k} {v:.3g}" for k, v in bad.items())
    note = (f"the returned point violates its constraints beyond the relative tolerance "
            f"{tol:g} ({detail})")
    return "solver_error", f"{message}; {note}" if message else note


class OverflowInputError(ValueError):
    """A result overflowed float64 because inputs have unphysical magnitudes."""


def check_no_overflow(arrays, names, allow_neg_inf=False):
    """Raise ``ValueError`` naming ``names`` if a computed result overflowed float64.

    ``arrays`` is an iterable of computed arrays; NaN and +inf (and -inf unless
    ``allow_neg_inf``, the marker of an infeasible draw) mean that inputs of unphysical
    magnitude (e.g. a power of 1e308 W) overflowed: an error, never a silent NaN.
    """
    for a in arrays:
        a = np.asarray(a, dtype=float)
        bad = np.isnan(a) | (a == np.inf) | ((a == -np.inf) & (not allow_neg_inf))
        if np.any(bad):
            raise OverflowInputError(f"the result overflows float64: {names} must have "
                                     f"physical magnitudes")
