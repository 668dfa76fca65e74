"""Crash-safe persistence of finished sweep points (see docs/sweep.md, "Checkpoints").

A checkpoint is a directory::

    meta.json      fingerprint of the sweep and the format version (written first, atomically)
    lock           holder of the directory: pid, host, process start time (kernel lock)
    chunk-<time>-<first>-<n>-<id>.npz   finished records, data only (see ``_codec``)

Every file is written to a temporary name in the same directory, flushed, fsync'ed and renamed
atomically, so a process killed at any instant (SIGKILL included) leaves either a complete file
or a temporary one, which the next run deletes. Nothing in a checkpoint is pickled: resuming a
checkpoint someone sent you cannot run their code.
"""

from __future__ import annotations

import errno
import hashlib
import inspect
import json
import os
import socket
import time
import uuid
import warnings
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from ._codec import CHUNK_VERSION, CorruptChunkError, decode_chunk, encode_chunk
from ._points import user_stacklevel

__all__ = [
    "FORMAT_VERSION",
    "Checkpoint",
    "CheckpointLockedError",
    "CheckpointMismatchError",
    "fingerprint",
    "load_records",
]

META_FORMAT = "wirelesseff-sweep-checkpoint"
#: Version of the checkpoint layout. 1: pickled chunks (wirelesseff 0.1, never loaded);
#: 2: data-only ``.npz`` chunks with a SHA-256, ``meta.json`` first, lock file.
FORMAT_VERSION = CHUNK_VERSION

Record = tuple[int, dict[str, Any] | None, str]


class CheckpointMismatchError(ValueError):
    """The checkpoint directory belongs to another sweep, or is not a valid checkpoint."""


class CheckpointLockedError(RuntimeError):
    """Another live process is using the checkpoint directory."""


def _digest(obj: Any) -> str:
    # Hashing (never loading) a cloudpickle byte string identifies the fixed parameters.
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
}


# ----------------------------------------------------------------------------- file helpers

def _fsync_dir(path: Path) -> None:
    try:  # make a rename durable
        dfd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:  # pragma: no cover - not supported on every platform
        pass


def _atomic_write(target: Path, data: bytes) -> None:
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise
    _fsync_dir(target.parent)


def _chunk_files(path: Path) -> list[Path]:
    return sorted(p for p in path.glob("chunk-*") if p.is_file())


def _merge(done: dict[int, tuple[dict | None, str]], records: list[Record]) -> None:
    # Files are read oldest first, so a later record replaces an earlier one; but a finished
    # result is never replaced by a failure of the same point.
    for index, res, err in records:
        old = done.get(index)
        if old is not None and old[0] is not None and res is None:
            continue
        done[index] = (res, err)


def load_records(
    path: str | os.PathLike, n_points: int | None = None
) -> dict[int, tuple[dict[str, Any] | None, str]]:
    """Finished records of the checkpoint directory ``path``: ``{flat_index: (result, error)}``.

    Read-only inspection helper: damaged chunks are skipped (not deleted) and no lock is taken.
    """
    done: dict[int, tuple[dict[str, Any] | None, str]] = {}
    for f in _chunk_files(Path(path)):
        if f.suffix != ".npz":
            continue
        try:
            records = _valid_records(decode_chunk(str(f)), n_points)
        except CorruptChunkError:
            continue
        _merge(done, records)
    return done


def _valid_records(records: list[Record], n_points: int | None) -> list[Record]:
    for index, _, _ in records:
        if index < 0 or (n_points is not None and index >= n_points):
            raise CorruptChunkError(f"grid index {index} out of range")
    return records


# ----------------------------------------------------------------------------- the lock

def _process_start_time(pid: int) -> str:
    """Start time of ``pid`` in clock ticks since boot (Linux), '' elsewhere; tells a reused pid
    apart from the original holder in diagnostics."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            stat = fh.read().decode(errors="replace")
        return stat.rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return ""


def _try_lock(fd: int) -> bool:
    """Take the kernel lock of ``fd`` without blocking; False if another process holds it.

    A kernel lock (``flock``; ``msvcrt.locking`` on Windows) is released by the operating system
    when its holder dies, however it dies, so a stale lock can never block a new run and a
    reused pid can never impersonate the holder.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            return False
        raise
    return True


def _describe_holder(lock_file: Path) -> str:
    info: dict[str, Any] = {}
    for _ in range(50):  # the holder writes its details right after taking the lock
        try:
            info = json.loads(lock_file.read_text() or "{}")
        except (OSError, ValueError):
            info = {}
        if info:
            break
        time.sleep(0.01)
    if not isinstance(info, dict) or "pid" not in info:
        return "another process (pid unknown)"
    where = f" on host {info['host']}" if info.get("host") else ""
    since = f" since {info['acquired']}" if info.get("acquired") else ""
    return f"process {info['pid']}{where}{since}"


# ----------------------------------------------------------------------------- checkpoint

class Checkpoint:
    """A checkpoint directory bound to one sweep fingerprint.

    Use :meth:`open` (takes the lock, cleans up, checks or writes ``meta.json``, reads the
    finished records), :meth:`save` for each batch of finished records, and :meth:`close`.
    """

    def __init__(self, path: str | os.PathLike, meta: dict[str, Any], n_points: int):
        self.path = Path(path)
        self.meta = {"format": META_FORMAT, "format_version": FORMAT_VERSION, **meta}
        self.n_points = int(n_points)
        self._lock_fd: int | None = None

    # -- lifecycle -----------------------------------------------------------------------------
    def __enter__(self) -> Checkpoint:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def open(self) -> dict[int, tuple[dict[str, Any] | None, str]]:
        """Lock the directory and return its finished records ``{flat_index: (result, error)}``.

        Raises
        ------
        CheckpointLockedError
            If another live process holds the directory.
        CheckpointMismatchError
            If the directory belongs to another sweep, holds chunks without a valid
            ``meta.json``, or was written in another format version.
        """
        if self.path.exists() and not self.path.is_dir():
            raise ValueError(f"checkpoint must be a directory, got the file {str(self.path)!r}")
        self.path.mkdir(parents=True, exist_ok=True)
        self._acquire_lock()
        try:
            self._remove_temporaries()
            self._check_or_write_meta()
            return self._read_chunks()
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        """Release the lock (idempotent)."""
        fd, self._lock_fd = self._lock_fd, None
        if fd is None:
            return
        try:
            # Unlink while still holding the kernel lock: a process that opened the old file
            # either failed to lock it (we were alive) or sees that it was unlinked and retries.
            os.unlink(self.path / "lock")
        except OSError:
            pass
        os.close(fd)

    def _acquire_lock(self) -> None:
        lock_file = self.path / "lock"
        for _ in range(100):
            fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                locked = _try_lock(fd)
            except BaseException:
                os.close(fd)
                raise
            if not locked:
                os.close(fd)
                raise CheckpointLockedError(
                    f"checkpoint {str(self.path)!r} is in use by {_describe_holder(lock_file)}; "
                    "wait for that sweep to finish, or use another checkpoint path (a lock "
                    "left by a process that died is released by the operating system)"
                )
            try:  # the file we locked must still be the one at the path (see close)
                same = os.path.samestat(os.fstat(fd), os.stat(lock_file))
            except FileNotFoundError:
                same = False
            if not same:
                os.close(fd)
                continue
            pid = os.getpid()
            info = {
                "pid": pid,
                "host": socket.gethostname(),
                "start_time_ticks": _process_start_time(pid),
                "acquired": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            }
            # A previous holder that died (kill -9, power loss) leaves its details here;
            # they are simply replaced: the kernel lock, not the file, says who holds it.
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, json.dumps(info).encode())
            self._lock_fd = fd
            return
        raise CheckpointLockedError(  # pragma: no cover - needs a pathological race
            f"could not lock checkpoint {str(self.path)!r}: its lock file keeps being replaced"
        )

    def _remove_temporaries(self) -> None:
        # Temporary files of writes interrupted by a crash; we hold the lock, so no live
        # process is writing them.
        for tmp in self.path.glob(".*.tmp"):
            try:
                tmp.unlink()
            except OSError:
                pass

    def _check_or_write_meta(self) -> None:
        meta_file = self.path / "meta.json"
        if not meta_file.exists():
            chunks = _chunk_files(self.path)
            if chunks:
                raise CheckpointMismatchError(
                    f"checkpoint {str(self.path)!r} holds the chunk file {chunks[0].name!r} but "
                    "no meta.json, so it cannot be told which sweep wrote it; use another "
                    "checkpoint path or delete this one"
                )
            _atomic_write(meta_file, json.dumps(self.meta, indent=1).encode())
            return
        try:
            old = json.loads(meta_file.read_bytes())
            if not isinstance(old, dict):
                raise ValueError("not a JSON object")
        except (OSError, ValueError) as exc:
            raise CheckpointMismatchError(
                f"checkpoint file {str(meta_file)!r} is empty or corrupt ({exc}); use another "
                "checkpoint path or delete this one"
            ) from None
        version = old.get("format_version")
        if version is None and "record_version" in old:
            raise CheckpointMismatchError(
                f"checkpoint {str(self.path)!r} was written by an earlier wirelesseff in the "
                f"pickle-based format (format version 1; this version reads format version "
                f"{FORMAT_VERSION}). Pickle files are never loaded because they can run code; "
                "delete the directory or use another checkpoint path to start afresh"
            )
        if old.get("format") != META_FORMAT or version != FORMAT_VERSION:
            raise CheckpointMismatchError(
                f"checkpoint file {str(meta_file)!r} has format {old.get('format')!r} version "
                f"{version!r}; this wirelesseff reads {META_FORMAT!r} version {FORMAT_VERSION}. "
                "Use another checkpoint path or delete this one"
            )
        diff = [k for k in self.meta if old.get(k) != self.meta[k]]
        if diff:
            what = ", ".join(_EXPLAIN.get(k, k) for k in diff)
            raise CheckpointMismatchError(
                f"checkpoint {str(self.path)!r} belongs to a different sweep ({what} "
                "differ); use another checkpoint path or delete this one"
            )
        pickled = [p.name for p in _chunk_files(self.path) if p.suffix != ".npz"]
        if pickled:
            raise CheckpointMismatchError(
                f"checkpoint {str(self.path)!r} holds {pickled[0]!r}, which is not a chunk of "
                f"format version {FORMAT_VERSION} (old pickle chunks are never loaded); "
                "delete it or use another checkpoint path"
            )

    def _read_chunks(self) -> dict[int, tuple[dict[str, Any] | None, str]]:
        done: dict[int, tuple[dict[str, Any] | None, str]] = {}
        for f in _chunk_files(self.path):
            try:
                records = _valid_records(decode_chunk(str(f)), self.n_points)
            except CorruptChunkError as exc:
                warnings.warn(
                    f"checkpoint chunk {str(f)!r} failed its integrity check ({exc}); it was "
                    "discarded and its points are computed again",
                    RuntimeWarning, stacklevel=user_stacklevel(),
                )
                try:
                    f.unlink()
                except OSError:
                    pass
                continue
            _merge(done, records)
        return done

    # -- writing -------------------------------------------------------------------------------
    def save(self, records: list[Record]) -> None:
        """Persist a batch of finished records as one chunk file, atomically."""
        if not records:
            return
        data = encode_chunk(records)
        first = min(r[0] for r in records)
        name = f"chunk-{time.time_ns():020d}-{first:09d}-{len(records)}-{uuid.uuid4().hex[:8]}.npz"
        _atomic_write(self.path / name, data)
