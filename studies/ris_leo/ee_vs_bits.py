"""Energy efficiency of the double-RIS uplink versus the phase resolution (F6).

Both surfaces with N = 256 or 1024 elements, zenith, target 1 bit/s/Hz, 20 GHz. The element power
grows with the resolution (Huang et al. 2019: 1.5/4.5/6.0/7.8 mW for 3-6 bits; assumed 0.5 and
1 mW for 1 and 2 bits; P_e = 5 mW for continuous phases, "∞") while the beamforming gain
saturates after 2-3 bits (η(b) = sinc²(π/2^b), Wu & Zhang 2020), so the EE peaks at a low
resolution. Reconstruction study for Sanila et al. (WCNC 2025).
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import plotting
from wirelesseff.registry import Headline
from wirelesseff.ris_leo import (
    LeoLinkParams,
    quantization_loss,
    required_uplink_power,
    ris_powers,
    total_power,
)
from wirelesseff.units import lin2db

NAME = "ris-leo-ee-vs-bits"
DESCRIPTION = "Double-RIS EE vs phase resolution b = 1...6, inf (Huang + assumed 1-2 bit powers)"
SOURCE = ("Reconstruction for Sanila et al., IEEE WCNC 2025; Huang et al., IEEE TWC 2019; "
          "Wu & Zhang, IEEE TCOM 2020")
HEADLINE = False


def point(bits, n_side):
    base = LeoLinkParams()
    side = float(n_side) * base.element_spacing
    b = None if np.isinf(bits) else int(bits)
    p = base.replace(ris_u_side=side, ris_s_side=side, bits=(b, b))
    pt = float(required_uplink_power("double", np.pi / 2, p))
    pu, ps = ris_powers("double", p, pt)
    tot = float(total_power(pt, [pu, ps], pa_efficiency=p.pa_efficiency,
                            static_power=p.static_power))
    return {"energy_efficiency": p.bandwidth * p.target_rate / tot, "required_power": pt,
            "ris_power": float(pu) + float(ps), "eta": float(quantization_loss(bits)) ** 2}


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    """b = 1...6 and inf; N = 16² and 32² per surface (same grid in quick mode)."""
    bits = np.array([1, 2, 3, 4, 5, 6, np.inf])
    ds = wirelesseff.sweep(
        point, {"bits": bits, "n_side": np.array([16, 32])}, seed=seed, executor=executor,
        progress=False,
        units={"energy_efficiency": "bit/J", "required_power": "W", "ris_power": "W",
               "eta": "1", "bits": "bit", "n_side": "1"},
        long_names={"energy_efficiency": "energy efficiency", "required_power":
                    "required UT power", "ris_power": "RIS power (both surfaces)",
                    "eta": "quantisation loss eta(b)^2", "bits": "phase resolution",
                    "n_side": "elements per side"},
        attrs={"study": NAME, "source": SOURCE, "reconstruction": 1,
               "element_power": "Huang 2019 (3-6 bits) + assumed 1-2 bits; P_e for inf"})
    ds = ds.assign_coords(n_elements=("n_side", ds.n_side.values.astype(float) ** 2,
                                      {"units": "1", "long_name": "elements per surface"}))
    ds["best_bits"] = ds.bits.isel(bits=ds.energy_efficiency.argmax("bits")).assign_attrs(
        units="bit", long_name="EE-optimal resolution")
    return ds


def headline(ds: xr.Dataset) -> list[Headline]:
    """EE-optimal phase resolution per surface size."""
    return [Headline(f"EE-optimal phase resolution, double RIS, N = {int(n) ** 2} per surface",
                     float(ds.best_bits.sel(n_side=n)), "bit",
                     note="zenith, 1 bit/s/Hz, 20 GHz; 1-2 bit element powers assumed; "
                          "reconstruction")
            for n in ds.n_side.values]


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(1, 2, figsize=(10, 4))
    x = np.arange(ds.sizes["bits"])
    labels = [("∞" if np.isinf(b) else f"{int(b)}") for b in ds.bits.values]
    ax2 = axes[1].twinx()
    axes[1].plot(x, lin2db(ds.eta.isel(n_side=0)), "o-", color="0.3",
                 label="η(b)² (left axis)")
    for i, n in enumerate(ds.n_side.values):
        sel = ds.sel(n_side=n)
        axes[0].plot(x, sel.energy_efficiency / 1e6, "o-", color=f"C{i}",
                     label=f"N = {int(n) ** 2} per surface")
        ax2.plot(x, sel.ris_power, "s--", color=f"C{i}", label=f"RIS power, N = {int(n) ** 2}")
    for ax in axes:
        ax.set_xticks(x)
        ax.set_xticklabels(labels)
        ax.set_xlabel("phase resolution b [bit]")
    axes[0].set_ylabel("energy efficiency [Mbit/J]")
    axes[0].legend()
    axes[0].set_title("double RIS, zenith, 1 bit/s/Hz")
    axes[1].set_ylabel("quantisation loss η(b)² [dB]")
    axes[1].legend(loc="lower right")
    ax2.set_ylabel("RIS power, both surfaces [W]")
    ax2.grid(False)
    ax2.legend(loc="center right")
    axes[1].set_title("gain saturates, power grows")
    return fig


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
