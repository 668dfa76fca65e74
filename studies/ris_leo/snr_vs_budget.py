"""SNR versus the total element budget: double RIS (K/2 each) vs single RIS vs none (F7).

Far-field formulas of Tang et al. (P2) and their double-bounce extension (P6): a double RIS
splitting K elements equally grows as K⁴/16 (+40 dB/decade), a single RIS as K² (+20 dB/decade),
so the double RIS wins above a crossover budget K*. Assumed geometry (not from the paper): 20 GHz,
Tx → RIS 1: 10 m, RIS 1 → RIS 2: 50 m, RIS 2 → Rx: 10 m, all at normal incidence; the single RIS
is RIS 1 (distance to Rx 60 m); "none" is the 70 m free-space link. P_t = 20 dBm, B = 10 MHz,
NF 1.2 dB. The far-field forms are scaling laws: for the largest budgets the surfaces are larger
than these distances' Fraunhofer limit allows. Reconstruction study for Sanila et al. (WCNC 2025).
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import plotting
from wirelesseff.channel.noise import noise_power
from wirelesseff.registry import Headline
from wirelesseff.ris_leo import double_ris_path_loss, element_gain, tang_path_loss
from wirelesseff.units import SPEED_OF_LIGHT, dbm2w, lin2db

NAME = "ris-leo-snr-vs-budget"
DESCRIPTION = "SNR vs element budget K: double RIS (K/2 each, K^4) vs single RIS (K^2) vs none"
SOURCE = ("Far-field P2/P6 (Tang et al., IEEE TWC 2021; Han et al., IEEE WCL 2020); "
          "reconstruction for Sanila et al., IEEE WCNC 2025")
HEADLINE = False

F, D1, D12, D2, PT_DBM, B, NF_DB = 20e9, 10.0, 50.0, 10.0, 20.0, 10e6, 1.2


def point(budget):
    k = np.asarray(budget, float)
    sigma2 = noise_power(B, NF_DB)
    pt = dbm2w(PT_DBM)
    single = np.array([1 / tang_path_loss(D1, D12 + D2, int(x), 1, F, form="far_field")
                       for x in k.ravel()]).reshape(k.shape)
    double = np.array([1 / double_ris_path_loss(D1, D12, D2, (int(x) // 2, 1),
                                                (int(x) // 2, 1), F, form="far_field")
                       for x in k.ravel()]).reshape(k.shape)
    lam = SPEED_OF_LIGHT / F
    none = np.broadcast_to(2 * 2 * (lam / (4 * np.pi * (D1 + D12 + D2))) ** 2, k.shape)
    snr = np.stack([none, single, double], axis=-1) * pt / sigma2
    return {"snr_db": lin2db(snr)}


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    """Even budgets K = 16...8192 on a log grid (quick: 14 points, full: 200)."""
    k = np.unique(2 * np.round(np.logspace(np.log10(16), np.log10(8192),
                                           14 if quick else 200) / 2).astype(int))
    ds = wirelesseff.sweep(point, {"budget": k}, vectorized=True, seed=seed, executor=executor,
                           progress=False, dims={"snr_db": ("config",)},
                           units={"snr_db": "dB", "budget": "1"},
                           long_names={"snr_db": "received SNR", "budget": "element budget K"},
                           attrs={"study": NAME, "source": SOURCE, "reconstruction": 1})
    ds = ds.assign_coords(config=["none", "single", "double"])
    snr = ds.snr_db
    lk = np.log10(ds.budget.values.astype(float))
    for cfg in ("single", "double"):
        ds.attrs[f"slope_db_per_decade_{cfg}"] = float(np.polyfit(lk, snr.sel(config=cfg), 1)[0])
    diff = (snr.sel(config="double") - snr.sel(config="single")).values
    i = int(np.argmax(diff >= 0)) if np.any(diff >= 0) else None
    if i is not None and i > 0:  # interpolate the crossing in log K
        x0, x1, y0, y1 = lk[i - 1], lk[i], diff[i - 1], diff[i]
        ds.attrs["crossover_budget"] = float(10 ** (x0 - y0 * (x1 - x0) / (y1 - y0)))
    g = float(element_gain("tang"))
    lam = SPEED_OF_LIGHT / F
    ds.attrs["crossover_budget_analytic"] = float(
        4 * D12 * D2 / (D12 + D2) * np.sqrt(4 * np.pi / (g * (lam / 2) ** 2)))
    ds.attrs["geometry"] = f"d1={D1} m, d12={D12} m, d2={D2} m, f={F:g} Hz, P_t={PT_DBM} dBm"
    return ds


def headline(ds: xr.Dataset) -> list[Headline]:
    """Scaling laws and the single/double crossover budget."""
    return [
        Headline("SNR slope, single RIS", round(ds.attrs["slope_db_per_decade_single"], 2),
                 "dB/decade", published=20.0, source="far-field scaling K^2 (Tang et al. 2021)"),
        Headline("SNR slope, double RIS (K/2 + K/2)",
                 round(ds.attrs["slope_db_per_decade_double"], 2), "dB/decade", published=40.0,
                 source="rank-one double-RIS scaling K^4/16 (Han et al. 2020)"),
        Headline("budget above which the double RIS wins", round(ds.attrs["crossover_budget"]),
                 "1", published=round(ds.attrs["crossover_budget_analytic"]),
                 source="closed form 4 d12 d2/(d12 + d2) sqrt(4 pi/(G dx dy))",
                 note="assumed 10/50/10 m geometry, 20 GHz"),
    ]


def plot(ds: xr.Dataset):
    fig, ax = plotting.subplots(1, 1, figsize=(6, 4.4))
    plotting.plot_curves(ax, ds.snr_db, "budget", hue="config", logx=True,
                         labels=["no RIS", "single RIS (K)", "double RIS (K/2 + K/2)"],
                         legend=False)
    fig.legend(loc="outside upper center", ncols=3, fontsize=8, frameon=False)
    k = ds.attrs.get("crossover_budget")
    if k:
        ax.axvline(k, color="0.4", lw=0.8, ls=":")
        ax.text(k * 1.05, float(ds.snr_db.min()) + 5, f"K* ≈ {k:.0f}", fontsize=8)
    ax.set_title("far-field scaling: +20 vs +40 dB/decade")
    return fig


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
