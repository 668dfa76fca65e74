"""The ``wirelesseff`` command line (see docs/cli.md).

::

    wirelesseff list [--studies DIR]               every study, with description and source
    wirelesseff run NAME... | --all | --headline  [--quick] [--out DIR] [--seed N]
                    [--executor serial|processes|dask://HOST:PORT] [--workers N]
                    [--studies DIR] [--timings FILE] [--traceback]
    wirelesseff info [NAME...] [--studies DIR]     versions, solvers, numba; or a study's metadata

Each study run writes ``DIR/NAME.nc`` and ``DIR/NAME.png`` (default ``results/``), atomically.
Every option is checked before any study starts. Exit status: 0 success, 1 a study failed (or
cannot be loaded), 2 usage or option error, 130 interrupted (Ctrl-C); failures print one line
on stderr (no traceback; ``--traceback`` shows it).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import threading
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

from ._runner import (
    StudyOutcome,
    available_cores,
    one_line,
    one_line_warning,
    run_studies,
    run_study,
)

__all__ = ["EXIT_FAILED", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_USAGE", "build_parser", "main",
           "main_for_study", "run_study"]

EXIT_OK = 0  #: every study ran
EXIT_FAILED = 1  #: a study failed or cannot be loaded
EXIT_USAGE = 2  #: bad command line or option (nothing was run)
EXIT_INTERRUPTED = 130  #: Ctrl-C (128 + SIGINT, the shell convention)

#: Seconds a run may take to wind down after Ctrl-C before the command exits regardless.
INTERRUPT_GRACE = 5.0
MAX_WORKERS = 1024


class UsageError(Exception):
    """A bad option value found before any study runs (exit status 2)."""


class _Parser(argparse.ArgumentParser):
    """Argument parser whose errors are one line (no usage block) and exit status 2."""

    def error(self, message: str):
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _fail(message: str, code: int = EXIT_FAILED) -> int:
    print(f"wirelesseff: error: {message}", file=sys.stderr, flush=True)
    return code


# ----------------------------------------------------------------------------- option types

def _executor_arg(value: str) -> str:
    if value in ("serial", "processes") or value.startswith(("dask://", "tcp://", "tls://")):
        return value
    raise argparse.ArgumentTypeError(
        f"invalid executor {value!r}: use serial, processes or dask://HOST:PORT")


def _int_arg(name: str, low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text, 10)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} must be an integer, got {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"{name} must be an integer in [{low}, {high}], got {value}")
        return value

    parse.__name__ = name  # argparse names the option in its message
    return parse


def _add_studies_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--studies", metavar="DIR", type=Path, default=None,
                   help="use the studies of folder DIR instead of the installed ones "
                        "(default: $WIRELESSEFF_STUDIES if set)")


def _add_run_options(p: argparse.ArgumentParser, *, several: bool) -> None:
    p.add_argument("--quick", action="store_true", help="small CI-sized grids (seconds)")
    p.add_argument("--out", default=Path("results"), type=Path, metavar="DIR",
                   help="output folder (default: results)")
    p.add_argument("--seed", default=0, type=_int_arg("seed", 0, 2**63 - 1),
                   help="root random seed, 0 to 2**63-1 (default: 0)")
    default = ("processes for --all/--headline on more than one core, else serial" if several
               else "serial")
    p.add_argument("--executor", default=None, type=_executor_arg,
                   help=f"serial, processes or dask://HOST:PORT (default: {default})")
    if several:
        p.add_argument("--workers", default=None, type=_int_arg("workers", 1, MAX_WORKERS),
                       help="worker processes for --executor processes (default: the cores)")
        p.add_argument("--timings", default=None, type=Path, metavar="FILE",
                       help="record each study's run time in FILE (JSON, merged; the "
                            "studies' costs.json is written this way)")
    p.add_argument("--traceback", action="store_true", help="show the full traceback on failure")


# ----------------------------------------------------------------------------- checks

def _check_out(out: Path, option: str = "--out") -> None:
    """The output folder exists (or can be created) and a file can be written in it."""
    import tempfile

    if out.exists() and not out.is_dir():
        raise UsageError(f"{option} {out} is a file, not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{option} {out} cannot be created: {exc.strerror or exc}") from None
    try:
        fd, probe = tempfile.mkstemp(dir=out, prefix=".wirelesseff-probe-")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise UsageError(f"{option} {out} is not writable: {exc.strerror or exc}") from None


def _check_executor(executor: str) -> None:
    """A Dask address needs ``distributed`` installed and a scheduler listening there."""
    if not executor.startswith(("dask://", "tcp://", "tls://")):
        return
    import importlib.util
    import socket
    from urllib.parse import urlsplit

    try:
        available = importlib.util.find_spec("distributed") is not None
    except (ImportError, ValueError):
        available = False
    if not available:
        raise UsageError(f"--executor {executor} needs dask.distributed: "
                         'pip install "wirelesseff[dask]"')
    try:
        parts = urlsplit(executor)
        host, port = parts.hostname, parts.port
    except ValueError:
        host = port = None
    if not host or port is None:
        raise UsageError(f"--executor {executor}: give the scheduler as dask://HOST:PORT")
    try:
        socket.create_connection((host, port), timeout=3.0).close()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise UsageError(f"--executor {executor}: no Dask scheduler reachable at "
                         f"{host}:{port} ({reason})") from None


def _select(args, studies) -> list[str]:
    """The studies to run, each once, in the order given (checked against the registry)."""
    from .registry import _suggest

    if args.all:
        names = list(studies)
        if not names:
            raise UsageError("no studies found, nothing to run for --all")
    elif args.headline:
        names = [n for n, i in studies.items() if i.headline]
        if not names:
            raise UsageError("no headline study found (none declares HEADLINE = True)")
    else:
        names = list(dict.fromkeys(args.names))
        if not names:
            raise UsageError("no study given: name one or more studies, or use --all / "
                             "--headline (`wirelesseff list` shows them)")
    for i, name in enumerate(names):
        if name.endswith(".py") and name not in studies and Path(name).is_file():
            names[i] = str(Path(name).resolve())  # a script given by its path
        elif name not in studies:
            raise UsageError(f"unknown study {name!r}{_suggest(name, studies)} "
                             "(`wirelesseff list` shows the available ones)")
    return list(dict.fromkeys(names))


def _default_executor(args, cores: int) -> str:
    if args.executor is not None:
        return args.executor
    return "processes" if (args.all or args.headline) and cores > 1 else "serial"


# ----------------------------------------------------------------------------- commands

def _cmd_list(args) -> int:
    from .registry import find_studies, studies_root

    studies = find_studies(args.studies)
    if not studies:
        return _fail(f"no studies found in {studies_root(args.studies)}")
    width = max(len(n) for n in studies)
    broken = 0
    for name, info in studies.items():
        if info.error:
            broken += 1
            print(f"! {name:<{width}}  cannot be loaded: {info.error}")
            continue
        star = "*" if info.headline else " "
        print(f"{star} {name:<{width}}  {info.description}")
        if info.source:
            print(f"  {'':<{width}}  source: {info.source}")
    print("\n* = headline study (run by `wirelesseff run --headline`, the README main job)")
    if broken:
        print("! = cannot be loaded (the reason follows its name)")
    return EXIT_FAILED if broken else EXIT_OK


def _print_outcome(outcome: StudyOutcome) -> None:
    # one write per line: outcomes may be reported from a helper thread
    if outcome.ok:
        sys.stdout.write(f"{outcome.name}: wrote {outcome.nc} and {outcome.png} "
                         f"({outcome.elapsed:.1f} s)\n")
        sys.stdout.flush()
    else:
        if outcome.traceback:
            sys.stderr.write(outcome.traceback)
        sys.stderr.write(f"wirelesseff: error: study {outcome.name} failed: {outcome.error}\n")
        sys.stderr.flush()


def _record_timings(path: Path, outcomes: Sequence[StudyOutcome], quick: bool) -> None:
    """Merge the wall-clock run times into the JSON file ``path`` (one line per study)."""
    import json

    from .io import atomic_output

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    mode = "quick" if quick else "full"
    for o in outcomes:
        if o.ok:
            rec = data.get(o.name) if isinstance(data.get(o.name), dict) else {}
            data[o.name] = dict(sorted({**rec, mode: round(o.elapsed, 2)}.items()))
    body = ",\n".join(f" {json.dumps(k)}: {json.dumps(v)}" for k, v in sorted(data.items()))
    with atomic_output(path) as tmp:
        tmp.write_text("{\n" + body + "\n}\n", encoding="utf-8")


def _cmd_run(args) -> int:
    from .registry import find_studies

    if args.names and (args.all or args.headline):
        raise UsageError("give study names or --all/--headline, not both")
    studies = find_studies(args.studies)
    names = _select(args, studies)
    cores = available_cores()
    executor = _default_executor(args, cores)
    if args.workers is not None and executor != "processes":
        raise UsageError("--workers needs --executor processes")
    _check_executor(executor)
    if args.timings is not None:
        if args.timings.is_dir():
            raise UsageError(f"--timings {args.timings} is a folder, not a file")
        _check_out(args.timings.parent, "--timings folder")
    _check_out(args.out)
    os.environ.setdefault("MPLBACKEND", "Agg")  # figures are only saved, never shown
    # a study of a broken file fails here, with its one-line reason, like any failing study
    outcomes = []
    runnable = []
    for name in names:
        info = studies.get(name)
        if info is not None and info.error:
            outcome = StudyOutcome(name, error=f"cannot be loaded: {info.error}")
            _print_outcome(outcome)
            outcomes.append(outcome)
        else:
            runnable.append(name)
    t0 = time.perf_counter()
    outcomes += run_studies(runnable, quick=args.quick, seed=args.seed, out=args.out,
                            executor=executor, n_workers=args.workers, root=args.studies,
                            want_traceback=args.traceback, report=_print_outcome)
    if len(names) > 1:
        how = executor
        if executor == "processes":
            n = args.workers or cores
            how += f", {n} worker{'s' if n > 1 else ''}"
        print(f"wirelesseff: {len(names)} studies in {time.perf_counter() - t0:.1f} s ({how})",
              flush=True)
    if args.timings is not None:
        _record_timings(args.timings, outcomes, args.quick)
    failed = [o.name for o in outcomes if not o.ok]
    if failed and len(names) > 1:
        return _fail(f"{len(failed)} of {len(names)} studies failed: {', '.join(failed)}")
    return EXIT_FAILED if failed else EXIT_OK


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "not installed"


def _info_versions(args) -> int:
    import platform

    from . import __version__
    from .registry import find_studies, studies_root

    print(f"wirelesseff {__version__} ({Path(__file__).resolve().parent})")
    print(f"python      {platform.python_version()} ({sys.executable})")
    print(f"platform    {platform.platform()}, {os.cpu_count()} CPUs "
          f"({available_cores()} available)")
    print("dependencies:")
    for dist in ("numpy", "scipy", "xarray", "cvxpy", "numba", "matplotlib", "tqdm",
                 "h5netcdf", "cloudpickle", "clarabel", "scs", "osqp"):
        print(f"  {dist:<12} {_version(dist)}")
    print("optional extras:")
    for dist, extra in (("distributed", "dask"), ("sgp4", "orbits"), ("skyfield", "orbits"),
                        ("itur", "itur"), ("galois", "test")):
        print(f"  {dist:<12} {_version(dist)}  [wirelesseff[{extra}]]")
    try:
        import cvxpy as cp

        print(f"cvxpy solvers: {', '.join(sorted(cp.installed_solvers()))}")
    except Exception as exc:  # pragma: no cover
        print(f"cvxpy solvers: unavailable ({exc})")
    try:
        import numba

        disabled = os.environ.get("NUMBA_DISABLE_JIT", "0") not in ("", "0")
        print(f"numba: {numba.__version__}, JIT {'DISABLED' if disabled else 'enabled'}, "
              f"{numba.config.NUMBA_NUM_THREADS} threads, "
              f"threading layer {numba.config.THREADING_LAYER!r}")
    except Exception as exc:  # pragma: no cover
        print(f"numba: unavailable ({exc})")
    studies = find_studies(args.studies)
    print(f"studies: {len(studies)} in {studies_root(args.studies)}")
    return EXIT_OK


def _info_study(info, costs) -> None:
    yes_no = {True: "yes", False: "no"}
    rows = [
        ("description", info.description or "-"),
        ("source", info.source or "-"),
        ("module", f"{info.module} ({info.import_name})" if info.import_name else info.module),
        ("headline", f"{yes_no[info.headline]}"
         + (" (part of the main job, `wirelesseff run --headline`)" if info.headline else "")),
        ("quick mode", yes_no[info.has_quick]
         + (f" (`wirelesseff run {info.name} --quick`)" if info.has_quick else "")),
        ("key numbers", "yes (headline(ds))" if info.has_headline_numbers else "no"),
    ]
    rec = costs.get(info.name, {})
    if rec:
        rows.append(("run time", ", ".join(f"{v:.1f} s {k}" for k, v in sorted(rec.items()))
                     + " (recorded, one worker)"))
    rows.append(("path", str(info.path)))
    if info.error:
        rows.append(("error", f"cannot be loaded: {info.error}"))
    print(info.name)
    for key, value in rows:
        print(f"  {key:<12} {value}")


def _cmd_info(args) -> int:
    from .registry import _suggest, find_studies, study_costs

    if not args.names:
        return _info_versions(args)
    studies = find_studies(args.studies)
    names = list(dict.fromkeys(args.names))
    for name in names:
        if name not in studies:
            raise UsageError(f"unknown study {name!r}{_suggest(name, studies)} "
                             "(`wirelesseff list` shows the available ones)")
    costs = study_costs(args.studies)
    for i, name in enumerate(names):
        if i:
            print()
        _info_study(studies[name], costs)
    return EXIT_FAILED if any(studies[n].error for n in names) else EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``wirelesseff`` command."""
    from . import __version__

    parser = _Parser(prog="wirelesseff",
                     description="Energy-efficiency studies of wireless networks.")
    parser.add_argument("--version", action="version", version=f"wirelesseff {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="{list,run,info}", parser_class=_Parser)
    sub.required = True
    p_list = sub.add_parser("list", help="list the studies")
    _add_studies_option(p_list)
    p_list.set_defaults(func=_cmd_list)
    p_run = sub.add_parser("run", help="run studies, writing NAME.nc and NAME.png")
    p_run.add_argument("names", nargs="*", metavar="NAME", help="study names (see list)")
    grp = p_run.add_mutually_exclusive_group()
    grp.add_argument("--all", action="store_true", help="run every study")
    grp.add_argument("--headline", action="store_true",
                     help="run the headline studies (the README main job)")
    _add_run_options(p_run, several=True)
    _add_studies_option(p_run)
    p_run.set_defaults(func=_cmd_run)
    p_info = sub.add_parser("info", help="versions, solvers and numba status; or a study's "
                                         "metadata")
    p_info.add_argument("names", nargs="*", metavar="NAME", help="show these studies")
    _add_studies_option(p_info)
    p_info.set_defaults(func=_cmd_info)
    return parser


# ----------------------------------------------------------------------------- Ctrl-C

class _InterruptGuard:
    """SIGINT handling of the command: exit 130 with one line, within a few seconds.

    The first Ctrl-C raises ``KeyboardInterrupt`` (the run winds down: the sweep engine flushes
    its checkpoint, worker processes are terminated) and arms a watchdog: if the command has
    not returned :data:`INTERRUPT_GRACE` seconds later (library code that swallowed the
    interrupt), it kills the worker processes and exits 130. A second Ctrl-C does so at once.
    """

    def __init__(self) -> None:
        self.count = 0
        self.reported = False
        self._lock = threading.Lock()
        self._previous = None
        self._returned = threading.Event()

    def __enter__(self):
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *exc) -> None:
        self._returned.set()  # disarm the watchdog: the command is returning
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)

    def report(self) -> int:
        with self._lock:
            if not self.reported:
                self.reported = True
                return _fail("interrupted", EXIT_INTERRUPTED)
        return EXIT_INTERRUPTED

    def _handle(self, signum, frame):
        self.count += 1
        if self.count > 1:
            self._hard_exit()
        threading.Thread(target=self._watchdog, name="wirelesseff-interrupt", daemon=True).start()
        raise KeyboardInterrupt

    def _watchdog(self) -> None:
        if not self._returned.wait(INTERRUPT_GRACE):
            self._hard_exit()

    def _hard_exit(self) -> None:  # pragma: no cover - exercised through subprocesses
        import multiprocessing

        with contextlib.suppress(Exception):
            for child in multiprocessing.active_children():
                child.kill()
        # os._exit skips the finalizers that unlink the pool's semaphores; run them, or the
        # resource tracker warns about "leaked semaphore objects" after the one-line report
        with contextlib.suppress(Exception):
            from multiprocessing import util

            util._run_finalizers(0)
        self.report()
        with contextlib.suppress(Exception):
            sys.stdout.flush()
        os._exit(EXIT_INTERRUPTED)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``wirelesseff`` console script; returns the exit status."""
    from .registry import StudyFolderError

    with _InterruptGuard() as guard, warnings.catch_warnings():
        warnings.showwarning = one_line_warning
        try:
            args = build_parser().parse_args(argv)
            try:
                return int(args.func(args) or 0)
            except (UsageError, StudyFolderError) as exc:
                return _fail(str(exc), EXIT_USAGE)
            except ValueError as exc:  # e.g. two studies declaring the same NAME
                return _fail(one_line(exc), EXIT_FAILED)
        except KeyboardInterrupt:
            return guard.report()


def main_for_study(run: Callable, plot: Callable, argv: Sequence[str] | None = None) -> None:
    """Command line of a single study script (``python studies/x/y.py --quick``).

    Accepts the options of ``wirelesseff run`` (``--quick --out --seed --executor
    --traceback``) and exits with the same conventions.
    """
    import types

    g = run.__globals__
    module = types.SimpleNamespace(NAME=g["NAME"], SOURCE=g.get("SOURCE", ""), run=run, plot=plot)
    parser = _Parser(prog=Path(g.get("__file__", g["NAME"])).name,
                     description=g.get("DESCRIPTION") or g.get("__doc__"))
    _add_run_options(parser, several=False)
    with _InterruptGuard() as guard:
        try:
            args = parser.parse_args(argv)
            executor = args.executor or "serial"
            try:
                _check_executor(executor)
                _check_out(args.out)
            except UsageError as exc:
                sys.exit(_fail(str(exc), EXIT_USAGE))
            os.environ.setdefault("MPLBACKEND", "Agg")
            try:
                nc, png, dt = run_study(module, quick=args.quick, seed=args.seed,
                                        executor=executor, out=args.out)
            except Exception as exc:
                if args.traceback:
                    import traceback

                    traceback.print_exc()
                sys.exit(_fail(f"study {module.NAME} failed: {one_line(exc)}"))
        except KeyboardInterrupt:
            sys.exit(guard.report())
    print(f"{module.NAME}: wrote {nc} and {png} ({dt:.1f} s)")
    sys.exit(EXIT_OK)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
