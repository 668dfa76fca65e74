"""Required UT uplink power versus the RIS sizes, and the saving against every plausible baseline.

Headline of Sanila et al. (IEEE WCNC 2025, abstract): the double-RIS architecture "can reduce the
power consumption with 40 dB in the uplink, with a small 0.25² m² RIS near the user". The paper
is available only as this abstract, so what the 40 dB is measured against is unknown; "0.25² m²"
is read as a square of 0.25 m side (0.0625 m²), and the abstract speaks of *power consumption*
where this study computes the required *transmit* power (the EE studies add the circuit power).
Several unrelated parameter sets land within ±2 dB of 40 dB, so nothing here is tuned to it:
the saving of the double RIS is reported against every plausible baseline side by side — no RIS
with the 30 dBi satellite antenna, no RIS with the same low-gain feed that illuminates the
satellite-side RIS, the user-side RIS only, the satellite-side RIS only — with 1-bit and
continuous phases, at 20 and 30 GHz, over the sizes of both surfaces, with a passive or an active
satellite-side RIS. The model is the reconstruction of :mod:`wirelesseff.ris_leo` (Tang's
near-field RIS model with dual-stage focusing, P7 of docs/ris_leo.md), with Tang's element gain
and with the flat-aperture cross-check; the 2 GHz column shows that a 0.25 m surface has too few
elements there.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import plotting
from wirelesseff.registry import Headline
from wirelesseff.ris_leo import (
    CONFIG_LABELS,
    CONFIGS,
    LeoLinkParams,
    link_path_gain,
    required_uplink_power,
)
from wirelesseff.units import lin2db, w2dbm

NAME = "ris-leo-uplink-power-vs-size"
DESCRIPTION = ("Required UT uplink power vs RIS sizes; saving of the double RIS against four "
               "baselines, 1-bit/continuous phases, 20/30 GHz, passive/active satellite RIS")
SOURCE = ("Reconstruction of Sanila, Nilsson, Ibrahim, Rajamohan, IEEE WCNC 2025, "
          "doi:10.1109/WCNC61545.2025.10978773 (abstract: 40 dB lower uplink power "
          "consumption); Tang et al., IEEE TWC 2021, doi:10.1109/TWC.2020.3024887")
HEADLINE = True

#: The abstract's headline number [dB] (what it is measured against is unknown).
PAPER_SAVING_DB = 40.0

#: The baselines the double RIS is compared with, and their labels.
BASELINES = {"no_ris": "no RIS, 30 dBi satellite antenna",
             "no_ris_feed": "no RIS, same low-gain feed",
             "ris_user": "user-side RIS only",
             "ris_sat": "satellite-side RIS only"}
PHASES = {"1-bit": (1, 1), "continuous": (None, None)}


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


#: Elevations [deg] and phase resolutions (both surfaces) of the side-by-side comparison.
ELEVATIONS_DEG = np.array([90.0, 30.0])


def saving_point(ris_u_side, ris_s_side, frequency, ris_s):
    """Required power of the double RIS and of the four baselines, for both elevations and
    phase resolutions (arrays of shape (elevation, phases) and (elevation, phases, baseline))."""
    p = LeoLinkParams(frequency=float(frequency), ris_u_side=float(ris_u_side),
                      ris_s_side=float(ris_s_side), active_ris_s=str(ris_s) == "active")
    el = np.deg2rad(ELEVATIONS_DEG)[:, None]
    bits = np.array([np.inf if PHASES[ph][0] is None else PHASES[ph][0] for ph in PHASES],
                    float)[None, :]
    feed = p.replace(sat_gain_db=float(lin2db(p.feed_s_gain)))  # no RIS, the low-gain feed
    base = [required_uplink_power("no_ris", el, p, bits=bits),
            required_uplink_power("no_ris", el, feed, bits=bits),
            required_uplink_power("ris_user", el, p, bits=bits),
            required_uplink_power("ris_sat", el, p, bits=bits)]
    double = w2dbm(np.broadcast_to(required_uplink_power("double", el, p, bits=bits),
                                   (el.size, bits.size)))
    base_dbm = w2dbm(np.stack([np.broadcast_to(x, double.shape) for x in base], axis=-1))
    with np.errstate(invalid="ignore"):  # NaN where both are infinite (too few elements)
        saving = base_dbm - double[..., None]
    return {"double_power_dbm": double, "baseline_power_dbm": base_dbm, "saving_db": saving}


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    """RIS_u sides 0.05-0.5 m in 1 cm steps (quick: 5 cm), 90° and 30°, 2/20/30 GHz, 1-bit
    phases; the side-by-side savings over 8 RIS_s sides from 0.05 to 0.5 m (quick: 0.1, 0.25,
    0.5 m), 1-bit and continuous phases, passive and active RIS_s."""
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
        area_reading="0.25^2 m^2 read as a 0.25 m x 0.25 m square, 0.0625 m^2",
    )
    # the saving of the double RIS against every plausible baseline, side by side
    s_sides = (np.array([0.1, 0.25, 0.5]) if quick
               else np.array([0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5]))
    grid = {"ris_u_side": sides, "ris_s_side": s_sides,
            "frequency": np.array([2e9, 20e9, 30e9]), "ris_s": np.array(["passive", "active"])}
    extra = ("elevation_deg", "phases")
    side = wirelesseff.sweep(
        saving_point, grid, seed=seed, executor=executor, progress=False,
        dims={"double_power_dbm": extra, "baseline_power_dbm": (*extra, "baseline"),
              "saving_db": (*extra, "baseline")},
        coords={"baseline": list(BASELINES), "elevation_deg": ELEVATIONS_DEG,
                "phases": list(PHASES)},
        units={"double_power_dbm": "dBm", "baseline_power_dbm": "dBm", "saving_db": "dB",
               "ris_s_side": "m", "phases": "1", "ris_s": "1"},
        long_names={"double_power_dbm": "required UT power, double RIS",
                    "baseline_power_dbm": "required UT power, baseline",
                    "saving_db": "saving of the double RIS over the baseline",
                    "ris_s_side": "RIS_s side", "phases": "phase resolution",
                    "ris_s": "satellite-side RIS"})
    if np.any(side.error.values != ""):
        raise RuntimeError(f"side-by-side sweep failed: {side.error.values.ravel()[0]}")
    side = side.drop_vars("error").assign_coords(
        baseline_label=("baseline", list(BASELINES.values()),
                        {"long_name": "baseline", "units": "1"}))
    for v in ("ris_u_side", "elevation_deg", "frequency"):
        side[v].attrs = ds[v].attrs
    return xr.merge([ds, side], combine_attrs="drop_conflicts", compat="override",
                    join="exact").assign_attrs(ds.attrs)


def headline(ds: xr.Dataset) -> list[Headline]:
    """Saving of the double RIS (0.25 m + 0.25 m, zenith, passive) against each baseline."""
    sel = ds.saving_db.sel(ris_u_side=0.25, ris_s_side=0.25, elevation_deg=90.0, ris_s="passive")
    note = ("reconstruction; RIS_u = RIS_s = 0.25 m side (0.0625 m^2), zenith, passive RIS_s; "
            "the paper's baseline is unknown and its 40 dB refers to 'power consumption'; "
            "not tuned")
    out = []
    for f in (20e9, 30e9):
        for ph in PHASES:
            for b, label in BASELINES.items():
                out.append(Headline(
                    f"saving vs {label}, {ph} phases, {f / 1e9:g} GHz",
                    round(float(sel.sel(frequency=f, phases=ph, baseline=b)), 1), "dB",
                    published=f"about {PAPER_SAVING_DB:g} dB (baseline unknown)",
                    source="Sanila et al., IEEE WCNC 2025, abstract", note=note))
    return out


def plot(ds: xr.Dataset):
    from matplotlib.lines import Line2D

    fig, axes = plotting.subplots(2, 2, figsize=(11.5, 9.0))
    (ax_p, ax_s), (ax_b, ax_r) = axes
    sub = ds.sel(frequency=20e9, elevation_deg=90.0)
    # (a) required power of the four configurations vs the RIS_u side
    da = sub.required_power_dbm_tang
    ap = sub.required_power_dbm_aperture
    for i, cfg in enumerate(da.config.values):
        plotting.plot_curves(ax_p, da.sel(config=cfg), "ris_u_side", color=f"C{i}",
                             label=CONFIG_LABELS[str(cfg)])
        plotting.plot_curves(ax_p, ap.sel(config=cfg), "ris_u_side", color=f"C{i}",
                             linestyle="--")
    ax_p.set_ylabel("required UT transmit power [dBm]")
    ax_p.set_title("(a) zenith, 20 GHz, 1-bit phases\n(solid: Tang element gain, dashed: "
                   "aperture)", fontsize=9)
    ax_p.legend(fontsize=7, loc="center right")
    # (b) saving vs the RIS_u side against each baseline
    sv = ds.saving_db.sel(ris_s_side=0.25, elevation_deg=90.0, frequency=20e9, ris_s="passive")
    for i, b in enumerate(ds.baseline.values):
        for ph, ls in (("1-bit", "-"), ("continuous", "--")):
            plotting.plot_curves(ax_s, sv.sel(baseline=b, phases=ph), "ris_u_side",
                                 color=f"C{i + 4}", linestyle=ls)
    ax_s.axhline(PAPER_SAVING_DB, color="0.3", lw=0.8, ls=":")
    ax_s.set_ylabel("saving of the double RIS [dB]")
    ax_s.set_title("(b) saving vs baseline, RIS_s 0.25 m, zenith, 20 GHz\n(solid: 1-bit, "
                   "dashed: continuous phases)", fontsize=9)
    # (c) side by side at 0.25 m + 0.25 m
    at = ds.saving_db.sel(ris_u_side=0.25, ris_s_side=0.25, elevation_deg=90.0, ris_s="passive")
    cases = [(f, ph) for f in (20e9, 30e9) for ph in PHASES]
    width = 0.8 / len(cases)
    x = np.arange(ds.sizes["baseline"])
    for j, (f, ph) in enumerate(cases):
        vals = at.sel(frequency=f, phases=ph).values
        ax_b.bar(x + (j - (len(cases) - 1) / 2) * width, vals, width,
                 label=f"{f / 1e9:g} GHz, {ph}", color=f"C{j}")
    ax_b.axhline(PAPER_SAVING_DB, color="0.3", lw=0.8, ls=":", label="paper: about 40 dB")
    ax_b.set_xticks(x)
    ax_b.set_xticklabels([BASELINES[str(b)].replace(", ", ",\n") for b in ds.baseline.values],
                         fontsize=7)
    ax_b.set_ylabel("saving of the double RIS [dB]")
    ax_b.set_title("(c) RIS_u = RIS_s = 0.25 m (0.0625 m²), zenith", fontsize=9)
    ax_b.legend(fontsize=7, ncols=2, loc="upper left")
    ax_b.set_ylim(0, max(float(at.max()), PAPER_SAVING_DB) * 1.3)
    # (d) saving vs the RIS_s side, passive and active RIS_s
    sr = ds.saving_db.sel(ris_u_side=0.25, elevation_deg=90.0, frequency=20e9,
                          phases="continuous")
    for i, b in enumerate(ds.baseline.values):
        for kind, ls in (("passive", "-"), ("active", "--")):
            plotting.plot_curves(ax_r, sr.sel(baseline=b, ris_s=kind), "ris_s_side",
                                 color=f"C{i + 4}", linestyle=ls)
    ax_r.set_ylabel("saving of the double RIS [dB]")
    ax_r.set_title("(d) RIS_u 0.25 m, zenith, 20 GHz, continuous phases\n(solid: passive, "
                   "dashed: active satellite-side RIS)", fontsize=9)
    # one legend for (b) and (d), below the panels
    handles = [Line2D([], [], color=f"C{i + 4}", label=f"saving vs {BASELINES[str(b)]}")
               for i, b in enumerate(ds.baseline.values)]
    handles.append(Line2D([], [], color="0.3", ls=":",
                          label="paper: about 40 dB (baseline unknown)"))
    fig.legend(handles=handles, loc="outside upper center", ncols=3, fontsize=8,
               frameon=False)
    return fig


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)


