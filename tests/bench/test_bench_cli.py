"""Benchmark: the main job, ``wirelesseff run --headline``, serial against the default mode.

On more than one core the default of ``--headline`` is ``--executor processes``: independent
studies run concurrently and the longest ones spread their grid points over the same workers
(see docs/cli.md, "Concurrency of the main job"). Target: at least 1.6x faster than
``--executor serial`` on 2 cores, with outputs identical to the serial ones (data variables,
coordinates and every attribute but the run's own ``created``/``elapsed_s``/``executor``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import xarray as xr

from wirelesseff._runner import available_cores

TARGET = 1.6


def _run(*argv: str, out: Path) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "wirelesseff", "run", "--headline", *argv,
                           "--out", str(out)], capture_output=True, text=True, timeout=3600,
                          env={**os.environ, "MPLBACKEND": "Agg"})
    elapsed = time.perf_counter() - t0
    assert proc.returncode == 0, proc.stderr[-3000:]
    return elapsed


def _without_run_attrs(path: Path) -> xr.Dataset:
    ds = xr.load_dataset(path)
    for key in ("created", "elapsed_s", "executor"):
        ds.attrs.pop(key, None)
    return ds


@pytest.mark.skipif(available_cores() < 2, reason="needs at least two cores")
def test_bench_main_job_default_vs_serial(tmp_path, bench_report):
    cores = available_cores()
    _run("--quick", "--executor", "serial", out=tmp_path / "warm-up")  # imports, numba caches
    t_serial = _run("--executor", "serial", out=tmp_path / "serial")
    t_default = _run(out=tmp_path / "default")
    files = sorted(p.name for p in (tmp_path / "serial").glob("*.nc"))
    assert files == sorted(p.name for p in (tmp_path / "default").glob("*.nc")) and files
    for name in files:
        xr.testing.assert_identical(_without_run_attrs(tmp_path / "serial" / name),
                                    _without_run_attrs(tmp_path / "default" / name))
    ratio = t_serial / t_default
    note = (f"{len(files)} headline studies, full grids; serial {t_serial:.1f} s, default "
            f"(processes, {cores} workers) {t_default:.1f} s; outputs identical")
    for name, value in (("cli.run_headline.serial_s", t_serial),
                        ("cli.run_headline.default_s", t_default)):
        bench_report(name, measured=value, unit="s", target="(measured)", passed=True,
                     note=note)
    bench_report("cli.run_headline.default_vs_serial", measured=ratio, unit="x",
                 target=f">= {TARGET}x", peer="wirelesseff run --headline --executor serial",
                 ratio=ratio, passed=ratio >= TARGET, note=note)
    assert ratio >= TARGET, note
