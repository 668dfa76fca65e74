"""WET efficiency and data rate of a transmit-side fluid antenna versus the number of ports.

Variant A (*reconstruction* of Zhang et al., arXiv:2503.04147; docs/fas.md, "Variant A"):
M = 2 separate fluid antennas (TA) of length W = 1 wavelength with N ports each serve one data
receiver (DR, SINR >= 10 dB) and one energy receiver; ports by alternating optimisation, beam by
the closed-form oracle (exact for one DR + one ER), linear EH (eta = 0.5) and the other
reconstruction defaults (docs/fas.md, "Defaults"). Curves: FAS with Jakes-correlated ports
(Wong et al., IEEE TWC 2021), FAS with the (optimistic) constant-correlation model, and the
fixed-position antenna (FPA, port 0 of each FA); plus one fluid antenna with N ports of which
M = 2 are active (TB) against its FPA with evenly spread ports. The lower panels show the DR's
rate with the WET-optimal beam. 300 channel draws per point (quick: 40).
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

NAME = "fas-efficiency-vs-ports"
DESCRIPTION = "FAS WET efficiency vs ports: Jakes saturates, constant model keeps rising, FPA flat"
SOURCE = ("Reconstruction of Zhang et al., arXiv:2503.04147 (2025); Jakes port correlation of "
          "Wong et al., IEEE TWC 2021, doi:10.1109/TWC.2020.3037595")
HEADLINE = False

M = 2              # active ports / antennas (reconstruction default, docs/fas.md "Defaults")
P_MAX = 1.0        # W (normalised reconstruction default)
SINR_DB = 10.0     # DR target (reconstruction default)
NOISE = 1e-3       # W (normalised reconstruction default)
VARIANTS = ("fas", "fas_constant", "fpa", "tb", "tb_fpa")
LONG = {v: VARIANT_LABELS[v] for v in VARIANTS}


def point(N, W, n_draws, rng=None):
    draws = monte_carlo_wet_efficiency(int(N), float(W), int(n_draws), rng, n_active=M,
                                       p_max=P_MAX, sinr_min=db2lin(SINR_DB),
                                       noise_power=NOISE)
    return summarize_wet_draws(draws, VARIANTS)


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    n_draws = 40 if quick else 300
    grid = {"N": np.array([1, 2, 4, 8, 16, 32]), "W": np.array([1.0])}
    units, long = wet_summary_metadata(VARIANTS)
    units.update(N="1", W="wavelengths")
    long.update(N="ports per antenna", W="antenna length")
    ds = wirelesseff.sweep(point, grid, fixed={"n_draws": n_draws}, seed=seed,
                           executor=executor, progress=not quick, units=units, long_names=long,
                           attrs={"study": NAME, "source": SOURCE, "reconstruction": 1,
                                  "M": M, "p_max_w": P_MAX, "sinr_min_db": SINR_DB,
                                  "noise_power_w": NOISE, "eh": "linear, eta = 0.5",
                                  "power_model": "affine, xi = 0.35, P_static = 0.03 W, "
                                                 "P_RF = 0.01 W", "n_draws": n_draws,
                                  "port_search": "alternating (AO)", "beam": "oracle",
                                  "bandwidth_hz": 1.0})
    return ds.squeeze("W")


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(2, 2, figsize=(11, 7.5), squeeze=False)
    groups = (("fas", "fas_constant", "fpa"), ("tb", "tb_fpa"))
    for col, vs in enumerate(groups):
        for row, prefix in enumerate(("eff", "rate")):
            ax = axes[row, col]
            for v, st in zip(vs, ("o-", "s--", "k^:")):
                ax.errorbar(ds.N, ds[f"{prefix}_{v}"], yerr=2 * ds[f"{prefix}_{v}_se"], fmt=st,
                            ms=4, capsize=2, label=LONG[v])
            ax.set_xscale("log", base=2)
            ax.set_xlabel(plotting.axis_label(ds.N))
            ax.set_ylabel("WET efficiency [J/J]" if prefix == "eff" else "DR rate [bit/s/Hz]")
            ax.legend(fontsize=8)
    axes[0, 0].set_title(f"(a) TA: M = {ds.attrs['M']} antennas, W = {float(ds.W):g}")
    axes[0, 1].set_title(f"(b) TB: {ds.attrs['M']} of N ports active")
    axes[1, 0].set_title("(c) DR rate with the WET-optimal beam, TA")
    axes[1, 1].set_title("(d) DR rate with the WET-optimal beam, TB")
    return fig


def headline(ds: xr.Dataset) -> list[Headline]:
    n_max = int(ds.N.max())
    note = f"{ds.attrs['n_draws']} draws per point, reconstruction (no published values)"
    return [
        Headline("WET efficiency, one port (FAS = FPA)", float(ds.eff_fas.sel(N=1)), "J/J",
                 note=note),
        Headline(f"WET efficiency, FAS (Jakes) at N = {n_max}", float(ds.eff_fas.sel(N=n_max)),
                 "J/J", note=note),
        Headline(f"WET efficiency, FAS (constant model) at N = {n_max}",
                 float(ds.eff_fas_constant.sel(N=n_max)), "J/J",
                 note="the constant-correlation model overstates the FAS gain"),
        Headline("WET efficiency, FPA (mean over N)", float(ds.eff_fpa.mean()), "J/J",
                 note=note),
        Headline(f"DR rate, FAS (Jakes) at N = {n_max}", float(ds.rate_fas.sel(N=n_max)),
                 "bit/s/Hz", note="with the WET-optimal beam; target log2(1 + 10) = 3.46"),
    ]


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
