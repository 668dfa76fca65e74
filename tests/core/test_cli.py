"""Command line end to end: list, run (writes NAME.nc and NAME.png), info, errors."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest
import xarray as xr

from wirelesseff import cli
from wirelesseff.registry import UnknownStudyError, find_studies, load_study

STUDY = textwrap.dedent(
    '''
    """A toy study for the CLI tests."""
    import numpy as np

    import wirelesseff
    from wirelesseff import plotting

    NAME = "toy-ee-curve"
    DESCRIPTION = "EE of a single link versus transmit power"
    SOURCE = "textbook single-link model"
    HEADLINE = True


    def point(p_tx, rng):
        gain = 1e3 * (1 + 0.01 * rng.standard_normal())
        return {"ee": 1e5 * np.log2(1 + gain * p_tx) / (p_tx / 0.4 + 10.0)}


    def run(quick=False, seed=0, executor="serial"):
        p = np.logspace(-3, 1, 5 if quick else 41)
        return wirelesseff.sweep(point, {"p_tx": p}, seed=seed, executor=executor,
                                 units={"ee": "bit/J", "p_tx": "W"},
                                 long_names={"ee": "energy efficiency",
                                             "p_tx": "transmit power"},
                                 progress=False)


    def plot(ds):
        fig, ax = plotting.subplots()
        plotting.plot_curves(ax, ds.ee, "p_tx", logx=True)
        return fig


    if __name__ == "__main__":
        from wirelesseff.cli import main_for_study

        main_for_study(run, plot)
    '''
)

BROKEN = textwrap.dedent(
    '''
    NAME = "toy-broken"
    DESCRIPTION = "always fails"
    SOURCE = ""


    def run(quick=False, seed=0, executor="serial"):
        raise RuntimeError("model exploded")


    def plot(ds):
        return None
    '''
)


@pytest.fixture
def studies(tmp_path, monkeypatch):
    root = tmp_path / "studies" / "toy"
    root.mkdir(parents=True)
    (root / "ee_curve.py").write_text(STUDY)
    (root / "broken.py").write_text(BROKEN)
    (root / "_helper.py").write_text("NAME = 'ignored-private'\n")
    monkeypatch.setenv("WIRELESSEFF_STUDIES", str(tmp_path / "studies"))
    return tmp_path


def test_registry_finds_metadata_without_importing(studies):
    found = find_studies()
    assert list(found) == ["toy-broken", "toy-ee-curve"]
    info = found["toy-ee-curve"]
    assert info.headline and info.module == "toy"
    assert info.source == "textbook single-link model"
    assert not found["toy-broken"].headline


def test_registry_rejects_duplicate_names(studies):
    (studies / "studies" / "toy" / "dup.py").write_text(STUDY)
    with pytest.raises(ValueError, match="declared by"):
        find_studies()


def test_load_unknown_study(studies):
    with pytest.raises(UnknownStudyError, match="unknown study 'nope'"):
        load_study("nope")


def test_list(studies, capsys):
    assert cli.main(["list"]) == 0
    out = capsys.readouterr().out
    assert "* toy-ee-curve" in out and "source: textbook single-link model" in out


def test_run_writes_dataset_and_figure(studies, capsys):
    out = studies / "results"
    assert cli.main(["run", "toy-ee-curve", "--quick", "--seed", "3", "--out", str(out)]) == 0
    ds = xr.load_dataset(out / "toy-ee-curve.nc")
    assert ds.sizes["p_tx"] == 5
    assert ds.attrs["study"] == "toy-ee-curve" and ds.attrs["seed"] == 3
    assert ds.attrs["quick"] == 1 and ds.ee.attrs["units"] == "bit/J"
    # EE of the single link is unimodal in p: rises then falls
    ee = ds.ee.values
    k = int(np.argmax(ee))
    assert 0 < k < ee.size - 1
    png = out / "toy-ee-curve.png"
    assert png.stat().st_size > 5_000 and png.read_bytes()[:4] == b"\x89PNG"
    assert "toy-ee-curve: wrote" in capsys.readouterr().out


def test_run_headline_and_processes_executor(studies):
    out = studies / "res2"
    assert cli.main(["run", "--headline", "--quick", "--executor", "processes",
                     "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["toy-ee-curve.nc", "toy-ee-curve.png"]


def test_failures_exit_nonzero_with_one_line(studies, capsys):
    assert cli.main(["run", "toy-broken", "--out", str(studies / "r")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0] == "wirelesseff: error: study toy-broken failed: RuntimeError: model exploded"
    assert "Traceback" not in "\n".join(err)
    assert cli.main(["run", "nope"]) == 2
    assert "unknown study 'nope'" in capsys.readouterr().err
    assert cli.main(["run"]) == 2


@pytest.mark.parametrize(
    "argv",
    [["run", "toy-ee-curve", "--executor", "threads"], ["run", "--bogus"], ["frobnicate"],
     ["run", "toy-ee-curve", "--seed", "x"], ["run", "--all", "--headline"]],
)
def test_bad_options_exit_2_with_one_line(studies, argv):
    proc = subprocess.run([sys.executable, "-m", "wirelesseff", *argv], capture_output=True,
                          text=True, env={**os.environ, "MPLBACKEND": "Agg"})
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "error" in lines[0]
    assert "Traceback" not in proc.stderr


def test_info(capsys):
    assert cli.main(["info"]) == 0
    out = capsys.readouterr().out
    for word in ("wirelesseff", "numpy", "cvxpy solvers", "CLARABEL", "numba"):
        assert word in out


def test_study_script_runs_standalone(studies):
    script = studies / "studies" / "toy" / "ee_curve.py"
    out = studies / "standalone"
    proc = subprocess.run([sys.executable, str(script), "--quick", "--out", str(out)],
                          capture_output=True, text=True, env={**os.environ, "MPLBACKEND": "Agg"})
    assert proc.returncode == 0, proc.stderr
    assert (out / "toy-ee-curve.nc").exists() and (out / "toy-ee-curve.png").exists()
    bad = subprocess.run([sys.executable, str(script), "--executor", "nope"],
                         capture_output=True, text=True)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1


def test_study_contract_is_enforced(studies):
    """A study whose dataset lacks units or provenance fails with a message naming them."""
    import xarray as xr

    from wirelesseff.registry import check_study_dataset

    mod = load_study("toy-ee-curve")
    check_study_dataset(mod.run(quick=True), "toy-ee-curve")  # the sweep adds provenance
    bad = xr.Dataset({"ee": ("x", np.ones(2)), "label": ("x", np.array(["a", "b"], dtype=object))},
                     attrs={"wirelesseff_version": "0", "created": "now", "seed": 0})
    with pytest.raises(ValueError, match=r"missing dataset attributes \['study'\].*\['ee'\]"):
        check_study_dataset(bad, "bad")
