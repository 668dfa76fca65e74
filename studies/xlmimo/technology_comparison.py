"""EE of sub-6 GHz massive MIMO, mmWave hybrid and mid-band XL-MIMO through one model
[reconstruction].

J. Tian et al. (arXiv:2512.12725; paper not available) state that mid-band XL-MIMO beats
representative multi-antenna technologies in energy efficiency. Here the four presets of
:func:`wirelesseff.xlmimo.technology_presets` (sub-6 GHz massive MIMO with 64 digital chains;
mmWave hybrid with 256 antennas and 16 RF chains; mid-band XL-MIMO with 1024 antennas, fully
digital or sub-connected hybrid with 64 RF chains; each constant cited or marked assumed) run
through the same EE model (:func:`wirelesseff.xlmimo.ee_at_rate`, the model of
:func:`wirelesseff.xlmimo.midband_ee` at a fixed served rate): (a) EE versus served sum rate,
(b) the best EE of each technology versus the digital efficiency L_BB, and (c) the map of
digital efficiency x mid-band PA efficiency on which mid-band XL-MIMO (its better
architecture) has the best EE of all four at its own optimum: where the claim holds under
these constants.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import plotting
from wirelesseff.registry import Headline
from wirelesseff.xlmimo import ee_at_rate, midband_ee, technology_presets

NAME = "xlmimo-technology-comparison"
DESCRIPTION = ("EE vs served rate of sub-6 GHz massive MIMO, mmWave hybrid and mid-band "
               "XL-MIMO through one model [reconstruction]")
SOURCE = ("Claim of J. Tian et al., arXiv:2512.12725 (abstract); presets: TS 38.104, TR 38.820, "
          "Björnson et al. 2015, Massive MIMO Networks, arXiv:2510.10647")

TECHS = ("sub6_massive_mimo", "mmwave_hybrid", "midband_digital", "midband_hybrid")


def _best(preset):
    r = midband_ee(preset.frequency, preset.n_antennas, preset.n_rf,
                   architecture=preset.architecture, n_users=preset.n_users,
                   bandwidth=preset.bandwidth, p_max=preset.p_max, d_min=preset.d_min,
                   d_max=preset.d_max, scenario=preset.scenario, los=preset.los,
                   noise_figure_db=preset.noise_figure_db, tau_c=preset.tau_c,
                   power_params=preset.power)
    return float(r.ee), float(r.sum_rate)


def point_rate(technology, sum_rate):
    ee, p_rad = ee_at_rate(technology_presets()[technology], sum_rate)
    return {"ee_at_rate": ee, "p_radiated": p_rad}


def point_best(technology_b, l_bb):
    ee, rate = _best(technology_presets(l_bb=float(l_bb))[technology_b])
    return {"ee_best": ee, "rate_at_best": rate}


def point_map(l_bb_m, pa_efficiency):
    presets = technology_presets(l_bb=float(l_bb_m))
    others = max(_best(presets[t])[0] for t in ("sub6_massive_mimo", "mmwave_hybrid"))
    mid = max(_best(presets[t].replace(power_changes={"pa_efficiency": float(pa_efficiency)}))[0]
              for t in ("midband_digital", "midband_hybrid"))
    return {"midband_over_best_other": mid / others}


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    rates = np.geomspace(1e8, 1e11, 31 if quick else 121)
    l_bb = np.unique(np.concatenate([np.geomspace(1e10, 1e13, 7 if quick else 25),
                                     [12.8e9, 75e9, 750e9]]))
    eta = np.linspace(0.1, 0.5, 5 if quick else 17)
    common = {"seed": seed, "executor": executor, "progress": False, "strict": True}
    a = wirelesseff.sweep(
        point_rate, grid={"technology": list(TECHS), "sum_rate": rates},
        units={"ee_at_rate": "bit/J", "p_radiated": "W", "sum_rate": "bit/s"},
        long_names={"ee_at_rate": "EE at the served rate", "p_radiated": "radiated power",
                    "sum_rate": "served sum rate"},
        attrs={"study": NAME, "source": SOURCE, "reconstruction": 1,
               "technology_names": " | ".join(technology_presets()[t].name for t in TECHS)},
        **common)
    b = wirelesseff.sweep(
        point_best, grid={"technology_b": list(TECHS), "l_bb": l_bb},
        units={"ee_best": "bit/J", "rate_at_best": "bit/s", "l_bb": "op/J"},
        long_names={"ee_best": "maximal EE", "rate_at_best": "sum rate at the maximal EE",
                    "l_bb": "digital efficiency L_BB"}, **common)
    c = wirelesseff.sweep(
        point_map, grid={"l_bb_m": l_bb, "pa_efficiency": eta},
        units={"midband_over_best_other": "1", "l_bb_m": "op/J", "pa_efficiency": "1"},
        long_names={"midband_over_best_other":
                    "best mid-band EE / best EE of sub-6 GHz and mmWave",
                    "l_bb_m": "digital efficiency L_BB",
                    "pa_efficiency": "PA efficiency of the mid-band array"}, **common)
    ds = xr.merge([x.drop_vars("error", errors="ignore") for x in (a, b, c)],
                  compat="no_conflicts", join="outer", combine_attrs="override")
    ds.attrs.update(default_l_bb=technology_presets()["midband_digital"].power.l_bb,
                    default_midband_pa_efficiency=technology_presets()[
                        "midband_digital"].power.pa_efficiency)
    return ds


def _names():
    return {t: technology_presets()[t].name for t in TECHS}


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(1, 3, figsize=(13.5, 4.0))
    names = _names()
    ax = axes[0]
    for j, t in enumerate(TECHS):
        ax.loglog(ds.sum_rate / 1e9, ds.ee_at_rate.sel(technology=t) / 1e6, color=f"C{j}",
                  label=names[t])
    ax.set_xlabel("served sum rate [Gbit/s]")
    ax.set_ylabel("EE [Mbit/J]")
    ax.set_title(f"(a) EE vs served rate, L_BB = {ds.attrs['default_l_bb'] / 1e9:g} Gop/J",
                 fontsize=9)
    ax.legend(fontsize=6, loc="lower right")
    ax = axes[1]
    for j, t in enumerate(TECHS):
        ax.loglog(ds.l_bb / 1e9, ds.ee_best.sel(technology_b=t) / 1e6, color=f"C{j}",
                  label=names[t])
    ax.set_xlabel("digital efficiency L_BB [Gop/J]")
    ax.set_ylabel("maximal EE [Mbit/J]")
    ax.set_title("(b) best EE of each technology", fontsize=9)
    ax.legend(fontsize=6, loc="lower right")
    ax = axes[2]
    r = ds.midband_over_best_other.transpose("pa_efficiency", "l_bb_m")
    mesh = ax.pcolormesh(ds.l_bb_m / 1e9, ds.pa_efficiency, np.log2(r), cmap="RdBu",
                         vmin=-2, vmax=2, shading="nearest")
    ax.contour(ds.l_bb_m / 1e9, ds.pa_efficiency, r, levels=[1.0], colors="k")
    ax.set_xscale("log")
    ax.set_xlabel("digital efficiency L_BB [Gop/J]")
    ax.set_ylabel("PA efficiency of the mid-band array")
    ax.set_title("(c) mid-band best / others' best (blue: claim holds)", fontsize=9)
    fig.colorbar(mesh, ax=ax, label="log2 of the EE ratio")
    return fig


def headline(ds: xr.Dataset) -> list[Headline]:
    """Best EE of each technology with the default constants, and the share of the map where
    the mid-band array wins."""
    names = _names()
    l0 = float(ds.attrs["default_l_bb"])
    out = [Headline(f"maximal EE, {names[t]}", round(float(ds.ee_best.sel(
        technology_b=t, l_bb=l0)) / 1e6, 1), "Mbit/J",
        note=f"L_BB = {l0 / 1e9:g} Gop/J; reconstruction") for t in TECHS]
    wins = float((ds.midband_over_best_other > 1.0).mean())
    out.append(Headline("share of the (L_BB, mid-band PA efficiency) map where mid-band "
                        "XL-MIMO has the best EE", round(wins, 2), "1",
                        "mid-band XL-MIMO beats representative technologies in EE",
                        "J. Tian et al., arXiv:2512.12725, abstract",
                        "the claim holds on part of the map only; see panel (c)"))
    return out


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
