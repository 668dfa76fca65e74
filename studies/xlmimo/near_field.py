"""Near-field behaviour of large planar arrays (Björnson & Sanguinetti 2020; Björnson et al. 2021).

(a) Exact planar-array channel gain xi (Eq. 27 of Björnson & Sanguinetti, IEEE OJ-COMS 2020)
    versus the number of elements N, with the far-field approximation N A cos(eta)/(4 pi d^2) and
    the 1/3 asymptote (lambda = 0.1 m, d = 25 m, A = (lambda/4)^2, eta in {0, pi/6, pi/3}).
(b) Gain of far-field (infinite-focus) beamforming relative to focusing, G(z/d_F)
    (Björnson, Demir & Sanguinetti, Asilomar 2021, approx. (9)).
(c) Exact/far-field gain ratio at 7, 15 and 24 GHz (d = 20 m, A = (lambda/2)^2), and the
    Fraunhofer distance versus frequency for 32 x 32 and 64 x 64 lambda/2 UPAs (d_F ~ 1/f) and a
    1 m x 1 m aperture (d_F ~ f).
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import plotting
from wirelesseff.registry import Headline
from wirelesseff.units import wavelength
from wirelesseff.xlmimo import (
    farfield_beamforming_gain,
    fraunhofer_distance,
    planar_array_gain,
    planar_array_gain_farfield,
    upa_diagonal,
)

NAME = "xlmimo-near-field"
DESCRIPTION = "Exact vs far-field planar-array gain, far-field beamforming loss, d_F vs f"
SOURCE = ("Björnson & Sanguinetti, IEEE OJ-COMS 2020, Eq. 27; "
          "Björnson, Demir & Sanguinetti, Asilomar 2021")

LAMBDA_A, D_A = 0.1, 25.0
D_C = 20.0


def point_a(n_elements, angle):
    area = (LAMBDA_A / 4) ** 2
    return {"xi_exact": planar_array_gain(n_elements, area, D_A, angle),
            "xi_farfield": planar_array_gain_farfield(n_elements, area, D_A, angle)}


def point_b(z_over_df):
    return {"g_farfield_beam": farfield_beamforming_gain(z_over_df, 1.0)}


def point_c(n_elements_c, frequency):
    area = (wavelength(frequency) / 2) ** 2
    return {"gain_ratio": planar_array_gain(n_elements_c, area, D_C)
            / planar_array_gain_farfield(n_elements_c, area, D_C)}


def point_d(frequency_d):
    lam = wavelength(frequency_d)
    return {"d_f_32x32": fraunhofer_distance(upa_diagonal(32, 32, lam / 2), lam),
            "d_f_64x64": fraunhofer_distance(upa_diagonal(64, 64, lam / 2), lam),
            "d_f_1m2": fraunhofer_distance(np.sqrt(2.0) * np.ones_like(lam), lam)}


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    n_pts = 41 if quick else 401
    common = {"vectorized": True, "seed": seed, "executor": executor, "progress": False,
              "strict": True}
    a = wirelesseff.sweep(
        point_a, grid={"n_elements": np.logspace(0, 10, n_pts),
                       "angle": [0.0, np.pi / 6, np.pi / 3]},
        units={"xi_exact": "1", "xi_farfield": "1", "angle": "rad"},
        long_names={"xi_exact": "channel gain xi (exact, Eq. 27)",
                    "xi_farfield": "channel gain xi (far-field)", "n_elements": "elements N",
                    "angle": "angle from broadside"},
        attrs={"study": NAME, "source": SOURCE}, **common)
    b = wirelesseff.sweep(point_b, grid={"z_over_df": np.logspace(-2, 1, n_pts)},
                          units={"g_farfield_beam": "1"},
                          long_names={"g_farfield_beam": "far-field beamforming gain G",
                                      "z_over_df": "distance / Fraunhofer distance"}, **common)
    c = wirelesseff.sweep(point_c, grid={"n_elements_c": np.logspace(0, 8, n_pts),
                                         "frequency": [7e9, 15e9, 24e9]},
                          units={"gain_ratio": "1", "frequency": "Hz"},
                          long_names={"gain_ratio": "exact / far-field gain (d = 20 m)",
                                      "n_elements_c": "elements N", "frequency": "carrier"},
                          **common)
    d = wirelesseff.sweep(point_d, grid={"frequency_d": np.linspace(3e9, 30e9, n_pts)},
                          units={"d_f_32x32": "m", "d_f_64x64": "m", "d_f_1m2": "m",
                                 "frequency_d": "Hz"},
                          long_names={"d_f_32x32": "Fraunhofer distance, 32x32 UPA",
                                      "d_f_64x64": "Fraunhofer distance, 64x64 UPA",
                                      "d_f_1m2": "Fraunhofer distance, 1 m x 1 m aperture",
                                      "frequency_d": "carrier frequency"}, **common)
    ds = xr.merge([x.drop_vars("error", errors="ignore") for x in (a, b, c, d)],
                  compat="no_conflicts", join="outer", combine_attrs="override")
    ds.attrs.update(xi_max_exact=float(ds.xi_exact.max()),
                    parameters_a="lambda = 0.1 m, d = 25 m, A = (lambda/4)^2",
                    parameters_c="d = 20 m, A = (lambda/2)^2")
    return ds


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(1, 4, figsize=(15.0, 3.6))
    ax = axes[0]
    for i, ang in enumerate(ds.angle.values):
        ax.loglog(ds.n_elements, ds.xi_exact.sel(angle=ang), color=f"C{i}",
                  label=f"exact, eta = {np.degrees(ang):.0f} deg")
        ax.loglog(ds.n_elements, ds.xi_farfield.sel(angle=ang), ":", color=f"C{i}")
    ax.axhline(1 / 3, color="0.3", lw=1, ls="--", label="1/3 asymptote")
    ax.set_xlabel("number of elements N")
    ax.set_ylabel("channel gain xi (dotted: far-field)")
    ax.legend()
    ax = axes[1]
    ax.semilogx(ds.z_over_df, ds.g_farfield_beam)
    ax.set_xlabel(plotting.axis_label(ds.z_over_df))
    ax.set_ylabel(plotting.axis_label(ds.g_farfield_beam))
    ax = axes[2]
    for f in ds.frequency.values:
        ax.semilogx(ds.n_elements_c, ds.gain_ratio.sel(frequency=f), label=f"{f / 1e9:g} GHz")
    ax.set_xlabel("number of elements N")
    ax.set_ylabel(plotting.axis_label(ds.gain_ratio))
    ax.legend()
    ax = axes[3]
    for name in ("d_f_32x32", "d_f_64x64", "d_f_1m2"):
        ax.semilogy(ds.frequency_d / 1e9, ds[name], label=ds[name].attrs["long_name"][21:])
    ax.axvspan(7, 24, color="0.9", zorder=0)
    ax.set_xlabel("carrier frequency [GHz] (mid-band shaded)")
    ax.set_ylabel("Fraunhofer distance [m]")
    ax.legend()
    return fig


def headline(ds: xr.Dataset) -> list[Headline]:
    """Largest exact gain (towards the 1/3 asymptote) and the far-field beam gain at d_F/10."""
    g = ds.g_farfield_beam.interp(z_over_df=0.1)
    return [
        Headline("largest exact planar-array gain xi on the grid (asymptote 1/3)",
                 round(float(ds.attrs["xi_max_exact"]), 4), "1", round(1 / 3, 4),
                 "Björnson & Sanguinetti, IEEE OJ-COMS 2020, Eq. 27 (N -> infinity)"),
        Headline("far-field beamforming gain G at z = 0.1 d_F (Fresnel approximation)",
                 round(float(g), 3), "1",
                 note="the approximation of Björnson, Demir & Sanguinetti 2021 gives 1/2 at "
                      "0.1006 d_F"),
    ]

if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
