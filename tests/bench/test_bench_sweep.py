"""Sweep-engine benchmarks: ratios against baselines measured in the same run.

Run with ``python -m pytest tests/bench/test_bench_sweep.py -m bench -s --bench-summary ''``.
"""

from __future__ import annotations

import os
import time

import numpy as np
import pytest

from wirelesseff.metrics import circuit_limited_ee
from wirelesseff.sweep import sweep

pytestmark = pytest.mark.bench


def _best_of(fn, repeat=3):
    best = np.inf
    out = None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def ee_surface(p_tx, p_fixed):
    """Closed-form single-link EE (Massive MIMO Networks Sec. 5.3) - broadcasts."""
    return {"ee": circuit_limited_ee(1e3, 1e5, p_fixed, 0.4, p_tx)}


def test_vectorized_vs_per_point(benchmark, bench_report):
    grid = {"p_tx": np.logspace(-3, 1, 200), "p_fixed": np.linspace(0.5, 20, 50)}  # 10^4 points
    t_pp, pp = _best_of(lambda: sweep(ee_surface, grid, progress=False), repeat=1)
    vec = benchmark.pedantic(lambda: sweep(ee_surface, grid, vectorized=True, progress=False),
                             rounds=5, iterations=1)
    t_vec = benchmark.stats.stats.min
    np.testing.assert_allclose(vec.ee.values, pp.ee.values, rtol=1e-14)
    ratio = t_pp / t_vec
    bench_report("sweep.vectorized_vs_per_point", measured=t_vec, unit="s", target=">= 50x",
                 peer=f"per-point serial sweep ({t_pp:.3g} s)", ratio=ratio, passed=ratio >= 50,
                 note="10^4-point closed-form EE surface; best of 5 (vectorized), 1 (per point)")
    assert ratio >= 50


def _burn(work, seed):
    """About `work` seconds of pure-Python CPU work (no sleeping, no GIL release)."""
    x = float(seed)
    t_end = time.process_time() + work
    while time.process_time() < t_end:
        for _ in range(200):
            x = (x * 1.000001 + 0.5) % 1000.0
    return x


def cpu_point(i, rng):
    return {"v": _burn(0.02, i) + rng.random()}


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs 2 cores")
def test_processes_vs_serial(benchmark, bench_report):
    grid = {"i": np.arange(100)}  # ~2 s serial
    t_serial, serial = _best_of(lambda: sweep(cpu_point, grid, progress=False), repeat=1)
    par = benchmark.pedantic(
        lambda: sweep(cpu_point, grid, progress=False, executor="processes", n_workers=2),
        rounds=2, iterations=1)
    t_par = benchmark.stats.stats.min
    np.testing.assert_array_equal(np.isfinite(par.v.values), True)
    ratio = t_serial / t_par
    bench_report("sweep.processes2_vs_serial", measured=t_par, unit="s", target=">= 1.6x",
                 peer=f"serial executor ({t_serial:.3g} s)", ratio=ratio, passed=ratio >= 1.6,
                 note="100 points x 20 ms of pure-Python CPU work; 2 worker processes")
    assert ratio >= 1.6


def trivial(x, rng):
    return {"v": x}


def test_serial_per_point_overhead(benchmark, bench_report):
    grid = {"x": np.arange(20_000.0)}
    benchmark.pedantic(lambda: sweep(trivial, grid, progress=False), rounds=3, iterations=1)
    per_point = benchmark.stats.stats.min / 20_000
    bench_report("sweep.serial_overhead_per_point", measured=per_point * 1e6, unit="us",
                 target="< 100 us", passed=per_point < 100e-6,
                 note="20 000 points of a trivial function, with the per-point generator")
    assert per_point < 100e-6


def test_checkpoint_overhead_per_point(benchmark, bench_report, tmp_path):
    grid = {"x": np.arange(20_000.0)}
    t_plain, _ = _best_of(lambda: sweep(trivial, grid, progress=False), repeat=2)
    counter = iter(range(10**6))
    benchmark.pedantic(
        lambda: sweep(trivial, grid, progress=False,
                      checkpoint=tmp_path / f"c{next(counter)}"), rounds=2, iterations=1)
    extra = (benchmark.stats.stats.min - t_plain) / 20_000
    bench_report("sweep.checkpoint_overhead_per_point", measured=extra * 1e6, unit="us",
                 target="< 50 us", peer=f"same sweep without checkpoint ({t_plain:.3g} s)",
                 passed=extra < 50e-6,
                 note="serial, 20 000 scalar results written as data-only .npz chunks")
    assert extra < 50e-6
