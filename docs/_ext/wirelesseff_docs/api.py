"""API reference generated from the ``__all__`` of every public module.

At ``builder-inited`` one page per public module is written to ``docs/api/`` (git-ignored):
an autosummary table of every name in the module's ``__all__``, then the full autodoc entry
of each (signature, numpydoc sections, examples), grouped by the submodule that implements it
(whose docstring — the model, its equations and references — is shown above the group). A name
added to an ``__all__`` appears at the next build without editing any page;
``tests/docs/test_api_inventory.py`` checks the built inventory (``objects.inv``) against every
``__all__``.

Public modules are ``wirelesseff`` itself, its direct children whose name does not start with
an underscore and that define ``__all__``, and the submodules a public module lists in its
``__all__`` (e.g. ``wirelesseff.channel.ntn``).

Cross-references in docstrings may name an object by its implementation path
(``wirelesseff.fas.wet.optimize_wet_efficiency``) or unqualified; :func:`resolve_reference`
points them at the documented public entry of the same object, so that nitpicky builds resolve
every reference to our own code. A reference to an object that does not exist stays unresolved
(and fails the ``-W`` build).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import types
from pathlib import Path

from sphinx.domains.python import PythonDomain
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Children of ``wirelesseff`` that are not API (the study scripts are shown in the gallery).
EXCLUDED = {"studies", "__main__"}

#: Sections of the API index; a public module not named here lands in "Other modules".
SECTIONS = {
    "Package": ["wirelesseff"],
    "Analytical modules": ["wirelesseff.xlmimo", "wirelesseff.noma", "wirelesseff.fas",
                           "wirelesseff.ris_leo", "wirelesseff.network"],
    "Common layers": ["wirelesseff.channel", "wirelesseff.power", "wirelesseff.optimize",
                      "wirelesseff.sweep", "wirelesseff.metrics", "wirelesseff.units"],
    "Studies, input/output and the command line": [
        "wirelesseff.registry", "wirelesseff.plotting", "wirelesseff.io", "wirelesseff.cli"],
}


def public_modules() -> list[str]:
    """Names of the public modules, each parent followed by its public submodules."""
    import wirelesseff

    out = ["wirelesseff"]
    for info in sorted(pkgutil.iter_modules(wirelesseff.__path__), key=lambda i: i.name):
        if info.name.startswith("_") or info.name in EXCLUDED:
            continue
        name = f"wirelesseff.{info.name}"
        if hasattr(importlib.import_module(name), "__all__"):
            out.append(name)
    i = 0
    while i < len(out):  # submodules listed in a public module's __all__
        mod = importlib.import_module(out[i])
        subs = sorted(
            obj.__name__ for attr in getattr(mod, "__all__", ())
            if isinstance(obj := getattr(mod, attr, None), types.ModuleType)
            and obj.__name__.startswith(out[i] + ".") and obj.__name__ not in out
        )
        out[i + 1:i + 1] = subs
        i += 1
    return out


def public_names(modname: str) -> list[str]:
    """The ``__all__`` of a public module, in its own order."""
    return list(importlib.import_module(modname).__all__)


def _kind(obj) -> str:
    if isinstance(obj, types.ModuleType):
        return "module"
    if inspect.isclass(obj):
        return "exception" if issubclass(obj, BaseException) else "class"
    if inspect.isroutine(obj) or hasattr(obj, "py_func"):  # numba dispatchers have py_func
        return "function"
    return "data"


def _home(obj) -> str | None:
    """The module that defines ``obj`` (None for data, whose origin is not recorded)."""
    if _kind(obj) in ("class", "exception", "function"):
        return getattr(obj, "__module__", None)
    return None


def _nearest_documented(modname: str, documented: list[str]) -> str | None:
    parts = modname.split(".")
    for k in range(len(parts), 0, -1):
        cand = ".".join(parts[:k])
        if cand in documented:
            return cand
    return None


def _title(text: str, char: str = "=") -> str:
    return f"{text}\n{char * len(text)}\n"


def _first_line(obj) -> str:
    doc = (inspect.getdoc(obj) or "").strip().splitlines()
    return doc[0].rstrip(".") if doc else ""


def _data_comment(modname: str, name: str, obj) -> list[str] | None:
    """The ``#:`` doc comment of a constant, read where it is assigned.

    A constant re-exported by a package has no comment in the package's ``__init__``; autodoc
    would then show the docstring of its *type* (for an ndarray, numpy's whole ``ndarray``
    docstring). Search the loaded submodules of ``modname`` that hold the same object.
    """
    import sys

    from sphinx.pycode import ModuleAnalyzer

    root = modname.split(".")[0]
    for mname in sorted(m for m in list(sys.modules) if m == root or m.startswith(root + ".")):
        if getattr(sys.modules[mname], name, None) is not obj:
            continue
        try:
            docs = ModuleAnalyzer.for_module(mname).find_attr_docs()
        except Exception:  # a compiled or source-less module
            continue
        lines = docs.get(("", name))
        if lines:
            return [ln for ln in lines if ln is not None]
    return None


def _entry(name: str, obj, modname: str = "") -> list[str]:
    kind = _kind(obj)
    if kind == "class":
        return [f".. autoclass:: {name}", "   :members:", ""]
    if kind == "exception":
        return [f".. autoexception:: {name}", ""]
    if kind == "function":
        return [f".. autofunction:: {name}", ""]
    short = len(repr(obj)) <= 60 and isinstance(obj, int | float | str | bool)
    comment = _data_comment(modname, name, obj) if modname else None
    if comment is not None:  # documented where it is assigned: use that text
        lines = [f".. py:data:: {name}"]
        if short:
            lines.append(f"   :value: {obj!r}")
        return lines + [""] + [f"   {ln}" if ln.strip() else "" for ln in comment] + [""]
    lines = [f".. autodata:: {name}"]
    if not short:
        lines.append("   :no-value:")
    return lines + [""]


def module_page(modname: str, documented: list[str]) -> str:
    """reStructuredText of the API page of one module."""
    mod = importlib.import_module(modname)
    names = public_names(modname)
    lines = [f".. _api-{modname}:", "", _title(f"``{modname}``"),
             f".. automodule:: {modname}", "   :no-members:", "",
             f".. currentmodule:: {modname}", ""]
    submodules = [n for n in names if _kind(getattr(mod, n)) == "module"]
    if submodules:
        lines += [_title("Submodules", "-")]
        lines += [f"* :mod:`{getattr(mod, n).__name__}` — {_first_line(getattr(mod, n))}"
                  for n in submodules]
        lines.append("")
    entries = [n for n in names if n not in submodules]
    if not entries:
        return "\n".join(lines) + "\n"
    lines += [_title("Summary", "-"), ".. autosummary::", ""]
    lines += [f"   {n}" for n in entries] + [""]

    # group the entries by the module that implements them (in order of first appearance)
    groups: dict[str, list[str]] = {}
    for n in entries:
        home = _home(getattr(mod, n))
        if home is None or home == modname or home.split(".")[-1].startswith("_") \
                or not home.startswith("wirelesseff"):
            home = modname if _kind(getattr(mod, n)) != "data" else "#data"
        groups.setdefault(home, []).append(n)
    if "#data" in groups:  # constants last
        groups["#data"] = groups.pop("#data")
    for home, members in groups.items():
        if home == modname:
            lines += [_title("Defined here" if len(groups) > 1 else "Reference", "-")]
        elif home == "#data":
            lines += [_title("Constants and data", "-")]
        elif home in documented:
            lines += [_title(f"From {home}", "-"),
                      f"Also documented on the page of :mod:`{home}`.", ""]
        elif _nearest_documented(home, documented) == modname:
            # an implementation submodule of this module: show its docstring (the model, its
            # equations and references) above its functions
            lines += [_title(f"``{home}``", "-"), f".. automodule:: {home}",
                      "   :no-members:", "   :no-index:", "", f".. currentmodule:: {modname}",
                      ""]
        else:
            owner = _nearest_documented(home, documented) or home
            lines += [_title(f"From {home}", "-"),
                      f"Re-exported from :mod:`{owner}` (``{home}``).", ""]
        for n in members:
            lines += _entry(n, getattr(mod, n), modname)
    return "\n".join(lines) + "\n"


def index_page(modules: list[str]) -> str:
    """The API index: one toctree per section."""
    lines = [_title("API reference"),
             "Every public name of every module, generated from the modules' ``__all__``. "
             "Each entry gives the signature, the parameters with their units, what is "
             "returned, the equation and the paper it implements, and a runnable example "
             "(the examples run as doctests in the test suite).", ""]
    placed: set[str] = set()
    sections = {k: [m for m in v if m in modules] for k, v in SECTIONS.items()}
    tops = [m for m in modules if m.count(".") <= 1]
    other = [m for m in tops if not any(m in v for v in sections.values())]
    if other:
        sections["Other modules"] = other
    for heading, members in sections.items():
        if not members:
            continue
        lines += [_title(heading, "-"), ".. toctree::", "   :maxdepth: 1", ""]
        for top in members:
            for m in modules:
                inside = m == top or (top != "wirelesseff" and m.startswith(top + "."))
                if inside and m not in placed:
                    lines.append(f"   {m}")
                    placed.add(m)
        lines.append("")
    return "\n".join(lines) + "\n"


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


# -- cross-reference resolution ------------------------------------------------------------------

_DOCUMENTED: dict[str, list[tuple[str, str]]] = {}  # object name -> [(module, name)]
_MODULES: list[str] = []


def _index_documented(modules: list[str]) -> None:
    _DOCUMENTED.clear()
    _MODULES[:] = modules
    for modname in modules:
        for name in public_names(modname):
            _DOCUMENTED.setdefault(name, []).append((modname, name))


def _import_path(path: str):
    """Import ``a.b.c.attr.attr`` and return the object, or raise ImportError/AttributeError."""
    parts = path.split(".")
    for k in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:k]))
        except ImportError:
            continue
        for attr in parts[k:]:
            obj = getattr(obj, attr)
        return obj
    raise ImportError(path)


def _class_attribute(path: str):
    """``(class, attr)`` when ``path`` names an attribute that instances of a class carry.

    Dataclass fields without a default and attributes set in ``__init__`` are not attributes
    of the class object; they are recognised from the annotations or the class source.
    """
    owner_path, _, attr = path.rpartition(".")
    try:
        owner = _import_path(owner_path)
    except (ImportError, AttributeError):
        return None
    if not inspect.isclass(owner):
        return None
    annotated = any(attr in getattr(k, "__annotations__", {}) for k in owner.__mro__)
    if annotated:
        return owner, attr
    try:
        src = inspect.getsource(owner)
    except (OSError, TypeError):
        return None
    return (owner, attr) if re.search(rf"self\.{re.escape(attr)}\b", src) else None


def _documented_alias(target: str, obj, context: str | None) -> str | None:
    """Full name of a documented public entry for ``obj`` named ``target`` (or None)."""
    name = target.split(".")[-1]
    cands = []
    for modname, attr in _DOCUMENTED.get(name, []):
        try:
            same = getattr(importlib.import_module(modname), attr) is obj
        except AttributeError:  # pragma: no cover
            same = False
        if same or (obj is None and _kind(getattr(importlib.import_module(modname), attr))
                    == "data"):
            cands.append(modname)
    if not cands:
        return None
    # prefer the page the reference appears on, then the nearest ancestor of the target path
    prefix = target.rsplit(".", 1)[0] if "." in target else ""
    for pick in ([context] if context else []) + [
            prefix[:k] for k in range(len(prefix), 0, -1) if prefix[:k] in cands]:
        if pick in cands:
            return f"{pick}.{name}"
    return f"{cands[0]}.{name}"


_DOCSTRING_OF = re.compile(r"docstring of ([\w.]+)")


def _resolve_citation(app, env, node, contnode):
    """A named citation (``[L10]_``) defined in another docstring of the same module.

    numpydoc makes the labels of every docstring unique (``R<hash>-L10``), so a function that
    cites the bibliography of its module docstring would not resolve; link it to the unique
    definition (preferring one on the same page).
    """
    from sphinx.util.nodes import make_refnode

    label = node["reftarget"]
    found = [(doc, labelid) for name, (doc, labelid, _line)
             in env.get_domain("citation").citations.items()
             if re.fullmatch(r"R[0-9a-f]+-" + re.escape(label), name) or name == label]
    same_page = [f for f in found if f[0] == node["refdoc"]]
    found = same_page or found
    if len({f[0] for f in found}) != 1:
        return None
    doc, labelid = found[0]
    return make_refnode(app.builder, node["refdoc"], doc, labelid, contnode)


def resolve_reference(app, env, node, contnode):
    """``missing-reference`` handler: map references to our objects onto their public entry."""
    if node.get("refdomain") == "citation":
        return _resolve_citation(app, env, node, contnode)
    if node.get("refdomain") != "py":
        return None
    target = node["reftarget"].lstrip("~.")
    context = node.get("py:module")
    cls = node.get("py:class")
    domain = env.get_domain("py")
    candidates = []
    if target.startswith("wirelesseff"):
        candidates.append(target)
    else:
        if context and cls:
            candidates.append(f"{context}.{cls}.{target}")
        if context:
            candidates.append(f"{context}.{target}")
        # the docstring the reference appears in: names relative to its own module and class
        m = _DOCSTRING_OF.search(str(node.source or ""))
        if m:
            parts = m.group(1).split(".")
            candidates += [".".join(parts[:k] + [target]) for k in range(len(parts), 1, -1)]
        candidates += [f"{m}.{target}" for m in _MODULES]
    for cand in candidates:
        try:
            obj = _import_path(cand)
        except (ImportError, AttributeError):
            owner_attr = _class_attribute(cand)
            if owner_attr is None:
                continue
            # an instance attribute or a dataclass field without default: link the class
            owner, _attr = owner_attr
            alias = _documented_alias(cand.rsplit(".", 1)[0], owner, context)
            if alias:
                return domain.resolve_xref(env, node["refdoc"], app.builder, "obj", alias,
                                           node, contnode)
            continue
        if isinstance(obj, types.ModuleType):
            page = _nearest_documented(obj.__name__, _MODULES)
            if page is None:
                return None
            return domain.resolve_xref(env, node["refdoc"], app.builder, "mod", page, node,
                                       contnode)
        parts = cand.split(".")
        # an attribute of a documented class (a dataclass field, a method without a docstring)
        owner = _import_path(".".join(parts[:-1])) if len(parts) > 2 else None
        if inspect.isclass(owner):
            alias = _documented_alias(".".join(parts[:-1]), owner, context)
            if alias:
                ref = domain.resolve_xref(env, node["refdoc"], app.builder, "obj",
                                          f"{alias}.{parts[-1]}", node, contnode)
                return ref or domain.resolve_xref(env, node["refdoc"], app.builder, "obj",
                                                  alias, node, contnode)
        is_data = _kind(obj) == "data"
        alias = _documented_alias(cand, None if is_data else obj, context)
        if alias:
            return domain.resolve_xref(env, node["refdoc"], app.builder, "obj", alias, node,
                                       contnode)
        # an existing but undocumented (private) object: keep the text, link its module page
        home = _home(obj) or ".".join(parts[:-1])
        page = _nearest_documented(home, _MODULES)
        if page:
            return domain.resolve_xref(env, node["refdoc"], app.builder, "mod", page, node,
                                       contnode)
        return contnode
    if "<autosummary>" in str(node.source or "") and context in _MODULES:
        # a summary line taken out of its class: an attribute of a class listed on this page
        mod = importlib.import_module(context)
        if any(inspect.isclass(obj := getattr(mod, n)) and hasattr(obj, target)
               for n in public_names(context)):
            return contnode
    return None


# -- numbered references of the module bibliography -----------------------------------------------

_CITED = re.compile(r"\[(\d+)\]_")
_DEFINED = re.compile(r"^\s*\.\. \[(\d+)\]")


def _module_reference(module, number: str) -> list[str]:
    """The lines of reference ``.. [number]`` of a module docstring (empty if absent)."""
    lines = (inspect.getdoc(module) or "").splitlines()
    for i, line in enumerate(lines):
        m = _DEFINED.match(line)
        if m and m.group(1) == number:
            out = [line.strip()]
            for cont in lines[i + 1:]:
                if not cont.strip() or not cont.startswith(" "):
                    break
                out.append("   " + cont.strip())
            return out
    return []


def add_module_references(app, what, name, obj, options, lines) -> None:
    """``autodoc-process-docstring`` handler (before numpydoc): copy cited module references.

    A function docstring may cite a numbered reference of its module's bibliography
    (``[5]_``); numpydoc keeps numbered references local to each docstring, so the entry is
    copied into the function's own References section (created when missing). A citation whose
    number the module does not define is left alone (and fails the build, as it should).
    """
    if what == "module":
        return
    cited = sorted({m for line in lines for m in _CITED.findall(line)}, key=int)
    defined = {m.group(1) for line in lines if (m := _DEFINED.match(line))}
    module = inspect.getmodule(obj)
    if module is None:
        return
    extra = [ln for n in cited if n not in defined for ln in _module_reference(module, n)]
    if not extra:
        return
    try:
        at = next(i for i in range(len(lines) - 1)
                  if lines[i].strip() == "References" and set(lines[i + 1].strip()) == {"-"})
        lines[at + 2:at + 2] = extra
    except StopIteration:
        lines += ["", "References", "----------", *extra]


# A class re-exported by two documented modules (e.g. wirelesseff.power and wirelesseff.xlmimo)
# is registered twice under its canonical implementation path (autodoc's ``:canonical:``).
# Both registrations describe the same object, so the second one is dropped instead of being
# reported as a duplicate; genuine duplicates (non-aliased names) are still reported.
_note_object = PythonDomain.note_object


def _note_object_once(self, name, objtype, node_id, aliased=False, location=None):
    if aliased and name in self.objects and self.objects[name].aliased:
        return None
    return _note_object(self, name, objtype, node_id, aliased=aliased, location=location)


def generate(app) -> None:
    outdir = Path(app.srcdir) / "api"
    outdir.mkdir(exist_ok=True)
    modules = public_modules()
    _index_documented(modules)
    keep = {"index.rst"}
    for modname in modules:
        _write_if_changed(outdir / f"{modname}.rst", module_page(modname, modules))
        keep.add(f"{modname}.rst")
    _write_if_changed(outdir / "index.rst", index_page(modules))
    for stale in outdir.glob("*.rst"):
        if stale.name not in keep:
            stale.unlink()


def setup(app):
    PythonDomain.note_object = _note_object_once
    app.connect("builder-inited", generate)
    app.connect("missing-reference", resolve_reference)
    app.connect("autodoc-process-docstring", add_module_references, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
