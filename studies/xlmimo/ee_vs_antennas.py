"""Maximal EE versus the number of antennas (Björnson et al., IEEE TWC 2015, Figs. 7-9).

For every M the EE is maximised over K = 1...150: ZF with perfect CSI (Theorem 3 power), ZF with
imperfect CSI (Lemma 5, bounded power search) and MRT with perfect CSI by Monte-Carlo (optimal
power allocation, on a coarser grid). Panels: EE and the EE-optimal K; the total RF power and the
radiated power per antenna; the area throughput.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import plotting
from wirelesseff.registry import Headline
from wirelesseff.xlmimo import (
    alpha_opt_zf,
    bjornson2015_params,
    ee_mrt_montecarlo,
    ee_zf,
    ee_zf_imperfect,
    rf_power_zf,
    sinr_zf_imperfect,
)

NAME = "xlmimo-ee-vs-antennas"
DESCRIPTION = "Max-over-K EE, RF power and area throughput versus M (ZF, ZF imperfect, MRT)"
SOURCE = "Björnson, Sanguinetti, Hoydis, Debbah, IEEE TWC 14(6), 2015, Figs. 7-9"
HEADLINE = True

UNITS = {"ee_zf": "bit/J", "ee_zf_imperfect": "bit/J", "rate_zf": "bit/s",
         "rate_zf_imperfect": "bit/s", "p_tx_zf": "W", "p_tx_zf_imperfect": "W",
         }
LONG_NAMES = {"ee_zf": "EE, ZF perfect CSI", "ee_zf_imperfect": "EE, ZF imperfect CSI",
              "rate_zf": "sum rate, ZF perfect CSI", "rate_zf_imperfect": "sum rate, ZF imperfect",
              "p_tx_zf": "RF power, ZF perfect CSI", "p_tx_zf_imperfect": "RF power, ZF imperfect",
              "M": "number of BS antennas", "K": "number of users"}


def zf_point(M, K):
    """ZF perfect and imperfect CSI (single cell) over the (M, K) grid, vectorised."""
    p = bjornson2015_params()
    m, k = np.broadcast_arrays(np.asarray(M, float), np.asarray(K, float))
    zf = m > k
    m_ok = np.where(zf, m, k + 1.0)
    alpha = np.where(zf, alpha_opt_zf(m_ok, k), np.nan)
    prelog = p.bandwidth * k * (1 - p.tau * k / p.coherence_block)
    ee_i, alpha_i = ee_zf_imperfect(m, k, return_alpha=True)
    sinr_i = np.where(zf, sinr_zf_imperfect(m_ok, k, np.where(zf, alpha_i, 1.0)), np.nan)
    return {
        "ee_zf": ee_zf(m, k),
        "rate_zf": prelog * np.log2(1 + alpha * (m - k)),
        "p_tx_zf": np.where(zf, rf_power_zf(m_ok, k, np.where(zf, alpha, 0.0)), np.nan),
        "ee_zf_imperfect": ee_i,
        "rate_zf_imperfect": prelog * np.log2(1 + sinr_i),
        "p_tx_zf_imperfect": alpha_i * k * p.rf_power_scale,
    }


def mrt_point(M_mrt, K_mrt, n_realizations, rng=None):
    """MRT with perfect CSI and optimal power allocation, by Monte-Carlo."""
    res = ee_mrt_montecarlo(int(M_mrt), int(K_mrt), n_realizations=n_realizations, rng=rng)
    return {"ee_mrt": res.ee, "rate_mrt": res.sum_rate, "p_tx_mrt": res.p_tx}


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    """ZF over M = 1..220 x K = 1..150 (quick: every 5th M); MRT on a coarse (M, K) grid."""
    p = bjornson2015_params()
    m = np.arange(5, 221, 5) if quick else np.arange(1, 221)
    ds = wirelesseff.sweep(zf_point, grid={"M": m, "K": np.arange(1, 151)}, vectorized=True,
                           seed=seed, executor=executor, progress=False, strict=True, units=UNITS,
                           long_names=LONG_NAMES, attrs={"study": NAME, "source": SOURCE})
    if quick:
        m_mrt, k_mrt, n_mc = np.array([20, 60, 120, 220]), np.array([2, 5, 10, 15]), 20
    else:
        m_mrt = np.arange(10, 221, 20)
        k_mrt = np.array([1, 3, 10, 20, 30, 40, 60, 80, 100, 120])
        n_mc = 50
    mrt = wirelesseff.sweep(mrt_point, grid={"M_mrt": m_mrt, "K_mrt": k_mrt},
                            fixed={"n_realizations": n_mc}, seed=seed, executor=executor,
                            progress=False, strict=True,
                            units={"ee_mrt": "bit/J", "rate_mrt": "bit/s", "p_tx_mrt": "W",
                                   },
                            long_names={"ee_mrt": "EE, MRT perfect CSI (Monte-Carlo)",
                                        "rate_mrt": "sum rate, MRT", "p_tx_mrt": "RF power, MRT",
                                        "M_mrt": "number of BS antennas",
                                        "K_mrt": "number of users"})

    best = {}
    for scheme, src, kdim in (("zf", ds, "K"), ("zf_imperfect", ds, "K"),
                              ("mrt", mrt, "K_mrt")):
        ee = src[f"ee_{scheme}"]
        filled = ee.fillna(-np.inf)
        idx = filled.argmax(kdim)
        ok = np.isfinite(filled.max(kdim))
        mdim = "M" if kdim == "K" else "M_mrt"
        area = p.cell_area / 1e6  # km^2
        rate = src[f"rate_{scheme}"].isel({kdim: idx}).where(ok)
        p_tx = src[f"p_tx_{scheme}"].isel({kdim: idx}).where(ok)
        best[f"ee_best_{scheme}"] = ee.isel({kdim: idx}).where(ok).assign_attrs(
            units="bit/J", long_name=f"max EE over K ({scheme})")
        best[f"k_opt_{scheme}"] = src[kdim].isel({kdim: idx}).astype(float).where(ok) \
            .assign_attrs(units="1", long_name=f"EE-optimal K ({scheme})")
        best[f"p_tx_best_{scheme}"] = p_tx.assign_attrs(
            units="W", long_name=f"total RF power at the EE optimum ({scheme})")
        best[f"p_rad_per_antenna_{scheme}"] = (p.zeta_dl * p.eta * p_tx / src[mdim]) \
            .assign_attrs(units="W", long_name=f"radiated power per antenna ({scheme})")
        best[f"area_throughput_{scheme}"] = (rate / area).assign_attrs(
            units="bit/s/km^2", long_name=f"area throughput ({scheme})")
    best = {name: v.drop_vars(["K", "K_mrt"], errors="ignore") for name, v in best.items()}
    out = xr.merge([x.drop_vars("error", errors="ignore") for x in (ds, mrt, xr.Dataset(best))],
                  compat="no_conflicts", join="outer", combine_attrs="override")
    e = out.ee_best_zf.values
    i = int(np.nanargmax(e))
    out.attrs.update(
        opt_M_zf=int(out.M.values[i]), opt_K_zf=int(out.k_opt_zf.values[i]),
        opt_ee_zf=float(e[i]),
        opt_M_zf_imperfect=int(out.M.values[int(np.nanargmax(out.ee_best_zf_imperfect.values))]),
        opt_ee_zf_imperfect=float(np.nanmax(out.ee_best_zf_imperfect.values)),
        opt_ee_mrt=float(np.nanmax(out.ee_best_mrt.values)),
        opt_M_mrt=int(out.M_mrt.values[int(np.nanargmax(out.ee_best_mrt.values))]),
        mrt_realizations=int(n_mc),
    )
    return out


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(2, 2, figsize=(9.0, 6.4))
    styles = {"zf": ("k-", "ZF (perfect CSI)"), "zf_imperfect": ("k:", "ZF (imperfect CSI)"),
              "mrt": ("b--o", "MRT (perfect CSI, Monte-Carlo)")}

    def curves(ax, var, **kw):
        for s, (ls, lab) in styles.items():
            mdim = "M_mrt" if s == "mrt" else "M"
            ax.plot(ds[mdim], ds[f"{var}_{s}"] * kw.get("scale", 1.0), ls, ms=3, label=lab,
                    alpha=kw.get("alpha", 1.0))
        ax.set_xlabel("number of BS antennas M")

    ax = axes[0, 0]
    curves(ax, "ee_best", scale=1e-6)
    ax.set_ylabel("max EE over K [Mbit/J]")
    plotting.mark_point(ax, ds.attrs["opt_M_zf"], ds.attrs["opt_ee_zf"] / 1e6,
                        text=f"M={ds.attrs['opt_M_zf']}, K={ds.attrs['opt_K_zf']}")
    ax.legend(loc="center right", fontsize=7)
    ax.set_title("(a) energy efficiency (Fig. 7)")
    ax = axes[0, 1]
    curves(ax, "k_opt")
    ax.set_ylabel("EE-optimal number of users K")
    ax.set_title("(b) EE-optimal K")
    ax = axes[1, 0]
    curves(ax, "p_tx_best")
    curves(ax, "p_rad_per_antenna", alpha=0.45)
    ax.set_yscale("log")
    ax.set_ylabel("average power [W]")
    ax.set_title("(c) total RF power (dark), radiated power per antenna (faint) (Fig. 8)",
                 fontsize=8)
    ax = axes[1, 1]
    curves(ax, "area_throughput", scale=1e-9)
    ax.set_ylabel("area throughput [Gbit/s/km^2]")
    ax.set_title("(d) area throughput (Fig. 9)")
    return fig


def headline(ds: xr.Dataset) -> list[Headline]:
    """EE-optimal (M, K) and EE of ZF, and the best ZF-imperfect and MRT EEs in the dataset."""
    src = "Björnson et al., IEEE TWC 2015, Fig. 3 (optimum of the ZF surface)"
    note = "MRT on a coarse (M, K) grid" + (" (quick mode)" if ds.sizes["M"] < 220 else "")
    return [
        Headline("EE-optimal number of antennas M* (ZF, perfect CSI)", int(ds.attrs["opt_M_zf"]),
                 "1", 165, src),
        Headline("EE-optimal number of users K* (ZF, perfect CSI)", int(ds.attrs["opt_K_zf"]),
                 "1", 104, src),
        Headline("maximal EE (ZF, perfect CSI)", round(ds.attrs["opt_ee_zf"] / 1e6, 2),
                 "Mbit/J", 30.74, src),
        Headline("maximal EE (ZF, imperfect CSI, single cell)",
                 round(ds.attrs["opt_ee_zf_imperfect"] / 1e6, 2), "Mbit/J",
                 note="our computation (Lemma 5); no published number"),
        Headline("maximal EE (MRT, perfect CSI, Monte-Carlo)",
                 round(ds.attrs["opt_ee_mrt"] / 1e6, 2), "Mbit/J", note=note),
    ]


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
