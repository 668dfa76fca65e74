"""Benchmarks of the ris_leo module, each against a baseline measured in the same run.

Run with ``python -m pytest tests/bench/test_bench_ris_leo.py -m bench -s --bench-summary ''``.
Every figure is recorded with the ``bench_report`` fixture; only ratios are asserted.

* B1: required power over a pass grid (elevation x RIS_u side x resolution x configuration),
  vectorised over elevation and resolution, against point-by-point scalar calls.
* B2: alternating optimisation of a double RIS with closed-form blocks against SDR blocks.
* B3: single RIS, closed-form phases against the SDR (quality and time).
"""

from __future__ import annotations

import time

import numpy as np

from wirelesseff.channel import rayleigh
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


def _timed(fn):
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


# --- B1: pass sweep ---------------------------------------------------------------------------

ELEVATIONS = np.deg2rad(np.arange(10.0, 90.0 + 1e-9, 0.5))[:, None]
SIDES = np.round(np.arange(0.05, 0.5 + 1e-9, 0.01), 3)
BITS = np.array([1, 2, 3, 4, 5, 6, np.inf])[None, :]
N_POINTS = len(SIDES) * len(CONFIGS) * ELEVATIONS.shape[0] * BITS.shape[1]


def _pass_grid():
    base = LeoLinkParams(bits_model="expected")
    out = np.empty((len(SIDES), len(CONFIGS), ELEVATIONS.shape[0], BITS.shape[1]))
    for i, side in enumerate(SIDES):
        p = base.replace(ris_u_side=float(side))
        for j, cfg in enumerate(CONFIGS):
            out[i, j] = required_uplink_power(cfg, ELEVATIONS, p, bits=BITS)
    return out


def _pass_points_one_by_one(n=400, seed=0):
    """The baseline: ``n`` random grid points, each a scalar call (warm caches)."""
    rng = np.random.default_rng(seed)
    base = LeoLinkParams(bits_model="expected")
    params = {float(s): base.replace(ris_u_side=float(s)) for s in SIDES}
    picks = [(params[float(rng.choice(SIDES))], CONFIGS[rng.integers(4)],
              float(rng.choice(ELEVATIONS.ravel())), float(rng.choice(BITS.ravel())))
             for _ in range(n)]
    t0 = time.perf_counter()
    for p, cfg, el, b in picks:
        required_uplink_power(cfg, el, p, bits=(None if np.isinf(b) else int(b),) * 2)
    return (time.perf_counter() - t0) / n


def test_b1_pass_sweep_vectorised_vs_point_by_point(benchmark, bench_report):
    def cold():
        _focusing_sum_cached.cache_clear()
        _capture_cached.cache_clear()
        return _pass_grid()

    t_cold = min(_timed(cold) for _ in range(2))
    _pass_grid()  # warm the caches
    benchmark.pedantic(_pass_grid, rounds=5, iterations=1, warmup_rounds=1)
    t_warm = float(benchmark.stats.stats.min)
    t_point = _pass_points_one_by_one()
    ratio = t_point * N_POINTS / t_warm
    warm, cold_rate = N_POINTS / t_warm, N_POINTS / t_cold
    note = (f"{N_POINTS} points (161 elevations x 46 RIS_u sides x 7 resolutions x 4 "
            "configurations), bits_model='expected'")
    bench_report("ris_leo.pass_grid_vectorised_vs_per_point", measured=t_warm, unit="s",
                 target=">= 100x", peer=f"scalar calls ({t_point * 1e6:.0f} us per point)",
                 ratio=ratio, passed=ratio >= 100, note=note)
    bench_report("ris_leo.pass_grid_points_per_second_warm", measured=warm, unit="points/s",
                 target=">= 1e6 points/s (one core; not asserted, machine dependent)",
                 passed=warm >= 1e6, note=note + "; focusing sums cached")
    bench_report("ris_leo.pass_grid_points_per_second_cold", measured=cold_rate,
                 unit="points/s", target="(reported)", passed=True,
                 note=note + "; caches cleared before each run")
    assert ratio >= 100


# --- B2: alternating optimisation, closed-form blocks vs SDR blocks ---------------------------


def _double_channels(n, seed):
    rng = np.random.default_rng(seed)
    return (complex(rayleigh(None, rng)), *(rayleigh(n, rng) for _ in range(4)),
            rayleigh((n, n), rng))


def test_b2_ao_closed_form_vs_sdr_blocks(benchmark, bench_report):
    ratios, gaps, rows = [], [], []
    for n in (8, 16, 32):
        for seed in range(20):
            args = _double_channels(n, seed)
            t0 = time.perf_counter()
            ao = alternating_double_ris(*args, max_iter=100)
            t_ao = time.perf_counter() - t0
            t0 = time.perf_counter()
            sdr = alternating_double_ris(*args, block="sdr", n_randomizations=50, rng=seed,
                                         max_iter=20, tol=1e-6)
            t_sdr = time.perf_counter() - t0
            ratios.append(t_sdr / t_ao)
            gaps.append((ao.gain - sdr.gain) / ao.gain)
        rows.append(f"N={n}: time ratio {np.median(ratios[-20:]):.0f}, "
                    f"gap {np.median(gaps[-20:]):+.1e}")
    args = _double_channels(32, 0)
    benchmark.pedantic(lambda: alternating_double_ris(*args), rounds=5, iterations=1)
    med_ratio, med_gap = float(np.median(ratios)), float(np.median(gaps))
    note = ("N_a = N_b in {8, 16, 32}, i.i.d. CN(0,1) channels with a full-rank S, 20 seeds; "
            "SDR blocks with 50 randomisations; " + "; ".join(rows))
    bench_report("ris_leo.ao_closed_form_vs_sdr_time", measured=float(benchmark.stats.stats.min),
                 unit="s", target="SDR blocks >= 10x slower",
                 peer="AO with SDR blocks (median time ratio)", ratio=med_ratio,
                 passed=med_ratio > 10, note=note)
    bench_report("ris_leo.ao_closed_form_vs_sdr_gain_gap", measured=med_gap, unit="1",
                 target=">= 0 (closed-form blocks no worse)", passed=med_gap >= -1e-6,
                 note="median of (f_AO - f_SDR)/f_AO")
    assert med_ratio > 10
    assert med_gap >= -1e-6


# --- B3: single RIS, closed form vs SDR -------------------------------------------------------


def test_b3_single_ris_closed_form_vs_sdr(benchmark, bench_report):
    rows = []
    for n in (16, 64, 256):
        rng = np.random.default_rng(n)
        hd, g, h = complex(rayleigh(None, rng)), rayleigh(n, rng), rayleigh(n, rng)
        t_cf = min(_timed(lambda a=(hd, g, h): optimal_phases(*a)) for _ in range(100))
        th = optimal_phases(hd, g, h)
        f_cf = abs(hd + np.sum(g * h * np.exp(1j * th))) ** 2
        res = sdr_phases(hd, g, h, n_randomizations=50, rng=0)
        rows.append((n, res.objective / f_cf, res.upper_bound / f_cf, res.solve_time / t_cf,
                     res.status))
    benchmark.pedantic(lambda: optimal_phases(hd, g, h), rounds=20, iterations=10)
    worst_f = min(r[1] for r in rows)
    worst_ub = max(r[2] for r in rows)
    note = "; ".join(f"N={n}: f_SDR/f_closed {fr:.6f}, bound/f_closed {ub:.6f}, "
                     f"t_SDR/t_closed {tr:.0f} ({st})" for n, fr, ub, tr, st in rows)
    bench_report("ris_leo.sdr_vs_closed_form_objective", measured=worst_f, unit="1",
                 target=">= 1 - 1e-3", peer="closed-form phases", ratio=worst_f,
                 passed=worst_f >= 1 - 1e-3, note=note)
    bench_report("ris_leo.sdr_vs_closed_form_bound", measured=worst_ub, unit="1",
                 target="<= 1 + 1e-3", peer="closed-form phases", ratio=worst_ub,
                 passed=worst_ub <= 1 + 1e-3, note="the relaxation is tight for one block")
    bench_report("ris_leo.sdr_vs_closed_form_time", measured=rows[-1][3], unit="x",
                 target="(reported)", peer="closed-form phases, N = 256", ratio=rows[-1][3],
                 passed=True, note="t_SDR/t_closed including the first compilation")
    assert worst_f >= 1 - 1e-3
    assert worst_ub <= 1 + 1e-3
    assert all(r[4] == "optimal" for r in rows)
