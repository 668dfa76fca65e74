"""Required UT uplink power versus the size of the RIS near the user (reconstruction, F2).

Headline of Sanila et al. (IEEE WCNC 2025): a small RIS near the user (side 0.25 m) in a double-RIS
LEO link cuts the uplink transmit power by "about 40 dB". The paper's equations were not
available; this study evaluates the reconstruction of :mod:`wirelesseff.ris_leo` (Tang's near-field
RIS model with dual-stage focusing, spec P7) for the four configurations no RIS, RIS at the
satellite, RIS at the user and double RIS, at zenith and at 30° elevation, with Tang's element
gain and with the flat-aperture cross-check, at 2, 20 and 30 GHz. The saving at 0.25 m is reported
beside the paper's number; it is not asserted.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import plotting
from wirelesseff.ris_leo import CONFIGS, LeoLinkParams, link_path_gain, required_uplink_power
from wirelesseff.units import w2dbm

NAME = "ris-leo-uplink-power-vs-size"
DESCRIPTION = "Required UT uplink power vs RIS_u side: no RIS, RIS_sat, RIS_user, double RIS"
SOURCE = ("Reconstruction of Sanila, Nilsson, Ibrahim, Rajamohan, IEEE WCNC 2025 (abstract: "
          "about 40 dB lower uplink power); Tang et al., IEEE TWC 2021")
HEADLINE = True

#: The abstract's headline number [dB] (what it is measured against is unknown).
PAPER_SAVING_DB = 40.0


def point(ris_u_side, elevation_deg, frequency, bits_u, bits_s):
    """Required power of every configuration (Tang and aperture models) at one grid point."""
    bits = (None if bits_u == np.inf else int(bits_u), None if bits_s == np.inf else int(bits_s))
    p = LeoLinkParams(frequency=float(frequency), ris_u_side=float(ris_u_side), bits=bits)
    el = np.deg2rad(float(elevation_deg))
    out = {}
    for model in ("tang", "aperture"):
        req = np.array([required_uplink_power(c, el, p, model=model) for c in CONFIGS], float)
        with np.errstate(divide="ignore"):
            out[f"required_power_dbm_{model}"] = w2dbm(req)
    out["n_u"] = float(p.n_u)
    out["capture_u"] = float(link_path_gain("ris_user", el, p).capture)
    return out


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    """Sides 0.05-0.5 m in 1 cm steps (quick: 5 cm), 90° and 30°, 2/20/30 GHz, 1-bit phases."""
    step = 0.05 if quick else 0.01
    sides = np.round(np.arange(0.05, 0.5 + 1e-9, step), 3)
    grid = {"ris_u_side": sides, "elevation_deg": np.array([90.0, 30.0]),
            "frequency": np.array([2e9, 20e9, 30e9])}
    fixed = {"bits_u": 1.0, "bits_s": 1.0}
    units = {"required_power_dbm_tang": "dBm", "required_power_dbm_aperture": "dBm",
             "n_u": "1", "capture_u": "1", "ris_u_side": "m", "elevation_deg": "deg",
             "frequency": "Hz"}
    long_names = {"required_power_dbm_tang": "required UT power (Tang gain)",
                  "required_power_dbm_aperture": "required UT power (aperture gain)",
                  "n_u": "RIS_u elements", "capture_u": "RIS_u capture fraction",
                  "ris_u_side": "RIS_u side", "elevation_deg": "elevation",
                  "frequency": "carrier frequency"}
    ds = wirelesseff.sweep(point, grid, fixed=fixed, seed=seed, executor=executor,
                           progress=False, units=units, long_names=long_names,
                           dims={"required_power_dbm_tang": ("config",),
                                 "required_power_dbm_aperture": ("config",)},
                           coords={"config": list(CONFIGS)},
                           attrs={"study": NAME, "source": SOURCE, "reconstruction": 1})
    # continuous phases at 20 GHz for reference (the saving without quantisation loss)
    cont = [point(s, 90.0, 20e9, np.inf, np.inf)["required_power_dbm_tang"] for s in sides]
    ds["required_power_dbm_continuous"] = xr.DataArray(
        np.array(cont), dims=("ris_u_side", "config"),
        coords={"ris_u_side": ds.ris_u_side, "config": ds.config},
        attrs={"units": "dBm", "long_name": "required UT power, continuous phases, 90°, 20 GHz"})
    ref = ds.required_power_dbm_tang.sel(ris_u_side=0.25, frequency=20e9)
    cref = ds.required_power_dbm_continuous.sel(ris_u_side=0.25)
    ds.attrs.update(
        paper_saving_db=PAPER_SAVING_DB,
        saving_double_db_90deg=float(ref.sel(elevation_deg=90.0, config="no_ris")
                                     - ref.sel(elevation_deg=90.0, config="double")),
        saving_double_db_30deg=float(ref.sel(elevation_deg=30.0, config="no_ris")
                                     - ref.sel(elevation_deg=30.0, config="double")),
        saving_ris_user_db_90deg=float(ref.sel(elevation_deg=90.0, config="no_ris")
                                       - ref.sel(elevation_deg=90.0, config="ris_user")),
        saving_double_db_90deg_continuous=float(cref.sel(config="no_ris")
                                                - cref.sel(config="double")),
        bits="1-bit phases on both surfaces (assumed)",
    )
    return ds


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(1, 2, figsize=(10, 4), sharey=True)
    sub = ds.sel(frequency=20e9)
    for ax, el in zip(axes, (90.0, 30.0)):
        da = sub.required_power_dbm_tang.sel(elevation_deg=el)
        ap = sub.required_power_dbm_aperture.sel(elevation_deg=el)
        for i, cfg in enumerate(da.config.values):
            plotting.plot_curves(ax, da.sel(config=cfg), "ris_u_side", color=f"C{i}",
                                 label=f"{cfg}")
            plotting.plot_curves(ax, ap.sel(config=cfg), "ris_u_side", color=f"C{i}",
                                 linestyle="--")
        y0 = float(da.sel(ris_u_side=0.25, config="no_ris"))
        y1 = float(da.sel(ris_u_side=0.25, config="double"))
        ax.annotate("", xy=(0.25, y1), xytext=(0.25, y0),
                    arrowprops={"arrowstyle": "<->", "color": "0.3"})
        ax.text(0.26, (y0 + y1) / 2, f"{y0 - y1:.1f} dB here\n(paper: about "
                f"{ds.attrs['paper_saving_db']:.0f} dB)", fontsize=7)
        ax.set_title(f"elevation {el:.0f}°, 20 GHz, 1-bit phases")
        ax.set_ylabel("required UT transmit power [dBm]")
        ax.legend(title="solid: Tang, dashed: aperture")
    return fig


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
