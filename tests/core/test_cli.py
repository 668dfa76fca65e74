"""Command line end to end: list, run (writes NAME.nc and NAME.png), info, errors, exit codes.

The toy studies below live in a temporary folder named with ``WIRELESSEFF_STUDIES`` (or
``--studies``); each one appends its name to an import log when it is imported, so a test can
assert that a bad command line is refused before any study module is imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest
import xarray as xr

from wirelesseff import cli
from wirelesseff._runner import plan_studies, study_cost_estimates
from wirelesseff.registry import (
    BrokenStudyError,
    StudyFolderError,
    UnknownStudyError,
    check_study_name,
    find_studies,
    load_study,
)

IMPORT_LOG = "imported.log"

STUDY = textwrap.dedent(
    '''
    """A toy study for the CLI tests."""
    import os
    from pathlib import Path

    import numpy as np

    import wirelesseff
    from wirelesseff import plotting

    with open(Path(__file__).resolve().parents[1] / "imported.log", "a") as _log:
        _log.write("{name}\\n")

    NAME = "{name}"
    DESCRIPTION = "EE of a single link versus transmit power"
    SOURCE = "textbook single-link model"
    HEADLINE = {headline}


    def point(p_tx, rng):
        gain = 1e3 * (1 + 0.01 * rng.standard_normal())
        return {{"ee": 1e5 * np.log2(1 + gain * p_tx) / (p_tx / 0.4 + 10.0)}}


    def run(quick=False, seed=0, executor="serial"):
        p = np.logspace(-3, 1, {n_quick} if quick else 41)
        return wirelesseff.sweep(point, {{"p_tx": p}}, seed=seed, executor=executor,
                                 units={{"ee": "bit/J", "p_tx": "W"}},
                                 long_names={{"ee": "energy efficiency",
                                             "p_tx": "transmit power"}},
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

SYNTAX_ERROR = 'NAME = "toy-syntax"\nDESCRIPTION = "does not parse"\n\ndef run(quick=False:\n'


def toy_study(name: str, headline: bool = True, n_quick: int = 5) -> str:
    return STUDY.format(name=name, headline=headline, n_quick=n_quick)


@pytest.fixture
def studies(tmp_path, monkeypatch):
    root = tmp_path / "studies" / "toy"
    root.mkdir(parents=True)
    (root / "ee_curve.py").write_text(toy_study("toy-ee-curve"))
    (root / "broken.py").write_text(BROKEN)
    (root / "_helper.py").write_text("NAME = 'ignored-private'\n")
    monkeypatch.setenv("WIRELESSEFF_STUDIES", str(tmp_path / "studies"))
    return tmp_path


def imported(tmp_path: Path) -> list[str]:
    log = tmp_path / "studies" / IMPORT_LOG
    return log.read_text().split() if log.exists() else []


def wirelesseff(*argv, env=None, cwd=None, timeout=120):
    return subprocess.run([sys.executable, "-m", "wirelesseff", *map(str, argv)],
                          capture_output=True, text=True, timeout=timeout, cwd=cwd,
                          env={**os.environ, "MPLBACKEND": "Agg", **(env or {})})


# ----------------------------------------------------------------------------- registry

def test_registry_finds_metadata_without_importing(studies):
    found = find_studies()
    assert list(found) == ["toy-broken", "toy-ee-curve"]
    info = found["toy-ee-curve"]
    assert info.headline and info.module == "toy" and info.ok
    assert info.source == "textbook single-link model"
    assert info.has_quick and not info.has_headline_numbers and info.import_name == ""
    assert not found["toy-broken"].headline
    assert imported(studies) == []


def test_registry_rejects_duplicate_names(studies):
    (studies / "studies" / "toy" / "dup.py").write_text(toy_study("toy-ee-curve"))
    with pytest.raises(ValueError, match="declared by"):
        find_studies()


def test_load_unknown_study_suggests_the_closest_name(studies):
    with pytest.raises(UnknownStudyError, match="unknown study 'nope'"):
        load_study("nope")
    with pytest.raises(UnknownStudyError, match="did you mean 'toy-ee-curve'"):
        load_study("toy-ee-curv")


def test_shipped_studies_are_the_installed_package_not_the_current_directory(
        tmp_path, monkeypatch):
    """Studies come from ``wirelesseff.studies``; a ``./studies`` folder is never executed."""
    monkeypatch.delenv("WIRELESSEFF_STUDIES", raising=False)
    decoy = tmp_path / "studies" / "toy"
    decoy.mkdir(parents=True)
    (decoy / "ee_curve.py").write_text(toy_study("toy-decoy"))
    monkeypatch.chdir(tmp_path)
    found = find_studies()
    assert "toy-decoy" not in found
    info = found["fas-outage-vs-ports"]
    assert info.import_name == "wirelesseff.studies.fas.outage_vs_ports"
    module = load_study("fas-outage-vs-ports")
    assert module.__name__ == info.import_name
    assert not getattr(module, "__wirelesseff_study__", False)  # importable by name in workers
    assert load_study("fas-outage-vs-ports") is module  # run is wrapped once
    assert imported(tmp_path) == []


def test_missing_study_folder_is_reported_as_such(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("WIRELESSEFF_STUDIES", str(tmp_path / "nowhere"))
    with pytest.raises(StudyFolderError, match="WIRELESSEFF_STUDIES=.*nowhere does not exist"):
        find_studies()
    assert cli.main(["run", "--headline"]) == 2
    err = capsys.readouterr().err
    assert "does not exist" in err and "no study given" not in err
    monkeypatch.delenv("WIRELESSEFF_STUDIES")
    assert cli.main(["list", "--studies", str(tmp_path / "nowhere")]) == 2
    assert f"study folder {tmp_path / 'nowhere'} does not exist" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["../evil", "a/b", "Upper", "with space", "", "x.y"])
def test_study_names_that_could_escape_the_output_folder_are_refused(name):
    with pytest.raises(ValueError, match="study NAME must be"):
        check_study_name(name)


def test_invalid_or_reassigned_name_is_refused(studies, capsys):
    toy = studies / "studies" / "toy"
    (toy / "evil.py").write_text(toy_study("evil/../../escape"))
    (toy / "sneaky.py").write_text(toy_study("toy-sneaky") + '\nNAME = "../../sneaky"\n')
    (toy / "computed.py").write_text(toy_study("toy-computed") + '\nNAME = "-".join("ab")\n')
    (toy / "sly.py").write_text(toy_study("toy-sly") + '\nglobals()["NAME"] = "../../sly"\n')
    found = find_studies()
    assert "valid study name" in found["evil/../../escape"].error
    assert "valid study name" in found["../../sneaky"].error
    assert "string literal" in found["toy/computed"].error
    assert found["toy-sly"].ok  # what the source text says; the import tells otherwise
    out = studies / "out"
    assert cli.main(["run", "toy-sly", "--out", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "declares NAME 'toy-sly' but sets it to '../../sly'" in err[0]
    assert cli.main(["run", "../../sneaky", "--out", str(out)]) == 1
    assert "not a valid study name" in capsys.readouterr().err
    assert not list(studies.rglob("*.nc")) and not list(studies.rglob("*.png"))
    with pytest.raises(BrokenStudyError):
        load_study("evil/../../escape")


# ----------------------------------------------------------------------------- list / run

def test_list(studies, capsys):
    assert cli.main(["list"]) == 0
    out = capsys.readouterr().out
    assert "* toy-ee-curve" in out and "source: textbook single-link model" in out
    assert imported(studies) == []


def test_list_and_run_with_a_syntax_error_in_one_study(studies, capsys):
    (studies / "studies" / "toy" / "syntax.py").write_text(SYNTAX_ERROR)
    assert cli.main(["list"]) == 1
    out = capsys.readouterr().out.splitlines()
    bad = [line for line in out if "toy-syntax" in line]
    assert len(bad) == 1 and bad[0].startswith("! toy-syntax")
    assert "SyntaxError" in bad[0] and "syntax.py, line 4" in bad[0]
    assert any(line.startswith("* toy-ee-curve") for line in out)  # the others are listed
    assert cli.main(["run", "toy-syntax", "--out", str(studies / "o")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0].startswith("wirelesseff: error: study toy-syntax failed: cannot be loaded: "
                             "SyntaxError")
    assert "Traceback" not in "\n".join(err)
    assert cli.main(["info", "toy-syntax"]) == 1
    assert "error        cannot be loaded: SyntaxError" in capsys.readouterr().out


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
    assert sorted(p.name for p in out.iterdir()) == ["toy-ee-curve.nc", "toy-ee-curve.png"]


def test_a_name_given_twice_runs_once(studies, capsys):
    out = studies / "twice"
    assert cli.main(["run", "toy-ee-curve", "toy-ee-curve", "--quick", "--out", str(out),
                     "--timings", str(studies / "t.json")]) == 0
    assert capsys.readouterr().out.count("toy-ee-curve: wrote") == 1
    assert imported(studies).count("toy-ee-curve") == 1
    assert set(json.loads((studies / "t.json").read_text())) == {"toy-ee-curve"}


def test_run_a_script_by_its_path_with_relative_folders(studies, monkeypatch, capsys):
    """Relative paths are resolved here, not in worker processes started elsewhere."""
    monkeypatch.chdir(studies / "studies")
    assert cli.main(["run", "toy/ee_curve.py", "--quick", "--executor", "processes",
                     "--out", "rel"]) == 0
    assert f"wrote {Path('rel') / 'toy-ee-curve.nc'}" in capsys.readouterr().out
    assert (studies / "studies" / "rel" / "toy-ee-curve.png").exists()


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
    assert "no study given" in capsys.readouterr().err


BAD_OPTIONS = [
    ["run", "toy-ee-curve", "--executor", "threads"], ["run", "--bogus"], ["frobnicate"],
    ["run", "toy-ee-curve", "--seed", "x"], ["run", "--all", "--headline"],
    ["run", "toy-ee-curve", "--seed", "-5"], ["run", "toy-ee-curve", "--seed", str(2**63)],
    ["run", "toy-ee-curve", "--workers", "0"], ["run", "toy-ee-kurve"],
    ["run", "toy-ee-curve", "--out", "{file}"], ["run", "toy-ee-curve", "--out", "{file}/sub"],
    ["run", "toy-ee-curve", "--out", "/proc/wirelesseff-test"],
    ["run", "toy-ee-curve", "--executor", "dask://127.0.0.1:{port}"],
    ["run", "toy-ee-curve", "--executor", "dask://no-port"],
    ["run", "toy-ee-curve", "--workers", "2"], ["run", "toy-ee-curve", "--all"],
    ["run", "--headline", "--timings", "{folder}"], ["info", "toy-ee-kurve"],
]


def _bad_argv(argv, studies):
    import socket

    a_file = studies / "a-file"
    a_file.write_text("")
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return [a.format(file=a_file, port=port, folder=studies) for a in argv]


@pytest.mark.parametrize("argv", BAD_OPTIONS)
def test_bad_options_exit_2_with_one_line_before_any_study_is_imported(studies, argv, capsys):
    try:
        code = cli.main(_bad_argv(argv, studies))
    except SystemExit as exc:  # argparse's own errors
        code = exc.code
    assert code == 2
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "error" in lines[0], err
    assert "Traceback" not in err
    assert imported(studies) == []  # refused before any study module was imported


@pytest.mark.parametrize("argv", [BAD_OPTIONS[5], BAD_OPTIONS[8], BAD_OPTIONS[9]])
def test_bad_options_of_the_command_end_it_at_once(studies, argv):
    """The real command (a fresh process): exit 2, one line, no study imported."""
    t0 = time.perf_counter()
    proc = wirelesseff(*_bad_argv(argv, studies))
    elapsed = time.perf_counter() - t0
    assert proc.returncode == 2, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert imported(studies) == []
    assert elapsed < 60  # generous for a loaded machine: the import check above is the bound


def test_suggestion_and_reason_in_option_errors(studies, capsys):
    assert cli.main(["run", "toy-ee-kurve"]) == 2
    assert "did you mean 'toy-ee-curve'?" in capsys.readouterr().err
    assert cli.main(["run", "toy-ee-curve", "--out", str(studies / "studies" / "toy" /
                                                       "ee_curve.py")]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root may write into a read-only folder")
def test_out_not_writable(studies, capsys):
    ro = studies / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        assert cli.main(["run", "toy-ee-curve", "--out", str(ro)]) == 2
        assert "is not writable" in capsys.readouterr().err
    finally:
        ro.chmod(0o700)


def test_dask_executor_without_distributed_is_a_usage_error(studies, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if the extra were missing
    assert cli.main(["run", "toy-ee-curve", "--executor", "dask://127.0.0.1:8786"]) == 2
    err = capsys.readouterr().err
    assert 'needs dask.distributed: pip install "wirelesseff[dask]"' in err
    assert imported(studies) == []


def test_default_executor_uses_the_cores_for_all_and_headline():
    parser = cli.build_parser()
    for argv, cores, expected in (
        (["run", "--headline"], 2, "processes"), (["run", "--all"], 4, "processes"),
        (["run", "--headline"], 1, "serial"), (["run", "a", "b"], 2, "serial"),
        (["run", "--all", "--executor", "serial"], 2, "serial"),
    ):
        assert cli._default_executor(parser.parse_args(argv), cores) == expected, argv


def test_studies_option_and_environment_variable(studies, monkeypatch, capsys):
    monkeypatch.delenv("WIRELESSEFF_STUDIES")
    assert cli.main(["list", "--studies", str(studies / "studies")]) == 0
    assert "toy-ee-curve" in capsys.readouterr().out
    assert cli.main(["list"]) == 0  # the shipped studies
    out = capsys.readouterr().out
    assert "toy-ee-curve" not in out and "xlmimo-ee-surface" in out
    out_dir = studies / "o"
    assert cli.main(["run", "toy-ee-curve", "--quick", "--studies", str(studies / "studies"),
                     "--out", str(out_dir)]) == 0
    assert (out_dir / "toy-ee-curve.nc").exists()


# ----------------------------------------------------------------------------- info

def test_info_versions(capsys):
    assert cli.main(["info"]) == 0
    out = capsys.readouterr().out
    for word in ("wirelesseff", "numpy", "cvxpy solvers", "CLARABEL", "numba", "studies:"):
        assert word in out


def test_info_of_a_study_shows_its_metadata(studies, capsys):
    assert cli.main(["info", "toy-ee-curve", "toy-ee-curve"]) == 0
    out = capsys.readouterr().out
    assert out.count("toy-ee-curve\n") == 1  # given twice, shown once
    for label, value in (("description", "EE of a single link versus transmit power"),
                         ("source", "textbook single-link model"), ("module", "toy"),
                         ("headline", "yes"), ("quick mode", "yes"), ("key numbers", "no"),
                         ("path", str(studies / "studies" / "toy" / "ee_curve.py"))):
        assert any(line.split(None, 1)[0] == label.split()[0] and value in line
                   for line in out.splitlines()), (label, out)
    assert imported(studies) == []


def test_info_of_a_shipped_study(monkeypatch, capsys):
    monkeypatch.delenv("WIRELESSEFF_STUDIES", raising=False)
    assert cli.main(["info", "xlmimo-ee-surface"]) == 0
    out = capsys.readouterr().out
    assert "wirelesseff.studies.xlmimo.ee_surface" in out and "Fig. 3" in out


# ----------------------------------------------------------------------------- standalone

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
    from wirelesseff.registry import check_study_dataset

    mod = load_study("toy-ee-curve")
    check_study_dataset(mod.run(quick=True), "toy-ee-curve")  # the sweep adds provenance
    bad = xr.Dataset({"ee": ("x", np.ones(2)), "label": ("x", np.array(["a", "b"], dtype=object))},
                     attrs={"wirelesseff_version": "0", "created": "now", "seed": 0})
    with pytest.raises(ValueError, match=r"missing dataset attributes \['study'\].*\['ee'\]"):
        check_study_dataset(bad, "bad")


# ----------------------------------------------------------------------------- concurrency

def test_plan_moves_only_the_studies_that_cannot_be_balanced():
    costs = {"a": 15.0, "b": 15.0, "c": 10.0, "d": 1.7, "e": 1.2, "f": 0.4}
    wide, narrow = plan_studies(costs, 2)
    assert wide == ["a"] and narrow == ["b", "c", "d", "e", "f"]  # longest first
    assert plan_studies(costs, 1) == ([], ["a", "b", "c", "d", "e", "f"])
    assert plan_studies({"x": 1.0, "y": 1.0}, 2) == ([], ["x", "y"])
    assert plan_studies({"x": 9.0, "y": 1.0}, 2) == (["x"], ["y"])
    many = {f"s{i:02d}": float(i % 7 + 1) for i in range(30)}
    wide, narrow = plan_studies(many, 2)
    assert wide == [] and sorted(narrow) == sorted(many)


def test_unrecorded_studies_get_the_median_recorded_cost():
    rec = {"a": {"full": 10.0, "quick": 1.0}, "b": {"full": 30.0}, "c": {"full": 2.0}}
    assert study_cost_estimates(["a", "b", "z"], rec, quick=False) == {
        "a": 10.0, "b": 30.0, "z": 10.0}
    assert study_cost_estimates(["a", "z"], rec, quick=True) == {"a": 1.0, "z": 1.0}
    assert study_cost_estimates(["z"], {}, quick=True) == {"z": 1.0}


def _without_run_attrs(path: Path) -> xr.Dataset:
    """A study's dataset without the attributes that describe the run, not the results."""
    ds = xr.load_dataset(path)
    for key in ("created", "elapsed_s", "executor"):
        ds.attrs.pop(key, None)
    return ds


def test_concurrent_run_is_bit_identical_to_serial(studies, capsys):
    """Whole-study tasks and a wide study (grid points on the workers) give the serial files."""
    toy = studies / "studies" / "toy"
    (toy / "broken.py").unlink()
    (toy / "second.py").write_text(toy_study("toy-second", n_quick=7))
    (toy / "third.py").write_text(toy_study("toy-third", headline=False, n_quick=9))
    # toy-third is recorded as long: it runs in the parent with the pool as sweep executor
    (studies / "studies" / "costs.json").write_text(json.dumps(
        {"toy-third": {"quick": 50.0}, "toy-ee-curve": {"quick": 1.0},
         "toy-second": {"quick": 1.0}}))
    assert plan_studies({"toy-third": 50.0, "toy-ee-curve": 1.0, "toy-second": 1.0}, 2)[0] \
        == ["toy-third"]
    ser, par = studies / "serial", studies / "processes"
    assert cli.main(["run", "--all", "--quick", "--seed", "7", "--executor", "serial",
                     "--out", str(ser)]) == 0
    assert cli.main(["run", "--all", "--quick", "--seed", "7", "--executor", "processes",
                     "--workers", "2", "--out", str(par)]) == 0
    out = capsys.readouterr().out
    assert "3 studies in" in out and "processes, 2 workers" in out
    for name in ("toy-ee-curve", "toy-second", "toy-third"):
        xr.testing.assert_identical(_without_run_attrs(ser / f"{name}.nc"),
                                    _without_run_attrs(par / f"{name}.nc"))
    assert xr.load_dataset(par / "toy-third.nc").attrs["executor"] == "futures"  # it was wide


# ----------------------------------------------------------------------------- Ctrl-C

def _interrupt(argv, *, delay, group, tmp_path):
    import signal

    proc = subprocess.Popen([sys.executable, "-m", "wirelesseff", *argv, "--out",
                             str(tmp_path / "out")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "MPLBACKEND": "Agg"}, start_new_session=True)
    try:
        time.sleep(delay)
        assert proc.poll() is None, proc.communicate()
        t0 = time.perf_counter()
        if group:  # a terminal's Ctrl-C reaches every process of the foreground group
            os.killpg(proc.pid, signal.SIGINT)
        else:
            proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
        return proc.returncode, err, time.perf_counter() - t0, proc.pid
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


def _session_members(sid: int) -> list[int]:
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid:  # field 6 of /proc/PID/stat: session id
            pids.append(int(stat.parent.name))
    return pids


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize(("executor", "group"), [
    ("serial", False), ("processes", True),  # group: as a terminal's Ctrl-C
    pytest.param("processes", False, marks=pytest.mark.slow),  # kill -INT of the parent only
])
def test_ctrl_c_stops_run_all_quick_with_exit_130_and_one_line(tmp_path, executor, group):
    rc, err, elapsed, sid = _interrupt(["run", "--all", "--quick", "--executor", executor],
                                       delay=6.0, group=group, tmp_path=tmp_path)
    assert rc == 130, err
    assert err.strip().splitlines() == ["wirelesseff: error: interrupted"], err
    assert elapsed < cli.INTERRUPT_GRACE + 10  # generous for a loaded machine
    deadline = time.monotonic() + 10  # workers, forkserver and resource tracker are gone
    while _session_members(sid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _session_members(sid) == []
    assert not list((tmp_path / "out").glob(".*.tmp"))  # no partial files left behind
