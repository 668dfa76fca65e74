"""Network energy efficiency versus traffic load, with and without sleep modes.

One wrap-around hexagonal network of 3-sector macro sites (inter-site distance 500 m, 30 users
uniform in every site's cell, one fixed drop) carries a demand per user swept so that the mean
cell utilisation runs from about 0.1 % to about 90 %. The same loads are priced with five
base-station power models of one EARTH macro cell (Auer et al., IEEE Wireless Commun. 2011,
Table 2): EARTH without sleep (idle at P0), EARTH with its sleep level (only a cell without
traffic sleeps), TR 38.864 without light/deep sleep (idle at micro sleep), TR 38.864 with its
sleep states in the idle periods between the cell's SSBs (every 20 ms, the periodicity of
3GPP TS 38.213 Sec. 4.1: light sleep at most for category 1), and the same without common
signals, an idealised bound in which an idle cell reaches deep sleep (3GPP TR 38.864 V18.1.0
Sec. 5.1, Poisson bursts of 0.1 s; relative powers anchored to the EARTH full-load power -
this project's anchoring). At low load the static power dominates and the EE collapses without
sleep; sleeping between SSBs roughly halves the idle power, and only the idealised deep sleep
keeps the EE near its full-load value.
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
    hex_deployment,
    users_per_cell,
)
from wirelesseff.registry import Headline

NAME = "network-ee-vs-load"
DESCRIPTION = "Network EE vs traffic load on a hex macro network, with and without sleep modes"
SOURCE = ("Auer et al., IEEE Wireless Commun. 2011, Table 2 (EARTH); 3GPP TR 38.864 V18.1.0, "
          "Sec. 5.1 (sleep states)")

#: name -> (sleep model, mode, common-signal period [s] or None, legend label)
VARIANTS = {"earth_no_sleep": ("earth", "no_sleep", None, "EARTH, no sleep"),
            "earth_sleep": ("earth", "sleep", None, "EARTH, sleep of idle cells"),
            "tr38864_no_sleep": ("tr38864", "no_sleep", 0.02, "TR 38.864, micro sleep only"),
            "tr38864_sleep": ("tr38864", "sleep", 0.02,
                              "TR 38.864, light/deep sleep between SSBs (20 ms)"),
            "tr38864_sleep_ideal": ("tr38864", "sleep", None,
                                    "TR 38.864, light/deep sleep, no common signals")}
UNITS = {"energy_efficiency": "bit/J", "area_power": "W/km^2", "mean_utilisation": "1",
         "served_fraction": "1", "area_throughput": "bit/s/km^2", "demand_per_user": "bit/s"}
LONG = {"energy_efficiency": "network energy efficiency", "area_power": "area power consumption",
        "mean_utilisation": "mean cell utilisation", "served_fraction": "fraction served",
        "area_throughput": "area throughput", "demand_per_user": "demand per user",
        "power_model": "base-station power model"}


def point(demand_per_user, layout_seed, n_cols):
    """All demands share one drop (``layout_seed``); the four power models share its loads."""
    dep = hex_deployment(500.0, int(n_cols), sectors=3)
    users = users_per_cell(dep, 30, rng=int(layout_seed))
    ds = evaluate_network(dep, users, demand=float(demand_per_user),
                          power_model=cell_power_model("macro", sleep_model="earth"),
                          rng=int(layout_seed))
    ee, ap = [], []
    for sleep_model, mode, period, _label in VARIANTS.values():
        pm = cell_power_model("macro", sleep_model=sleep_model, common_signal_period=period)
        met = area_metrics(pm.power(ds.utilisation.values, mode), ds.throughput.values,
                           dep.area)
        ee.append(met["energy_efficiency"])
        ap.append(met["area_power"])
    coords = {"power_model": list(VARIANTS)}
    return {"energy_efficiency": xr.DataArray(ee, dims="power_model", coords=coords),
            "area_power": xr.DataArray(ap, dims="power_model", coords=coords),
            "area_throughput": float(ds.area_throughput),
            "mean_utilisation": float(ds.mean_utilisation),
            "served_fraction": float(ds.served_fraction)}


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    demand = np.logspace(np.log10(1e3), np.log10(1.3e6), 8 if quick else 30)
    ds = wirelesseff.sweep(point, {"demand_per_user": demand},
                           fixed={"layout_seed": seed, "n_cols": 5 if quick else 8},
                           seed=seed, executor=executor, progress=not quick, units=UNITS,
                           long_names=LONG, strict=True)
    ds = ds.drop_vars("error", errors="ignore")
    ds["power_model"].attrs.update(units="1", long_name=LONG["power_model"])
    ds.attrs.update(study=NAME, source=SOURCE, inter_site_distance_m=500.0,
                    users_per_site=30)
    return ds


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(1, 2, figsize=(12, 4.2))
    x = ds.mean_utilisation.values
    styles = ("o-", "s--", "o-", "o-", "^:")  # the EARTH sleep level only acts on empty cells
    for j, (name, (_s, _m, _p, label)) in enumerate(VARIANTS.items()):
        axes[0].plot(x, ds.energy_efficiency.sel(power_model=name) / 1e3, styles[j], ms=3,
                     color=f"C{j}", label=label)
        axes[1].plot(x, ds.area_power.sel(power_model=name) / 1e3, styles[j], ms=3,
                     color=f"C{j}", label=label)
    for ax in axes:
        ax.set_xscale("log")
        ax.set_xlabel(plotting.axis_label(ds.mean_utilisation))
    axes[0].set_yscale("log")
    axes[0].set_ylabel("network energy efficiency [kbit/J]")
    axes[0].legend(fontsize=7, loc="lower right")
    axes[0].set_title("(a) EE versus load")
    axes[1].set_ylabel("area power [kW/km^2]")
    axes[1].set_title("(b) area power versus load")
    return fig


def _at(ds, u):
    i = int(np.argmin(np.abs(np.log(ds.mean_utilisation.values / u))))
    return ds.isel(demand_per_user=i)


def headline(ds: xr.Dataset) -> list[Headline]:
    lo, hi = _at(ds, 0.05), _at(ds, 1.0)
    out = []
    for name in ("earth_no_sleep", "tr38864_sleep", "tr38864_sleep_ideal"):
        r = float(lo.energy_efficiency.sel(power_model=name) /
                  hi.energy_efficiency.sel(power_model=name))
        out.append(Headline(f"EE at ~5 % load relative to the highest load of the grid, "
                            f"{VARIANTS[name][3]}", round(r, 3), "1",
                            note=f"utilisation {float(lo.mean_utilisation):.3f} vs "
                                 f"{float(hi.mean_utilisation):.2f}"))
    for name, what in (("tr38864_sleep", "between SSBs"),
                       ("tr38864_sleep_ideal", "without common signals")):
        g = float(lo.energy_efficiency.sel(power_model=name) /
                  lo.energy_efficiency.sel(power_model="tr38864_no_sleep"))
        out.append(Headline(f"EE gain of light/deep sleep {what} at ~5 % load (TR 38.864)",
                            round(g, 2), "1"))
    return out


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
