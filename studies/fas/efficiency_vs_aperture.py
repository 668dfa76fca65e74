"""WET efficiency and data rate of a transmit-side fluid antenna versus its length W.

Variant A (*reconstruction* of Zhang et al., arXiv:2503.04147; docs/fas.md, "Variant A") with
N = 16 ports per antenna and the reconstruction defaults (M = 2, P_max = 1 W, SINR >= 10 dB,
linear EH, affine power model; docs/fas.md, "Defaults"): FAS (TA, Jakes) and TB against their
fixed-position baselines, and the data receiver's rate with the WET-optimal beam. A longer
antenna decorrelates the ports (Wong et al., IEEE TWC 2021), so FAS improves while the FPA does
not move. 300 draws per point (quick: 60).
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

NAME = "fas-efficiency-vs-aperture"
DESCRIPTION = "FAS WET efficiency vs antenna length W: FAS increases, FPA flat"
SOURCE = ("Reconstruction of Zhang et al., arXiv:2503.04147 (2025); Jakes port correlation of "
          "Wong et al., IEEE TWC 2021, doi:10.1109/TWC.2020.3037595")
HEADLINE = False

N_PORTS = 16
M, P_MAX, SINR_DB, NOISE = 2, 1.0, 10.0, 1e-3  # reconstruction defaults (docs/fas.md)
VARIANTS = ("fas", "fpa", "tb", "tb_fpa")


def point(W, N, n_draws, rng=None):
    draws = monte_carlo_wet_efficiency(int(N), float(W), int(n_draws), rng, n_active=M,
                                       p_max=P_MAX, sinr_min=db2lin(SINR_DB),
                                       noise_power=NOISE, models=("jakes",))
    return summarize_wet_draws(draws, VARIANTS)


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    n_draws = 60 if quick else 300
    units, long = wet_summary_metadata(VARIANTS)
    units.update(W="wavelengths")
    long.update(W="antenna length")
    return wirelesseff.sweep(
        point, {"W": np.array([0.25, 0.5, 1.0, 2.0, 4.0])},
        fixed={"N": N_PORTS, "n_draws": n_draws}, seed=seed, executor=executor,
        progress=not quick, units=units, long_names=long,
        attrs={"study": NAME, "source": SOURCE, "reconstruction": 1, "M": M,
               "N": N_PORTS, "p_max_w": P_MAX, "sinr_min_db": SINR_DB,
               "noise_power_w": NOISE, "eh": "linear, eta = 0.5", "n_draws": n_draws,
               "bandwidth_hz": 1.0})


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(1, 2, figsize=(11, 4))
    for ax, prefix, ylabel in ((axes[0], "eff", "WET efficiency [J/J]"),
                               (axes[1], "rate", "DR rate [bit/s/Hz]")):
        for v, st in zip(VARIANTS, ("o-", "k^:", "s-", "kv--")):
            ax.errorbar(ds.W, ds[f"{prefix}_{v}"], yerr=2 * ds[f"{prefix}_{v}_se"], fmt=st,
                        ms=4, capsize=2, label=VARIANT_LABELS[v])
        ax.set_xscale("log", base=2)
        ax.set_xlabel(plotting.axis_label(ds.W))
        ax.set_ylabel(ylabel)
        ax.legend(fontsize=8)
    axes[0].set_title(f"(a) N = {ds.attrs['N']} ports, M = {ds.attrs['M']}")
    axes[1].set_title("(b) DR rate with the WET-optimal beam")
    return fig


def headline(ds: xr.Dataset) -> list[Headline]:
    w0, w1 = float(ds.W.min()), float(ds.W.max())
    note = f"N = {ds.attrs['N']}, {ds.attrs['n_draws']} draws, reconstruction"
    return [
        Headline(f"WET efficiency, FAS at W = {w0:g}", float(ds.eff_fas.sel(W=w0)), "J/J",
                 note=note),
        Headline(f"WET efficiency, FAS at W = {w1:g}", float(ds.eff_fas.sel(W=w1)), "J/J",
                 note=note),
        Headline("WET efficiency, FPA (mean over W)", float(ds.eff_fpa.mean()), "J/J",
                 note=note),
        Headline(f"DR rate, FAS at W = {w1:g}", float(ds.rate_fas.sel(W=w1)), "bit/s/Hz",
                 note="with the WET-optimal beam"),
    ]


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
