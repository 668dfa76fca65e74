"""Downlink SINR coverage of a PPP cellular network: closed form vs Monte Carlo.

Reproduces the classic coverage-versus-threshold figure of Andrews, Baccelli and Ganti (IEEE
Trans. Commun. 2011): the probability that the typical user's SIR exceeds T, for path-loss
exponents 3, 4 and 5, nearest-BS association, Rayleigh fading, no noise. The closed form
1/(1 + rho(T, alpha)) (Theorem 1) is drawn as lines; the Monte-Carlo estimate of the network
drop machinery (PPP on a torus, every BS interfering) as markers with 3-standard-error bars.
The mean rate of Theorem 3 (2.15 bit/s/Hz for alpha = 4) is added per exponent.

Monte-Carlo sizes: full mode 40 drops of 150 users per exponent (edge bias of the torus
window below 0.003, see wirelesseff.network.default_window); quick mode 20 drops of 100 users
(edge bias below 0.005).
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import plotting
from wirelesseff.network import coverage_probability_ppp, mean_rate_ppp, monte_carlo_coverage
from wirelesseff.registry import Headline

NAME = "network-coverage-ppp"
DESCRIPTION = "PPP downlink coverage vs SIR threshold, alpha = 3, 4, 5: closed form and Monte Carlo"
SOURCE = ("Andrews, Baccelli, Ganti, IEEE Trans. Commun. 59(11), 2011, "
          "doi:10.1109/TCOMM.2011.100411.100541, Theorems 1 and 3")
HEADLINE = True

#: BS density of the Monte Carlo [1/m^2] (the interference-limited coverage does not depend
#: on it): one BS per 0.1 km^2.
DENSITY = 1e-5

UNITS = {"p_closed_form": "1", "p_monte_carlo": "1", "p_stderr": "1",
         "mean_rate": "bit/s/Hz", "alpha": "1", "threshold_db": "dB"}
LONG = {"p_closed_form": "coverage probability, closed form",
        "p_monte_carlo": "coverage probability, Monte Carlo",
        "p_stderr": "Monte-Carlo standard error", "mean_rate": "mean spectral efficiency",
        "alpha": "path-loss exponent", "threshold_db": "SIR threshold"}


def point(alpha, thresholds_db, n_drops, users_per_drop, edge_bias, rng=None):
    """Closed form and Monte Carlo at one path-loss exponent, over the thresholds."""
    t = 10.0 ** (np.asarray(thresholds_db, dtype=float) / 10.0)
    p_mc, se = monte_carlo_coverage(t, float(alpha), density=DENSITY, n_drops=int(n_drops),
                                    rng=rng, users_per_drop=int(users_per_drop),
                                    edge_bias=float(edge_bias))
    coords = {"threshold_db": np.asarray(thresholds_db, dtype=float)}

    def da(v):
        return xr.DataArray(np.asarray(v), dims="threshold_db", coords=coords)

    return {"p_closed_form": da(coverage_probability_ppp(t, float(alpha))),
            "p_monte_carlo": da(p_mc), "p_stderr": da(se),
            "mean_rate": float(mean_rate_ppp(float(alpha)))}


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    thresholds = np.arange(-10.0, 20.1, 5.0 if quick else 2.0)
    fixed = {"thresholds_db": thresholds, "n_drops": 20 if quick else 40,
             "users_per_drop": 100 if quick else 150,
             "edge_bias": 5e-3 if quick else 3e-3}
    ds = wirelesseff.sweep(point, {"alpha": np.array([3.0, 4.0, 5.0])}, fixed=fixed,
                           seed=seed, executor=executor, progress=not quick, units=UNITS,
                           long_names=LONG, strict=True)
    ds = ds.drop_vars("error", errors="ignore")
    ds["threshold_db"].attrs.update(units="dB", long_name="SIR threshold")
    ds.attrs.update(study=NAME, source=SOURCE, density_per_m2=DENSITY,
                    n_drops=fixed["n_drops"], users_per_drop=fixed["users_per_drop"],
                    edge_bias=fixed["edge_bias"])
    return ds


def plot(ds: xr.Dataset):
    fig, ax = plotting.subplots(1, 1, figsize=(6.4, 4.4))
    t = ds.threshold_db.values
    for j, a in enumerate(ds.alpha.values):
        c = f"C{j}"
        ax.plot(t, ds.p_closed_form.sel(alpha=a), "-", color=c,
                label=f"closed form, path-loss exponent {a:g}")
        ax.errorbar(t, ds.p_monte_carlo.sel(alpha=a), yerr=3 * ds.p_stderr.sel(alpha=a),
                    fmt="o", ms=4, color=c, capsize=2,
                    label=f"Monte Carlo (3 std. errors), exponent {a:g}")
    ax.set_xlabel(plotting.axis_label(ds.threshold_db))
    ax.set_ylabel("coverage probability")
    ax.set_ylim(0.0, 1.02)
    ax.legend(fontsize=7, loc="upper right")
    ax.set_title("PPP downlink coverage, nearest-BS association, Rayleigh fading")
    return fig


def headline(ds: xr.Dataset) -> list[Headline]:
    at0 = ds.sel(alpha=4.0, threshold_db=0.0)
    z = np.abs(ds.p_monte_carlo - ds.p_closed_form) / ds.p_stderr
    return [
        Headline("coverage at 0 dB, alpha = 4 (closed form)", round(float(at0.p_closed_form), 4),
                 "1", published=round(1 / (1 + np.pi / 4), 4),
                 note="ABG 2011 closed form 1/(1 + sqrt(T)(pi/2 - arctan(1/sqrt(T))))"),
        Headline("coverage at 0 dB, alpha = 4 (Monte Carlo)", round(float(at0.p_monte_carlo), 4),
                 "1", note=f"standard error {float(at0.p_stderr):.4f}"),
        Headline("mean rate, alpha = 4, no noise", round(float(ds.mean_rate.sel(alpha=4.0)), 3),
                 "bit/s/Hz", published=2.15, note="ABG 2011 Sec. IV: 1.49 nats/s/Hz"),
        Headline("largest |Monte Carlo - closed form| in standard errors",
                 round(float(z.max()), 2), "1",
                 note="over alpha = 3, 4, 5 and all thresholds"),
    ]


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
