"""EE scaling of digital and hybrid XL-MIMO base stations at 7-24 GHz [reconstruction].

Reconstruction (see :mod:`wirelesseff.xlmimo.midband`): NOT the model of Tian et al.
(arXiv:2512.12725), whose text was unavailable; the defaults K = 12, B = 200 MHz,
P_max = 40 W, UMi LoS users at 10-100 m are assumptions. Expected behaviour is qualitative only.

(a) EE-optimal EE versus M at 7/10/15/24 GHz for a fixed element count (M = n^2 lambda/2 UPA,
    n = 4...128) and for a fixed aperture (side 0.1-1 m, M grows with f^2), for digital,
    sub-connected and fully-connected hybrid arrays with N_RF = 64.
(b) Power breakdown of a sub-connected hybrid array versus N_RF = 16...1024 at M = 1024,
    10 GHz and 40 W radiated power: PA-dominated with few RF chains, processing-dominated with
    many (cf. arXiv:2510.10647).
(c) Hybrid/digital EE ratio versus frequency at M = 128 x 128, N_RF = 64, with analog beams
    focused on the users or far-field (infinite-focus) beams, which lose gain in the near field
    of the analog aperture.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import plotting
from wirelesseff.channel import noise_power
from wirelesseff.registry import Headline
from wirelesseff.xlmimo import (
    architecture_gain,
    average_inverse_gain,
    midband_ee,
    upa_element_count,
    xlmimo_bs_power,
)

NAME = "xlmimo-midband-scaling"
DESCRIPTION = "Mid-band XL-MIMO EE vs antennas, aperture, RF chains and frequency [reconstruction]"
SOURCE = ("Reconstruction inspired by Tian et al., arXiv:2512.12725 (model not available); "
          "TR 38.901 UMi, Björnson et al. TWC 2015 Lambert-W power, Sohrabi-Yu 2016")

ARCHS = ("digital", "hybrid_sub", "hybrid_full")
FREQS = (7e9, 10e9, 15e9, 24e9)
N_RF = 64
K_USERS = 12
BANDWIDTH = 200e6
M_RATIO = 128 * 128  # panel (c): a large array, so that the analog near field matters
BREAKDOWN_TERMS = ("pa", "rf_chain", "phase_shifter", "lo", "baseband", "fixed", "rate")
TERM_WORDS = {"pa": "power amplifiers", "rf_chain": "RF chains",
              "phase_shifter": "phase shifters", "lo": "local oscillator",
              "baseband": "baseband processing", "fixed": "fixed site power",
              "rate": "coding and backhaul"}
BEAM_WORDS = {"focused": "focused", "farfield": "far-field"}
ARCH_WORDS = {"digital": "fully digital", "hybrid_sub": "sub-connected hybrid",
              "hybrid_full": "fully-connected hybrid"}


def point_count(architecture, frequency, n_side):
    m = np.asarray(n_side, float) ** 2
    res = midband_ee(frequency, m, N_RF, architecture=architecture)
    return {"ee_count": res.ee, "p_rad_count": res.p_radiated}


def point_aperture(architecture, frequency, side):
    m = upa_element_count(side, frequency).astype(float)
    res = midband_ee(frequency, m, N_RF, architecture=architecture)
    return {"ee_aperture": res.ee, "n_antennas_aperture": m}


def point_breakdown(n_rf):
    """Sub-connected hybrid array, M = 1024, 10 GHz, 40 W radiated."""
    m, f, p_rad = 1024, 10e9, 40.0
    nrf = np.asarray(n_rf, float)
    unit = K_USERS * noise_power(BANDWIDTH, 7.0) * average_inverse_gain(f)
    gain = architecture_gain(m, nrf, K_USERS, architecture="hybrid_sub")
    rate = BANDWIDTH * K_USERS * (1 - K_USERS / 200) * np.log2(1 + p_rad / unit * gain)
    bd = xlmimo_bs_power(m, nrf, p_rad, BANDWIDTH, K_USERS, architecture="hybrid_sub",
                         sum_rate=rate)
    return {f"bd_{name}": getattr(bd, name) for name in BREAKDOWN_TERMS} | {
        "bd_ee": rate / bd.total, "bd_gops": bd.gops}


def point_ratio(architecture_c, analog_beam, frequency_c):
    f = np.asarray(frequency_c, float)
    hyb = midband_ee(f, M_RATIO, N_RF, architecture=architecture_c, analog_beam=analog_beam)
    dig = midband_ee(f, M_RATIO)
    return {"ee_ratio": hyb.ee / dig.ee}


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    n_side = np.array([4, 5, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128]) if quick \
        else np.arange(4, 129)
    sides = np.linspace(0.1, 1.0, 10 if quick else 91)
    n_rf = np.unique(np.round(np.logspace(np.log10(16), np.log10(1024),
                                          13 if quick else 61))).astype(int)
    f_c = np.linspace(7e9, 24e9, 18 if quick else 171)
    common = {"seed": seed, "executor": executor, "progress": False, "strict": True}
    a1 = wirelesseff.sweep(
        point_count, grid={"architecture": list(ARCHS), "frequency": list(FREQS)},
        fixed={"n_side": n_side}, dims={"ee_count": ("n_side",), "p_rad_count": ("n_side",)},
        coords={"n_side": n_side},
        units={"ee_count": "bit/J", "p_rad_count": "W", "frequency": "Hz", "n_side": "1"},
        long_names={"ee_count": "EE (fixed element count)",
                    "p_rad_count": "radiated power (fixed element count)",
                    "n_side": "elements per UPA side n (M = n^2)",
                    "frequency": "carrier frequency"},
        attrs={"study": NAME, "source": SOURCE, "reconstruction": 1}, **common)
    a2 = wirelesseff.sweep(
        point_aperture, grid={"architecture": list(ARCHS), "frequency": list(FREQS)},
        fixed={"side": sides}, dims={"ee_aperture": ("side",), "n_antennas_aperture": ("side",)},
        coords={"side": sides},
        units={"ee_aperture": "bit/J", "n_antennas_aperture": "1", "side": "m",
               "frequency": "Hz"},
        long_names={"ee_aperture": "EE (fixed aperture)",
                    "n_antennas_aperture": "antennas in the aperture",
                    "side": "aperture side"}, **common)
    b = wirelesseff.sweep(
        point_breakdown, grid={"n_rf": n_rf}, vectorized=True,
        units={f"bd_{t}": "W" for t in BREAKDOWN_TERMS}
        | {"bd_ee": "bit/J", "bd_gops": "GOPS", "n_rf": "1"},
        long_names={f"bd_{t}": t for t in BREAKDOWN_TERMS}
        | {"n_rf": "RF chains N_RF", "bd_ee": "EE (hybrid_sub, M = 1024, 10 GHz, 40 W)",
           "bd_gops": "baseband load"},
        **common)
    c = wirelesseff.sweep(
        point_ratio, grid={"architecture_c": ["hybrid_sub", "hybrid_full"],
                           "analog_beam": ["focused", "farfield"]},
        fixed={"frequency_c": f_c}, dims={"ee_ratio": ("frequency_c",)},
        coords={"frequency_c": f_c}, units={"ee_ratio": "1", "frequency_c": "Hz"},
        long_names={"ee_ratio": "hybrid / digital EE (M = 128 x 128, N_RF = 64)",
                    "frequency_c": "carrier frequency"}, **common)
    ds = xr.merge([x.drop_vars("error", errors="ignore") for x in (a1, a2, b, c)],
                  compat="no_conflicts", join="outer", combine_attrs="override")
    ds.attrs.update(reconstruction=1, n_rf_panel_a=N_RF, n_users=K_USERS,
                    bandwidth_hz=BANDWIDTH,
                    assumptions="K=12, B=200 MHz, P_max=40 W, UMi LoS, users 10-100 m, "
                                "NF=7 dB, tau_c=200, XLMIMOPowerParams() defaults")
    return ds


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(2, 3, figsize=(12.5, 6.8))
    styles = {"digital": "-", "hybrid_sub": "--", "hybrid_full": ":"}
    for j, f in enumerate(ds.frequency.values):
        for arch, ls in styles.items():
            lab_f = f"{f / 1e9:g} GHz" if arch == "digital" else None
            axes[0, 0].loglog(ds.n_side**2, ds.ee_count.sel(architecture=arch, frequency=f),
                              ls, color=f"C{j}", label=lab_f)
            axes[0, 1].semilogy(ds.side, ds.ee_aperture.sel(architecture=arch, frequency=f),
                                ls, color=f"C{j}", label=None if j else ARCH_WORDS[arch])
    axes[0, 0].set_xlabel("antennas M = n^2 (fixed element count)")
    axes[0, 0].set_ylabel("EE [bit/J]")
    axes[0, 0].legend(title="line style as in the middle panel")
    axes[0, 1].set_xlabel("aperture side [m] (fixed aperture)")
    axes[0, 1].set_ylabel("EE [bit/J]")
    axes[0, 1].legend()
    ax = axes[0, 2]
    bottom = np.zeros(ds.n_rf.size)
    for i, t in enumerate(BREAKDOWN_TERMS):
        vals = ds[f"bd_{t}"].values
        ax.fill_between(ds.n_rf, bottom, bottom + vals, color=f"C{i}", label=TERM_WORDS[t],
                        step=None)
        bottom = bottom + vals
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_ylim(0.5 * float(ds.bd_pa.min()), None)  # log axis: start below the first layer
    ax.set_xlabel("RF chains N_RF (M = 1024, 10 GHz, 40 W)")
    ax.set_ylabel("stacked power [W]")
    ax.legend(fontsize=6)
    ax = axes[1, 0]
    share = {t: ds[f"bd_{t}"] / sum(ds[f"bd_{u}"] for u in BREAKDOWN_TERMS)
             for t in BREAKDOWN_TERMS}
    for i, t in enumerate(BREAKDOWN_TERMS):
        ax.semilogx(ds.n_rf, share[t], color=f"C{i}", label=TERM_WORDS[t])
    ax.set_xlabel("RF chains N_RF")
    ax.set_ylabel("share of total power [-]")
    ax.legend(fontsize=6)
    ax = axes[1, 1]
    for arch in ds.architecture_c.values:
        for beam, ls in (("focused", "-"), ("farfield", "--")):
            ax.semilogy(ds.frequency_c / 1e9,
                        ds.ee_ratio.sel(architecture_c=arch, analog_beam=beam), ls,
                        label=f"{ARCH_WORDS[arch]}, {BEAM_WORDS[beam]} beams")
    ax.set_xlabel("carrier frequency [GHz]")
    ax.set_ylabel("hybrid / digital EE (M = 128 x 128)")
    loss = (ds.ee_ratio.sel(architecture_c="hybrid_full", analog_beam="farfield")
            / ds.ee_ratio.sel(architecture_c="hybrid_full", analog_beam="focused"))
    ax.semilogy(ds.frequency_c / 1e9, loss, color="0.5", lw=1,
                label="far-field / focused, fully-connected")
    ax.legend(loc="lower left", fontsize=6)
    ax = axes[1, 2]
    for j, f in enumerate(ds.frequency.values):
        ax.loglog(ds.n_side**2, ds.p_rad_count.sel(architecture="digital", frequency=f),
                  color=f"C{j}", label=f"{f / 1e9:g} GHz")
    ax.set_xlabel("antennas M (digital)")
    ax.set_ylabel("EE-optimal radiated power [W]")
    ax.legend()
    return fig


def headline(ds: xr.Dataset) -> list[Headline]:
    """EE-optimal element count per architecture at 10 GHz, and the RF-chain breakdown ends."""
    out = []
    m = ds.n_side.values ** 2
    for arch, words in (("digital", "fully digital"), ("hybrid_sub", "sub-connected hybrid"),
                        ("hybrid_full", "fully-connected hybrid")):
        ee = ds.ee_count.sel(architecture=arch, frequency=10e9).values
        i = int(np.nanargmax(ee))
        out.append(Headline(f"EE-optimal antennas M at 10 GHz, {words} (N_RF = {N_RF})",
                            int(m[i]), "1", note="reconstruction; no published value"))
    terms = {t: float(ds[f"bd_{t}"].isel(n_rf=0)) for t in BREAKDOWN_TERMS}
    out.append(Headline(f"largest power term at N_RF = {int(ds.n_rf[0])} (M = 1024)",
                        TERM_WORDS[max(terms, key=terms.get)], "",
                        "power amplifiers (at <= 64 RF chains)", "arXiv:2510.10647, abstract"))
    return out

if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
