"""Study registry: discovers the study scripts in ``studies/`` and loads them.

A study is a plain script ``studies/<module>/<name>.py`` declaring ``NAME``, ``DESCRIPTION``,
``SOURCE`` (and optionally ``HEADLINE = True``) as module-level string constants and defining
``run(quick=False, seed=0, executor="serial") -> xarray.Dataset`` and ``plot(ds) -> Figure``.
Metadata are read without importing the scripts (``wirelesseff list`` stays fast).

A study also defines ``headline(ds) -> list[Headline]``: the key numbers a reader should see,
read from its dataset, each beside the published value where one exists. The documentation
gallery shows them next to the figure.

The studies directory is, in order: the ``WIRELESSEFF_STUDIES`` environment variable, ``./studies``
in the current directory, or the ``studies/`` directory next to the installed package (a source
checkout or editable install).
"""

from __future__ import annotations

import ast
import importlib.util
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

__all__ = [
    "Headline",
    "StudyInfo",
    "UnknownStudyError",
    "check_study_dataset",
    "find_studies",
    "load_study",
    "studies_root",
]

#: Provenance attributes every study dataset must carry (foundation spec §4).
REQUIRED_ATTRS = ("wirelesseff_version", "created", "study", "seed")


class UnknownStudyError(LookupError):
    """No study of that name in the studies directory."""


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
    """Metadata of one study script."""

    name: str
    description: str
    source: str
    headline: bool
    path: Path

    @property
    def module(self) -> str:
        """The wirelesseff module the study belongs to (its sub-directory)."""
        return self.path.parent.name


def studies_root() -> Path:
    """Directory holding the study scripts (see module docstring for the search order)."""
    env = os.environ.get("WIRELESSEFF_STUDIES")
    if env:
        return Path(env)
    cwd = Path.cwd() / "studies"
    if cwd.is_dir() and any(cwd.rglob("*.py")):
        return cwd
    return Path(__file__).resolve().parent.parent / "studies"


def _constants(path: Path) -> dict[str, object]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out: dict[str, object] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) and target.id in (
                "NAME", "DESCRIPTION", "SOURCE", "HEADLINE",
            ):
                try:
                    out[target.id] = ast.literal_eval(node.value)
                except ValueError:
                    pass
    return out


def find_studies(root: str | os.PathLike | None = None) -> dict[str, StudyInfo]:
    """All studies under ``root`` (default :func:`studies_root`), keyed by name, sorted.

    Raises
    ------
    ValueError
        If two scripts declare the same ``NAME``.
    """
    root = Path(root) if root is not None else studies_root()
    found: dict[str, StudyInfo] = {}
    if not root.is_dir():
        return found
    for path in sorted(root.rglob("*.py")):
        if path.name.startswith("_"):
            continue
        consts = _constants(path)
        name = consts.get("NAME")
        if not isinstance(name, str):
            continue
        if name in found:
            raise ValueError(f"study name {name!r} is declared by {found[name].path} and {path}")
        found[name] = StudyInfo(
            name=name,
            description=str(consts.get("DESCRIPTION", "")),
            source=str(consts.get("SOURCE", "")),
            headline=bool(consts.get("HEADLINE", False)),
            path=path,
        )
    return dict(sorted(found.items()))


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
    import functools

    @functools.wraps(run)
    def checked_run(*args, **kwargs):
        ds = run(*args, **kwargs)
        ds.attrs.setdefault("study", module.NAME)
        if getattr(module, "SOURCE", ""):
            ds.attrs.setdefault("source", module.SOURCE)
        check_study_dataset(ds, module.NAME)
        return ds

    return checked_run


def load_study(name: str, root: str | os.PathLike | None = None) -> ModuleType:
    """Import the study script called ``name`` (or given by its path) and return the module.

    The module is registered in ``sys.modules`` as ``wirelesseff_studies.<module>.<stem>`` and
    marked so that the sweep engine ships its functions to worker processes by value. Its
    ``run`` is wrapped so that the returned dataset carries the study's ``NAME`` and ``SOURCE``
    as ``study``/``source`` attributes and is checked with :func:`check_study_dataset`
    (units and provenance).

    Raises
    ------
    UnknownStudyError
        If no study has that name.
    """
    path = Path(name)
    if path.suffix == ".py" and path.is_file():
        info_path = path.resolve()
    else:
        studies = find_studies(root)
        if name not in studies:
            known = ", ".join(studies) or "none found"
            raise UnknownStudyError(f"unknown study {name!r} (known: {known})")
        info_path = studies[name].path
    modname = f"wirelesseff_studies.{info_path.parent.name}.{info_path.stem}"
    if modname in sys.modules and getattr(sys.modules[modname], "__file__", None) == str(info_path):
        return sys.modules[modname]
    spec = importlib.util.spec_from_file_location(modname, info_path)
    if spec is None or spec.loader is None:  # pragma: no cover
        raise ImportError(f"cannot load study from {info_path}")
    module = importlib.util.module_from_spec(spec)
    module.__wirelesseff_study__ = True
    sys.modules[modname] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(modname, None)
        raise
    for attr in ("NAME", "run", "plot"):
        if not hasattr(module, attr):
            raise ImportError(f"study {info_path} does not define {attr}")
    # every caller (CLI, tests, research code) gets a dataset that honours the contract
    module.run = _checked(module.run, module)
    return module
