"""Generated tables: validation (published values), performance (benchmarks), module toctree.

At ``builder-inited`` this writes, under ``docs/_generated/`` (git-ignored, included by the
committed pages):

``validation.md``
    One table per module of every entry of the registry of published values
    (``tests/reference_values``, the same entries ``tests/test_reference_values.py`` asserts),
    with *our value computed now*. An entry that is not reproduced within its tolerance makes
    the build warn (and so fail under ``-W``).
``performance.md``
    The benchmark summary ``docs/_data/benchmarks.json`` written by
    ``pytest tests/bench -m bench`` (see ``tests/bench/conftest.py``), as a table; a note when
    the file does not exist yet.
``fuzz.md``
    The figures of the last fuzz-test run, ``docs/_data/fuzz.json`` (written by
    ``tests/fuzz/test_fuzz_public_api.py``), as a table; a note when the file does not exist.
``toctree-modules.md``
    The toctree of the module pages that exist (a module page added later, e.g.
    ``docs/network.md``, is picked up without editing the index).
"""

from __future__ import annotations

import json
import math
import time
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Module pages of the toctree, in this order (those that exist); other top-level pages not in
#: a committed toctree are appended.
MODULE_PAGES = ["xlmimo", "noma", "fas", "ris_leo", "network"]
#: Pages placed by the committed toctrees of ``index.md`` (never added to the module toctree).
PLACED = {"index", "getting-started", "validation", "performance", "citing", "changelog",
          "developing", "glossary", "cli", "channel", "power", "optimize", "sweep",
          "robustness"}

MODULE_TITLES = {
    "channel": "Channel model", "power": "Power consumption", "xlmimo": "XL-MIMO",
    "xlmimo_midband": "XL-MIMO at mid-band", "noma": "NOMA codebooks", "fas": "Fluid antennas",
    "ris_leo": "RIS-assisted LEO links", "network": "Networks", "optimize": "Optimization",
    "foundation": "Common layers (studies)", "sweep": "Sweep engine",
}


def _cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _fmt(value) -> str:
    if isinstance(value, bool):
        return "holds" if value else "does not hold"
    if isinstance(value, int):
        return f"{value:d}"
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    if v.is_integer() and abs(v) < 1e15:
        return f"{int(v):d}"
    return f"{v:.6g}"


def validation_markdown() -> tuple[str, list[str]]:
    """The validation tables and the ids of entries that are not reproduced."""
    from tests.reference_values import all_references, check

    refs = all_references()
    by_module: dict[str, list] = {}
    for ref in refs:
        by_module.setdefault(ref.module, []).append(ref)
    failed = []
    lines = [f"{len(refs)} published values in {len(by_module)} areas; every one is "
             "recomputed with the public API each time this page is built.", ""]
    for module in sorted(by_module):
        lines += [f"## {MODULE_TITLES.get(module, module)}", "",
                  "| quantity | ours | published | tolerance | units | | source |",
                  "|---|---|---|---|---|---|---|"]
        for ref in by_module[module]:
            t0 = time.perf_counter()
            try:
                ours = ref.compute()
                ok = check(ref, ours)
                ours_text = _fmt(ours)
            except Exception as exc:  # shown on the page and reported
                ok, ours_text = False, f"error: {type(exc).__name__}"
            expected = getattr(ref, "reproduced", True)
            if ok is not expected:
                failed.append(ref.id)
            dt = time.perf_counter() - t0
            if dt > 5:
                logger.info(f"validation: {ref.id} took {dt:.1f} s")
            # a published statement a reconstruction is known not to meet is shown as such
            mark = "✓" if ok else ("✗ (known deviation)" if not expected else "✗")
            source = ref.source + (f" — {ref.note}" if ref.note else "")
            units = "" if ref.units == "1" else ref.units
            lines.append(f"| {_cell(ref.quantity)} | {_cell(ours_text)} | "
                         f"{_cell(ref.published_text())} | {_cell(ref.tolerance_text())} | "
                         f"{_cell(units)} | {mark} | {_cell(source)} |")
        lines.append("")
    return "\n".join(lines), failed


BENCH_COMMANDS = """```bash
python3 -m venv .venv && .venv/bin/pip install -e ".[test]"
.venv/bin/python -m pytest tests/bench -m bench -s          # all benchmarks
.venv/bin/python -m pytest tests/bench/test_bench_sweep.py -m bench -s   # one area
```"""


def performance_markdown(path: Path) -> str:
    """The benchmark table, or a note that no summary exists yet."""
    lines = []
    if not path.exists():
        return "\n".join([
            "```{note}",
            "No benchmark summary has been recorded yet: `docs/_data/benchmarks.json` does "
            "not exist. Run the benchmarks (commands below) and rebuild the documentation to "
            "fill this table.",
            "```", "", "## Reproduce", "", BENCH_COMMANDS, ""])
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = list(data.get("benchmarks", []))
    except (OSError, ValueError) as exc:
        logger.warning(f"performance: cannot read {path}: {exc}")
        entries = []
    machines = sorted({e.get("machine", "") for e in entries if e.get("machine")})
    dates = sorted({e.get("date", "") for e in entries if e.get("date")})
    n_met = sum(bool(e.get("passed")) for e in entries)
    lines += [f"{len(entries)} benchmark{'' if len(entries) == 1 else 's'}, {n_met} meeting "
              "the target"
              + (f", measured {dates[0]}" + (f" to {dates[-1]}" if dates[-1] != dates[0] else "")
                 if dates else "")
              + (f" on {'; '.join(machines)}" if machines else "") + ".", "",
              "| benchmark | measured | target | compared with | ratio | met | notes |",
              "|---|---|---|---|---|---|---|"]
    for e in sorted(entries, key=lambda e: e.get("name", "")):
        ratio = e.get("ratio")
        ratio_text = "—" if ratio is None or not math.isfinite(ratio) else f"{ratio:.3g}"
        measured = e.get("measured")
        measured_text = "—" if measured is None else f"{measured:.4g} {e.get('unit', '')}"
        lines.append(
            f"| `{_cell(e.get('name', ''))}` | {_cell(measured_text.strip())} | "
            f"{_cell(e.get('target', ''))} | {_cell(e.get('peer', '') or '—')} | "
            f"{ratio_text} | {'✓' if e.get('passed') else '✗'} | "
            f"{_cell(e.get('note', '') or '')} |")
    lines += ["", "## Reproduce", "", BENCH_COMMANDS, ""]
    return "\n".join(lines)


def fuzz_markdown(path: Path) -> str:
    """The figures of the last fuzz run, or a note that none was recorded."""
    note = ["```{note}", "No fuzz run has been recorded: `docs/_data/fuzz.json` does not "
            "exist. Run `pytest tests/fuzz` and rebuild the documentation.", "```", ""]
    if not path.exists():
        return "\n".join(note)
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
        rows = [
            ("public callables", f"{d['public_callables']}"),
            ("fuzzed", f"{d['callables_covered']} (plus {d['not_fuzzed']} not fuzzed with a "
                       f"reason, and {d['exception_classes']} exception classes)"),
            ("adversarial calls", f"{d['cases_tried']:,}".replace(",", " ")),
            ("clean errors (`ValueError`/`TypeError` naming the parameter)",
             f"{d['clean_errors']:,}".replace(",", " ")),
            ("clean results", f"{d['clean_results']:,}".replace(",", " ")),
            ("documented NaN/inf and the other deliberate exceptions below",
             f"{d['deliberate_exceptions']} calls ({d['deliberate_exception_entries']} "
             "entries of the exception list)"),
            ("failures", f"{d['failures']}"),
            ("wall time", f"{d['wall_time_s']:.0f} s (2 worker processes; "
                          f"{d['call_timeout_cpu_s']:g} s of CPU per call at most)"),
        ]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        logger.warning(f"robustness: cannot read {path}: {exc}")
        return "\n".join(note)
    lines = ["| | |", "|---|---|"]
    lines += [f"| {_cell(k)} | {_cell(v)} |" for k, v in rows]
    return "\n".join(lines + [""])


def modules_toctree(srcdir: Path) -> str:
    pages = [p for p in MODULE_PAGES if (srcdir / f"{p}.md").exists()]
    pages += sorted(p.stem for p in srcdir.glob("*.md")
                    if p.stem not in PLACED and p.stem not in pages)
    return "\n".join(["```{toctree}", ":hidden:", ":caption: Modules", "", *pages, "```", ""])


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def generate(app) -> None:
    srcdir = Path(app.srcdir)
    out = srcdir / "_generated"
    out.mkdir(exist_ok=True)
    text, failed = validation_markdown()
    _write_if_changed(out / "validation.md", text)
    for ref_id in failed:
        logger.warning(f"validation: entry {ref_id!r} no longer matches its registry status "
                       "(reproduced or known deviation; see tests/test_reference_values.py)")
    _write_if_changed(out / "performance.md",
                      performance_markdown(srcdir / "_data" / "benchmarks.json"))
    _write_if_changed(out / "fuzz.md", fuzz_markdown(srcdir / "_data" / "fuzz.json"))
    _write_if_changed(out / "toctree-modules.md", modules_toctree(srcdir))


def setup(app):
    app.connect("builder-inited", generate)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
