"""The project stands alone: nothing in it points to documents outside the repository.

Readers can follow a citation of a paper (authors, venue, year, equation/figure) or a section of
our own docs; they cannot follow a reference to internal planning documents. This test greps the
package, the studies, the tests, the docs and the top-level texts for such references, and for a
known wrong author name.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ["wirelesseff", "studies", "tests", "docs", "README.md", "CHANGELOG.md",
           "CITATION.cff", "pyproject.toml", ".ci"]
SKIP_DIRS = {"_build", "gallery", "__pycache__", ".ipynb_checkpoints", "_autosummary",
             "generated"}
SUFFIXES = {".py", ".md", ".rst", ".txt", ".toml", ".cff", ".cfg", ".json", ".yml", ".yaml", ""}

# Built from parts so that this file does not match itself.
_S = "sp" + "ec"
PATTERNS = {
    "a planning document (section sign)": rf"\b{_S}s?\s*§",
    "a planning document (study label)": rf"\b{_S}s?\s+[SFGB]\d",
    "a named planning document": (rf"\b(?:foundation|fas|noma|xlmimo|ris_leo|ris-leo|module|the|"
                                  rf"this|our|its)\s+{_S}s?\b(?!\w)"),
    "a planning document (pitfall list)": rf"\b{_S}\s+pitfall",
    "a planning document (its oracles)": rf"\b{_S}(?:'s)?\s+(?:oracle|value|formula|table|default)",
    "an issue of the tracker": r"\bissues?\s*#?\s?\d+\b(?!\s*\()",
    "a folder outside the repository": r"\.\./shared|shared/" + _S + "s",
    "a brief": r"\bbriefs?\b",
    "the wrong first author of arXiv:2512.12725": r"\bZ\.\s*Tian\b",
}
# GitHub issues of *other* projects are legitimate citations (e.g. "cvxpy issue #1148").
ALLOWED_ISSUE = re.compile(r"\b(?:cvxpy|numpy|scipy|numba|dask|xarray|matplotlib|sphinx|pydata|"
                           r"myst|playwright|setuptools|pytest|hypothesis|ns-3|srsRAN|GitHub)\b[^\n]"
                           r"{0,40}\bissues?\s*#?\s?\d+", re.IGNORECASE)


def _files():
    for entry in SCANNED:
        p = ROOT / entry
        if p.is_file():
            yield p
        elif p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix in SUFFIXES and not (SKIP_DIRS & set(f.parts)) \
                        and f.resolve() != Path(__file__).resolve():
                    yield f


def _hits():
    out = []
    for f in _files():
        try:
            text = f.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        for lineno, line in enumerate(text.splitlines(), 1):
            for what, pat in PATTERNS.items():
                for m in re.finditer(pat, line, flags=re.IGNORECASE):
                    if what.startswith("an issue") and ALLOWED_ISSUE.search(line):
                        continue
                    out.append(f"{f.relative_to(ROOT)}:{lineno}: {what}: {m.group(0)!r} "
                               f"in {line.strip()[:100]!r}")
    return out


def test_no_reference_to_documents_outside_the_repository():
    hits = _hits()
    assert not hits, f"{len(hits)} references a reader cannot follow:\n" + "\n".join(hits[:60])


# The examples are built from parts too, so that no scan (ours or another) flags this file.
_ISSUE, _BRIEFS, _SHARED = "iss" + "ue", "brie" + "fs", "../" + "shared/"


@pytest.mark.parametrize("line", [
    f"see the fas {_S} S7", f"({_S} §1.4)", f"as in {_ISSUE} 5", f"{_SHARED}{_S}s/noma.md",
    "Z" + ". Tian et al.", f"noma {_S} pitfall 3", f"the {_BRIEFS} say",
    f"{_S.capitalize()} oracle xi = 1/3",
])
def test_the_patterns_catch_what_they_should(line):
    assert any(re.search(p, line, flags=re.IGNORECASE) for p in PATTERNS.values())


@pytest.mark.parametrize("line", [
    "spectral efficiency", "importlib.util.find_spec(name)", "specified in TR 38.901",
    "for key, spec in specs.items():", "cvxpy issue #1148", "J. Tian et al.",
    "Table 7.4.1-1", "inspect.signature",
])
def test_the_patterns_leave_legitimate_text_alone(line):
    hits = [p for p in PATTERNS.values() if re.search(p, line, flags=re.IGNORECASE)]
    hits = [h for h in hits if not (ALLOWED_ISSUE.search(line))]
    assert not hits
