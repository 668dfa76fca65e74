"""Long-term WET efficiency under port-switching costs (*reconstruction*).

Variant A (reconstruction of Zhang et al., arXiv:2503.04147; docs/fas.md, "Long-term
baselines") with time-varying channels: Gauss-Markov port channels (Clarke correlation
rho = J0(2 pi f_D T) per 10 ms frame, f_D T in {0.005, 0.02, 0.1}), N = 16 ports per antenna,
W = 1, M = 2 (TA), per-frame SINR >= 10 dB, linear EH and the other reconstruction defaults
(docs/fas.md, "Defaults"). Switching follows the distance model (docs/fas.md, "Switching cost";
elements move in parallel) with one normalised cost level c: tau_full = c T and
E_full = c T P_c; the circuits keep drawing P_c while the ports move (``idle_power_w``; else a
lost frame would count as nearly free). Policies: FPA, random ports every frame (benchmark),
per-frame myopic optimisation ignoring (agnostic) or including (aware) the switching cost,
hysteresis with margins delta in {0.02, 0.05, 0.1}, and Lyapunov drift-plus-penalty (Neely
2010; V = 10) with a long-run throughput target R_min = 1.1 log2(1 + gamma_min) bit/s/Hz and one
long-run energy constraint each: a switching-energy budget of 0.05 T P_c per frame, a minimum
average harvested energy of 1.2 T eta P_max M per frame, or a total energy budget of
0.75 T (P_max/xi + P_c) per frame.

With the default P_c = 0.05 W, small against P_max/xi = 2.9 W, costs up to c = 1 move the
efficiency by only a few per cent; the grid therefore extends to c = 30. There, every useful move
costs a whole frame: the switching-aware policies (aware myopic, hysteresis, drift-plus-penalty)
freeze near their starting (FPA) ports, while the agnostic policy keeps most of its efficiency (a
lost frame removes harvest and consumption alike) and pays in throughput instead -- so in this
reconstruction the agnostic policy does not fall below the FPA (docs/fas.md discusses this).
Policies share the channel draws (common random numbers per f_D T).

Full mode: 2000 frames x 50 draws per point, 3 x 9 x 10 points; it is heavy (hours on one core):
run it with ``--executor processes`` or on a Dask cluster. Quick mode: 150 frames x 3 draws,
f_D T = 0.02, c in {0, 1, 10}.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import plotting
from wirelesseff.fas import (
    DEFAULT_EH_EFFICIENCY,
    DriftPlusPenaltyPolicy,
    EnergyConstraint,
    FixedPortPolicy,
    HysteresisPolicy,
    MyopicPolicy,
    RandomPortPolicy,
    SwitchingCost,
    default_power_model,
    frame_correlation,
    long_term_metrics,
    mean_stderr,
    port_positions,
    sample_port_channel_sequence,
    simulate_long_term,
)
from wirelesseff.registry import Headline
from wirelesseff.units import db2lin

NAME = "fas-switching-cost"
DESCRIPTION = "Long-term FAS WET efficiency vs switching cost (myopic, hysteresis, DPP policies)"
SOURCE = ("Reconstruction of Zhang et al., arXiv:2503.04147 (2025); drift-plus-penalty of "
          "Neely, Stochastic Network Optimization, Morgan & Claypool 2010")
HEADLINE = False

N_PORTS, APERTURE, M = 16, 1.0, 2
P_MAX, NOISE, SINR_DB, FRAME = 1.0, 1e-3, 10.0, 0.01
WAVELENGTH = 0.1  # m (3 GHz); only ratios d / (W lambda) enter the cost
POLICIES = ("fpa", "myopic_agnostic", "myopic_aware", "hysteresis_0.02", "hysteresis_0.05",
            "hysteresis_0.1", "drift_plus_penalty", "random", "dpp_min_harvest",
            "dpp_total_budget")
LABELS = {"fpa": "fixed ports (FPA)", "myopic_agnostic": "myopic, ignores switching cost",
          "myopic_aware": "myopic, pays switching cost", "hysteresis_0.02": "hysteresis 2 %",
          "hysteresis_0.05": "hysteresis 5 %", "hysteresis_0.1": "hysteresis 10 %",
          "drift_plus_penalty": "drift-plus-penalty, switching-energy budget",
          "random": "random ports (benchmark)",
          "dpp_min_harvest": "drift-plus-penalty, minimum harvested energy",
          "dpp_total_budget": "drift-plus-penalty, total energy budget"}
METRICS = ("eff_time_avg", "eff_ratio_of_sums", "throughput_bps", "switch_rate",
           "mean_switch_energy_j", "delay_fraction", "throughput_violation", "energy_violation",
           "mean_harvested_energy_j", "mean_consumed_energy_j")


def _targets():
    pc = float(default_power_model().circuit_power(M))
    r_min = 1.1 * np.log2(1 + db2lin(SINR_DB))
    return r_min, 0.05 * FRAME * pc, pc


def _energy_targets():
    """Minimum harvested energy and total energy budget per frame [J] of the DPP variants:
    1.2 x the harvest of MRT at full power over M unit-power ports (T eta P_max M), and 75 % of
    the consumption at full power (T (P_max / xi + P_c))."""
    pm = default_power_model()
    e_harv = 1.2 * FRAME * DEFAULT_EH_EFFICIENCY * P_MAX * M
    e_total = 0.75 * FRAME * (P_MAX / pm.pa_efficiency + float(pm.circuit_power(M)))
    return e_harv, e_total


def _policy(name):
    r_min, e_bud, _ = _targets()
    e_harv, e_total = _energy_targets()
    if name == "fpa":
        return FixedPortPolicy()
    if name == "random":
        return RandomPortPolicy()
    if name.startswith("myopic"):
        return MyopicPolicy(switching_aware=name.endswith("aware"))
    if name.startswith("hysteresis"):
        return HysteresisPolicy(margin=float(name.split("_")[1]))
    if name == "dpp_min_harvest":
        return DriftPlusPenaltyPolicy(v=10.0, r_min_bps=r_min, name=name,
                                      energy_constraint=EnergyConstraint("min_harvested",
                                                                         e_harv))
    if name == "dpp_total_budget":
        return DriftPlusPenaltyPolicy(v=10.0, r_min_bps=r_min, name=name,
                                      energy_constraint=EnergyConstraint("total_budget",
                                                                         e_total))
    return DriftPlusPenaltyPolicy(v=10.0, r_min_bps=r_min, e_sw_budget_j=e_bud)


def point(fd_t, cost, policy, n_frames, n_draws, draw_seed):
    """Long-term metrics of one policy, averaged over channel draws shared by all policies."""
    r_min, e_bud, pc = _targets()
    rho = float(frame_correlation(fd_t / FRAME, FRAME))
    sw = SwitchingCost("distance", full_move_delay_s=cost * FRAME,
                       full_move_energy_j=cost * FRAME * pc, idle_power_w=pc,
                       positions_m=port_positions(N_PORTS, APERTURE, WAVELENGTH))
    acc = {k: [] for k in METRICS}
    for d in range(int(n_draws)):
        key = [int(draw_seed), int(round(fd_t * 1e6)), d]
        rng = np.random.default_rng(key)
        g = sample_port_channel_sequence(N_PORTS, APERTURE, int(n_frames), rho, size=(2, M),
                                         rng=rng)
        tr = simulate_long_term(_policy(policy), g[:, 0], g[:, 1], P_MAX, NOISE,
                                switching_cost=sw, frame_s=FRAME,
                                sinr_min=db2lin(SINR_DB),
                                rng=np.random.default_rng([*key, 1]))  # random policy
        m = long_term_metrics(tr, r_min_bps=r_min, e_sw_budget_j=e_bud)
        for k in METRICS:
            acc[k].append(m[k])
    out = {k: float(np.mean(v)) for k, v in acc.items()}
    out["eff_ratio_of_sums_se"] = mean_stderr(acc["eff_ratio_of_sums"])[1]
    return out


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    if quick:
        grid = {"fd_t": np.array([0.02]), "cost": np.array([0.0, 1.0, 10.0]),
                "policy": list(POLICIES)}
        n_frames, n_draws = 150, 3
    else:
        grid = {"fd_t": np.array([0.005, 0.02, 0.1]),
                "cost": np.array([0.0, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0]),
                "policy": list(POLICIES)}
        n_frames, n_draws = 2000, 50
    r_min, e_bud, pc = _targets()
    e_harv, e_total = _energy_targets()
    units = {"eff_time_avg": "J/J", "eff_ratio_of_sums": "J/J", "eff_ratio_of_sums_se": "J/J",
             "throughput_bps": "bit/s/Hz", "switch_rate": "1", "mean_switch_energy_j": "J",
             "delay_fraction": "1", "throughput_violation": "bit/s/Hz",
             "energy_violation": "J", "mean_harvested_energy_j": "J",
             "mean_consumed_energy_j": "J", "fd_t": "1", "cost": "1"}
    long = {"eff_time_avg": "time-averaged WET efficiency",
            "eff_ratio_of_sums": "long-term WET efficiency (energy ratio)",
            "eff_ratio_of_sums_se": "std. error of the long-term efficiency",
            "throughput_bps": "DR throughput", "switch_rate": "switching rate",
            "mean_switch_energy_j": "switching energy per frame",
            "delay_fraction": "switching delay fraction",
            "throughput_violation": "throughput shortfall", "energy_violation":
            "switching-energy excess", "mean_harvested_energy_j": "harvested energy per frame",
            "mean_consumed_energy_j": "consumed energy per frame",
            "fd_t": "normalised Doppler f_D T",
            "cost": "switching cost tau_full/T = E_full/(T P_c)"}
    return wirelesseff.sweep(
        point, grid, fixed={"n_frames": n_frames, "n_draws": n_draws, "draw_seed": seed},
        seed=seed, executor=executor, progress=not quick, units=units, long_names=long,
        attrs={"study": NAME, "source": SOURCE, "reconstruction": 1, "N": N_PORTS,
               "W": APERTURE, "M": M, "p_max_w": P_MAX, "sinr_min_db": SINR_DB,
               "frame_s": FRAME, "r_min_bps_per_hz": r_min, "e_sw_budget_j": e_bud,
               "e_harvest_min_j": e_harv, "e_total_budget_j": e_total,
               "circuit_power_w": pc, "dpp_v": 10.0, "n_frames": n_frames, "n_draws": n_draws,
               "switching": "distance model, parallel moves, idle power P_c during moves"})


def plot(ds: xr.Dataset):
    fds = ds.fd_t.values
    rows = ("eff_ratio_of_sums", "switch_rate", "throughput_bps", "mean_harvested_energy_j")
    fig, axes = plotting.subplots(len(rows), len(fds),
                                  figsize=(max(9.0, 4.8 * len(fds) + 1.5), 13.0), squeeze=False)
    styles = {"fpa": "k^:", "myopic_agnostic": "rs-", "myopic_aware": "bo-",
              "hysteresis_0.02": "g--", "hysteresis_0.05": "g-.", "hysteresis_0.1": "g:",
              "drift_plus_penalty": "m*-", "random": "x--", "dpp_min_harvest": "cP-",
              "dpp_total_budget": "yD-"}
    c = ds.cost.values
    x = np.where(c > 0, c, c[c > 0].min() / 3 if np.any(c > 0) else 1.0)
    for j, fd in enumerate(fds):
        sub = ds.sel(fd_t=fd)
        for i, var in enumerate(rows):
            ax = axes[i, j]
            for p in ds.policy.values:
                ax.plot(x, sub[var].sel(policy=p), styles.get(str(p), "-"), ms=4,
                        label=LABELS.get(str(p), str(p)) if (i, j) == (0, 0) else None)
            ax.set_xscale("log")
            ax.set_ylabel(plotting.axis_label(ds[var]))
        axes[2, j].axhline(ds.attrs["r_min_bps_per_hz"], color="0.5", lw=0.8, ls="--")
        axes[3, j].axhline(ds.attrs["e_harvest_min_j"], color="0.5", lw=0.8, ls="--")
        axes[-1, j].set_xlabel("switching cost c (c = 0 plotted at the left edge)")
        axes[0, j].set_title(f"f_D T = {fd:g}")
    axes[2, 0].set_title("throughput (dashed: long-run target)", fontsize=9)
    axes[3, 0].set_title("harvested energy (dashed: minimum of one DPP variant)", fontsize=9)
    fig.legend(loc="outside lower center", ncol=2 if len(fds) == 1 else 4, fontsize=7)
    return fig


def headline(ds: xr.Dataset) -> list[Headline]:
    d = ds.isel(fd_t=0)
    c_hi = float(d.cost.max())
    eff = d.eff_ratio_of_sums
    note = (f"f_D T = {float(ds.fd_t[0]):g}, {ds.attrs['n_draws']} draws x "
            f"{ds.attrs['n_frames']} frames, reconstruction")
    out = [Headline("long-term WET efficiency without switching cost, myopic vs FPA",
                    f"{float(eff.sel(cost=0.0, policy='myopic_agnostic')):.3f} vs "
                    f"{float(eff.sel(cost=0.0, policy='fpa')):.3f}", "J/J", note=note),
           Headline("long-term WET efficiency, random ports (benchmark), no cost",
                    float(eff.sel(cost=0.0, policy="random")), "J/J", note=note)]
    for p in ("myopic_agnostic", "myopic_aware", "hysteresis_0.05", "drift_plus_penalty"):
        out.append(Headline(f"long-term WET efficiency at c = {c_hi:g}, {LABELS[p]}",
                            float(eff.sel(cost=c_hi, policy=p)), "J/J", note=note))
    out.append(Headline(f"DR throughput at c = {c_hi:g}, agnostic vs aware myopic",
                        f"{float(d.throughput_bps.sel(cost=c_hi, policy='myopic_agnostic')):.2f}"
                        f" vs {float(d.throughput_bps.sel(cost=c_hi, policy='myopic_aware')):.2f}",
                        "bit/s/Hz", note=f"target {ds.attrs['r_min_bps_per_hz']:.2f}"))
    return out


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
