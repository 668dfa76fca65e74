"""EE versus SE of a single link with M antennas (Massive MIMO Networks, Sec. 5.3, Figs. 5.4-5.6).

EE(SE) = B SE / ((2^SE - 1) nu0/(M-1) + P) with nu0 = (sigma^2/beta)/mu, B = 100 kHz, mu = 0.4,
sigma^2/beta = -6 dB (W), evaluated with :func:`wirelesseff.metrics.circuit_limited_ee`; the
EE-optimal points come from the Lambert-W law :func:`wirelesseff.xlmimo.optimal_se_single_link`.
Panels: (a) P_FIX in {0, 1, 10, 20} W at M = 10 (book Fig. 5.4); (b) M in {2, 10, 100, 1000}
at P_FIX = 10 W (book Fig. 5.5); (c) EE* versus M when the circuit power grows with M
(P_FIX + M x 1 W), which has a finite EE-optimal M. Panel (c) is our own view, not a
copy of book Fig. 5.6: that figure plots the EE-SE curves for M in {2, 10, 100, 1000} with the
same circuit power P_FIX + M P_BS (P_BS = 1 W); (c) traces their maxima continuously over M.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import plotting
from wirelesseff.metrics import circuit_limited_ee
from wirelesseff.registry import Headline
from wirelesseff.units import db2lin
from wirelesseff.xlmimo import optimal_se_single_link

NAME = "xlmimo-ee-vs-se"
DESCRIPTION = "EE-SE trade-off of a single link and its Lambert-W optimum versus M and P_FIX"
SOURCE = ("Björnson, Hoydis, Sanguinetti, Massive MIMO Networks (2017), Figs. 5.4-5.5; "
          "(c) EE* versus M with the circuit power of Fig. 5.6")

BANDWIDTH = 100e3  # Hz (book Sec. 5.3 example)
MU = 0.4  # PA efficiency
NOISE_OVER_GAIN = db2lin(-6.0)  # sigma^2/beta = 10^-0.6 W
P_PER_ANTENNA = 1.0  # W, Fig. 5.6

UNITS = {"ee_a": "bit/J", "ee_b": "bit/J", "se": "bit/s/Hz", "p_fixed": "W"}
LONG_NAMES = {"ee_a": "energy efficiency (M = 10)", "ee_b": "energy efficiency (P_FIX = 10 W)",
              "se": "spectral efficiency", "p_fixed": "fixed circuit power P_FIX",
              "n_antennas": "number of antennas M"}


def ee_curve(se, n_antennas, p_fixed):
    """EE at the transmit power that gives ``se`` (Eqs. (5.11)-(5.12) of the book)."""
    snr_gain = (np.asarray(n_antennas, float) - 1.0) / NOISE_OVER_GAIN  # (M-1) beta/sigma^2
    p_tx = (2.0 ** np.asarray(se, float) - 1.0) / snr_gain
    return circuit_limited_ee(snr_gain, BANDWIDTH, p_fixed, MU, p_tx)


def point_a(se, p_fixed):
    return {"ee_a": ee_curve(se, 10, p_fixed)}


def point_b(se, n_antennas):
    return {"ee_b": ee_curve(se, n_antennas, 10.0)}


def point_c(n_antennas_c):
    m = np.asarray(n_antennas_c, float)
    se, ee = optimal_se_single_link(m, 10.0 + P_PER_ANTENNA * m, BANDWIDTH, NOISE_OVER_GAIN,
                                    MU)
    return {"se_star_c": se, "ee_star_c": ee}


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    """Curves on an SE grid (quick: step 0.01, full: 0.001) and the Lambert-W optima."""
    se = np.arange(1e-3 if quick else 1e-4, 20.0, 1e-2 if quick else 1e-3)
    common = {"vectorized": True, "seed": seed, "executor": executor, "progress": False,
              "units": UNITS, "long_names": LONG_NAMES}
    a = wirelesseff.sweep(point_a, grid={"se": se, "p_fixed": [0.0, 1.0, 10.0, 20.0]},
                          attrs={"study": NAME, "source": SOURCE}, **common)
    b = wirelesseff.sweep(point_b, grid={"se": se, "n_antennas": [2, 10, 100, 1000]}, **common)
    m_c = np.unique(np.round(np.logspace(np.log10(2), 4, 200 if quick else 2000)))
    c = wirelesseff.sweep(point_c, grid={"n_antennas_c": m_c}, vectorized=True, seed=seed,
                          progress=False, strict=True,
                          units={"se_star_c": "bit/s/Hz", "ee_star_c": "bit/J"},
                          long_names={"se_star_c": "EE-optimal SE (P = 10 W + M x 1 W)",
                                      "ee_star_c": "maximal EE (P = 10 W + M x 1 W)",
                                      "n_antennas_c": "number of antennas M"})
    se_a, ee_a = optimal_se_single_link(10, a.p_fixed.values, BANDWIDTH, NOISE_OVER_GAIN, MU)
    se_b, ee_b = optimal_se_single_link(b.n_antennas.values, 10.0, BANDWIDTH, NOISE_OVER_GAIN,
                                        MU)
    ds = xr.merge([x.drop_vars("error", errors="ignore") for x in (a, b, c)],
                  compat="no_conflicts", join="outer", combine_attrs="override")
    ds = ds.assign(
        se_star_a=("p_fixed", se_a, {"units": "bit/s/Hz", "long_name": "EE-optimal SE (M = 10)"}),
        ee_star_a=("p_fixed", ee_a, {"units": "bit/J", "long_name": "maximal EE (M = 10)"}),
        se_star_b=("n_antennas", se_b, {"units": "bit/s/Hz",
                                        "long_name": "EE-optimal SE (P_FIX = 10 W)"}),
        ee_star_b=("n_antennas", ee_b, {"units": "bit/J",
                                        "long_name": "maximal EE (P_FIX = 10 W)"}),
    )
    i = int(np.nanargmax(ds.ee_star_c.values))
    ds.attrs.update(opt_M_c=float(ds.n_antennas_c.values[i]),
                    opt_ee_c=float(ds.ee_star_c.values[i]),
                    parameters="B = 100 kHz, mu = 0.4, sigma^2/beta = 10^-0.6 W")
    return ds


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(1, 3, figsize=(12.0, 3.6))
    panels = ((axes[0], "ee_a", "p_fixed", "se_star_a", "ee_star_a", "P_FIX = {:g} W"),
              (axes[1], "ee_b", "n_antennas", "se_star_b", "ee_star_b", "M = {:g}"))
    for ax, var, hue, star_se, star_ee, fmt in panels:
        for value in ds[hue].values:
            ax.semilogy(ds.se, ds[var].sel({hue: value}), label=fmt.format(value))
        ax.semilogy(ds[star_se], ds[star_ee], "o-", color="0.2", ms=4, lw=1,
                    label="Lambert-W optimum")
        ax.set_xlim(0, 20)
        low = float(ds[var].where(ds[var] > 0).min())  # book axes start at 1e2: keep all data
        ax.set_ylim(min(1e2, 10 ** np.floor(np.log10(low))), 1e7)
        ax.set_xlabel(plotting.axis_label(ds.se))
        ax.set_ylabel(plotting.axis_label(ds[var]))
        ax.legend()
    axes[0].set_title("(a) M = 10")
    axes[1].set_title("(b) P_FIX = 10 W")
    ax = axes[2]
    ax.loglog(ds.n_antennas_c, ds.ee_star_c)
    plotting.mark_point(ax, ds.attrs["opt_M_c"], ds.attrs["opt_ee_c"],
                        text=f"M* = {ds.attrs['opt_M_c']:.0f}")
    ax.set_xlabel(plotting.axis_label(ds.n_antennas_c))
    ax.set_ylabel(plotting.axis_label(ds.ee_star_c))
    ax.set_title("(c) P = 10 W + M x 1 W")
    return fig


def headline(ds: xr.Dataset) -> list[Headline]:
    """Lambert-W optima of panels (a) and (c)."""
    out = [Headline(f"EE-optimal SE at M = 10, P_FIX = {pf:g} W",
                    round(float(ds.se_star_a.sel(p_fixed=pf)), 3), "bit/s/Hz",
                    note="Lambert-W law (book Sec. 5.3)")
           for pf in ds.p_fixed.values]
    out.append(Headline("EE-optimal number of antennas M* with P = 10 W + M x 1 W",
                        int(round(ds.attrs["opt_M_c"])), "1",
                        note="our view of the model of book Fig. 5.6"))
    return out

if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
