"""Where the EE-optimal number of antennas moves with the baseband efficiency [reconstruction].

The model of :func:`wirelesseff.xlmimo.midband_ee` (10 GHz, K = 12, 200 MHz, UMi users at
10-100 m; all other constants the documented defaults of
:class:`wirelesseff.power.XLMIMOPowerParams`) with the digital efficiency L_BB [op/J] swept
from below the 2015-era value of Björnson et al. (12.8 Gop/J, IEEE TWC 2015, Table 2) through
value sets 1 and 2 of Massive MIMO Networks (75 and 750 Gop/J) to 10 Top/J: the EE-optimal
square array M* = n^2 of a fully digital and of a sub-connected hybrid array (64 RF chains),
and the share of the baseband in the total power at that optimum. The other constants that
decide the comparison (operations per sample, per-RF-chain and per-phase-shifter power, PA
efficiency) are parameters of XLMIMOPowerParams; see docs/power.md, 'Calibration'.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import plotting
from wirelesseff.power import XLMIMOPowerParams
from wirelesseff.registry import Headline
from wirelesseff.xlmimo import midband_ee

NAME = "xlmimo-baseband-efficiency"
DESCRIPTION = ("EE-optimal number of antennas versus baseband efficiency, digital and hybrid "
               "[reconstruction]")
SOURCE = ("L_BB: Björnson et al., IEEE TWC 2015 (12.8 Gop/J); Massive MIMO Networks value sets "
          "1 and 2 (75, 750 Gop/J); model of midband_ee")

FREQUENCY = 10e9
N_RF = 64
ARCHS = ("digital", "hybrid_sub")
ARCH_WORDS = {"digital": "fully digital", "hybrid_sub": "sub-connected hybrid, 64 RF chains"}
CITED = {12.8e9: "Björnson et al. 2015", 75e9: "book value set 1", 750e9: "book value set 2"}


def point(architecture, l_bb, n_side):
    m = np.asarray(n_side, float) ** 2
    res = midband_ee(FREQUENCY, m, None if architecture == "digital" else N_RF,
                     architecture=architecture,
                     power_params=XLMIMOPowerParams(l_bb=float(l_bb)))
    return {"ee": res.ee, "baseband_share": res.breakdown.baseband / res.breakdown.total}


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    n_side = np.arange(4, 129, 4 if quick else 1)
    l_bb = np.geomspace(1e10, 1e13, 10 if quick else 61)
    l_bb = np.unique(np.concatenate([l_bb, list(CITED)]))
    ds = wirelesseff.sweep(
        point, grid={"architecture": list(ARCHS), "l_bb": l_bb}, fixed={"n_side": n_side},
        dims={"ee": ("n_side",), "baseband_share": ("n_side",)}, coords={"n_side": n_side},
        seed=seed, executor=executor, progress=False, strict=True,
        units={"ee": "bit/J", "baseband_share": "1", "l_bb": "op/J", "n_side": "1"},
        long_names={"ee": "EE at the EE-optimal power", "l_bb": "digital efficiency L_BB",
                    "baseband_share": "baseband share of the total power",
                    "n_side": "elements per UPA side n (M = n^2)"},
        attrs={"study": NAME, "source": SOURCE, "reconstruction": 1,
               "frequency_hz": FREQUENCY, "n_rf_hybrid": N_RF})
    ds = ds.drop_vars("error", errors="ignore")
    i = ds.ee.fillna(-np.inf).argmax("n_side")
    m_opt = (ds.n_side.isel(n_side=i) ** 2).astype(float).drop_vars("n_side", errors="ignore")
    return ds.assign(
        m_opt=m_opt.assign_attrs(units="1", long_name="EE-optimal number of antennas M*"),
        ee_opt=ds.ee.max("n_side").assign_attrs(units="bit/J", long_name="maximal EE"),
        baseband_share_opt=ds.baseband_share.isel(n_side=i).drop_vars(
            "n_side", errors="ignore").assign_attrs(
            units="1", long_name="baseband share of the power at M*"))


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(1, 3, figsize=(12.5, 3.8))
    gop = ds.l_bb / 1e9
    for j, arch in enumerate(ARCHS):
        axes[0].semilogx(gop, ds.m_opt.sel(architecture=arch), "-", color=f"C{j}",
                         drawstyle="steps-mid", label=ARCH_WORDS[arch])
        axes[1].loglog(gop, ds.ee_opt.sel(architecture=arch) / 1e6, "-", color=f"C{j}",
                       label=ARCH_WORDS[arch])
    for ax in axes[:2]:
        for v, lab in CITED.items():
            ax.axvline(v / 1e9, color="0.6", lw=0.8)
            ax.annotate(lab, (v / 1e9, 0.97), xycoords=("data", "axes fraction"),
                        fontsize=6, rotation=90, va="top", ha="right")
        ax.set_xlabel("digital efficiency L_BB [Gop/J]")
        ax.legend(fontsize=7, loc="lower right")
    axes[0].set_yscale("log")
    axes[0].set_ylabel("EE-optimal number of antennas M*")
    axes[0].set_title("(a) EE-optimal array size", fontsize=9)
    axes[1].set_ylabel("maximal EE [Mbit/J]")
    axes[1].set_title("(b) maximal EE", fontsize=9)
    ax = axes[2]
    for j, v in enumerate(CITED):
        ax.loglog(ds.n_side**2, ds.ee.sel(architecture="digital", l_bb=v) / 1e6, "-",
                  color=f"C{j + 2}", label=f"fully digital, {CITED[v]}")
        ax.loglog(ds.n_side**2, ds.ee.sel(architecture="hybrid_sub", l_bb=v) / 1e6, "--",
                  color=f"C{j + 2}")
    ax.set_xlabel("number of antennas M (dashed: sub-connected hybrid)")
    ax.set_ylabel("EE [Mbit/J]")
    ax.set_title("(c) EE versus M at the cited L_BB", fontsize=9)
    ax.legend(fontsize=6)
    return fig


def headline(ds: xr.Dataset) -> list[Headline]:
    """M* of the fully digital array and its baseband share at the three cited L_BB."""
    out = []
    for v, lab in CITED.items():
        s = ds.sel(architecture="digital", l_bb=v)
        out.append(Headline(f"EE-optimal M, fully digital, L_BB = {v / 1e9:g} Gop/J ({lab})",
                            int(s.m_opt), "1",
                            note=f"baseband {100 * float(s.baseband_share_opt):.0f} % of the "
                                 "power there; reconstruction"))
    big = ds.sel(architecture="digital", l_bb=float(ds.l_bb.max()))
    out.append(Headline(f"EE-optimal M, fully digital, L_BB = {float(ds.l_bb.max()) / 1e12:g} "
                        "Top/J", int(big.m_opt), "1",
                        note=f"beyond the cited values; baseband "
                             f"{100 * float(big.baseband_share_opt):.0f} % of the power there"))
    return out


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
