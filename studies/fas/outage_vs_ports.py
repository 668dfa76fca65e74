"""Outage probability of a single-user fluid antenna versus the number of ports.

A fluid antenna of length W wavelengths selects the best of N ports; outage is
P(max_n |h_n|^2 < x) with x = threshold / mean SNR = 1. Four correlation models are evaluated by
quadrature (independent, constant [Wong & Tong 2022], Wong's reference-port model [Wong et al.
2021], block [Ramírez-Espinosa et al. 2024]) and the exact Jakes correlation by Monte Carlo
(truncated eigenbasis, numba kernel), with 2-standard-error bars. Panels (c) and (d) use the
single-user geometry of Ramírez-Espinosa, Morales-Jiménez, Wong (IEEE TWC 2024, arXiv:2401.04513)
Figs. 2 and 8: outage versus threshold at N = 100, W = 4, and versus the port density N/W at
W = 6. Quadrature curves are drawn down to a stated floor (the constant model reaches 1e-35).

Monte-Carlo sizes: full mode 2e5 samples per point (as the reference code of Ramírez-Espinosa
et al.), quick mode 3e4. Full mode takes about a minute on one core.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import plotting
from wirelesseff.fas import monte_carlo_outage, outage_probability
from wirelesseff.registry import Headline
from wirelesseff.units import db2lin

NAME = "fas-outage-vs-ports"
DESCRIPTION = "FAS outage vs number of ports: Jakes (MC) saturates, simplified models do not"
SOURCE = ("Wong et al., IEEE TWC 2021, doi:10.1109/TWC.2020.3037595; Wong & Tong, IEEE TWC "
          "2022, doi:10.1109/TWC.2021.3133410; Ramírez-Espinosa, Morales-Jiménez, Wong, IEEE TWC "
          "2024, arXiv:2401.04513, Figs. 2 and 8 geometry")
HEADLINE = True

MODELS = ("independent", "constant", "wong", "block")
UNITS = {"p_" + m: "1" for m in (*MODELS, "jakes")} | {"p_jakes_stderr": "1", "N": "1",
                                                       "W": "wavelengths",
                                                       "threshold_db": "dB",
                                                       "ports_per_wavelength": "1/wavelength"}
LONG = {"p_independent": "outage, independent ports", "p_constant": "outage, constant model",
        "p_wong": "outage, Wong model", "p_block": "outage, block model",
        "p_jakes": "outage, Jakes (Monte Carlo)", "p_jakes_stderr": "Monte-Carlo std. error",
        "N": "ports", "W": "antenna length", "threshold_db": "threshold / mean SNR",
        "ports_per_wavelength": "port density N/W"}


def point(N, W, x=1.0, n_samples=200_000, rng=None):
    """Outage of every model at one (N, W) for the thresholds ``x`` (scalar or array)."""
    x = np.asarray(x, dtype=float)
    out = {f"p_{m}": outage_probability(x, int(N), float(W), model=m) for m in MODELS}
    p, se = monte_carlo_outage(x, int(N), float(W), n_samples=int(n_samples), rng=rng,
                               return_stderr=True)
    out["p_jakes"], out["p_jakes_stderr"] = p, se
    return out


def point_threshold(W, N, thresholds_db, n_samples=200_000, rng=None):
    x = db2lin(thresholds_db)
    res = point(N, W, x, n_samples, rng)
    return {k: xr.DataArray(v, dims="threshold_db", coords={"threshold_db": thresholds_db})
            for k, v in res.items()}


def point_density(ports_per_wavelength, W, n_samples=200_000, rng=None):
    return point(int(round(ports_per_wavelength * W)), W, 1.0, n_samples, rng)


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    n_samples = 30_000 if quick else 200_000
    ns = [2, 5, 10, 20, 50, 100] if quick else [2, 3, 5, 8, 12, 20, 30, 50, 80, 120, 200]
    ws = [0.5, 1.0, 2.0] if quick else [0.5, 1.0, 2.0, 5.0]
    common = dict(seed=seed, executor=executor, progress=not quick, units=UNITS,
                  long_names=LONG)
    ds = wirelesseff.sweep(point, {"N": np.array(ns), "W": np.array(ws)},
                           fixed={"n_samples": n_samples}, **common)
    thr = np.linspace(-5, 15, 9 if quick else 41)
    ds_thr = wirelesseff.sweep(point_threshold, {"W": np.array([4.0])},
                               fixed={"N": 100, "thresholds_db": thr, "n_samples": n_samples},
                               **common)
    dens = np.array([2, 6, 12, 20, 30] if quick else [2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22,
                                                       24, 26, 28, 30])
    ds_den = wirelesseff.sweep(point_density, {"ports_per_wavelength": dens},
                               fixed={"W": 6.0, "n_samples": n_samples}, **common)
    out = ds.copy()
    for name, var in ds_thr.squeeze("W", drop=True).data_vars.items():
        out[f"{name}_vs_threshold"] = var
    for name, var in ds_den.data_vars.items():
        out[f"{name}_vs_density"] = var
    out.attrs.update(ds.attrs)
    out.attrs.update(study=NAME, source=SOURCE, threshold_over_mean_snr=1.0,
                     n_samples=n_samples, threshold_panel="N = 100, W = 4",
                     density_panel="W = 6, x = 1")
    return out


#: Legend labels of the correlation models (words, with their sources).
MODEL_LABELS = {
    "independent": "independent ports",
    "constant": "constant correlation (Wong & Tong 2022)",
    "wong": "reference-port model (Wong et al. 2021)",
    "block": "block model (Ramírez-Espinosa et al. 2024)",
    "jakes": "Jakes, Monte Carlo (+/- 2 std. errors)",
}
STYLES = {"independent": ":", "constant": "--", "wong": "-.", "block": "-"}
#: Quadrature curves are drawn down to this outage (the constant model reaches 1e-35 at
#: N/W = 30, which would squash every other curve); Monte-Carlo zeros are not drawn.
FLOOR = {"a": 1e-12, "b": 1e-12, "c": 1e-8, "d": 1e-8}


def _above(da, floor):
    return da.where(da >= floor)


def _mc(ax, x, p, se, **kw):
    """Monte-Carlo estimate with 2-standard-error bars (log axis: lower bar kept positive)."""
    p = p.where(p > 0)
    lower = np.minimum(2 * se, 0.9 * p)
    ax.errorbar(x, p, yerr=[lower, 2 * se], capsize=2, **kw)


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(2, 2, figsize=(11, 8))
    ax = axes[0, 0]
    for j, w in enumerate(ds.W.values):
        c = f"C{j}"
        _mc(ax, ds.N, ds.p_jakes.sel(W=w), ds.p_jakes_stderr.sel(W=w), fmt="o-", color=c,
            lw=2, ms=4, label=f"Jakes (Monte Carlo), W = {w:g}")
        ax.plot(ds.N, _above(ds.p_block.sel(W=w), FLOOR["a"]), STYLES["block"], color=c,
                alpha=0.6)
    ax.plot(ds.N, _above(ds.p_independent.isel(W=0), FLOOR["a"]), "k:",
            label=MODEL_LABELS["independent"])
    ax.plot([], [], "k-", alpha=0.6, label="block model (thin lines)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(plotting.axis_label(ds.N))
    ax.set_ylabel("outage probability")
    ax.set_title("(a) Jakes (Monte Carlo) vs block model")
    ax.legend(fontsize=7)
    ax = axes[0, 1]
    w0 = float(ds.W[1]) if ds.sizes["W"] > 1 else float(ds.W[0])
    for m in ("constant", "wong", "block", "independent"):
        ax.plot(ds.N, _above(ds[f"p_{m}"].sel(W=w0), FLOOR["b"]), STYLES[m],
                label=MODEL_LABELS[m])
    _mc(ax, ds.N, ds.p_jakes.sel(W=w0), ds.p_jakes_stderr.sel(W=w0), fmt="ko-", ms=4,
        label=MODEL_LABELS["jakes"])
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(plotting.axis_label(ds.N))
    ax.set_ylabel("outage probability")
    ax.set_title(f"(b) models at W = {w0:g} (drawn down to {FLOOR['b']:g})")
    ax.legend(fontsize=7)
    for key, ax, dim, suffix, title in (
            ("c", axes[1, 0], "threshold_db", "vs_threshold",
             "(c) N = 100, W = 4\n(geometry of Ramírez-Espinosa et al. 2024, Fig. 2)"),
            ("d", axes[1, 1], "ports_per_wavelength", "vs_density",
             "(d) W = 6, x = 1\n(geometry of Ramírez-Espinosa et al. 2024, Fig. 8)")):
        for m in ("constant", "block"):
            ax.plot(ds[dim], _above(ds[f"p_{m}_{suffix}"], FLOOR[key]), STYLES[m],
                    label=f"{MODEL_LABELS[m]}, drawn down to {FLOOR[key]:g}")
        _mc(ax, ds[dim], ds[f"p_jakes_{suffix}"], ds[f"p_jakes_stderr_{suffix}"], fmt="ko-",
            ms=3, label=MODEL_LABELS["jakes"])
        ax.set_yscale("log")
        ax.set_xlabel(plotting.axis_label(ds[dim]))
        ax.set_ylabel("outage probability")
        ax.set_title(title)
        ax.legend(fontsize=7)
    return fig


def headline(ds: xr.Dataset) -> list[Headline]:
    n_big = int(ds.N.sel(N=100)) if 100 in ds.N.values else int(ds.N.max())
    out = []
    for w in ds.W.values:
        out.append(Headline(
            f"Jakes outage floor, N = {n_big}, W = {w:g}, x = 1",
            float(ds.p_jakes.sel(N=n_big, W=w)), "1",
            note=f"Monte Carlo, {ds.attrs['n_samples']} samples, std. error "
                 f"{float(ds.p_jakes_stderr.sel(N=n_big, W=w)):.1g}"))
    w1 = 1.0 if 1.0 in ds.W.values else float(ds.W[0])
    out.append(Headline(f"constant-model outage, N = {n_big}, W = {w1:g}",
                        float(ds.p_constant.sel(N=n_big, W=w1)), "1",
                        note="falls without bound: far below the Jakes floor"))
    out.append(Headline(f"block / Jakes outage ratio, N = {n_big}, W = {w1:g}",
                        float(ds.p_block.sel(N=n_big, W=w1) / ds.p_jakes.sel(N=n_big, W=w1)),
                        "1"))
    dens = float(ds.ports_per_wavelength.max())
    out.append(Headline(f"Jakes outage at N/W = {dens:g}, W = 6",
                        float(ds.p_jakes_vs_density.sel(ports_per_wavelength=dens)), "1",
                        note="saturated in the port density"))
    return out


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
