"""WET efficiency versus the transmit power budget, linear and logistic EH.

Variant A (*reconstruction* of Zhang et al., arXiv:2503.04147; docs/fas.md, "Variant A"),
N = 8 ports per antenna, W = 1, M = 2, SINR >= 10 dB. Linear EH (eta = 0.5): the efficiency
rises concavely and saturates below the bound eta xi E[max_k |h_E(k)|^2] (full power is optimal,
docs/fas.md, "Closed-form oracle"). Logistic EH (Boshkovska et al., IEEE Commun. Lett. 2015, and
the untraced ``logistic_alt`` preset) with the ER path gain beta_E = 1e-2: the optimal transmit
power is interior, so the optimised efficiency becomes flat once P_max exceeds it, while
transmitting at full power loses efficiency. The data receiver's rate with the WET-optimal beam
is recorded too. 300 draws per point (quick: 20 draws, 4 power values), common to all points.
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
    summarize_wet_draws,
    wet_summary_metadata,
)
from wirelesseff.registry import Headline
from wirelesseff.units import db2lin

NAME = "fas-efficiency-vs-power"
DESCRIPTION = "FAS WET efficiency vs P_max: linear EH saturates, logistic EH has interior optimum"
SOURCE = ("Reconstruction of Zhang et al., arXiv:2503.04147 (2025); logistic EH model of "
          "Boshkovska et al., IEEE Commun. Lett. 2015, doi:10.1109/LCOMM.2015.2478460")
HEADLINE = False

N_PORTS, APERTURE = 8, 1.0
M, SINR_DB, NOISE = 2, 10.0, 1e-3  # reconstruction defaults (docs/fas.md)
# (model, ER path gain beta_E): beta_E = 1e-2 with a logistic EH (reconstruction default)
EH = {"linear": (default_eh_model(), 1.0), "boshkovska2015": (boshkovska2015, 1e-2),
      "logistic_alt": (logistic_alt, 1e-2)}
EH_LABELS = {"linear": "linear EH (eta = 0.5)",
             "boshkovska2015": "logistic EH (Boshkovska et al. 2015)",
             "logistic_alt": "logistic EH (alternative preset, source untraced)"}
VARIANTS = ("fas", "fpa", "fas_full_power", "tb", "tb_fpa")
RATE_VARIANTS = ("fas", "fpa", "tb", "tb_fpa")  # fas_full_power has no separate beam
LONG = VARIANT_LABELS


def point(p_max, eh, n_draws, draw_seed):
    """Mean efficiencies at one (P_max, EH); every point uses the same channel draws (common
    random numbers, seeded by ``draw_seed``) so that trends in P_max are not masked by noise."""
    model, beta_e = EH[eh]
    rng = np.random.default_rng(draw_seed)
    draws = monte_carlo_wet_efficiency(N_PORTS, APERTURE, int(n_draws), rng, n_active=M,
                                       p_max=float(p_max), sinr_min=db2lin(SINR_DB),
                                       noise_power=NOISE, eh_model=model, beta_e=beta_e,
                                       models=("jakes",), extras=True)
    res = summarize_wet_draws(draws, RATE_VARIANTS)
    res["eff_fas_full_power"], res["eff_fas_full_power_se"] = mean_stderr(draws["fas_full_power"])
    res["eff_bound"] = float(np.mean(draws["bound"])) if eh == "linear" else np.nan
    return res


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    n_draws = 20 if quick else 300
    p = [0.01, 0.1, 1.0, 5.0] if quick else [0.01, 0.1, 0.5, 1.0, 2.0, 5.0]
    units, long = wet_summary_metadata(RATE_VARIANTS)
    units.update(eff_fas_full_power="J/J", eff_fas_full_power_se="J/J", eff_bound="J/J",
                 p_max="W")
    long.update(eff_fas_full_power=f"WET efficiency, {LONG['fas_full_power']}",
                eff_fas_full_power_se=f"std. error, WET efficiency, {LONG['fas_full_power']}")
    long.update(eff_bound="upper bound eta xi E[max|h_E|^2] (linear EH)",
                p_max="transmit power budget")
    return wirelesseff.sweep(
        point, {"p_max": np.array(p), "eh": list(EH)},
        fixed={"n_draws": n_draws, "draw_seed": seed}, seed=seed,
        executor=executor, progress=not quick, units=units, long_names=long,
        attrs={"study": NAME, "source": SOURCE, "reconstruction": 1, "M": M,
               "N": N_PORTS, "W": APERTURE, "sinr_min_db": SINR_DB,
               "beta_e_logistic": 1e-2, "n_draws": n_draws, "bandwidth_hz": 1.0})


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(2, 3, figsize=(14, 7.5), squeeze=False)
    for j, eh in enumerate(ds.eh.values):
        sub = ds.sel(eh=eh)
        ax = axes[0, j]
        for v, st in zip(VARIANTS, ("o-", "k^:", "s--", "d-", "kv--")):
            ax.errorbar(sub.p_max, sub[f"eff_{v}"], yerr=2 * sub[f"eff_{v}_se"], fmt=st, ms=4,
                        capsize=2, label=LONG[v])
        if eh == "linear":
            ax.plot(sub.p_max, sub.eff_bound, "r-", lw=1, label="upper bound (linear EH)")
        ax.set_ylabel("WET efficiency [J/J]")
        ax.set_title(f"({'abc'[j]}) {EH_LABELS[str(eh)]}")
        ax.legend(fontsize=7)
        ax = axes[1, j]
        for v, st in zip(RATE_VARIANTS, ("o-", "k^:", "d-", "kv--")):
            ax.errorbar(sub.p_max, sub[f"rate_{v}"], yerr=2 * sub[f"rate_{v}_se"], fmt=st,
                        ms=4, capsize=2, label=LONG[v])
        ax.set_ylabel("DR rate [bit/s/Hz]")
        ax.set_title(f"({'def'[j]}) DR rate with the WET-optimal beam")
        ax.legend(fontsize=7)
        for row in (0, 1):
            axes[row, j].set_xscale("log")
            axes[row, j].set_xlabel(plotting.axis_label(ds.p_max))
    return fig


def headline(ds: xr.Dataset) -> list[Headline]:
    lin = ds.sel(eh="linear")
    p_hi, p_ref = float(ds.p_max.max()), 1.0
    out = [
        Headline(f"WET efficiency, FAS, linear EH at P_max = {p_hi:g} W",
                 float(lin.eff_fas.sel(p_max=p_hi)), "J/J",
                 note="saturating rise; reconstruction"),
        Headline("linear-EH upper bound eta xi E[max|h_E|^2]",
                 float(lin.eff_bound.sel(p_max=p_hi)), "J/J"),
    ]
    for eh in ("boshkovska2015", "logistic_alt"):
        sub = ds.sel(eh=eh)
        out.append(Headline(f"WET efficiency, FAS, {EH_LABELS[eh]}, optimised power "
                            f"(P_max = {p_hi:g} W)", float(sub.eff_fas.sel(p_max=p_hi)), "J/J",
                            note="flat beyond the interior optimum"))
        out.append(Headline(f"WET efficiency at full power, {EH_LABELS[eh]} "
                            f"(P_max = {p_ref:g} -> {p_hi:g} W)",
                            f"{float(sub.eff_fas_full_power.sel(p_max=p_ref)):.4g} -> "
                            f"{float(sub.eff_fas_full_power.sel(p_max=p_hi)):.4g}", "J/J"))
    return out


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
