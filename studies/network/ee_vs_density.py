"""Area power, area throughput and network energy efficiency versus base-station density.

A PPP of cells serves a fixed area traffic demand (300 uniform users per km^2, 0.5 Mbit/s each:
150 Mbit/s/km^2). Sparse networks cannot carry it (capacity-limited: throughput grows with
density; interference-limited, so both cell types carry the same); dense networks carry all of
it with more and more idle cells: without sleep the power keeps growing and the EE falls -
densification stops paying off once the demand is carried. Sleeping between the cells' SSBs
(every 20 ms, 3GPP TS 38.213 Sec. 4.1) roughly halves the idle power and slows the fall; only
without common signals (an idealised bound: idle cells in deep sleep) does the EE stay flat.
Two EARTH cell types (Auer et al., IEEE Wireless Commun. 2011, Table 2): a macro sector (40 W
transmit power) and a micro cell (12.6 W), each without sleep and with the TR 38.864 sleep
states in its idle periods (3GPP TR 38.864 V18.1.0, Sec. 5.1; relative powers anchored to the
EARTH full-load power - this project's anchoring). 3GPP macro path loss
128.1 + 37.6 log10(d/km) at 2 GHz, 10 MHz, UE noise figure 9 dB, no shadowing, mean received
powers (no fast fading), full-buffer interference.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import plotting
from wirelesseff.network import (
    area_metrics,
    cell_power_model,
    evaluate_network,
    ppp_deployment,
    uniform_users,
)
from wirelesseff.registry import Headline

NAME = "network-ee-vs-density"
DESCRIPTION = "Network EE vs BS density (PPP) for macro and micro cells, with/without sleep"
SOURCE = ("Andrews, Baccelli, Ganti, IEEE TCOM 2011 (PPP model); Auer et al., IEEE Wireless "
          "Commun. 2011, Table 2 (EARTH power); 3GPP TR 38.864 V18.1.0 Sec. 5.1 (sleep states)")

USER_DENSITY = 300.0        # active users per km^2
DEMAND_PER_USER = 0.5e6     # bit/s

UNITS = {"bs_density": "1/km^2"}
LONG = {"bs_density": "BS density", "bs_type": "cell type", "mode": "sleep mode"}


TYPES = ("macro", "micro")
#: mode -> (CellPowerModel mode, common-signal period [s] or None)
MODES = {"no_sleep": ("no_sleep", 0.02), "sleep": ("sleep", 0.02),
         "sleep_ideal": ("sleep", None)}
VARS = {"area_power": ("W/km^2", "area power consumption"),
        "area_throughput": ("bit/s/km^2", "area throughput"),
        "energy_efficiency": ("bit/J", "network energy efficiency"),
        "served_fraction": ("1", "fraction of the demand served"),
        "mean_utilisation": ("1", "mean cell utilisation"),
        "n_cells": ("1", "cells in the window")}


def point(bs_density, n_cells, rng=None):
    """One PPP drop per density; both cell types on the same positions and users; both sleep
    modes on the same loads."""
    gen = np.random.default_rng(rng)
    lam = float(bs_density) * 1e-6
    window = float(np.sqrt(n_cells / lam))
    positions = ppp_deployment(lam, window, gen)
    users = uniform_users(int(round(USER_DENSITY * window**2 / 1e6)), window, gen)
    key = int(gen.integers(0, 2**63 - 1))
    out = {k: np.full((len(TYPES), len(MODES)), np.nan) for k in VARS}
    for i, t in enumerate(TYPES):
        pm = cell_power_model(t)
        dep = positions.with_tx_power(pm.earth.n_trx * pm.earth.p_max)
        ds = evaluate_network(dep, users, demand=DEMAND_PER_USER, power_model=pm,
                              link_key=key)
        for j, (mode, period) in enumerate(MODES.values()):
            power = cell_power_model(t, common_signal_period=period).power(
                ds.utilisation.values, mode)
            met = area_metrics(power, ds.throughput.values, dep.area)
            for k in ("area_power", "area_throughput", "energy_efficiency"):
                out[k][i, j] = met[k]
            out["served_fraction"][i, j] = float(ds.served_fraction)
            out["mean_utilisation"][i, j] = float(ds.mean_utilisation)
            out["n_cells"][i, j] = dep.n_cells
    coords = {"bs_type": list(TYPES), "mode": list(MODES)}
    return {k: xr.DataArray(v, dims=("bs_type", "mode"), coords=coords) for k, v in out.items()}


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    dens = np.logspace(np.log10(0.5), np.log10(200.0), 9 if quick else 25)
    ds = wirelesseff.sweep(point, {"bs_density": dens}, fixed={"n_cells": 40 if quick else 300},
                           seed=seed, executor=executor, progress=not quick,
                           units={k: u for k, (u, _l) in VARS.items()} | UNITS,
                           long_names={k: ln for k, (_u, ln) in VARS.items()} | LONG,
                           strict=True)
    ds = ds.drop_vars("error", errors="ignore")
    for c in ("bs_type", "mode"):
        ds[c].attrs.update(units="1", long_name=LONG[c])
    ds["area_demand"] = xr.DataArray(USER_DENSITY * DEMAND_PER_USER,
                                     attrs={"units": "bit/s/km^2", "long_name": "area demand"})
    ds.attrs.update(study=NAME, source=SOURCE, user_density_per_km2=USER_DENSITY,
                    demand_per_user_bps=DEMAND_PER_USER)
    return ds


_MODE_LABEL = {"no_sleep": "no sleep", "sleep": "sleep between SSBs",
               "sleep_ideal": "sleep, no common signals"}
_STYLE = {"no_sleep": "-", "sleep": "--", "sleep_ideal": "-."}


def carried_density(ds, t, fraction=0.95):
    """Smallest grid density whose served fraction reaches ``fraction`` (NaN if none)."""
    ok = ds.served_fraction.sel(bs_type=t, mode="no_sleep").values >= fraction
    return float(ds.bs_density.values[np.argmax(ok)]) if ok.any() else float("nan")


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(1, 3, figsize=(13, 4.0))
    for j, t in enumerate(ds.bs_type.values):
        for m in ds["mode"].values:
            sel = ds.sel(bs_type=t, mode=m)
            kw = dict(color=f"C{j}", ls=_STYLE[str(m)], marker="o", ms=3)
            axes[0].plot(ds.bs_density, sel.area_power / 1e3, **kw)
            axes[1].plot(ds.bs_density, sel.area_throughput / 1e6, **kw)
            axes[2].plot(ds.bs_density, sel.energy_efficiency / 1e3, **kw)
        d = carried_density(ds, str(t))
        if np.isfinite(d):
            axes[2].axvline(d, color=f"C{j}", lw=0.8, ls=":", alpha=0.8)
    axes[1].axhline(float(ds.area_demand) / 1e6, color="0.5", lw=0.8, ls=":")
    labels = ("area power [kW/km^2]", "area throughput [Mbit/s/km^2]",
              "network energy efficiency [kbit/J]")
    titles = ("(a) area power", "(b) area throughput (both cell types alike)",
              "(c) EE; dotted vertical: 95 % of demand carried")
    for ax, lab, title in zip(axes, labels, titles, strict=True):
        ax.set_xscale("log")
        ax.set_xlabel(plotting.axis_label(ds.bs_density))
        ax.set_ylabel(lab)
        ax.set_title(title)
    axes[0].set_yscale("log")
    # two small legends: colour = cell type (panel a), line style = sleep mode (panel b)
    from matplotlib.lines import Line2D

    axes[0].legend([Line2D([], [], color=f"C{j}", marker="o", ms=3)
                    for j in range(ds.bs_type.size)],
                   [f"{t} cells" for t in ds.bs_type.values], fontsize=7, loc="lower right")
    handles = [Line2D([], [], color="0.3", ls=_STYLE[str(m)]) for m in ds["mode"].values]
    handles.append(Line2D([], [], color="0.5", lw=0.8, ls=":"))
    axes[1].legend(handles, [_MODE_LABEL[str(m)] for m in ds["mode"].values] + ["area demand"],
                   fontsize=7, loc="lower right")
    return fig


def headline(ds: xr.Dataset) -> list[Headline]:
    out = []
    for t in ("macro", "micro"):
        d = carried_density(ds, t)
        if not np.isfinite(d):
            continue
        at = ds.sel(bs_type=t, bs_density=d)
        top = ds.sel(bs_type=t).isel(bs_density=-1)
        out.append(Headline(f"density carrying 95 % of the demand, {t} cells", round(d, 2),
                            "1/km^2", note="grid point"))
        out.append(Headline(f"EE there, {t} cells without sleep",
                            round(float(at.energy_efficiency.sel(mode="no_sleep")) / 1e3, 1),
                            "kbit/J"))
        ratio = top.energy_efficiency / at.energy_efficiency
        out.append(Headline(f"EE at {float(ds.bs_density[-1]):.0f}/km^2 relative to there, "
                            f"{t} cells: no sleep / sleep between SSBs / sleep without "
                            f"common signals",
                            " / ".join(f"{float(ratio.sel(mode=m)):.2f}" for m in MODES),
                            "1"))
    return out


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
