"""Common-layer reference figure: TR 38.901 path loss, book circuit-power breakdown, EARTH.

Three panels built from the common channel and power layers only:
(a) 3GPP TR 38.901 UMi-Street-Canyon / UMa path loss (LoS and NLoS) and free space versus
distance at mid-band frequencies; (b) the circuit-power terms of *Massive MIMO Networks*
(Sec. 5.4, value set 1, ZF, K = 10) versus the number of antennas; (c) EARTH base-station
power versus load for the five base-station types.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import plotting
from wirelesseff.channel import pathloss
from wirelesseff.power import EARTH_BS_TYPES, book_circuit_power, earth_power
from wirelesseff.registry import Headline

NAME = "foundation-pathloss-power"
DESCRIPTION = "TR 38.901 path loss, book circuit-power terms and EARTH BS power (common layers)"
SOURCE = ("3GPP TR 38.901 V16.1.0 Table 7.4.1-1; Björnson-Hoydis-Sanguinetti, Massive MIMO "
          "Networks (2017) Sec. 5.4, doi:10.1561/2000000093; Auer et al., IEEE Wireless Commun. "
          "18(5), 2011 (EARTH), doi:10.1109/MWC.2011.6056691")
HEADLINE = False

FREQUENCIES = np.array([3.5e9, 7e9, 15e9, 24e9])  # Hz; FR1 reference + FR3 mid-band


def path_loss_point(d_2d, frequency, scenario, los):
    """Path loss [dB] of one scenario; broadcasts over distance and frequency."""
    if scenario == "fspl":
        # free space between antennas at 10 m and 1.5 m height (same d_3D as UMi)
        d_3d = np.sqrt(d_2d**2 + 8.5**2)
        return {"path_loss": pathloss.free_space_db(d_3d, frequency) + 0.0 * los}
    func = pathloss.tr38901_umi if scenario == "umi" else pathloss.tr38901_uma
    return {"path_loss": func(d_2d, frequency, los=bool(los))}


def book_point(M, scheme, K=10):
    cp = book_circuit_power(M, K, tau_p=K, scheme=scheme)
    terms = cp.as_dict()
    out = {f"p_{k}": v for k, v in terms.items()}
    out["p_total"] = cp.total
    return out


def earth_point(load, bs_type):
    return {"p_earth": earth_power(load, bs_type)}


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    d = np.logspace(1, np.log10(5000), 20 if quick else 200)
    pl_parts = []
    for scenario in ("umi", "uma", "fspl"):
        for los in (1, 0):
            if scenario == "fspl" and los == 0:
                continue
            part = wirelesseff.sweep(
                path_loss_point, {"d_2d": d, "frequency": FREQUENCIES},
                fixed={"scenario": scenario, "los": los}, vectorized=True, progress=False,
                units={"path_loss": "dB", "d_2d": "m", "frequency": "Hz"},
                long_names={"path_loss": "path loss", "d_2d": "2-D distance",
                            "frequency": "carrier frequency"})
            label = ("free space" if scenario == "fspl"
                     else f"{ {'umi': 'UMi', 'uma': 'UMa'}[scenario]} {'LoS' if los else 'NLoS'}")
            pl_parts.append(part.path_loss.expand_dims(model=[label]))
    path_loss = xr.concat(pl_parts, dim="model")

    m_grid = np.arange(10, 201, 10 if quick else 1)
    book = [
        wirelesseff.sweep(book_point, {"M": m_grid}, fixed={"scheme": s}, vectorized=True,
                          progress=False, units={"M": "1"}, long_names={"M": "BS antennas"})
        .expand_dims(scheme=[s])
        for s in ("mr", "zf", "s_mmse")
    ]
    book = xr.concat(book, dim="scheme")
    for v in book.data_vars:
        if v.startswith("p_"):
            book[v].attrs.update(units="W", long_name=f"circuit power: {v[2:]}")

    load = np.linspace(0.0, 1.0, 11 if quick else 101)
    earth = xr.concat(
        [wirelesseff.sweep(earth_point, {"load": load}, fixed={"bs_type": t}, vectorized=True,
                           progress=False, units={"p_earth": "W", "load": "1"},
                           long_names={"p_earth": "BS input power", "load": "RF load"})
         .p_earth.expand_dims(bs_type=[t]) for t in EARTH_BS_TYPES],
        dim="bs_type",
    )
    ds = xr.Dataset({"path_loss": path_loss, "p_earth": earth})
    ds = ds.merge(book.drop_vars("error", errors="ignore"), combine_attrs="override")
    ds.attrs.update(wirelesseff.io.provenance_attrs(
        study=NAME, source=SOURCE, seed=seed, quick=int(quick),
        fixed=wirelesseff.io.json_dumps({"h_bs_umi": 10.0, "h_bs_uma": 25.0, "h_ut": 1.5,
                                         "book_value_set": 1, "K": 10, "tau_p": 10})))
    return ds


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(1, 3, figsize=(12.5, 3.6))
    ax = axes[0]
    f_sel = 15e9 if 15e9 in ds.frequency.values else float(ds.frequency[-1])
    plotting.plot_curves(ax, ds.path_loss.sel(frequency=f_sel), "d_2d", hue="model",
                         labels=[str(m) for m in ds.model.values], logx=True)
    ax.set_title(f"(a) path loss at {f_sel / 1e9:g} GHz")
    ax = axes[1]
    for term, label in _CP_TERMS.items():
        plotting.plot_curves(ax, ds[f"p_{term}"].sel(scheme="zf"), "M", label=label)
    ax.set_yscale("log")
    ax.set_ylim(bottom=1e-4)  # room below the curves for the legend
    ax.set_ylabel("circuit power [W]")
    ax.legend(fontsize=7, ncol=2, loc="lower right")
    ax.set_title("(b) book CP terms, VS1, ZF, K = 10")
    ax = axes[2]
    plotting.plot_curves(ax, ds.p_earth, "load", hue="bs_type",
                         labels=[{"rrh": "remote radio head"}.get(str(t), str(t))
                                 for t in ds.bs_type.values], logy=True, legend=False)
    ax.legend(fontsize=7, loc="center right", bbox_to_anchor=(1.0, 0.38))  # between the curves
    ax.set_title("(c) EARTH BS power")
    return fig


#: Circuit-power terms of Massive MIMO Networks Sec. 5.4, in words.
_CP_TERMS = {"fix": "fixed", "tc": "transceiver chains", "ce": "channel estimation",
             "sp_ul": "UL combining vectors", "sp_rt": "data reception/transmission"}


def headline(ds: xr.Dataset) -> list[Headline]:
    """EARTH macro base-station power and the book's ZF circuit-power terms at M = 100."""
    macro = ds.p_earth.sel(bs_type="macro")
    auer = "Auer et al., IEEE Wireless Commun. 2011 (EARTH), macro BS"
    rows = [Headline("EARTH macro BS input power at full load", float(macro.sel(load=1.0)), "W",
                     published=1344.0, source=auer),
            Headline("EARTH macro BS input power in sleep (zero load)",
                     float(macro.sel(load=0.0)), "W", published=450.0, source=auer)]
    if 100 in ds.M.values:
        zf = ds.sel(scheme="zf", M=100)
        rows.append(Headline("transceiver-chain power, value set 1, M = 100, K = 10",
                             round(float(zf.p_tc), 4), "W",
                             note="Sec. 5.4 formulas with Table 5.3 value set 1"))
    return rows


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
