"""Evaluation of single grid points (runs in the calling process or in a worker).

Everything here must be importable and cheap in a fresh worker process: it is what a
process-pool or Dask worker executes.
"""

from __future__ import annotations

import inspect
import traceback
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

# Bump when the layout of a per-point record changes (checkpoint compatibility).
RECORD_VERSION = 1


def point_rng(seed: int, flat_index: int) -> np.random.Generator:
    """The generator of one grid point: child ``flat_index`` of ``SeedSequence(seed)``.

    ``SeedSequence(seed, spawn_key=(i,))`` is exactly the i-th child of
    ``SeedSequence(seed).spawn(n)``, so every point owns an independent, reproducible stream that
    does not depend on which executor or chunk evaluates it.
    """
    seq = np.random.SeedSequence(seed, spawn_key=(flat_index,))
    return np.random.Generator(np.random.PCG64(seq))


def accepts_rng(func: Callable) -> bool:
    """Whether ``func`` takes an ``rng`` keyword (explicitly or through ``**kwargs``)."""
    try:
        params = inspect.signature(func).parameters
    except (TypeError, ValueError):  # builtins without a signature
        return False
    return "rng" in params or any(p.kind is p.VAR_KEYWORD for p in params.values())


def _to_python(v: Any) -> Any:
    return v.item() if isinstance(v, np.generic) else v


def normalize_result(res: Any) -> dict[str, Any]:
    """Turn a function's return value into ``{name: value}``.

    Accepted: a mapping; an :class:`xarray.Dataset` (its data variables); a bare scalar or array
    (stored as ``"value"``). Values may be numbers, arrays, strings or DataArrays.
    """
    if isinstance(res, Mapping):
        return dict(res)
    try:
        import xarray as xr
    except ImportError:  # pragma: no cover
        xr = None
    if xr is not None and isinstance(res, xr.Dataset):
        return {str(k): v for k, v in res.data_vars.items()}
    if res is None:
        raise TypeError("the swept function returned None; return a dict of metrics")
    return {"value": res}


def evaluate_chunk(
    func: Callable,
    fixed: Mapping[str, Any],
    items: Sequence[tuple[int, dict[str, Any]]],
    seed: int,
    pass_rng: bool,
    strict: bool,
) -> list[tuple[int, dict[str, Any] | None, str]]:
    """Evaluate a chunk of points; returns ``[(flat_index, result or None, error message)]``.

    A point whose function raises is recorded with ``result=None`` and the error message
    (``"TypeName: message"``), unless ``strict`` is true, in which case the exception propagates.
    """
    out = []
    for index, point in items:
        kwargs = dict(point)
        kwargs.update(fixed)
        if pass_rng:
            kwargs["rng"] = point_rng(seed, index)
        try:
            res = normalize_result(func(**kwargs))
        except Exception as exc:
            if strict:
                raise
            msg = f"{type(exc).__name__}: {exc}"
            if not str(exc):
                msg = f"{type(exc).__name__} at " + traceback.format_exc(limit=-1).strip()
            out.append((index, None, msg))
            continue
        out.append((index, res, ""))
    return out


def init_worker() -> None:
    """Initializer of process-pool workers: one BLAS and one numba thread per process.

    The pool already runs one worker per core; letting each worker also start a BLAS or
    numba thread pool oversubscribes the cores (measured 2-30x slowdowns of small linear
    algebra on a 2-core machine).
    """
    import os
    import sys

    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except ImportError:  # pragma: no cover - threadpoolctl is a dependency
        pass
    if "numba" in sys.modules:
        try:
            sys.modules["numba"].set_num_threads(1)
        except Exception:  # pragma: no cover - threading layer unavailable
            pass
    else:  # read by numba at import; importing numba here would cost every worker ~0.3 s
        os.environ["NUMBA_NUM_THREADS"] = "1"


# --- worker-side entry points (payload = cloudpickle bytes of (func, fixed, seed, pass_rng)) ---

_PAYLOAD_CACHE: dict[int, tuple] = {}


def _load_payload(payload: bytes) -> tuple:
    key = hash(payload)
    hit = _PAYLOAD_CACHE.get(key)
    if hit is None:
        import cloudpickle

        hit = cloudpickle.loads(payload)
        _PAYLOAD_CACHE.clear()  # one sweep at a time per worker; keep memory bounded
        _PAYLOAD_CACHE[key] = hit
    return hit


def run_chunk_payload(payload: bytes, items, strict: bool):
    """Worker entry point: unpack ``(func, fixed, seed, pass_rng)`` once per worker and evaluate."""
    func, fixed, seed, pass_rng = _load_payload(payload)
    return evaluate_chunk(func, fixed, items, seed, pass_rng, strict)
