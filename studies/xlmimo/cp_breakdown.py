"""Circuit-power breakdown of the Massive MIMO Networks model (book Figs. 5.9-5.11).

Terms of :func:`wirelesseff.power.book_circuit_power` (fixed, transceiver chains, channel
estimation, signal processing, coding/decoding, backhaul) versus M in [10, 200] at K = 10 for
value sets 1 and 2 and the five schemes MR, ZF, RZF, S-MMSE, M-MMSE (tau_p = K, tau_c = 200,
B = 20 MHz, L = 16 cells), plus stacked bars at M = 100.

Assumption (not from the book): the sum SE that drives the coding/decoding and backhaul terms
is K times the closed-form imperfect-CSI uplink SE at 10 dB (ZF bound for ZF/RZF/MMSE when
M > K, MR bound for MR and for M <= K) from :mod:`wirelesseff.xlmimo.rates`; the book uses
simulated SEs, so only the shapes are comparable.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import plotting
from wirelesseff.power import (
    book_circuit_power,
    massive_mimo_book_vs1,
    massive_mimo_book_vs2,
)
from wirelesseff.registry import Headline
from wirelesseff.units import db2lin, w2dbm
from wirelesseff.xlmimo import se_mr, se_zf

NAME = "xlmimo-cp-breakdown"
DESCRIPTION = "Circuit-power terms versus M for value sets 1/2 and five processing schemes"
SOURCE = "Björnson, Hoydis, Sanguinetti, Massive MIMO Networks (2017), Figs. 5.9-5.11"

K_USERS = 10
SNR_DB = 10.0
TERMS = ("fix", "tc", "ce", "sp_rt", "sp_dl", "sp_ul", "cd", "bh")
TERM_NAMES = {"fix": "fixed", "tc": "transceiver chains", "ce": "channel estimation",
              "sp_rt": "SP: reception/transmission", "sp_dl": "SP: precoding computation",
              "sp_ul": "SP: combining computation", "cd": "coding/decoding", "bh": "backhaul"}
SCHEMES = ("mr", "zf", "rzf", "s_mmse", "m_mmse")
SCHEME_WORDS = {"mr": "MR", "zf": "ZF", "rzf": "RZF", "s_mmse": "S-MMSE", "m_mmse": "M-MMSE"}
VALUE_SETS = {"vs1": massive_mimo_book_vs1, "vs2": massive_mimo_book_vs2}


def point(value_set, scheme, M):
    """All terms over the M axis for one value set and scheme."""
    m = np.asarray(M, float)
    snr = np.full(K_USERS, db2lin(SNR_DB))
    sum_se = se_mr(m, snr, tau_p=K_USERS).sum(axis=-1)
    if scheme != "mr":  # ZF bound where defined (M > K), MR bound otherwise
        sum_se = np.where(m > K_USERS, se_zf(np.maximum(m, K_USERS + 1), snr,
                                              tau_p=K_USERS).sum(axis=-1), sum_se)
    cp = book_circuit_power(m, K_USERS, bandwidth=20e6, tau_c=200, tau_p=K_USERS,
                            sum_se=sum_se, scheme=scheme, params=VALUE_SETS[value_set]())
    out = {name: np.asarray(getattr(cp, name), float) * np.ones_like(m) for name in TERMS}
    out["total"] = np.asarray(cp.total, float)
    out["sum_se"] = sum_se
    return out


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    """Terms for M = 10..200 (quick: every 10th M; both contain M = 100)."""
    m = np.arange(10, 201, 10 if quick else 1)
    names = (*TERMS, "total", "sum_se")
    units = {n: "W" for n in (*TERMS, "total")} | {"sum_se": "bit/s/Hz"}
    long_names = {n: TERM_NAMES[n] for n in TERMS} | {"total": "total circuit power",
                                                      "sum_se": "sum SE (assumed input)"}
    ds = wirelesseff.sweep(point, grid={"value_set": list(VALUE_SETS), "scheme": list(SCHEMES)},
                           fixed={"M": m}, seed=seed, executor=executor, progress=False,
                           strict=True,
                           dims={n: ("M",) for n in names}, coords={"M": m}, units=units,
                           long_names=long_names,
                           attrs={"study": NAME, "source": SOURCE, "K": K_USERS,
                                  "snr_db_assumed": SNR_DB})
    ds["M"].attrs.update(long_name="number of BS antennas")
    return ds


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(2, 3, figsize=(12.5, 6.6))
    for ax, scheme in zip(axes.flat[:5], SCHEMES):
        for j, term in enumerate(TERMS):
            for vs, ls in (("vs1", "-"), ("vs2", ":")):
                v = ds[term].sel(value_set=vs, scheme=scheme).values
                y = w2dbm(np.where(v > 0, v, np.nan))  # terms that are exactly 0 are not drawn
                ax.plot(ds.M, y, ls, color=f"C{j}", label=TERM_NAMES[term] if vs == "vs1" else None)
        ax.set_title(f"{SCHEME_WORDS[scheme]} (solid VS1, dotted VS2)")
        ax.set_xlabel("number of BS antennas M")
        ax.set_ylabel("power [dBm]")
    axes.flat[0].legend(fontsize=6, loc="lower right")
    ax = axes.flat[5]
    bottom = np.zeros(2 * len(SCHEMES))
    labels = [f"{SCHEME_WORDS[s]}\n{vs.upper()}" for vs in VALUE_SETS for s in SCHEMES]
    at100 = ds.sel(M=100)
    for j, term in enumerate(TERMS):
        vals = np.array([float(at100[term].sel(value_set=vs, scheme=s))
                         for vs in VALUE_SETS for s in SCHEMES])
        ax.bar(np.arange(vals.size), vals, bottom=bottom, color=f"C{j}", label=TERM_NAMES[term])
        bottom += vals
    ax.set_xticks(np.arange(len(labels)), labels, fontsize=6)
    ax.set_ylabel("circuit power at M = 100, K = 10 [W]")
    return fig


def headline(ds: xr.Dataset) -> list[Headline]:
    """Value-set-1 terms at M = 100, K = 10 that the book's Sec. 5.4 equations fix."""
    vs1 = ds.sel(value_set="vs1", M=100)
    src = "Massive MIMO Networks (2017), (5.34)-(5.37) with Table 5.3 value set 1"
    return [
        Headline("transceiver-chain power at M = 100, K = 10", round(float(vs1.tc.sel(
            scheme="zf")), 3), "W", 42.2, src),
        Headline("ZF combining-computation power at M = 100, K = 10",
                 float(f"{float(vs1.sp_ul.sel(scheme='zf')):.5g}"), "W", 6.3413e-2, src),
        Headline("total circuit power, ZF, M = 100, K = 10",
                 round(float(vs1.total.sel(scheme="zf")), 2), "W",
                 note="sum SE from the closed-form ZF bound at 10 dB (assumption)"),
    ]

if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
