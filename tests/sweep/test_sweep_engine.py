"""Sweep engine: labels, reproducibility across executors, bad points, vectorized path."""

from __future__ import annotations

import numpy as np
import pytest
import xarray as xr

import wirelesseff
from wirelesseff.io import load_dataset, save_dataset
from wirelesseff.sweep import PointFailureWarning, point_rng, sweep


def noisy_point(snr_db, n_ant, rng):
    """Monte-Carlo-like point: depends on the per-point generator."""
    h = rng.standard_normal((64, n_ant)) + 1j * rng.standard_normal((64, n_ant))
    gain = np.mean(np.sum(np.abs(h) ** 2, axis=1)) / 2
    se = np.log2(1 + 10 ** (snr_db / 10) * gain)
    return {"se": se, "gain": gain, "per_user": np.abs(h[:3, 0]), "status": "optimal"}


noisy_point.units = {"se": "bit/s/Hz", "gain": "1"}
noisy_point.long_names = {"se": "spectral efficiency"}

GRID = {"snr_db": np.array([-5.0, 0.0, 5.0, 10.0]), "n_ant": np.array([1, 2, 4])}


def _strip(ds: xr.Dataset) -> xr.Dataset:
    """Drop attributes that legitimately differ between runs (time, executor, elapsed)."""
    ds = ds.copy()
    for key in ("created", "executor", "elapsed_s"):
        ds.attrs.pop(key, None)
    return ds


def test_labels_units_and_provenance():
    ds = sweep(noisy_point, GRID, seed=3, progress=False,
               units={"snr_db": "dB"}, dims={"per_user": ("user",)},
               attrs={"study": "unit-test", "params": {"a": 1}})
    assert list(ds.se.dims) == ["snr_db", "n_ant"]
    assert ds.per_user.dims == ("snr_db", "n_ant", "user")
    np.testing.assert_array_equal(ds.snr_db.values, GRID["snr_db"])
    np.testing.assert_array_equal(ds.n_ant.values, GRID["n_ant"])
    assert ds.se.attrs == {"units": "bit/s/Hz", "long_name": "spectral efficiency"}
    assert ds.snr_db.attrs["units"] == "dB"
    assert ds.status.values.tolist() == [["optimal"] * 3] * 4
    assert (ds.error == "").all()
    a = ds.attrs
    assert a["seed"] == 3 and a["n_points"] == 12 and a["n_failed"] == 0
    assert a["function"].endswith("noisy_point")
    assert a["wirelesseff_version"] == wirelesseff.__version__
    assert a["study"] == "unit-test" and a["params"] == '{"a": 1}'
    # gain grows with the number of antennas (mean |h|^2 summed over antennas)
    assert np.all(np.diff(ds.gain.mean("snr_db").values) > 0)


def test_point_rng_is_the_spawned_child():
    children = np.random.SeedSequence(7).spawn(5)
    for i, child in enumerate(children):
        expected = np.random.Generator(np.random.PCG64(child)).random(4)
        np.testing.assert_array_equal(point_rng(7, i).random(4), expected)


def test_module_is_callable_and_same_as_function():
    a = wirelesseff.sweep(noisy_point, GRID, seed=1, progress=False)
    b = sweep(noisy_point, GRID, seed=1, progress=False)
    xr.testing.assert_identical(_strip(a), _strip(b))


def test_same_seed_same_numbers_other_seed_differs():
    a = sweep(noisy_point, GRID, seed=11, progress=False)
    b = sweep(noisy_point, GRID, seed=11, progress=False, chunksize=1)
    c = sweep(noisy_point, GRID, seed=12, progress=False)
    xr.testing.assert_identical(_strip(a), _strip(b))
    assert not np.allclose(a.se.values, c.se.values)


def test_processes_executor_is_bit_identical():
    serial = sweep(noisy_point, GRID, seed=5, progress=False)
    procs = sweep(noisy_point, GRID, seed=5, progress=False, executor="processes",
                  n_workers=2, chunksize=2)
    xr.testing.assert_identical(_strip(serial), _strip(procs))
    assert procs.attrs["executor"] == "processes"


def test_concurrent_futures_executor():
    from concurrent.futures import ThreadPoolExecutor

    serial = sweep(noisy_point, GRID, seed=5, progress=False)
    with ThreadPoolExecutor(2) as pool:
        threaded = sweep(noisy_point, GRID, seed=5, progress=False, executor=pool, chunksize=3)
    xr.testing.assert_identical(_strip(serial), _strip(threaded))


def flaky(x, y):
    if x == 2 and y == "b":
        raise ArithmeticError("bad point x=2")
    return {"v": x * 10.0, "n": int(x)}


def test_bad_points_are_recorded_and_sweep_goes_on():
    with pytest.warns(PointFailureWarning, match="1/6 points"):
        ds = sweep(flaky, {"x": [1, 2, 3], "y": ["a", "b"]}, progress=False)
    assert ds.attrs["n_failed"] == 1
    assert ds.error.sel(x=2, y="b").item() == "ArithmeticError: bad point x=2"
    assert np.isnan(ds.v.sel(x=2, y="b").item())
    assert ds.v.sel(x=3, y="b").item() == 30.0
    # an integer result with a failed point becomes float so that NaN can mark it
    assert ds.n.dtype == np.float64
    assert int((ds.error != "").sum()) == 1


def test_strict_reraises():
    with pytest.raises(ArithmeticError, match="bad point"):
        sweep(flaky, {"x": [1, 2, 3], "y": ["a", "b"]}, progress=False, strict=True)


def test_integer_results_stay_integer_without_failures():
    ds = sweep(flaky, {"x": [1, 3], "y": ["a"]}, progress=False)
    assert ds.n.dtype.kind == "i"


def closed_form(bandwidth, snr_db, p_fixed):
    se = np.log2(1 + 10 ** (snr_db / 10))
    return {"rate": bandwidth * se, "ee": bandwidth * se / p_fixed}


def test_vectorized_equals_per_point():
    grid = {"bandwidth": np.array([1e6, 2e6, 5e6]), "snr_db": np.linspace(-10, 20, 7)}
    vec = sweep(closed_form, grid, fixed={"p_fixed": 2.0}, vectorized=True, progress=False,
                units={"ee": "bit/J"})
    pp = sweep(closed_form, grid, fixed={"p_fixed": 2.0}, progress=False, units={"ee": "bit/J"})
    xr.testing.assert_allclose(vec[["rate", "ee"]], pp[["rate", "ee"]], rtol=1e-15)
    assert vec.ee.attrs["units"] == "bit/J"
    assert vec.attrs["executor"] == "vectorized"


def test_vectorized_extra_dims_and_dataarray_results():
    def f(a, b):
        users = xr.DataArray(np.arange(4.0), dims="user", coords={"user": [10, 11, 12, 13]})
        return {"s": a + b, "per_user": (a + b)[..., None] * np.arange(4.0), "u": users * 2,
                "const": 1.0}

    ds = sweep(f, {"a": [1.0, 2.0], "b": [0.0, 10.0, 20.0]}, vectorized=True,
               dims={"per_user": ("k",)}, coords={"k": [5, 6, 7, 8]}, progress=False)
    np.testing.assert_array_equal(ds.k.values, [5, 6, 7, 8])
    assert ds.per_user.dims == ("a", "b", "k") and ds.per_user.shape == (2, 3, 4)
    assert ds.u.dims == ("a", "b", "user")
    np.testing.assert_array_equal(ds.user.values, [10, 11, 12, 13])
    assert ds.const.shape == (2, 3) and np.all(ds.const == 1.0)


def test_dataarray_results_per_point_keep_dims_and_coords():
    def f(x):
        return {"curve": xr.DataArray(np.arange(3.0) * x, dims="t",
                                      coords={"t": [0.0, 0.5, 1.0]}, attrs={"units": "W"})}

    ds = sweep(f, {"x": [1.0, 2.0]}, progress=False)
    assert ds.curve.dims == ("x", "t")
    np.testing.assert_array_equal(ds.t.values, [0.0, 0.5, 1.0])
    assert ds.curve.attrs["units"] == "W"


def test_netcdf_round_trip(tmp_path):
    ds = sweep(noisy_point, GRID, seed=2, progress=False, attrs={"params": {"x": [1, 2]}})
    path = tmp_path / "sweep.nc"
    ds.to_netcdf(path)  # plain xarray call must work: all attrs are netCDF-safe
    back = xr.load_dataset(path)
    xr.testing.assert_identical(ds, back)
    save_dataset(ds, tmp_path / "s2.nc")
    xr.testing.assert_identical(ds, load_dataset(tmp_path / "s2.nc"))


@pytest.mark.parametrize(
    ("grid", "match"),
    [
        ({"x": []}, "empty"),
        ({"x": [[1, 2]]}, "1-D"),
        ({"x": [1, 1, 2]}, "repeated"),
        ({"rng": [1, 2]}, "reserved"),
        ({"1x": [1]}, "identifiers"),
        ({"x": [1.0, np.nan]}, "NaN"),
    ],
)
def test_bad_grids_rejected(grid, match):
    with pytest.raises(ValueError, match=match):
        sweep(flaky, grid, progress=False)


def test_bad_arguments_rejected():
    with pytest.raises(ValueError, match="both grid and fixed"):
        sweep(flaky, {"x": [1]}, fixed={"x": 2, "y": "a"}, progress=False)
    with pytest.raises(ValueError, match="executor"):
        sweep(flaky, {"x": [1]}, fixed={"y": "a"}, executor="threads", progress=False)
    with pytest.raises(ValueError, match="seed"):
        sweep(flaky, {"x": [1]}, fixed={"y": "a"}, seed=-1, progress=False)
    with pytest.raises(TypeError, match="grid must be a mapping"):
        sweep(flaky, [1, 2], progress=False)


def test_inconsistent_result_shapes_are_reported():
    def f(x):
        return {"v": np.zeros(int(x))}

    with pytest.raises(ValueError, match="changes shape"):
        sweep(f, {"x": [1, 2]}, progress=False)


def thread_counts(i):
    import numba
    from threadpoolctl import threadpool_info

    blas = [p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"]
    return {"numba": numba.get_num_threads(), "blas": max(blas) if blas else 1}


def test_process_workers_use_one_blas_and_numba_thread():
    ds = sweep(thread_counts, {"i": [0, 1, 2, 3]}, executor="processes", n_workers=2,
               progress=False)
    assert (ds.numba == 1).all() and (ds.blas == 1).all()
