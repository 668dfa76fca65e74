"""Grant-free activity detection with Golay-bent vs random and Zadoff-Chu codebooks (project study).

N = 256 chips, K = 1536 potential users (overloading 6). Codebooks: the bent Golay codebook
(Li et al., reconstruction), Gaussian, bipolar, QPSK, Zadoff-Chu, and Golay sequences of a
random permutation set (the same-family baseline after N. Y. Yu 2021: same PAPR bound, larger
coherence). Detectors: OMP with K_a iterations and
AMP (soft threshold, alpha = 1.5, 30 iterations) followed by a top-K_a decision. Panels:
(a) activity-error rate (AER) versus SNR (Es/N0 after despreading) at K_a = 64;
(b) AER versus K_a at 25 dB, with the noiseless OMP guarantee K_a <= 8 of the bent codebook
(mu = 1/16). Unit-modulus random phases (perfect power control) and Rayleigh fading. Common
random numbers: every codebook and detector sees the same active sets, channel coefficients and
unit noise (scaled by sigma) for a given (K_a, fading), and the same noise at every SNR.
After the simulation set-up of N. Y. Yu (IEEE Trans. Commun. 2021); the Li et al. abstract
reports no simulations.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import noma, plotting
from wirelesseff.registry import Headline

NAME = "noma-activity-detection"
DESCRIPTION = "AER of OMP/AMP activity detection vs SNR and K_a, N = 256, K = 1536"
SOURCE = ("project study after N. Y. Yu, IEEE Trans. Commun. 69(1):276-290, 2021 "
          "(arXiv:2004.01446); codebook: Li et al., arXiv:2512.16560 (reconstruction)")
HEADLINE = False

#: Codebooks (names of noma.CODEBOOK_KINDS); new ones are appended so that the seeds of the
#: others, (seed, index), do not change.
CODEBOOKS = ("golay", "gaussian", "bipolar", "qpsk", "zadoff_chu", "golay_yu")
DETECTORS = ("omp", "amp")
FADINGS = ("phase", "rayleigh")
N_CHIPS, K_WORDS = 256, 1536
SNR_DB = np.arange(10.0, 30.0 + 1e-9, 2.5)
KA = np.array([8, 16, 32, 48, 64, 80, 96, 128])
KA_FOR_SNR_SWEEP = 64
SNR_FOR_KA_SWEEP = 25.0

VARS = ("aer", "aer_low", "aer_high", "p_fa")
UNITS = {v: "1" for v in VARS} | {"snr_db": "dB", "ka": "1"}
LONG_NAMES = {"aer": "activity error rate", "aer_low": "AER 95% Wilson lower bound",
              "aer_high": "AER 95% Wilson upper bound", "p_fa": "false-alarm probability",
              "snr_db": "SNR (Es/N0)", "ka": "active users K_a"}


def codebook_of(codebook: str, seed: int):
    """The study's codebook: Golay kinds matrix-free, random draws seeded by (seed, index)."""
    return noma.make_codebook(codebook, N_CHIPS, K_WORDS,
                              rng=np.random.default_rng([seed, CODEBOOKS.index(codebook)]),
                              matrix_free=codebook.startswith("golay"))


def crn_generator(seed: int, ka: int, fading: str) -> np.random.Generator:
    """Common random numbers: one stream per (K_a, fading), shared by codebooks and detectors."""
    return np.random.default_rng([seed, 1000 + int(ka), FADINGS.index(fading)])


def point(codebook, detector, fading, ka, seed, n_trials, snr_grid, ka_for_snr, snr_for_ka):
    snr_grid = np.asarray(snr_grid, dtype=float)
    snrs = snr_grid if int(ka) == ka_for_snr else np.array([snr_for_ka])
    a = codebook_of(str(codebook), seed)
    mc = noma.activity_detection_mc(a, int(ka), snrs, n_trials, detector=str(detector),
                                    fading=str(fading), rng=crn_generator(seed, ka, str(fading)))
    out = {v: np.full(snr_grid.size, np.nan) for v in VARS}
    pos = np.searchsorted(snr_grid, snrs)
    for v in VARS:
        out[v][pos] = mc[v].values
    return out


def run(quick: bool = False, seed: int = 0, executor="serial", n_trials: int | None = None,
        ) -> xr.Dataset:
    if quick:
        snr_grid, ka, trials = np.array([10.0, 25.0, 30.0]), np.array([8, 64]), 12
    else:
        snr_grid, ka, trials = SNR_DB, KA, 2000
    trials = trials if n_trials is None else int(n_trials)
    ds = wirelesseff.sweep(
        point,
        {"codebook": np.array(CODEBOOKS), "detector": np.array(DETECTORS),
         "fading": np.array(FADINGS), "ka": ka},
        fixed={"seed": seed, "n_trials": trials, "snr_grid": snr_grid.tolist(),
               "ka_for_snr": KA_FOR_SNR_SWEEP, "snr_for_ka": SNR_FOR_KA_SWEEP},
        executor=executor, seed=seed, progress=not quick, units=UNITS, long_names=LONG_NAMES,
        dims={v: ("snr_db",) for v in VARS}, coords={"snr_db": snr_grid},
        attrs={"study": NAME, "source": SOURCE, "N": N_CHIPS, "K": K_WORDS,
               "n_trials": trials, "amp_alpha": 1.5, "amp_iterations": 30, "amp_damping": 0.0,
               "omp_guarantee_ka": int(noma.omp_max_sparsity(N_CHIPS**-0.5)),
               "note": f"AER over SNR only at K_a = {KA_FOR_SNR_SWEEP}; other K_a only at "
                       f"{SNR_FOR_KA_SWEEP} dB (NaN elsewhere); Wilson intervals count the "
                       "T*K_a user decisions as independent"},
    )
    return ds.drop_vars("error", errors="ignore")


def _curves(ax, da, lo, hi, x, styles, floor):
    """AER curves (OMP solid, AMP dashed) with Wilson bands; zero AER drawn as a down-triangle
    at the Monte-Carlo resolution ``floor`` (one error in all decisions)."""
    for cb in da.codebook.values:
        for det, ls in (("omp", "-"), ("amp", "--")):
            y = da.sel(codebook=cb, detector=det)
            ok = np.isfinite(y.values)
            if not ok.any():
                continue
            xs = y[x].values[ok]
            yv = y.values[ok]
            res = np.broadcast_to(floor, y.shape)[ok]
            color = styles[str(cb)]
            pos = yv > 0
            # lines only through observed errors; zero-error points are bare triangles
            ax.semilogy(xs, np.where(pos, yv, np.nan), ls, marker="o", ms=3, color=color,
                        lw=1.2, label=f"{noma.CODEBOOK_LABELS[str(cb)]}, {det.upper()}")
            ax.plot(xs[~pos], res[~pos], "v", ms=4, color=color, alpha=0.7)
            lo_v = lo.sel(codebook=cb, detector=det).values[ok]
            hi_v = hi.sel(codebook=cb, detector=det).values[ok]
            ax.fill_between(xs, np.where(pos, np.maximum(lo_v, res * 0.5), np.nan),
                            np.where(pos, hi_v, np.nan), color=color, alpha=0.10, lw=0)


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(2, 2, figsize=(11.0, 8.4))
    colors = dict(zip(CODEBOOKS, ("k", "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00")))
    ka_snr = KA_FOR_SNR_SWEEP if KA_FOR_SNR_SWEEP in ds.ka.values else int(ds.ka.values[-1])
    snr_ka = SNR_FOR_KA_SWEEP if SNR_FOR_KA_SWEEP in ds.snr_db.values else float(
        ds.snr_db.values[-1])
    trials = int(ds.attrs.get("n_trials", 1))
    for row, fading in enumerate(ds.fading.values):
        sub = ds.sel(fading=fading)
        ax = axes[row, 0]
        _curves(ax, sub.aer.sel(ka=ka_snr), sub.aer_low.sel(ka=ka_snr),
                sub.aer_high.sel(ka=ka_snr), "snr_db", colors, 1.0 / (trials * ka_snr))
        ax.set_xlabel(plotting.axis_label(ds.snr_db))
        ax.set_ylabel("activity error rate [-]")
        ax.set_title(f"({'ac'[row]}) AER vs SNR, K_a = {ka_snr}, {fading}")
        ax = axes[row, 1]
        _curves(ax, sub.aer.sel(snr_db=snr_ka), sub.aer_low.sel(snr_db=snr_ka),
                sub.aer_high.sel(snr_db=snr_ka), "ka", colors, 1.0 / (trials * ds.ka.values))
        g = ds.attrs.get("omp_guarantee_ka", 8)
        ax.axvline(g, color="0.3", ls=":", lw=1.0, label=f"OMP guarantee K_a <= {g}")
        ax.set_xlabel("active users K_a [-]")
        ax.set_ylabel("activity error rate [-]")
        ax.set_title(f"({'bd'[row]}) AER vs K_a, {snr_ka:g} dB, {fading}")
    handles, labels = axes[0, 0].get_legend_handles_labels()
    h2, l2 = axes[0, 1].get_legend_handles_labels()
    extra = [(h, lab) for h, lab in zip(h2, l2) if lab not in labels]
    handles += [h for h, _ in extra]
    labels += [lab for _, lab in extra]
    # one legend for the four panels, below them (inside the figure)
    fig.legend(handles, labels, loc="outside lower center", ncol=4, fontsize=7,
               title="solid: OMP, dashed: AMP; triangles: no error in T*K_a decisions (drawn "
                     "at 1/(T*K_a)); bands: 95 % Wilson intervals", title_fontsize=7)
    return fig


def headline(ds: xr.Dataset) -> list[Headline]:
    """Overloaded OMP floor (K_a = 64, highest SNR, phase fading) of every codebook."""
    ka = KA_FOR_SNR_SWEEP if KA_FOR_SNR_SWEEP in ds.ka.values else int(ds.ka.values[-1])
    snr = float(ds.snr_db.max())
    rows = []
    for det in ds.detector.values:
        aer = ds.aer.sel(ka=ka, snr_db=snr, detector=det, fading="phase")
        for cb in ds.codebook.values if det == "omp" else ["golay"]:
            rows.append(Headline(
                f"AER, {noma.CODEBOOK_LABELS[str(cb)]}, {str(det).upper()}, K_a = {ka}, "
                f"{snr:g} dB, phase fading", float(aer.sel(codebook=cb)), "1",
                note=f"T = {ds.attrs.get('n_trials')} trials per point (project Monte-Carlo)"))
    return rows


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
