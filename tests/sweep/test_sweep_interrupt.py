"""Ctrl-C stops a sweep promptly, keeps the finished points and leaves no process behind.

Each test runs a sweep in a subprocess of its own session (``start_new_session=True``), signals
it, and checks with ``/proc`` that nothing of that session survives. Every wait is bounded and
the whole session is killed in ``finally``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from wirelesseff.sweep._checkpoint import load_records

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")

JOB = textwrap.dedent(
    '''
    """Sweep used by the interrupt tests: argv = executor, checkpoint, log, kind."""
    import os
    import signal
    import sys
    import threading
    import time

    import numpy as np

    import wirelesseff

    LOG = sys.argv[3]


    def slow(i, rng):
        time.sleep(0.1)
        with open(LOG, "a") as fh:
            fh.write(f"{i}\\n")
        return {"v": rng.random()}


    def solve(i, rng):
        # a second-order cone problem SCS iterates on for its whole max_iters (zero tolerances, so
        # it never stops early: ~2.4 s on a 2-core CI machine), with its ctrl-c listener
        # installed; at i == 2, "Ctrl-C" arrives 0.1 s into the solve, i.e. while SCS iterates
        # on any machine less than ~20x faster
        if i == 2:
            threading.Timer(0.1, os.kill, (os.getpid(), signal.SIGINT)).start()
        v = PP.solve(b=rng.standard_normal(N)).value
        with open(LOG, "a") as fh:
            fh.write(f"{i}\\n")
        return {"v": v}


    if __name__ == "__main__":
        kind = sys.argv[4]
        if kind == "prestarted":  # a fork server started before the sweep, without its preload
            import multiprocessing as mp

            p = mp.get_context("forkserver").Process(target=print)
            p.start()
            p.join()
        if kind == "scs":
            import cvxpy as cp

            from wirelesseff.optimize import ParametricProblem

            N = 150
            A = np.random.default_rng(0).standard_normal((N, N))
            b = cp.Parameter(N, name="b")
            x = cp.Variable(N)
            PP = ParametricProblem(
                cp.Problem(cp.Minimize(cp.sum_squares(A @ x - b) + cp.norm1(x)),
                           [cp.norm(x, 2) <= 1]),
                solvers=[("SCS", {"eps_abs": 0.0, "eps_rel": 0.0, "max_iters": 20000,
                                  "acceleration_lookback": 0})])
        func = solve if kind == "scs" else slow
        n = 6 if kind == "scs" else 2000
        print("started", flush=True)
        wirelesseff.sweep(func, {"i": np.arange(n)}, executor=sys.argv[1], n_workers=2,
                          checkpoint=sys.argv[2], progress=False, chunksize=5)
    '''
)


def _session(sid: int) -> list[int]:
    """Live (non-zombie) processes of session ``sid``."""
    out = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as fh:
                fields = fh.read().decode(errors="replace").rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid and fields[0] not in ("Z", "X"):
            out.append(int(d))
    return out


def _assert_session_ends(sid: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while _session(sid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _session(sid) == []


def _wait_for(predicate, timeout, proc):
    deadline = time.monotonic() + timeout
    while not predicate():
        if proc.poll() is not None:
            pytest.fail(f"the sweep ended early (exit {proc.returncode})")
        if time.monotonic() > deadline:
            pytest.fail("timed out waiting for the sweep")
        time.sleep(0.05)


def _n_logged(log: Path) -> int:
    return len(log.read_text().split()) if log.exists() else 0


def _start(tmp_path, executor, kind):
    job = tmp_path / "job.py"
    job.write_text(JOB)
    ckpt, log = tmp_path / "ckpt", tmp_path / "log"
    proc = subprocess.Popen(
        [sys.executable, str(job), executor, str(ckpt), str(log), kind],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )
    return proc, ckpt, log


def _cleanup(proc):
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:  # pragma: no cover
        pass


@pytest.mark.parametrize(("executor", "target"), [
    ("serial", "parent"), ("processes", "parent"),
    pytest.param("processes", "group", marks=pytest.mark.slow),
])
def test_ctrl_c_stops_flushes_and_raises(tmp_path, executor, target):
    """Guards: Ctrl-C must stop the sweep within seconds, write the finished points to the
    checkpoint and propagate KeyboardInterrupt; for processes, also when only the parent gets
    the signal (``kill -INT``) and not the workers (a terminal sends it to the whole group)."""
    proc, ckpt, log = _start(tmp_path, executor, "sleep")
    try:
        _wait_for(lambda: _n_logged(log) >= 12 and load_records(ckpt), 120, proc)
        t0 = time.monotonic()
        if target == "group":
            os.killpg(proc.pid, signal.SIGINT)
        else:
            os.kill(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=30)
        elapsed = time.monotonic() - t0
        assert b"KeyboardInterrupt" in err, err.decode()[-2000:]
        assert proc.returncode in (-signal.SIGINT, 1, 130)
        assert elapsed < 10, f"took {elapsed:.1f} s to stop"
        saved, logged = len(load_records(ckpt)), _n_logged(log)
        # every point that returned in the parent is on disk; with processes, the points of the
        # chunks in flight (at most 2 workers x 5 points) are lost and recomputed next time
        slack = 1 if executor == "serial" else 2 * 5
        assert logged - slack <= saved <= logged
        _assert_session_ends(proc.pid)
    finally:
        _cleanup(proc)


def test_ctrl_c_during_an_scs_solve_is_not_swallowed(tmp_path):
    """Guards: SCS installs its own SIGINT handler while it solves and drops the interrupt, so
    a serial sweep of SCS solves ignored Ctrl-C (``wirelesseff run`` could not be stopped).
    The job sends itself SIGINT while SCS iterates on the third point."""
    proc, ckpt, log = _start(tmp_path, "serial", "scs")
    try:
        _, err = proc.communicate(timeout=240)
        assert b"KeyboardInterrupt" in err, err.decode()[-2000:]
        assert _n_logged(log) == 2  # points 0 and 1; point 2 was interrupted
        assert sorted(load_records(ckpt)) == [0, 1]
    finally:
        _cleanup(proc)


@pytest.mark.parametrize("kind", ["sleep", pytest.param("prestarted", marks=pytest.mark.slow)])
def test_kill_9_of_the_parent_leaves_no_worker_forkserver_or_tracker(tmp_path, kind):
    """Guards: after ``kill -9`` of a processes sweep, its workers, the fork server and the
    resource tracker outlived it by minutes. Within 10 s nothing of its session may remain,
    also when the fork server was started before the sweep (workers then watch the parent)."""
    proc, ckpt, log = _start(tmp_path, "processes", kind)
    try:
        _wait_for(lambda: _n_logged(log) >= 4, 120, proc)
        members = _session(proc.pid)
        assert len(members) >= 4  # parent, fork server, resource tracker, 2 workers
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        _assert_session_ends(proc.pid)
    finally:
        _cleanup(proc)
