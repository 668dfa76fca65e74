r"""Port selection for transmit-side fluid antennas (Variant A, *reconstruction*).

Two architectures (fas spec §5):

``"separate"`` (TA)
    :math:`M` separate fluid antennas with :math:`N` ports each, one active port per antenna;
    a configuration is :math:`k = (k_0, \dots, k_{M-1})` (:math:`N^M` choices). Channels
    ``g_d, g_e`` have shape (M, N).
``"subset"`` (TB)
    One fluid antenna with :math:`N` ports of which :math:`M` are active; a configuration is a
    sorted subset :math:`S` (:math:`\binom{N}{M}` choices). Channels have shape (N,).

A configuration is scored by its optimal WET efficiency :math:`\eta_\mathrm{WET}` (beam
optimised for the configuration, switching cost from ``previous_ports`` included), or by a
user ``score_fn`` (e.g. the SWIPT EE of Variant B). Ports are 0-based.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from .._validation import check_choice, check_integer, check_nonnegative, check_positive
from .harvesting import LinearEH
from .switching import NO_SWITCH, SwitchEvent, SwitchingCost
from .wet import (
    DEFAULT_FRAME_S,
    WetResult,
    _is_linear,
    _linear_oracle_efficiency,
    _oracle_best,
    _power_params,
    optimize_wet_efficiency,
)

__all__ = [
    "PortSelectionResult",
    "fixed_position_ports",
    "select_ports",
    "optimize_ports_and_beam",
]


def fixed_position_ports(n_ports, n_active, architecture="separate", kind="first"):
    r"""Ports of the fixed-position antenna (FPA) baseline.

    Parameters
    ----------
    n_ports : int
        Ports per fluid antenna :math:`N`.
    n_active : int
        Active ports :math:`M` (TA: number of antennas; TB: subset size, :math:`\le N`).
    architecture : {"separate", "subset"}, optional
        TA or TB.
    kind : {"first", "spread"}, optional
        TA: ``"first"`` is port 0 of every antenna (the FPA of the fas spec), ``"spread"`` the
        centre port :math:`\lfloor (N-1)/2 \rceil`. TB: ``"first"`` is ports :math:`0..M-1`,
        ``"spread"`` the evenly spread ports :math:`\mathrm{round}(m(N-1)/(M-1))`.

    Returns
    -------
    tuple of int

    Examples
    --------
    >>> fixed_position_ports(8, 2)
    (0, 0)
    >>> fixed_position_ports(16, 4, "subset", "spread")
    (0, 5, 10, 15)
    """
    n = check_integer("n_ports", n_ports, low=1)
    m = check_integer("n_active", n_active, low=1)
    check_choice("architecture", architecture, ("separate", "subset"))
    check_choice("kind", kind, ("first", "spread"))
    if architecture == "separate":
        port = 0 if kind == "first" else int(round((n - 1) / 2))
        return (port,) * m
    if m > n:
        raise ValueError(f"n_active must be <= n_ports={n} for the subset architecture, got {m}")
    if kind == "first" or m == 1:
        return tuple(range(m))
    return tuple(int(round(i * (n - 1) / (m - 1))) for i in range(m))


@dataclass(frozen=True)
class PortSelectionResult:
    r"""Outcome of :func:`select_ports`.

    Attributes
    ----------
    ports : tuple of int
        Selected configuration (TA: port per antenna; TB: sorted subset).
    efficiency : float
        Its score (:math:`\eta_\mathrm{WET}` [J/J], or ``score_fn``); ``-inf`` if no
        configuration is feasible.
    wet_result : WetResult or None
        Beam optimisation at the selected ports (None with ``score_fn``).
    n_evaluations : int
        Number of distinct configurations scored.
    switched : bool
        Whether the ports differ from ``previous_ports``.
    switch_event : SwitchEvent
        Switching cost paid for the move (zero if none).
    history : tuple of float
        Best score after each sweep/step of the search.
    """

    ports: tuple
    efficiency: float
    wet_result: WetResult | None
    n_evaluations: int
    switched: bool
    switch_event: SwitchEvent
    history: tuple = field(default=(), compare=False)


class _Scorer:
    """Cached configuration scorer (vectorised for the linear-EH oracle)."""

    def __init__(self, g_d, g_e, arch, m, p_max, gamma, s2, power_model, eh, prev, cost,
                 positions, frame_s, scorer, score_fn, tol):
        self.g_d, self.g_e, self.arch, self.m = g_d, g_e, arch, m
        self.p_max, self.gamma, self.s2 = p_max, gamma, s2
        self.power_model, self.eh = power_model, eh
        self.prev, self.cost, self.positions = prev, cost, positions
        self.T, self.scorer, self.score_fn, self.tol = frame_s, scorer, score_fn, tol
        self.cache: dict = {}
        self.pc_cache: dict = {}
        self.table = None  # all full-configuration scores (linear-EH oracle fast path)
        n = g_d.shape[-1]
        count = n**m if arch == "separate" else math.comb(n, m)
        if (score_fn is None and scorer == "oracle" and _is_linear(eh)
                and count <= _TABLE_MAX):
            self._build_table(n)

    def _build_table(self, n):
        configs = _all_configs(n, self.m, self.arch)
        if self.arch == "separate":
            rows = np.arange(self.m)
            hd, he = self.g_d[rows, configs], self.g_e[rows, configs]
        else:
            hd, he = self.g_d[configs], self.g_e[configs]
        if self.cost is not None and self.prev is not None:
            tau, esw, _ = self.cost.event_batch(self.prev, configs, self.positions,
                                                architecture=self.arch)
        else:
            tau = esw = np.zeros(configs.shape[0])
        xi, pc = self.xi_pc(self.m)
        self.table = _linear_oracle_efficiency(
            hd, he, self.p_max, self.gamma, self.s2, float(self.eh.efficiency), xi, pc,
            self.T, tau, esw,
        )
        self.n = n

    def _index(self, configs):
        arr = np.asarray(configs, dtype=int)
        if self.arch == "separate":
            return np.ravel_multi_index(arr.T, (self.n,) * self.m)
        lookup = _subset_index(self.n, self.m)
        return np.array([lookup[tuple(c)] for c in configs])

    # configuration helpers -------------------------------------------------------------------
    def channels(self, ports):
        ports = np.asarray(ports, dtype=int)
        if self.arch == "separate":
            act = np.flatnonzero(ports >= 0)
            return self.g_d[act, ports[act]], self.g_e[act, ports[act]]
        return self.g_d[ports], self.g_e[ports]

    def event(self, ports):
        if self.cost is None or self.prev is None:
            return NO_SWITCH
        if self.arch == "separate":
            p = np.asarray(ports)
            act = np.flatnonzero(p >= 0)
            return self.cost.event(np.asarray(self.prev)[act], p[act], self.positions)
        if len(ports) != len(self.prev):
            return NO_SWITCH  # partial TB set during greedy: cost counted on full sets only
        return self.cost.event(self.prev, ports, self.positions, architecture="subset")

    def xi_pc(self, n_active):
        out = self.pc_cache.get(n_active)
        if out is None:
            out = self.pc_cache[n_active] = _power_params(self.power_model, n_active)
        return out

    # scoring ---------------------------------------------------------------------------------
    def _score_one(self, ports):
        if self.score_fn is not None:
            val = float(self.score_fn(tuple(ports)))
            return val if math.isfinite(val) or val == -math.inf else -math.inf
        h_d, h_e = self.channels(ports)
        ev = self.event(ports)
        if self.scorer == "oracle":
            xi, pc = self.xi_pc(h_d.size)
            eff, _, _ = _oracle_best(h_d, h_e, self.p_max, self.gamma, self.s2, xi, pc, self.eh,
                                     self.T, ev.delay_s, ev.energy_j, self.tol)
            return eff
        res = optimize_wet_efficiency(
            h_d, h_e, self.p_max, self.gamma, self.s2, self.power_model, self.eh, ev,
            method=self.scorer, frame_s=self.T, tol=self.tol, rng=0,
        )
        return res.efficiency if res.feasible else (0.0 if res.status == "no_transmission"
                                                     else -math.inf)

    def score_many(self, configs):
        configs = [tuple(int(k) for k in c) for c in configs]
        if self.table is not None and all(k >= 0 for k in configs[0]) and len(
                configs[0]) == self.m:
            vals = self.table[self._index(configs)]
            for c, v in zip(configs, vals):
                self.cache[c] = float(v)
            return np.asarray(vals, dtype=float)
        todo = [c for c in dict.fromkeys(configs) if c not in self.cache]
        if todo:
            vectorise = (self.score_fn is None and self.scorer == "oracle"
                         and _is_linear(self.eh) and len(todo) > 1
                         and len({sum(1 for k in c if k >= 0) for c in todo}) == 1)
            if vectorise:
                hd, he = zip(*(self.channels(c) for c in todo))
                evs = [self.event(c) for c in todo]
                xi, pc = self.xi_pc(len(hd[0]))
                vals = _linear_oracle_efficiency(
                    np.array(hd), np.array(he), self.p_max, self.gamma, self.s2,
                    float(self.eh.efficiency), xi, pc, self.T,
                    np.array([e.delay_s for e in evs]), np.array([e.energy_j for e in evs]),
                )
                for c, v in zip(todo, vals):
                    self.cache[c] = float(v)
            else:
                for c in todo:
                    self.cache[c] = self._score_one(c)
        return np.array([self.cache[c] for c in configs])

    def score(self, config):
        return float(self.score_many([config])[0])


_TABLE_MAX = 65_536  # score every configuration at once below this count (linear oracle)


@lru_cache(maxsize=64)
def _all_configs_cached(n, m, arch):
    if arch == "separate":
        grids = np.indices((n,) * m).reshape(m, -1).T
        return np.ascontiguousarray(grids)
    return np.array(list(itertools.combinations(range(n), m)), dtype=int).reshape(-1, m)


def _all_configs(n, m, arch):
    out = _all_configs_cached(n, m, arch)
    out.setflags(write=False)
    return out


@lru_cache(maxsize=64)
def _subset_index(n, m):
    return {c: i for i, c in enumerate(itertools.combinations(range(n), m))}


def _validate_config(ports, arch, m, n, name):
    p = tuple(int(k) for k in np.asarray(ports, dtype=int).ravel())
    if len(p) != m:
        raise ValueError(f"{name} must have {m} entries, got {len(p)}")
    if any(k < 0 or k >= n for k in p):
        raise ValueError(f"{name} entries must be ports in [0, {n - 1}], got {p}")
    if arch == "subset":
        if len(set(p)) != m:
            raise ValueError(f"{name} must be distinct ports for the subset architecture, got {p}")
        p = tuple(sorted(p))
    return p


def select_ports(
    g_d,
    g_e,
    p_max,
    sinr_min,
    noise_power,
    power_model=None,
    eh_model=None,
    *,
    method="alternating",
    architecture="separate",
    n_select=None,
    previous_ports=None,
    switching_cost=None,
    positions_m=None,
    frame_s=DEFAULT_FRAME_S,
    scorer="oracle",
    score_fn=None,
    max_sweeps=5,
    max_candidates=200_000,
    tol=1e-6,
    initial_ports=None,
    optimize_beam=True,
):
    r"""Select the active fluid-antenna ports that maximise the WET efficiency.

    Parameters
    ----------
    g_d, g_e : array_like
        DR and ER port channels: shape (M, N) for ``"separate"`` (TA), (N,) for ``"subset"``
        (TB).
    p_max, sinr_min, noise_power, power_model, eh_model
        As in :func:`~wirelesseff.fas.wet.optimize_wet_efficiency` (``sinr_min`` linear).
    method : {"alternating", "greedy", "exhaustive"}, optional
        Search (see Notes). Default ``"alternating"``.
    architecture : {"separate", "subset"}, optional
        TA or TB.
    n_select : int, optional
        Active ports :math:`M` for TB (required there; TA uses ``g_d.shape[0]``).
    previous_ports : sequence of int, optional
        Ports of the previous frame: starting point of the alternating search and reference
        of the switching cost.
    switching_cost : SwitchingCost, optional
        Cost model; when given with ``previous_ports`` every candidate is scored including its
        :class:`~wirelesseff.fas.switching.SwitchEvent` (requires ``positions_m``).
    positions_m : array_like, shape (N,), optional
        Port positions [m] (:func:`~wirelesseff.fas.channels.port_positions`).
    frame_s : float, optional
        Frame length :math:`T` [s] (default 10 ms).
    scorer : {"oracle", "sdr", "fpp-sca"}, optional
        Beam optimiser used to score a configuration; ``"oracle"`` (closed form, vectorised
        for a linear EH) is exact for one DR + one ER without energy beam.
    score_fn : callable, optional
        ``score_fn(ports) -> float`` overrides the WET score (e.g. Variant B's SWIPT EE);
        return ``-inf`` for infeasible configurations. For TA greedy search, inactive antennas
        appear as ``-1``.
    max_sweeps : int, optional
        Maximum sweeps of the alternating search (default 5).
    max_candidates : int, optional
        Exhaustive search refuses more configurations than this (default 200 000).
    tol : float, optional
        Dinkelbach tolerance of the scorer.
    initial_ports : sequence of int, optional
        Starting point of the alternating search (default ``previous_ports``, else the FPA of
        :func:`fixed_position_ports`); does not affect the switching reference.
    optimize_beam : bool, optional
        Re-optimise the beam at the selected ports with ``scorer`` and return it as
        ``wet_result`` (default True); False skips it (faster inside simulations).

    Returns
    -------
    PortSelectionResult

    Raises
    ------
    ValueError
        Bad shapes, ports out of range, or an exhaustive search beyond ``max_candidates``.

    Notes
    -----
    * **exhaustive**: every configuration (:math:`N^M` for TA, :math:`\binom NM` for TB).
    * **greedy**: TA fixes :math:`k_m` one antenna at a time (not yet chosen antennas are
      inactive and consume no RF-chain power); TB adds the port with the best marginal score
      until :math:`|S| = M` (switching costs are counted on full subsets only).
    * **alternating** (AO, block-coordinate ascent): from ``previous_ports`` (else the FPA),
      TA sweeps :math:`k_m \leftarrow \arg\max_n \mathrm{score}` for :math:`m = 0..M-1`; TB
      replaces each active port in turn by the best inactive one; only strict improvements
      are accepted; stop when a sweep changes nothing or after ``max_sweeps``. Its score is
      therefore never below that of its starting point.

    Examples
    --------
    >>> g_d = np.array([[1.0, 0.2, 0.1], [0.3, 1.0, 0.1]]) * 10
    >>> g_e = np.array([[0.1, 0.2, 1.5], [0.2, 0.1, 1.2]])
    >>> res = select_ports(g_d, g_e, 1.0, 10.0, 1e-3, method="exhaustive")
    >>> res.ports, res.n_evaluations
    ((2, 2), 9)
    """
    check_choice("method", method, ("alternating", "greedy", "exhaustive"))
    check_choice("architecture", architecture, ("separate", "subset"))
    check_choice("scorer", scorer, ("oracle", "sdr", "fpp-sca"))
    check_positive(p_max=p_max, noise_power=noise_power, frame_s=frame_s)
    check_nonnegative(sinr_min=sinr_min)
    max_sweeps = check_integer("max_sweeps", max_sweeps, low=1)
    max_candidates = check_integer("max_candidates", max_candidates, low=1)
    g_d = np.asarray(g_d, dtype=complex)
    g_e = np.asarray(g_e, dtype=complex)
    if g_d.shape != g_e.shape:
        raise ValueError(f"g_d and g_e must have the same shape, got {g_d.shape} and {g_e.shape}")
    if architecture == "separate":
        if g_d.ndim != 2:
            raise ValueError(f"g_d must have shape (M, N) for architecture='separate', got "
                             f"{g_d.shape}")
        m, n = g_d.shape
        if n_select is not None and int(n_select) != m:
            raise ValueError(f"n_select must equal g_d.shape[0]={m} for 'separate', got "
                             f"{n_select}")
    else:
        if g_d.ndim != 1:
            raise ValueError(f"g_d must have shape (N,) for architecture='subset', got "
                             f"{g_d.shape}")
        n = g_d.size
        if n_select is None:
            raise ValueError("n_select (the number M of active ports) is required for "
                             "architecture='subset'")
        m = check_integer("n_select", n_select, low=1, high=n)
    if switching_cost is not None:
        if not isinstance(switching_cost, SwitchingCost):
            raise TypeError(f"switching_cost must be a SwitchingCost, got "
                            f"{type(switching_cost).__name__}")
        if positions_m is None:
            raise ValueError("positions_m is required when switching_cost is given")
        positions_m = np.asarray(positions_m, dtype=float)
        if positions_m.shape != (n,):
            raise ValueError(f"positions_m must have shape ({n},), got {positions_m.shape}")
    prev = None
    if previous_ports is not None:
        prev = _validate_config(previous_ports, architecture, m, n, "previous_ports")
    eh = LinearEH(0.5) if eh_model is None else eh_model
    sc = _Scorer(g_d, g_e, architecture, m, float(p_max), float(sinr_min), float(noise_power),
                 power_model, eh, prev, switching_cost, positions_m, float(frame_s), scorer,
                 score_fn, tol)

    history: list[float] = []
    if method == "exhaustive":
        if architecture == "separate":
            count = n**m
            gen = itertools.product(range(n), repeat=m)
        else:
            count = math.comb(n, m)
            gen = itertools.combinations(range(n), m)
        if count > max_candidates:
            raise ValueError(
                f"exhaustive search over {count} configurations exceeds max_candidates="
                f"{max_candidates} (use method='alternating' or 'greedy')"
            )
        best, best_v = None, -math.inf
        batch = 4096
        while True:
            chunk = list(itertools.islice(gen, batch))
            if not chunk:
                break
            vals = sc.score_many(chunk)
            i = int(np.argmax(vals))
            if best is None or vals[i] > best_v:
                best, best_v = chunk[i], float(vals[i])
        history.append(best_v)
    elif method == "greedy":
        if architecture == "separate":
            cur = [-1] * m
            for mm in range(m):
                cands = []
                for k in range(n):
                    c = list(cur)
                    c[mm] = k
                    cands.append(tuple(c))
                vals = sc.score_many(cands)
                i = int(np.argmax(vals))
                cur = list(cands[i])
                history.append(float(vals[i]))
            best = tuple(cur)
        else:
            cur: list[int] = []
            for _ in range(m):
                cands = [tuple(sorted([*cur, k])) for k in range(n) if k not in cur]
                vals = sc.score_many(cands)
                i = int(np.argmax(vals))
                cur = list(cands[i])
                history.append(float(vals[i]))
            best = tuple(cur)
        best_v = sc.score(best)
    else:  # alternating
        if initial_ports is not None:
            start = _validate_config(initial_ports, architecture, m, n, "initial_ports")
        else:
            start = prev if prev is not None else fixed_position_ports(n, m, architecture)
        best = tuple(start)
        best_v = sc.score(best)
        history.append(best_v)
        for _ in range(max_sweeps):
            changed = False
            for slot in range(m):
                if architecture == "separate":
                    cands = [best[:slot] + (k,) + best[slot + 1:] for k in range(n)]
                else:
                    others = best[:slot] + best[slot + 1:]
                    cands = [tuple(sorted((*others, k))) for k in range(n) if k not in others]
                vals = sc.score_many(cands)
                i = int(np.argmax(vals))
                if vals[i] > best_v:
                    best, best_v = cands[i], float(vals[i])
                    changed = True
            history.append(best_v)
            if not changed:
                break

    ev = sc.event(best)
    wet = None
    if score_fn is None and optimize_beam:
        h_d, h_e = sc.channels(best)
        wet = optimize_wet_efficiency(
            h_d, h_e, float(p_max), float(sinr_min), float(noise_power), power_model, eh,
            ev, method=scorer, frame_s=float(frame_s), tol=tol, rng=0,
        )
    switched = prev is not None and tuple(best) != tuple(prev)
    return PortSelectionResult(
        ports=tuple(int(k) for k in best),
        efficiency=float(best_v),
        wet_result=wet,
        n_evaluations=len(sc.cache),
        switched=switched,
        switch_event=ev,
        history=tuple(history),
    )


def optimize_ports_and_beam(
    g_d,
    g_e,
    p_max,
    sinr_min,
    noise_power,
    power_model=None,
    eh_model=None,
    *,
    method="sdr",
    architecture="separate",
    n_select=None,
    previous_ports=None,
    switching_cost=None,
    positions_m=None,
    frame_s=DEFAULT_FRAME_S,
    scorer="oracle",
    rtol=1e-4,
    max_outer=20,
    rng=None,
):
    r"""Per-frame outer alternating optimisation of ports and beam (fas spec §6.3).

    Alternates :func:`select_ports` (alternating search started from the current ports and
    scored by ``scorer``; switching cost relative to ``previous_ports``) and
    :func:`~wirelesseff.fas.wet.optimize_wet_efficiency` (``method``) until
    :math:`|\Delta\eta| < \mathrm{rtol}\cdot\eta`, the ports stop changing, or
    ``max_outer`` iterations. With the exact ``"oracle"`` scorer the first pass is already a
    fixed point; the loop matters for approximate scorers.

    Parameters
    ----------
    g_d, g_e, p_max, sinr_min, noise_power, power_model, eh_model, architecture, n_select,
    previous_ports, switching_cost, positions_m, frame_s, scorer
        As in :func:`select_ports`.
    method : {"sdr", "fpp-sca", "oracle"}, optional
        Beam optimiser of the beam step.
    rtol : float, optional
        Relative convergence tolerance (default 1e-4).
    max_outer : int, optional
        Maximum outer iterations (default 20).
    rng : Generator, int or None, optional
        Random source of the SDR randomisation.

    Returns
    -------
    PortSelectionResult
        Best configuration found, with ``wet_result`` from ``method`` and ``history`` the best
        efficiency after each outer iteration (non-decreasing).

    Examples
    --------
    >>> g_d = np.array([[1.0, 0.2, 0.1], [0.3, 1.0, 0.1]]) * 10
    >>> g_e = np.array([[0.1, 0.2, 1.5], [0.2, 0.1, 1.2]])
    >>> res = optimize_ports_and_beam(g_d, g_e, 1.0, 10.0, 1e-3, method="oracle")
    >>> res.ports
    (2, 2)
    """
    check_positive(rtol=rtol)
    max_outer = check_integer("max_outer", max_outer, low=1)
    g_d = np.asarray(g_d, dtype=complex)
    g_e = np.asarray(g_e, dtype=complex)
    n = g_d.shape[-1]
    m = g_d.shape[0] if architecture == "separate" else n_select
    cur = previous_ports
    history: list[float] = []
    best = None
    for _ in range(max_outer):
        sel = select_ports(
            g_d, g_e, p_max, sinr_min, noise_power, power_model, eh_model,
            method="alternating", architecture=architecture, n_select=n_select,
            previous_ports=previous_ports, switching_cost=switching_cost,
            positions_m=positions_m, frame_s=frame_s, scorer=scorer, initial_ports=cur,
        )
        ports = sel.ports
        idx = (np.arange(m), np.asarray(ports)) if architecture == "separate" else np.asarray(
            ports)
        wet = optimize_wet_efficiency(
            g_d[idx], g_e[idx], p_max, sinr_min, noise_power, power_model, eh_model,
            sel.switch_event, method=method, frame_s=frame_s, rng=rng,
        )
        eta = wet.efficiency if wet.feasible else -math.inf
        if best is None or eta > best[1]:
            best = (sel, eta, wet)
        history.append(best[1])
        if len(history) > 1 and abs(history[-1] - history[-2]) <= rtol * abs(history[-1]):
            break
        if cur is not None and tuple(ports) == tuple(
            _validate_config(cur, architecture, m, n, "ports")
        ):
            break
        cur = ports
    sel, eta, wet = best
    return PortSelectionResult(
        ports=sel.ports, efficiency=float(eta), wet_result=wet,
        n_evaluations=sel.n_evaluations, switched=sel.switched, switch_event=sel.switch_event,
        history=tuple(history),
    )
