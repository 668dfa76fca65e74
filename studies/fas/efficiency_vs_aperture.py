"""WET efficiency of a transmit-side fluid antenna versus its length W (fas spec S3).

Variant A (*reconstruction* of Zhang et al., arXiv:2503.04147) with N = 16 ports per antenna,
fas spec §9 defaults (M = 2, P_max = 1 W, SINR >= 10 dB, linear EH, affine power model): FAS
(TA, Jakes) and TB against their fixed-position baselines. A longer antenna decorrelates the
ports, so FAS improves while the FPA does not move. 300 draws per point (quick: 60). The
per-draw evaluation is shared with study ``fas-efficiency-vs-ports``.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import plotting
from wirelesseff.fas import VARIANT_LABELS, mean_stderr, monte_carlo_wet_efficiency
from wirelesseff.units import db2lin

NAME = "fas-efficiency-vs-aperture"
DESCRIPTION = "FAS WET efficiency vs antenna length W: FAS increases, FPA flat"
SOURCE = "Reconstruction of Zhang et al., arXiv:2503.04147 (2025); fas spec S3"
HEADLINE = False

N_PORTS = 16
M, P_MAX, SINR_DB, NOISE = 2, 1.0, 10.0, 1e-3  # reconstruction defaults (docs/fas.md)
VARIANTS = ("fas", "fpa", "tb", "tb_fpa")


def point(W, N, n_draws, rng=None):
    effs = monte_carlo_wet_efficiency(int(N), float(W), int(n_draws), rng, n_active=M,
                                      p_max=P_MAX, sinr_min=db2lin(SINR_DB), noise_power=NOISE,
                                      models=("jakes",))
    res = {}
    for v in VARIANTS:
        res[f"eff_{v}"], res[f"eff_{v}_se"] = mean_stderr(effs[v])
    return res


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    n_draws = 60 if quick else 300
    units = {f"eff_{v}{s}": "J/J" for v in VARIANTS for s in ("", "_se")}
    units.update(W="wavelengths")
    long = {f"eff_{v}": f"WET efficiency, {VARIANT_LABELS[v]}" for v in VARIANTS}
    long.update({f"eff_{v}_se": f"std. error, {VARIANT_LABELS[v]}" for v in VARIANTS})
    long.update(W="antenna length")
    return wirelesseff.sweep(
        point, {"W": np.array([0.25, 0.5, 1.0, 2.0, 4.0])},
        fixed={"N": N_PORTS, "n_draws": n_draws}, seed=seed, executor=executor,
        progress=not quick, units=units, long_names=long,
        attrs={"study": NAME, "source": SOURCE, "reconstruction": 1, "M": M,
               "N": N_PORTS, "p_max_w": P_MAX, "sinr_min_db": SINR_DB,
               "noise_power_w": NOISE, "eh": "linear, eta = 0.5", "n_draws": n_draws})


def plot(ds: xr.Dataset):
    fig, ax = plotting.subplots(1, 1, figsize=(6, 4))
    for v, st in zip(VARIANTS, ("o-", "k^:", "s-", "kv--")):
        ax.errorbar(ds.W, ds[f"eff_{v}"], yerr=2 * ds[f"eff_{v}_se"], fmt=st, ms=4, capsize=2,
                    label=VARIANT_LABELS[v])
    ax.set_xscale("log", base=2)
    ax.set_xlabel(plotting.axis_label(ds.W))
    ax.set_ylabel(plotting.axis_label(ds.eff_fas))
    ax.set_title(f"N = {ds.attrs['N']} ports, M = {ds.attrs['M']}")
    ax.legend(fontsize=8)
    return fig


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
