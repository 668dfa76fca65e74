"""Network-drop benchmark: 10^4 cells and 10^5 users, k-d-tree drop vs a dense NumPy drop.

The dense baseline (written here, not in the package) evaluates the same drop the obvious
way: for blocks of users, the minimal-image distance to every cell, the power-law gain of
every pair, association by argmax, the interference of every cell within the same cut-off
radius, then rates and loads. Both must give the same association, SINR, rates and loads.

Run with ``python -m pytest tests/bench/test_bench_network.py -m bench -s --bench-summary ''``.
"""

from __future__ import annotations

import time

import numpy as np
import pytest

from wirelesseff.network import (
    LinkModel,
    cell_loads,
    link_spectral_efficiency,
    ppp_deployment,
    simulate_drop,
    uniform_users,
)

pytestmark = pytest.mark.bench

N_CELLS, N_USERS = 10_000, 100_000
SPACING = 300.0                      # mean distance scale: one cell per 300 m x 300 m
BANDWIDTH, DEMAND = 10e6, 2e5


def _network():
    gen = np.random.default_rng(2024)
    side = np.sqrt(N_CELLS) * SPACING
    dep = ppp_deployment(N_CELLS / side**2, side, gen)
    users = uniform_users(N_USERS, side, gen)
    return dep, users


def sparse_drop(dep, users):
    drop = simulate_drop(dep, users, LinkModel(), bandwidth=BANDWIDTH, rng=0)
    se = link_spectral_efficiency(drop.sinr)
    loads = cell_loads(drop.serving, se, dep.n_cells, bandwidth=BANDWIDTH, demand=DEMAND)
    return drop.serving, drop.sinr, loads.user_rate, loads.load, drop.cutoff_radius


def dense_drop(dep, users, radius, noise, block=100):
    """Straightforward users x cells NumPy drop (same model as LinkModel() at the same R)."""
    link = LinkModel()
    box = np.asarray(dep.box)
    pos, power = dep.positions, dep.tx_power
    g0 = 10 ** (-link.reference_loss_db / 10)
    n = users.shape[0]
    serving = np.empty(n, dtype=np.int64)
    sinr = np.empty(n)
    for s in range(0, n, block):
        u = users[s:s + block]
        dx = u[:, None, 0] - pos[None, :, 0]
        dy = u[:, None, 1] - pos[None, :, 1]
        dx = np.mod(dx + box[0] / 2, box[0]) - box[0] / 2
        dy = np.mod(dy + box[1] / 2, box[1]) - box[1] / 2
        d = np.sqrt(dx * dx + dy * dy)
        rx = power[None, :] * g0 * np.maximum(d, link.min_distance) ** (-link.exponent)
        rx[d > radius] = 0.0
        j = np.argmax(rx, axis=1)
        sig = rx[np.arange(u.shape[0]), j]
        intf = rx.sum(axis=1) - sig
        serving[s:s + block] = j
        sinr[s:s + block] = sig / (intf + noise)
    se = np.log2(1 + sinr)
    need = DEMAND / (BANDWIDTH * se)
    load = np.bincount(serving, weights=need, minlength=dep.n_cells)
    scale = np.where(load > 1, 1 / np.where(load > 1, load, 1), 1.0)
    rate = DEMAND * scale[serving]
    return serving, sinr, rate, load


def test_drop_10k_cells_100k_users(bench_report):
    dep, users = _network()
    assert dep.n_cells == pytest.approx(N_CELLS, rel=0.05)
    t_sparse = np.inf
    for _ in range(2):
        t0 = time.perf_counter()
        serving, sinr, rate, load, radius = sparse_drop(dep, users)
        t_sparse = min(t_sparse, time.perf_counter() - t0)
    noise = simulate_drop(dep, users[:1], LinkModel(), bandwidth=BANDWIDTH, rng=0).noise_power
    t0 = time.perf_counter()
    d_serving, d_sinr, d_rate, d_load = dense_drop(dep, users, radius, noise)
    t_dense = time.perf_counter() - t0
    np.testing.assert_array_equal(serving, d_serving)
    np.testing.assert_allclose(sinr, d_sinr, rtol=1e-9)
    np.testing.assert_allclose(rate, d_rate, rtol=1e-9)
    np.testing.assert_allclose(load, d_load, rtol=1e-9)
    ratio = t_dense / t_sparse
    note = (f"{dep.n_cells} cells, {N_USERS} users, cut-off {radius:.0f} m; drop {t_sparse:.2f} s"
            f" vs dense {t_dense:.1f} s")
    bench_report("network.drop_10k_cells_100k_users.users_per_s", measured=N_USERS / t_sparse,
                 unit="users/s", target=">= 10x dense", peer="dense NumPy users x cells drop",
                 ratio=ratio, passed=ratio >= 10, note=note)
    bench_report("network.drop_10k_cells_100k_users.seconds", measured=t_sparse, unit="s",
                 target="seconds on one core", peer="", passed=True, note=note)
    assert ratio >= 10
