"""Variant B: multiuser SWIPT sum-rate energy efficiency versus fluid-antenna ports.

K = 2 information receivers (SINR >= 10 dB) and L = 2 energy receivers (logistic EH of
Boshkovska et al. 2015, target e_l = 0.25 M = 6 mW, ER path gain 1e-2) served by M = 4 transmit
antennas, P_max = 1 W, sigma^2 = 1e-3 W, B = 1 Hz (EE in bit/J per Hz); the standard SWIPT EE
problem (docs/fas.md, "Variant B"; project defaults, docs/fas.md "Defaults").

* Receiver side: every IR has a fluid antenna of length W = 1 with N ports (Jakes-correlated
  rows G_k[n]) and uses its strongest port n_k = argmax_n |G_k[n]|^2; FPA = port 0.
* Transmitter side: the BS has one fluid antenna (W = 4) with N ports of which M = 4 are active
  (TB); the subset is chosen by alternating search on the min-power proxy of
  :func:`wirelesseff.fas.min_power_port_score` (the power of per-receiver MRT beams, ignoring
  interference and cross-harvesting: with these targets the EE is limited by the power the ERs
  require, and this proxy beat an equal-power sum-capacity proxy by ~40 % in a pilot run), then
  the full EE optimisation runs once on the selected ports; FPA = evenly spread ports.

The EE at the selected ports is :func:`wirelesseff.fas.optimize_swipt_ee` (Dinkelbach + SCA +
SDR); infeasible draws count as 0, and the paired gain FAS - FPA (same draws) is recorded, as is
the IRs' sum rate. With these targets the EE is limited by the power the ERs need, so
receiver-side port selection (which only helps the IRs) gains ~5-15 %, while transmitter-side
selection (which also moves the ER channels) gains up to ~65 %. Each optimisation takes ~0.3 s,
so the full mode uses 100 draws (~10 min with 2 worker processes); quick: 3 draws.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import plotting
from wirelesseff.channel import rayleigh
from wirelesseff.fas import (
    boshkovska2015,
    fixed_position_ports,
    mean_stderr,
    min_power_port_score,
    optimize_swipt_ee,
    sample_port_channels,
    select_ports,
    select_receive_ports,
)
from wirelesseff.registry import Headline
from wirelesseff.units import db2lin

NAME = "fas-swipt-ee-vs-ports"
DESCRIPTION = "Multiuser SWIPT energy efficiency vs FAS ports, receiver and transmitter side"
SOURCE = ("Standard multiuser SWIPT EE formulation (docs/fas.md, Variant B) with the EH model of "
          "Boshkovska et al., IEEE Commun. Lett. 2015, doi:10.1109/LCOMM.2015.2478460")
HEADLINE = False

K, L, M = 2, 2, 4
P_MAX, NOISE, SINR_DB, BETA_E = 1.0, 1e-3, 10.0, 1e-2
E_MIN = 0.25 * boshkovska2015.m_sat
W_RX, W_TX = 1.0, 4.0
LABELS = {"rx_fas": "receiver-side FAS (strongest port)", "rx_fpa": "receiver FPA (port 0)",
          "tx_fas": "transmitter-side FAS (M of N ports)",
          "tx_fpa": "transmitter FPA (spread ports)"}


def _ee(H, G, rng):
    """(EE, feasible, sum rate) of the optimised beams at these channels (0 if infeasible)."""
    res = optimize_swipt_ee(H, G, P_MAX, db2lin(SINR_DB), E_MIN, NOISE, None,
                            boshkovska2015, rng=rng)
    ok = res.feasible
    return (res.ee if ok else 0.0), float(ok), (res.sum_rate if ok else 0.0)


def _summary(prefix, fas, fpa):
    fas, fpa = np.asarray(fas), np.asarray(fpa)  # rows: (ee, feasible, sum rate) per draw
    gain = fas[:, 0] - fpa[:, 0]  # paired on the same draws: far less noisy than the two means
    out = {f"feasible_{prefix}_fas": float(np.mean(fas[:, 1]))}
    for name, x in (("fas", fas[:, 0]), ("fpa", fpa[:, 0]), ("gain", gain)):
        out[f"ee_{prefix}_{name}"], out[f"ee_{prefix}_{name}_se"] = mean_stderr(x)
    for name, x in (("fas", fas[:, 2]), ("fpa", fpa[:, 2])):
        out[f"rate_{prefix}_{name}"] = float(np.mean(x))
    return out


def point_rx(n_rx_ports, n_draws, rng=None):
    n = int(n_rx_ports)
    fas, fpa = [], []
    for _ in range(int(n_draws)):
        Gk = np.swapaxes(sample_port_channels(n, W_RX, size=(K, M), rng=rng), 1, 2)  # (K, N, M)
        G = np.sqrt(BETA_E) * rayleigh((L, M), rng)
        _, H = select_receive_ports(Gk)
        fas.append(_ee(H, G, rng))
        fpa.append(_ee(Gk[:, 0, :], G, rng))
    return _summary("rx", fas, fpa)


def point_tx(n_tx_ports, n_draws, rng=None):
    n = int(n_tx_ports)
    fas, fpa = [], []
    spread = list(fixed_position_ports(n, M, "subset", "spread"))
    for _ in range(int(n_draws)):
        H_full = sample_port_channels(n, W_TX, size=(K,), rng=rng)
        G_full = np.sqrt(BETA_E) * sample_port_channels(n, W_TX, size=(L,), rng=rng)
        score = min_power_port_score(H_full, G_full, db2lin(SINR_DB), NOISE, E_MIN,
                                     boshkovska2015)
        sel = select_ports(H_full[0], G_full[0], P_MAX, 1.0, NOISE, architecture="subset",
                           n_select=M, score_fn=score, initial_ports=spread)
        S = list(sel.ports)
        fas.append(_ee(H_full[:, S], G_full[:, S], rng))
        fpa.append(_ee(H_full[:, spread], G_full[:, spread], rng))
    return _summary("tx", fas, fpa)


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    n_draws = 3 if quick else 100
    rx = [1, 4] if quick else [1, 2, 4, 8, 16]
    tx = [4, 8] if quick else [4, 8, 16, 32]
    common = dict(seed=seed, executor=executor, progress=not quick)
    units = {f"ee_{s}_{v}{e}": "bit/J" for s in ("rx", "tx") for v in ("fas", "fpa", "gain")
             for e in ("", "_se")}
    units.update({f"rate_{s}_{v}": "bit/s/Hz" for s in ("rx", "tx") for v in ("fas", "fpa")})
    units.update(feasible_rx_fas="1", feasible_tx_fas="1", n_rx_ports="1", n_tx_ports="1")
    long = {f"ee_{k}": f"EE, {v}" for k, v in LABELS.items()}
    long.update({f"rate_{k}": f"IR sum rate, {v}" for k, v in LABELS.items()})
    long.update(ee_rx_gain="EE gain of receiver-side FAS over FPA (paired)",
                ee_tx_gain="EE gain of transmitter-side FAS over FPA (paired)",
                n_rx_ports="ports per IR fluid antenna", n_tx_ports="BS fluid-antenna ports",
                feasible_rx_fas="feasible fraction", feasible_tx_fas="feasible fraction")
    ds_rx = wirelesseff.sweep(point_rx, {"n_rx_ports": np.array(rx)},
                              fixed={"n_draws": n_draws}, units=units, long_names=long, **common)
    ds_tx = wirelesseff.sweep(point_tx, {"n_tx_ports": np.array(tx)},
                              fixed={"n_draws": n_draws}, units=units, long_names=long, **common)
    # keep each sweep's per-point error messages (failed points are recorded, docs/sweep.md),
    # renamed per side because the two sweeps have different grid dimensions
    sides = []
    for side, d in (("rx", ds_rx), ("tx", ds_tx)):
        if "error" in d:
            d = d.rename_vars(error=f"error_{side}")
            d[f"error_{side}"].attrs["long_name"] = (
                f"error message of a failed {side} point ('' if fine)")
        sides.append(d)
    ds = xr.merge(sides, combine_attrs="override")
    ds.attrs.update(study=NAME, source=SOURCE, K=K, L=L, M=M, p_max_w=P_MAX,
                    noise_power_w=NOISE, sinr_min_db=SINR_DB, e_min_w=E_MIN, beta_e=BETA_E,
                    eh="boshkovska2015", bandwidth_hz=1.0, n_draws=n_draws, W_rx=W_RX,
                    W_tx=W_TX, tx_selection="alternating search on the min-power proxy")
    return ds


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(2, 2, figsize=(11, 7.5), squeeze=False)
    for j, (side, x) in enumerate((("rx", "n_rx_ports"), ("tx", "n_tx_ports"))):
        ax = axes[0, j]
        for v, st in (("fas", "o-"), ("fpa", "k^:")):
            ax.errorbar(ds[x], ds[f"ee_{side}_{v}"], yerr=2 * ds[f"ee_{side}_{v}_se"], fmt=st,
                        ms=4, capsize=2, label=LABELS[f"{side}_{v}"])
        ax.set_ylabel("energy efficiency [bit/J] (B = 1 Hz)")
        ax = axes[1, j]
        for v, st in (("fas", "o-"), ("fpa", "k^:")):
            ax.plot(ds[x], ds[f"rate_{side}_{v}"], st, ms=4, label=LABELS[f"{side}_{v}"])
        ax.set_ylabel("IR sum rate [bit/s/Hz]")
        for row in (0, 1):
            axes[row, j].set_xscale("log", base=2)
            axes[row, j].set_xlabel(plotting.axis_label(ds[x]))
            axes[row, j].legend(fontsize=7)
    axes[0, 0].set_title("(a) receiver-side FAS: energy efficiency")
    axes[0, 1].set_title(f"(b) transmitter-side FAS, {ds.attrs['M']} active ports")
    axes[1, 0].set_title("(c) receiver-side FAS: IR sum rate at the EE optimum")
    axes[1, 1].set_title("(d) transmitter-side FAS: IR sum rate at the EE optimum")
    return fig


def headline(ds: xr.Dataset) -> list[Headline]:
    n_rx, n_tx = int(ds.n_rx_ports.max()), int(ds.n_tx_ports.max())
    note = f"{ds.attrs['n_draws']} draws per point, paired FAS - FPA on the same draws"
    return [
        Headline(f"EE, transmitter-side FAS vs FPA, N = {n_tx}",
                 f"{float(ds.ee_tx_fas.sel(n_tx_ports=n_tx)):.2f} vs "
                 f"{float(ds.ee_tx_fpa.sel(n_tx_ports=n_tx)):.2f}", "bit/J per Hz", note=note),
        Headline(f"EE gain, transmitter side, N = {n_tx}",
                 float(ds.ee_tx_gain.sel(n_tx_ports=n_tx)), "bit/J per Hz", note=note),
        Headline(f"EE gain, receiver side, N = {n_rx}",
                 float(ds.ee_rx_gain.sel(n_rx_ports=n_rx)), "bit/J per Hz", note=note),
        Headline("feasible fraction (both sides)",
                 float(min(ds.feasible_rx_fas.min(), ds.feasible_tx_fas.min())), "1"),
    ]


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
