"""Dask executor: a 2-worker LocalCluster gives bit-identical results, also after a worker dies."""

from __future__ import annotations

import numpy as np
import pytest
import xarray as xr

from wirelesseff.sweep import sweep

distributed = pytest.importorskip("distributed")


def mc_point(k, snr_db, rng):
    x = rng.standard_normal(1000)
    return {"m": float(np.mean(x)) + k, "p": 10 ** (snr_db / 10) * float(np.mean(x**2))}


GRID = {"k": np.arange(6), "snr_db": np.array([0.0, 3.0, 6.0, 9.0])}


def _strip(ds):
    ds = ds.copy()
    for key in ("created", "executor", "elapsed_s"):
        ds.attrs.pop(key, None)
    return ds


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None, silence_logs=40) as cluster, Client(cluster) as c:
        yield c


def test_dask_matches_serial_bit_for_bit(client):
    serial = sweep(mc_point, GRID, seed=9, progress=False)
    dask = sweep(mc_point, GRID, seed=9, progress=False, executor=client, chunksize=3)
    xr.testing.assert_identical(_strip(serial), _strip(dask))
    assert dask.attrs["executor"] == "dask"


def test_dask_address_string(client):
    address = client.scheduler.address
    ds = sweep(mc_point, GRID, seed=9, progress=False,
               executor=address.replace("tcp://", "dask://"))
    serial = sweep(mc_point, GRID, seed=9, progress=False)
    np.testing.assert_array_equal(ds.m.values, serial.m.values)


def slow_point(i, rng):
    import time

    time.sleep(0.05)
    return {"v": rng.random()}


def test_killed_worker_tasks_are_retried(client, tmp_path):
    """Kill one worker process mid-sweep: Dask reruns its tasks and the result is unchanged."""
    import threading

    grid = {"i": np.arange(40)}
    reference = sweep(slow_point, grid, seed=4, progress=False)

    def kill_one():
        import os
        import signal
        import time

        time.sleep(0.4)
        pids = client.run(os.getpid)
        os.kill(next(iter(pids.values())), signal.SIGKILL)

    t = threading.Thread(target=kill_one)
    t.start()
    ds = sweep(slow_point, grid, seed=4, progress=False, executor=client, chunksize=2,
               checkpoint=tmp_path / "c")
    t.join()
    np.testing.assert_array_equal(ds.v.values, reference.v.values)
    assert ds.attrs["n_failed"] == 0


def dask_killer(x, main_pid, rng):
    import os
    import time

    if x == 3 and os.getpid() != main_pid:
        os._exit(1)
    time.sleep(0.02)
    return {"v": x + rng.random()}


@pytest.mark.slow
def test_point_that_kills_dask_workers_is_marked_failed_not_the_sweep():
    """Guards: a chunk whose workers kept dying ended the sweep with KilledWorker. Its points
    are now run one per task, and only the point that kills its worker again is marked."""
    import os

    import dask
    from distributed import Client, LocalCluster

    from wirelesseff.sweep import PointFailureWarning

    grid = {"x": np.arange(8)}
    fixed = {"main_pid": os.getpid()}
    serial = sweep(dask_killer, grid, fixed=fixed, seed=2, progress=False)
    # one death is enough for KilledWorker, and no task waits on a worker behind another one
    with dask.config.set({"distributed.scheduler.allowed-failures": 0,
                          "distributed.scheduler.worker-saturation": 1.0}), \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                         dashboard_address=None, silence_logs=50) as cluster, \
            Client(cluster) as c:
        with pytest.warns(PointFailureWarning, match="1/8 points"):
            ds = sweep(dask_killer, grid, fixed=fixed, seed=2, progress=False, executor=c,
                       chunksize=4)
    assert "worker died" in ds.error.sel(x=3).item()
    assert "KilledWorker" in ds.error.sel(x=3).item()
    np.testing.assert_array_equal(ds.v.drop_sel(x=3).values, serial.v.drop_sel(x=3).values)


def test_ctrl_c_on_dask_flushes_cancels_and_raises(client, tmp_path):
    """Ctrl-C (simulated SIGINT) stops a Dask sweep promptly: finished chunks are on disk, the
    remaining tasks are cancelled, and KeyboardInterrupt propagates."""
    import _thread
    import threading
    import time

    from wirelesseff.sweep._checkpoint import load_records

    path = tmp_path / "c"
    stamp = {}
    stop = threading.Event()

    def press_ctrl_c_once_a_chunk_is_saved():
        while not stop.is_set() and not list(path.glob("chunk-*.npz")):
            time.sleep(0.02)
        if not stop.is_set():
            stamp["t"] = time.monotonic()
            _thread.interrupt_main()

    presser = threading.Thread(target=press_ctrl_c_once_a_chunk_is_saved, daemon=True)
    presser.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            sweep(slow_point, {"i": np.arange(400)}, seed=4, progress=False, executor=client,
                  chunksize=2, checkpoint=path)
    finally:
        stop.set()
        presser.join()
    assert time.monotonic() - stamp["t"] < 5
    assert 0 < len(load_records(path)) < 400
    deadline = time.monotonic() + 10
    while any(client.processing().values()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(client.processing().values())
