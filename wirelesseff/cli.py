"""The ``wirelesseff`` command line (foundation spec §7).

::

    wirelesseff list                      every study, with description and source
    wirelesseff run NAME... | --all | --headline  [--quick] [--out DIR]
                    [--executor serial|processes|dask://HOST:PORT] [--workers N] [--seed N]
    wirelesseff info                      versions, solvers, numba status

Each study run writes ``DIR/NAME.nc`` and ``DIR/NAME.png`` (default ``results/``). Failures end
with a non-zero exit status and one line on stderr (no traceback; ``--traceback`` shows it).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

__all__ = ["main", "main_for_study", "run_study"]


class _Parser(argparse.ArgumentParser):
    """Argument parser whose errors are one line (no usage block) and exit status 2."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _fail(message: str, code: int = 1) -> int:
    print(f"wirelesseff: error: {message}", file=sys.stderr)
    return code


def _executor_arg(value: str) -> str:
    if value in ("serial", "processes") or value.startswith(("dask://", "tcp://", "tls://")):
        return value
    raise argparse.ArgumentTypeError(
        f"invalid executor {value!r}: use serial, processes or dask://HOST:PORT"
    )


def _add_run_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--quick", action="store_true", help="small CI-sized grids (seconds)")
    p.add_argument("--out", default="results", type=Path, help="output directory (results/)")
    p.add_argument("--seed", default=0, type=int, help="root random seed (0)")
    p.add_argument(
        "--executor", default="serial", type=_executor_arg,
        help="serial (default), processes, or dask://HOST:PORT of a Dask scheduler",
    )
    p.add_argument("--traceback", action="store_true", help="show the full traceback on failure")


def run_study(module, *, quick: bool = False, seed: int = 0, executor: str = "serial",
              out: Path | str = "results") -> tuple[Path, Path, float]:
    """Run one loaded study module and write ``NAME.nc`` and ``NAME.png`` under ``out``.

    Returns
    -------
    (nc_path, png_path, elapsed_seconds)
    """
    from . import plotting
    from .io import save_dataset
    from .registry import check_study_dataset

    out = Path(out)
    if seed < 0:
        raise ValueError(f"seed must be >= 0, got {seed}")
    t0 = time.perf_counter()
    ds = module.run(quick=quick, seed=seed, executor=executor)
    ds.attrs.setdefault("study", module.NAME)
    if getattr(module, "SOURCE", None):
        ds.attrs.setdefault("source", module.SOURCE)
    ds.attrs["quick"] = int(bool(quick))
    ds.attrs["seed"] = int(seed)
    check_study_dataset(ds, module.NAME)
    nc = save_dataset(ds, out / f"{module.NAME}.nc")
    with plotting.style():
        fig = module.plot(ds)
        plotting.finish(fig, ds)
    png = out / f"{module.NAME}.png"
    plotting.save_figure(fig, png)
    return nc, png, time.perf_counter() - t0


def _cmd_list(args) -> int:
    from .registry import find_studies, studies_root

    studies = find_studies()
    if not studies:
        return _fail(f"no studies found under {studies_root()}")
    width = max(len(n) for n in studies)
    for name, info in studies.items():
        star = "*" if info.headline else " "
        print(f"{star} {name:<{width}}  {info.description}")
        if info.source:
            print(f"  {'':<{width}}  source: {info.source}")
    print("\n* = headline study (run by `wirelesseff run --headline`, the README main job)")
    return 0


def _cmd_run(args) -> int:
    from .registry import UnknownStudyError, find_studies, load_study

    try:
        studies = find_studies()
    except ValueError as exc:
        return _fail(str(exc))
    if args.all:
        names = list(studies)
    elif args.headline:
        names = [n for n, i in studies.items() if i.headline]
    else:
        names = args.names
    if not names:
        return _fail("no study given: name one or more studies, or use --all / --headline "
                     "(see `wirelesseff list`)", 2)
    unknown = [n for n in names if n not in studies and not n.endswith(".py")]
    if unknown:
        return _fail(f"unknown study {', '.join(map(repr, unknown))}; "
                     "`wirelesseff list` shows the available ones", 2)
    failed = []
    os.environ.setdefault("MPLBACKEND", "Agg")
    for name in names:
        try:
            module = load_study(name)
            nc, png, dt = run_study(module, quick=args.quick, seed=args.seed,
                                    executor=args.executor, out=args.out)
        except (KeyboardInterrupt, SystemExit):
            raise
        except UnknownStudyError as exc:
            return _fail(str(exc), 2)
        except Exception as exc:
            if args.traceback:
                traceback.print_exc()
            msg = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            _fail(f"study {name} failed: {type(exc).__name__}: {msg}")
            failed.append(name)
            continue
        print(f"{name}: wrote {nc} and {png} ({dt:.1f} s)", flush=True)
    if failed:
        return _fail(f"{len(failed)} of {len(names)} studies failed: {', '.join(failed)}")
    return 0


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "not installed"


def _cmd_info(args) -> int:
    import platform

    from . import __version__

    print(f"wirelesseff {__version__}")
    print(f"python      {platform.python_version()} ({sys.executable})")
    print(f"platform    {platform.platform()}, {os.cpu_count()} CPUs")
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
    from .registry import find_studies, studies_root

    try:
        n = len(find_studies())
    except ValueError:
        n = 0
    print(f"studies: {n} under {studies_root()}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``wirelesseff`` command."""
    from . import __version__

    parser = _Parser(prog="wirelesseff",
                     description="Energy-efficiency studies of wireless networks.")
    parser.add_argument("--version", action="version", version=f"wirelesseff {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="{list,run,info}", parser_class=_Parser)
    sub.required = True
    p_list = sub.add_parser("list", help="list the studies")
    p_list.set_defaults(func=_cmd_list)
    p_run = sub.add_parser("run", help="run studies, writing NAME.nc and NAME.png")
    p_run.add_argument("names", nargs="*", metavar="NAME", help="study names (see list)")
    grp = p_run.add_mutually_exclusive_group()
    grp.add_argument("--all", action="store_true", help="run every study")
    grp.add_argument("--headline", action="store_true",
                     help="run the headline studies (the README main job)")
    _add_run_options(p_run)
    p_run.set_defaults(func=_cmd_run)
    p_info = sub.add_parser("info", help="versions, solvers and numba status")
    p_info.set_defaults(func=_cmd_info)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``wirelesseff`` console script; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "names", None) and (args.all or args.headline):
        return _fail("give study names or --all/--headline, not both", 2)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)


def main_for_study(run: Callable, plot: Callable, argv: Sequence[str] | None = None) -> None:
    """Command line of a single study script (``python studies/x/y.py --quick``).

    Accepts the options of ``wirelesseff run`` (``--quick --out --seed --executor``) and exits
    with the same conventions.
    """
    import types

    g = run.__globals__
    module = types.SimpleNamespace(NAME=g["NAME"], SOURCE=g.get("SOURCE", ""), run=run, plot=plot)
    parser = _Parser(prog=Path(g.get("__file__", g["NAME"])).name,
                     description=g.get("DESCRIPTION") or g.get("__doc__"))
    _add_run_options(parser)
    args = parser.parse_args(argv)
    os.environ.setdefault("MPLBACKEND", "Agg")
    try:
        nc, png, dt = run_study(module, quick=args.quick, seed=args.seed,
                                executor=args.executor, out=args.out)
    except KeyboardInterrupt:
        sys.exit(_fail("interrupted", 130))
    except Exception as exc:
        if args.traceback:
            traceback.print_exc()
        sys.exit(_fail(f"study {module.NAME} failed: {type(exc).__name__}: {exc}"))
    print(f"{module.NAME}: wrote {nc} and {png} ({dt:.1f} s)")
    sys.exit(0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
