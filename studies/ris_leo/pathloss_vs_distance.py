"""RIS path gain versus feed distance: Tang's near/far-field model vs its far-field form (F1).

One RIS (sides 0.1, 0.25 and 0.5 m, λ/2 elements, cos³ pattern) at 20 GHz; the transmitter (a
hemispherical antenna, q = 0) on the RIS axis at distance d₁ = 0.01-100 m, the receiver at
d₂ = 1 km, 30° off the normal. Compared: the exact element sum with beam focusing (Tang et al.
2021, P1), the far-field closed form (P2), the near-field broadcasting limit (P3) and the capture
fraction of an isotropic feed (P4). Expected: −20 dB/decade in the far field; in the near field
the focusing gain stops growing (it peaks, then falls slowly when the illumination becomes too
tapered) while the capture fraction saturates at ½; P2 is far too optimistic below ~2D²/λ.
Reconstruction study of the near-field hop of Sanila et al. (WCNC 2025).
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import plotting
from wirelesseff.channel.nearfield import fraunhofer_distance
from wirelesseff.registry import Headline
from wirelesseff.ris_leo import capture_fraction, ris_side_count, tang_path_loss
from wirelesseff.units import SPEED_OF_LIGHT, lin2db

NAME = "ris-leo-pathloss-vs-distance"
DESCRIPTION = "RIS path gain vs feed distance: Tang general (near field) vs far-field form"
SOURCE = "Tang et al., IEEE TWC 20(1), 2021 (Eqs. P1-P3); reconstruction for Sanila et al. 2025"
HEADLINE = False

FREQUENCY = 20e9
D2 = 1000.0
THETA_R = np.pi / 6


def point(side, distance):
    lam = SPEED_OF_LIGHT / FREQUENCY
    n = int(ris_side_count(side, lam / 2))
    kw = dict(theta_t=0.0, theta_r=THETA_R)
    pg = {form: -lin2db(tang_path_loss(distance, D2, n, n, FREQUENCY, form=form, **kw))
          for form in ("general", "far_field", "near_broadcast")}
    return {
        "path_gain_db": pg["general"],
        "path_gain_far_field_db": pg["far_field"],
        "path_gain_near_broadcast_db": pg["near_broadcast"],
        "capture": float(capture_fraction(distance, side, lam / 2)),
    }


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    """200 log-spaced distances (quick: 41) for three RIS sides."""
    dist = np.logspace(-2, 2, 41 if quick else 200)
    ds = wirelesseff.sweep(
        point, {"side": np.array([0.1, 0.25, 0.5]), "distance": dist}, seed=seed,
        executor=executor, progress=False,
        units={"path_gain_db": "dB", "path_gain_far_field_db": "dB",
               "path_gain_near_broadcast_db": "dB", "capture": "1", "side": "m",
               "distance": "m"},
        long_names={"path_gain_db": "path gain, Tang general (P1)",
                    "path_gain_far_field_db": "path gain, far-field form (P2)",
                    "path_gain_near_broadcast_db": "path gain, near-field broadcast (P3)",
                    "capture": "capture fraction (isotropic feed)", "side": "RIS side",
                    "distance": "feed-RIS distance"},
        attrs={"study": NAME, "source": SOURCE, "reconstruction": 1, "frequency": FREQUENCY,
               "d2": D2, "theta_r": THETA_R})
    lam = SPEED_OF_LIGHT / FREQUENCY
    n = ris_side_count(ds.side.values, lam / 2)
    ds["fraunhofer_distance"] = xr.DataArray(
        fraunhofer_distance(np.sqrt(2) * n * lam / 2, lam), dims="side",
        attrs={"units": "m", "long_name": "Fraunhofer distance 2D²/λ"})
    pg = ds.path_gain_db
    ds["peak_distance"] = pg.idxmax("distance").assign_attrs(units="m",
                                                              long_name="distance of max gain")
    far = pg.isel(distance=slice(-20, None))
    slope = (far.isel(distance=-1) - far.isel(distance=0)) / np.log10(
        far.distance[-1] / far.distance[0])
    ds["far_field_slope"] = slope.assign_attrs(units="dB/decade", long_name="far-field slope")
    ds["far_field_error_at_1cm"] = (ds.path_gain_far_field_db - pg).isel(distance=0).assign_attrs(
        units="dB", long_name="P2 - P1 at the smallest distance")
    return ds


def headline(ds: xr.Dataset) -> list[Headline]:
    """Far-field slope, near-field peak and the far-field form's error per RIS side."""
    out = []
    for side in ds.side.values:
        sel = ds.sel(side=side)
        out += [
            Headline(f"far-field slope, side {side:g} m", round(float(sel.far_field_slope), 2),
                     "dB/decade", published=-20.0, source="Tang et al. 2021, Eq. (9)"),
            Headline(f"feed distance of the largest gain, side {side:g} m",
                     round(float(sel.peak_distance), 3), "m", note="beam focusing, 20 GHz"),
            Headline(f"far-field form minus exact sum at 1 cm, side {side:g} m",
                     round(float(sel.far_field_error_at_1cm), 1), "dB"),
        ]
    return out


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(1, 2, figsize=(11, 4))
    for i, side in enumerate(ds.side.values):
        sel = ds.sel(side=side)
        plotting.plot_curves(axes[0], sel.path_gain_db, "distance", logx=True, color=f"C{i}",
                             label=f"side {side:g} m, P1 (general)")
        plotting.plot_curves(axes[0], sel.path_gain_far_field_db, "distance", logx=True,
                             color=f"C{i}", linestyle="--")
        axes[0].axvline(float(sel.fraunhofer_distance), color=f"C{i}", lw=0.7, ls=":")
        plotting.plot_curves(axes[1], sel.capture, "distance", logx=True, color=f"C{i}",
                             label=f"side {side:g} m")
    plotting.plot_curves(axes[0], ds.path_gain_near_broadcast_db.isel(side=0), "distance",
                         logx=True, color="0.5", linestyle="-.", label="P3 (broadcast)")
    axes[0].set_ylim(float(ds.path_gain_db.min()) - 5, float(ds.path_gain_far_field_db.max()))
    axes[0].set_ylabel("path gain [dB]")
    axes[0].legend(title="dashed: P2 far field, dotted: 2D²/λ", fontsize=7)
    axes[0].set_title("20 GHz, receiver at 1 km")
    axes[1].axhline(0.5, color="0.5", lw=0.8)
    axes[1].legend()
    axes[1].set_title("capture fraction (isotropic feed, obliquity)")
    return fig


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
