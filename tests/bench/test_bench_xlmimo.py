"""XL-MIMO benchmarks B1-B3 (docs/xlmimo.md, 'Benchmarks'): baselines measured in the same run.

Run with ``python -m pytest tests/bench/test_bench_xlmimo.py -m bench -s --bench-summary ''``;
every figure is recorded with the ``bench_report`` fixture.
"""

from __future__ import annotations

import time

import numba
import numpy as np

import wirelesseff
from wirelesseff.xlmimo import ee_zf, midband_ee, se_montecarlo


def _best_time(func, repeat=3):
    best = np.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - t0)
    return best


def test_b1_vectorised_ee_zf_vs_scalar_loop(benchmark, bench_report):
    m = np.arange(1, 221, dtype=float)
    k = np.arange(1, 151, dtype=float)

    def loop():
        out = np.empty((m.size, k.size))
        for i, mi in enumerate(m):
            for j, kj in enumerate(k):
                out[i, j] = ee_zf(mi, kj)
        return out

    t_loop = _best_time(loop, repeat=1)
    vec = benchmark.pedantic(lambda: ee_zf(m[:, None], k[None, :]), rounds=10, iterations=1)
    np.testing.assert_allclose(vec, loop(), rtol=1e-12, equal_nan=True)
    ratio = t_loop / benchmark.stats.stats.min
    benchmark.extra_info["ratio"] = ratio
    bench_report("xlmimo.ee_zf_grid_vectorised_vs_loop", measured=ratio, unit="x",
                 target=">= 20x", peer=f"scalar Python loop ({t_loop:.3f} s)", ratio=ratio,
                 passed=ratio >= 20,
                 note=f"220 x 150 grid, vectorised {benchmark.stats.stats.min * 1e3:.2f} ms")
    assert ratio >= 20


def test_b2_numba_montecarlo_vs_numpy_loop(benchmark, bench_report):
    """B2: se_montecarlo, ZF, imperfect CSI, M = 64, K = 8, 10^4 draws, numba vs NumPy loop.

    End to end (draws included): both backends receive the same Bartlett (complex Wishart)
    factors drawn with numpy, so the ratio measures the compiled kernel against the
    NumPy reference loop over realizations.
    """
    snr = np.ones(8)
    kw = {"tau_p": 8, "n_realizations": 10_000}
    se_montecarlo(64, snr, "zf", n_realizations=64, tau_p=8, rng=0)  # warm-up (compile/cache)
    t_numpy = _best_time(lambda: se_montecarlo(64, snr, "zf", rng=1, backend="numpy", **kw),
                         repeat=2)
    res = benchmark.pedantic(lambda: se_montecarlo(64, snr, "zf", rng=1, **kw), rounds=5,
                             iterations=1)
    ref = se_montecarlo(64, snr, "zf", rng=1, backend="numpy", **kw)
    np.testing.assert_allclose(res.mean, ref.mean, rtol=0, atol=1e-10)
    t_numba = benchmark.stats.stats.min
    ratio = t_numpy / t_numba
    t_channel = _best_time(
        lambda: se_montecarlo(64, snr, "zf", rng=1, sampler="channel", **kw), repeat=2)
    benchmark.extra_info.update(ratio=ratio, numpy_s=t_numpy, numba_s=t_numba,
                                numba_channel_sampler_s=t_channel,
                                numba_threads=numba.get_num_threads())
    bench_report("xlmimo.se_montecarlo_numba_vs_numpy", measured=ratio, unit="x",
                 target=">= 5x", peer=f"NumPy reference loop ({t_numpy:.3f} s)", ratio=ratio,
                 passed=ratio >= 5,
                 note=f"ZF, imperfect CSI, M = 64, K = 8, 1e4 draws; numba {t_numba * 1e3:.1f} "
                      f"ms; with explicit channel draws {t_channel * 1e3:.0f} ms")
    assert ratio >= 5


def test_b3_midband_sweep_vectorised_vs_serial(benchmark, bench_report):
    grid = {"frequency": np.array([7e9, 10e9, 15e9, 24e9]),
            "n_antennas": np.linspace(64, 4096, 50),
            "n_rf": np.linspace(16, 1024, 50)}

    def point(frequency, n_antennas, n_rf):
        res = midband_ee(frequency, n_antennas, n_rf, architecture="hybrid_sub")
        return {"ee": res.ee, "sum_rate": res.sum_rate, "p_radiated": res.p_radiated}

    def vectorised():
        return wirelesseff.sweep(point, grid, vectorized=True, progress=False,
                                 units={"ee": "bit/J", "sum_rate": "bit/s", "p_radiated": "W"})

    ds = benchmark.pedantic(vectorised, rounds=5, iterations=1)
    t_vec = benchmark.stats.stats.min
    t0 = time.perf_counter()
    serial = wirelesseff.sweep(point, grid, executor="serial", progress=False)
    t_serial = time.perf_counter() - t0
    np.testing.assert_allclose(ds.ee.values, serial.ee.values, rtol=1e-9, equal_nan=True)
    ratio = t_serial / t_vec
    benchmark.extra_info["ratio"] = ratio
    bench_report("xlmimo.midband_sweep_vectorised", measured=t_vec, unit="s",
                 target="< 0.5 s", peer=f"serial sweep ({t_serial:.2f} s)", ratio=ratio,
                 passed=t_vec < 0.5, note=f"midband_ee, 4 x 50 x 50 = {ds.ee.size} points")
    assert ds.ee.size == 10_000
    assert t_vec < 0.5


def test_b4_nearfield_gram_numba_vs_numpy(benchmark, bench_report):
    """B4: Gram matrices of exact near-field channels, 64 x 64 UPA, K = 12, 16 drops: the numba
    kernel (channels computed on the fly, O(K^2) memory) against the NumPy reference (channels
    formed with nearfield_response, batched matrix products). Target >= 2x."""
    from wirelesseff.xlmimo import nearfield_gram

    kw = {"n_realizations": 16, "rng": 0}
    nearfield_gram(8, 10e9, 12, n_realizations=2, rng=0)  # warm-up (compile/cache)
    t_numpy = _best_time(lambda: nearfield_gram(64, 10e9, 12, backend="numpy", **kw), repeat=2)
    res = benchmark.pedantic(lambda: nearfield_gram(64, 10e9, 12, **kw), rounds=3, iterations=1)
    ref = nearfield_gram(64, 10e9, 12, backend="numpy", **kw)
    np.testing.assert_allclose(res.gram, ref.gram, rtol=0, atol=1e-9 * np.abs(ref.gram).max())
    ratio = t_numpy / benchmark.stats.stats.min
    bench_report("xlmimo.nearfield_gram_numba_vs_numpy", measured=ratio, unit="x",
                 target=">= 2x", peer=f"NumPy reference ({t_numpy:.2f} s)", ratio=ratio,
                 passed=ratio >= 2,
                 note=f"64 x 64 UPA, K = 12, 16 drops; numba {benchmark.stats.stats.min:.2f} s, "
                      f"{numba.get_num_threads()} threads")
    assert ratio >= 2
