"""Crash-safe persistence of finished sweep points.

A checkpoint is a directory::

    meta.json                 fingerprint of the sweep (grid, fixed parameters, seed, function)
    chunk-<first>-<n>-<id>.pkl  pickled list of finished records [(flat_index, result, error)]

Every chunk file is written to a temporary name, flushed, fsync'ed and atomically renamed, so a
process killed at any instant (SIGKILL included) leaves either a complete chunk or none. On a
re-run, the finished points are read back and only the missing ones are computed. A checkpoint
whose fingerprint differs from the current sweep is refused (never silently mixed).
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import pickle
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from ._points import RECORD_VERSION


class CheckpointMismatchError(ValueError):
    """Raised when a checkpoint directory belongs to a different sweep."""


def _digest(obj: Any) -> str:
    try:
        import cloudpickle

        data = cloudpickle.dumps(obj, protocol=4)
    except Exception:
        data = repr(obj).encode()
    return hashlib.sha256(data).hexdigest()[:16]


def _grid_digest(grid: Mapping[str, np.ndarray]) -> str:
    h = hashlib.sha256()
    for name, values in grid.items():
        h.update(name.encode())
        arr = np.asarray(values)
        h.update(str(arr.dtype).encode())
        h.update(str(arr.shape).encode())
        if arr.dtype.kind in "OUS":
            h.update(repr(arr.tolist()).encode())
        else:
            h.update(np.ascontiguousarray(arr).tobytes())
    return h.hexdigest()[:16]


def _func_identity(func: Callable) -> tuple[str, str]:
    name = f"{getattr(func, '__module__', '?')}.{getattr(func, '__qualname__', repr(func))}"
    try:
        source = inspect.getsource(func)
    except (OSError, TypeError):
        source = name
    return name, hashlib.sha256(source.encode()).hexdigest()[:16]


def fingerprint(
    func: Callable, grid: Mapping[str, np.ndarray], fixed: Mapping[str, Any], seed: int
) -> dict[str, Any]:
    """Components that identify a sweep; any difference makes a checkpoint incompatible."""
    fname, fsrc = _func_identity(func)
    return {
        "record_version": RECORD_VERSION,
        "function": fname,
        "function_source": fsrc,
        "grid_dims": list(grid),
        "grid_shape": [int(np.asarray(v).size) for v in grid.values()],
        "grid": _grid_digest(grid),
        "fixed": _digest(dict(fixed)),
        "seed": int(seed),
    }


_EXPLAIN = {
    "function": "the swept function",
    "function_source": "the source code of the swept function",
    "grid_dims": "the grid dimensions",
    "grid_shape": "the grid size",
    "grid": "the grid values",
    "fixed": "the fixed parameters",
    "seed": "the seed",
    "record_version": "the checkpoint format",
}


def load_records(path: str | os.PathLike) -> dict[int, tuple[dict[str, Any] | None, str]]:
    """Finished records of the checkpoint directory ``path``: ``{flat_index: (result, error)}``.

    Temporary files of interrupted writes and unreadable files are skipped (their points are
    simply computed again).
    """
    done: dict[int, tuple[dict[str, Any] | None, str]] = {}
    for f in sorted(Path(path).glob("chunk-*.pkl")):
        try:
            with open(f, "rb") as fh:
                records = pickle.load(fh)
        except Exception:  # a foreign or damaged file: recompute its points
            continue
        for index, res, err in records:
            done[int(index)] = (res, err)
    return done


class Checkpoint:
    """A checkpoint directory bound to one sweep fingerprint."""

    def __init__(self, path: str | os.PathLike, meta: dict[str, Any]):
        self.path = Path(path)
        self.meta = meta
        meta_file = self.path / "meta.json"
        if meta_file.exists():
            old = json.loads(meta_file.read_text())
            diff = [k for k in meta if old.get(k) != meta[k]]
            if diff:
                what = ", ".join(_EXPLAIN.get(k, k) for k in diff)
                raise CheckpointMismatchError(
                    f"checkpoint {str(self.path)!r} belongs to a different sweep ({what} "
                    "differ); use another checkpoint path or delete this one"
                )
        else:
            self.path.mkdir(parents=True, exist_ok=True)
            self._atomic_write(meta_file, json.dumps(meta, indent=1).encode())

    @staticmethod
    def _atomic_write(target: Path, data: bytes) -> None:
        tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        try:  # make the rename durable
            dfd = os.open(target.parent, os.O_RDONLY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)
        except OSError:  # pragma: no cover - not supported on every platform
            pass

    def load(self) -> dict[int, tuple[dict[str, Any] | None, str]]:
        """All finished records: ``{flat_index: (result, error)}``."""
        return load_records(self.path)

    def save(self, records: list[tuple[int, dict[str, Any] | None, str]]) -> None:
        """Persist a chunk of finished records atomically."""
        if not records:
            return
        first = min(r[0] for r in records)
        name = f"chunk-{first:09d}-{len(records)}-{uuid.uuid4().hex[:8]}.pkl"
        self._atomic_write(self.path / name, pickle.dumps(records, protocol=4))
