"""One day on a hexagonal macro network: power over the day and energy per policy.

A wrap-around hexagonal grid of 3-sector macro sites (inter-site distance 500 m, EARTH macro
cells of 2 TRX and 40 W) carries users whose density follows the EARTH daily traffic profile
(busy hour: 150 active users per km^2 at 0.75 Mbit/s each; the profile as digitised in a
public data set, not checked against the EARTH figure). For every hour an independent user drop
is evaluated under four policies: always-on (no sleep), sleep states in idle periods (3GPP TR 38.864
category-1 states, anchored to the EARTH full-load power), greedy load-threshold switch-off
with re-association (load below 0.3, receiving cells at most 0.8 loaded, re-associated users
keep an SINR of at least -6 dB or their previous SINR), and switch-off plus sleep. The energy
per day, the saving against always-on and the served-rate and coverage penalties are reported.

Quick mode: 30 sites and every fourth hour (scaled to 24 h).
"""

from __future__ import annotations

import numpy as np
import xarray as xr

from wirelesseff import plotting
from wirelesseff.network import (
    POLICIES,
    cell_power_model,
    daily_energy,
    daily_profile,
    hex_deployment,
)
from wirelesseff.registry import Headline

NAME = "network-daily-energy"
DESCRIPTION = "Energy per day of a hex macro network: always-on vs sleep vs greedy switch-off"
SOURCE = ("Auer et al., IEEE Wireless Commun. 2011 (EARTH power model and daily-profile "
          "shape); 3GPP TR 38.864 V18.1.0 Sec. 5.1 (sleep states)")

PEAK_USERS_PER_KM2 = 150.0
DEMAND_PER_USER = 0.75e6  # bit/s
LABELS = {"always_on": "always on", "sleep": "sleep states",
          "switch_off": "switch-off", "switch_off_sleep": "switch-off and sleep"}


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    dep = hex_deployment(500.0, 5 if quick else 10, sectors=3)
    hours = np.arange(0, 24, 4) if quick else np.arange(24)
    ds = daily_energy(dep, peak_user_density=PEAK_USERS_PER_KM2 * 1e-6,
                      demand_per_user=DEMAND_PER_USER, power_model=cell_power_model("macro"),
                      hours=hours, seed=seed, executor=executor, progress=not quick)
    prof = daily_profile()[ds.hour.values]
    ds["traffic_profile"] = xr.DataArray(prof, dims="hour", attrs={
        "units": "1", "long_name": "traffic relative to the busy hour"})
    ds.attrs.update(study=NAME, source=SOURCE, inter_site_distance_m=500.0,
                    n_sites=dep.n_sites, peak_users_per_km2=PEAK_USERS_PER_KM2,
                    demand_per_user_bps=DEMAND_PER_USER)
    return ds


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(1, 2, figsize=(12, 4.2))
    ax = axes[0]
    for j, p in enumerate(ds.policy.values):
        ax.plot(ds.hour, ds.power.sel(policy=p) / 1e3, "o-", ms=3, color=f"C{j}",
                label=LABELS[str(p)])
    ax.set_xlabel(plotting.axis_label(ds.hour))
    ax.set_ylabel("network supply power [kW]")
    ax.set_xticks(range(0, 25, 4))
    ax.set_ylim(0, None)
    ax2 = ax.twinx()
    ax2.fill_between(ds.hour, ds.traffic_profile, color="0.85", step=None, zorder=0)
    ax2.set_ylabel("traffic relative to the busy hour")
    ax2.set_ylim(0, 1.05)
    ax.set_zorder(ax2.get_zorder() + 1)
    ax.patch.set_visible(False)
    ax.legend(fontsize=7, loc="lower right")  # the lines run high at both ends of the day
    ax.set_title("(a) power over the day (grey: traffic profile)")
    ax = axes[1]
    e = ds.energy_per_day
    names = [LABELS[str(p)] for p in ds.policy.values]
    bars = ax.bar(range(e.size), e.values, color=[f"C{j}" for j in range(e.size)])
    for b, s in zip(bars, ds.saving.values, strict=True):
        ax.annotate(f"-{100 * s:.0f} %" if s > 0 else "reference",
                    (b.get_x() + b.get_width() / 2, b.get_height()),
                    textcoords="offset points", xytext=(0, 2), ha="center", fontsize=8)
    ax.set_xticks(range(e.size), names, fontsize=8)
    ax.set_ylabel("energy per day [kWh]")
    ax.set_ylim(0, 1.15 * float(e.max()))
    ax.set_title("(b) energy per day and saving versus always-on")
    return fig


def headline(ds: xr.Dataset) -> list[Headline]:
    out = [Headline("energy per day, always on", round(float(ds.energy_per_day.sel(
        policy="always_on")), 1), "kWh", note=f"{ds.attrs.get('n_sites', '?')} sites")]
    for p in POLICIES[1:]:
        if p in ds.policy.values:
            out.append(Headline(f"saving, {LABELS[p]}",
                                round(100 * float(ds.saving.sel(policy=p)), 1), "%",
                                note=f"served-rate penalty "
                                     f"{100 * float(ds.rate_penalty.sel(policy=p)):.2f} %, "
                                     f"coverage penalty "
                                     f"{100 * float(ds.coverage_penalty.sel(policy=p)):.2f} "
                                     f"points"))
    return out


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
