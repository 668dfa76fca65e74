"""Energy efficiency versus the number of RIS_u elements: passive vs active RIS (F4).

Uplink at zenith, target 1 bit/s/Hz, 20 GHz, RIS_u with N = 16...4096 elements (RIS_s, when
present, 0.25 m, passive, 3-bit). Variants: passive with Huang et al.'s 3-bit element power
(1.5 mW), passive with continuous phases and Björnson et al.'s P_e = 5 mW, and an active RIS_u
(3-bit phases, P_SW + P_DC = 0.42 mW per element, a² = 10 dB, ξ = 0.8; Zhang, Dai et al. 2023),
and, for a like-for-like comparison with that paper, a passive RIS drawing only P_SW = 0.1 mW per
element. With Huang's 1.5 mW the active surface wins at every N (its elements are cheaper and its
amplifier noise is attenuated by the whole satellite path); against the 0.1 mW passive surface the
active one wins at small N and loses at large N.
EE = B R̄ / (P_t/ν + P_s + P_d + P_RIS). Passive surfaces show an interior EE-optimal N*.
Reconstruction study for Sanila et al. (WCNC 2025).
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import plotting
from wirelesseff.registry import Headline
from wirelesseff.ris_leo import (
    CONFIG_LABELS,
    LeoLinkParams,
    RISPowerModel,
    required_uplink_power,
    ris_powers,
    total_power,
)
from wirelesseff.units import dbm2w

NAME = "ris-leo-ee-vs-elements"
DESCRIPTION = "EE vs number of RIS_u elements: passive (Huang 3-bit, P_e) vs active RIS"
SOURCE = ("Reconstruction for Sanila et al., IEEE WCNC 2025; Huang et al., IEEE TWC 2019; "
          "Björnson et al., IEEE WCL 2020; Zhang, Dai et al., IEEE TCOM 2023")
HEADLINE = False

#: P_SW = -10 dBm per passive element (the passive-RIS power of Zhang, Dai et al. 2023).
ZHANG_PASSIVE = RISPowerModel(table={3: float(dbm2w(-10.0))})

VARIANTS = {  # (bits_u, bits_s, active RIS_u, passive power model or None for the default)
    "passive_huang_3bit": (3, 3, False, None),
    "passive_pe_continuous": (None, None, False, None),
    "passive_zhang_0.1mW": (3, 3, False, ZHANG_PASSIVE),
    "active_3bit": (3, 3, True, None),
}
CONFIGS = ("ris_user", "double")
#: The variants in words (legends).
VARIANT_LABELS = {"passive_huang_3bit": "passive, 3-bit, 1.5 mW/element (Huang 2019)",
                  "passive_pe_continuous": "passive, continuous, 5 mW/element (Björnson 2020)",
                  "passive_zhang_0.1mW": "passive, 3-bit, 0.1 mW/element (Zhang, Dai 2023)",
                  "active_3bit": "active, 3-bit, a² = 10 dB"}


def point(n_side, elevation_deg):
    base = LeoLinkParams()
    side = float(n_side) * base.element_spacing
    ee = np.empty((len(VARIANTS), len(CONFIGS)))
    p_req = np.empty_like(ee)
    p_ris = np.empty_like(ee)
    for i, (bu, bs, active, model) in enumerate(VARIANTS.values()):
        p = base.replace(ris_u_side=side, bits=(bu, bs), active_ris_u=active,
                         ris_power=base.ris_power if model is None else model)
        for j, cfg in enumerate(CONFIGS):
            pt = float(required_uplink_power(cfg, np.deg2rad(elevation_deg), p))
            pu, ps = ris_powers(cfg, p, pt)
            tot = total_power(pt, [pu, ps], pa_efficiency=p.pa_efficiency,
                              static_power=p.static_power)
            ee[i, j] = p.bandwidth * p.target_rate / tot
            p_req[i, j], p_ris[i, j] = pt, float(pu) + float(ps)
    return {"energy_efficiency": ee, "required_power": p_req, "ris_power": p_ris}


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    """RIS_u with 4...64 elements per side (quick: 9 sizes), zenith."""
    sides = (np.array([4, 6, 8, 12, 16, 24, 32, 48, 64]) if quick else np.arange(4, 65))
    ds = wirelesseff.sweep(
        point, {"n_side": sides, "elevation_deg": np.array([90.0])}, seed=seed,
        executor=executor, progress=False,
        dims={"energy_efficiency": ("variant", "config"), "required_power": ("variant", "config"),
              "ris_power": ("variant", "config")},
        coords={"variant": list(VARIANTS), "config": list(CONFIGS)},
        units={"energy_efficiency": "bit/J", "required_power": "W", "ris_power": "W",
               "n_side": "1", "elevation_deg": "deg"},
        long_names={"energy_efficiency": "energy efficiency", "required_power":
                    "required UT power", "ris_power": "RIS power",
                    "n_side": "RIS_u elements per side", "elevation_deg": "elevation"},
        attrs={"study": NAME, "source": SOURCE, "reconstruction": 1})
    ds = ds.squeeze("elevation_deg", drop=True)
    ds = ds.assign_coords(config=list(CONFIGS), variant=list(VARIANTS),
                          n_elements=("n_side", ds.n_side.values.astype(float) ** 2,
                                      {"units": "1", "long_name": "RIS_u elements N"}))
    best = ds.energy_efficiency.argmax("n_side")
    ds["n_star"] = ds.n_elements.isel(n_side=best).drop_vars("n_side").assign_attrs(
        units="1", long_name="EE-optimal number of RIS_u elements")
    ds["ee_max"] = ds.energy_efficiency.max("n_side").assign_attrs(
        units="bit/J", long_name="maximal EE")
    for cfg in CONFIGS:
        diff = (ds.energy_efficiency.sel(config=cfg, variant="passive_zhang_0.1mW")
                - ds.energy_efficiency.sel(config=cfg, variant="active_3bit")).values
        wins = np.nonzero(diff >= 0)[0]
        ds.attrs[f"crossover_n_{cfg}"] = (float(ds.n_elements.values[wins[0]]) if wins.size
                                          else float("nan"))
    return ds


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(1, 2, figsize=(11, 4.6), sharey=True)
    ee = (ds.energy_efficiency / 1e6).assign_attrs(units="Mbit/J", long_name="energy efficiency")
    ee = ee.swap_dims({"n_side": "n_elements"})
    for ax, cfg in zip(axes, ds.config.values):
        for i, var in enumerate(ds.variant.values):
            plotting.plot_curves(ax, ee.sel(config=cfg, variant=var), "n_elements", logx=True,
                                 scale_units=False, color=f"C{i}",
                                 label=VARIANT_LABELS[str(var)])
            n = float(ds.n_star.sel(config=cfg, variant=var))
            plotting.mark_point(ax, n, float(ds.ee_max.sel(config=cfg, variant=var)) / 1e6)
        ax.set_xlabel("RIS_u elements N")
        ax.set_title(f"{CONFIG_LABELS[str(cfg)]}, zenith, 1 bit/s/Hz", fontsize=9)
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside upper center", ncols=2, fontsize=8,
               frameon=False)
    return fig


def headline(ds: xr.Dataset) -> list[Headline]:
    """EE-optimal RIS_u size of each variant and the passive/active crossover."""
    out = [Headline(f"EE-optimal N, {CONFIG_LABELS[str(c)]}, {VARIANT_LABELS[str(v)]}",
                    int(ds.n_star.sel(config=c, variant=v)), "1",
                    note="zenith, 1 bit/s/Hz, 20 GHz; grid optimum; reconstruction")
           for c in ds.config.values for v in ds.variant.values if str(v).startswith("pass")]
    for c in ds.config.values:
        out.append(Headline(f"smallest N where the 0.1 mW passive RIS beats the active one, "
                            f"{CONFIG_LABELS[str(c)]}", ds.attrs[f"crossover_n_{c}"], "1",
                            note="reconstruction"))
    return out


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
