"""Fluid-antenna benchmarks: ratio = t_baseline / t_candidate, best of several, same run.

Run with ``python -m pytest tests/bench/test_bench_fas.py -m bench -s --bench-summary ''``;
each test reports its ratio through the ``bench_report`` fixture (docs/fas.md, "Benchmarks")
and stores the absolute times, core count and versions in ``benchmark.extra_info``.

* Monte-Carlo outage: numba kernel vs the NumPy reference (same random numbers).
* Inner SDP of the WET optimisation: DPP re-solve vs rebuilding the problem each point.
* Closed-form oracle vs the warm DPP SDP it replaces.
"""

from __future__ import annotations

import os
import time

import cvxpy as cp
import numba
import numpy as np
import pytest

from wirelesseff.channel import rayleigh
from wirelesseff.fas import max_harvested_power, monte_carlo_outage
from wirelesseff.fas.wet import _herm, _sdp_problem

ROUNDS = 5
S2 = 1e-3


def _best(fn, rounds: int = ROUNDS) -> float:
    """Best-of-``rounds`` wall time of ``fn()`` [s] (one warm-up call first)."""
    fn()
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def _fast(benchmark, fn, rounds: int = ROUNDS) -> float:
    fn()  # warm-up (numba JIT / cvxpy compilation)
    benchmark.pedantic(fn, rounds=rounds, iterations=1)
    return float(benchmark.stats.stats.min)


def _report(benchmark, bench_report, name, peer, t_slow, t_fast, target, note=""):
    ratio = t_slow / t_fast
    benchmark.extra_info.update({
        "t_baseline_s": t_slow, "t_candidate_s": t_fast, "ratio": ratio, "target": target,
        "cpu_count": os.cpu_count(), "numba_threads": numba.get_num_threads(),
        "numpy": np.__version__, "numba": numba.__version__, "cvxpy": cp.__version__,
    })
    bench_report(name, measured=ratio, unit="x", target=f">= {target:g}x", peer=peer,
                 ratio=ratio, passed=ratio >= target,
                 note=(f"baseline {t_slow * 1e3:.3f} ms, candidate {t_fast * 1e3:.3f} ms; "
                       f"{os.cpu_count()} cores, {numba.get_num_threads()} numba threads"
                       + (f"; {note}" if note else "")))
    return ratio


# --- Monte-Carlo outage, numba kernel vs NumPy reference --------------------------------------
def test_monte_carlo_outage_numba_vs_numpy(benchmark, bench_report):
    kw = dict(n_samples=200_000, rng=7)
    p_nb = monte_carlo_outage(1.0, 100, 2.0, backend="numba", **kw)
    p_np = monte_carlo_outage(1.0, 100, 2.0, backend="numpy", **kw)
    assert p_nb == p_np  # same random numbers: identical estimates
    se = np.sqrt(p_nb * (1 - p_nb) / 2e5)
    p_other = monte_carlo_outage(1.0, 100, 2.0, backend="numba", n_samples=200_000, rng=8)
    assert abs(p_other - p_nb) < 4 * np.sqrt(2) * se  # and statistically consistent
    t_fast = _fast(benchmark, lambda: monte_carlo_outage(1.0, 100, 2.0, backend="numba", **kw))
    t_slow = _best(lambda: monte_carlo_outage(1.0, 100, 2.0, backend="numpy", **kw))
    benchmark.extra_info["samples_per_s_numba"] = 2e5 / t_fast
    benchmark.extra_info["samples_per_s_numpy"] = 2e5 / t_slow
    ratio = _report(benchmark, bench_report, "fas.outage_mc.numba_vs_numpy",
                    "NumPy reference (chunked matrix products)", t_slow, t_fast, 1.0,
                    "N = 100, W = 2, 2e5 samples, identical estimates")
    assert ratio >= 1.0


# --- DPP re-solve vs rebuilding the inner SDP -------------------------------------------------
def _instance(m=4, seed=3):
    h_d, h_e = rayleigh((2, m), seed)
    u = h_d / np.linalg.norm(h_d)
    e = h_e / np.linalg.norm(h_e)
    return h_d, h_e, _herm(np.outer(e, e.conj())), _herm(np.outer(u, u.conj()))


def _rebuild_solve(G, UD, c, cmin):
    """The same inner SDP built from constants (no parameters) and solved from scratch."""
    m = G.shape[0]
    W = cp.Variable((m, m), hermitian=True)
    tr = cp.real(cp.trace(W))
    prob = cp.Problem(cp.Maximize(cp.real(cp.trace(G @ W)) - c * tr),
                      [W >> 0, cp.real(cp.trace(UD @ W)) >= cmin, tr <= 1.0])
    prob.solve(solver="CLARABEL")
    return prob.value


def test_dpp_resolve_vs_rebuild(benchmark, bench_report):
    h_d, h_e, G, UD = _instance()
    gammas = 10 ** (np.linspace(0.0, 20.0, 100) / 10)
    cmins = gammas * S2 / (1.0 * np.linalg.norm(h_d) ** 2)
    c = 0.3  # a Dinkelbach price (normalised units)
    prob = _sdp_problem(4, "none", "CLARABEL")

    def dpp():
        return [prob.solve(G=G, UD=UD, c=c, cmin=cm, qmax=1.0).value for cm in cmins]

    def rebuild():
        return [_rebuild_solve(G, UD, c, cm) for cm in cmins]

    np.testing.assert_allclose(dpp(), rebuild(), rtol=1e-6)
    t_fast = _fast(benchmark, dpp, rounds=3)
    t_slow = _best(rebuild, rounds=3)
    ratio = _report(benchmark, bench_report, "fas.wet_sdp.dpp_vs_rebuild",
                    "rebuilding and solving the SDP at each point", t_slow, t_fast, 3.0,
                    "inner SDP M = 4, 100-point SINR sweep 0-20 dB, values agree to 1e-6")
    assert ratio >= 3.0


# --- closed-form oracle vs warm DPP SDP --------------------------------------------------------
def test_oracle_vs_sdp(benchmark, bench_report):
    h_d, h_e, G, UD = _instance()
    q, gamma = 1.0, 10 ** 2.5  # active SINR constraint
    cmin = gamma * S2 / (q * np.linalg.norm(h_d) ** 2)
    prob = _sdp_problem(4, "none", "CLARABEL")

    def sdp():
        res = prob.solve(G=G, UD=UD, c=0.0, cmin=cmin, qmax=1.0)
        return res.value * q * np.linalg.norm(h_e) ** 2

    def oracle():
        return max_harvested_power(h_d, h_e, q, gamma, S2)[0]

    assert oracle() == pytest.approx(sdp(), rel=1e-6)
    t_fast = _fast(benchmark, oracle, rounds=50)
    t_slow = _best(sdp, rounds=10)
    ratio = _report(benchmark, bench_report, "fas.oracle_vs_sdp",
                    "warm DPP SDP re-solve", t_slow, t_fast, 100.0,
                    "M = 4, active SINR constraint, values agree to 1e-6")
    assert ratio >= 100.0
