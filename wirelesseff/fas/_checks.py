"""Checks shared by the fluid-antenna modules: the input helpers of :mod:`wirelesseff._validation`
under short names, the a-posteriori constraint check of optimizer results, and the overflow
guard of computed results."""

from __future__ import annotations

from .._validation import OverflowInputError, check_no_overflow
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
