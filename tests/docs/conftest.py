"""Shared fixtures of the documentation tests: where the built site is."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SITE = DOCS / "_build" / "html"
BUILD_COMMAND = "python -m sphinx -W --keep-going -b html docs docs/_build/html"


@pytest.fixture(scope="session")
def site() -> Path:
    """The built HTML site (skips the test when the docs have not been built)."""
    if not (SITE / "index.html").is_file():
        pytest.skip(f"documentation not built: run `{BUILD_COMMAND}` first")
    return SITE
