"""Power of an FR3 (7-24 GHz) base station by component versus RF chains [reconstruction].

Reconstruction of the parametric model of arXiv:2510.10647 ("A parametric power model of
upper mid-band (FR3) base stations for 6G", 2025; only the abstract was available) with the
constants of :func:`wirelesseff.power.fr3_params` (each cited or marked assumed): 1024
antennas, 30 % load, partially-connected hybrid arrays with 16-1024 RF chains and the fully
digital array; digital and analog processing, PAs, supply and cooling, averaged
over the data, signalling, micro-sleep and idle phases of downlink and uplink. The abstract's
statements are the acceptance targets; each is stated next to our value (``headline``), and
panel (d) shows how the two processing targets move with the digital efficiency L_BB, the
constant they depend on most.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import plotting
from wirelesseff.power import fr3_params
from wirelesseff.registry import Headline
from wirelesseff.xlmimo import fr3_downlink_ee

NAME = "xlmimo-fr3-power-breakdown"
DESCRIPTION = ("FR3 base-station power by component vs RF chains, and the abstract's targets "
               "[reconstruction]")
SOURCE = ("Reconstruction of arXiv:2510.10647, 'A parametric power model of upper mid-band (FR3) "
          "base stations for 6G' (abstract: 1024 antennas, 30 % load)")

TERMS = ("pa", "digital", "analog", "supply_cooling")
TERM_WORDS = {"pa": "power amplifiers", "digital": "digital processing",
              "analog": "analog processing", "supply_cooling": "supply and cooling"}
PHASES = ("data", "signalling", "micro_sleep", "idle")
PHASE_WORDS = {"data": "data", "signalling": "signalling", "micro_sleep": "micro-sleep",
               "idle": "idle"}
N_ANTENNAS, LOAD = 1024, 0.3
TARGETS = {
    "pa_dominates_up_to_64": "the PAs consume the most with 64 or fewer RF chains",
    "processing_dominates_from_512": "digital + analog exceed the PAs from 512 RF chains",
    "digital_processing_over_pa": "fully digital: digital + analog = 2x to 4x the PAs",
    "hybrid_ee_gain": "hybrid EE about 1.4x that of fully digital, about 1.3 Gbit/s per user",
}


def point(n_rf, l_bb):
    """Breakdown and downlink EE of the hybrid array with ``n_rf`` chains and of the digital
    array, for the digital efficiency ``l_bb`` [op/J]."""
    p = fr3_params(l_bb=float(l_bb))
    out = {}
    for arch, tag in (("hybrid_sub", "hybrid"), ("digital", "digital")):
        res = fr3_downlink_ee(n_rf, architecture=arch, n_antennas=N_ANTENNAS, load=LOAD,
                              params=p)
        bd = res["breakdown"]
        out |= {f"{t}_{tag}": getattr(bd, t) for t in TERMS}
        out |= {f"phase_{ph}_{tag}": bd.phases[ph] for ph in PHASES}
        out |= {f"total_{tag}": bd.total, f"ee_{tag}": res["ee"],
                f"rate_per_user_{tag}": res["rate_per_user"]}
    return out


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    n_rf = np.array([16, 32, 64, 128, 256, 512, 1024])
    l_bb = np.geomspace(10e9, 10e12, 13 if quick else 49)
    l_bb = np.unique(np.concatenate([l_bb, [12.8e9, 75e9, 750e9]]))
    units = {}
    long_names = {}
    for tag, words in (("hybrid", "partially-connected hybrid"), ("digital", "fully digital")):
        for t in TERMS:
            units[f"{t}_{tag}"] = "W"
            long_names[f"{t}_{tag}"] = f"{TERM_WORDS[t]}, {words}"
        for ph in PHASES:
            units[f"phase_{ph}_{tag}"] = "W"
            long_names[f"phase_{ph}_{tag}"] = f"{PHASE_WORDS[ph]} phase, {words}"
        units |= {f"total_{tag}": "W", f"ee_{tag}": "bit/J", f"rate_per_user_{tag}": "bit/s"}
        long_names |= {f"total_{tag}": f"total power, {words}",
                       f"ee_{tag}": f"downlink EE, {words}",
                       f"rate_per_user_{tag}": f"downlink rate per user, {words}"}
    ds = wirelesseff.sweep(
        point, grid={"n_rf": n_rf, "l_bb": l_bb}, seed=seed,
        executor=executor, progress=False, strict=True,
        units=units | {"n_rf": "1", "l_bb": "op/J"},
        long_names=long_names | {"n_rf": "RF chains N_RF",
                                 "l_bb": "digital efficiency L_BB"},
        attrs={"study": NAME, "source": SOURCE, "reconstruction": 1,
               "n_antennas": N_ANTENNAS, "load": LOAD,
               "l_bb_default": fr3_params().l_bb})
    ds = ds.drop_vars("error", errors="ignore")
    proc_h = ds.digital_hybrid + ds.analog_hybrid
    proc_d = ds.digital_digital + ds.analog_digital
    ratio = (ds.ee_hybrid / ds.ee_digital).assign_attrs(
        units="1", long_name="EE of the hybrid array / EE of the fully digital array")
    return ds.assign(
        processing_over_pa_hybrid=(proc_h / ds.pa_hybrid).assign_attrs(
            units="1", long_name="(digital + analog) / PAs, hybrid"),
        processing_over_pa_digital=(proc_d / ds.pa_digital).isel(n_rf=-1, drop=True)
        .assign_attrs(units="1", long_name="(digital + analog) / PAs, fully digital"),
        ee_ratio=ratio)


def _targets(ds, l_bb):
    """Our value for each abstract statement at the digital efficiency ``l_bb``."""
    s = ds.sel(l_bb=l_bb)
    largest = {int(n): max(TERMS[:3], key=lambda t, n=n: float(s[f"{t}_hybrid"].sel(n_rf=n)))
               for n in s.n_rf.values}
    over = s.processing_over_pa_hybrid
    crossing = s.n_rf.values[over.values > 1.0]
    i = int(np.argmax(s.ee_ratio.values))
    return {
        "pa_dominates_up_to_64": all(largest[n] == "pa" for n in largest if n <= 64),
        "first_n_rf_processing_exceeds_pa": int(crossing.min()) if crossing.size else None,
        "digital_processing_over_pa": float(s.processing_over_pa_digital),
        "best_hybrid_n_rf": int(s.n_rf.values[i]),
        "hybrid_ee_gain": float(s.ee_ratio.values[i]),
        "hybrid_rate_per_user": float(s.rate_per_user_hybrid.values[i]),
    }


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(2, 2, figsize=(10.5, 7.2))
    l0 = float(ds.attrs["l_bb_default"])
    s = ds.sel(l_bb=l0)
    x = np.arange(s.n_rf.size)
    ax = axes[0, 0]
    bottom = np.zeros(x.size)
    for j, t in enumerate(TERMS):
        v = s[f"{t}_hybrid"].values
        ax.bar(x, v, bottom=bottom, color=f"C{j}", label=TERM_WORDS[t])
        bottom = bottom + v
    dig = [float(s[f"{t}_digital"].isel(n_rf=0)) for t in TERMS]
    ax.bar([x.size + 0.5], [sum(dig)], color="0.85", edgecolor="0.3",
           label="fully digital (total)")
    ax.set_xticks(list(x) + [x.size + 0.5], [str(n) for n in s.n_rf.values] + ["digital"])
    ax.set_xlabel("RF chains N_RF (partially-connected hybrid, 1024 antennas)")
    ax.set_ylabel("average power [W]")
    ax.set_title(f"(a) breakdown at 30 % load, L_BB = {l0 / 1e9:g} Gop/J", fontsize=9)
    ax.legend(fontsize=7, loc="upper left")
    ax = axes[0, 1]
    for j, t in enumerate(TERMS[:3]):
        ax.plot(s.n_rf, s[f"{t}_hybrid"], "-o", ms=3, color=f"C{j}", label=TERM_WORDS[t])
    ax.plot(s.n_rf, s.digital_hybrid + s.analog_hybrid, "k--", label="digital + analog")
    ax.axvspan(s.n_rf.min(), 64, color="0.93", zorder=0)
    ax.axvspan(512, s.n_rf.max(), color="0.88", zorder=0)
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xlabel("RF chains N_RF (shaded: the abstract's regions, <= 64 and >= 512)")
    ax.set_ylabel("average power [W]")
    ax.set_title("(b) PAs versus processing", fontsize=9)
    ax.legend(fontsize=7)
    ax = axes[1, 0]
    for j, ph in enumerate(PHASES):
        ax.plot(s.n_rf, s[f"phase_{ph}_hybrid"], "-o", ms=3, color=f"C{j}",
                label=PHASE_WORDS[ph])
    ax.set_xscale("log", base=2)
    ax.set_xlabel("RF chains N_RF")
    ax.set_ylabel("time-averaged power by phase [W]")
    ax.set_title("(c) phases (downlink + uplink), hybrid", fontsize=9)
    ax.legend(fontsize=7)
    ax = axes[1, 1]
    ax.semilogx(ds.l_bb / 1e9, ds.processing_over_pa_digital, "C0-",
                label="fully digital: (digital + analog) / PAs")
    ax.axhspan(2.0, 4.0, color="C0", alpha=0.12, label="abstract: 2 to 4")
    ax.semilogx(ds.l_bb / 1e9, ds.ee_ratio.max("n_rf"), "C1-",
                label="best hybrid EE / fully digital EE")
    ax.axhline(1.4, color="C1", ls=":", label="abstract: about 1.4")
    for v, lab in ((12.8, "2015"), (75.0, "book VS1"), (750.0, "book VS2")):
        ax.axvline(v, color="0.6", lw=0.8)
        ax.annotate(lab, (v, 0.98), xycoords=("data", "axes fraction"), fontsize=6,
                    rotation=90, va="top", ha="right")
    ax.set_yscale("log")
    ax.set_xlabel("digital efficiency L_BB [Gop/J]")
    ax.set_ylabel("ratio [-]")
    ax.set_title("(d) where the abstract's ratios hold", fontsize=9)
    ax.legend(fontsize=6, loc="lower left")
    return fig


def headline(ds: xr.Dataset) -> list[Headline]:
    """Each statement of the abstract next to our value (defaults of fr3_params)."""
    src = "arXiv:2510.10647, abstract"
    t = _targets(ds, float(ds.attrs["l_bb_default"]))
    note = "reconstruction with the defaults of fr3_params (L_BB = 750 Gop/J)"
    cross = t["first_n_rf_processing_exceeds_pa"]
    return [
        Headline(TARGETS["pa_dominates_up_to_64"] + " (holds?)",
                 "yes" if t["pa_dominates_up_to_64"] else "no", "", "yes", src, note),
        Headline("smallest N_RF at which digital + analog exceed the PAs",
                 "none up to 1024" if cross is None else cross, "1", 512, src, note),
        Headline("fully digital: (digital + analog) / PAs",
                 round(t["digital_processing_over_pa"], 2), "1", "2 to 4", src, note),
        Headline(f"hybrid / fully-digital EE (best N_RF = {t['best_hybrid_n_rf']})",
                 round(t["hybrid_ee_gain"], 2), "1", 1.4, src, note),
        Headline("downlink rate per user of that hybrid array",
                 round(t["hybrid_rate_per_user"] / 1e9, 2), "Gbit/s", 1.3, src, note),
    ]


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
