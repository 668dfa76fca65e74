"""The sweep engine: a parameter grid in, a labelled :class:`xarray.Dataset` out."""

from __future__ import annotations

import concurrent.futures as cf
import math
import os
import sys
import time
import warnings
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np
import xarray as xr

from .._validation import check_integer
from ..io import json_dumps, netcdf_safe_attrs, provenance_attrs
from ._checkpoint import Checkpoint, fingerprint
from ._executors import Sink, SweepError, run_dask, run_futures, run_processes, run_serial
from ._points import MAX_SEED, accepts_rng, normalize_result, user_stacklevel

__all__ = ["PointFailureWarning", "SweepError", "sweep"]

_RESERVED = {"rng"}

#: Largest grid (number of points) accepted: 10**9 points of one float64 metric already need
#: 8 GB; the bound stops a typo from allocating terabytes.
MAX_POINTS = 10**9
#: Largest ``n_workers`` and ``chunksize`` accepted.
MAX_WORKERS = 4096
MAX_CHUNKSIZE = 10**7


class PointFailureWarning(UserWarning):
    """Some points of a sweep raised; the dataset marks them (NaN, ``error`` variable)."""


# ----------------------------------------------------------------------------- validation

def _prepare_grid(grid: Mapping[str, Any]) -> dict[str, np.ndarray]:
    if not isinstance(grid, Mapping):
        raise TypeError(f"grid must be a mapping of name -> 1-D values, got {type(grid).__name__}")
    if len(grid) == 0:
        raise ValueError("grid must name at least one parameter to sweep, got an empty mapping")
    out: dict[str, np.ndarray] = {}
    for name, values in grid.items():
        if not isinstance(name, str) or not name.isidentifier():
            raise ValueError(f"grid names must be valid Python identifiers, got {name!r}")
        if name in _RESERVED:
            raise ValueError(f"grid name {name!r} is reserved (the per-point generator)")
        arr = np.asarray(values)
        if arr.ndim == 0:
            arr = arr.reshape(1)
        if arr.ndim != 1:
            raise ValueError(f"grid[{name!r}] must be 1-D, got shape {arr.shape}")
        if arr.size == 0:
            raise ValueError(f"grid[{name!r}] is empty; every grid axis needs at least one value")
        if arr.dtype.kind in "fc" and np.any(np.isnan(arr)):
            raise ValueError(f"grid[{name!r}] contains NaN")
        if len(np.unique(arr)) != arr.size:
            raise ValueError(f"grid[{name!r}] has repeated values; coordinates must be unique")
        out[name] = arr
    return out


def _scalar(v: Any) -> Any:
    return v.item() if isinstance(v, np.generic) else v


# ----------------------------------------------------------------------------- executors

def _is_dask_client(obj: Any) -> bool:
    return type(obj).__module__.split(".")[0] == "distributed" and hasattr(obj, "submit")


def _resolve_executor(executor: Any):
    """Return (kind, handle, owned) with kind in {"serial", "processes", "dask", "futures"}."""
    if executor is None or executor == "serial":
        return "serial", None, False
    if executor == "processes":
        return "processes", None, True
    if isinstance(executor, str) and executor.startswith(("dask://", "tcp://", "tls://")):
        try:
            from distributed import Client
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError(
                'executor="dask://..." needs dask.distributed: pip install "wirelesseff[dask]"'
            ) from exc
        address = executor.replace("dask://", "tcp://", 1)
        return "dask", Client(address), True
    if _is_dask_client(executor):
        return "dask", executor, False
    if isinstance(executor, cf.Executor):
        return "futures", executor, False
    raise ValueError(
        "executor must be 'serial', 'processes', 'dask://HOST:PORT', a dask.distributed.Client "
        f"or a concurrent.futures.Executor, got {executor!r}"
    )


class _NoBar:
    """Stand-in for a progress bar that is not shown."""

    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def _progress_bar(total: int, initial: int, progress: bool, desc: str):
    """A tqdm bar on a terminal or in a notebook, and nothing anywhere else.

    No tqdm object is made when no bar is shown: constructing one (even disabled) creates a
    named multiprocessing lock, which a worker process that is terminated (Ctrl-C of a
    concurrent run) would leave behind for the resource tracker to warn about. Worker processes
    never draw bars (several processes drawing on one terminal garble it).
    """
    import multiprocessing

    shown = progress and multiprocessing.parent_process() is None and (
        "ipykernel" in sys.modules or (hasattr(sys.stderr, "isatty") and sys.stderr.isatty()))
    if not shown:
        return _NoBar()
    from tqdm.auto import tqdm

    return tqdm(
        total=total, initial=initial, desc=desc,
        unit="pt", dynamic_ncols=True, smoothing=0.05, leave=False,
    )


# ----------------------------------------------------------------------------- assembly

class _VarSpec:
    __slots__ = ("name", "kind", "extra_shape", "extra_dims", "coords", "attrs", "dtypes")

    def __init__(self, name, kind, extra_shape, extra_dims, coords, attrs):
        self.name = name
        self.kind = kind  # "num" | "str"
        self.extra_shape = extra_shape
        self.extra_dims = extra_dims
        self.coords = coords
        self.attrs = attrs
        self.dtypes: set = set()


def _inspect_value(name: str, value: Any, dims_arg: Mapping[str, Iterable[str]]):
    """Return (kind, values ndarray or str, extra_dims or None, coords, attrs)."""
    if isinstance(value, xr.DataArray):
        coords = {d: value[d].values for d in value.dims if d in value.coords}
        coord_attrs = {d: dict(value[d].attrs) for d in coords}
        vals = value.values
        if vals.dtype.kind in "US" and vals.ndim == 0:
            return "str", str(vals), tuple(value.dims), (coords, coord_attrs), dict(value.attrs)
        return "num", vals, tuple(value.dims), (coords, coord_attrs), dict(value.attrs)
    if isinstance(value, str | np.str_):
        return "str", str(value), (), ({}, {}), {}
    arr = np.asarray(value)
    if arr.dtype.kind in "US":
        if arr.ndim == 0:
            return "str", str(arr), (), ({}, {}), {}
        return "str", arr.astype(object), dims_arg.get(name), ({}, {}), {}
    if arr.dtype.kind not in "biufc":
        raise TypeError(
            f"sweep result {name!r} must be numeric, a string or a DataArray, "
            f"got {type(value).__name__}"
        )
    extra = dims_arg.get(name)
    return "num", arr, (tuple(extra) if extra is not None else None), ({}, {}), {}


def _assemble(
    grid: dict[str, np.ndarray],
    records: Mapping[int, tuple[dict | None, str]],
    dims_arg: Mapping[str, Iterable[str]],
    coords_arg: Mapping[str, Any],
) -> xr.Dataset:
    names = list(grid)
    shape = tuple(v.size for v in grid.values())
    n = int(np.prod(shape, dtype=np.int64))
    specs: dict[str, _VarSpec] = {}
    columns: dict[str, dict[int, Any]] = {}
    errors = np.full(n, "", dtype=object)

    for index in range(n):
        res, err = records.get(index, (None, "not computed"))
        if res is None:
            errors[index] = err or "failed"
            continue
        for key, value in res.items():
            kind, vals, extra_dims, (crd, crd_attrs), attrs = _inspect_value(key, value, dims_arg)
            spec = specs.get(key)
            if spec is None:
                eshape = () if kind == "str" and isinstance(vals, str) else np.shape(vals)
                if extra_dims is None:
                    extra_dims = tuple(f"{key}_dim_{i}" for i in range(len(eshape)))
                if len(extra_dims) != len(eshape):
                    raise ValueError(
                        f"sweep result {key!r} has shape {eshape} but dims {extra_dims} were "
                        "declared for it"
                    )
                clash = set(extra_dims) & set(names)
                if clash:
                    raise ValueError(f"sweep result {key!r} uses grid dims {sorted(clash)} again")
                spec = _VarSpec(key, kind, eshape, tuple(extra_dims), (crd, crd_attrs), attrs)
                specs[key] = spec
                columns[key] = {}
            else:
                eshape = () if kind == "str" and isinstance(vals, str) else np.shape(vals)
                if eshape != spec.extra_shape or kind != spec.kind:
                    raise ValueError(
                        f"sweep result {key!r} changes shape/type between points: "
                        f"{spec.extra_shape} ({spec.kind}) at the first point, {eshape} ({kind}) "
                        f"at grid point {_point_of(grid, index)}"
                    )
            if kind == "num":
                spec.dtypes.add(np.asarray(vals).dtype)
            columns[key][index] = vals

    data_vars: dict[str, xr.Variable] = {}
    extra_coords: dict[str, tuple] = {}
    for key, spec in specs.items():
        col = columns[key]
        missing = len(col) < n
        if spec.kind == "str":
            arr = np.full((n, *spec.extra_shape), "", dtype=object)
            for i, v in col.items():
                arr[i] = v
        else:
            dtype = np.result_type(*spec.dtypes)
            if dtype.kind == "b":
                dtype = np.dtype(np.float64) if missing else dtype
            elif dtype.kind in "iu" and missing:
                dtype = np.dtype(np.float64)
            elif dtype.kind == "f":
                dtype = np.result_type(dtype, np.float64)
            fill = np.nan if dtype.kind in "fc" else 0
            arr = np.full((n, *spec.extra_shape), fill, dtype=dtype)
            if col:
                idx = np.fromiter(col.keys(), dtype=np.int64, count=len(col))
                arr[idx] = np.stack([np.asarray(v) for v in col.values()])
        arr = arr.reshape(shape + spec.extra_shape)
        data_vars[key] = xr.Variable(names + list(spec.extra_dims), arr, attrs=dict(spec.attrs))
        crd, crd_attrs = spec.coords
        for d in spec.extra_dims:
            if d in crd and d not in extra_coords:
                extra_coords[d] = ((d,), np.asarray(crd[d]), crd_attrs.get(d, {}))
    for d, values in coords_arg.items():
        extra_coords[d] = ((d,), np.asarray(values), {})
    data_vars["error"] = xr.Variable(
        names, errors.reshape(shape),
        attrs={"long_name": "error message of a failed point ('' if fine)"},
    )
    coords = {name: (name, values) for name, values in grid.items()}
    for d, (dims, vals, attrs) in extra_coords.items():
        coords[d] = xr.Variable(dims, vals, attrs=attrs)
    return xr.Dataset(data_vars, coords=coords)


def _point_of(grid: Mapping[str, np.ndarray], index: int) -> dict[str, Any]:
    shape = tuple(v.size for v in grid.values())
    idx = np.unravel_index(index, shape)
    return {k: _scalar(v[i]) for (k, v), i in zip(grid.items(), idx)}


def _vectorized(func, grid, fixed, seed, pass_rng, dims_arg, coords_arg) -> xr.Dataset:
    names = list(grid)
    ndim = len(names)
    shape = tuple(v.size for v in grid.values())
    mesh = {
        name: values.reshape([-1 if i == j else 1 for j in range(ndim)])
        for i, (name, values) in enumerate(grid.items())
    }
    kwargs = {**mesh, **fixed}
    if pass_rng:
        kwargs["rng"] = np.random.default_rng(np.random.SeedSequence(seed))
    res = normalize_result(func(**kwargs))
    data_vars = {}
    extra_coords = {}
    for key, value in res.items():
        attrs = {}
        if isinstance(value, xr.DataArray):
            attrs = dict(value.attrs)
            gdims = [d for d in names if d in value.dims]
            edims = [d for d in value.dims if d not in names]
            value = value.transpose(*gdims, *edims)
            for d in edims:
                if d in value.coords:
                    extra_coords[d] = value[d].variable
            # insert singleton axes for grid dims the DataArray does not carry
            arr = value.values
            expand = [i for i, d in enumerate(names) if d not in gdims]
            for i in expand:
                arr = np.expand_dims(arr, i)
            extra = tuple(edims)
        else:
            arr = np.asarray(value)
            if arr.dtype.kind in "US":
                arr = arr.astype(object)
            extra_n = max(0, arr.ndim - ndim)
            if arr.ndim < ndim:
                arr = arr.reshape((1,) * (ndim - arr.ndim) + arr.shape)
            declared = dims_arg.get(key)
            extra = tuple(declared) if declared is not None else tuple(
                f"{key}_dim_{i}" for i in range(extra_n)
            )
            if len(extra) != extra_n:
                raise ValueError(
                    f"vectorized result {key!r} has {extra_n} extra dims but dims {extra} "
                    "were declared"
                )
        try:
            arr = np.broadcast_to(arr, shape + arr.shape[ndim:]).copy()
        except ValueError:
            raise ValueError(
                f"vectorized result {key!r} with shape {arr.shape} does not broadcast to the "
                f"grid shape {shape}"
            ) from None
        data_vars[key] = xr.Variable(names + list(extra), arr, attrs=attrs)
    coords = {name: (name, values) for name, values in grid.items()}
    coords.update(extra_coords)
    for d, values in coords_arg.items():
        coords[d] = (d, np.asarray(values))
    return xr.Dataset(data_vars, coords=coords)


# ----------------------------------------------------------------------------- the engine

def sweep(
    func: Callable[..., Any],
    grid: Mapping[str, Any],
    fixed: Mapping[str, Any] | None = None,
    *,
    vectorized: bool = False,
    executor: Any = "serial",
    n_workers: int | None = None,
    seed: int = 0,
    checkpoint: str | os.PathLike | None = None,
    progress: bool = True,
    units: Mapping[str, str] | None = None,
    long_names: Mapping[str, str] | None = None,
    dims: Mapping[str, Iterable[str]] | None = None,
    coords: Mapping[str, Any] | None = None,
    attrs: Mapping[str, Any] | None = None,
    strict: bool = False,
    chunksize: int | None = None,
) -> xr.Dataset:
    r"""Evaluate ``func`` over a parameter grid and return a labelled dataset.

    Parameters
    ----------
    func : callable
        ``func(**point, **fixed, rng=...)`` returning a dict of metrics (numbers, arrays,
        strings or DataArrays), or a Dataset. ``rng`` is passed only if ``func`` accepts it.
        Units and long names may be declared as function attributes ``func.units`` and
        ``func.long_names`` (dicts) or as DataArray attrs.
    grid : mapping of str to 1-D array_like
        Swept parameters; each becomes a dimension (in this order) with its values as coordinate.
        At least one axis, each with at least one value; at most :data:`MAX_POINTS` points.
    fixed : mapping, optional
        Parameters passed unchanged to every call and recorded (JSON) in the provenance.
    vectorized : bool
        If true, call ``func`` once with broadcastable open-mesh grid arrays (closed forms); the
        results must broadcast to the grid shape (extra trailing axes become extra dims).
    executor : {"serial", "processes"}, "dask://HOST:PORT", dask Client or Executor
        Where per-point evaluations run. Results are bit-identical for every choice.
    n_workers : int, optional
        Worker processes for ``"processes"`` (default: CPU count), in [1, 4096].
    seed : int
        Root seed in [0, 2**128 - 1]; the point with flat (C-order) grid index ``i`` gets the
        generator of ``SeedSequence(seed, spawn_key=(i,))`` (the i-th child of
        ``SeedSequence(seed)``).
    checkpoint : path, optional
        Directory where finished points are persisted atomically as they complete (data only,
        never pickled; see docs/sweep.md, "Checkpoints"). Re-running the same sweep computes
        only the missing points; a checkpoint of a different sweep (grid, fixed parameters,
        seed or function differ) is refused with :class:`CheckpointMismatchError`, and one in
        use by another live process with :class:`CheckpointLockedError`. Ignored (with a
        warning) when ``vectorized``.
    progress : bool
        Show a progress bar with ETA (only on a terminal).
    units, long_names : mapping of str to str, optional
        ``units``/``long_name`` attributes of result variables and grid coordinates.
    dims : mapping of str to sequence of str, optional
        Names of the extra dimensions of array-valued results (default ``{name}_dim_{i}``).
    coords : mapping, optional
        Coordinate values for extra dimensions.
    attrs : mapping, optional
        Extra dataset attributes (e.g. ``study``, ``source``); made netCDF-safe.
    strict : bool
        Re-raise the first exception of ``func`` instead of recording it (and raise
        :class:`SweepError` for a point that kills its worker twice).
    chunksize : int, optional
        Points per task (default: automatic), in [1, 10**7].

    Returns
    -------
    xarray.Dataset
        One dimension per grid axis, one variable per returned key; failed points are NaN (or
        ``""`` for strings) with their message in the ``error`` variable (per-point mode);
        provenance in ``attrs`` (``wirelesseff_version``, ``created``, ``seed``, ``function``,
        ``fixed``, ``executor``, ``n_points``, ``n_failed``).

    Raises
    ------
    ValueError
        Bad grid (empty, an axis of length 0, not 1-D, repeated values, reserved names, too
        many points), overlapping grid/fixed names, an out-of-range ``seed``, ``n_workers`` or
        ``chunksize``, or a mismatched checkpoint (:class:`CheckpointMismatchError`).
    SweepError
        Every point failed (the message gives the count and the first error; the failed
        points are in the checkpoint and in ``SweepError.dataset``), or worker processes keep
        dying before any point finishes.
    CheckpointLockedError
        Another live process is using ``checkpoint``.
    KeyboardInterrupt
        On Ctrl-C, after the finished points were written to the checkpoint and the worker
        processes stopped.

    Warns
    -----
    PointFailureWarning
        Once, if some (not all) points failed: ``n_failed/n_points`` and the first error.
        A point fails when ``func`` raises or its worker process dies twice (``error`` then
        starts with ``"worker died"``); an optimizer ``status`` it returns is not a failure.

    Examples
    --------
    >>> import numpy as np
    >>> def point(snr_db, bandwidth):
    ...     return {"rate": bandwidth * np.log2(1 + 10 ** (snr_db / 10))}
    >>> ds = sweep(point, {"snr_db": [0.0, 10.0]}, fixed={"bandwidth": 1e6},
    ...            units={"rate": "bit/s", "snr_db": "dB"}, progress=False)
    >>> ds.rate.values.round(1)
    array([1000000. , 3459431.6])
    >>> ds.rate.attrs["units"], ds.attrs["n_failed"]
    ('bit/s', 0)
    """
    fixed = dict(fixed or {})
    grid_arr = _prepare_grid(grid)
    overlap = set(grid_arr) & set(fixed)
    if overlap:
        raise ValueError(f"parameters {sorted(overlap)} appear in both grid and fixed")
    if "rng" in fixed:
        raise ValueError("'rng' cannot be a fixed parameter: pass seed= instead")
    seed = check_integer("seed", seed, low=0, high=MAX_SEED)
    if n_workers is not None:
        n_workers = check_integer("n_workers", n_workers, low=1, high=MAX_WORKERS)
    if chunksize is not None:
        chunksize = check_integer("chunksize", chunksize, low=1, high=MAX_CHUNKSIZE)
    shape = tuple(v.size for v in grid_arr.values())
    n_points = math.prod(shape)
    if n_points > MAX_POINTS:
        raise ValueError(
            f"grid has {n_points} points (shape {shape}); at most {MAX_POINTS} are supported"
        )
    dims_arg = {k: tuple(v) for k, v in (dims or {}).items()}
    pass_rng = accepts_rng(func)
    fname = f"{getattr(func, '__module__', '?')}.{getattr(func, '__qualname__', repr(func))}"
    t0 = time.perf_counter()

    if vectorized:
        if checkpoint is not None:
            warnings.warn("checkpoint is ignored with vectorized=True (a single call)",
                          RuntimeWarning, stacklevel=user_stacklevel())
        ds = _vectorized(func, grid_arr, fixed, seed, pass_rng, dims_arg, coords or {})
        executor_name = "vectorized"
        n_failed = 0
        first_error = ""
    else:
        kind, handle, owned = _resolve_executor(executor)
        try:
            done = _run(func, grid_arr, fixed, seed, pass_rng, strict, checkpoint, progress,
                        kind, handle, n_workers, chunksize)
        finally:
            if owned and kind == "dask":
                handle.close()
        executor_name = kind
        ds = _assemble(grid_arr, done, dims_arg, coords or {})
        failed = sorted(i for i, r in done.items() if r[0] is None)
        n_failed = len(failed)
        first_error = (f"at {_point_of(grid_arr, failed[0])}: {done[failed[0]][1]}"
                       if failed else "")

    # attributes: units/long names from arguments > function attributes > DataArray attrs
    func_units = dict(getattr(func, "units", {}) or {})
    func_long = dict(getattr(func, "long_names", {}) or {})
    for name in list(ds.variables):
        u = (units or {}).get(name, func_units.get(name))
        if u is not None:
            ds[name].attrs["units"] = u
        ln = (long_names or {}).get(name, func_long.get(name))
        if ln is not None:
            ds[name].attrs["long_name"] = ln
    ds.attrs.update(
        provenance_attrs(
            function=fname,
            seed=seed,
            fixed=json_dumps(fixed),
            grid_dims=",".join(grid_arr),
            executor=executor_name,
            n_points=n_points,
            n_failed=n_failed,
            elapsed_s=round(time.perf_counter() - t0, 3),
        )
    )
    if attrs:
        ds.attrs.update(netcdf_safe_attrs(dict(attrs)))
    if n_failed == n_points:
        raise SweepError(
            f"all {n_points} points of the sweep of {fname} failed; first error {first_error}",
            dataset=ds,
        )
    if n_failed:
        warnings.warn(
            f"{n_failed}/{n_points} points of the sweep of {fname} failed (NaN in the dataset, "
            f"message in its 'error' variable); first error {first_error}",
            PointFailureWarning, stacklevel=user_stacklevel(),
        )
    return ds


def _run(func, grid_arr, fixed, seed, pass_rng, strict, checkpoint, progress, kind, handle,
         n_workers, chunksize) -> dict[int, tuple[dict | None, str]]:
    """Evaluate every point not already in the checkpoint; returns ``{index: (result, err)}``."""
    n_points = math.prod(v.size for v in grid_arr.values())
    ckpt = None
    done: dict[int, tuple[dict | None, str]] = {}
    if checkpoint is not None:
        ckpt = Checkpoint(checkpoint, fingerprint(func, grid_arr, fixed, seed), n_points)
        done = ckpt.open()
        if strict:  # re-run failed points so that strict mode sees their exceptions
            done = {i: r for i, r in done.items() if r[0] is not None}
    try:
        items = [(i, _point_of(grid_arr, i)) for i in range(n_points) if i not in done]
        bar = _progress_bar(n_points, len(done), progress,
                            desc=getattr(func, "__name__", "sweep"))
        try:
            args = (func, fixed, items, seed, pass_rng, strict)
            if kind == "serial":
                run_serial(*args, Sink(done, ckpt, bar, flush_every=chunksize or 10_000))
            elif kind == "processes":
                run_processes(*args, Sink(done, ckpt, bar), chunksize, n_workers,
                              describe=lambda i: str(_point_of(grid_arr, i)))
            elif kind == "futures":
                run_futures(handle, *args, Sink(done, ckpt, bar), chunksize, n_workers)
            else:
                run_dask(handle, *args, Sink(done, ckpt, bar), chunksize,
                         describe=lambda i: str(_point_of(grid_arr, i)))
        finally:
            bar.close()
    finally:
        if ckpt is not None:
            ckpt.close()
    return done


