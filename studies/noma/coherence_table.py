"""Coherence table of the bent-function Golay codebooks (Li et al. 2025, reconstruction).

For N = 2^(4m) chips and K = 6N codewords (overloading 6) the structured coherence, computed
from lambda(lambda-1)/2 = 15 integer Walsh-Hadamard transforms without forming the codebook,
is compared with 1/sqrt(N) (the value Li et al. state) and the Welch bound, next to the
maximum PAPR (exhaustive for m <= 2, sampled columns for m = 3, 4; the bound 2 holds for
every Golay sequence, Davis-Jedwab 1999). m = 1..6 (N up to 16 777 216, K up to
100 663 296; m <= 5 in quick mode), both base sets of the project's reconstruction. The
Levenshtein bounds do not apply to these sizes (K <= N(N+1)/2).
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import noma, plotting
from wirelesseff.registry import Headline

NAME = "noma-coherence-table"
DESCRIPTION = "Golay codebooks K = 6N, N = 2^(4m): coherence 1/sqrt(N) vs Welch, PAPR <= 2"
SOURCE = "Li, Riera, Sarkar, Stanica, arXiv:2512.16560 (2025), abstract (reconstruction)"
HEADLINE = True

#: PAPR oversampling per m (16; 4 at m = 4 where N = 65 536; project choice). No PAPR sample
#: for m >= 5: the operator's sign table grows as 6N and the bound holds by construction.
OVERSAMPLING = {1: 16, 2: 16, 3: 16, 4: 4}
#: The ratio mu / mu_W tends to sqrt(6/5) as N grows (mu_W = sqrt(5/(6N - 1))).
RATIO_LIMIT = float(np.sqrt(6 / 5))

UNITS = {
    "N": "1", "K": "1", "overloading": "1", "mu": "1", "inv_sqrt_n": "1", "welch": "1",
    "levenshtein_real": "1", "levenshtein_complex": "1", "levenshtein_applicable": "1",
    "mu_over_welch": "1", "max_pairwise_wht": "1", "papr_max": "1", "papr_max_db": "dB",
    "papr_bound": "1", "n_papr_columns": "1", "papr_oversampling": "1", "m": "1",
}
LONG_NAMES = {
    "N": "sequence length N", "K": "codewords K", "overloading": "overloading K/N",
    "mu": "coherence (structured)", "inv_sqrt_n": "1/sqrt(N)", "welch": "Welch bound",
    "levenshtein_real": "Levenshtein bound (real)",
    "levenshtein_complex": "Levenshtein bound (complex)",
    "levenshtein_applicable": "Levenshtein bound applicable (0/1)",
    "mu_over_welch": "coherence / Welch bound", "max_pairwise_wht": "max pairwise |W|",
    "papr_max": "maximum PAPR", "papr_max_db": "maximum PAPR", "papr_bound": "Golay PAPR bound",
    "n_papr_columns": "columns in the PAPR maximum", "papr_oversampling": "PAPR oversampling",
    "m": "blocks m (N = 2^(4m))",
}


def table_row(m, base, seed, n_sample):
    """One row of the table (deterministic; the PAPR sample uses ``seed``)."""
    m = int(m)
    perms = noma.recursive_permutation_set(str(base), m)
    n = 2 ** (4 * m)
    k = len(perms) * n
    mu = noma.golay_codebook_coherence(perms)
    if m in OVERSAMPLING:
        op = noma.GolayOperator(perms)
        j = OVERSAMPLING[m]
        if m <= 2:  # exhaustive
            p = noma.papr(op.todense(), j)
        else:
            idx = np.sort(np.random.default_rng(seed).choice(k, size=n_sample, replace=False))
            p = np.concatenate([noma.papr(op.columns(idx[s : s + 32]), j)
                                for s in range(0, idx.size, 32)])
        papr_max, n_cols = float(p.max()), int(p.size)
    else:
        j, papr_max, n_cols = 0, np.nan, 0
    lev_r = noma.levenshtein_bound(n, k, real=True)
    lev_c = noma.levenshtein_bound(n, k)
    welch = float(noma.welch_bound(n, k))
    return {
        "N": n, "K": k, "overloading": k / n, "mu": mu, "inv_sqrt_n": n**-0.5, "welch": welch,
        "levenshtein_real": float(lev_r), "levenshtein_complex": float(lev_c),
        "levenshtein_applicable": int(np.isfinite(lev_r) or np.isfinite(lev_c)),
        "mu_over_welch": mu / welch, "max_pairwise_wht": mu * n,
        "papr_max": papr_max,
        "papr_max_db": float(wirelesseff.lin2db(papr_max)) if n_cols else np.nan,  # NaN: not drawn
        "papr_bound": 2.0, "n_papr_columns": n_cols, "papr_oversampling": j,
    }


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    n_sample = 64 if quick else 1024
    m_max = 5 if quick else 6
    ds = wirelesseff.sweep(
        table_row, {"m": np.arange(1, m_max + 1), "base": np.array(["A", "B"])},
        fixed={"seed": seed, "n_sample": n_sample}, executor=executor, seed=seed,
        progress=False, units=UNITS, long_names=LONG_NAMES,
        attrs={"study": NAME, "source": SOURCE, "reconstruction": 1,
               "papr_sampling": f"exhaustive for m <= 2; {n_sample} columns drawn with "
                                f"default_rng({seed}) for m = 3, 4; none for m >= 5 (NaN)",
               "mu_over_welch_limit": RATIO_LIMIT},
    )
    return ds.drop_vars("error", errors="ignore")


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(1, 2, figsize=(11.5, 3.9), width_ratios=(1, 1.45))
    ax = axes[0]
    a = ds.sel(base="A")
    n = a.N.values
    ax.loglog(n, a.inv_sqrt_n.values, "-", color="0.45", label="1/sqrt(N), stated by Li et al.")
    ax.loglog(n, a.welch.values, "--", color="#D55E00", label="Welch bound")
    ax.loglog(n, a.mu.values, "o", color="#0072B2", zorder=3,
              label="coherence computed (both base sets)")
    ax.set_xlabel("sequence length N [chips]")
    ax.set_ylabel("coherence [-]")
    ax.set_title("(a) K = 6N: coherence vs bounds")
    ax.legend(loc="lower left")
    ax = axes[1]
    ax.axis("off")
    head = ["m", "N", "K", "coherence", "1/sqrt(N)", "Welch", "ratio", "max PAPR (cols)"]
    rows = []
    for m in ds.m.values:
        r = ds.sel(m=m, base="A")
        same = bool(ds.mu.sel(m=m, base="B") == r.mu)
        papr_txt = (f"{float(r.papr_max):.7f} ({int(r.n_papr_columns)})"
                    if int(r.n_papr_columns) else "<= 2 (bound)")
        rows.append([
            f"{int(m)}", f"{int(r.N):,}", f"{int(r.K):,}",
            f"{float(r.mu):.6g}" + ("" if same else " *"), f"2^-{2 * int(m)}",
            f"{float(r.welch):.6f}", f"{float(r.mu_over_welch):.6f}", papr_txt,
        ])
    table = ax.table(cellText=rows, colLabels=head, cellLoc="center", loc="upper center",
                     bbox=[0.0, 0.12, 1.0, 0.78])
    table.auto_set_font_size(False)
    table.set_fontsize(8)
    table.auto_set_column_width(col=list(range(len(head))))
    ax.set_title("(b) computed table (base sets A and B identical)")
    ax.text(0.5, 0.02, f"ratio = coherence / Welch bound, tends to sqrt(6/5) = "
            f"{RATIO_LIMIT:.6f}; Levenshtein bounds do not apply (K <= N(N+1)/2)",
            transform=ax.transAxes, ha="center", va="bottom", fontsize=7.5)
    return fig


def headline(ds: xr.Dataset) -> list[Headline]:
    """The coherence at the largest N of the run and the PAPR maximum, beside Li et al."""
    m = int(ds.m.max())
    r = ds.sel(m=m, base="A")
    n, k = int(r.N), int(r.K)
    rows = [
        Headline(f"coherence at m = {m} (N = {n:,}, K = {k:,})", float(r.mu), "1",
                 published=f"1/sqrt(N) = {n ** -0.5:g}",
                 source="Li et al., arXiv:2512.16560 (2025), abstract",
                 note="15 integer FWHTs of length N, codebook never formed; both base sets"),
        Headline("coherence / Welch bound at the largest N", round(float(r.mu_over_welch), 6),
                 "1", note=f"tends to sqrt(6/5) = {RATIO_LIMIT:.6f}"),
    ]
    sampled = ds.papr_max.where(ds.n_papr_columns > 0)
    rows.append(Headline("largest PAPR over the sampled columns", float(sampled.max()),
                         "1", published="<= 2 (3.01 dB)",
                         source="Davis and Jedwab, IEEE Trans. Inf. Theory 45(7), 1999",
                         note="exhaustive for m <= 2, sampled for m = 3, 4"))
    return rows


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
