"""Shared test fixtures: a seeded generator and a non-interactive matplotlib backend."""

from __future__ import annotations

import os

os.environ.setdefault("MPLBACKEND", "Agg")
# The suite runs on 2-core CI machines with process pools and numba threads of its own:
# multi-threaded BLAS on top oversubscribes the cores (observed 30-200x slowdowns of small
# eig/solve calls under load). One BLAS thread per process; set before numpy is imported.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

# Property-based tests draw their examples deterministically, so that CI runs are reproducible
# (a failing example is then a failing test every time, not a flaky one). Run with
# `--hypothesis-profile=explore` to search with fresh random examples.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("explore", deadline=None, max_examples=500)


def pytest_configure(config):
    # the CI profile is the default; an explicit --hypothesis-profile wins
    if not config.getoption("hypothesis_profile", default=None):
        settings.load_profile("ci")


@pytest.fixture
def rng() -> np.random.Generator:
    """A fixed-seed generator (seed 12345) so that every test is reproducible."""
    return np.random.default_rng(12345)


@pytest.fixture(autouse=True)
def _close_figures():
    """Close matplotlib figures created by a test (keeps memory flat across study tests)."""
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
