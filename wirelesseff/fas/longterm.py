r"""Long-term operation of a fluid antenna with switching costs (non-learned baselines).

Zhang et al. [Z25]_ optimise the long-term WET efficiency under long-run throughput and
switching-energy constraints with a constrained soft actor-critic, which is out of scope here
(docs/fas.md, "Future work"). This module provides the switching-aware baselines such a learned
policy must beat, a frame-by-frame simulator producing an :class:`xarray.Dataset` trace, and the
long-term metrics (docs/fas.md, "Long-term baselines"; *reconstruction*).

Policies
--------
:class:`FixedPortPolicy`
    Fixed-position antenna (FPA): the same ports every frame, beam optimised per frame.
:class:`RandomPortPolicy`
    Random ports every frame (benchmark), beam optimised for them.
:class:`MyopicPolicy`
    Per-frame alternating port/beam optimisation; ``switching_aware=True`` scores candidates
    including their switching cost, the agnostic version ignores it (but still pays it).
:class:`HysteresisPolicy`
    Moves to the agnostic best ports only if the gain, after paying the move, exceeds a
    relative margin :math:`\delta`.
:class:`DriftPlusPenaltyPolicy`
    Lyapunov drift-plus-penalty [N10]_ with virtual queues for the long-run throughput
    constraint and one energy constraint (:class:`EnergyConstraint`: switching-energy budget,
    minimum average harvested energy, or total energy budget).

References
----------
.. [Z25] L. Zhang, Y. Zhao, H. Yang, G. Liang, J. Hu, arXiv:2503.04147, 2025.
.. [N10] M. J. Neely, *Stochastic Network Optimization with Application to Communication and
   Queueing Systems*, Morgan & Claypool, 2010, doi:10.2200/S00271ED1V01Y201006CNT007.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import xarray as xr

from .._validation import (
    as_generator,
    check_choice,
    check_finite,
    check_integer,
    renamed_parameters,
)
from ._checks import check_no_overflow, flag, real_scalar
from .harvesting import resolve_eh
from .ports import (
    PortSearch,
    _check_link_inputs,
    _check_switching_cost,
    _PortProblem,
    _select,
    _validate_config,
    fixed_position_ports,
)
from .switching import NO_SWITCH
from .wet import (
    DEFAULT_FRAME_S,
    _efficiency,
    _Frame,
    _geometry,
    _Link,
    _oracle_best,
    _pareto,
)

__all__ = [
    "ENERGY_CONSTRAINTS",
    "EnergyConstraint",
    "MAX_FRAMES",
    "RandomPortPolicy",
    "FixedPortPolicy",
    "MyopicPolicy",
    "HysteresisPolicy",
    "DriftPlusPenaltyPolicy",
    "simulate_long_term",
    "long_term_metrics",
]


@dataclass(frozen=True)
class _Setup:
    """Fixed data of one long-term simulation (validated)."""

    link: _Link
    cost: object
    arch: str
    m: int
    n: int
    bandwidth: float
    search: PortSearch
    rng: np.random.Generator = field(compare=False, repr=False, default=None)

    # the names policies read
    @property
    def p_max(self):
        return self.link.p_max

    @property
    def sinr_min(self):
        return self.link.gamma

    @property
    def sigma2(self):
        return self.link.sigma2

    @property
    def eh(self):
        return self.link.eh

    @property
    def T(self):
        return self.link.T

    def xi_pc(self, n_active):
        return self.link.xi_pc(n_active)


class _Context:
    """Everything a policy may use in one frame."""

    def __init__(self, sim, g_d, g_e, prev):
        self.sim, self.g_d, self.g_e, self.prev = sim, g_d, g_e, prev

    @property
    def rng(self):
        """The simulation's random generator (randomised policies)."""
        return self.sim.rng

    def channels(self, ports):
        p = np.asarray(ports)
        if self.sim.arch == "separate":
            return self.g_d[np.arange(p.size), p], self.g_e[np.arange(p.size), p]
        return self.g_d[p], self.g_e[p]

    def event(self, ports):
        s = self.sim
        if self.prev is None or s.cost is None:
            return NO_SWITCH
        return s.cost.event(self.prev, ports, architecture=s.arch)

    def best(self, ports, event):
        """(efficiency, beam) maximising the frame's WET efficiency at these ports (oracle)."""
        h_d, h_e = self.channels(ports)
        params = self.sim.link.frame(len(ports), event.delay_s, event.energy_j)
        eff, w, _ = _oracle_best(h_d, h_e, params)
        return eff, w

    def best_beam(self, ports, event):
        """Beam maximising the frame's WET efficiency at these ports (None if infeasible)."""
        return self.best(ports, event)[1]

    def select(self, aware, initial=None):
        """Port selection of this frame (switching-aware or agnostic), no beam returned."""
        s = self.sim
        prev = None if self.prev is None else tuple(self.prev)
        pb = _PortProblem(self.g_d, self.g_e, s.arch, s.m, s.n, s.link, prev,
                          s.cost if aware else None)
        start = initial if initial is not None else prev
        return _select(pb, s.search, start=None if start is None else tuple(start),
                       optimize_beam=False)

    def fpa(self):
        s = self.sim
        return fixed_position_ports(s.n, s.m, s.arch)


#: Upper bound on ``DriftPlusPenaltyPolicy.n_theta``.
MAX_THETA = 10_000


def _check_name(name):
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, got {name!r}")


@dataclass
class FixedPortPolicy:
    """Fixed-position antenna: always the FPA ports (port 0 of each FA / ``kind`` for TB).

    Parameters
    ----------
    kind : {"first", "spread"}, optional
        Ports of :func:`~wirelesseff.fas.fixed_position_ports` (default ``"first"``).
    name : str, optional
        Label recorded in the trace (default ``"fpa"``).

    Examples
    --------
    >>> FixedPortPolicy().name
    'fpa'
    """

    kind: str = "first"
    name: str = "fpa"

    def __post_init__(self):
        check_choice("kind", self.kind, ("first", "spread"))
        _check_name(self.name)

    def reset(self):
        """Clear per-run state (none)."""

    def act(self, ctx):
        """Return ``(ports, beam)`` for this frame."""
        s = ctx.sim
        ports = fixed_position_ports(s.n, s.m, s.arch, self.kind)
        return ports, ctx.best_beam(ports, ctx.event(ports))

    def update(self, outcome):
        """Observe the frame's outcome (unused)."""


@dataclass
class RandomPortPolicy:
    r"""Random-port benchmark: uniformly random ports, optimal beam for them.

    Each frame, with probability ``switch_probability`` the policy draws new ports uniformly
    (TA: each antenna an independent port; TB: a uniformly random :math:`M`-subset), else it
    keeps the previous ones; the beam is the WET-optimal one for the chosen ports, paying the
    switching cost (the usual "random port selection" benchmark of port-selection studies).
    Draws come from the ``rng`` of :func:`simulate_long_term`.

    Parameters
    ----------
    switch_probability : float, optional
        Probability of drawing new ports in a frame, in (0, 1] (default 1: every frame).
    name : str, optional
        Label recorded in the trace (default ``"random"``).

    Examples
    --------
    >>> RandomPortPolicy().name
    'random'
    """

    switch_probability: float = 1.0
    name: str = "random"

    def __post_init__(self):
        self.switch_probability = real_scalar("switch_probability", self.switch_probability,
                                              0.0, 1.0, low_open=True)
        _check_name(self.name)

    def reset(self):
        """Clear per-run state (none)."""

    def act(self, ctx):
        """Return ``(ports, beam)`` for this frame."""
        s, rng = ctx.sim, ctx.rng
        if ctx.prev is not None and rng.random() >= self.switch_probability:
            ports = tuple(ctx.prev)
        elif s.arch == "separate":
            ports = tuple(int(k) for k in rng.integers(0, s.n, size=s.m))
        else:
            ports = tuple(sorted(int(k) for k in rng.choice(s.n, size=s.m, replace=False)))
        return ports, ctx.best_beam(ports, ctx.event(ports))

    def update(self, outcome):
        """Observe the frame's outcome (unused)."""


@dataclass
class MyopicPolicy:
    """Per-frame port/beam optimisation, switching-aware or agnostic.

    Parameters
    ----------
    switching_aware : bool, optional
        Score candidates including their switching cost (True) or ignore it (False, default;
        the cost is still paid).
    name : str, optional
        Label recorded in the trace (default ``"myopic_aware"`` / ``"myopic_agnostic"``).

    Examples
    --------
    >>> MyopicPolicy(switching_aware=True).name
    'myopic_aware'
    """

    switching_aware: bool = False
    name: str = ""

    def __post_init__(self):
        self.switching_aware = flag("switching_aware", self.switching_aware)
        _check_name(self.name)
        if not self.name:
            self.name = "myopic_aware" if self.switching_aware else "myopic_agnostic"

    def reset(self):
        """Clear per-run state (none)."""

    def act(self, ctx):
        """Return ``(ports, beam)`` for this frame."""
        sel = ctx.select(self.switching_aware)
        return sel.ports, ctx.best_beam(sel.ports, ctx.event(sel.ports))

    def update(self, outcome):
        """Observe the frame's outcome (unused)."""


@dataclass
class HysteresisPolicy:
    r"""Switch to the agnostic best ports only for a relative gain of at least :math:`\delta`.

    The candidate :math:`k'` is the switching-agnostic per-frame optimum; the policy moves iff
    :math:`\eta_\mathrm{WET}(k' \mid \text{move cost}) \ge
    (1+\delta)\,\eta_\mathrm{WET}(k_\mathrm{prev} \mid \text{no move})`.

    Parameters
    ----------
    margin : float, optional
        :math:`\delta`, finite, :math:`\ge 0` (default 0.05, a project choice swept in the
        study ``fas-switching-cost``).
    name : str, optional
        Label recorded in the trace (default ``"hysteresis_<margin>"``).

    Examples
    --------
    >>> HysteresisPolicy(0.1).name
    'hysteresis_0.1'
    """

    margin: float = 0.05
    name: str = ""

    def __post_init__(self):
        self.margin = real_scalar("margin", self.margin, 0.0, None)
        _check_name(self.name)
        if not self.name:
            self.name = f"hysteresis_{self.margin:g}"

    def reset(self):
        """Clear per-run state (none)."""

    def act(self, ctx):
        """Return ``(ports, beam)`` for this frame."""
        sel = ctx.select(False)
        cand = sel.ports
        if ctx.prev is None or tuple(cand) == tuple(ctx.prev):
            return cand, ctx.best_beam(cand, ctx.event(cand))
        eta_move, w_move = ctx.best(cand, ctx.event(cand))
        eta_stay, w_stay = ctx.best(tuple(ctx.prev), NO_SWITCH)
        if w_move is not None and eta_move >= (1.0 + self.margin) * eta_stay:
            return cand, w_move
        return tuple(ctx.prev), w_stay

    def update(self, outcome):
        """Observe the frame's outcome (unused)."""


#: Kinds of :class:`EnergyConstraint`: per-frame quantity (trace variable) and direction.
ENERGY_CONSTRAINTS = {
    "switching_budget": ("switch_energy_j", "<="),
    "min_harvested": ("energy_harvested_j", ">="),
    "total_budget": ("energy_consumed_j", "<="),
}


@dataclass(frozen=True)
class EnergyConstraint:
    r"""A long-run energy constraint, as an average per frame.

    Parameters
    ----------
    kind : {"switching_budget", "min_harvested", "total_budget"}
        ``"switching_budget"``: mean switching energy :math:`\frac1{T_h}\sum_t E_\mathrm{sw}^t
        \le \bar E`; ``"min_harvested"``: mean harvested energy
        :math:`\frac1{T_h}\sum_t E_\mathrm{harv}^t \ge \bar E`; ``"total_budget"``: mean
        consumed energy (transmission, circuits and switching)
        :math:`\frac1{T_h}\sum_t E_\mathrm{cons}^t \le \bar E` (docs/fas.md, "Long-term
        baselines").
    value_j : float
        :math:`\bar E` [J/frame], finite and positive.

    Examples
    --------
    >>> c = EnergyConstraint("min_harvested", 0.01)
    >>> c.violation(0.008) > 0, c.violation(0.012)
    (True, 0.0)
    """

    kind: str
    value_j: float

    def __post_init__(self):
        check_choice("kind", self.kind, tuple(ENERGY_CONSTRAINTS))
        object.__setattr__(self, "value_j", real_scalar("value_j", self.value_j, 0.0, None,
                                                        low_open=True))

    @property
    def variable(self) -> str:
        """Trace variable of the per-frame quantity (``switch_energy_j``, ...)."""
        return ENERGY_CONSTRAINTS[self.kind][0]

    @property
    def is_minimum(self) -> bool:
        """True for a lower bound (``min_harvested``), False for a budget."""
        return ENERGY_CONSTRAINTS[self.kind][1] == ">="

    def violation(self, mean_j):
        """Shortfall or excess of a per-frame average ``mean_j`` [J] (0 when met)."""
        gap = self.value_j - mean_j if self.is_minimum else mean_j - self.value_j
        return max(0.0, float(gap))


@dataclass
class DriftPlusPenaltyPolicy:
    r"""Lyapunov drift-plus-penalty policy for the long-run constraints [N10]_.

    Normalised virtual queues :math:`Q_R \leftarrow \max(Q_R + 1 - \tilde r_t, 0)` with
    :math:`\tilde r_t = (1-\tau_t/T)R_{D,t}/\bar R_\min` for the throughput target, and for the
    energy constraint :math:`Q_E \leftarrow \max(Q_E + \tilde E_t - 1, 0)` (a budget) or
    :math:`Q_E \leftarrow \max(Q_E + 1 - \tilde E_t, 0)` (a minimum) with
    :math:`\tilde E_t = E_t/\bar E` and :math:`E_t` the frame's switching, harvested or
    consumed energy (:class:`EnergyConstraint`). Each frame maximises
    :math:`V\eta_\mathrm{WET} + Q_R\tilde r \mp Q_E\tilde E` over the ports
    {previous, switching-agnostic optimum, FPA} × the Pareto beams :math:`w(\theta)`
    (:func:`~wirelesseff.fas.wet.pareto_beamformer`, ``n_theta`` angles on
    :math:`[0, \theta_0]`) at full power, plus a 9-point power grid for a non-linear EH or a
    total-energy budget. The objective gap is :math:`O(1/V)` and the queue backlog
    :math:`O(V)` (Neely 2010, Ch. 4).

    Parameters
    ----------
    v : float, optional
        Penalty weight :math:`V > 0`, finite (default 10, a project choice swept in the study
        ``fas-switching-cost``).
    r_min_bps : float, optional
        Long-run throughput target :math:`\bar R_\min` [bit/s] (None: no constraint).
    e_sw_budget_j : float, optional
        Shorthand for ``energy_constraint=EnergyConstraint("switching_budget", e_sw_budget_j)``
        [J/frame] (None: none).
    n_theta : int, optional
        Beam angles per configuration, 2 … 10 000 (default 33).
    energy_constraint : EnergyConstraint, optional
        The long-run energy constraint (switching-energy budget, minimum average harvested
        energy, or total energy budget); not together with ``e_sw_budget_j``.
    name : str, optional
        Label recorded in the trace (default ``"drift_plus_penalty"``).

    References
    ----------
    .. [N10] M. J. Neely, *Stochastic Network Optimization with Application to Communication
       and Queueing Systems*, Morgan & Claypool, 2010, doi:10.2200/S00271ED1V01Y201006CNT007.

    Examples
    --------
    >>> DriftPlusPenaltyPolicy(v=10.0, r_min_bps=2.0).name
    'drift_plus_penalty'
    >>> p = DriftPlusPenaltyPolicy(energy_constraint=EnergyConstraint("total_budget", 0.02))
    >>> p.energy_constraint.kind
    'total_budget'
    """

    v: float = 10.0
    r_min_bps: float | None = None
    e_sw_budget_j: float | None = None
    n_theta: int = 33
    energy_constraint: EnergyConstraint | None = None
    name: str = "drift_plus_penalty"

    def __post_init__(self):
        self.v = real_scalar("v", self.v, 0.0, None, low_open=True)
        if self.r_min_bps is not None:
            self.r_min_bps = real_scalar("r_min_bps", self.r_min_bps, 0.0, None, low_open=True)
        if self.e_sw_budget_j is not None:
            if self.energy_constraint is not None:
                raise ValueError("e_sw_budget_j is a shorthand for energy_constraint: give one "
                                 "of them, not both")
            with renamed_parameters(value_j="e_sw_budget_j"):
                self.energy_constraint = EnergyConstraint("switching_budget",
                                                          self.e_sw_budget_j)
            self.e_sw_budget_j = self.energy_constraint.value_j
        if self.energy_constraint is not None and not isinstance(self.energy_constraint,
                                                                 EnergyConstraint):
            raise TypeError(f"energy_constraint must be an EnergyConstraint, got "
                            f"{type(self.energy_constraint).__name__}")
        self.n_theta = check_integer("n_theta", self.n_theta, low=2, high=MAX_THETA)
        _check_name(self.name)
        self.reset()

    def reset(self):
        """Empty the virtual queues."""
        self.q_r = 0.0
        self.q_e = 0.0

    def _energy_term(self, ev, e_harv, e_cons):
        """Normalised per-frame energy of the constraint, signed (+ budget, - minimum)."""
        c = self.energy_constraint
        if c is None:
            return 0.0
        if c.kind == "switching_budget":
            return ev.energy_j / c.value_j
        if c.kind == "total_budget":
            return e_cons / c.value_j
        return -(e_harv / c.value_j)

    def _candidates(self, ctx, ports, ev):
        """Objective of the Pareto beams (and powers) of one configuration, vectorised."""
        s = ctx.sim
        h_d, h_e = ctx.channels(ports)
        xi, pc = s.xi_pc(len(ports))
        nd, _, alpha, _, beta = _geometry(h_d, h_e)
        a, b, nd2 = float(abs(alpha)), float(beta), float(nd) ** 2
        theta0 = math.atan2(b, a)
        power_grid = not getattr(s.eh, "is_linear", False) or (
            self.energy_constraint is not None and self.energy_constraint.kind == "total_budget")
        if not power_grid:
            qs = np.array([s.p_max])
        else:
            q_lo = max(s.sinr_min * s.sigma2 / nd2 if nd2 > 0 else s.p_max, 1e-3 * s.p_max)
            qs = np.unique(np.append(np.geomspace(min(q_lo, s.p_max), s.p_max, 9), s.p_max))
        th = np.linspace(0.0, theta0, self.n_theta)
        q, th = np.meshgrid(qs, th, indexing="ij")
        p_in = q * (a * np.cos(th) + b * np.sin(th)) ** 2
        snr = q * nd2 * np.cos(th) ** 2 / s.sigma2
        ok = snr >= s.sinr_min * (1 - 1e-12)
        p_tot = q / xi + pc
        p_h = np.asarray(s.eh.harvest(p_in), dtype=float)
        tau = min(ev.delay_s, s.T)
        eta = _efficiency(p_h, p_tot, np.float64(s.T), np.float64(tau), np.float64(ev.energy_j))
        t_frac = max(1.0 - ev.delay_s / s.T, 0.0)
        rate = s.bandwidth * np.log2(1.0 + snr)
        r_t = t_frac * rate / self.r_min_bps if self.r_min_bps else np.zeros_like(rate)
        e_t = self._energy_term(ev, (s.T - tau) * p_h, (s.T - tau) * p_tot + ev.energy_j)
        obj = self.v * eta + self.q_r * r_t - self.q_e * e_t
        obj = np.where(ok, obj, -np.inf)
        i = np.unravel_index(int(np.argmax(obj)), obj.shape)
        return float(obj[i]), float(q[i]), float(th[i])

    def act(self, ctx):
        """Return ``(ports, beam)`` for this frame."""
        cands = [ctx.fpa()]
        if ctx.prev is not None:
            cands.append(tuple(ctx.prev))
        cands.append(ctx.select(False).ports)
        best = None
        for ports in dict.fromkeys(tuple(c) for c in cands):
            ev = ctx.event(ports)
            if ev.delay_s >= ctx.sim.T:
                continue
            val, q, th = self._candidates(ctx, ports, ev)
            if best is None or val > best[0]:
                best = (val, ports, q, th)
        if best is None or not math.isfinite(best[0]):
            ports = tuple(ctx.prev) if ctx.prev is not None else ctx.fpa()
            return ports, None
        _, ports, q, th = best
        h_d, h_e = ctx.channels(ports)
        return ports, _pareto(h_d, h_e, q, th)

    def update(self, outcome):
        """Update the virtual queues with the frame's rate and energy."""
        s_t = outcome["time_fraction"]
        if self.r_min_bps:
            r_t = s_t * outcome["rate_bps"] / self.r_min_bps
            self.q_r = max(self.q_r + 1.0 - r_t, 0.0)
        c = self.energy_constraint
        if c is not None:
            x = outcome[c.variable] / c.value_j
            self.q_e = max(self.q_e + 1.0 - x, 0.0) if c.is_minimum else max(
                self.q_e + x - 1.0, 0.0)


#: Upper bound on the frames of :func:`simulate_long_term` (checked before the loop).
MAX_FRAMES = 10_000_000

_TRACE_UNITS = {
    "efficiency": "J/J", "p_in": "W", "p_harvested": "W", "p_tx": "W", "p_total": "W",
    "sinr": "1", "rate_bps": "bit/s", "delay_s": "s", "switch_energy_j": "J",
    "energy_harvested_j": "J", "energy_consumed_j": "J", "switched": "1", "transmitted": "1",
    "q_r": "1", "q_e": "1",
}
_TRACE_NAMES = {
    "efficiency": "WET efficiency", "p_in": "ER input power", "p_harvested": "harvested DC power",
    "p_tx": "transmit power", "p_total": "consumed power", "sinr": "DR SINR",
    "rate_bps": "DR rate", "delay_s": "switching delay", "switch_energy_j": "switching energy",
    "energy_harvested_j": "harvested energy", "energy_consumed_j": "consumed energy",
    "switched": "ports switched", "transmitted": "frame transmitted",
    "q_r": "throughput virtual queue", "q_e": "energy virtual queue",
}


def _check_sequences(g_d_seq, g_e_seq, architecture, n_select):
    """Validated channel sequences and ``(n_frames, M, N)``."""
    g_d_seq = np.asarray(g_d_seq, dtype=complex)
    g_e_seq = np.asarray(g_e_seq, dtype=complex)
    if g_d_seq.shape != g_e_seq.shape:
        raise ValueError(f"g_d_seq and g_e_seq must have the same shape, got {g_d_seq.shape} "
                         f"and {g_e_seq.shape}")
    want = 3 if architecture == "separate" else 2
    if g_d_seq.ndim != want or 0 in g_d_seq.shape:
        raise ValueError(f"g_d_seq must have {want} non-empty dims (frames first) for "
                         f"architecture={architecture!r}, got shape {g_d_seq.shape}")
    n_frames = g_d_seq.shape[0]
    if n_frames > MAX_FRAMES:
        raise ValueError(f"g_d_seq must have at most {MAX_FRAMES} frames, got {n_frames}")
    n = g_d_seq.shape[-1]
    if architecture == "separate":
        m = g_d_seq.shape[1]
    else:
        if n_select is None:
            raise ValueError("n_select is required for architecture='subset'")
        m = check_integer("n_select", n_select, low=1, high=n)
    check_finite(g_d_seq=g_d_seq, g_e_seq=g_e_seq)
    return g_d_seq, g_e_seq, n_frames, m, n


def _play_frame(sim, ctx, policy, ports, w):
    """Evaluate one frame's decision: the row of the trace (and the outcome for ``update``)."""
    ev = ctx.event(ports)
    h_d, h_e = ctx.channels(ports)
    T = sim.T
    tau = min(ev.delay_s, T)
    t_frac = (T - tau) / T
    transmitted = w is not None and tau < T
    if transmitted:
        fr = _Frame(h_d, h_e, sim.link.frame(sim.m, tau, ev.energy_j))
        out = fr.evaluate(w)
        if out["sinr"] < sim.sinr_min * (1 - 1e-9):
            transmitted = False
    if not transmitted:
        out = {"p_in": 0.0, "p_harvested": 0.0, "p_tx": 0.0, "sinr": 0.0,
               "p_total": sim.xi_pc(sim.m)[1], "efficiency": 0.0}
    rate = sim.bandwidth * math.log2(1.0 + out["sinr"])
    e_h = (T - tau) * out["p_harvested"]
    e_c = (T - tau) * out["p_total"] + ev.energy_j
    row = dict(out, rate_bps=rate, delay_s=ev.delay_s, switch_energy_j=ev.energy_j,
               energy_harvested_j=e_h, energy_consumed_j=e_c,
               switched=float(tuple(ports) != tuple(ctx.prev)), transmitted=float(transmitted),
               time_fraction=t_frac)
    row["efficiency"] = e_h / e_c if e_c > 0 else 0.0
    return row


def simulate_long_term(
    policy,
    g_d_seq,
    g_e_seq,
    p_max,
    noise_power,
    power_model=None,
    eh_model=None,
    *,
    sinr_min=None,
    switching_cost=None,
    frame_s=DEFAULT_FRAME_S,
    architecture="separate",
    n_select=None,
    bandwidth_hz=1.0,
    search="alternating",
    initial_ports=None,
    rng=None,
):
    r"""Run a port/beam policy over a sequence of frames and record a per-frame trace.

    Parameters
    ----------
    policy : policy object
        :class:`FixedPortPolicy`, :class:`MyopicPolicy`, :class:`HysteresisPolicy`,
        :class:`DriftPlusPenaltyPolicy` or any object with ``reset()``,
        ``act(ctx) -> (ports, beam)`` and ``update(outcome)``.
    g_d_seq, g_e_seq : array_like
        Channel sequences, shape (T_h, M, N) for ``"separate"`` (TA) or (T_h, N) for
        ``"subset"`` (TB), e.g. from
        :func:`~wirelesseff.fas.channels.sample_port_channel_sequence`; finite, at most
        :data:`MAX_FRAMES` frames.
    p_max, noise_power, power_model, eh_model
        As in :func:`~wirelesseff.fas.wet.optimize_wet_efficiency`.
    sinr_min : float, optional
        Per-frame DR SINR constraint (linear; None = 0, no constraint).
    switching_cost : SwitchingCost, optional
        Cost model with the port positions (``SwitchingCost(..., positions_m=...)``, required
        by the distance mode); default free switching.
    frame_s : float, optional
        Frame length :math:`T` [s] (default 10 ms).
    architecture : {"separate", "subset"}, optional
        TA or TB.
    n_select : int, optional
        Active ports for TB.
    bandwidth_hz : float, optional
        Bandwidth :math:`B` [Hz] of the DR rate (default 1 Hz: rates in bit/s/Hz).
    search : {"alternating", "greedy", "exhaustive"} or PortSearch, optional
        Port search of the myopic steps (default alternating with the closed-form oracle
        scorer, docs/fas.md, "Port selection").
    initial_ports : sequence of int, optional
        Ports before the first frame (default: the FPA; the first frame may switch from them).
    rng : Generator, int or None, optional
        Random source of randomised policies (:class:`RandomPortPolicy`); the other policies
        are deterministic.

    Returns
    -------
    xarray.Dataset
        Dims ``frame`` (and ``slot`` for ``ports``); variables ``efficiency`` [J/J],
        ``p_in``, ``p_harvested``, ``p_tx``, ``p_total`` [W], ``sinr`` [-], ``rate_bps``
        [bit/s], ``delay_s`` [s], ``switch_energy_j``, ``energy_harvested_j``,
        ``energy_consumed_j`` [J], ``switched`` [-], ``transmitted`` [-], ``ports`` [-] and, for
        a policy with virtual queues (drift-plus-penalty), the queues ``q_r``, ``q_e`` [-].
        Frames in which the chosen ports cannot meet ``sinr_min`` transmit nothing
        (efficiency 0, circuit power still consumed).

    Notes
    -----
    Per frame :math:`t`: :math:`E_\mathrm{harv}^t = (T-\tau^t)\Phi(P_\mathrm{in}^t)`,
    :math:`E_\mathrm{cons}^t = (T-\tau^t)P_\mathrm{tot}^t + E_\mathrm{sw}^t` and
    :math:`\eta^t = E_\mathrm{harv}^t/E_\mathrm{cons}^t` (docs/fas.md, "System model",
    *reconstruction*).

    Examples
    --------
    >>> from wirelesseff.fas import sample_port_channel_sequence, port_positions
    >>> g = sample_port_channel_sequence(4, 1.0, 20, 0.95, size=(2, 2), rng=0)
    >>> tr = simulate_long_term(MyopicPolicy(), g[:, 0], g[:, 1], 1.0, 1e-3)
    >>> tr.sizes["frame"], bool((tr.efficiency > 0).all())
    (20, True)
    """
    check_choice("architecture", architecture, ("separate", "subset"))
    search = PortSearch.of(search, "search")
    for name in ("reset", "act", "update"):
        if not callable(getattr(policy, name, None)):
            raise TypeError(f"policy must have reset(), act(ctx) and update(outcome) methods, "
                            f"got {type(policy).__name__}")
    g_d_seq, g_e_seq, n_frames, m, n = _check_sequences(g_d_seq, g_e_seq, architecture,
                                                         n_select)
    gamma = 0.0 if sinr_min is None else sinr_min
    _check_link_inputs(p_max, gamma, noise_power, frame_s)
    real_scalar("bandwidth_hz", bandwidth_hz, 0.0, None, low_open=True)
    switching_cost = _check_switching_cost(switching_cost, n)
    gamma = float(gamma)
    eh = resolve_eh(eh_model)
    link = _Link(float(p_max), gamma, float(noise_power), power_model, eh, float(frame_s))
    sim = _Setup(link, switching_cost, architecture, m, n, float(bandwidth_hz), search,
                 as_generator(rng))
    prev = (fixed_position_ports(n, m, architecture) if initial_ports is None else
            _validate_config(initial_ports, architecture, m, n, "initial_ports"))
    policy.reset()
    queues = hasattr(policy, "q_r") or hasattr(policy, "q_e")
    keys = [k for k in _TRACE_UNITS if queues or k not in ("q_r", "q_e")]
    rec = {k: np.zeros(n_frames) for k in keys}
    ports_rec = np.zeros((n_frames, m), dtype=int)
    for t in range(n_frames):
        ctx = _Context(sim, g_d_seq[t], g_e_seq[t], prev)
        ports, w = policy.act(ctx)
        ports = _validate_config(ports, architecture, m, n, "ports")
        row = _play_frame(sim, ctx, policy, ports, w)
        policy.update(row)
        if queues:
            row["q_r"] = getattr(policy, "q_r", 0.0)
            row["q_e"] = getattr(policy, "q_e", 0.0)
        for k in keys:
            rec[k][t] = row[k]
        ports_rec[t] = ports
        prev = ports
    check_no_overflow(rec.values(), "p_max, noise_power, frame_s and bandwidth_hz")
    data = {k: ("frame", rec[k], {"units": _TRACE_UNITS[k], "long_name": _TRACE_NAMES[k]})
            for k in keys}
    data["ports"] = (("frame", "slot"), ports_rec, {"units": "1", "long_name": "active ports"})
    return xr.Dataset(
        data,
        coords={"frame": np.arange(n_frames), "slot": np.arange(m)},
        attrs={"policy": getattr(policy, "name", type(policy).__name__),
               "architecture": architecture, "frame_s": link.T, "bandwidth_hz": sim.bandwidth,
               "p_max": link.p_max, "noise_power": link.sigma2, "sinr_min": gamma,
               "reconstruction": 1},
    )


def long_term_metrics(trace, r_min_bps=None, e_sw_budget_j=None, *, energy_constraint=None):
    r"""Long-term metrics of a :func:`simulate_long_term` trace.

    Parameters
    ----------
    trace : xarray.Dataset
        Per-frame trace.
    r_min_bps : float, optional
        Throughput target :math:`\bar R_\min` [bit/s] (finite, ≥ 0).
    e_sw_budget_j : float, optional
        Switching-energy budget :math:`\bar E_\mathrm{sw}` [J/frame]; shorthand for
        ``energy_constraint=EnergyConstraint("switching_budget", e_sw_budget_j)`` (0 allowed
        here: any switching violates it).
    energy_constraint : EnergyConstraint, optional
        Long-run energy constraint whose violation is reported (not with ``e_sw_budget_j``).

    Returns
    -------
    dict
        ``eff_time_avg`` :math:`\frac1{T_h}\sum_t\eta^t`; ``eff_ratio_of_sums``
        :math:`\sum_t E_\mathrm{harv}^t/\sum_t E_\mathrm{cons}^t` [J/J] and their running
        averages (``*_running``, arrays over frames); ``throughput_bps``
        :math:`\frac{1}{T_h T}\sum_t (T-\tau^t)R_D^t`; ``switch_rate`` (fraction of frames
        that switched); ``mean_switch_energy_j``, ``mean_harvested_energy_j`` and
        ``mean_consumed_energy_j`` [J/frame]; ``delay_fraction`` (mean :math:`\tau/T`);
        ``throughput_violation`` :math:`\max(0, \bar R_\min - \bar R)` [bit/s] and
        ``energy_violation`` (shortfall or excess of the energy constraint [J/frame]); a
        violation is 0 when no target is given (no constraint, nothing violated).

    Examples
    --------
    >>> import xarray as xr
    >>> tr = xr.Dataset({k: ("frame", np.ones(4)) for k in (
    ...     "efficiency", "energy_harvested_j", "energy_consumed_j", "rate_bps")})
    >>> tr = tr.assign(delay_s=("frame", np.zeros(4)), switch_energy_j=("frame", np.zeros(4)),
    ...                switched=("frame", [0.0, 1.0, 0.0, 0.0]))
    >>> tr.attrs["frame_s"] = 0.01
    >>> m = long_term_metrics(tr, r_min_bps=2.0)
    >>> m["switch_rate"], m["throughput_bps"], m["throughput_violation"]
    (0.25, 1.0, 1.0)
    >>> long_term_metrics(tr, energy_constraint=EnergyConstraint("min_harvested", 1.5))[
    ...     "energy_violation"]
    0.5
    """
    needed = ("efficiency", "energy_harvested_j", "energy_consumed_j", "delay_s", "rate_bps",
              "switch_energy_j", "switched")
    missing = [k for k in needed if k not in getattr(trace, "data_vars", {})]
    if missing:
        raise ValueError(f"trace must be a simulate_long_term dataset with variables {needed}, "
                         f"missing {missing}")
    if r_min_bps is not None:
        r_min_bps = real_scalar("r_min_bps", r_min_bps, 0.0, None)
    if e_sw_budget_j is not None:
        if energy_constraint is not None:
            raise ValueError("e_sw_budget_j is a shorthand for energy_constraint: give one of "
                             "them, not both")
        e_sw_budget_j = real_scalar("e_sw_budget_j", e_sw_budget_j, 0.0, None)
    if energy_constraint is not None and not isinstance(energy_constraint, EnergyConstraint):
        raise TypeError(f"energy_constraint must be an EnergyConstraint, got "
                        f"{type(energy_constraint).__name__}")
    T = real_scalar("trace.attrs['frame_s']", trace.attrs.get("frame_s", DEFAULT_FRAME_S), 0.0,
                    None, low_open=True)
    eff = np.asarray(trace["efficiency"], dtype=float)
    e_h = np.asarray(trace["energy_harvested_j"], dtype=float)
    e_c = np.asarray(trace["energy_consumed_j"], dtype=float)
    tau = np.asarray(trace["delay_s"], dtype=float)
    rate = np.asarray(trace["rate_bps"], dtype=float)
    e_sw = np.asarray(trace["switch_energy_j"], dtype=float)
    if eff.size == 0:
        raise ValueError("trace must hold at least one frame")
    n = np.arange(1, eff.size + 1)
    throughput = float(np.mean(np.clip(T - tau, 0.0, None) * rate) / T)
    mean_esw = float(np.mean(e_sw))
    means = {"switch_energy_j": mean_esw, "energy_harvested_j": float(np.mean(e_h)),
             "energy_consumed_j": float(np.mean(e_c))}
    if e_sw_budget_j is not None:
        energy_violation = max(0.0, mean_esw - e_sw_budget_j)
    elif energy_constraint is not None:
        energy_violation = energy_constraint.violation(means[energy_constraint.variable])
    else:
        energy_violation = 0.0
    return {
        "eff_time_avg": float(np.mean(eff)),
        "eff_ratio_of_sums": float(e_h.sum() / e_c.sum()),
        "eff_time_avg_running": np.cumsum(eff) / n,
        "eff_ratio_of_sums_running": np.cumsum(e_h) / np.cumsum(e_c),
        "throughput_bps": throughput,
        "switch_rate": float(np.mean(np.asarray(trace["switched"], dtype=float))),
        "mean_switch_energy_j": mean_esw,
        "mean_harvested_energy_j": means["energy_harvested_j"],
        "mean_consumed_energy_j": means["energy_consumed_j"],
        "delay_fraction": float(np.mean(np.clip(tau / T, 0.0, 1.0))),
        "throughput_violation": (0.0 if r_min_bps is None
                                 else max(0.0, float(r_min_bps) - throughput)),
        "energy_violation": energy_violation,
    }
