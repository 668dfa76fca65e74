"""WET efficiency and data rate versus the data receiver's SINR target.

Variant A (*reconstruction* of Zhang et al., arXiv:2503.04147; docs/fas.md, "Variant A"),
N = 8 ports per antenna, W = 1, M = 2, P_max = 1 W, linear EH. The efficiency is flat while the
SINR constraint is inactive and drops sharply near P_max |h_D|^2 / sigma^2 (about 33 dB for
M = 2 unit-power ports); infeasible draws count as 0 and the feasible fraction is recorded.
Port selection keeps the FAS advantage and extends the feasible range; the DR rate with the
WET-optimal beam follows the target once the constraint is active. 300 draws, common to all
points (quick: 60).
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import plotting
from wirelesseff.fas import (
    VARIANT_LABELS,
    monte_carlo_wet_efficiency,
    summarize_wet_draws,
    wet_summary_metadata,
)
from wirelesseff.registry import Headline
from wirelesseff.units import db2lin

NAME = "fas-efficiency-vs-sinr"
DESCRIPTION = "FAS WET efficiency vs SINR target: flat, then sharp drop; feasible fraction"
SOURCE = "Reconstruction of Zhang et al., arXiv:2503.04147 (2025)"
HEADLINE = False

N_PORTS, APERTURE = 8, 1.0
M, P_MAX, NOISE = 2, 1.0, 1e-3  # reconstruction defaults (docs/fas.md)
VARIANTS = ("fas", "fpa", "tb", "tb_fpa")


def point(sinr_db, n_draws, draw_seed):
    """Mean efficiencies at one SINR target; all points share the channel draws (common random
    numbers seeded by ``draw_seed``)."""
    rng = np.random.default_rng(draw_seed)
    draws = monte_carlo_wet_efficiency(N_PORTS, APERTURE, int(n_draws), rng, n_active=M,
                                       p_max=P_MAX, sinr_min=db2lin(float(sinr_db)),
                                       noise_power=NOISE, models=("jakes",), extras=True)
    res = summarize_wet_draws(draws, VARIANTS)
    res["feasible_fas"] = float(np.mean(draws["feasible_fas"]))
    res["feasible_fpa"] = float(np.mean(draws["feasible_fpa"]))
    return res


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    n_draws = 60 if quick else 300
    units, long = wet_summary_metadata(VARIANTS)
    units.update(feasible_fas="1", feasible_fpa="1", sinr_db="dB")
    long.update(feasible_fas="feasible fraction, FAS", feasible_fpa="feasible fraction, FPA",
                sinr_db="DR SINR target")
    return wirelesseff.sweep(
        point, {"sinr_db": np.array([0.0, 10.0, 20.0, 30.0, 33.0, 35.0])},
        fixed={"n_draws": n_draws, "draw_seed": seed}, seed=seed, executor=executor,
        progress=not quick,
        units=units, long_names=long,
        attrs={"study": NAME, "source": SOURCE, "reconstruction": 1, "M": M,
               "N": N_PORTS, "W": APERTURE, "p_max_w": P_MAX,
               "noise_power_w": NOISE, "eh": "linear, eta = 0.5", "n_draws": n_draws,
               "infeasible": "counted as efficiency 0", "bandwidth_hz": 1.0})


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(1, 3, figsize=(15, 4))
    for ax, prefix, ylabel in ((axes[0], "eff", "WET efficiency [J/J]"),
                               (axes[1], "rate", "DR rate [bit/s/Hz]")):
        for v, st in zip(VARIANTS, ("o-", "k^:", "s-", "kv--")):
            ax.errorbar(ds.sinr_db, ds[f"{prefix}_{v}"], yerr=2 * ds[f"{prefix}_{v}_se"],
                        fmt=st, ms=4, capsize=2, label=VARIANT_LABELS[v])
        ax.set_xlabel(plotting.axis_label(ds.sinr_db))
        ax.set_ylabel(ylabel)
        ax.legend(fontsize=8)
    axes[1].plot(ds.sinr_db, np.log2(1 + db2lin(ds.sinr_db.values)), "r-", lw=1,
                 label="target log2(1 + SINR)")
    axes[1].legend(fontsize=8)
    axes[0].set_title("(a) mean WET efficiency (infeasible = 0)")
    axes[1].set_title("(b) DR rate with the WET-optimal beam (infeasible = 0)")
    axes[2].plot(ds.sinr_db, ds.feasible_fas, "o-", label="FAS")
    axes[2].plot(ds.sinr_db, ds.feasible_fpa, "k^:", label="FPA")
    axes[2].set_xlabel(plotting.axis_label(ds.sinr_db))
    axes[2].set_ylabel("feasible fraction")
    axes[2].legend(fontsize=8)
    axes[2].set_title("(c) fraction of draws meeting the SINR target")
    return fig


def headline(ds: xr.Dataset) -> list[Headline]:
    s_hi = float(ds.sinr_db.max())
    note = f"{ds.attrs['n_draws']} draws, reconstruction"
    return [
        Headline("WET efficiency, FAS, SINR target 0 dB", float(ds.eff_fas.sel(sinr_db=0.0)),
                 "J/J", note=note),
        Headline(f"WET efficiency, FAS, SINR target {s_hi:g} dB",
                 float(ds.eff_fas.sel(sinr_db=s_hi)), "J/J", note=note),
        Headline(f"feasible fraction at {s_hi:g} dB, FAS vs FPA",
                 f"{float(ds.feasible_fas.sel(sinr_db=s_hi)):.2f} vs "
                 f"{float(ds.feasible_fpa.sel(sinr_db=s_hi)):.2f}", "1", note=note),
        Headline(f"DR rate, FAS, SINR target {s_hi:g} dB",
                 float(ds.rate_fas.sel(sinr_db=s_hi)), "bit/s/Hz",
                 note="infeasible draws count as 0"),
    ]


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
