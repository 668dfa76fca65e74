"""Closed-form throughput of the mid-band model versus near-field Monte-Carlo [reconstruction].

The analogue of the tightness figure announced by Tian et al. (arXiv:2512.12725; paper not
available): the per-user spectral efficiency that :func:`wirelesseff.xlmimo.midband_ee` uses
(i.i.d. Rayleigh closed forms: log2(1 + alpha (M - K)) for ZF, the MR bound of Ngo et al.
2013) against a Monte-Carlo over exact spherical-wave line-of-sight channels of an n x n
lambda/2 UPA (:func:`wirelesseff.xlmimo.nearfield_gram`), K = 12 users on a ring at distance d
(10 m to 100 m) in a 120-degree sector, the TR 38.901 UMi path loss and statistical channel
inversion (every user receives the SNR alpha = 0 dB per unit channel gain). Swept: M = n^2,
d and the carrier (7-24 GHz); receivers ZF, MR and MMSE. The gap is Monte-Carlo minus closed
form [bit/s/Hz].
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import plotting
from wirelesseff.registry import Headline
from wirelesseff.units import db2lin
from wirelesseff.xlmimo import nearfield_gram, nearfield_se_montecarlo, se_mr

NAME = "xlmimo-midband-rate-tightness"
DESCRIPTION = ("Closed-form per-user SE of the mid-band model vs near-field Monte-Carlo over M, "
               "distance and carrier [reconstruction]")
SOURCE = ("Analogue of the tightness check of Tian et al., arXiv:2512.12725 (paper not "
          "available); near-field channels as in Björnson, Demir, Sanguinetti, Asilomar 2021")

K_USERS = 12
SNR_DB = 0.0
RECEIVERS = ("zf", "mr", "mmse")
RECEIVER_WORDS = {"zf": "zero-forcing", "mr": "maximum ratio", "mmse": "MMSE"}


def point(n_side, distance, frequency, n_realizations, rng=None):
    """Monte-Carlo and closed-form per-user SE for the three receivers."""
    alpha = db2lin(SNR_DB)
    m = int(n_side) ** 2
    g = nearfield_gram(int(n_side), float(frequency), K_USERS, n_realizations,
                       d_min=float(distance), d_max=1.05 * float(distance), rng=rng)
    mc = [nearfield_se_montecarlo(g, alpha, r) for r in RECEIVERS]
    zf_closed = np.log2(1.0 + alpha * (m - K_USERS)) if m > K_USERS else np.nan
    mr_closed = float(se_mr(m, np.full(K_USERS, alpha))[0])
    closed = np.array([zf_closed, mr_closed, zf_closed])  # MMSE: compared with the ZF form
    return {"se_mc": np.array([r.mean.mean() for r in mc]),
            "se_mc_stderr": np.array([r.stderr.mean() for r in mc]),
            "se_closed_form": closed}


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    """Quick: n = 8, 16, 32; 10 and 50 m; 7 and 24 GHz; 16 drops. Full: n up to 128, 64 drops."""
    if quick:
        n_side, dist, freq, n_mc = [8, 16, 32], [10.0, 50.0], [7e9, 24e9], 16
    else:
        n_side, dist, freq, n_mc = [8, 16, 32, 64, 128], [10.0, 30.0, 100.0], \
            [7e9, 10e9, 15e9, 24e9], 64
    names = ("se_mc", "se_mc_stderr", "se_closed_form")
    ds = wirelesseff.sweep(
        point, grid={"n_side": n_side, "distance": dist, "frequency": freq},
        fixed={"n_realizations": n_mc}, seed=seed, executor=executor, progress=False,
        strict=True, dims={n: ("receiver",) for n in names},
        coords={"receiver": list(RECEIVERS)},
        units={"se_mc": "bit/s/Hz", "se_mc_stderr": "bit/s/Hz", "se_closed_form": "bit/s/Hz",
               "n_side": "1", "distance": "m", "frequency": "Hz"},
        long_names={"se_mc": "per-user SE, near-field Monte-Carlo",
                    "se_mc_stderr": "standard error of the Monte-Carlo SE",
                    "se_closed_form": "per-user SE, closed form of midband_ee",
                    "n_side": "elements per UPA side n (M = n^2)",
                    "distance": "user distance d", "frequency": "carrier frequency"},
        attrs={"study": NAME, "source": SOURCE, "reconstruction": 1, "K": K_USERS,
               "snr_db": SNR_DB, "n_realizations": n_mc})
    gap = (ds.se_mc - ds.se_closed_form).assign_attrs(
        units="bit/s/Hz", long_name="Monte-Carlo minus closed form")
    m = (ds.n_side**2).assign_attrs(units="1", long_name="number of antennas M")
    return ds.assign(gap=gap, n_antennas=m)


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(1, 3, figsize=(12.5, 3.8))
    m = ds.n_antennas.values
    d0, f_hi = float(ds.distance.min()), float(ds.frequency.max())
    ax = axes[0]
    for j, r in enumerate(RECEIVERS):
        sel = ds.sel(receiver=r, distance=d0, frequency=f_hi)
        ax.errorbar(m, sel.se_mc, yerr=3 * sel.se_mc_stderr, fmt="o", color=f"C{j}", ms=3,
                    label=f"{RECEIVER_WORDS[r]}, Monte-Carlo")
        if r != "mmse":
            ax.plot(m, sel.se_closed_form, "-", color=f"C{j}",
                    label=f"{RECEIVER_WORDS[r]}, closed form")
    ax.set_xscale("log")
    ax.set_xlabel("number of antennas M")
    ax.set_ylabel("per-user SE [bit/s/Hz]")
    ax.set_title(f"(a) d = {d0:g} m, {f_hi / 1e9:g} GHz", fontsize=9)
    ax.legend(fontsize=6)
    ax = axes[1]
    for j, d in enumerate(ds.distance.values):
        for r, ls in (("zf", "-"), ("mr", "--")):
            ax.plot(m, ds.gap.sel(receiver=r, distance=d, frequency=f_hi), ls, marker="o",
                    ms=3, color=f"C{j}",
                    label=f"{RECEIVER_WORDS[r]}, d = {d:g} m")
    ax.axhline(0.0, color="0.4", lw=0.8)
    ax.set_xscale("log")
    ax.set_xlabel("number of antennas M")
    ax.set_ylabel("Monte-Carlo minus closed form [bit/s/Hz]")
    ax.set_title(f"(b) gap versus M and distance, {f_hi / 1e9:g} GHz", fontsize=9)
    ax.legend(fontsize=6)
    ax = axes[2]
    n_big = int(ds.n_side.max())
    for j, d in enumerate(ds.distance.values):
        ax.plot(ds.frequency / 1e9, ds.gap.sel(receiver="zf", distance=d, n_side=n_big), "-o",
                ms=3, color=f"C{j}", label=f"zero-forcing, d = {d:g} m")
    ax.axhline(0.0, color="0.4", lw=0.8)
    ax.set_xlabel("carrier frequency [GHz]")
    ax.set_ylabel("Monte-Carlo minus closed form [bit/s/Hz]")
    ax.set_title(f"(c) gap versus carrier, M = {n_big**2}", fontsize=9)
    ax.legend(fontsize=6)
    return fig


def headline(ds: xr.Dataset) -> list[Headline]:
    """ZF gap of the closed form at the smallest and largest arrays (nearest users, top carrier)."""
    d0, f_hi = float(ds.distance.min()), float(ds.frequency.max())
    out = []
    for n in (int(ds.n_side.min()), int(ds.n_side.max())):
        gap = float(ds.gap.sel(receiver="zf", n_side=n, distance=d0, frequency=f_hi))
        out.append(Headline(f"ZF closed-form gap at M = {n * n}, d = {d0:g} m, "
                            f"{f_hi / 1e9:g} GHz", round(gap, 3), "bit/s/Hz",
                            note="Monte-Carlo minus closed form; reconstruction, the paper's "
                                 "tightness figure is not available"))
    worst = float(np.nanmax(np.abs(ds.gap.sel(receiver="zf", n_side=int(ds.n_side.max())))))
    out.append(Headline("largest |ZF gap| over distance and carrier at the largest array",
                        round(worst, 3), "bit/s/Hz"))
    return out


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
