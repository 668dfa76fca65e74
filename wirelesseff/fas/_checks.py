"""Checks shared by the fluid-antenna modules: the input helpers of :mod:`wirelesseff._validation`
under short names, the a-posteriori constraint check of optimizer results, and the overflow
guard of computed results."""

from __future__ import annotations

import numpy as np

from .._validation import check_complex_array as complex_array
from .._validation import check_flag as flag
from .._validation import check_real_scalar as real_scalar

__all__ = ["OverflowInputError", "check_no_overflow", "complex_array", "flag", "real_scalar",
           "verified_status"]


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
