"""Dataset provenance and netCDF input/output helpers.

Every dataset that wirelesseff produces (sweeps, studies) carries its provenance in ``attrs``
using netCDF-safe types only: strings and numbers, with dictionaries JSON-encoded. The helpers
here build and sanitise those attributes and write datasets so that
``xarray.load_dataset(path)`` gives back the same dataset.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as _dt
import json
import math
import os
import secrets
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import xarray as xr

__all__ = [
    "atomic_output",
    "json_dumps",
    "load_dataset",
    "netcdf_safe_attrs",
    "provenance_attrs",
    "save_dataset",
]


def _json_default(obj: Any) -> Any:
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, np.ndarray):
        if obj.size <= 10_000:
            return _jsonable(obj.tolist())
        return f"<ndarray shape={obj.shape} dtype={obj.dtype}>"
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out = {"__class__": type(obj).__qualname__}
        out.update({f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)})
        return out
    if isinstance(obj, complex):
        return {"real": obj.real, "imag": obj.imag}
    if isinstance(obj, Path):
        return str(obj)
    if isinstance(obj, set | frozenset | tuple):
        return list(obj)
    if callable(obj):
        return f"{getattr(obj, '__module__', '?')}.{getattr(obj, '__qualname__', repr(obj))}"
    return repr(obj)


def _jsonable(x: Any) -> Any:
    """Replace non-finite floats (not valid JSON) by strings, recursively."""
    if isinstance(x, float) and not math.isfinite(x):
        return repr(x)
    if isinstance(x, list):
        return [_jsonable(v) for v in x]
    if isinstance(x, dict):
        return {str(k): _jsonable(v) for k, v in x.items()}
    return x


def json_dumps(obj: Any) -> str:
    """JSON-encode parameters for provenance (numpy, dataclasses and callables handled).

    Examples
    --------
    >>> json_dumps({"M": np.int64(4), "alpha": None, "f": [1.5, float("inf")]})
    '{"M": 4, "alpha": null, "f": [1.5, "inf"]}'
    """

    def encode(o: Any) -> Any:
        if isinstance(o, Mapping):
            return {str(k): encode(v) for k, v in o.items()}
        if isinstance(o, list | tuple):
            return [encode(v) for v in o]
        if isinstance(o, float) and not math.isfinite(o):
            return repr(o)
        if o is None or isinstance(o, bool | int | float | str):
            return o
        return encode(_json_default(o))

    return json.dumps(encode(obj), sort_keys=False)


def netcdf_safe_attrs(attrs: Mapping[str, Any]) -> dict[str, Any]:
    """Convert attribute values to netCDF-safe types (str, int, float, 1-D numeric arrays).

    Booleans become 0/1, ``None`` becomes ``""``, mappings and other objects are JSON-encoded.

    Examples
    --------
    >>> netcdf_safe_attrs({"seed": 0, "strict": True, "fixed": {"M": 4}, "note": None})
    {'seed': 0, 'strict': 1, 'fixed': '{"M": 4}', 'note': ''}
    """
    if not isinstance(attrs, Mapping):
        raise TypeError(f"attrs must be a mapping of attribute names to values, got "
                        f"{type(attrs).__name__}")
    out: dict[str, Any] = {}
    for key, value in attrs.items():
        if isinstance(value, bool | np.bool_):
            out[key] = int(value)
        elif value is None:
            out[key] = ""
        elif isinstance(value, str | int | float | np.integer | np.floating):
            out[key] = value.item() if isinstance(value, np.generic) else value
        elif (
            isinstance(value, np.ndarray | list | tuple)
            and np.asarray(value).ndim == 1
            and np.asarray(value).dtype.kind in "iuf"
        ):
            out[key] = np.asarray(value)
        else:
            out[key] = json_dumps(value)
    return out


def provenance_attrs(**extra: Any) -> dict[str, Any]:
    """Provenance attributes: package version, creation time (UTC, ISO 8601) and ``extra``."""
    from . import __version__

    attrs = {
        "wirelesseff_version": __version__,
        "created": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
    }
    attrs.update(extra)
    return netcdf_safe_attrs(attrs)


def _sanitize(ds: xr.Dataset) -> xr.Dataset:
    ds = ds.copy()
    ds.attrs = netcdf_safe_attrs(ds.attrs)
    for name in list(ds.variables):
        ds[name].attrs = netcdf_safe_attrs(ds[name].attrs)
    return ds


def _pid_alive(pid: int) -> bool:
    if os.name == "nt":  # os.kill would terminate the process there: assume it is alive
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):  # another user's process, or nonsense
        return True
    return True


def _remove_stale_temporaries(path: Path) -> None:
    """Remove temporaries of ``path`` left by writers that died (their pid is gone)."""
    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
        try:
            pid = int(tmp.name[len(path.name) + 2 :].split(".", 1)[0])
        except ValueError:
            continue
        if pid != os.getpid() and not _pid_alive(pid):
            with contextlib.suppress(OSError):
                tmp.unlink()


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike) -> Iterator[Path]:
    """Context manager giving a temporary path that replaces ``path`` atomically on success.

    The temporary file is created in the directory of ``path`` (so that :func:`os.replace` is an
    atomic rename on POSIX and Windows) under a unique name, ``.NAME.<pid>.<random>.tmp``, so
    that concurrent writers of the same file never share a temporary. If the ``with`` block
    raises (or is interrupted), the temporary is removed and ``path`` is left untouched: a
    reader sees either the old file or the complete new one, never a partial write.
    Temporaries left by writers that were killed (their process is gone) are removed on the
    next write of the same file. The file gets the usual permissions (``0o666`` minus the umask).

    Parameters
    ----------
    path : str or os.PathLike
        Final location; its directory is created if needed.

    Yields
    ------
    pathlib.Path
        The temporary path to write to (it exists, empty).

    Examples
    --------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_output(target) as tmp:
    ...     _ = tmp.write_text("complete")
    >>> target.read_text(), sorted(p.name for p in target.parent.iterdir())
    ('complete', ['out.txt'])
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(path)
    while True:
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
        try:  # O_EXCL: never reuse another writer's temporary; mode 0o666 & ~umask
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            break
        except FileExistsError:  # pragma: no cover - 32 random bits collided
            continue
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def save_dataset(ds: xr.Dataset, path: str | Path) -> Path:
    """Write ``ds`` to netCDF-4 (HDF5) with the h5netcdf engine, atomically.

    Attributes are made netCDF-safe first. Complex variables are stored with h5netcdf's native
    complex type (readable by xarray/h5py; the netCDF-C library does not know complex numbers).
    The file is written to a unique temporary in the same directory and renamed into place
    (:func:`atomic_output`), so an interrupted or failed write never leaves a partial file.

    Returns
    -------
    pathlib.Path
        The written path.
    """
    if not isinstance(ds, xr.Dataset):
        raise TypeError(f"ds must be an xarray.Dataset, got {type(ds).__name__}")
    path = Path(_check_path(path))
    ds = _sanitize(ds)
    has_complex = any(np.iscomplexobj(v.values) for v in ds.variables.values())
    with atomic_output(path) as tmp:
        ds.to_netcdf(tmp, engine="h5netcdf", invalid_netcdf=has_complex)
    return path


def load_dataset(path: str | Path) -> xr.Dataset:
    """Load a dataset written by :func:`save_dataset` fully into memory.

    Raises
    ------
    TypeError
        If ``path`` is not a path.
    FileNotFoundError
        If there is no such file.
    """
    return xr.load_dataset(Path(_check_path(path)), engine="h5netcdf")


def _check_path(path):
    if not isinstance(path, str | os.PathLike):
        raise TypeError(f"path must be a file path (str or os.PathLike), got {type(path).__name__}")
    if not os.fspath(path):
        raise ValueError("path must not be empty")
    return path
