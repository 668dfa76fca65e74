"""Every test in tests/bench is a benchmark: marked ``bench`` and excluded from the default run.

Run them with ``python -m pytest tests/bench -m bench -s``; each measures its speed against a
baseline (or a peer library) in the same run, asserts its target, and records the figures with
the :func:`bench_report` fixture. At the end of the session the records are merged (by name)
into a machine-readable summary, by default ``docs/_data/benchmarks.json``, from which the
documentation's Performance page is generated. ``--bench-summary PATH`` writes elsewhere;
``--bench-summary ''`` writes nothing.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import platform
from pathlib import Path

import pytest

_RECORDS: list[dict] = []
_DEFAULT_SUMMARY = Path(__file__).resolve().parents[2] / "docs" / "_data" / "benchmarks.json"


def pytest_addoption(parser):
    parser.addoption(
        "--bench-summary", default=str(_DEFAULT_SUMMARY),
        help="JSON file the benchmark figures are merged into ('' to disable)",
    )


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/bench" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.bench)


def _machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"


@pytest.fixture
def bench_report(request):
    """Record one benchmark figure for the summary (and print it).

    Call as ``bench_report(name, measured=..., unit=..., target=..., peer=..., ratio=...,
    passed=...)``:

    name : str
        Stable identifier, e.g. ``"noma.fwht.n16_vs_pyfwht"``.
    measured : float
        The measured figure (a time, a rate, a ratio, a fraction).
    unit : str
        Its unit (``"s"``, ``"x"``, ``"points/s"``, ``"1"``).
    target : str
        The target as text, e.g. ``">= 1.6x"`` or ``"<= 10 s"``.
    peer : str, optional
        What it was compared against in the same run (baseline or peer library).
    ratio : float, optional
        measured relative to the peer (speed-up; > 1 is better unless ``target`` says otherwise).
    passed : bool
        Whether the target was met (the test still asserts it).
    note : str, optional
        Anything a reader needs (problem size, repetitions).
    """

    def report(name, *, measured, unit, target, passed, peer="", ratio=None, note=""):
        rec = {
            "name": str(name),
            "test": request.node.nodeid,
            "measured": float(measured),
            "unit": str(unit),
            "target": str(target),
            "peer": str(peer),
            "ratio": None if ratio is None else float(ratio),
            "passed": bool(passed),
            "note": str(note),
            "date": _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d"),
            "machine": _machine(),
        }
        _RECORDS.append(rec)
        ratio_s = "" if ratio is None else f", ratio {ratio:.3g}"
        print(f"\n[bench] {name}: {measured:.4g} {unit}{ratio_s} (target {target}; "
              f"{'met' if passed else 'MISSED'}){' vs ' + peer if peer else ''}")
        return rec

    return report


def pytest_sessionfinish(session, exitstatus):
    path = session.config.getoption("--bench-summary", default="")
    if not _RECORDS or not path:
        return
    path = Path(path)
    try:
        old = json.loads(path.read_text()) if path.exists() else {}
    except (OSError, ValueError):
        old = {}
    entries = {e["name"]: e for e in old.get("benchmarks", [])}
    for rec in _RECORDS:
        entries[rec["name"]] = rec
    summary = {
        "description": "Figures measured by `python -m pytest tests/bench -m bench`; each "
                       "entry is replaced when its benchmark runs again.",
        "benchmarks": sorted(entries.values(), key=lambda e: e["name"]),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(summary, indent=1, ensure_ascii=False) + "\n")
    os.replace(tmp, path)
