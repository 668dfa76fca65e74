"""Input checks shared by the ris_leo modules (built on :mod:`wirelesseff._validation`).

Every public function checks its inputs before any allocation, loop or solver: a non-number
raises ``TypeError``, NaN/inf or a value outside the documented domain ``ValueError``, each
message naming the parameter.
"""

from __future__ import annotations

import numpy as np

from .._validation import check_complex_array, check_real_scalar
from ..channel.ntn import MAX_FREQUENCY
from ..channel.ntn import _real as real  # finite real array in a range, named errors

__all__ = ["complex_array", "real", "real_scalar"]

# Domains of the ris_leo inputs (docs/ris_leo.md, 'Input domains'): generous physical bounds that
# keep every formula free of overflow, so a finite input never gives a NaN or an overflowed inf.
#: Largest distance [m] (1e9 km).
MAX_DISTANCE = 1e12
#: Smallest distance of a feed or terminal from a surface [m] (1 µm: a feed on an element
#: centre is singular).
MIN_DISTANCE = 1e-6
#: Range of carrier frequencies [Hz] (1 Hz ... 1 PHz).
FREQUENCY_RANGE = (1.0, MAX_FREQUENCY)
#: Largest magnitude of a complex channel coefficient [-] (squared sums stay finite).
MAX_CHANNEL = 1e100
#: Largest spectral efficiency [bit/s/Hz] (2**100 - 1 = 1.3e30 is still a finite SNR).
MAX_RATE = 100.0
#: Largest power [W] (1 TW) and bandwidth [Hz] (1 PHz).
MAX_POWER = 1e12
MAX_BANDWIDTH = 1e15
#: Range of linear channel gains that must be positive [-] (-300 dB ... +120 dB).
GAIN_RANGE = (1e-30, 1e12)
#: Range of amplitudes and PA efficiencies that must be positive [-].
MIN_EFFICIENCY = 1e-6
#: Largest pattern exponent q of cos^q (gain 2(q+1) = 202, 23 dBi).
MAX_PATTERN_EXPONENT = 100.0


def real_scalar(name, value, low=None, high=None, *, low_open=False, high_open=False):
    """A finite real scalar in ``[low, high]`` as ``float`` (an array is a ``TypeError``)."""
    if type(value) is float or type(value) is int:  # fast path for plain valid scalars
        return float(real(name, value, low, high, low_open=low_open, high_open=high_open))
    return check_real_scalar(name, value, low, high, low_open=low_open, high_open=high_open)


def complex_array(name, value):
    """``value`` as a finite complex array of magnitude at most :data:`MAX_CHANNEL`
    (:func:`wirelesseff._validation.check_complex_array`, plus the magnitude bound)."""
    if isinstance(value, str | bytes):
        raise TypeError(f"{name} must be a complex number or array, got {value!r}")
    arr = check_complex_array(name, value)
    if arr.size and float(np.max(np.abs(arr))) > MAX_CHANNEL:
        raise ValueError(f"{name} must have magnitudes at most {MAX_CHANNEL:g}, got "
                         f"{float(np.max(np.abs(arr))):.6g}")
    return arr
