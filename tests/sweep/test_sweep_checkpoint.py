"""Checkpointing: resume after SIGKILL computes only the missing points; mismatches refused."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest
import xarray as xr

from wirelesseff.sweep import CheckpointMismatchError, PointFailureWarning, sweep
from wirelesseff.sweep._checkpoint import load_records

JOB = textwrap.dedent(
    '''
    """A slow sweep that logs every evaluated point (used by the resume test)."""
    import sys
    import time

    import numpy as np

    import wirelesseff

    LOG = sys.argv[2]


    def point(a, b, rng):
        time.sleep(0.05)
        with open(LOG, "a") as fh:
            fh.write(f"{a},{b}\\n")
        return {"v": a * b + rng.normal(), "w": rng.random(3)}


    if __name__ == "__main__":
        ckpt = sys.argv[1] if sys.argv[1] != "none" else None
        ds = wirelesseff.sweep(point, {"a": np.arange(10.0), "b": np.arange(6)}, seed=42,
                               checkpoint=ckpt, executor=sys.argv[4], progress=False)
        ds.to_netcdf(sys.argv[3])
    '''
)


def _strip(ds):
    ds = ds.copy()
    for key in ("created", "executor", "elapsed_s"):
        ds.attrs.pop(key, None)
    return ds


@pytest.mark.parametrize("executor", ["serial", "processes"])
def test_resume_after_sigkill_computes_only_missing_points(tmp_path, executor):
    job = tmp_path / "job.py"
    job.write_text(JOB)
    ckpt = tmp_path / "ckpt"
    log1, log2, log3 = (tmp_path / f"log{i}.txt" for i in (1, 2, 3))
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    # 1) start the sweep and kill it hard once some chunks are on disk
    proc = subprocess.Popen([sys.executable, str(job), str(ckpt), str(log1), str(tmp_path / "x.nc"),
                             executor], env=env, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if ckpt.is_dir() and len(list(ckpt.glob("chunk-*.npz"))) >= 1:
            break
        if proc.poll() is not None:
            pytest.fail("the sweep finished before it could be killed")
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the whole group: parent and pool workers
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    n_saved = len(load_records(ckpt))
    assert 0 < n_saved < 60
    # 2) re-run with the same arguments: only the missing points are computed
    subprocess.run([sys.executable, str(job), str(ckpt), str(log2), str(tmp_path / "resumed.nc"),
                    executor], env=env, check=True, timeout=300)
    recomputed = log2.read_text().split()
    assert len(recomputed) == 60 - n_saved
    assert len(set(recomputed)) == len(recomputed)
    # 3) an uninterrupted run gives the same dataset
    subprocess.run([sys.executable, str(job), "none", str(log3), str(tmp_path / "full.nc"),
                    "serial"], env=env, check=True, timeout=300)
    resumed = xr.load_dataset(tmp_path / "resumed.nc")
    full = xr.load_dataset(tmp_path / "full.nc")
    xr.testing.assert_identical(_strip(resumed), _strip(full))


CALLS: list = []


def counted(x, y, rng):
    CALLS.append((x, y))
    return {"v": x + y + rng.random()}


def test_rerun_with_complete_checkpoint_computes_nothing(tmp_path):
    CALLS.clear()
    grid = {"x": [1.0, 2.0, 3.0], "y": [0, 1]}
    a = sweep(counted, grid, checkpoint=tmp_path / "c", progress=False)
    assert len(CALLS) == 6
    CALLS.clear()
    b = sweep(counted, grid, checkpoint=tmp_path / "c", progress=False)
    assert CALLS == []
    xr.testing.assert_identical(_strip(a), _strip(b))


def plain(x, y, scale=1.0):
    return {"v": scale * (x + y)}


def test_mismatched_checkpoint_is_refused(tmp_path):
    path = tmp_path / "c"
    sweep(plain, {"x": [1.0, 2.0], "y": [0, 1]}, checkpoint=path, progress=False)
    with pytest.raises(CheckpointMismatchError, match="grid values"):
        sweep(plain, {"x": [1.0, 5.0], "y": [0, 1]}, checkpoint=path, progress=False)
    with pytest.raises(CheckpointMismatchError, match="fixed parameters"):
        sweep(plain, {"x": [1.0, 2.0], "y": [0, 1]}, fixed={"scale": 2.0}, checkpoint=path,
              progress=False)
    with pytest.raises(CheckpointMismatchError, match="seed"):
        sweep(plain, {"x": [1.0, 2.0], "y": [0, 1]}, seed=1, checkpoint=path, progress=False)
    with pytest.raises(CheckpointMismatchError, match="swept function"):
        sweep(counted, {"x": [1.0, 2.0], "y": [0, 1]}, checkpoint=path, progress=False)
    # CheckpointMismatchError is a ValueError (clear error, never silently mixed)
    assert issubclass(CheckpointMismatchError, ValueError)


def test_failed_points_are_checkpointed_and_strict_rerun_retries_them(tmp_path):
    def sometimes(x):
        if x == 2:
            raise RuntimeError("boom")
        return {"v": float(x)}

    with pytest.warns(PointFailureWarning, match="1/3 points"):
        ds = sweep(sometimes, {"x": [1, 2, 3]}, checkpoint=tmp_path / "c", progress=False)
    assert ds.error.sel(x=2).item() == "RuntimeError: boom"
    with pytest.raises(RuntimeError, match="boom"):
        sweep(sometimes, {"x": [1, 2, 3]}, checkpoint=tmp_path / "c", progress=False, strict=True)


def test_partial_and_damaged_files_are_cleaned_up(tmp_path):
    """Leftover temporary files are deleted on the next run; a damaged chunk is discarded with
    a warning and its points recomputed (main kept temporaries and loaded any pickle)."""
    path = tmp_path / "c"
    a = sweep(plain, {"x": [1.0, 2.0], "y": [0, 1]}, checkpoint=path, progress=False)
    (path / ".chunk-000000000-1-deadbeef.npz.0123abcd.tmp").write_bytes(b"partial write")
    (path / ".meta.json.0123abcd.tmp").write_bytes(b"{")
    (path / "chunk-00000000000000000001-000000000-1-garbage.npz").write_bytes(b"not a zip")
    with pytest.warns(RuntimeWarning, match="garbage.npz.*integrity check"):
        b = sweep(plain, {"x": [1.0, 2.0], "y": [0, 1]}, checkpoint=path, progress=False)
    np.testing.assert_array_equal(a.v.values, b.v.values)
    assert sorted(p.name for p in path.iterdir() if p.name.startswith(".")) == []
    assert not (path / "chunk-00000000000000000001-000000000-1-garbage.npz").exists()


def test_vectorized_ignores_checkpoint_with_warning(tmp_path):
    with pytest.warns(RuntimeWarning, match="checkpoint is ignored"):
        sweep(plain, {"x": [1.0], "y": [0]}, vectorized=True, checkpoint=tmp_path / "c",
              progress=False)
    assert not Path(tmp_path / "c").exists()
