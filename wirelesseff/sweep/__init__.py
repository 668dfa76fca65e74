"""The sweep engine: ``wirelesseff.sweep(func, grid, ...)`` (see docs/sweep.md).

The module itself is callable, so both ``wirelesseff.sweep(...)`` and
``from wirelesseff.sweep import sweep`` work::

    ds = wirelesseff.sweep(func, grid={"M": ..., "K": ...}, fixed={...}, executor="processes",
                           seed=0, checkpoint="ckpt/")
"""

from __future__ import annotations

import sys
import types

from ._checkpoint import CheckpointLockedError, CheckpointMismatchError
from ._engine import PointFailureWarning, SweepError, sweep
from ._points import point_rng

__all__ = [
    "CheckpointLockedError",
    "CheckpointMismatchError",
    "PointFailureWarning",
    "SweepError",
    "point_rng",
    "sweep",
]


class _CallableModule(types.ModuleType):
    """Module type whose instances forward calls to :func:`sweep`."""

    def __call__(self, *args, **kwargs):
        return sweep(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
