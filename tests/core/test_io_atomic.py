"""Outputs are written atomically: a reader sees the old file or the complete new one, never a part.

``wirelesseff.io.atomic_output`` writes to a uniquely named temporary file in the target's
folder and renames it into place; ``save_dataset`` (``.nc``) and ``plotting.save_figure``
(``.png``) use it.
"""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest
import xarray as xr

from wirelesseff import plotting
from wirelesseff.io import atomic_output, load_dataset, save_dataset


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_success_replaces_the_file_with_usual_permissions(tmp_path):
    target = tmp_path / "sub" / "out.txt"
    with atomic_output(target) as tmp:
        assert tmp.parent == target.parent and tmp.exists() and not target.exists()
        tmp.write_text("new")
    assert target.read_text() == "new"
    assert _leftovers(target.parent) == []
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.parametrize("exc", [RuntimeError("disk full"), KeyboardInterrupt()])
def test_failure_or_interrupt_keeps_the_old_file_and_no_temporary(tmp_path, exc):
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(type(exc)), atomic_output(target) as tmp:
        tmp.write_text("half of the new")
        raise exc
    assert target.read_text() == "old"
    assert _leftovers(tmp_path) == []


def test_concurrent_writers_never_share_a_temporary(tmp_path):
    target = tmp_path / "out.txt"
    with atomic_output(target) as a, atomic_output(target) as b:
        assert a != b
        a.write_text("a")
        b.write_text("b")
    assert target.read_text() == "a"  # the last rename wins, whole
    assert _leftovers(tmp_path) == []


def test_temporaries_of_dead_writers_are_removed_live_ones_kept(tmp_path):
    target = tmp_path / "out.nc"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    dead_pid = int(dead.stdout)
    stale = tmp_path / f".out.nc.{dead_pid}.deadbeef.tmp"
    stale.write_text("partial")
    live = tmp_path / f".out.nc.{os.getppid()}.cafef00d.tmp"  # a running writer's
    live.write_text("in progress")
    other = tmp_path / f".other.nc.{dead_pid}.deadbeef.tmp"  # another file's: not ours to judge
    other.write_text("partial")
    with atomic_output(target) as tmp:
        tmp.write_text("complete")
    assert not stale.exists() and live.exists() and other.exists()


def _dataset():
    return xr.Dataset({"ee": ("p", np.arange(4.0), {"units": "bit/J"})},
                      coords={"p": ("p", np.arange(4), {"units": "W"})}, attrs={"seed": 1})


def test_save_dataset_interrupted_mid_write_leaves_the_previous_file(tmp_path, monkeypatch):
    path = save_dataset(_dataset(), tmp_path / "s.nc")
    before = path.read_bytes()

    def broken_write(self, target, *args, **kwargs):
        with open(target, "wb") as f:
            f.write(b"\x89HDF partial")
        raise KeyboardInterrupt

    monkeypatch.setattr(xr.Dataset, "to_netcdf", broken_write)
    with pytest.raises(KeyboardInterrupt):
        save_dataset(_dataset().assign(ee=lambda d: d.ee * 2), path)
    assert path.read_bytes() == before
    np.testing.assert_array_equal(load_dataset(path).ee.values, np.arange(4.0))
    assert _leftovers(tmp_path) == []


def test_save_figure_is_atomic_and_closes_the_figure(tmp_path, monkeypatch):
    import matplotlib.pyplot as plt

    fig, ax = plotting.subplots()
    ax.plot([0, 1], [1, 0])
    path = tmp_path / "f.png"
    plotting.save_figure(fig, path)
    assert path.read_bytes()[:4] == b"\x89PNG" and not plt.fignum_exists(fig.number)
    before = path.read_bytes()

    fig2, ax2 = plotting.subplots()

    def broken_savefig(self, target, **kwargs):
        with open(target, "wb") as f:
            f.write(b"\x89PNG partial")
        raise OSError("no space left on device")

    monkeypatch.setattr(type(fig2), "savefig", broken_savefig)
    with pytest.raises(OSError, match="no space"):
        plotting.save_figure(fig2, path)
    assert path.read_bytes() == before
    assert _leftovers(tmp_path) == [] and not plt.fignum_exists(fig2.number)
