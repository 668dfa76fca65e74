"""Running studies: one study (:func:`run_study`) and many at once (:func:`run_studies`).

With ``executor="processes"``, :func:`run_studies` keeps every core busy with one process pool:

* independent studies run concurrently, one per worker process, longest first (the longest
  -processing-time rule, with the run times recorded in the studies' ``costs.json``);
* a study too long to be balanced that way (its run time exceeds what the others leave for
  it) runs in the calling process with the pool as its sweep executor, so that its grid points
  are spread over the same workers and fill the gaps the whole-study tasks leave.

The outputs are bit-identical to a serial run: every grid point draws from its own random stream
(see docs/sweep.md) whichever process evaluates it.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import dataclasses
import os
import statistics
import sys
import threading
import time
import traceback as _traceback
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .registry import ENV_VAR

__all__ = ["StudyOutcome", "available_cores", "plan_studies", "run_studies", "run_study"]

#: Run time assumed for a study without a recorded one, when no study has one [s].
DEFAULT_COST = 1.0
#: A split is accepted when the whole-study tasks fit within this factor of a perfect balance.
BALANCE_TOLERANCE = 1.05
#: Environment variables read by BLAS/OpenMP/numba when they start their thread pools.
_THREAD_ENV = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS")


@dataclass(frozen=True)
class StudyOutcome:
    """What running one study gave: its files, or the one-line reason it failed."""

    name: str
    nc: str = ""
    png: str = ""
    elapsed: float = 0.0  #: wall-clock time [s]
    error: str = ""
    traceback: str = ""
    cpu: float = 0.0  #: CPU time of the process that ran it, all its threads [s]

    @property
    def ok(self) -> bool:
        return not self.error


def available_cores() -> int:
    """CPU cores this process may run on (its affinity mask where the OS reports one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


def run_study(module, *, quick: bool = False, seed: int = 0, executor="serial",
              out: Path | str = "results") -> tuple[Path, Path, float]:
    """Run one loaded study module and write ``NAME.nc`` and ``NAME.png`` under ``out``.

    Both files are written atomically (:func:`wirelesseff.io.atomic_output`).

    Parameters
    ----------
    module : module
        A study, as returned by :func:`wirelesseff.registry.load_study`.
    quick : bool
        Run the CI-sized grid.
    seed : int
        Root seed, in [0, 2**63 - 1].
    executor : str or executor
        Passed to the study's ``run`` (and from there to the sweep engine).
    out : path
        Output folder (created if needed).

    Returns
    -------
    (nc_path, png_path, elapsed_seconds)

    Raises
    ------
    ValueError
        If ``seed`` is out of range or the study's ``NAME`` is not a valid name (it would
        write outside ``out``); whatever the study raises.
    """
    from . import plotting
    from ._validation import check_integer
    from .io import save_dataset
    from .registry import check_study_dataset, check_study_name

    seed = check_integer("seed", seed, low=0, high=2**63 - 1)
    name = check_study_name(module.NAME)
    out = Path(out)
    nc, png = out / f"{name}.nc", out / f"{name}.png"
    t0 = time.perf_counter()
    ds = module.run(quick=quick, seed=seed, executor=executor)
    ds.attrs.setdefault("study", name)
    if getattr(module, "SOURCE", None):
        ds.attrs.setdefault("source", module.SOURCE)
    ds.attrs["quick"] = int(bool(quick))
    ds.attrs["seed"] = int(seed)
    check_study_dataset(ds, name)
    save_dataset(ds, nc)
    with plotting.style():
        fig = module.plot(ds)
        plotting.finish(fig, ds)
    plotting.save_figure(fig, png)
    return nc, png, time.perf_counter() - t0


def one_line(exc: BaseException) -> str:
    """``Type: first line of the message`` (what the command line prints for a failure)."""
    text = str(exc).strip()
    first = text.splitlines()[0] if text else ""
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


def one_line_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """``warnings.showwarning`` of the command line: ``wirelesseff: warning: Type: message``."""
    text = str(message).strip().splitlines()
    (file or sys.stderr).write(f"wirelesseff: warning: {category.__name__}: "
                               f"{text[0] if text else ''}\n")


def _run_one(name: str, root, quick: bool, seed: int, out: str, executor,
             want_traceback: bool) -> StudyOutcome:
    """Load and run one study, catching its failure (never ``KeyboardInterrupt``)."""
    from .registry import load_study

    cpu0 = time.process_time()
    try:
        module = load_study(name, root)
        nc, png, dt = run_study(module, quick=quick, seed=seed, executor=executor, out=out)
    except Exception as exc:
        return StudyOutcome(name, error=one_line(exc),
                            traceback=_traceback.format_exc() if want_traceback else "")
    return StudyOutcome(name, str(nc), str(png), dt, cpu=time.process_time() - cpu0)


# ----------------------------------------------------------------------------- planning

def _lpt_makespan(costs: Sequence[float], n_workers: int) -> float:
    """Finish time of the longest-processing-time-first schedule of ``costs`` on n workers."""
    loads = [0.0] * max(1, n_workers)
    for c in sorted(costs, reverse=True):
        loads[loads.index(min(loads))] += c
    return max(loads)


def plan_studies(costs: Mapping[str, float], n_workers: int) -> tuple[list[str], list[str]]:
    """Split studies into ``(wide, narrow)`` for ``n_workers`` worker processes.

    Narrow studies run whole, one per worker, longest first. A study becomes wide (runs in the
    calling process with the pool as the executor of its sweeps) while the longest-first
    schedule of the narrow ones would finish later than a perfect balance of all the work,
    ``sum(costs) / n_workers`` (within :data:`BALANCE_TOLERANCE`): the longest study is moved
    first. Both lists are longest first; ties are broken by name, so the plan is deterministic.

    Examples
    --------
    >>> plan_studies({"a": 15, "b": 15, "c": 10, "d": 1.7, "e": 1.2}, 2)
    (['a'], ['b', 'c', 'd', 'e'])
    >>> plan_studies({"a": 3, "b": 3, "c": 2, "d": 2}, 2)
    ([], ['a', 'b', 'c', 'd'])
    >>> plan_studies({"only": 40.0}, 2)
    (['only'], [])
    """
    order = sorted(costs, key=lambda n: (-float(costs[n]), n))
    if n_workers <= 1:
        return [], order
    target = sum(float(c) for c in costs.values()) / n_workers * BALANCE_TOLERANCE
    wide: list[str] = []
    narrow = list(order)
    while narrow and _lpt_makespan([costs[n] for n in narrow], n_workers) > target:
        wide.append(narrow.pop(0))
    return wide, narrow


def study_cost_estimates(names: Sequence[str], recorded: Mapping[str, Mapping[str, float]],
                         quick: bool) -> dict[str, float]:
    """Run time of each study for planning: its recorded one, else the median recorded one."""
    mode = "quick" if quick else "full"
    known = [r[mode] for r in recorded.values() if mode in r]
    default = statistics.median(known) if known else DEFAULT_COST
    return {n: float(recorded.get(n, {}).get(mode, default)) for n in names}


# ----------------------------------------------------------------------------- the pool

def _init_worker() -> None:
    """Worker initializer: one BLAS/numba thread per process, Ctrl-C left to the parent.

    A terminal's Ctrl-C reaches every process of the foreground group; the parent process stops
    the run and terminates the workers, which must not print tracebacks of their own.
    """
    import signal

    from .sweep._points import init_worker

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.environ.setdefault("MPLBACKEND", "Agg")
    warnings.showwarning = one_line_warning
    init_worker()


@contextlib.contextmanager
def _one_thread_each() -> Iterator[None]:
    """This process, too, runs one BLAS/OpenMP/numba thread while it shares the cores.

    In the concurrent mode this process evaluates the wide studies' own code (everything but
    their grid points) beside the workers; letting it start thread pools as well would
    oversubscribe the cores (OpenMP threads spin while they wait). Libraries loaded inside the
    block read the thread counts from the environment once, so they keep one thread for the
    rest of the process (the command line exits right after).
    """
    saved = {k: os.environ.get(k) for k in _THREAD_ENV}
    os.environ.update(dict.fromkeys(_THREAD_ENV, "1"))
    numba = sys.modules.get("numba")
    numba_threads = None
    if numba is not None:
        with contextlib.suppress(Exception):
            numba_threads = numba.get_num_threads()
            numba.set_num_threads(1)
    try:
        from threadpoolctl import threadpool_limits

        with threadpool_limits(1):
            yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        if numba_threads is not None:
            with contextlib.suppress(Exception):
                numba.set_num_threads(numba_threads)


def _make_pool(n_workers: int) -> cf.ProcessPoolExecutor:
    import multiprocessing as mp

    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        # same preload as the sweep engine's own pools (one forkserver per process)
        ctx.set_forkserver_preload(["numpy", "threadpoolctl", "wirelesseff.sweep._points"])
    else:  # pragma: no cover - Windows
        ctx = mp.get_context("spawn")
    return cf.ProcessPoolExecutor(max_workers=n_workers, mp_context=ctx,
                                  initializer=_init_worker)


def terminate_pool(pool: cf.ProcessPoolExecutor) -> None:
    """Stop ``pool`` now: cancel what is queued and terminate its worker processes."""
    # ProcessPoolExecutor has no public way to stop running tasks before Python 3.14
    # (terminate_workers); its process table is the only handle on the workers.
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        if p.is_alive():
            p.terminate()
    deadline = time.monotonic() + 3.0
    for p in procs:
        p.join(timeout=max(0.0, deadline - time.monotonic()))
        if p.is_alive():  # pragma: no cover - ignored SIGTERM
            p.kill()
            p.join(timeout=1.0)


def run_studies(
    names: Sequence[str],
    *,
    quick: bool = False,
    seed: int = 0,
    out: Path | str = "results",
    executor="serial",
    n_workers: int | None = None,
    root=None,
    want_traceback: bool = False,
    report: Callable[[StudyOutcome], None] | None = None,
) -> list[StudyOutcome]:
    """Run studies and write their files; a failing study does not stop the others.

    Parameters
    ----------
    names : sequence of str
        Study names (each run once, in this order for a serial run).
    quick, seed, out
        As for :func:`run_study`.
    executor : {"serial", "processes"} or "dask://HOST:PORT"
        ``"processes"``: a pool of ``n_workers`` processes (default: the available cores, at
        most one per study unless a study spreads its grid points) runs the studies
        concurrently; see the module docstring. Otherwise the studies run one after the other
        in this process, each passing ``executor`` to its sweeps.
    n_workers : int, optional
        Worker processes for ``"processes"``.
    root : path, optional
        Folder of external studies (see :func:`wirelesseff.registry.studies_root`).
    want_traceback : bool
        Keep the traceback text of failures in :attr:`StudyOutcome.traceback`.
    report : callable, optional
        Called with each :class:`StudyOutcome` as soon as the study ends (from a helper thread
        in the concurrent mode).

    Returns
    -------
    list of StudyOutcome
        One per study, in the order of ``names``.
    """
    names = list(dict.fromkeys(names))
    given = Path(out)
    # worker processes fork from a server whose working directory and environment were fixed
    # when it started: hand them absolute paths and the studies folder by name
    out = str(given.resolve())
    if root is None:
        root = os.environ.get(ENV_VAR) or None
    if root is not None:
        root = str(Path(root).expanduser().resolve())
    report = report or (lambda outcome: None)
    results: dict[str, StudyOutcome] = {}

    def done(outcome: StudyOutcome) -> None:
        if outcome.ok:  # report the paths as the caller gave the folder
            outcome = dataclasses.replace(outcome, nc=str(given / Path(outcome.nc).name),
                                          png=str(given / Path(outcome.png).name))
        results[outcome.name] = outcome
        report(outcome)

    if executor != "processes":
        for name in names:
            done(_run_one(name, root, quick, seed, out, executor, want_traceback))
        return [results[n] for n in names]

    from .registry import study_costs

    workers = n_workers or available_cores()
    costs = study_cost_estimates(names, study_costs(root), quick)
    wide, narrow = plan_studies(costs, workers)
    size = workers if wide else min(workers, len(narrow))
    os.environ.setdefault("MPLBACKEND", "Agg")  # inherited by the forkserver and its workers
    pool = _make_pool(size)
    lock = threading.Lock()
    stopping = threading.Event()  # interrupted: what the terminated workers leave is not news

    def finished(name: str, fut: cf.Future) -> None:
        # runs in the pool's helper thread, or in this thread at the end (whichever is first)
        if fut.cancelled():
            return
        exc = fut.exception()
        outcome = fut.result() if exc is None else StudyOutcome(
            name, error=f"worker process failed: {one_line(exc)}")
        with lock:
            if name not in results and not stopping.is_set():
                done(outcome)

    try:
        with _one_thread_each():
            futures = []
            for name in narrow:
                fut = pool.submit(_run_one, name, root, quick, seed, out, "serial",
                                  want_traceback)
                fut.add_done_callback(lambda f, name=name: finished(name, f))
                futures.append(fut)
            for name in wide:  # in this process; their sweeps share the workers
                outcome = _run_one(name, root, quick, seed, out, pool, want_traceback)
                with lock:
                    done(outcome)
            pending = set(futures)
            while pending:  # short waits keep Ctrl-C responsive
                _, pending = cf.wait(pending, timeout=0.25)
            for name, fut in zip(narrow, futures):
                finished(name, fut)
    except BaseException:
        with lock:
            stopping.set()
        terminate_pool(pool)
        raise
    pool.shutdown(wait=True)
    return [results[n] for n in names]

