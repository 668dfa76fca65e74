"""Evaluation of single grid points (runs in the calling process or in a worker).

Everything here must be importable and cheap in a fresh worker process: it is what a
process-pool or Dask worker executes.
"""

from __future__ import annotations

import inspect
import os
import sys
import traceback
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from .._validation import check_integer

#: Largest accepted seed and flat grid index (``SeedSequence`` accepts any non-negative
#: integer; the bound only keeps absurd inputs from costing time).
MAX_SEED = 2**128 - 1


def _point_rng(seed: int, flat_index: int) -> np.random.Generator:
    seq = np.random.SeedSequence(seed, spawn_key=(flat_index,))
    return np.random.Generator(np.random.PCG64(seq))


def point_rng(seed: int, flat_index: int) -> np.random.Generator:
    """The generator of one grid point: child ``flat_index`` of ``SeedSequence(seed)``.

    ``SeedSequence(seed, spawn_key=(i,))`` is exactly the i-th child of
    ``SeedSequence(seed).spawn(n)``, so every point owns an independent, reproducible stream that
    does not depend on which executor or chunk evaluates it.

    Parameters
    ----------
    seed : int
        Root seed of the sweep, in [0, 2**128 - 1].
    flat_index : int
        Flat (C-order) index of the grid point, in [0, 2**128 - 1].

    Returns
    -------
    numpy.random.Generator
        A PCG64 generator.

    Raises
    ------
    ValueError, TypeError
        If ``seed`` or ``flat_index`` is not an integer in range.

    Examples
    --------
    >>> import numpy as np
    >>> child = np.random.SeedSequence(7).spawn(3)[2]
    >>> point_rng(7, 2).random() == np.random.Generator(np.random.PCG64(child)).random()
    True
    """
    seed = check_integer("seed", seed, low=0, high=MAX_SEED)
    flat_index = check_integer("flat_index", flat_index, low=0, high=MAX_SEED)
    return _point_rng(seed, flat_index)


def user_stacklevel() -> int:
    """``stacklevel`` that makes a warning point at the first frame outside this package."""
    here = os.path.dirname(os.path.abspath(__file__))
    level, frame = 1, sys._getframe(1)
    while frame is not None and os.path.dirname(os.path.abspath(frame.f_code.co_filename)) \
            == here:
        level += 1
        frame = frame.f_back
    return level


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
    mark: Callable[[int], None] | None = None,
) -> list[tuple[int, dict[str, Any] | None, str]]:
    """Evaluate a chunk of points; returns ``[(flat_index, result or None, error message)]``.

    A point whose function raises (``SystemExit`` included: a point cannot end the sweep) is
    recorded with ``result=None`` and the error message (``"TypeName: message"``), unless
    ``strict`` is true, in which case the exception propagates. ``KeyboardInterrupt`` always
    propagates. ``mark(index)`` is called before each point is evaluated (worker bookkeeping).
    """
    out = []
    for index, point in items:
        kwargs = dict(point)
        kwargs.update(fixed)
        if pass_rng:
            kwargs["rng"] = _point_rng(seed, index)
        if mark is not None:
            mark(index)
        try:
            res = normalize_result(func(**kwargs))
        except (Exception, SystemExit) as exc:
            if strict:
                raise
            msg = f"{type(exc).__name__}: {exc}"
            if not str(exc):
                msg = f"{type(exc).__name__} at " + traceback.format_exc(limit=-1).strip()
            out.append((index, None, msg))
            continue
        out.append((index, res, ""))
    return out


def init_worker(slots=None, counter=None, parent_pid: int | None = None) -> None:
    """Initializer of process-pool workers.

    * One BLAS and one numba thread per process: the pool already runs one worker per core;
      letting each worker also start a BLAS or numba thread pool oversubscribes the cores
      (measured 2-30x slowdowns of small linear algebra on a 2-core machine).
    * The worker dies with its parent (see :func:`_die_with_parent`), so killing a sweep with
      SIGKILL leaves no worker behind.
    * It claims a slot of the shared table ``slots`` (pairs ``pid, flat index``) where it
      records the point it is evaluating, so that the engine knows which point was in flight
      on a worker that died.
    """
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
    _die_with_parent(parent_pid)
    if slots is not None and counter is not None:
        global _SLOT
        with counter.get_lock():
            k = counter.value
            counter.value = k + 1
        if 2 * k + 1 < len(slots):
            slots[2 * k] = os.getpid()
            slots[2 * k + 1] = -1
            _SLOT = (slots, 2 * k + 1)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - alive, owned by someone else
        return True
    return True


def _set_pdeathsig() -> bool:
    """Ask the Linux kernel to SIGKILL this process when its parent exits."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(1, int(signal.SIGKILL), 0, 0, 0) == 0  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - exotic libc
        return False


def _in_forkserver() -> bool:
    """Whether this module is being preloaded by the fork server itself (not imported by one of
    its children, whose stack also starts in ``multiprocessing.forkserver.main``)."""
    names = set()
    frame = sys._getframe(1)
    while frame is not None:
        code = frame.f_code
        if code.co_filename.replace("\\", "/").endswith("multiprocessing/forkserver.py"):
            names.add(code.co_name)
        frame = frame.f_back
    return "main" in names and "_serve_one" not in names


# The sweep engine preloads this module in the fork server. There, make the fork server die
# with the sweep process: it does not exit by itself while workers live, because every worker
# inherits the pipe whose end-of-file tells it that its parent is gone.
_FORKSERVER_DIES_WITH_PARENT = _in_forkserver() and _set_pdeathsig()


def _die_with_parent(parent_pid: int | None) -> None:
    """Make this worker exit when the sweep process dies (even by SIGKILL).

    On Linux the kernel sends SIGKILL to the worker when its parent, the fork server, exits
    (``prctl(PR_SET_PDEATHSIG)``), and the fork server itself was armed the same way against
    the sweep process when it preloaded this module; this works even while the worker runs long
    C code. Where that chain is not in place (another start method or platform, or a fork server
    started without this preload), a daemon thread waits for the sweep process to end.
    """
    _set_pdeathsig()
    if parent_pid is None:
        return
    if not _pid_alive(parent_pid):  # died before the watch was armed
        os._exit(1)
    if _FORKSERVER_DIES_WITH_PARENT:
        return
    import threading

    def watch() -> None:  # pragma: no cover - fallback path, runs in workers only
        import select
        import time

        try:
            fd = os.pidfd_open(parent_pid)  # Linux >= 5.3: readable when the process ends
        except (AttributeError, OSError):
            fd = None
        if fd is not None:
            select.select([fd], [], [])
        else:
            while _pid_alive(parent_pid):
                time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="wirelesseff-parent-watch", daemon=True).start()


# --- worker-side entry points (payload = cloudpickle bytes of (func, fixed, seed, pass_rng)) ---

_PAYLOAD_CACHE: dict[int, tuple] = {}
_SLOT: tuple | None = None  # (shared int64 table, position of this worker's in-flight index)


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
    slot = _SLOT
    if slot is None:
        return evaluate_chunk(func, fixed, items, seed, pass_rng, strict)
    table, pos = slot

    def mark(index: int) -> None:
        table[pos] = index

    try:
        return evaluate_chunk(func, fixed, items, seed, pass_rng, strict, mark)
    finally:
        table[pos] = -1
