"""Golay-bent codebooks vs random and Zadoff-Chu codebooks of the same size (project study).

At (N, K) = (16, 96) and (256, 1536): coherence (mean and std over seeds), mean-square
cross-correlation (equal to the squared Welch bound for tight frames), the fraction of pairs
above 1/sqrt(N), and the PAPR median / 99.9th percentile / maximum (oversampling 16), for the
bent Golay codebook, i.i.d. Gaussian, bipolar and QPSK codebooks and Zadoff-Chu sequences; the
Levenshtein-optimal Heng-Yue codebook (16, 272) is a reference row. The comparison is the
project's own (the Li et al. abstract reports no simulations).
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import noma, plotting

NAME = "noma-random-comparison"
DESCRIPTION = "Golay-bent vs Gaussian/bipolar/QPSK/ZC codebooks: coherence, correlation, PAPR"
SOURCE = ("project study after Li et al., arXiv:2512.16560 (2025) and N. Y. Yu, IEEE Trans. "
          "Commun. 69(1), 2021 (arXiv:2004.01446)")
HEADLINE = False

CODEBOOKS = ("golay", "gaussian", "bipolar", "qpsk", "zadoff_chu", "heng_yue")
LAMBDA = 6

UNITS = {"mu": "1", "mean_square": "1", "fraction_above": "1", "papr_median": "1",
         "papr_p999": "1", "papr_max": "1", "K": "1", "welch": "1", "inv_sqrt_n": "1",
         "N": "1", "seed": "1"}
LONG_NAMES = {
    "mu": "coherence", "mean_square": "mean-square cross-correlation",
    "fraction_above": "fraction of pairs above 1/sqrt(N)", "papr_median": "median PAPR",
    "papr_p999": "99.9th-percentile PAPR", "papr_max": "maximum PAPR", "K": "codewords K",
    "welch": "Welch bound", "inv_sqrt_n": "1/sqrt(N)", "N": "sequence length N",
    "seed": "codebook seed",
}


def make_codebook(codebook: str, n: int, rng) -> np.ndarray | None:
    """The codebook of the study at length ``n`` (None where it does not exist)."""
    k = LAMBDA * n
    m = int(np.log2(n)) // 4
    if codebook == "golay":
        return noma.golay_codebook(m)
    if codebook == "gaussian":
        return noma.gaussian_codebook(n, k, rng=rng)
    if codebook == "bipolar":
        return noma.bipolar_codebook(n, k, rng=rng)
    if codebook == "qpsk":
        return noma.qpsk_codebook(n, k, rng=rng)
    if codebook == "zadoff_chu":
        return noma.zadoff_chu_codebook(n, k, rng=rng)
    if codebook == "heng_yue":
        return noma.heng_yue_codebook(int(np.log2(n))) if n == 16 else None
    raise ValueError(f"unknown codebook {codebook!r}")


def point(codebook, N, seed, rng):
    a = make_codebook(str(codebook), int(N), rng)
    if a is None:
        nan = float("nan")
        return {"mu": nan, "mean_square": nan, "fraction_above": nan, "papr_median": nan,
                "papr_p999": nan, "papr_max": nan, "K": nan}
    stats = noma.coherence_statistics(a)
    p = noma.papr(a, 16)
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
        attrs={"study": NAME, "source": SOURCE, "papr_oversampling": 16,
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
    fig, axes = plotting.subplots(1, 3, figsize=(13.0, 3.8))
    cbs = [str(c) for c in ds.codebook.values]
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
                    label=f"N = {int(n)} (99.9 %)")
    axes[0].axhline(1.0, color="0.3", lw=0.8)
    axes[0].set_ylabel("coherence x sqrt(N) [-]")
    axes[0].set_title("(a) coherence / (1/sqrt(N)), mean +- std")
    axes[1].set_ylabel("fraction of pairs [-]")
    axes[1].set_title("(b) pairs with |corr| > 1/sqrt(N)")
    axes[2].axhline(10 * np.log10(2), color="0.3", lw=0.8, ls="--")
    axes[2].set_ylabel("PAPR [dB]")
    axes[2].set_title("(c) 99.9th-percentile PAPR (x16)")
    for ax in axes:
        ax.set_xticks(x, cbs, rotation=30, ha="right")
        ax.legend(fontsize=7)
    return fig


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
