"""Network grids through the sweep engine: identical numbers on every executor."""

from __future__ import annotations

import numpy as np
import pytest
import xarray as xr

from wirelesseff.network import ppp_network_point
from wirelesseff.sweep import sweep

GRID = {"bs_density": np.array([2.0, 8.0]), "user_density": np.array([50.0, 150.0])}
FIXED = {"demand_per_user": 2e5, "window": 2500.0}


def _strip(ds):
    ds = ds.copy()
    for key in ("created", "executor", "elapsed_s"):
        ds.attrs.pop(key, None)
    return ds


def test_serial_sweep_is_labelled_and_reproducible():
    a = sweep(ppp_network_point, GRID, fixed=FIXED, seed=4, progress=False)
    b = sweep(ppp_network_point, GRID, fixed=FIXED, seed=4, progress=False)
    xr.testing.assert_identical(_strip(a), _strip(b))
    for name in ("area_power", "area_throughput", "energy_efficiency", "bs_density"):
        assert a[name].attrs["units"] and a[name].attrs["long_name"]
    # denser users, more traffic and power at a fixed BS density
    assert np.all(a.area_throughput.diff("user_density") > 0)


def test_dask_local_cluster_gives_bit_identical_dataset():
    distributed = pytest.importorskip("distributed")
    serial = sweep(ppp_network_point, GRID, fixed=FIXED, seed=4, progress=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=40) as cluster, \
            distributed.Client(cluster) as client:
        dask = sweep(ppp_network_point, GRID, fixed=FIXED, seed=4, progress=False,
                     executor=client, chunksize=1)
    assert dask.attrs["executor"] == "dask"
    xr.testing.assert_identical(_strip(serial), _strip(dask))
