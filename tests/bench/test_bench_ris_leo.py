"""Benchmarks of the ris_leo module (spec §9 B1-B3), ratios and figures measured in-run.

Run with ``python -m pytest tests/bench/test_bench_ris_leo.py -m bench -s``. Each benchmark prints
its figures and stores them in ``benchmark.extra_info``; only the spec's targets are asserted.
"""

from __future__ import annotations

import math
import os
import platform
import time

import numpy as np

from wirelesseff.ris_leo import (
    CONFIGS,
    LeoLinkParams,
    alternating_double_ris,
    optimal_phases,
    required_uplink_power,
    sdr_phases,
)
from wirelesseff.ris_leo.link import _capture_cached
from wirelesseff.ris_leo.pathloss import _focusing_sum_cached


def _machine():
    return f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"


def _crandn(rng, *shape):
    return (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)) / math.sqrt(2)


# --- B1: pass sweep ---------------------------------------------------------------------------

ELEVATIONS = np.deg2rad(np.arange(10.0, 90.0 + 1e-9, 0.5))[:, None]
SIDES = np.round(np.arange(0.05, 0.5 + 1e-9, 0.01), 3)
BITS = np.array([1, 2, 3, 4, 5, 6, np.inf])[None, :]


def _pass_grid():
    base = LeoLinkParams(bits_model="expected")
    out = np.empty((len(SIDES), len(CONFIGS), ELEVATIONS.shape[0], BITS.shape[1]))
    for i, side in enumerate(SIDES):
        p = base.replace(ris_u_side=float(side))
        for j, cfg in enumerate(CONFIGS):
            out[i, j] = required_uplink_power(cfg, ELEVATIONS, p, bits=BITS)
    return out


def test_b1_pass_sweep_points_per_second(benchmark):
    n_points = len(SIDES) * len(CONFIGS) * ELEVATIONS.shape[0] * BITS.shape[1]

    def cold():
        _focusing_sum_cached.cache_clear()
        _capture_cached.cache_clear()
        return _pass_grid()

    t_cold = min(_timed(cold) for _ in range(3))
    _pass_grid()  # warm the caches
    benchmark.pedantic(_pass_grid, rounds=5, iterations=1, warmup_rounds=1)
    stats = getattr(benchmark, "stats", None)
    t_warm = float(stats.stats.min) if stats is not None else min(
        _timed(_pass_grid) for _ in range(5))
    warm, cold_rate = n_points / t_warm, n_points / t_cold
    benchmark.extra_info.update({"points": n_points, "points_per_s_warm": warm,
                                 "points_per_s_cold": cold_rate, "machine": _machine()})
    print(f"\nB1 pass sweep: {n_points} points (161 elevations x 46 sides x 7 resolutions x 4 "
          f"configs); warm {warm / 1e6:.2f} M points/s ({t_warm * 1e3:.0f} ms), cold "
          f"{cold_rate / 1e6:.2f} M points/s ({t_cold * 1e3:.0f} ms); {_machine()}")
    assert warm >= 1e6


def _timed(fn):
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


# --- B2: alternating optimisation, closed-form blocks vs SDR blocks ---------------------------


def test_b2_ao_closed_form_vs_sdr(benchmark):
    ratios, gaps, rows = [], [], []
    for n in (8, 16, 32):
        for seed in range(20):
            rng = np.random.default_rng(seed)
            args = (_crandn(rng), _crandn(rng, n), _crandn(rng, n), _crandn(rng, n),
                    _crandn(rng, n), _crandn(rng, n, n))
            t0 = time.perf_counter()
            ao = alternating_double_ris(*args, max_iter=100)
            t_ao = time.perf_counter() - t0
            t0 = time.perf_counter()
            sdr = alternating_double_ris(*args, block="sdr", n_randomizations=50, rng=seed,
                                         max_iter=20, tol=1e-6)
            t_sdr = time.perf_counter() - t0
            ratios.append(t_sdr / t_ao)
            gaps.append((ao.gain - sdr.gain) / ao.gain)
        rows.append((n, float(np.median(ratios[-20:])), float(np.median(gaps[-20:]))))
    # one representative AO call for pytest-benchmark's own statistics
    rng = np.random.default_rng(0)
    args = (_crandn(rng), _crandn(rng, 32), _crandn(rng, 32), _crandn(rng, 32),
            _crandn(rng, 32), _crandn(rng, 32, 32))
    benchmark.pedantic(lambda: alternating_double_ris(*args), rounds=5, iterations=1)
    med_ratio, med_gap = float(np.median(ratios)), float(np.median(gaps))
    benchmark.extra_info.update({"median_time_ratio_sdr_over_ao": med_ratio,
                                 "median_relative_gap": med_gap, "per_size": rows,
                                 "machine": _machine()})
    print("\nB2 AO (closed-form blocks) vs AO (SDR blocks, 50 randomisations), 20 seeds:")
    for n, r, g in rows:
        print(f"  N_a = N_b = {n:2d}: median t_SDR/t_AO = {r:8.1f}, "
              f"median (f_AO - f_SDR)/f_AO = {g:+.2e}")
    print(f"  overall: time ratio {med_ratio:.1f}, gap {med_gap:+.2e}; {_machine()}")
    assert med_ratio > 10
    assert med_gap >= -1e-6


# --- B3: single RIS, closed form vs SDR -------------------------------------------------------


def test_b3_single_ris_closed_form_vs_sdr(benchmark):
    rows = []
    for n in (16, 64, 256):
        rng = np.random.default_rng(n)
        hd, g, h = _crandn(rng), _crandn(rng, n), _crandn(rng, n)
        t0 = time.perf_counter()
        for _ in range(100):
            th = optimal_phases(hd, g, h)
        t_cf = (time.perf_counter() - t0) / 100
        f_cf = abs(hd + np.sum(g * h * np.exp(1j * th))) ** 2
        res = sdr_phases(hd, g, h, n_randomizations=50, rng=0)
        rows.append((n, res.objective / f_cf, res.upper_bound / f_cf, res.solve_time / t_cf,
                     res.status))
    benchmark.pedantic(lambda: optimal_phases(hd, g, h), rounds=20, iterations=10)
    benchmark.extra_info.update({"rows": rows, "machine": _machine()})
    print("\nB3 single RIS: SDR vs closed form")
    for n, fr, ub, tr, st in rows:
        print(f"  N = {n:3d}: f_SDR/f_closed = {fr:.6f}, upper_bound/f_closed = {ub:.6f}, "
              f"t_SDR/t_closed = {tr:.0f} ({st})")
    for _, fr, ub, _, _ in rows:
        assert fr >= 1 - 1e-3
        assert ub <= 1 + 1e-3
