"""Input conversion shared by the XL-MIMO functions (validation before any float conversion).

``np.asarray("100", dtype=float)`` silently parses a string, so every public function of this
package validates its numeric inputs with :func:`real_array` *before* converting them: a string,
an object or a complex number raises ``TypeError`` naming the parameter, NaN (and, where a
finite value is required, inf) raises ``ValueError`` naming it, with the valid range.
"""

from __future__ import annotations

import numpy as np

from .._validation import check_finite, check_in_range

#: Upper bounds of the integer sizes of this package, checked before any allocation or loop.
MAX_ANTENNAS = 1_000_000
MAX_USERS = 10_000
MAX_ITERATIONS = 10_000
#: Largest number of standard-normal draws one Monte-Carlo call may hold in memory (320 MB).
MAX_DRAWS = 20_000_000
#: Largest number of Monte-Carlo realizations of one call (keeps a call to seconds).
MAX_REALIZATIONS = 1_000_000


def real_array(name, value, low=None, high=None, *, low_open=False, high_open=False,
               finite=True, what=None) -> np.ndarray:
    """``value`` as a float array after checking it is real, in range and (optionally) finite.

    Examples
    --------
    >>> real_array("M", [10, 20], 1.0)
    array([10., 20.])
    >>> real_array("M", "100")
    Traceback (most recent call last):
    ...
    TypeError: M must be numeric, got '100' of type str
    """
    arr = check_in_range(name, value, low, high, low_open=low_open, high_open=high_open,
                         what=what)
    if finite:
        check_finite(**{name: arr})
    return np.asarray(arr, dtype=float)


def real_scalar(name, value, low=None, high=None, **kw) -> float:
    """A finite real scalar in range (``TypeError``/``ValueError`` naming ``name``)."""
    arr = real_array(name, value, low, high, **kw)
    if arr.ndim:
        raise TypeError(f"{name} must be a scalar, got an array of shape {arr.shape}")
    return float(arr)
