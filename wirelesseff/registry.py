"""Study registry: discovers the studies, reads their metadata and loads them.

A study is a script ``<module>/<name>.py`` declaring ``NAME`` (lowercase letters, digits and
``-``), ``DESCRIPTION``, ``SOURCE`` (and optionally ``HEADLINE = True``) as module-level string
constants and defining ``run(quick=False, seed=0, executor="serial") -> xarray.Dataset`` and
``plot(ds) -> Figure``. Metadata are read from the source text without importing the scripts,
so ``wirelesseff list`` stays fast and a study with a syntax error is reported, not fatal.

A study also defines ``headline(ds) -> list[Headline]``: the key numbers a reader should see,
read from its dataset, each beside the published value where one exists. The documentation
gallery shows them next to the figure.

Where studies come from
-----------------------
The studies shipped with wirelesseff are the subpackage ``wirelesseff.studies`` (the
repository's top-level ``studies/`` folder, installed under that name), found with
``importlib.resources`` wherever the package is installed. A folder of your own studies is
used instead only when named: the ``root`` argument (``wirelesseff --studies DIR``) or the
``WIRELESSEFF_STUDIES`` environment variable. The ``studies/`` folder of the current directory
is never used implicitly.

Examples
--------
>>> from wirelesseff.registry import find_studies
>>> info = find_studies()["xlmimo-ee-surface"]
>>> info.module, info.import_name, info.headline
('xlmimo', 'wirelesseff.studies.xlmimo.ee_surface', True)
"""

from __future__ import annotations

import ast
import difflib
import functools
import importlib
import importlib.util
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

__all__ = [
    "ENV_VAR",
    "PACKAGE",
    "BrokenStudyError",
    "Headline",
    "StudyFolderError",
    "StudyInfo",
    "UnknownStudyError",
    "check_study_dataset",
    "check_study_name",
    "find_studies",
    "load_study",
    "studies_root",
    "study_costs",
]

#: Import name of the studies shipped with the package.
PACKAGE = "wirelesseff.studies"
#: Environment variable naming a folder of studies to use instead of the shipped ones.
ENV_VAR = "WIRELESSEFF_STUDIES"
#: Provenance attributes every study dataset must carry (see docs/cli.md, "Studies").
REQUIRED_ATTRS = ("wirelesseff_version", "created", "study", "seed")
#: A study name: it names the output files ``NAME.nc`` / ``NAME.png``, so no path separators.
NAME_PATTERN = re.compile(r"[a-z0-9-]+")
#: File of recorded study run times (seconds, serial) next to the studies.
COSTS_FILE = "costs.json"

_METADATA = ("NAME", "DESCRIPTION", "SOURCE", "HEADLINE")
_COMPUTED = object()  # a metadata constant that is not a literal


class UnknownStudyError(LookupError):
    """No study of that name (the message suggests the closest names)."""


class StudyFolderError(FileNotFoundError):
    """The named study folder does not exist, or the package ships no studies."""


class BrokenStudyError(ImportError):
    """A study that cannot be loaded: syntax error, invalid ``NAME``, missing ``run``/``plot``."""


@dataclass(frozen=True)
class Headline:
    """One key number of a study, read from its dataset.

    Parameters
    ----------
    quantity : str
        What the number is, in words (``"EE-optimal number of antennas M*"``).
    value : float, int or str
        Our value, read from the study's dataset (never typed in by hand).
    units : str
        Units of ``value`` (``"Mbit/J"``, ``"dB"``, ``"1"``).
    published : float, int, str or None
        The published value or statement it is compared with, if one exists.
    source : str
        Where ``published`` comes from (paper, figure/table), when it differs from the study's
        ``SOURCE``.
    note : str
        Context a reader needs (quick-mode grid, reconstruction, assumption).
    """

    quantity: str
    value: float | int | str
    units: str = ""
    published: float | int | str | None = None
    source: str = ""
    note: str = ""


@dataclass(frozen=True)
class StudyInfo:
    """Metadata of one study script, read without importing it.

    Attributes
    ----------
    name : str
        The study's ``NAME`` (for a file that cannot be read: its path relative to the
        studies folder).
    description, source : str
        ``DESCRIPTION`` and ``SOURCE``.
    headline : bool
        ``HEADLINE = True``: part of the main job (``wirelesseff run --headline``).
    path : pathlib.Path
        The script.
    import_name : str
        Module name it is imported under (``wirelesseff.studies.fas.outage_vs_ports``); empty for
        a study of an external folder, which is loaded from its file.
    error : str
        Why the study cannot be used (syntax error, invalid ``NAME``, no ``run``/``plot``);
        empty if it can.
    has_quick : bool
        Its ``run`` takes ``quick`` (a CI-sized mode).
    has_headline_numbers : bool
        It defines ``headline(ds)``.
    """

    name: str
    description: str
    source: str
    headline: bool
    path: Path
    import_name: str = ""
    error: str = ""
    has_quick: bool = True
    has_headline_numbers: bool = False

    @property
    def module(self) -> str:
        """The wirelesseff module the study belongs to (its sub-folder)."""
        return self.path.parent.name

    @property
    def ok(self) -> bool:
        """Whether the study can be loaded (``error`` is empty)."""
        return not self.error


def check_study_name(name: object) -> str:
    """Check that ``name`` is a valid study name and return it.

    A study name becomes the file names ``NAME.nc`` and ``NAME.png`` under the output folder, so
    it must be a plain identifier: lowercase letters, digits and ``-`` (``[a-z0-9-]+``).

    Raises
    ------
    ValueError
        If it is anything else (path separators, ``..``, spaces, upper case, empty).

    Examples
    --------
    >>> check_study_name("fas-outage-vs-ports")
    'fas-outage-vs-ports'
    >>> check_study_name("../etc")
    Traceback (most recent call last):
    ...
    ValueError: study NAME must be lowercase letters, digits and '-' ([a-z0-9-]+), got name='../etc'
    """
    if not isinstance(name, str) or not NAME_PATTERN.fullmatch(name):
        raise ValueError("study NAME must be lowercase letters, digits and '-' ([a-z0-9-]+), "
                         f"got name={name!r}")
    return name


def _package_root() -> Path:
    from importlib.resources import files

    try:
        root = files(PACKAGE)
    except ModuleNotFoundError as exc:  # a broken installation
        raise StudyFolderError(
            f"the installed wirelesseff has no {PACKAGE} package (reinstall wirelesseff)"
        ) from exc
    return Path(str(root))


def studies_root(root: str | os.PathLike | None = None) -> Path:
    """The folder studies are read from.

    ``root`` if given, else ``$WIRELESSEFF_STUDIES`` if set, else the folder of the installed
    package ``wirelesseff.studies``. Never the current directory's ``studies/``.

    Raises
    ------
    StudyFolderError
        If a named folder does not exist or is not a directory.
    """
    if root is None:
        env = os.environ.get(ENV_VAR, "")
        if not env:
            return _package_root()
        root, origin = env, f"{ENV_VAR}={env}"
    else:
        if not isinstance(root, str | os.PathLike):
            raise TypeError(f"root must be a folder path (str or os.PathLike) or None, got "
                            f"{type(root).__name__}")
        origin = str(root)
    path = Path(root).expanduser()
    if not path.exists():
        raise StudyFolderError(f"study folder {origin} does not exist")
    if not path.is_dir():
        raise StudyFolderError(f"study folder {origin} is not a directory")
    return path


def _is_package_root(path: Path) -> bool:
    try:
        return path.resolve() == _package_root().resolve()
    except StudyFolderError:  # pragma: no cover - broken installation
        return False


def _bound_names(tree: ast.Module) -> dict[str, ast.AST]:
    names: dict[str, ast.AST] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names[node.name] = node
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    names[target.id] = node
        elif isinstance(node, ast.AnnAssign | ast.AugAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] = node
        elif isinstance(node, ast.ImportFrom | ast.Import):
            for alias in node.names:
                names[(alias.asname or alias.name).split(".")[0]] = node
    return names


def _read(path: Path, rel: str, import_name: str) -> StudyInfo | None:
    """Metadata of one script, ``None`` if it is not a study (declares no ``NAME``)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return StudyInfo(rel, "", "", False, path, import_name,
                         error=f"cannot read {path}: {type(exc).__name__}: {exc}")
    try:
        tree = ast.parse(text, filename=str(path))
    except SyntaxError as exc:
        if not re.search(r"^NAME\s*[:=]", text, re.MULTILINE):
            return None
        # a study (it declares NAME) that does not parse: keep it, with the reason
        found = re.search(r"^NAME\s*=\s*['\"]([^'\"\n]*)['\"]", text, re.MULTILINE)
        flag = re.search(r"^HEADLINE\s*=\s*True\b", text, re.MULTILINE)
        where = f"{path.name}, line {exc.lineno}" if exc.lineno else path.name
        return StudyInfo(found.group(1) if found else rel, "", "", bool(flag), path, import_name,
                         error=f"SyntaxError: {exc.msg} ({where})")
    consts: dict[str, object] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) and target.id in _METADATA:
                try:
                    consts[target.id] = ast.literal_eval(node.value)
                except ValueError:
                    consts[target.id] = _COMPUTED
    if "NAME" not in consts:
        return None
    bound = _bound_names(tree)
    name = consts["NAME"]
    error = ""
    if name is _COMPUTED:
        error, name = "NAME must be a string literal (it names the output files)", rel
    elif not isinstance(name, str) or not NAME_PATTERN.fullmatch(name):
        error = (f"NAME {name!r} is not a valid study name "
                 "(lowercase letters, digits and '-')")
        name = name if isinstance(name, str) and name else rel
    else:
        missing = [f for f in ("run", "plot") if f not in bound]
        if missing:
            error = f"{path.name} does not define {' or '.join(missing)}"
    run = bound.get("run")
    has_quick = not isinstance(run, ast.FunctionDef) or any(
        a.arg == "quick" for a in (*run.args.args, *run.args.kwonlyargs))
    return StudyInfo(
        name=name,
        description=_text(consts.get("DESCRIPTION")),
        source=_text(consts.get("SOURCE")),
        headline=consts.get("HEADLINE") is True,
        path=path,
        import_name=import_name,
        error=error,
        has_quick=has_quick,
        has_headline_numbers="headline" in bound,
    )


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _walk(folder: Path) -> list[Path]:
    out = []
    for entry in sorted(folder.iterdir()):
        if entry.is_dir():
            if entry.name != "__pycache__" and not entry.name.startswith("."):
                out.extend(_walk(entry))
        elif entry.suffix == ".py" and not entry.name.startswith("_"):
            out.append(entry)
    return out


def find_studies(root: str | os.PathLike | None = None) -> dict[str, StudyInfo]:
    """All studies, keyed by name, sorted; see the module docstring for where they come from.

    Studies that cannot be used (a syntax error, an invalid ``NAME``, no ``run`` or ``plot``)
    are included with their reason in :attr:`StudyInfo.error`, so that a listing shows them.

    Parameters
    ----------
    root : path, optional
        A folder of studies to use instead of the shipped ones (default: ``$WIRELESSEFF_STUDIES``
        if set, else the installed ``wirelesseff.studies``).

    Raises
    ------
    StudyFolderError
        If a named folder does not exist.
    ValueError
        If two scripts declare the same ``NAME``.
    """
    folder = studies_root(root)
    package = _is_package_root(folder)
    found: dict[str, StudyInfo] = {}
    for path in _walk(folder):
        rel_parts = path.relative_to(folder).with_suffix("").parts
        import_name = ".".join((PACKAGE, *rel_parts)) if package else ""
        info = _read(path, "/".join(rel_parts), import_name)
        if info is None:
            continue
        if info.name in found:
            raise ValueError(
                f"study name {info.name!r} is declared by {found[info.name].path} and {path}")
        found[info.name] = info
    return dict(sorted(found.items()))


def study_costs(root: str | os.PathLike | None = None) -> dict[str, dict[str, float]]:
    """Recorded run times of the studies, ``{name: {"full": s, "quick": s}}`` (may be empty).

    Read from ``costs.json`` in the studies folder (written by
    ``wirelesseff run ... --executor serial --timings FILE``). The command line uses them to
    start the longest studies first; a study without a record gets a typical value.
    """
    try:
        text = (studies_root(root) / COSTS_FILE).read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, ValueError):
        return {}
    out: dict[str, dict[str, float]] = {}
    for name, rec in data.items() if isinstance(data, dict) else ():
        if isinstance(rec, dict):
            out[name] = {k: float(v) for k, v in rec.items()
                         if k in ("full", "quick") and isinstance(v, int | float) and v >= 0}
    return out


def _suggest(name: str, known) -> str:
    """`` (did you mean 'x'?)`` for the closest known name, or ``""``."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def check_study_dataset(ds, name: str = "study") -> None:
    """Check the output contract of a study: units on data variables, provenance attributes.

    Every numeric data variable and coordinate of a study dataset must carry a ``units``
    attribute (``"1"`` for dimensionless quantities, CF convention) and the dataset must carry
    the provenance attributes :data:`REQUIRED_ATTRS` (the sweep engine adds all but ``study``).

    Raises
    ------
    ValueError
        Listing every variable without units and every missing attribute.
    """
    import numpy as np
    import xarray as xr

    if not isinstance(ds, xr.Dataset):
        raise TypeError(f"ds must be an xarray.Dataset (the output of study {name!r}), got "
                        f"{type(ds).__name__}")
    problems = []
    missing = [a for a in REQUIRED_ATTRS if a not in ds.attrs]
    if missing:
        problems.append(f"missing dataset attributes {missing}")
    no_units = [
        str(k) for k, v in ds.data_vars.items()
        if np.asarray(v.values).dtype.kind in "biufc" and "units" not in v.attrs
    ]
    if no_units:
        problems.append(f"data variables without a 'units' attribute: {no_units}")
    if problems:
        raise ValueError(f"study {name!r} returned a dataset that breaks the study contract: "
                         + "; ".join(problems))


def _checked(run, module):
    @functools.wraps(run)
    def checked_run(*args, **kwargs):
        ds = run(*args, **kwargs)
        ds.attrs.setdefault("study", module.NAME)
        if getattr(module, "SOURCE", ""):
            ds.attrs.setdefault("source", module.SOURCE)
        check_study_dataset(ds, module.NAME)
        return ds

    checked_run.__wirelesseff_checked__ = True
    return checked_run


def _load_file(path: Path) -> ModuleType:
    """Import a study script of an external folder from its file."""
    modname = f"wirelesseff_studies.{path.parent.name}.{path.stem}"
    known = sys.modules.get(modname)
    if known is not None and getattr(known, "__file__", None) == str(path):
        return known
    spec = importlib.util.spec_from_file_location(modname, path)
    if spec is None or spec.loader is None:  # pragma: no cover
        raise BrokenStudyError(f"cannot load a study from {path}")
    module = importlib.util.module_from_spec(spec)
    # not importable by name in a worker process: the sweep engine ships its functions by value
    module.__wirelesseff_study__ = True
    sys.modules[modname] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(modname, None)
        raise
    return module


def load_study(name: str, root: str | os.PathLike | None = None) -> ModuleType:
    """Import the study called ``name`` (or given by the path of its script) and return it.

    A shipped study is imported by its module name (``wirelesseff.studies.fas.outage_vs_ports``),
    so that process and Dask workers import it like any module; a study of an external folder
    (``root`` or ``$WIRELESSEFF_STUDIES``) is loaded from its file as
    ``wirelesseff_studies.<folder>.<stem>`` and marked so that the sweep engine ships its
    functions to workers by value. The module's ``run`` is wrapped so that the returned dataset
    carries the study's ``NAME`` and ``SOURCE`` as ``study``/``source`` attributes and is checked
    with :func:`check_study_dataset` (units and provenance).

    Raises
    ------
    UnknownStudyError
        If no study has that name (the message suggests the closest one).
    BrokenStudyError
        If the study cannot be used (syntax error, invalid ``NAME``, no ``run``/``plot``).
    StudyFolderError
        If a named study folder does not exist.
    """
    if not isinstance(name, str | os.PathLike):
        raise TypeError(f"name must be a study name or the path of a study script, got "
                        f"{type(name).__name__}")
    path = Path(name)
    if path.suffix == ".py" and path.is_file():
        info = _read(path.resolve(), path.stem, "")
        if info is None:
            raise BrokenStudyError(f"{path} declares no NAME: it is not a study")
    else:
        studies = find_studies(root)
        if name not in studies:
            raise UnknownStudyError(
                f"unknown study {name!r}{_suggest(name, studies)} "
                "(`wirelesseff list` shows the available ones)")
        info = studies[name]
    if info.error:
        raise BrokenStudyError(info.error)
    module = importlib.import_module(info.import_name) if info.import_name \
        else _load_file(info.path)
    for attr in ("NAME", "run", "plot"):
        if not hasattr(module, attr):
            raise BrokenStudyError(f"study {info.path} does not define {attr}")
    if module.NAME != info.name:  # NAME reassigned at import time: refuse, it names the files
        raise BrokenStudyError(
            f"study {info.path} declares NAME {info.name!r} but sets it to {module.NAME!r}")
    # every caller (CLI, tests, research code) gets a dataset that honours the contract
    if not getattr(module.run, "__wirelesseff_checked__", False):
        module.run = _checked(module.run, module)
    return module
