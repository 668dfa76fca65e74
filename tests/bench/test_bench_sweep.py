"""Sweep-engine benchmarks (foundation spec §6). Ratios are measured against baselines in the
same run and printed; only the spec's targets are asserted.

Run with ``python -m pytest tests/bench/test_bench_sweep.py -m bench -s``.
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


def test_vectorized_vs_per_point(benchmark):
    grid = {"p_tx": np.logspace(-3, 1, 200), "p_fixed": np.linspace(0.5, 20, 50)}  # 10^4 points
    t_pp, pp = _best_of(lambda: sweep(ee_surface, grid, progress=False), repeat=1)
    vec = benchmark.pedantic(lambda: sweep(ee_surface, grid, vectorized=True, progress=False),
                             rounds=5, iterations=1)
    t_vec = benchmark.stats.stats.min
    np.testing.assert_allclose(vec.ee.values, pp.ee.values, rtol=1e-14)
    ratio = t_pp / t_vec
    benchmark.extra_info.update(per_point_s=t_pp, vectorized_s=t_vec, ratio=ratio)
    print(f"\nvectorized vs per-point, 10^4-point closed-form EE surface: {ratio:.0f}x "
          f"({t_pp * 1e3:.0f} ms vs {t_vec * 1e3:.1f} ms; target >= 50x)")
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
def test_processes_vs_serial(benchmark):
    grid = {"i": np.arange(100)}  # ~2 s serial
    t_serial, serial = _best_of(lambda: sweep(cpu_point, grid, progress=False), repeat=1)
    par = benchmark.pedantic(
        lambda: sweep(cpu_point, grid, progress=False, executor="processes", n_workers=2),
        rounds=2, iterations=1)
    t_par = benchmark.stats.stats.min
    np.testing.assert_array_equal(np.isfinite(par.v.values), True)
    ratio = t_serial / t_par
    benchmark.extra_info.update(serial_s=t_serial, processes_s=t_par, ratio=ratio)
    print(f"\n2 processes vs serial, 100 points x 20 ms CPU: {ratio:.2f}x "
          f"({t_serial:.2f} s vs {t_par:.2f} s; target >= 1.6x)")
    assert ratio >= 1.6


def trivial(x, rng):
    return {"v": x}


def test_serial_per_point_overhead(benchmark):
    grid = {"x": np.arange(20_000.0)}
    benchmark.pedantic(lambda: sweep(trivial, grid, progress=False), rounds=3, iterations=1)
    per_point = benchmark.stats.stats.min / 20_000
    benchmark.extra_info.update(per_point_us=per_point * 1e6)
    print(f"\nserial executor overhead: {per_point * 1e6:.1f} us per point "
          "(with per-point generator; target < 100 us)")
    assert per_point < 100e-6
