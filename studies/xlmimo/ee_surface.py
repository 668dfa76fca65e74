"""EE surface of ZF over antennas x users, optimal power (Björnson et al., IEEE TWC 2015, Fig. 3).

Single cell, perfect CSI, Table-2 parameters. For every (M, K) the power parameter is the
Lambert-W optimum of Theorem 3; the alternating algorithm of Sec. V.E (Theorems 1-3) is drawn on
top of the surface and must end at the published optimum M* = 165, K* = 104, 30.74 Mbit/J.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import plotting
from wirelesseff.registry import Headline
from wirelesseff.xlmimo import alpha_opt_zf, ee_zf, optimize_zf, rf_power_zf, sum_rate_zf

NAME = "xlmimo-ee-surface"
DESCRIPTION = "EE of ZF over antennas x users with optimal power (Lambert-W, Theorem 3)"
SOURCE = "Björnson, Sanguinetti, Hoydis, Debbah, IEEE TWC 14(6), 2015, Fig. 3"
HEADLINE = True

UNITS = {"ee": "bit/J", "alpha": "1", "sum_rate": "bit/s", "p_tx": "W"}
LONG_NAMES = {
    "ee": "energy efficiency",
    "alpha": "power parameter alpha (SINR = alpha (M-K))",
    "sum_rate": "sum rate",
    "p_tx": "total RF power",
    "M": "number of BS antennas",
    "K": "number of users",
}


def point(M, K):
    """ZF with perfect CSI at the Theorem-3 power; NaN where M <= K (vectorised)."""
    m, k = np.broadcast_arrays(np.asarray(M, float), np.asarray(K, float))
    zf = m > k
    m_ok = np.where(zf, m, k + 1.0)  # helpers reject M <= K; those points are masked below
    alpha = alpha_opt_zf(m_ok, k)
    return {
        "ee": ee_zf(m, k),
        "alpha": np.where(zf, alpha, np.nan),
        "sum_rate": np.where(zf, sum_rate_zf(m_ok, k, alpha), np.nan),
        "p_tx": np.where(zf, rf_power_zf(m_ok, k, alpha), np.nan),
    }


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    """Sweep the (M, K) grid; quick: every 5th M and 4th K (still contains (165, 104))."""
    if quick:
        grid = {"M": np.arange(5, 221, 5), "K": np.arange(4, 151, 4)}
    else:
        grid = {"M": np.arange(1, 221), "K": np.arange(1, 151)}
    ds = wirelesseff.sweep(point, grid=grid, vectorized=True, seed=seed, executor=executor,
                           progress=False, strict=True, units=UNITS, long_names=LONG_NAMES,
                           attrs={"study": NAME, "source": SOURCE})
    opt = optimize_zf()
    hist = np.array(opt.history, dtype=float)
    ds = ds.assign(
        path_M=("iteration", hist[:, 0], {"long_name": "M along the alternating algorithm",
                                          "units": "1"}),
        path_K=("iteration", hist[:, 1], {"long_name": "K along the alternating algorithm",
                                          "units": "1"}),
        path_ee=("iteration", hist[:, 3], {"long_name": "EE along the alternating algorithm",
                                           "units": "bit/J"}),
    )
    i, j = np.unravel_index(np.nanargmax(ds.ee.values), ds.ee.shape)
    ds.attrs.update(
        grid_opt_M=int(ds.M.values[i]), grid_opt_K=int(ds.K.values[j]),
        grid_opt_ee=float(ds.ee.values[i, j]),
        algorithm_M=opt.M, algorithm_K=opt.K, algorithm_ee=opt.ee,
        algorithm_converged=int(opt.converged), exhaustive_agrees=int(bool(opt.exhaustive_agrees)),
        published_optimum="M*=165, K*=104, EE*=30.74 Mbit/J",
    )
    return ds


def plot(ds: xr.Dataset):
    fig, ax = plotting.subplots(1, 1, projection="3d", figsize=(6.0, 4.6))
    ee = ds.ee.clip(min=0.0)
    plotting.plot_surface(ax, ee, x="K", y="M", kind="surface", alpha=0.85)
    ax.plot(ds.path_K.values, ds.path_M.values, ds.path_ee.values / 1e6, "ko-", ms=3,
            label="alternating algorithm (Sec. V.E)", zorder=6)
    plotting.mark_point(ax, ds.attrs["grid_opt_K"], ds.attrs["grid_opt_M"],
                        text=f"{ds.attrs['grid_opt_ee'] / 1e6:.2f} Mbit/J",
                        z=ds.attrs["grid_opt_ee"] / 1e6)
    ax.set_zlim(0, 35)
    ax.view_init(elev=24, azim=-136)
    ax.legend(loc="upper left")
    ax.set_title("ZF, single cell, perfect CSI")
    return fig


def headline(ds: xr.Dataset) -> list[Headline]:
    """Grid optimum of the ZF surface and the end point of the alternating algorithm."""
    return [
        Headline("EE-optimal number of antennas M*", int(ds.attrs["grid_opt_M"]), "1", 165),
        Headline("EE-optimal number of users K*", int(ds.attrs["grid_opt_K"]), "1", 104),
        Headline("maximal EE", round(ds.attrs["grid_opt_ee"] / 1e6, 2), "Mbit/J", 30.74),
        Headline("end point (M, K) of the alternating algorithm (Sec. V.E)",
                 f"({ds.attrs['algorithm_M']}, {ds.attrs['algorithm_K']})", "",
                 "(165, 104)"),
    ]

if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
