"""The examples of docs/network.md run as doctests (the page opens with one)."""

from __future__ import annotations

import doctest
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "network.md"


def test_network_page_examples_run():
    text = DOC.read_text()
    lines = text.split("\n")
    assert lines[0].startswith("# "), "the page starts with its title"
    assert lines[2] == "```python", "a runnable example opens the page, right under the title"
    assert "{figure} gallery/network-" in text
    parser = doctest.DocTestParser()
    test = parser.get_doctest(text, {}, "network.md", str(DOC), 0)
    assert test.examples, "docs/network.md must contain doctest examples"
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.failures == 0
