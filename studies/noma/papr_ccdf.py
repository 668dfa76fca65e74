"""PAPR CCDF of the Golay-bent codebook vs random and Zadoff-Chu codebooks (project study).

N = 256 chips, K = 1536 codewords (overloading 6), every column sent as a multicarrier symbol
with oversampling 16; complementary CDF Pr(PAPR > gamma) on gamma = 0..14 dB (step 0.1 dB).
Golay sequences never exceed 3.01 dB (Davis-Jedwab), whatever their permutation set (the
bent construction and the random-permutation baseline after Yu 2021 alike); the random tails
and the (cyclically extended) Zadoff-Chu tail are measured, not assumed.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import noma, plotting
from wirelesseff.registry import Headline

NAME = "noma-papr-ccdf"
DESCRIPTION = "PAPR CCDF, N = 256, K = 1536: Golay-bent vs Gaussian/bipolar/QPSK/Zadoff-Chu"
SOURCE = ("project study; Golay PAPR bound: Davis & Jedwab, IEEE Trans. Inf. Theory 45(7), "
          "1999; cf. N. Y. Yu, IEEE Trans. Commun. 69(1), 2021 (arXiv:2004.01446)")
HEADLINE = False

#: Codebooks (names of noma.CODEBOOK_KINDS); new ones are appended so that the per-point
#: random streams of the others do not change.
CODEBOOKS = ("golay", "gaussian", "bipolar", "qpsk", "zadoff_chu", "golay_yu")
N_CHIPS, K_WORDS, OVERSAMPLING = 256, 1536, 16
GAMMA_DB = np.round(np.arange(0.0, 14.0 + 1e-9, 0.1), 10)


GOLAY_BOUND_DB = float(wirelesseff.lin2db(2.0))


def point(codebook, rng):
    p = noma.papr(noma.make_codebook(str(codebook), N_CHIPS, K_WORDS, rng=rng), OVERSAMPLING)
    p_db = wirelesseff.lin2db(p)
    return {
        "ccdf": noma.papr_ccdf(p, GAMMA_DB),
        "papr_median_db": float(np.median(p_db)),
        "papr_p999_db": float(np.percentile(p_db, 99.9)),
        "papr_max_db": float(p_db.max()),
        "papr_min_db": float(p_db.min()),
    }


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    # the full computation is cheap (1536 FFTs of length 4096 per codebook): quick == full
    ds = wirelesseff.sweep(
        point, {"codebook": np.array(CODEBOOKS)}, executor=executor, seed=seed, progress=False,
        dims={"ccdf": ("gamma_db",)}, coords={"gamma_db": GAMMA_DB},
        units={"ccdf": "1", "papr_median_db": "dB", "papr_p999_db": "dB", "papr_max_db": "dB",
               "papr_min_db": "dB", "gamma_db": "dB"},
        long_names={"ccdf": "Pr(PAPR > gamma)", "gamma_db": "PAPR threshold gamma",
                    "papr_median_db": "median PAPR", "papr_p999_db": "99.9th-percentile PAPR",
                    "papr_max_db": "maximum PAPR", "papr_min_db": "minimum PAPR"},
        attrs={"study": NAME, "source": SOURCE, "N": N_CHIPS, "K": K_WORDS,
               "oversampling": OVERSAMPLING, "golay_bound_db": GOLAY_BOUND_DB},
    )
    return ds.drop_vars("error", errors="ignore")


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(1, 1, figsize=(7.5, 4.2))
    ax = axes if not isinstance(axes, np.ndarray) else axes.ravel()[0]
    for cb in ds.codebook.values:
        y = ds.ccdf.sel(codebook=cb).values
        style = {"golay": {"lw": 3.0, "zorder": 3, "color": "k"},
                 "golay_yu": {"lw": 1.5, "zorder": 4, "color": "#E69F00", "ls": ":"}}.get(
                     str(cb), {})
        ax.semilogy(ds.gamma_db.values, np.where(y > 0, y, np.nan),
                    label=noma.CODEBOOK_LABELS[str(cb)], drawstyle="steps-post", **style)
    ax.axvline(GOLAY_BOUND_DB, color="0.3", ls="--", lw=0.8, label="3.01 dB (Golay bound)")
    ax.set_xlabel(plotting.axis_label(ds.gamma_db))
    ax.set_ylabel("Pr(PAPR > gamma) [-]")
    ax.set_ylim(1.0 / (2 * ds.attrs.get("K", 1536)), 1.5)
    ax.set_title(f"PAPR CCDF, N = {ds.attrs.get('N')}, K = {ds.attrs.get('K')}, "
                 f"x{ds.attrs.get('oversampling')} oversampling")
    ax.legend(fontsize=7)
    return fig


def headline(ds: xr.Dataset) -> list[Headline]:
    """Maximum PAPR of every codebook and the share of columns above the Golay bound."""
    above = ds.ccdf.sel(gamma_db=np.round(GOLAY_BOUND_DB, 1) + 0.1, method="nearest")
    rows = []
    for cb in ds.codebook.values:
        golay = str(cb).startswith("golay")
        rows.append(Headline(
            f"maximum PAPR, {noma.CODEBOOK_LABELS[str(cb)]}",
            round(float(ds.papr_max_db.sel(codebook=cb)), 3), "dB",
            published="<= 3.01" if golay else None,
            source="Davis and Jedwab, IEEE Trans. Inf. Theory 45(7), 1999" if golay else "",
            note=f"{100 * float(above.sel(codebook=cb)):.1f} % of the columns above 3.1 dB"))
    return rows


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
