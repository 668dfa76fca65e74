"""Uplink SNR and rate versus UT transmit power for the four RIS configurations (F3).

At zenith and at 30° elevation (20 GHz, 1-bit phases, defaults of
:class:`wirelesseff.ris_leo.LeoLinkParams`). The SNR is linear in the transmit power, so the
curves are parallel lines in dB whose offsets are the path-gain ratios of the configurations.
Reconstruction study for Sanila et al. (WCNC 2025).
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import plotting
from wirelesseff.registry import Headline
from wirelesseff.ris_leo import CONFIG_LABELS, CONFIGS, LeoLinkParams, link_path_gain, link_snr
from wirelesseff.units import dbm2w, lin2db

NAME = "ris-leo-snr-vs-power"
DESCRIPTION = "Uplink SNR and rate vs UT transmit power, 4 RIS configurations"
SOURCE = "Reconstruction of Sanila et al., IEEE WCNC 2025 (SNR/rate expressions)"
HEADLINE = False


def point(p_tx_dbm, elevation_deg):
    p = LeoLinkParams()
    el = np.deg2rad(elevation_deg)
    snr = np.stack([link_snr(c, el, dbm2w(p_tx_dbm), p) for c in CONFIGS], axis=-1)
    return {"snr_db": lin2db(snr), "rate": p.bandwidth * np.log2(1 + snr)}


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    """P_t from -30 to 30 dBm in 0.5 dB steps (quick: 5 dB), elevations 90° and 30°."""
    ptx = np.arange(-30.0, 30.0 + 1e-9, 5.0 if quick else 0.5)
    ds = wirelesseff.sweep(point, {"p_tx_dbm": ptx, "elevation_deg": np.array([90.0, 30.0])},
                           vectorized=True, seed=seed, executor=executor, progress=False,
                           dims={"snr_db": ("config",), "rate": ("config",)},
                           coords={"config": list(CONFIGS)},
                           units={"snr_db": "dB", "rate": "bit/s", "p_tx_dbm": "dBm",
                                  "elevation_deg": "deg"},
                           long_names={"snr_db": "received SNR", "rate": "rate",
                                       "p_tx_dbm": "UT transmit power",
                                       "elevation_deg": "elevation"},
                           attrs={"study": NAME, "source": SOURCE, "reconstruction": 1})
    p = LeoLinkParams()
    for el in (90.0, 30.0):
        g = {c: link_path_gain(c, np.deg2rad(el), p).path_gain for c in CONFIGS}
        for c in CONFIGS[1:]:
            ds.attrs[f"pg_ratio_db_{c}_{int(el)}deg"] = float(lin2db(g[c] / g["no_ris"]))
    return ds


def headline(ds: xr.Dataset) -> list[Headline]:
    """Path-gain ratios to the no-RIS link (the offsets between the parallel SNR lines)."""
    return [Headline(f"SNR gain over no RIS at {el} deg, {CONFIG_LABELS[c]}",
                     round(ds.attrs[f"pg_ratio_db_{c}_{el}deg"], 2), "dB",
                     note="20 GHz, 1-bit phases, default LeoLinkParams; reconstruction")
            for el in (90, 30) for c in CONFIGS[1:]]


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(1, 2, figsize=(11, 4))
    for ls, el in (("-", 90.0), ("--", 30.0)):
        for i, c in enumerate(ds.config.values):
            kw = {"color": f"C{i}", "linestyle": ls}
            if el == 90.0:
                kw["label"] = CONFIG_LABELS[str(c)]
            plotting.plot_curves(axes[0], ds.snr_db.sel(elevation_deg=el, config=c),
                                 "p_tx_dbm", **kw)
            plotting.plot_curves(axes[1], (ds.rate.sel(elevation_deg=el, config=c) / 1e6)
                                 .assign_attrs(units="Mbit/s", long_name="rate"), "p_tx_dbm",
                                 scale_units=False, **kw)
    axes[0].legend(title="solid: 90°, dashed: 30° elevation", fontsize=7, loc="upper left")
    axes[0].set_title("SNR (parallel lines; offsets = path-gain ratios)")
    axes[1].set_title("rate, B = 10 MHz")
    return fig


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
