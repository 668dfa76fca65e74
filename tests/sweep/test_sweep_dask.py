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
