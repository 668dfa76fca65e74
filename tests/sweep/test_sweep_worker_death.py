"""A dying worker costs one point, not the sweep (processes executor)."""

from __future__ import annotations

import os
import signal
import time

import numpy as np
import pytest
import xarray as xr

from wirelesseff.sweep import PointFailureWarning, SweepError, sweep

MAIN = {"main_pid": os.getpid()}  # passed as a fixed parameter: points die in workers only


def killer(x, rng, main_pid, how="exit"):
    """Kills its worker process at x == 3 (never in the test process itself)."""
    if x == 3 and os.getpid() != main_pid:
        if how == "exit":
            os._exit(1)
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(0.01)
    return {"v": x + rng.standard_normal(), "w": rng.random(2)}


def _data(ds):
    out = ds[["v", "w"]]
    out.attrs = {}
    return out


@pytest.mark.parametrize(("how", "why", "chunksize"), [
    ("exit", "exit code 1", None),
    pytest.param("sigkill", "killed by signal SIGKILL", 1, marks=pytest.mark.slow),
])
def test_point_that_kills_its_worker_is_marked_and_others_are_exact(how, why, chunksize):
    """Guards: a point that killed its worker aborted the sweep with BrokenProcessPool. Now the
    pool is restarted, the killer gets two strikes and is recorded ("worker died", with the exit
    status), and every other point is bit-identical to a serial run."""
    grid = {"x": np.arange(12)}
    serial = sweep(killer, grid, fixed={"how": how, **MAIN}, seed=7, progress=False)
    t0 = time.monotonic()
    with pytest.warns(PointFailureWarning, match=r"1/12 points.*worker died"):
        ds = sweep(killer, grid, fixed={"how": how, **MAIN}, seed=7, progress=False,
                   executor="processes", n_workers=2, chunksize=chunksize)
    assert time.monotonic() - t0 < 60
    err = ds.error.sel(x=3).item()
    assert "worker died" in err and why in err
    assert (ds.error.drop_sel(x=3) == "").all()
    assert np.isnan(ds.v.sel(x=3).item())
    xr.testing.assert_identical(_data(ds).drop_sel(x=3), _data(serial).drop_sel(x=3))
    assert ds.attrs["n_failed"] == 1


def killer_logged(x, log):
    """Kills its worker at x == 1 and logs every evaluation start."""
    with open(log, "a") as fh:
        fh.write(f"{x}\n")
    if x == 1:
        os._exit(3)
    time.sleep(0.05)
    return {"v": float(x)}


def test_the_killer_is_retried_exactly_once(tmp_path):
    log = tmp_path / "log"
    with pytest.warns(PointFailureWarning):
        ds = sweep(killer_logged, {"x": np.arange(8)}, fixed={"log": str(log)},
                   progress=False, executor="processes", n_workers=2, chunksize=4)
    runs = log.read_text().split()
    assert runs.count("1") == 2  # two strikes, then recorded
    assert "exit code 3" in ds.error.sel(x=1).item()
    assert ds.v.drop_sel(x=1).values.tolist() == [0.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]


def self_terminating(x, main_pid):
    """Dies of SIGTERM, which is also what the pool sends its other workers: the engine cannot
    tell the culprit from the exit code and must isolate the suspects."""
    if x == 2 and os.getpid() != main_pid:
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(10)
    time.sleep(0.2)
    return {"v": float(x)}


@pytest.mark.slow
def test_ambiguous_death_is_resolved_by_isolating_the_suspects():
    with pytest.warns(PointFailureWarning, match="1/6"):
        ds = sweep(self_terminating, {"x": np.arange(6)}, fixed=MAIN, progress=False,
                   executor="processes", n_workers=2, chunksize=1)
    assert "worker died" in ds.error.sel(x=2).item()
    assert "SIGTERM" in ds.error.sel(x=2).item()
    assert ds.v.drop_sel(x=2).values.tolist() == [0.0, 1.0, 3.0, 4.0, 5.0]


def always_dies(x):
    os._exit(1)


@pytest.mark.slow
def test_workers_that_always_die_stop_the_sweep_loudly():
    with pytest.raises(SweepError, match="worker"):
        sweep(always_dies, {"x": np.arange(12)}, progress=False, executor="processes",
              n_workers=2)


def test_strict_mode_raises_on_a_killer():
    with pytest.raises(SweepError, match=r"worker died.*grid point \{'x': 3\}"):
        sweep(killer, {"x": np.arange(6)}, fixed=MAIN, progress=False, executor="processes",
              n_workers=2, strict=True)


def test_user_process_pool_that_breaks_raises_a_clear_error():
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(2, mp_context=mp.get_context("forkserver")) as pool:
        with pytest.raises(SweepError, match="executor='processes'"):
            sweep(killer, {"x": np.arange(6)}, fixed=MAIN, progress=False, executor=pool,
                  chunksize=1)
