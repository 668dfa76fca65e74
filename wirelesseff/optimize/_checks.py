"""Input checks shared by the optimizers (scalars and callables, named in every message)."""

from __future__ import annotations

from typing import Any

from .._validation import check_finite, check_in_range


def check_scalar(name: str, value: Any, low: float | None = None, high: float | None = None,
                 *, low_open: bool = False, high_open: bool = False) -> float:
    """A finite real scalar in the given interval, as ``float`` (arrays are refused).

    Examples
    --------
    >>> check_scalar("tol", 1e-8, 0.0, 1.0, low_open=True)
    1e-08
    >>> check_scalar("tol", [1e-8])
    Traceback (most recent call last):
    ...
    ValueError: tol must be a scalar, got an array of shape (1,)
    """
    arr = check_in_range(name, value, low, high, low_open=low_open, high_open=high_open)
    if arr.ndim != 0:
        raise ValueError(f"{name} must be a scalar, got an array of shape {arr.shape}")
    check_finite(**{name: arr})
    return float(arr)


def check_callable(name: str, value: Any) -> Any:
    """``value`` itself if it is callable, else ``TypeError`` naming ``name``."""
    if not callable(value):
        raise TypeError(f"{name} must be callable, got {type(value).__name__}")
    return value
