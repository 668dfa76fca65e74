"""wirelesseff: energy-efficiency modelling of wireless networks.

Four analytical modules (:mod:`wirelesseff.xlmimo`, :mod:`wirelesseff.noma`,
:mod:`wirelesseff.fas`, :mod:`wirelesseff.ris_leo`) share one channel model
(:mod:`wirelesseff.channel`), one power-consumption layer (:mod:`wirelesseff.power`), one
convex-optimization layer (:mod:`wirelesseff.optimize`) and one sweep engine
(:func:`wirelesseff.sweep`).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _pkg_version

from .units import db2lin, dbm2w, lin2db, w2dbm

try:
    __version__ = _pkg_version("wirelesseff")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.1.0+unknown"

__all__ = ["__version__", "db2lin", "dbm2w", "lin2db", "sweep", "w2dbm"]


def __getattr__(name: str):
    # The sweep engine pulls in xarray and tqdm; import it on first use so that
    # ``import wirelesseff`` stays light for code that only needs the models.
    if name == "sweep":
        from .sweep import sweep

        return sweep
    raise AttributeError(f"module 'wirelesseff' has no attribute {name!r}")
