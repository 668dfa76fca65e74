"""Convergence of Dinkelbach's algorithm for the WET efficiency.

Variant A (*reconstruction* of Zhang et al., arXiv:2503.04147; docs/fas.md,
"optimize_wet_efficiency") at fixed ports: M = 2 Rayleigh port channels, P_max = 1 W,
SINR >= 10 dB. For each draw the sequence lambda_i of
:func:`wirelesseff.fas.optimize_wet_efficiency` (Dinkelbach, Management Science 1967) is
recorded for a linear EH (eta = 0.5) and the logistic EH of Boshkovska et al. 2015 (ER path gain
1e-2, docs/fas.md "Defaults"), with the SDR and the FPP-SCA (Mehanna et al., IEEE SPL 2015)
inner solvers, and compared with the closed-form oracle optimum. Expected: monotone sequences
that reach the oracle value within a few iterations. 20 draws (quick: 3).
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import plotting
from wirelesseff.channel import rayleigh
from wirelesseff.fas import boshkovska2015, default_eh_model, optimize_wet_efficiency
from wirelesseff.registry import Headline
from wirelesseff.units import db2lin

NAME = "fas-dinkelbach-convergence"
DESCRIPTION = "Dinkelbach ratio vs iteration for SDR and FPP-SCA, linear and logistic EH"
SOURCE = ("Dinkelbach, Management Science 1967, doi:10.1287/mnsc.13.7.492; Mehanna et al., IEEE "
          "SPL 2015, doi:10.1109/LSP.2014.2370033; reconstruction of Zhang et al., "
          "arXiv:2503.04147")
HEADLINE = False

M, P_MAX, SINR_DB, NOISE = 2, 1.0, 10.0, 1e-3
MAX_ITER = 30
EH = {"linear": (default_eh_model(), 1.0), "logistic": (boshkovska2015, 1e-2)}
EH_LABELS = {"linear": "linear EH (eta = 0.5)",
             "logistic": "logistic EH (Boshkovska et al. 2015)"}
METHOD_LABELS = {"sdr": "semidefinite relaxation (SDR)",
                 "fpp-sca": "feasible point pursuit SCA (FPP-SCA)"}


def point(eh, method, draw, draw_seed):
    model, beta_e = EH[eh]
    rng = np.random.default_rng([int(draw_seed), int(draw)])  # same channels for every method
    h_d, h_e = rayleigh((2, M), rng)
    h_e = h_e * np.sqrt(beta_e)
    gamma = db2lin(SINR_DB)
    res = optimize_wet_efficiency(h_d, h_e, P_MAX, gamma, NOISE, eh_model=model, method=method,
                                  max_iter=MAX_ITER, rng=0)
    ref = optimize_wet_efficiency(h_d, h_e, P_MAX, gamma, NOISE, eh_model=model,
                                  method="oracle")
    hist = np.full(MAX_ITER + 1, np.nan)
    hist[: res.lambda_history.size] = res.lambda_history
    last = res.lambda_history[-1]
    hist[res.lambda_history.size:] = last  # converged: hold the final value
    return {"lambda_history": hist, "gap": (ref.efficiency - hist) / ref.efficiency,
            "iterations": res.dinkelbach_iterations, "efficiency": res.efficiency,
            "efficiency_oracle": ref.efficiency, "status": res.status}


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    n_draws = 3 if quick else 20
    grid = {"eh": list(EH), "method": ["sdr", "fpp-sca"], "draw": np.arange(n_draws)}
    return wirelesseff.sweep(
        point, grid, fixed={"draw_seed": seed}, seed=seed, executor=executor,
        progress=not quick, dims={"lambda_history": ("iteration",), "gap": ("iteration",)},
        coords={"iteration": np.arange(MAX_ITER + 1)},
        units={"lambda_history": "J/J", "gap": "1", "iterations": "1", "efficiency": "J/J",
               "efficiency_oracle": "J/J", "draw": "1"},
        long_names={"lambda_history": "Dinkelbach ratio lambda_i",
                    "gap": "relative gap to the oracle optimum", "iterations":
                    "Dinkelbach iterations", "efficiency": "WET efficiency",
                    "efficiency_oracle": "WET efficiency (closed-form oracle)"},
        attrs={"study": NAME, "source": SOURCE, "reconstruction": 1, "M": M, "p_max_w": P_MAX,
               "sinr_min_db": SINR_DB, "noise_power_w": NOISE, "n_draws": n_draws,
               "beta_e_logistic": 1e-2, "tol": 1e-6})


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(1, 2, figsize=(11, 4))
    n_show = int(min(ds.iteration.size, max(2, int(ds.iterations.max()) + 2)))
    for ax, eh in zip(axes, ds.eh.values):
        for method, col in zip(ds.method.values, ("C0", "C1")):
            gap = ds.gap.sel({"eh": eh, "method": method}).isel(iteration=slice(0, n_show))
            for d in range(ds.sizes["draw"]):
                g = np.clip(gap.isel(draw=d).values, 1e-12, None)
                ax.plot(gap.iteration, g, "-", color=col, alpha=0.5,
                        label=METHOD_LABELS[str(method)] if d == 0 else None)
        ax.set_yscale("log")
        ax.set_xlabel("Dinkelbach iteration i")
        ax.set_ylabel("(lambda* - lambda_i) / lambda*  (clipped at 1e-12)")
        ax.set_title(EH_LABELS[str(eh)])
        ax.legend(fontsize=8)
    return fig


def headline(ds: xr.Dataset) -> list[Headline]:
    out = [Headline("largest relative gap to the oracle optimum at convergence",
                    float(ds.gap.isel(iteration=-1).max()), "1",
                    note=f"{ds.attrs['n_draws']} draws, SDR and FPP-SCA, linear and logistic EH")]
    for eh in ds.eh.values:
        out.append(Headline(f"most Dinkelbach iterations, {EH_LABELS[str(eh)]}",
                            int(ds.iterations.sel(eh=eh).max()), "1"))
    out.append(Headline("runs with status optimal", f"{int((ds.status == 'optimal').sum())} of "
                        f"{ds.status.size}", "1"))
    return out


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
