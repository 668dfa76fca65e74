"""Tightness of the closed-form MR/ZF uplink SE bounds against Monte-Carlo (Ngo et al. 2013).

K = 8 users with equal SNR s in {-10, 0, 10} dB, i.i.d. Rayleigh fading, M = 16...512 antennas,
perfect CSI and MMSE estimation from tau_p = K pilots. The closed forms of
:func:`wirelesseff.xlmimo.se_mr` / :func:`~wirelesseff.xlmimo.se_zf` are Jensen lower bounds on
E[log2(1 + SINR)], which :func:`~wirelesseff.xlmimo.se_montecarlo` estimates (numba kernel,
10^4 draws per point); the gap shrinks as M grows (channel hardening).
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import plotting
from wirelesseff.registry import Headline
from wirelesseff.units import db2lin
from wirelesseff.xlmimo import se_montecarlo, se_mr, se_zf

NAME = "xlmimo-rate-tightness"
DESCRIPTION = "Closed-form MR/ZF SE bounds versus Monte-Carlo, perfect and imperfect CSI"
SOURCE = "Ngo, Larsson, Marzetta, IEEE TCOM 61(4), 2013 (closed forms); Monte-Carlo here"

K_USERS = 8
SNR_DB = np.array([-10.0, 0.0, 10.0])


def point(M, scheme, csi, n_realizations, rng=None):
    """Per-user SE (users are statistically identical: averaged over the K users)."""
    snr = np.repeat(db2lin(SNR_DB[:, None]), K_USERS, axis=1)
    tau_p = None if csi == "perfect" else K_USERS
    if scheme == "zf" and M <= K_USERS:
        nan = np.full(SNR_DB.size, np.nan)
        return {"se_mc": nan, "se_mc_stderr": nan, "se_closed_form": nan}
    mc = se_montecarlo(int(M), snr, scheme, tau_p=tau_p, n_realizations=n_realizations, rng=rng)
    closed = (se_mr if scheme == "mr" else se_zf)(M, snr, tau_p)
    # the user average of correlated per-user estimates has stderr <= the mean stderr
    return {"se_mc": mc.mean.mean(axis=-1), "se_mc_stderr": mc.stderr.mean(axis=-1),
            "se_closed_form": closed.mean(axis=-1)}


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    """Quick: M in {16, 64, 256} with 2000 draws; full: 11 values of M in 16..512, 10^4."""
    if quick:
        m, n_mc = np.array([16, 64, 256]), 2000
    else:
        m, n_mc = np.array([16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512]), 10_000
    names = ("se_mc", "se_mc_stderr", "se_closed_form")
    ds = wirelesseff.sweep(
        point, grid={"M": m, "scheme": ["mr", "zf"], "csi": ["perfect", "imperfect"]},
        fixed={"n_realizations": n_mc}, seed=seed, executor=executor, progress=False,
        strict=True, dims={n: ("snr_db",) for n in names}, coords={"snr_db": SNR_DB},
        units={"se_mc": "bit/s/Hz", "se_mc_stderr": "bit/s/Hz", "se_closed_form": "bit/s/Hz",
               "snr_db": "dB"},
        long_names={"se_mc": "SE per user (Monte-Carlo)",
                    "se_mc_stderr": "standard error of the MC SE",
                    "se_closed_form": "SE per user (closed-form bound)",
                    "M": "number of BS antennas", "snr_db": "SNR per user"},
        attrs={"study": NAME, "source": SOURCE, "K": K_USERS, "n_realizations": n_mc})
    gap = (ds.se_mc - ds.se_closed_form).assign_attrs(
        units="bit/s/Hz", long_name="MC minus closed form (Jensen gap)")
    return ds.assign(gap=gap)


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(1, 3, figsize=(12.0, 3.6))
    for ax, scheme in zip(axes[:2], ("mr", "zf")):
        for j, s in enumerate(ds.snr_db.values):
            for csi, ls in (("perfect", "-"), ("imperfect", "--")):
                sel = ds.sel(scheme=scheme, csi=csi, snr_db=s)
                lab = f"{s:g} dB" if csi == "perfect" else None
                ax.semilogx(ds.M, sel.se_mc, "o", color=f"C{j}", ms=3)
                ax.semilogx(ds.M, sel.se_closed_form, ls, color=f"C{j}", label=lab)
        ax.set_title(f"{scheme.upper()}: markers MC, lines bound (-- imperfect CSI)")
        ax.set_xlabel("number of BS antennas M")
        ax.set_ylabel("SE per user [bit/s/Hz]")
        ax.legend()
    ax = axes[2]
    for j, s in enumerate(ds.snr_db.values):
        for scheme, ls in (("mr", "-"), ("zf", "--")):
            ax.loglog(ds.M, ds.gap.sel(scheme=scheme, csi="imperfect", snr_db=s).clip(min=1e-5),
                      ls, color=f"C{j}", label=f"{scheme.upper()}, {s:g} dB")
    ax.set_xlabel("number of BS antennas M")
    ax.set_ylabel("MC - bound, imperfect CSI [bit/s/Hz]")
    ax.legend(fontsize=6)
    ticks = [m for m in (16, 32, 64, 128, 256, 512) if ds.M.min() <= m <= ds.M.max()]
    for ax in axes:
        ax.set_xticks(ticks, [str(t) for t in ticks])
        ax.minorticks_off()
    return fig


def headline(ds: xr.Dataset) -> list[Headline]:
    """Jensen gap of the closed forms at the largest M (imperfect CSI, 10 dB)."""
    m = int(ds.M.max())
    sel = ds.gap.sel(M=m, csi="imperfect", snr_db=10.0)
    return [Headline(f"Monte-Carlo minus closed-form SE, {s.upper()}, M = {m}, 10 dB, "
                     "imperfect CSI", round(float(sel.sel(scheme=s)), 4), "bit/s/Hz",
                     note="a lower bound: the gap is >= 0 within the Monte-Carlo error")
            for s in ("mr", "zf")]

if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
