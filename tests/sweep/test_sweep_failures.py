"""Failed points are announced: SweepError when all fail, one PointFailureWarning when some do."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from wirelesseff.sweep import PointFailureWarning, SweepError, sweep
from wirelesseff.sweep._checkpoint import load_records


def _model(x, scale=1.0):
    return scale * x


def typo(x):
    return {"v": _model(x, scael=2.0)}  # a misspelt keyword: TypeError at every point


def test_all_points_failing_raises_sweep_error_after_checkpointing(tmp_path):
    """Guards: a sweep whose every point raised returned a dataset holding only the ``error``
    variable, without a word. It must raise SweepError (count + first error), and the failed
    records must still reach the checkpoint."""
    with pytest.raises(SweepError, match=r"all 3 points .* failed; first error at \{'x': 1\}: "
                                         r"TypeError: .*unexpected keyword") as info:
        sweep(typo, {"x": [1, 2, 3]}, checkpoint=tmp_path / "c", progress=False)
    assert isinstance(info.value, RuntimeError)
    ds = info.value.dataset
    assert ds.attrs["n_failed"] == 3 and (ds.error != "").all()
    assert sorted(load_records(tmp_path / "c")) == [0, 1, 2]


def test_all_failing_with_processes_raises_too():
    """Guards the same announcement for the process pool."""
    with pytest.raises(SweepError, match="all 4 points"):
        sweep(typo, {"x": [1, 2, 3, 4]}, executor="processes", n_workers=2, progress=False)


def half(x):
    if x % 2:
        raise ValueError(f"odd x={x}")
    return {"v": float(x)}


def test_some_points_failing_warn_exactly_once():
    """Guards: partial failures were silent. Exactly one PointFailureWarning must give
    n_failed/n_points and the first error; the dataset keeps NaN + ``error``."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ds = sweep(half, {"x": np.arange(6)}, progress=False)
    failures = [w for w in caught if issubclass(w.category, PointFailureWarning)]
    assert len(failures) == 1
    msg = str(failures[0].message)
    assert "3/6 points" in msg and "first error at {'x': 1}: ValueError: odd x=1" in msg
    assert issubclass(PointFailureWarning, UserWarning)
    assert np.isnan(ds.v.sel(x=1).item()) and ds.v.sel(x=2).item() == 2.0
    assert ds.error.sel(x=3).item() == "ValueError: odd x=3"
    assert failures[0].filename == __file__  # points at the caller


def returns_status(x):
    """An optimizer-style point: infeasibility is a *returned* status, not an exception."""
    if x > 1:
        return {"p": np.nan, "status": "infeasible"}
    return {"p": float(x), "status": "optimal"}


def test_a_returned_status_is_not_a_failure():
    with warnings.catch_warnings():
        warnings.simplefilter("error", PointFailureWarning)
        ds = sweep(returns_status, {"x": [0, 1, 2, 3]}, progress=False)
    assert ds.attrs["n_failed"] == 0
    assert ds.status.values.tolist() == ["optimal", "optimal", "infeasible", "infeasible"]


@pytest.mark.parametrize("grid", [{}, {"x": []}, {"x": [1.0], "y": np.array([])}])
def test_empty_grid_is_rejected_naming_grid(grid):
    """Guards: ``grid={}`` silently evaluated the function once with no parameter."""
    with pytest.raises(ValueError, match="grid"):
        sweep(half, grid, progress=False)


def test_strict_still_reraises_the_original_exception():
    with pytest.raises(ValueError, match="odd x=1"):
        sweep(half, {"x": [0, 1, 2]}, progress=False, strict=True)


def exits(x):
    if x == 1:
        raise SystemExit(3)
    return {"v": float(x)}


def test_system_exit_in_a_point_is_a_failed_point():
    with pytest.warns(PointFailureWarning, match="SystemExit: 3"):
        ds = sweep(exits, {"x": [0, 1, 2]}, progress=False)
    assert ds.v.values.tolist()[::2] == [0.0, 2.0]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"n_workers": 10**12}, "n_workers"), ({"chunksize": 10**12}, "chunksize"),
     ({"seed": 2**200}, "seed")],
)
def test_integer_arguments_have_upper_bounds(kwargs, match):
    with pytest.raises(ValueError, match=match):
        sweep(half, {"x": [0]}, progress=False, **kwargs)


def test_huge_grid_is_rejected_before_allocating():
    axis = np.arange(10**5)
    with pytest.raises(ValueError, match="grid has 1000000000000000 points"):
        sweep(half, {"a": axis, "b": axis, "c": axis}, progress=False)


def test_warning_points_at_the_caller_also_through_the_callable_module():
    import wirelesseff

    with pytest.warns(PointFailureWarning) as rec:
        wirelesseff.sweep(half, {"x": [0, 1]}, progress=False)
    assert rec[0].filename == __file__


@pytest.mark.parametrize(("kw", "exc", "match"), [
    ({"func": 3.0}, TypeError, "func must be callable"),
    ({"units": "bit/J"}, TypeError, "units must be a mapping"),
    ({"fixed": "x"}, TypeError, "fixed must be a mapping"),
    ({"vectorized": "yes"}, TypeError, "vectorized must be True or False"),
    ({"checkpoint": 1.5}, TypeError, "checkpoint must be a folder path"),
])
def test_arguments_are_checked_before_any_point_runs(kw, exc, match):
    def point(x):
        return {"y": x}

    args = {"func": point, "grid": {"x": [1.0, 2.0]}, "progress": False, **kw}
    with pytest.raises(exc, match=match):
        sweep(args.pop("func"), args.pop("grid"), **args)
