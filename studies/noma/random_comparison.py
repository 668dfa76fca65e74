"""Golay-bent codebooks vs random, Zadoff-Chu and random-Golay codebooks (project study).

At (N, K) = (16, 96) and (256, 1536): coherence (mean and std over seeds), mean-square
cross-correlation (equal to the squared Welch bound for tight frames), the fraction of pairs
above 1/sqrt(N), and the PAPR median / 99.9th percentile / maximum (oversampling 16), for the
bent Golay codebook, i.i.d. Gaussian, bipolar and QPSK codebooks, Zadoff-Chu sequences and
Golay sequences of a random permutation set (the same-family baseline after N. Y. Yu 2021);
the Levenshtein-optimal Heng-Yue codebook (16, 272) is a reference row. The comparison is the
project's own (the Li et al. abstract reports no simulations).
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import noma, plotting
from wirelesseff.registry import Headline

NAME = "noma-random-comparison"
DESCRIPTION = "Golay-bent vs Gaussian/bipolar/QPSK/ZC/random-Golay codebooks: coherence, PAPR"
SOURCE = ("project study after Li et al., arXiv:2512.16560 (2025) and N. Y. Yu, IEEE Trans. "
          "Commun. 69(1), 2021 (arXiv:2004.01446)")
HEADLINE = False

#: Codebooks of the study (names of noma.CODEBOOK_KINDS); new ones are appended so that the
#: per-point random streams of the others do not change.
CODEBOOKS = ("golay", "gaussian", "bipolar", "qpsk", "zadoff_chu", "heng_yue", "golay_yu")
LAMBDA = 6
PAPR_OVERSAMPLING = 16

UNITS = {"mu": "1", "mean_square": "1", "fraction_above": "1", "papr_median": "1",
         "papr_p999": "1", "papr_max": "1", "K": "1", "welch": "1", "inv_sqrt_n": "1",
         "N": "1", "seed": "1", "mu_mean": "1", "mu_std": "1"}
LONG_NAMES = {
    "mu": "coherence", "mean_square": "mean-square cross-correlation",
    "fraction_above": "fraction of pairs above 1/sqrt(N)", "papr_median": "median PAPR",
    "papr_p999": "99.9th-percentile PAPR", "papr_max": "maximum PAPR", "K": "codewords K",
    "welch": "Welch bound", "inv_sqrt_n": "1/sqrt(N)", "N": "sequence length N",
    "seed": "codebook seed",
}


def point(codebook, N, seed, rng):
    n = int(N)
    if codebook == "heng_yue" and n != 16:  # K = N^2 + N exists here only at N = 16
        nan = float("nan")
        return {"mu": nan, "mean_square": nan, "fraction_above": nan, "papr_median": nan,
                "papr_p999": nan, "papr_max": nan, "K": nan}
    k = None if codebook == "heng_yue" else LAMBDA * n
    a = noma.make_codebook(str(codebook), n, k, rng=rng)
    stats = noma.coherence_statistics(a)
    p = noma.papr(a, PAPR_OVERSAMPLING)
    return {
        "mu": stats["coherence"], "mean_square": stats["mean_square"],
        "fraction_above": stats["fraction_above"], "papr_median": float(np.median(p)),
        "papr_p999": float(np.percentile(p, 99.9)), "papr_max": float(p.max()),
        "K": a.shape[1],
    }


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    n_seeds = 3 if quick else 20
    ds = wirelesseff.sweep(
        point,
        {"codebook": np.array(CODEBOOKS), "N": np.array([16, 256]),
         "seed": np.arange(n_seeds)},
        executor=executor, seed=seed, progress=not quick, units=UNITS, long_names=LONG_NAMES,
        attrs={"study": NAME, "source": SOURCE, "papr_oversampling": PAPR_OVERSAMPLING,
               "note": "heng_yue exists only at N = 16 (K = N^2 + N = 272); golay and heng_yue "
                       "are deterministic (identical over seeds)"},
    ).drop_vars("error", errors="ignore")
    n = ds.N
    ds["welch"] = xr.DataArray(noma.welch_bound(n.values, LAMBDA * n.values), dims="N",
                               attrs={"units": "1", "long_name": "Welch bound (K = 6N)"})
    ds["inv_sqrt_n"] = (1.0 / np.sqrt(n)).assign_attrs(units="1", long_name="1/sqrt(N)")
    ds["mu_mean"] = ds.mu.mean("seed").assign_attrs(units="1", long_name="coherence (mean)")
    ds["mu_std"] = ds.mu.std("seed").assign_attrs(units="1", long_name="coherence (std)")
    return ds


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(1, 3, figsize=(13.0, 4.4))
    cbs = [noma.CODEBOOK_LABELS[str(c)] for c in ds.codebook.values]
    x = np.arange(len(cbs))
    for i, n in enumerate(ds.N.values):
        sub = ds.sel(N=n)
        rel = sub.mu_mean / sub.inv_sqrt_n
        err = sub.mu_std / sub.inv_sqrt_n
        axes[0].bar(x + (i - 0.5) * 0.38, rel.values, 0.38, yerr=err.values, capsize=2,
                    label=f"N = {int(n)}")
        axes[1].bar(x + (i - 0.5) * 0.38, sub.fraction_above.mean("seed").values, 0.38,
                    label=f"N = {int(n)}")
        axes[2].bar(x + (i - 0.5) * 0.38,
                    wirelesseff.lin2db(sub.papr_p999.mean("seed").values), 0.38,
                    label=f"N = {int(n)}")
    axes[0].axhline(1.0, color="0.3", lw=0.8, label="optimum 1/sqrt(N)")
    axes[0].set_ylabel("coherence x sqrt(N) [-]")
    axes[0].set_title("(a) coherence relative to 1/sqrt(N)")
    axes[1].set_ylabel("fraction of pairs [-]")
    axes[1].set_title("(b) pairs with |correlation| > 1/sqrt(N)")
    axes[2].axhline(float(wirelesseff.lin2db(2.0)), color="0.3", lw=0.8, ls="--",
                    label="Golay bound 3.01 dB")
    axes[2].set_ylabel("99.9th-percentile PAPR [dB]")
    axes[2].set_title("(c) PAPR, 16x oversampling")
    for ax in axes:
        ax.set_xticks(x, cbs, rotation=35, ha="right", fontsize=7)
        ax.set_ylim(0.0, ax.get_ylim()[1] * 1.3)  # headroom for the legend, above all data
        ax.legend(fontsize=7, loc="upper left", ncol=2)
    return fig


def headline(ds: xr.Dataset) -> list[Headline]:
    """Coherence relative to 1/sqrt(N) and the PAPR tail of every codebook at N = 256."""
    n = 256
    sub = ds.sel(N=n)
    rows = []
    for cb in ds.codebook.values:
        r = sub.sel(codebook=cb)
        if not np.isfinite(float(r.mu_mean)):
            continue
        label = noma.CODEBOOK_LABELS[str(cb)]
        rows.append(Headline(
            f"coherence x sqrt(N), {label}, (N, K) = (256, 1536)",
            round(float(r.mu_mean) * np.sqrt(n), 3), "1",
            published=1.0 if str(cb) == "golay" else None,
            source="Li et al., arXiv:2512.16560 (2025), abstract" if str(cb) == "golay" else "",
            note=f"mean over {ds.sizes['seed']} seeds; 99.9th-percentile PAPR "
                 f"{float(wirelesseff.lin2db(float(r.papr_p999.mean()))):.2f} dB"))
    return rows


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
