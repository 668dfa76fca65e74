"""Every test in tests/bench is a benchmark: marked ``bench`` and excluded from the default run.

Run them with ``python -m pytest tests/bench -m bench``; each prints its speed-up ratio against a
baseline measured in the same run.
"""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/bench" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.bench)
