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
:class:`MyopicPolicy`
    Per-frame alternating port/beam optimisation; ``switching_aware=True`` scores candidates
    including their switching cost, the agnostic version ignores it (but still pays it).
:class:`HysteresisPolicy`
    Moves to the agnostic best ports only if the gain, after paying the move, exceeds a
    relative margin :math:`\delta`.
:class:`DriftPlusPenaltyPolicy`
    Lyapunov drift-plus-penalty [N10]_ with virtual queues for the long-run throughput and
    switching-energy constraints.

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
    check_in_range,
    check_integer,
    check_positive,
)
from .harvesting import resolve_eh
from .ports import (
    PortSearch,
    _check_link_inputs,
    _check_switching_cost,
    _validate_config,
    fixed_position_ports,
    select_ports,
)
from .switching import NO_SWITCH
from .wet import (
    DEFAULT_FRAME_S,
    _Frame,
    _geometry,
    _Link,
    _oracle_best,
    wet_efficiency,
)

__all__ = [
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
        s = self.sim
        link = s.link
        return select_ports(
            self.g_d, self.g_e, link.p_max, link.gamma, link.sigma2, link.power_model, link.eh,
            method=s.search, architecture=s.arch, n_select=s.m if s.arch == "subset" else None,
            previous_ports=self.prev, switching_cost=s.cost if aware else None, frame_s=link.T,
            initial_ports=initial if initial is not None else self.prev, optimize_beam=False,
        )

    def fpa(self):
        s = self.sim
        return fixed_position_ports(s.n, s.m, s.arch)


@dataclass
class FixedPortPolicy:
    """Fixed-position antenna: always the FPA ports (port 0 of each FA / ``kind`` for TB).

    Examples
    --------
    >>> FixedPortPolicy().name
    'fpa'
    """

    kind: str = "first"
    name: str = "fpa"

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
class MyopicPolicy:
    """Per-frame port/beam optimisation, switching-aware or agnostic.

    Parameters
    ----------
    switching_aware : bool, optional
        Score candidates including their switching cost (True) or ignore it (False, default;
        the cost is still paid).

    Examples
    --------
    >>> MyopicPolicy(switching_aware=True).name
    'myopic_aware'
    """

    switching_aware: bool = False
    name: str = ""

    def __post_init__(self):
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
        :math:`\delta \ge 0` (default 0.05, project choice swept in study S6).

    Examples
    --------
    >>> HysteresisPolicy(0.1).name
    'hysteresis_0.1'
    """

    margin: float = 0.05
    name: str = ""

    def __post_init__(self):
        check_in_range("margin", self.margin, 0.0, None)
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


@dataclass
class DriftPlusPenaltyPolicy:
    r"""Lyapunov drift-plus-penalty policy for the long-run constraints [N10]_.

    Normalised virtual queues :math:`Q_R \leftarrow \max(Q_R + 1 - \tilde r_t, 0)` with
    :math:`\tilde r_t = (1-\tau_t/T)R_{D,t}/\bar R_\min` and
    :math:`Q_E \leftarrow \max(Q_E + \tilde E_t - 1, 0)` with
    :math:`\tilde E_t = E_{\mathrm{sw},t}/\bar E_\mathrm{sw}`. Each frame maximises
    :math:`V\eta_\mathrm{WET} + Q_R\tilde r - Q_E\tilde E` over the ports
    {previous, switching-agnostic optimum, FPA} × the Pareto beams :math:`w(\theta)`
    (:func:`~wirelesseff.fas.wet.pareto_beamformer`, ``n_theta`` angles on
    :math:`[0, \theta_0]`) at full power (plus a 9-point power grid for a non-linear EH).
    The objective gap is :math:`O(1/V)` and the queue backlog :math:`O(V)`.

    Parameters
    ----------
    v : float, optional
        Penalty weight :math:`V > 0` (default 10, project choice swept in study S6).
    r_min_bps : float, optional
        Long-run throughput target :math:`\bar R_\min` [bit/s] (None: no constraint).
    e_sw_budget_j : float, optional
        Long-run switching-energy budget :math:`\bar E_\mathrm{sw}` [J/frame] (None: none).
    n_theta : int, optional
        Beam angles per configuration (default 33).

    Examples
    --------
    >>> DriftPlusPenaltyPolicy(v=10.0, r_min_bps=2.0).name
    'drift_plus_penalty'
    """

    v: float = 10.0
    r_min_bps: float | None = None
    e_sw_budget_j: float | None = None
    n_theta: int = 33
    name: str = "drift_plus_penalty"

    def __post_init__(self):
        check_positive(v=self.v)
        if self.r_min_bps is not None:
            check_positive(r_min_bps=self.r_min_bps)
        if self.e_sw_budget_j is not None:
            check_positive(e_sw_budget_j=self.e_sw_budget_j)
        check_integer("n_theta", self.n_theta, low=2)
        self.reset()

    def reset(self):
        """Empty the virtual queues."""
        self.q_r = 0.0
        self.q_e = 0.0

    def _candidates(self, ctx, ports, ev):
        """Objective of the Pareto beams (and powers) of one configuration, vectorised."""
        s = ctx.sim
        h_d, h_e = ctx.channels(ports)
        xi, pc = s.xi_pc(len(ports))
        nd, _, alpha, _, beta = _geometry(h_d, h_e)
        a, b, nd2 = float(abs(alpha)), float(beta), float(nd) ** 2
        theta0 = math.atan2(b, a)
        if getattr(s.eh, "is_linear", False):
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
        eta = wet_efficiency(s.eh.harvest(p_in), p_tot, s.T, min(ev.delay_s, s.T),
                             ev.energy_j)
        t_frac = max(1.0 - ev.delay_s / s.T, 0.0)
        rate = s.bandwidth * np.log2(1.0 + snr)
        r_t = t_frac * rate / self.r_min_bps if self.r_min_bps else np.zeros_like(rate)
        e_t = ev.energy_j / self.e_sw_budget_j if self.e_sw_budget_j else 0.0
        obj = self.v * eta + self.q_r * r_t - self.q_e * e_t
        obj = np.where(ok, obj, -np.inf)
        i = np.unravel_index(int(np.argmax(obj)), obj.shape)
        return float(obj[i]), float(q[i]), float(th[i])

    def act(self, ctx):
        """Return ``(ports, beam)`` for this frame."""
        from .wet import pareto_beamformer

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
        return ports, pareto_beamformer(h_d, h_e, q, th)

    def update(self, outcome):
        """Update the virtual queues with the frame's rate and switching energy."""
        s_t = outcome["time_fraction"]
        if self.r_min_bps:
            r_t = s_t * outcome["rate_bps"] / self.r_min_bps
            self.q_r = max(self.q_r + 1.0 - r_t, 0.0)
        if self.e_sw_budget_j:
            self.q_e = max(self.q_e + outcome["switch_energy_j"] / self.e_sw_budget_j - 1.0, 0.0)


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
        the drift-plus-penalty policy, the queues ``q_r``, ``q_e``. Frames in which the chosen
        ports cannot meet ``sinr_min`` transmit nothing (efficiency 0, circuit power still
        consumed).

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
    search = PortSearch.of(search)
    for name in ("reset", "act", "update"):
        if not callable(getattr(policy, name, None)):
            raise TypeError(f"policy must have reset(), act(ctx) and update(outcome) methods, "
                            f"got {type(policy).__name__}")
    g_d_seq, g_e_seq, n_frames, m, n = _check_sequences(g_d_seq, g_e_seq, architecture,
                                                         n_select)
    gamma = 0.0 if sinr_min is None else sinr_min
    _check_link_inputs(p_max, gamma, noise_power, frame_s)
    check_positive(bandwidth_hz=bandwidth_hz)
    check_finite(bandwidth_hz=bandwidth_hz)
    switching_cost = _check_switching_cost(switching_cost, n)
    gamma = float(gamma)
    eh = resolve_eh(eh_model)
    link = _Link(float(p_max), gamma, float(noise_power), power_model, eh, float(frame_s))
    sim = _Setup(link, switching_cost, architecture, m, n, float(bandwidth_hz), search,
                 as_generator(rng))
    prev = (fixed_position_ports(n, m, architecture) if initial_ports is None else
            _validate_config(initial_ports, architecture, m, n, "initial_ports"))
    policy.reset()
    rec = {k: np.zeros(n_frames) for k in _TRACE_UNITS}
    ports_rec = np.zeros((n_frames, m), dtype=int)
    for t in range(n_frames):
        ctx = _Context(sim, g_d_seq[t], g_e_seq[t], prev)
        ports, w = policy.act(ctx)
        ports = _validate_config(ports, architecture, m, n, "ports")
        row = _play_frame(sim, ctx, policy, ports, w)
        policy.update(row)
        row["q_r"] = getattr(policy, "q_r", np.nan)
        row["q_e"] = getattr(policy, "q_e", np.nan)
        for k in _TRACE_UNITS:
            rec[k][t] = row[k]
        ports_rec[t] = ports
        prev = ports
    data = {k: ("frame", rec[k], {"units": _TRACE_UNITS[k], "long_name": _TRACE_NAMES[k]})
            for k in _TRACE_UNITS}
    data["ports"] = (("frame", "slot"), ports_rec, {"units": "1", "long_name": "active ports"})
    return xr.Dataset(
        data,
        coords={"frame": np.arange(n_frames), "slot": np.arange(m)},
        attrs={"policy": getattr(policy, "name", type(policy).__name__),
               "architecture": architecture, "frame_s": link.T, "bandwidth_hz": sim.bandwidth,
               "p_max": link.p_max, "noise_power": link.sigma2, "sinr_min": gamma,
               "reconstruction": 1},
    )


def long_term_metrics(trace, r_min_bps=None, e_sw_budget_j=None):
    r"""Long-term metrics of a :func:`simulate_long_term` trace.

    Parameters
    ----------
    trace : xarray.Dataset
        Per-frame trace.
    r_min_bps : float, optional
        Throughput target :math:`\bar R_\min` [bit/s].
    e_sw_budget_j : float, optional
        Switching-energy budget :math:`\bar E_\mathrm{sw}` [J/frame].

    Returns
    -------
    dict
        ``eff_time_avg`` :math:`\frac1{T_h}\sum_t\eta^t`; ``eff_ratio_of_sums``
        :math:`\sum_t E_\mathrm{harv}^t/\sum_t E_\mathrm{cons}^t` [J/J] and their running
        averages (``*_running``, arrays over frames); ``throughput_bps``
        :math:`\frac{1}{T_h T}\sum_t (T-\tau^t)R_D^t`; ``switch_rate`` (fraction of frames
        that switched); ``mean_switch_energy_j`` [J/frame]; ``delay_fraction`` (mean
        :math:`\tau/T`); ``throughput_violation`` :math:`\max(0, \bar R_\min - \bar R)`
        [bit/s] and ``energy_violation`` :math:`\max(0, \bar E - \bar E_\mathrm{sw})` [J]
        (NaN without a target).

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
    """
    T = float(trace.attrs.get("frame_s", DEFAULT_FRAME_S))
    eff = np.asarray(trace["efficiency"], dtype=float)
    e_h = np.asarray(trace["energy_harvested_j"], dtype=float)
    e_c = np.asarray(trace["energy_consumed_j"], dtype=float)
    tau = np.asarray(trace["delay_s"], dtype=float)
    rate = np.asarray(trace["rate_bps"], dtype=float)
    e_sw = np.asarray(trace["switch_energy_j"], dtype=float)
    n = np.arange(1, eff.size + 1)
    throughput = float(np.mean(np.clip(T - tau, 0.0, None) * rate) / T)
    mean_esw = float(np.mean(e_sw))
    return {
        "eff_time_avg": float(np.mean(eff)),
        "eff_ratio_of_sums": float(e_h.sum() / e_c.sum()),
        "eff_time_avg_running": np.cumsum(eff) / n,
        "eff_ratio_of_sums_running": np.cumsum(e_h) / np.cumsum(e_c),
        "throughput_bps": throughput,
        "switch_rate": float(np.mean(np.asarray(trace["switched"], dtype=float))),
        "mean_switch_energy_j": mean_esw,
        "delay_fraction": float(np.mean(np.clip(tau / T, 0.0, 1.0))),
        "throughput_violation": (math.nan if r_min_bps is None
                                 else max(0.0, float(r_min_bps) - throughput)),
        "energy_violation": (math.nan if e_sw_budget_j is None
                             else max(0.0, mean_esw - float(e_sw_budget_j))),
    }
