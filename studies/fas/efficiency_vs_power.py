"""WET efficiency versus the transmit power budget, linear and logistic EH (fas spec S4).

Variant A (*reconstruction* of Zhang et al., arXiv:2503.04147), N = 8 ports per antenna, W = 1,
M = 2, SINR >= 10 dB. Linear EH (eta = 0.5): the efficiency rises concavely and saturates below
the bound eta xi E[max_k |h_E(k)|^2] (full power is optimal, fas spec §6.1). Logistic EH
(Boshkovska et al. 2015 preset and the untraced ``logistic_alt`` preset) with the ER path gain
beta_E = 1e-2 (§9): the optimal transmit power is interior, so the optimised efficiency becomes
flat once P_max exceeds it, while transmitting at full power loses efficiency. 300 draws per
point (quick: 20 draws, 4 power values), common to all points.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import plotting
from wirelesseff.fas import (
    VARIANT_LABELS,
    boshkovska2015,
    default_eh_model,
    logistic_alt,
    mean_stderr,
    monte_carlo_wet_efficiency,
)
from wirelesseff.units import db2lin

NAME = "fas-efficiency-vs-power"
DESCRIPTION = "FAS WET efficiency vs P_max: linear EH saturates, logistic EH has interior optimum"
SOURCE = ("Reconstruction of Zhang et al., arXiv:2503.04147 (2025); EH model of Boshkovska et "
          "al., IEEE Commun. Lett. 2015; fas spec S4")
HEADLINE = False

N_PORTS, APERTURE = 8, 1.0
M, SINR_DB, NOISE = 2, 10.0, 1e-3  # reconstruction defaults (docs/fas.md)
EH = {"linear": (default_eh_model(), 1.0), "boshkovska2015": (boshkovska2015, 1e-2),
      "logistic_alt": (logistic_alt, 1e-2)}  # (model, ER path gain beta_E) fas spec §9
VARIANTS = ("fas", "fpa", "fas_full_power", "tb", "tb_fpa")
LONG = VARIANT_LABELS


def point(p_max, eh, n_draws, draw_seed):
    """Mean efficiencies at one (P_max, EH); every point uses the same channel draws (common
    random numbers, seeded by ``draw_seed``) so that trends in P_max are not masked by noise."""
    model, beta_e = EH[eh]
    rng = np.random.default_rng(draw_seed)
    effs = monte_carlo_wet_efficiency(N_PORTS, APERTURE, int(n_draws), rng, n_active=M,
                                      p_max=float(p_max), sinr_min=db2lin(SINR_DB),
                                      noise_power=NOISE, eh_model=model, beta_e=beta_e,
                                      models=("jakes",), extras=True)
    res = {}
    for v in VARIANTS:
        res[f"eff_{v}"], res[f"eff_{v}_se"] = mean_stderr(effs[v])
    res["eff_bound"] = float(np.mean(effs["bound"])) if eh == "linear" else np.nan
    return res


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    n_draws = 20 if quick else 300
    p = [0.01, 0.1, 1.0, 5.0] if quick else [0.01, 0.1, 0.5, 1.0, 2.0, 5.0]
    units = {f"eff_{v}{s}": "J/J" for v in VARIANTS for s in ("", "_se")}
    units.update(eff_bound="J/J", p_max="W")
    long = {f"eff_{v}": f"WET efficiency, {LONG[v]}" for v in VARIANTS}
    long.update({f"eff_{v}_se": f"std. error, {LONG[v]}" for v in VARIANTS})
    long.update(eff_bound=LONG["bound"], p_max="transmit power budget")
    return wirelesseff.sweep(
        point, {"p_max": np.array(p), "eh": list(EH)},
        fixed={"n_draws": n_draws, "draw_seed": seed}, seed=seed,
        executor=executor, progress=not quick, units=units, long_names=long,
        attrs={"study": NAME, "source": SOURCE, "reconstruction": 1, "M": M,
               "N": N_PORTS, "W": APERTURE, "sinr_min_db": SINR_DB,
               "beta_e_logistic": 1e-2, "n_draws": n_draws})


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(1, 3, figsize=(14, 4))
    for ax, eh in zip(axes, ds.eh.values):
        sub = ds.sel(eh=eh)
        for v, st in zip(VARIANTS, ("o-", "k^:", "s--", "d-", "kv--")):
            ax.errorbar(sub.p_max, sub[f"eff_{v}"], yerr=2 * sub[f"eff_{v}_se"], fmt=st, ms=4,
                        capsize=2, label=LONG[v])
        if eh == "linear":
            ax.plot(sub.p_max, sub.eff_bound, "r-", lw=1, label=LONG["bound"])
        ax.set_xscale("log")
        ax.set_xlabel(plotting.axis_label(ds.p_max))
        ax.set_ylabel(plotting.axis_label(ds.eff_fas))
        ax.set_title(f"EH: {eh}")
        ax.legend(fontsize=7)
    return fig


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
