"""Energy efficiency of an interference network versus the power budget: SCA vs baselines.

The classic energy-efficiency saturation curves (Zappone, Björnson, Sanguinetti, Jorswieck,
IEEE Trans. Signal Process. 65(11), 2017, Figs. 2-5, doi:10.1109/TSP.2017.2673813): global
EE, weighted sum of link EEs and worst link EE of L interfering uplinks versus the maximum
transmit power from -30 to 20 dBW, with the powers chosen by successive convex approximation
(:func:`wirelesseff.optimize.ee_power_control`), all at full power, or at the best common
power. The EE-optimal powers stop growing once p_max exceeds them, so the optimised curves
saturate while full power wastes energy.

Network (same style as the papers' simulations, with the TR 38.901 path loss of the library
instead of their COST-231 Hata model): 4 single-antenna users placed uniformly in a 2 km x
2 km square, 4 single-antenna base stations at (+-500 m, +-500 m), each user served by the
base station with the strongest channel; TR 38.901 UMa NLoS path loss at 1.9 GHz with
Rayleigh fading; 180 kHz bandwidth with -174 dBm/Hz noise and a 3 dB noise figure; PA
efficiency 1/4 (mu = 4) and 1 W circuit power per link. Values are averages over the channel
instances.
"""

from __future__ import annotations

import functools

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import plotting
from wirelesseff.channel.fading import rayleigh
from wirelesseff.channel.noise import noise_power
from wirelesseff.channel.pathloss import tr38901_uma
from wirelesseff.optimize import ee_power_control
from wirelesseff.registry import Headline
from wirelesseff.units import db2lin

NAME = "optimize-ee-power-control"
DESCRIPTION = "GEE, WSEE and min-EE vs p_max in an interference network: SCA vs baselines"
SOURCE = ("Zappone, Björnson, Sanguinetti, Jorswieck, IEEE TSP 65(11), 2017, Figs. 2-5 "
          "(setting of the figures; TR 38.901 UMa path loss instead of COST-231 Hata)")

N_LINKS = 4
BANDWIDTH = 180e3        # Hz (Zappone et al. 2017, Sec. VI)
NOISE_FIGURE_DB = 3.0    # dB (Zappone et al. 2017, Sec. VI)
MU = 4.0                 # 1/PA efficiency (Zappone et al. 2017, Sec. VI)
P_CIRCUIT = 1.0          # W per link (Zappone et al. 2017, Sec. VI)
FREQUENCY = 1.9e9        # Hz
BS_POSITIONS = np.array([[500.0, 500.0], [-500.0, 500.0], [500.0, -500.0], [-500.0, -500.0]])
ALLOCATIONS = {"SCA": "sca", "best common power": "uniform_search", "full power": "max_power"}
OBJECTIVES = {"global EE": "gee", "sum of link EEs": "wsee", "worst link EE": "min"}


@functools.cache
def networks(n_instances: int, n_links: int, seed: int) -> tuple[np.ndarray, float]:
    """Gains (n, L, L) [-] and noise power [W] of random uplink networks (module docstring)."""
    rng = np.random.default_rng(seed)
    users = rng.uniform(-1000.0, 1000.0, (n_instances, n_links, 2))
    d = np.linalg.norm(users[:, :, None, :] - BS_POSITIONS[None, None], axis=-1)  # (n, L, 4)
    beta = 1.0 / db2lin(tr38901_uma(d, FREQUENCY, los=False))
    g = beta * np.abs(rayleigh(beta.shape, rng=rng)) ** 2  # user j -> base station b
    serving = np.argmax(g, axis=-1)  # (n, L): strongest base station of each user
    gains = np.take_along_axis(g.transpose(0, 2, 1), serving[:, :, None], axis=1)
    return gains, float(noise_power(BANDWIDTH, NOISE_FIGURE_DB))


def point(p_max_dbw, objective, allocation, n_instances, n_links, network_seed):
    gains, noise = networks(n_instances, n_links, network_seed)
    res = ee_power_control(gains, noise, 10.0 ** (p_max_dbw / 10.0), mu=MU,
                           p_circuit=P_CIRCUIT, bandwidth=BANDWIDTH,
                           objective=OBJECTIVES[objective], method=ALLOCATIONS[allocation])
    return {
        "ee": float(np.mean(res.value)),
        "ee_instance": np.asarray(res.value, dtype=float),
        "p_mean": float(np.mean(res["p"])),
        "links_on": float(np.mean(np.sum(res["p"] > 0, axis=-1))),
        "status": res.status,
    }


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    grid = {
        "p_max_dbw": np.array([-30.0, -15.0, 0.0, 20.0]) if quick
        else np.arange(-30.0, 20.1, 5.0),
        "objective": list(OBJECTIVES),
        "allocation": list(ALLOCATIONS),
    }
    fixed = {"n_instances": 2 if quick else 20, "n_links": 2 if quick else N_LINKS,
             "network_seed": seed}
    return wirelesseff.sweep(
        point, grid, fixed=fixed, seed=seed, executor=executor, progress=not quick,
        dims={"ee_instance": ("instance",)},
        units={"ee": "bit/J", "ee_instance": "bit/J", "p_mean": "W", "links_on": "1",
               "p_max_dbw": "dBW"},
        long_names={"ee": "energy efficiency", "ee_instance": "energy efficiency per network",
                    "p_mean": "mean transmit power", "links_on": "links transmitting",
                    "p_max_dbw": "maximum transmit power"},
        attrs={"study": NAME, "source": SOURCE, "bandwidth_hz": BANDWIDTH, "mu": MU,
               "p_circuit_w": P_CIRCUIT, "frequency_hz": FREQUENCY,
               "noise_figure_db": NOISE_FIGURE_DB,
               "pathloss": "TR 38.901 UMa NLoS with Rayleigh fading",
               "network": "users uniform in 2 km x 2 km, 4 base stations at (+-500, +-500) m"},
    )


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(1, len(ds.objective), figsize=(12.0, 4.0))
    styles = {"SCA": ("-", "o"), "best common power": ("--", "s"), "full power": (":", "^")}
    for ax, objective in zip(axes, ds.objective.values):
        da = ds.ee.sel(objective=objective)
        lines = plotting.plot_curves(ax, da, "p_max_dbw", hue="allocation",
                                     labels=[str(m) for m in ds.allocation.values],
                                     legend=False)
        for line, allocation in zip(lines, ds.allocation.values):
            line.set_linestyle(styles[str(allocation)][0])
            line.set_marker(styles[str(allocation)][1])
        ax.set_title(str(objective))
        ax.set_ylim(bottom=0)
    fig.legend(lines, [f"transmit powers: {a}" for a in ds.allocation.values],
               loc="outside lower center", ncol=len(lines))
    return fig


def headline(ds: xr.Dataset) -> list[Headline]:
    top = float(ds.p_max_dbw.max())
    out = []
    for objective in ds.objective.values:
        at = ds.ee.sel(objective=objective, p_max_dbw=top)
        sca = float(at.sel(allocation="SCA"))
        full = float(at.sel(allocation="full power"))
        common = float(at.sel(allocation="best common power"))
        out.append(Headline(f"{objective} with SCA at p_max = {top:g} dBW", sca / 1e6,
                            "Mbit/J", note=f"full power: {full / 1e6:.4g} Mbit/J; best "
                                           f"common power: {common / 1e6:.4g} Mbit/J"))
    return out


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
