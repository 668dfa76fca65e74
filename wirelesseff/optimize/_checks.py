"""Input checks of the optimizers that the shared validation helpers do not cover."""

from __future__ import annotations

from typing import Any


def check_callable(name: str, value: Any) -> Any:
    """``value`` itself if it is callable, else ``TypeError`` naming ``name``.

    Examples
    --------
    >>> check_callable("score", len) is len
    True
    >>> check_callable("score", 3)
    Traceback (most recent call last):
    ...
    TypeError: score must be callable, got int
    """
    if not callable(value):
        raise TypeError(f"{name} must be callable, got {type(value).__name__}")
    return value
