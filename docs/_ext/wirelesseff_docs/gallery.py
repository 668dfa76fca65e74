"""Study gallery: runs every study of the registry in quick mode and writes a page for each.

At ``builder-inited``, for every study found by :func:`wirelesseff.registry.find_studies`:

* run it in quick mode with seed 0 (:func:`wirelesseff.cli.run_study`), writing
  ``docs/gallery/NAME.nc`` and ``docs/gallery/NAME.png`` (git-ignored, never committed);
* read its headline numbers with the study's ``headline(ds)`` from the saved dataset
  (the :class:`wirelesseff.registry.Headline` protocol);
* write ``docs/gallery/NAME.md``: the figure, what it reproduces, the headline numbers beside
  the published values, the run command, and download links for the dataset and the script;
* write ``docs/gallery/index.md``: every study, grouped by module.

Results are cached in ``docs/gallery/NAME.json``, keyed by :func:`cache_key` — a hash of the
study script, the package version and the package's source files — so a rebuild after a
documentation edit reruns nothing, while any change of the study or of the code it calls reruns
it. A study that fails stops the build with an error naming it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import re
import shutil
import time
from pathlib import Path

from sphinx.errors import ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Bump to invalidate every cached gallery entry when the page format changes.
FORMAT = 1

#: Section titles of the gallery index, in this order; other modules follow alphabetically.
MODULE_TITLES = {
    "xlmimo": ("XL-MIMO", "xlmimo"),
    "noma": ("NOMA codebooks", "noma"),
    "fas": ("Fluid antennas", "fas"),
    "ris_leo": ("RIS-assisted LEO links", "ris_leo"),
    "network": ("Networks", "network"),
    "optimize": ("Optimization", "optimize"),
    "foundation": ("Common layers", "index"),
}


@functools.cache
def package_digest() -> str:
    """Hash of the package's version and Python sources (the code every study calls)."""
    import wirelesseff

    h = hashlib.sha256(wirelesseff.__version__.encode())
    pkg = Path(wirelesseff.__file__).resolve().parent
    for path in sorted(pkg.rglob("*.py")):
        if "studies" in path.relative_to(pkg).parts:
            continue
        h.update(str(path.relative_to(pkg)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def cache_key(study_path: str | os.PathLike) -> str:
    """Cache key of one study's gallery entry (study source + package version and sources)."""
    h = hashlib.sha256(f"gallery-format-{FORMAT}".encode())
    h.update(Path(study_path).read_bytes())
    h.update(package_digest().encode())
    return h.hexdigest()


def _fmt(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:d}"
    if isinstance(value, float):
        if math.isnan(value):
            return "n/a"
        return f"{value:.4g}"
    return str(value)


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


_LINKS = [
    (re.compile(r"(?:doi:\s*|https?://doi\.org/)(10\.\d{4,9}/[^\s,;)]+[^\s,;).])", re.I),
     r"[doi:\1](https://doi.org/\1)"),
    (re.compile(r"arXiv:\s*(\d{4}\.\d{4,5})(v\d+)?", re.I), r"[arXiv:\1](https://arxiv.org/abs/\1)"),
]


def linkify(text: str) -> str:
    """Turn DOIs and arXiv identifiers of a source string into links."""
    for pattern, repl in _LINKS:
        text = pattern.sub(repl, text)
    return text


def _headline_rows(module, nc_path: Path) -> list[dict] | None:
    if not hasattr(module, "headline"):
        return None
    from wirelesseff.io import load_dataset

    ds = load_dataset(nc_path)
    try:
        rows = module.headline(ds)
    finally:
        ds.close()
    out = []
    for row in rows:
        rec = {k: getattr(row, k) for k in ("quantity", "value", "units", "published",
                                             "source", "note")}
        for k in ("value", "published"):  # numpy scalars -> JSON numbers
            v = rec[k]
            if hasattr(v, "item"):
                rec[k] = v.item()
        out.append(rec)
    return out


def run_one(info, outdir: Path) -> dict:
    """Run one study in quick mode (or reuse its cached result); return its gallery record."""
    from wirelesseff.cli import run_study
    from wirelesseff.registry import load_study

    key = cache_key(info.path)
    meta_path = outdir / f"{info.name}.json"
    png, nc = outdir / f"{info.name}.png", outdir / f"{info.name}.nc"
    if meta_path.exists() and png.exists() and nc.exists():
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except ValueError:
            meta = {}
        if meta.get("key") == key:
            return meta
    logger.info(f"gallery: running {info.name} (quick mode)")
    module = load_study(info.name)
    t0 = time.perf_counter()
    run_study(module, quick=True, seed=0, executor="serial", out=outdir)
    elapsed = time.perf_counter() - t0
    meta = {"key": key, "name": info.name, "elapsed_s": round(elapsed, 2),
            "headline": _headline_rows(module, nc)}
    meta_path.write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n",
                         encoding="utf-8")
    return meta


#: Module pages that exist in the source directory (set by :func:`generate`); a study of a
#: module without a page links to none.
_PAGES: set[str] = set()


def _module(mod: str) -> tuple[str, str | None]:
    title, page = MODULE_TITLES.get(mod, (mod, None))
    return title, page if page in _PAGES else None


def study_page(info, meta: dict) -> str:
    """Markdown of the gallery page of one study."""
    title, page = _module(info.module)
    lines = [f"(gallery-{info.name})=", f"# {info.name}", "", info.description, "",
             f"```{{figure}} {info.name}.png", f":alt: {info.description}", "",
             f"{info.description} (quick mode).", "```", "",
             f"**Reproduces:** {linkify(info.source) if info.source else '—'}", ""]
    if page:
        lines += [f"**Module:** [{title}](../{page}.md)", ""]
    lines += ["## Headline numbers", ""]
    rows = meta.get("headline")
    if not rows:
        lines += ["— (this study does not report headline numbers yet)", ""]
    else:
        lines += ["| quantity | ours (quick mode) | published | source and notes |",
                  "|---|---|---|---|"]
        for r in rows:
            units = f" {r['units']}" if r.get("units") and r["units"] != "1" else ""
            ours = f"{_fmt(r['value'])}{units}"
            pub = r.get("published")
            published = "—" if pub is None else f"{_fmt(pub)}{units if _is_num(pub) else ''}"
            notes = "; ".join(x for x in (linkify(r.get("source") or ""), r.get("note") or "")
                              if x)
            lines.append(f"| {_cell(r['quantity'])} | {_cell(ours)} | {_cell(published)} | "
                         f"{_cell(notes) or '—'} |")
        lines.append("")
    lines += ["## Run it", "", "```bash",
              f"wirelesseff run {info.name}           # full resolution: "
              f"results/{info.name}.nc and .png",
              f"wirelesseff run {info.name} --quick   # the quick mode shown on this page",
              "```", "",
              "## Downloads", "",
              f"* {{download}}`{info.name}.nc <{info.name}.nc>` — the quick-mode dataset "
              "(netCDF, with units and provenance; open it with `xarray.open_dataset`)",
              f"* {{download}}`{info.path.name} <{info.name}.py>` — the study script", "",
              f"The figure and the numbers on this page were produced when this documentation "
              f"was built, by running the study in quick mode (seed 0, "
              f"{meta.get('elapsed_s', 0):.1f} s).", ""]
    return "\n".join(lines)


def _is_num(v) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def index_page(studies: dict, order: list[str]) -> str:
    lines = ["# Gallery", "",
             "Every study of the package, grouped by module. Each page shows the figure, what "
             "it reproduces, its headline numbers beside the published values, the command "
             "that runs it and its dataset.", "",
             "```{note}",
             "The figures and numbers of the gallery are produced when the documentation is "
             "built, by running every study in **quick mode** (the small grids the test suite "
             "uses, seconds per study). `wirelesseff run NAME` without `--quick` computes the "
             "full-resolution figure.",
             "```", ""]
    by_module: dict[str, list] = {}
    for info in studies.values():
        by_module.setdefault(info.module, []).append(info)
    for mod in order:
        infos = by_module.get(mod)
        if not infos:
            continue
        title, page = _module(mod)
        lines += [f"## {title}", ""]
        if page:
            lines += [f"Model and equations: [{title}](../{page}.md).", ""]
        lines += ["::::{container} we-gallery", ""]
        for info in infos:
            lines += [":::{container} we-gallery-item",
                      f"```{{image}} {info.name}.png", f":alt: {info.description}",
                      f":target: {info.name}.html", "```", "",
                      f"[{info.name}]({info.name}.md)", "", info.description, ":::", ""]
        lines += ["::::", ""]
    lines += ["```{toctree}", ":hidden:", ""]
    lines += [name for mod in order for name in (i.name for i in by_module.get(mod, []))]
    lines += ["```", ""]
    return "\n".join(lines)


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def generate(app) -> None:
    from wirelesseff.registry import find_studies

    os.environ.setdefault("MPLBACKEND", "Agg")
    outdir = Path(app.srcdir) / "gallery"
    outdir.mkdir(exist_ok=True)
    _PAGES.clear()
    _PAGES.update(p.stem for p in Path(app.srcdir).glob("*.md"))
    studies = find_studies()
    if not studies:
        raise ExtensionError("gallery: no studies found (wirelesseff.registry.find_studies)")
    failed = []
    metas = {}
    for name, info in studies.items():
        try:
            metas[name] = run_one(info, outdir)
        except Exception as exc:  # every failure is reported, then the build stops
            msg = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            failed.append(f"{name} ({type(exc).__name__}: {msg})")
            logger.error(f"gallery: study {name} failed: {type(exc).__name__}: {msg}")
            continue
        shutil.copyfile(info.path, outdir / f"{name}.py")
        _write_if_changed(outdir / f"{name}.md", study_page(info, metas[name]))
    if failed:
        raise ExtensionError("gallery: studies failed in quick mode: " + ", ".join(failed))
    modules = sorted({i.module for i in studies.values()})
    order = [m for m in MODULE_TITLES if m in modules] + [
        m for m in modules if m not in MODULE_TITLES]
    _write_if_changed(outdir / "index.md", index_page(studies, order))
    keep = {f"{n}{ext}" for n in studies for ext in (".md", ".png", ".nc", ".json", ".py")}
    keep.add("index.md")
    for stale in outdir.iterdir():
        if stale.is_file() and stale.name not in keep:
            stale.unlink()


def setup(app):
    app.connect("builder-inited", generate)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
