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
