"""WET efficiency of a transmit-side fluid antenna versus the number of ports (fas spec S2).

Variant A (*reconstruction* of Zhang et al., arXiv:2503.04147): M = 2 separate fluid antennas
(TA) of length W = 1 wavelength with N ports each serve one data receiver (SINR >= 10 dB) and one
energy receiver; ports by alternating optimisation, beam by the closed-form oracle (exact for one
DR + one ER), linear EH (eta = 0.5), fas spec §9 defaults. Curves: FAS with Jakes-correlated
ports, FAS with the (optimistic) constant-correlation model, and the fixed-position antenna (FPA,
port 0 of each FA); plus one fluid antenna with N ports of which M = 2 are active (TB) against
its FPA with evenly spread ports. 300 channel draws per point (quick: 40).
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import plotting
from wirelesseff.fas import VARIANT_LABELS, mean_stderr, monte_carlo_wet_efficiency
from wirelesseff.units import db2lin

NAME = "fas-efficiency-vs-ports"
DESCRIPTION = "FAS WET efficiency vs ports: Jakes saturates, constant model keeps rising, FPA flat"
SOURCE = "Reconstruction of Zhang et al., arXiv:2503.04147 (2025); fas spec S2"
HEADLINE = False

M = 2              # active ports / antennas (fas spec §9, reconstruction default)
P_MAX = 1.0        # W (§9, normalised)
SINR_DB = 10.0     # DR target (§9)
NOISE = 1e-3       # W (§9, normalised)
VARIANTS = ("fas", "fas_constant", "fpa", "tb", "tb_fpa")
LONG = {v: VARIANT_LABELS[v] for v in VARIANTS}


def point(N, W, n_draws, rng=None):
    effs = monte_carlo_wet_efficiency(int(N), float(W), int(n_draws), rng, n_active=M,
                                      p_max=P_MAX, sinr_min=db2lin(SINR_DB), noise_power=NOISE)
    res = {}
    for v in VARIANTS:
        if np.all(np.isnan(effs[v])):
            res[f"eff_{v}"], res[f"eff_{v}_se"] = np.nan, np.nan
        else:
            res[f"eff_{v}"], res[f"eff_{v}_se"] = mean_stderr(effs[v])
    return res


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    n_draws = 40 if quick else 300
    grid = {"N": np.array([1, 2, 4, 8, 16, 32]), "W": np.array([1.0])}
    units = {f"eff_{v}{s}": "J/J" for v in VARIANTS for s in ("", "_se")}
    units.update(N="1", W="wavelengths")
    long = {f"eff_{v}": f"WET efficiency, {LONG[v]}" for v in VARIANTS}
    long.update({f"eff_{v}_se": f"std. error, {LONG[v]}" for v in VARIANTS})
    long.update(N="ports per antenna", W="antenna length")
    ds = wirelesseff.sweep(point, grid, fixed={"n_draws": n_draws}, seed=seed,
                           executor=executor, progress=not quick, units=units, long_names=long,
                           attrs={"study": NAME, "source": SOURCE, "reconstruction": 1,
                                  "M": M, "p_max_w": P_MAX, "sinr_min_db": SINR_DB,
                                  "noise_power_w": NOISE, "eh": "linear, eta = 0.5",
                                  "power_model": "affine, xi = 0.35, P_static = 0.03 W, "
                                                 "P_RF = 0.01 W", "n_draws": n_draws,
                                  "port_search": "alternating (AO)", "beam": "oracle"})
    return ds.squeeze("W")


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(1, 2, figsize=(11, 4))
    for ax, vs in ((axes[0], ("fas", "fas_constant", "fpa")), (axes[1], ("tb", "tb_fpa"))):
        for v, st in zip(vs, ("o-", "s--", "k^:")):
            ax.errorbar(ds.N, ds[f"eff_{v}"], yerr=2 * ds[f"eff_{v}_se"], fmt=st, ms=4,
                        capsize=2, label=LONG[v])
        ax.set_xscale("log", base=2)
        ax.set_xlabel(plotting.axis_label(ds.N))
        ax.set_ylabel(plotting.axis_label(ds.eff_fas))
        ax.legend(fontsize=8)
    axes[0].set_title(f"(a) TA: M = {ds.attrs['M']} antennas, W = {float(ds.W):g}")
    axes[1].set_title(f"(b) TB: {ds.attrs['M']} of N ports active")
    return fig


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
