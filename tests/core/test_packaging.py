"""The built wheel carries every study and runs outside the repository.

The studies live in the repository's top-level ``studies/`` folder and are installed as the
subpackage ``wirelesseff.studies``. The fast test (default suite) builds the wheel from a copy of
the sources, installs it without dependencies into a ``--target`` folder and runs it from a
temporary directory with the test environment's dependencies; the slow one installs it with its
dependencies into a fresh virtual environment, as a user would (``.ci/run`` runs it).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
import xarray as xr

from wirelesseff.registry import find_studies

REPO = Path(__file__).resolve().parents[2]
#: A quick study without compiled kernels: a fresh installation has no numba cache yet.
QUICK_STUDY = "ris-leo-irs-vs-relay"
SOURCES = ("pyproject.toml", "setup.py", "README.md", "wirelesseff", "studies")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built from a copy of the sources (no build files in the checkout)."""
    src = tmp_path_factory.mktemp("src")
    ignore = shutil.ignore_patterns("__pycache__", "*.py[cod]", "*.nbi", "*.nbc", "*.egg-info")
    for item in SOURCES:
        path = REPO / item
        if path.is_dir():
            shutil.copytree(path, src / item, ignore=ignore)
        else:
            shutil.copy2(path, src / item)
    dist = tmp_path_factory.mktemp("dist")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(dist), str(src)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    (whl,) = dist.glob("wirelesseff-*.whl")
    return whl


def _check_installation(python: str, env: dict, cwd: Path, prefix: Path) -> None:
    env = {**env, "MPLBACKEND": "Agg"}
    env.pop("WIRELESSEFF_STUDIES", None)
    where = subprocess.run(
        [python, "-c", "import wirelesseff, wirelesseff.studies as s; "
                       "print(wirelesseff.__file__); print(s.__file__)"],
        capture_output=True, text=True, cwd=cwd, env=env, timeout=120, check=True)
    for line in where.stdout.split():  # the installed package, not the checkout
        assert Path(line).resolve().is_relative_to(prefix.resolve()), where.stdout
    listing = subprocess.run([python, "-m", "wirelesseff", "list"], capture_output=True,
                             text=True, cwd=cwd, env=env, timeout=120)
    assert listing.returncode == 0, listing.stderr
    shipped = find_studies(REPO / "studies")
    assert len(shipped) >= 30
    listed = set(re.findall(r"^[* ] ([a-z0-9-]+)  ", listing.stdout, re.MULTILINE))
    assert listed == set(shipped)
    out = cwd / "out"
    run = subprocess.run([python, "-m", "wirelesseff", "run", QUICK_STUDY, "--quick",
                          "--out", "out"], capture_output=True, text=True, cwd=cwd, env=env,
                         timeout=600)
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in out.iterdir()) == [f"{QUICK_STUDY}.nc", f"{QUICK_STUDY}.png"]
    assert xr.load_dataset(out / f"{QUICK_STUDY}.nc").attrs["study"] == QUICK_STUDY
    assert (out / f"{QUICK_STUDY}.png").read_bytes()[:4] == b"\x89PNG"


def test_wheel_carries_every_study(wheel):
    import zipfile

    names = set(zipfile.ZipFile(wheel).namelist())
    for info in find_studies(REPO / "studies").values():
        rel = info.path.relative_to(REPO / "studies").as_posix()
        assert f"wirelesseff/studies/{rel}" in names, rel
    assert "wirelesseff/studies/costs.json" in names
    assert not any(n.startswith("studies/") for n in names)  # no top-level "studies" package


def test_wheel_installed_elsewhere_lists_and_runs_the_studies(wheel, tmp_path):
    site = tmp_path / "site"
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                           "--target", str(site), str(wheel)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    _check_installation(sys.executable, env, cwd, site)


@pytest.mark.slow
def test_wheel_in_a_fresh_virtual_environment(wheel, tmp_path):
    """As a user installs it: a new venv, the wheel and its dependencies from the index."""
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = str(env_dir / ("Scripts" if os.name == "nt" else "bin") / "python")
    proc = subprocess.run([python, "-m", "pip", "install", "-q", str(wheel)],
                          capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, proc.stderr[-3000:]
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    _check_installation(python, env, cwd, env_dir)
