"""Input checks of the XL-MIMO functions: the shared helpers of :mod:`wirelesseff._validation`
under short names, and the upper bounds of this package's integer sizes."""

from __future__ import annotations

from .._validation import check_real_array as real_array
from .._validation import check_real_scalar as real_scalar

__all__ = ["MAX_ANTENNAS", "MAX_DRAWS", "MAX_ITERATIONS", "MAX_REALIZATIONS", "MAX_USERS",
           "real_array", "real_scalar"]

#: Upper bounds of the integer sizes of this package, checked before any allocation or loop.
MAX_ANTENNAS = 1_000_000
MAX_USERS = 10_000
MAX_ITERATIONS = 10_000
#: Largest number of standard-normal draws one Monte-Carlo call may hold in memory (320 MB).
MAX_DRAWS = 20_000_000
#: Largest number of Monte-Carlo realizations of one call (keeps a call to seconds).
MAX_REALIZATIONS = 1_000_000
