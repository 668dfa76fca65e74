"""Test and benchmark helpers for EE power control: random interference networks in the style of
Zappone/Matthiesen, and a brute-force global search for tiny networks (not public API).

Instance generator (after the simulation setup of Matthiesen, Zappone, Besser, Jorswieck,
Debbah, "A globally optimal energy-efficient power control framework and its efficient
implementation in wireless interference networks", IEEE Trans. Signal Process. 68:3887-3902,
2020, doi:10.1109/TSP.2020.3000328, arXiv:1812.06920, Sec. VI and their published channel
generator): uplink of L single-antenna users placed uniformly in a 2 km x 2 km square served by
4 base stations at (+-500 m, +-500 m) with 4 antennas each; Rayleigh fading; COST-231 Hata
urban path loss (medium-sized city: f = 1.9 GHz, BS height 30 m, user height 1.5 m; no
shadowing); each user is served by the base station with the strongest channel, which combines
with a matched filter, so that the effective gain from user j to the receiver of user i is
|u_i^H h_{j,b(i)}|^2 with u_i the unit-norm matched filter of user i; noise -174 dBm/Hz with a
3 dB noise figure over B = 180 kHz; PA efficiency 1/mu = 1/4 and circuit power 1 W per link.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize

from wirelesseff.channel.fading import rayleigh
from wirelesseff.channel.noise import noise_power
from wirelesseff.optimize.power_control import _objective

BANDWIDTH = 180e3  # Hz
NOISE_FIGURE_DB = 3.0
MU = 4.0  # 1 / PA efficiency
P_CIRCUIT = 1.0  # W per link
BS_POSITIONS = np.array([[500.0, 500.0], [-500.0, 500.0], [500.0, -500.0], [-500.0, -500.0]])
N_ANTENNAS = 4


def cost231_hata_urban_db(d_m, f_mhz=1900.0, h_bs=30.0, h_ut=1.5):
    """COST-231 Hata path loss, urban, medium-sized city (C_m = 0 dB) [dB]; d in m.

    COST Action 231, "Digital mobile radio towards future generation systems", final report,
    1999, Sec. 4.4; 3GPP TR 43.030 V9.0.0, Sec. 5.1.1.3.
    """
    a_hm = (1.1 * np.log10(f_mhz) - 0.7) * h_ut - (1.56 * np.log10(f_mhz) - 0.8)
    return (46.3 + 33.9 * np.log10(f_mhz) - 13.82 * np.log10(h_bs) - a_hm
            + (44.9 - 6.55 * np.log10(h_bs)) * np.log10(np.maximum(d_m, 10.0) / 1000.0))


def hata_network(rng, n_links):
    """Gains (L, L) [-] and noise power [W] of one random network (see module docstring)."""
    users = rng.uniform(-1000.0, 1000.0, (n_links, 2))
    dist = np.linalg.norm(users[:, None, :] - BS_POSITIONS[None, :, :], axis=-1)  # (L, 4)
    beta = 10.0 ** (-cost231_hata_urban_db(dist) / 10.0)
    h = rayleigh((n_links, len(BS_POSITIONS), N_ANTENNAS), rng=rng) * np.sqrt(beta)[..., None]
    serving = np.argmax(np.linalg.norm(h, axis=-1), axis=-1)  # strongest base station
    gains = np.empty((n_links, n_links))
    for i in range(n_links):
        u = h[i, serving[i]] / np.linalg.norm(h[i, serving[i]])  # matched filter of user i
        gains[i] = np.abs(h[:, serving[i]] @ u.conj()) ** 2  # from every user j
    return gains, float(noise_power(BANDWIDTH, NOISE_FIGURE_DB))


def objective(p, gains, noise, p_max, objective_name, mu=MU, p_circuit=P_CIRCUIT,
              bandwidth=BANDWIDTH):
    L = gains.shape[-1]
    goff = gains * (1.0 - np.eye(L))
    return _objective(objective_name, gains, goff, np.broadcast_to(noise, (L,)), p,
                      np.broadcast_to(mu, (L,)), np.broadcast_to(p_circuit, (L,)),
                      np.ones(L), bandwidth)[0]


def global_search(gains, noise, p_max, objective_name, *, n_grid=None, n_refine=12,
                  mu=MU, p_circuit=P_CIRCUIT, bandwidth=BANDWIDTH):
    """Brute-force maximum for L <= 4 links: a dense grid, then local refinement.

    Grid: per link {0} and ``n_grid`` geometric points from 1e-7 p_max to p_max (default
    400/100/36 for L = 2/3/4); then L-BFGS-B (scipy) in log-power from the ``n_refine`` best
    grid points, keeping links at 0 switched off. Returns (powers [W], objective).
    """
    L = gains.shape[0]
    if L > 4:
        raise ValueError("the brute-force reference is for at most 4 links")
    n_grid = n_grid or {1: 2000, 2: 400, 3: 100, 4: 36}[L]
    p_max = np.broadcast_to(np.asarray(p_max, dtype=float), (L,))
    axis = np.concatenate([[0.0], np.geomspace(1e-7, 1.0, n_grid)])

    def f(p):
        return objective(p, gains, noise, p_max, objective_name, mu, p_circuit, bandwidth)

    best_vals, best_pts = [], []
    for chunk in _grid_chunks(axis, L, 200_000):
        p = chunk * p_max
        vals = np.nan_to_num(f(p), nan=-np.inf)
        keep = np.argsort(vals)[-n_refine:]
        best_vals.append(vals[keep])
        best_pts.append(p[keep])
    vals, pts = np.concatenate(best_vals), np.concatenate(best_pts)
    order = np.argsort(vals)[::-1][:n_refine]
    best_p, best_f = pts[order[0]].copy(), float(vals[order[0]])
    lo = np.log(1e-9 * p_max)
    hi = np.log(p_max)
    for idx in order:
        p0 = pts[idx]
        on = p0 > 0
        if not np.any(on):
            continue

        def neg(t, on=on):
            p = np.zeros(L)
            p[on] = np.exp(t)
            return -float(f(p))

        t0 = np.clip(np.log(p0[on]), lo[on], hi[on])
        res = minimize(neg, t0, method="L-BFGS-B", bounds=list(zip(lo[on], hi[on])),
                       options={"ftol": 1e-15, "gtol": 1e-12, "maxiter": 500})
        if -res.fun > best_f:
            best_f = -float(res.fun)
            best_p = np.zeros(L)
            best_p[on] = np.exp(res.x)
    return best_p, best_f


def _grid_chunks(axis, L, size):
    """Rows of the L-dimensional product grid of ``axis``, in chunks of about ``size``."""
    n = axis.size
    total = n ** L
    for start in range(0, total, size):
        idx = np.arange(start, min(start + size, total))
        cols = []
        for _ in range(L):
            cols.append(axis[idx % n])
            idx = idx // n
        yield np.stack(cols[::-1], axis=-1)


def random_instances(seed, n_instances, n_links):
    """``n_instances`` networks from the generator, seeded reproducibly."""
    rng = np.random.default_rng(seed)
    return [hata_network(rng, n_links) for _ in range(n_instances)]


__all__ = ["cost231_hata_urban_db", "global_search", "hata_network", "objective",
           "random_instances"]
