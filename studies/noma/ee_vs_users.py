"""Energy efficiency of grant-free NOMA versus the number of active users (project model).

For each codebook (N = 256, K = 1536) and K_a: the SNR rho_req at which OMP activity detection
reaches AER = 1e-2 (Monte-Carlo over SNR = 10..35 dB in 0.5 dB steps, log-linear
interpolation), the PA back-off from the 99.9th-percentile PAPR of the codebook (class-B PA),
the transmit power P_tx = rho_req sigma_n^2 / (N G) and

    EE = K_a (1 - AER) b / T_frame / (K_a (P_tx / eta + P_c,UE) + P_c,BS),

with P_c,UE = 0.2 W and P_c,BS = 10 W (Massive MIMO Networks, Table 5.3, value set 1).
EE = 0 where the target is never met (error floor). Bandwidth, noise figure, large-scale gain,
payload and frame length are illustrative, unsourced options (see docs/noma.md,
"Energy-efficiency link"). The random-permutation Golay codebook (after Yu 2021) has the bent
codebook's PAPR but a larger coherence: it separates the two effects.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import noma, plotting
from wirelesseff.channel.noise import noise_power
from wirelesseff.power import massive_mimo_book_vs1
from wirelesseff.registry import Headline

NAME = "noma-ee-vs-users"
DESCRIPTION = "EE [bit/J] vs active users: required SNR, PA back-off and power per codebook"
SOURCE = ("project model (reconstruction from standard PA theory); circuit powers: Björnson, "
          "Hoydis, Sanguinetti, Massive MIMO Networks (2017), Table 5.3, value set 1")
HEADLINE = False

#: Codebooks and their seeds (seed, index): the same as the activity-detection study.
CODEBOOKS = ("golay", "gaussian", "bipolar", "qpsk", "zadoff_chu", "golay_yu")
KA = np.array([8, 16, 32, 48, 64, 80, 96, 128])
SNR_DB = np.round(np.arange(10.0, 35.0 + 1e-9, 0.5), 10)

#: Illustrative, unsourced defaults (project choice); override on the command line or via
#: ``run``.
PARAMS = {
    "bandwidth": 1e6,  # Hz
    "noise_figure_db": 7.0,  # dB
    "gain_db": -110.0,  # dB, large-scale channel gain G
    "payload_bits": 100.0,  # bit per user and frame
    "frame_s": 1e-3,  # s
    "target_aer": 1e-2,
    "detector": "omp",
    "fading": "phase",
    "pa_class": "B",
    "papr_percentile": 99.9,
}

VARS_SNR = ("aer",)
UNITS = {"aer": "1", "snr_req_db": "dB", "p_tx": "W", "p_tx_dbm": "dBm", "ibo_db": "dB",
         "p_pa": "W", "p_pa_dbm": "dBm",
         "eta_pa": "1", "ee": "bit/J", "snr_db": "dB", "ka": "1"}
LONG_NAMES = {"aer": "activity error rate", "snr_req_db": "required SNR rho_req",
              "p_tx": "transmit power per user", "p_tx_dbm": "transmit power per user",
              "ibo_db": "PA input back-off", "eta_pa": "PA efficiency",
              "p_pa": "PA consumption per user P_tx/eta",
              "p_pa_dbm": "PA consumption per user P_tx/eta",
              "ee": "energy efficiency", "snr_db": "SNR (Es/N0)", "ka": "active users K_a"}


def codebook_of(codebook: str, seed: int):
    """Same codebooks (and seeds) as the activity-detection study."""
    return noma.make_codebook(codebook, 256, 1536,
                              rng=np.random.default_rng([seed, CODEBOOKS.index(codebook)]),
                              matrix_free=codebook.startswith("golay"))


def crn_seed(seed: int, ka: int, fading: str) -> list[int]:
    """Common random numbers of the activity-detection study for (K_a, fading)."""
    return [seed, 1000 + int(ka), ("phase", "rayleigh").index(fading)]


def point(codebook, ka, seed, n_trials, snr_grid, coarse_every, params):
    p = dict(params)
    snr_grid = np.asarray(snr_grid, dtype=float)
    a = codebook_of(str(codebook), seed)
    dense = a.todense() if hasattr(a, "todense") else a
    ibo = noma.papr_backoff_db(noma.papr(dense, 16), q=p["papr_percentile"])
    eta = noma.pa_efficiency(ibo, p["pa_class"])
    aer = noma.activity_error_curve(a, int(ka), snr_grid, n_trials,
                                    seed=crn_seed(seed, ka, p["fading"]), target=p["target_aer"],
                                    coarse_every=coarse_every, detector=p["detector"],
                                    fading=p["fading"])
    rho = float(noma.required_snr_db(snr_grid, aer, p["target_aer"]))
    sigma2 = noise_power(p["bandwidth"], p["noise_figure_db"])
    n = dense.shape[0]
    p_tx = float(noma.transmit_power(rho, n, sigma2, wirelesseff.db2lin(p["gain_db"])))
    book = massive_mimo_book_vs1()
    ee = float(noma.energy_efficiency(int(ka), p["target_aer"], p["payload_bits"], p["frame_s"],
                                      p_tx, eta, book.p_ue, book.p_fix))
    p_pa = p_tx / float(eta)
    finite = np.isfinite(p_tx)
    return {"aer": aer, "snr_req_db": rho, "p_tx": p_tx,
            "p_tx_dbm": float(wirelesseff.w2dbm(p_tx)) if finite else np.inf,
            "p_pa": p_pa, "p_pa_dbm": float(wirelesseff.w2dbm(p_pa)) if finite else np.inf,
            "ibo_db": ibo, "eta_pa": float(eta), "ee": ee}


def run(quick: bool = False, seed: int = 0, executor="serial", n_trials: int | None = None,
        coarse_every: int | None = None, **overrides) -> xr.Dataset:
    unknown = set(overrides) - set(PARAMS)
    if unknown:
        raise ValueError(f"unknown parameters {sorted(unknown)}; valid: {sorted(PARAMS)}")
    params = PARAMS | overrides
    if quick:
        ka, trials, every = np.array([8, 32, 64]), 10, 10  # coarse pass every 5 dB
    else:
        ka, trials, every = KA, 2000, 5  # coarse pass every 2.5 dB (the S4 grid)
    trials = trials if n_trials is None else int(n_trials)
    every = every if coarse_every is None else int(coarse_every)
    book = massive_mimo_book_vs1()
    ds = wirelesseff.sweep(
        point, {"codebook": np.array(CODEBOOKS), "ka": ka},
        fixed={"seed": seed, "n_trials": trials, "snr_grid": SNR_DB.tolist(),
               "coarse_every": every, "params": params},
        executor=executor, seed=seed, progress=not quick, units=UNITS, long_names=LONG_NAMES,
        dims={"aer": ("snr_db",)}, coords={"snr_db": SNR_DB},
        attrs={"study": NAME, "source": SOURCE, "reconstruction": 1, "n_trials": trials,
               "N": 256, "K": 1536, "p_circuit_ue_w": book.p_ue, "p_circuit_bs_w": book.p_fix,
               "noise_power_w": float(noise_power(params["bandwidth"],
                                                  params["noise_figure_db"])),
               **{k: v for k, v in params.items()}},
    )
    return ds.drop_vars("error", errors="ignore")


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(2, 2, figsize=(11.0, 7.8))
    axes = axes.ravel()
    codebooks = [str(c) for c in ds.codebook.values]
    labels = [f"{noma.CODEBOOK_LABELS[c]} (PA back-off "
              f"{float(ds.ibo_db.sel(codebook=c).isel(ka=0)):.1f} dB)" for c in codebooks]
    panels = [
        (ds.ee, f"(a) EE, target AER {ds.attrs.get('target_aer', 0.01):g} "
                "(circuit-power dominated)"),
        (ds.snr_req_db.where(np.isfinite(ds.snr_req_db)),
         "(b) required SNR (missing: error floor, EE = 0)"),
        (ds.p_tx_dbm.where(np.isfinite(ds.p_tx_dbm)),
         f"(c) transmit power P_tx (G = {ds.attrs.get('gain_db', -110):g} dB)"),
        (ds.p_pa_dbm.where(np.isfinite(ds.p_pa_dbm)),
         f"(d) PA power P_tx/eta, class {ds.attrs.get('pa_class', 'B')}"),
    ]
    for ax, (da, title) in zip(axes, panels):
        lines = plotting.plot_curves(ax, da, "ka", hue="codebook", labels=labels, marker="o",
                                     ms=3, legend=False)
        for line, cb in zip(lines, codebooks):
            if cb == "golay_yu":  # same PAPR as the bent codebook: keep it visible on top
                line.set_linestyle("--")
        ax.set_title(title)
    handles, labs = axes[3].get_legend_handles_labels()
    fig.legend(handles, labs, loc="outside lower center", ncol=3, fontsize=7)
    return fig


def headline(ds: xr.Dataset) -> list[Headline]:
    """Required SNR, PA back-off and EE per codebook at the lightest load of the run."""
    ka = int(ds.ka.min())
    rows = []
    for cb in ds.codebook.values:
        r = ds.sel(codebook=cb, ka=ka)
        rows.append(Headline(
            f"EE, {noma.CODEBOOK_LABELS[str(cb)]}, K_a = {ka}", round(float(r.ee) / 1e3, 2),
            "kbit/J",
            note=f"required SNR {float(r.snr_req_db):.2f} dB, PA back-off "
                 f"{float(r.ibo_db):.2f} dB (eta = {float(r.eta_pa):.3f}); illustrative "
                 "link parameters (project model)"))
    return rows


def _parse_params(argv=None):
    """Split the study's own options (``--bandwidth`` ...) from the common study options."""
    import argparse

    parser = argparse.ArgumentParser(add_help=False)
    for key, value in PARAMS.items():
        parser.add_argument("--" + key.replace("_", "-"), type=type(value), default=value)
    own, rest = parser.parse_known_args(argv)
    return vars(own), rest


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    _own, _rest = _parse_params()
    PARAMS.update(_own)
    main_for_study(run, plot, argv=_rest)
