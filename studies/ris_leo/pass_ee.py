"""Required UT power and energy efficiency along an overhead LEO pass (reconstruction, F5).

An overhead pass of a 550 km satellite from 10° to 10° elevation (TR 38.811 range): the four
configurations of :mod:`wirelesseff.ris_leo` with free-space (LOS) propagation, with the TR 38.811
mean excess loss (suburban/rural, Ka band, LOS-state mixed) and with shadowed-Rician "average
shadowing" fading at a 1 % outage margin. Dual-stage focusing is recomputed at every time step.
Expected: U-shaped power, a free-space swing of 20 log10(d(10°)/h), and more loss at low
elevation with the TR 38.811 model. With line of sight the minimum is at zenith; with the
TR 38.811 mean it is at 80° elevation (0.8-1.2 dB below zenith), because the mean linear gain of
the Ka-band LOS shadow fading (σ = 3.6 dB at 80°, 0.4 dB at 90°) exceeds its median.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

from wirelesseff import plotting
from wirelesseff.channel.ntn import slant_range
from wirelesseff.io import provenance_attrs
from wirelesseff.registry import Headline
from wirelesseff.ris_leo import CONFIG_LABELS, LeoLinkParams, ee_along_pass
from wirelesseff.units import lin2db

NAME = "ris-leo-pass"
DESCRIPTION = "Required UT power and EE of 4 RIS configurations along an overhead LEO pass"
SOURCE = ("Reconstruction of Sanila et al., IEEE WCNC 2025; 3GPP TR 38.811 Sec. 6.6; Abdi et "
          "al., IEEE TWC 2003")
HEADLINE = True

CHANNELS = ("los", "tr38811_mean", "los_average_fading")
#: The channel models in words (legend) and their line styles.
CHANNEL_LABELS = {"los": "free space (line of sight)",
                  "tr38811_mean": "TR 38.811 mean excess loss",
                  "los_average_fading": "line of sight + 1 % fade (average shadowing)"}
STYLES = {"los": "-", "tr38811_mean": "--", "los_average_fading": ":"}


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    """181 time steps (quick: 41) over the visible pass, three channel models."""
    p = LeoLinkParams()
    n = 41 if quick else 181
    parts = [
        ee_along_pass(p, n_time=n, channel="los"),
        ee_along_pass(p, n_time=n, channel="tr38811_mean"),
        ee_along_pass(p, n_time=n, channel="los", fading="average", outage=0.01),
    ]
    attrs = dict(parts[0].attrs)
    ds = xr.concat(parts, dim=xr.DataArray(list(CHANNELS), dims="channel", name="channel"),
                   data_vars="all", coords="minimal", compat="override", join="override")
    for v in ("slant_range", "doppler_shift"):
        ds[v] = parts[0][v]
    ds.attrs = attrs
    ds.attrs.update(provenance_attrs(
        study=NAME, source=SOURCE, seed=seed, channel="see the channel dimension",
        fading="average (Abdi 2003), outage 0.01, in los_average_fading"))
    p_los = ds.required_power.sel(channel="los", config="no_ris").values
    d_min = float(slant_range(np.deg2rad(10.0), p.altitude))
    ds.attrs.update(
        free_space_swing_db=float(lin2db(p_los.max() / p_los.min())),
        expected_swing_db=float(2 * lin2db(d_min / p.altitude)),
        zenith_index=int(np.argmin(p_los)),
    )
    zen = ds.required_power_dbm.sel(channel="los").isel(time=ds.attrs["zenith_index"])
    for cfg in ds.config.values:
        ds.attrs[f"zenith_power_dbm_{cfg}"] = float(zen.sel(config=cfg))
    # elevation of the lowest required power on the time grid (resolution: the grid step)
    best = ds.required_power.argmin("time")
    ds["min_power_elevation_deg"] = ds.elevation_deg.isel(time=best).drop_vars(
        ["time", "elevation", "elevation_deg"], errors="ignore").assign_attrs(
        units="deg", long_name="elevation of the lowest required power (time grid)")
    return ds


def headline(ds: xr.Dataset) -> list[Headline]:
    """Zenith power of each configuration, the free-space swing and the TR 38.811 minimum."""
    out = [Headline(f"required UT power at zenith, {CONFIG_LABELS[str(c)]}",
                    round(ds.attrs[f"zenith_power_dbm_{c}"], 2), "dBm",
                    note="line of sight, 20 GHz, 1-bit phases; reconstruction")
           for c in ds.config.values]
    out.append(Headline("free-space swing of the required power over the pass",
                        round(ds.attrs["free_space_swing_db"], 2), "dB",
                        published=round(ds.attrs["expected_swing_db"], 2),
                        source="geometry: 20 log10(d(10°)/h)"))
    el = ds.min_power_elevation_deg.sel(channel="tr38811_mean", config="double")
    out.append(Headline("elevation of the lowest power, TR 38.811 mean channel (double RIS)",
                        round(float(el), 1), "deg",
                        note="on the time grid of the run; 80.0° on a 0.01° elevation grid "
                             "(suburban/rural, Ka band)"))
    return out


def _elevation_axis(ax, ds):
    """Top axis of ``ax`` labelled with the elevation at chosen times (both pass halves)."""
    t, el = ds.time.values, ds.elevation_deg.values
    i0 = int(np.argmax(el))
    marks = [e for e in (10, 20, 30, 45, 60, 90) if el.min() - 1e-9 <= e <= el.max() + 1e-9]
    ticks, labels = [], []
    for e in marks:
        rising = np.interp(e, el[: i0 + 1], t[: i0 + 1])
        setting = np.interp(-e, -el[i0:], t[i0:])
        for tt in {float(rising), float(setting)}:
            ticks.append(tt)
            labels.append(f"{e:g}")
    top = ax.twiny()
    top.set_xlim(ax.get_xlim())
    top.set_xticks(ticks)
    top.set_xticklabels(labels)
    top.set_xlabel("elevation [deg]")
    top.grid(False)


def plot(ds: xr.Dataset):
    from matplotlib.lines import Line2D

    fig, axes = plotting.subplots(1, 2, figsize=(11, 5.4))
    ee = (ds.energy_efficiency / 1e6).assign_attrs(units="Mbit/J", long_name="energy efficiency")
    for ch, ls in STYLES.items():
        for i, cfg in enumerate(ds.config.values):
            kw = {"color": f"C{i}", "linestyle": ls}
            plotting.plot_curves(axes[0], ds.required_power_dbm.sel(channel=ch, config=cfg),
                                 "time", **kw)
            plotting.plot_curves(axes[1], ee.sel(channel=ch, config=cfg), "time", logy=True,
                                 scale_units=False, **kw)
    axes[0].set_title("required UT power along the pass", pad=28)
    axes[1].set_title("energy efficiency along the pass", pad=28)
    for ax in axes:
        _elevation_axis(ax, ds)
    # legends below the panels, never over the curves
    colours = [Line2D([], [], color=f"C{i}", label=CONFIG_LABELS[str(c)])
               for i, c in enumerate(ds.config.values)]
    styles = [Line2D([], [], color="0.3", linestyle=ls, label=CHANNEL_LABELS[ch])
              for ch, ls in STYLES.items()]
    fig.legend(handles=colours + styles, loc="outside upper center", ncols=4, fontsize=8,
               frameon=False)
    return fig


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
