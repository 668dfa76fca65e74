"""EE-maximal transmit power of a single multi-antenna link by Dinkelbach's algorithm.

A single-user downlink with M BS antennas and maximum-ratio precoding has SNR
:math:`p\\,M\\beta/\\sigma^2`. The consumed power follows *Massive MIMO Networks* (Sec. 5.4,
value sets 1 and 2): :math:`P = p/\\mu + P_\\mathrm{CP}(M) + A\\,B\\,\\mathrm{SE}`, where the
rate-proportional coding/decoding/backhaul term :math:`A = P_\\mathrm{COD}+P_\\mathrm{DEC}+
P_\\mathrm{BT}` makes the problem a genuine fractional program. Each grid point maximises
:math:`B\\,\\mathrm{SE}(p)/P(p)` over :math:`0 \\le p \\le P_\\max` with
:func:`wirelesseff.optimize.dinkelbach`; the inner problem
:math:`\\max_p (1-\\lambda A)B\\log_2(1+gp) - \\lambda p/\\mu` is one DPP-parametrised cvxpy
problem (:class:`wirelesseff.optimize.ParametricProblem`) compiled once and re-solved.
"""

from __future__ import annotations

import functools

import cvxpy as cp
import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import plotting
from wirelesseff.channel.noise import noise_power
from wirelesseff.channel.pathloss import tr38901_umi
from wirelesseff.optimize import ParametricProblem, dinkelbach
from wirelesseff.power import book_circuit_power, massive_mimo_book_vs1, massive_mimo_book_vs2
from wirelesseff.registry import Headline
from wirelesseff.units import db2lin

NAME = "foundation-ee-dinkelbach"
DESCRIPTION = "EE-optimal transmit power of one link with the book circuit power (Dinkelbach)"
SOURCE = ("Dinkelbach, Management Science 13(7), 1967, doi:10.1287/mnsc.13.7.492; "
          "Björnson-Hoydis-Sanguinetti, Massive MIMO Networks (2017) Sec. 5.3-5.4, value sets "
          "1-2, doi:10.1561/2000000093")
HEADLINE = False

BANDWIDTH = 20e6          # Hz (Massive MIMO Networks Table 5.3)
PA_EFFICIENCY = 0.5       # mu_BS (Massive MIMO Networks Table 5.3 / book_effective_transmit_power)
P_MAX = 20.0              # W, downlink small-cell PA rating (assumed)
DISTANCE = 150.0          # m, UMi NLoS at 3.5 GHz (assumed example geometry)
FREQUENCY = 3.5e9         # Hz
NOISE_FIGURE_DB = 7.0     # dB (massivemimobook code)
PRESETS = {"vs1": massive_mimo_book_vs1, "vs2": massive_mimo_book_vs2}


def snr_gain_per_watt(M):
    """Array SNR per watt of transmit power, M beta / sigma^2 [1/W]."""
    beta = 1.0 / db2lin(tr38901_umi(DISTANCE, FREQUENCY, los=False))
    return M * beta / noise_power(BANDWIDTH, NOISE_FIGURE_DB)


@functools.cache
def _inner_problem() -> ParametricProblem:
    """max_q c_rate*log(1 + q) - c_pow*q, 0 <= q <= q_max (q = g p); compiled once per process.

    Working with the received SNR q = g p keeps the problem DPP (every parameter multiplies a
    parameter-free expression) and well scaled for the conic solver.
    """
    q = cp.Variable(nonneg=True, name="q")
    c_rate = cp.Parameter(nonneg=True, name="c_rate")
    c_pow = cp.Parameter(nonneg=True, name="c_pow")
    q_max = cp.Parameter(nonneg=True, name="q_max")
    prob = cp.Problem(cp.Maximize(c_rate * cp.log(1 + q) - c_pow * q), [q <= q_max])
    return ParametricProblem(prob)


def point(M, value_set, n_curve=121):
    params = PRESETS[value_set]()
    g = float(snr_gain_per_watt(M))
    a_rate = params.p_cod + params.p_dec + params.p_bt           # J/bit
    p_cp = float(book_circuit_power(M, 1, tau_p=1, scheme="mr", params=params).total)  # W

    def numerator(x):
        return BANDWIDTH * np.log2(1 + float(x["q"]))

    def denominator(x):
        return float(x["q"]) / g / PA_EFFICIENCY + p_cp + a_rate * numerator(x)

    problem = _inner_problem()

    def solve_inner(lam):
        # N - lam D = (1 - lam A) B log2(1 + q) - lam q/(g mu) - lam P_CP; the constant is
        # dropped and the objective scaled by 1/B (same maximiser)
        return problem.solve(c_rate=max(0.0, 1 - lam * a_rate) / np.log(2),
                             c_pow=lam / (g * PA_EFFICIENCY * BANDWIDTH), q_max=g * P_MAX)

    res = dinkelbach(solve_inner, numerator, denominator, tol=1e-9, max_iter=30)
    p_opt = float(res.variables["q"]) / g if res.ok else np.nan
    p_grid = np.logspace(-6, np.log10(P_MAX), n_curve)
    se_grid = np.log2(1 + g * p_grid)
    ee_curve = BANDWIDTH * se_grid / (p_grid / PA_EFFICIENCY + p_cp + a_rate * BANDWIDTH * se_grid)
    return {
        "ee_opt": res.value,
        "p_opt": p_opt,
        "se_opt": np.log2(1 + g * p_opt),
        "p_circuit": p_cp,
        "iterations": res.iterations,
        "lambda_history": np.pad(np.asarray(res.history, float), (0, 31 - len(res.history)),
                                 constant_values=np.nan),
        "ee_curve": xr.DataArray(ee_curve, dims="p_tx", coords={"p_tx": p_grid}),
        "status": res.status,
    }


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    grid = {"M": np.array([1, 4, 16, 64] if quick else [1, 2, 4, 8, 16, 32, 64, 128, 256]),
            "value_set": ["vs1", "vs2"]}
    ds = wirelesseff.sweep(
        point, grid, seed=seed, executor=executor, progress=not quick,
        fixed={"n_curve": 41 if quick else 121},
        dims={"lambda_history": ("iteration",)},
        units={"ee_opt": "bit/J", "p_opt": "W", "se_opt": "bit/s/Hz", "p_circuit": "W",
               "ee_curve": "bit/J", "lambda_history": "bit/J", "M": "1", "iterations": "1"},
        long_names={"ee_opt": "maximal energy efficiency", "p_opt": "EE-optimal transmit power",
                    "se_opt": "spectral efficiency at the optimum",
                    "p_circuit": "circuit power (rate terms excluded)",
                    "ee_curve": "energy efficiency", "lambda_history": "Dinkelbach ratio",
                    "M": "BS antennas"},
        attrs={"study": NAME, "source": SOURCE, "bandwidth_hz": BANDWIDTH,
               "pa_efficiency": PA_EFFICIENCY, "p_max_w": P_MAX, "distance_m": DISTANCE,
               "frequency_hz": FREQUENCY, "noise_figure_db": NOISE_FIGURE_DB,
               "pathloss": "TR 38.901 UMi NLoS", "scheme": "MR, K = 1"},
    )
    ds.p_tx.attrs.update(units="W", long_name="transmit power")
    return ds


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(1, 3, figsize=(12.5, 3.6))
    ax = axes[0]
    for vs, style in (("vs1", "-"), ("vs2", "--")):
        sub = ds.ee_curve.sel(value_set=vs)
        for i, m in enumerate(ds.M.values):
            ax.plot(sub.p_tx, sub.isel(M=i) / 1e6, style, color=f"C{i % 8}",
                    label=f"M = {m}" if vs == "vs1" else None)
            ax.plot(ds.p_opt.sel(value_set=vs, M=m), ds.ee_opt.sel(value_set=vs, M=m) / 1e6,
                    "k*", markersize=6)
    ax.set_xscale("log")
    ax.set_xlabel(plotting.axis_label(ds.p_tx))
    ax.set_ylabel("energy efficiency [Mbit/J]")
    ax.set_title("(a) EE vs p (solid: value set 1, dashed: 2)")
    ax.plot([], [], "k*", markersize=6, label="Dinkelbach optimum")
    ax.legend(ncol=2)
    labels = [_VALUE_SET_LABELS.get(str(v), str(v)) for v in ds.value_set.values]
    plotting.plot_curves(axes[1], ds.p_opt, "M", hue="value_set", logx=True, logy=True,
                         marker="o", labels=labels)
    axes[1].set_title("(b) EE-optimal transmit power")
    plotting.plot_curves(axes[2], ds.lambda_history.isel(M=-1), "iteration", hue="value_set",
                         scale_units=True, marker=".", labels=labels)
    axes[2].set_title(f"(c) Dinkelbach ratio, M = {int(ds.M[-1])}")
    return fig


_VALUE_SET_LABELS = {"vs1": "value set 1", "vs2": "value set 2"}


def headline(ds: xr.Dataset) -> list[Headline]:
    """Largest EE over the antenna counts of the run, its optimal power, Dinkelbach iterations."""
    rows = []
    for vs in ds.value_set.values:
        ee = ds.ee_opt.sel(value_set=vs)
        m_best = int(ee.idxmax("M"))
        rows.append(Headline(
            f"maximal EE, {_VALUE_SET_LABELS.get(str(vs), str(vs))} (best M = {m_best})",
            round(float(ee.max()) / 1e6, 3), "Mbit/J",
            note="Dinkelbach optimum; equals the fine-grid maximum to 1e-7 (tested)"))
    rows.append(Headline("Dinkelbach iterations (most over all runs)",
                         int(ds.iterations.max()), "1",
                         note="superlinear convergence: at most 10 (tested)"))
    return rows


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
