"""Field checks shared by the parameter dataclasses of the power layer."""

from __future__ import annotations

import numbers
from dataclasses import fields

import numpy as np

from .._validation import check_finite


def check_scalar_fields(obj) -> None:
    """Every numeric field of a dataclass is a finite real scalar (``TypeError``/``ValueError``
    naming the field); bools, strings, ``None`` and nested objects are left to the caller.

    Examples
    --------
    >>> from dataclasses import dataclass
    >>> @dataclass
    ... class P:
    ...     p_fix: float = 1.0
    >>> check_scalar_fields(P(float("inf")))
    Traceback (most recent call last):
    ...
    ValueError: p_fix must be finite, got inf
    """
    for f in fields(obj):
        v = getattr(obj, f.name)
        if isinstance(v, bool | np.bool_ | str) or v is None:
            continue
        if isinstance(v, np.ndarray | list | tuple):
            arr = np.asarray(v)
            if arr.dtype.kind in "biufc" or arr.size == 0:
                raise TypeError(f"{f.name} must be a scalar, got an array of shape {arr.shape}")
            continue
        if isinstance(v, complex | np.complexfloating):
            raise TypeError(f"{f.name} must be real-valued, got {v!r}")
        if isinstance(v, numbers.Real | np.floating | np.integer):
            check_finite(**{f.name: v})
