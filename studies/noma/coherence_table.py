"""Coherence table of the bent-function Golay codebooks, m = 1..4 (Li et al. 2025, reconstruction).

For N = 2^(4m) chips and K = 6N codewords (overloading 6) the structured coherence (from
lambda(lambda-1)/2 = 15 integer Walsh-Hadamard transforms, never forming A) is compared with
1/sqrt(N), the Welch bound and the (inapplicable) Levenshtein bounds, next to the maximum PAPR
(exhaustive for m <= 2, sampled columns for m = 3, 4). Reproduces the reference table of the
NOMA spec §1.4 exactly, for both base sets S_A and S_B.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import noma, plotting

NAME = "noma-coherence-table"
DESCRIPTION = "Golay codebooks K = 6N, N = 2^(4m): coherence 1/sqrt(N) vs Welch, PAPR <= 2"
SOURCE = "Li, Riera, Sarkar, Stanica, arXiv:2512.16560 (2025), abstract (reconstruction)"
HEADLINE = True

#: Oversampling of the PAPR per m (16, or 4 at m = 4 where N = 65 536; spec S1).
OVERSAMPLING = {1: 16, 2: 16, 3: 16, 4: 4}

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
    op = noma.golay_operator(m, str(base))
    n, k = op.N, op.K
    mu = noma.golay_codebook_coherence(op.perms)
    j = OVERSAMPLING[m]
    if m <= 2:  # exhaustive
        p = noma.papr(op.todense(), j)
    else:
        idx = np.sort(np.random.default_rng(seed).choice(k, size=n_sample, replace=False))
        p = np.concatenate([noma.papr(op.columns(idx[s : s + 32]), j)
                            for s in range(0, idx.size, 32)])
    lev_r = noma.levenshtein_bound(n, k, real=True)
    lev_c = noma.levenshtein_bound(n, k)
    welch = float(noma.welch_bound(n, k))
    return {
        "N": n, "K": k, "overloading": k / n, "mu": mu, "inv_sqrt_n": n**-0.5, "welch": welch,
        "levenshtein_real": float(lev_r), "levenshtein_complex": float(lev_c),
        "levenshtein_applicable": int(np.isfinite(lev_r) or np.isfinite(lev_c)),
        "mu_over_welch": mu / welch, "max_pairwise_wht": mu * n,
        "papr_max": float(p.max()), "papr_max_db": float(wirelesseff.lin2db(p.max())),
        "papr_bound": 2.0, "n_papr_columns": int(p.size), "papr_oversampling": j,
    }


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    n_sample = 64 if quick else 1024
    ds = wirelesseff.sweep(
        table_row, {"m": np.arange(1, 5), "base": np.array(["A", "B"])},
        fixed={"seed": seed, "n_sample": n_sample}, executor=executor, seed=seed,
        progress=False, units=UNITS, long_names=LONG_NAMES,
        attrs={"study": NAME, "source": SOURCE, "reconstruction": 1,
               "papr_sampling": f"exhaustive for m <= 2; {n_sample} columns drawn with "
                                f"default_rng({seed}) for m = 3, 4",
               "mu_over_welch_limit": float(np.sqrt(6 / 5))},
    )
    return ds.drop_vars("error", errors="ignore")


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(1, 2, figsize=(12.5, 4.0), width_ratios=(1, 1.25))
    ax = axes[0]
    a = ds.sel(base="A")
    n = a.N.values
    ax.loglog(n, a.mu.values, "o", label="coherence (S_A and S_B)", zorder=3)
    ax.loglog(n, a.inv_sqrt_n.values, "-", label="1/sqrt(N)")
    ax.loglog(n, a.welch.values, "--", label="Welch bound")
    for nn, w, r in zip(n, a.welch.values, a.mu_over_welch.values):
        ax.annotate(f"x{r:.4f}", (nn, w), textcoords="offset points", xytext=(-10, -14),
                    fontsize=7)
    ax.set_xlabel("sequence length N [chips]")
    ax.set_ylabel("coherence [-]")
    ax.set_title("(a) K = 6N: coherence vs bounds")
    ax.legend()
    ax = axes[1]
    ax.axis("off")
    head = ["m", "N", "K", "mu", "1/sqrt(N)", "Welch", "mu/Welch", "Lev.", "max PAPR"]
    rows = []
    for m in ds.m.values:
        r = ds.sel(m=m, base="A")
        same = bool(ds.mu.sel(m=m, base="B") == r.mu)
        rows.append([
            f"{int(m)}", f"{int(r.N)}", f"{int(r.K)}", f"{float(r.mu):.5g}" + ("" if same else "*"),
            f"2^-{2 * int(m)}", f"{float(r.welch):.6f}",
            f"{float(r.mu_over_welch):.6f}", "n/a" if not int(r.levenshtein_applicable) else "",
            f"{float(r.papr_max):.4f} ({int(r.n_papr_columns)})",
        ])
    table = ax.table(cellText=rows, colLabels=head, loc="center", cellLoc="center")
    table.auto_set_font_size(False)
    table.set_fontsize(7.5)
    table.auto_set_column_width(col=list(range(len(head))))
    table.scale(1.0, 1.5)
    ax.set_title("(b) reference table (S_B identical); PAPR bound 2 (3.01 dB)")
    return fig


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
