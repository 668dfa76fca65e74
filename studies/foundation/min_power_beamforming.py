"""Minimum transmit power of multiuser downlink beamforming versus the SINR target.

For K single-antenna users served by an M-antenna base station over i.i.d. Rayleigh channels
(distance-dependent path loss from TR 38.901 UMi), each point solves
:math:`\\min \\sum_k\\|w_k\\|^2` s.t. :math:`\\mathrm{SINR}_k \\ge \\gamma` twice: as a
second-order cone program (:func:`wirelesseff.optimize.min_power_beamforming`, Bengtsson &
Ottersten 1999; Wiesel, Eldar & Shamai 2006) and with the uplink-downlink duality fixed point
(:func:`wirelesseff.optimize.min_power_beamforming_fixed_point`). With more users than antennas
(K > M) high targets are infeasible; the study records the solver status at every point.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import plotting
from wirelesseff.channel.fading import rayleigh
from wirelesseff.channel.noise import noise_power
from wirelesseff.channel.pathloss import tr38901_umi
from wirelesseff.optimize import min_power_beamforming, min_power_beamforming_fixed_point
from wirelesseff.registry import Headline
from wirelesseff.units import db2lin, w2dbm

NAME = "foundation-min-power-bf"
DESCRIPTION = "Min-power downlink beamforming vs SINR target: SOCP vs duality fixed point"
SOURCE = ("Bengtsson & Ottersten, Allerton 1999; Wiesel, Eldar & Shamai, IEEE TSP 54(1), 2006, "
          "doi:10.1109/TSP.2005.861073; Björnson, Bengtsson & Ottersten, IEEE SPM 31(4), 2014, "
          "doi:10.1109/MSP.2014.2312183")
HEADLINE = False

M_ANTENNAS = 8            # BS antennas
BANDWIDTH = 20e6          # Hz
NOISE_FIGURE_DB = 7.0     # dB (massivemimobook code)
FREQUENCY = 3.5e9         # Hz
D_MIN, D_MAX = 20.0, 150.0  # m, users uniform in an annulus (assumed)


def point(gamma_db, n_users, draw, rng):
    """One channel draw (rng) solved by both algorithms at a common SINR target."""
    d = np.sqrt(rng.uniform(D_MIN**2, D_MAX**2, size=n_users))
    beta = 1.0 / db2lin(tr38901_umi(d, FREQUENCY, los=False))
    H = np.sqrt(beta)[:, None] * rayleigh((n_users, M_ANTENNAS), rng=rng)  # row k = h_k^H
    sigma2 = noise_power(BANDWIDTH, NOISE_FIGURE_DB)
    gamma = np.full(n_users, db2lin(gamma_db))
    socp = min_power_beamforming(H, gamma, sigma2)
    fp = min_power_beamforming_fixed_point(H, gamma, sigma2)
    p_socp = socp.value if socp.ok else np.nan
    p_fp = fp.value if fp.ok else np.nan
    return {
        "power_socp": p_socp,
        "power_fp": p_fp,
        "power_socp_dbm": w2dbm(p_socp) if socp.ok else np.nan,
        "status_socp": socp.status,
        "status_fp": fp.status,
        "time_socp": socp.solve_time,
        "time_fp": fp.solve_time,
        "iterations_fp": fp.iterations,
    }


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    grid = {
        "gamma_db": np.arange(-10.0, 31.0, 10.0 if quick else 2.5),
        "n_users": np.array([4, 8, 10] if quick else [2, 4, 6, 8, 10]),
        "draw": np.arange(3 if quick else 50),
    }
    ds = wirelesseff.sweep(
        point, grid, seed=seed, executor=executor, progress=not quick,
        units={"power_socp": "W", "power_fp": "W", "power_socp_dbm": "dBm", "time_socp": "s",
               "time_fp": "s", "gamma_db": "dB", "n_users": "1", "draw": "1",
               "iterations_fp": "1"},
        long_names={"power_socp": "minimum total transmit power (SOCP)",
                    "power_fp": "minimum total transmit power (fixed point)",
                    "power_socp_dbm": "minimum total transmit power",
                    "gamma_db": "SINR target", "n_users": "users K",
                    "time_socp": "SOCP solve time", "time_fp": "fixed-point solve time"},
        attrs={"study": NAME, "source": SOURCE, "n_antennas": M_ANTENNAS,
               "bandwidth_hz": BANDWIDTH, "noise_figure_db": NOISE_FIGURE_DB,
               "frequency_hz": FREQUENCY, "d_min_m": D_MIN, "d_max_m": D_MAX,
               "pathloss": "TR 38.901 UMi NLoS", "fading": "i.i.d. Rayleigh"},
    )
    feasible = ds.status_socp == "optimal"
    ds["feasible_fraction"] = feasible.mean("draw").assign_attrs(
        units="1", long_name="fraction of feasible draws")
    # median over draws of the feasible ones (NaN where all draws are infeasible)
    ds["power_median_dbm"] = ds.power_socp_dbm.where(feasible).median("draw").assign_attrs(
        units="dBm", long_name="median minimum transmit power")
    return ds


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(1, 2, figsize=(9.0, 3.6))
    labels = [f"K = {int(k)} users" for k in ds.n_users.values]
    plotting.plot_curves(axes[0], ds.power_median_dbm, "gamma_db", hue="n_users", marker="o",
                         labels=labels)
    axes[0].set_title(f"(a) min power, M = {ds.attrs['n_antennas']} (median over draws)")
    plotting.plot_curves(axes[1], ds.feasible_fraction, "gamma_db", hue="n_users", marker="o",
                         labels=labels)
    axes[1].set_title("(b) feasible fraction")
    return fig


def headline(ds: xr.Dataset) -> list[Headline]:
    """Agreement of the two solvers and the feasibility boundary K > M."""
    ok = ds.status_socp == "optimal"
    gap = float(np.abs(ds.power_socp / ds.power_fp - 1).where(ok).max())
    m = int(ds.attrs["n_antennas"])
    over = [int(k) for k in ds.n_users.values if int(k) > m]
    rows = [Headline("largest relative gap, SOCP vs duality fixed point", float(f"{gap:.2g}"),
                     "1", note="same optimum from both algorithms (tested to 1e-6)")]
    if over:
        k = over[0]
        rows.append(Headline(
            f"feasible fraction with K = {k} > M = {m} users at SINR >= 10 dB",
            float(ds.feasible_fraction.sel(n_users=k).where(ds.gamma_db >= 10.0).max()), "1",
            published=0.0, source="needs sum of gamma/(1+gamma) <= M (Wiesel et al. 2006)"))
    return rows


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
