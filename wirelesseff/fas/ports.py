r"""Port selection for transmit-side fluid antennas (Variant A, *reconstruction*).

Two architectures (docs/fas.md, "System model"):

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

from .._validation import (
    check_choice,
    check_finite,
    check_in_range,
    check_integer,
    check_nonnegative,
    check_positive,
)
from ._checks import check_no_overflow, real_scalar
from .harvesting import resolve_eh
from .switching import NO_SWITCH, SwitchEvent, SwitchingCost
from .wet import (
    DEFAULT_FRAME_S,
    WetResult,
    _is_linear,
    _linear_oracle_efficiency,
    _Link,
    _oracle_best,
    optimize_wet_efficiency,
)

__all__ = [
    "MAX_PORTS_SEARCH",
    "PortSearch",
    "PortSelectionResult",
    "fixed_position_ports",
    "select_ports",
    "optimize_ports_and_beam",
]

#: Upper bound on the ports per fluid antenna of the searches (and of
#: :func:`fixed_position_ports`), checked before any allocation.
MAX_PORTS_SEARCH = 100_000
#: Upper bound on ``PortSearch.max_sweeps`` (alternating search).
MAX_SWEEPS = 1000
#: Upper bound on ``PortSearch.max_candidates`` (exhaustive search): 10^8 configurations.
MAX_CANDIDATES = 10**8
#: Upper bound on ``max_outer`` of :func:`optimize_ports_and_beam`.
MAX_OUTER = 1000


def fixed_position_ports(n_ports, n_active, architecture="separate", kind="first"):
    r"""Ports of the fixed-position antenna (FPA) baseline.

    Parameters
    ----------
    n_ports : int
        Ports per fluid antenna :math:`N`, 1 … :data:`MAX_PORTS_SEARCH`.
    n_active : int
        Active ports :math:`M` (TA: number of antennas; TB: subset size, :math:`\le N`),
        1 … :data:`MAX_PORTS_SEARCH`.
    architecture : {"separate", "subset"}, optional
        TA or TB.
    kind : {"first", "spread"}, optional
        TA: ``"first"`` is port 0 of every antenna (the default FPA), ``"spread"`` the
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
    n = check_integer("n_ports", n_ports, low=1, high=MAX_PORTS_SEARCH)
    m = check_integer("n_active", n_active, low=1, high=MAX_PORTS_SEARCH)
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


@dataclass(frozen=True)
class PortSearch:
    r"""How :func:`select_ports` searches the port configurations.

    Pass it as ``method=`` (a plain string ``method="exhaustive"`` means
    ``PortSearch("exhaustive")``).

    Parameters
    ----------
    method : {"alternating", "greedy", "exhaustive"}, optional
        Search (see :func:`select_ports`). Default ``"alternating"``.
    scorer : {"oracle", "sdr", "fpp-sca"}, optional
        Beam optimiser used to score a configuration; ``"oracle"`` (closed form, vectorised
        for a linear EH) is exact for one DR + one ER without energy beam. Default
        ``"oracle"``.
    max_sweeps : int, optional
        Maximum sweeps of the alternating search, 1 … :data:`MAX_SWEEPS` (default 5).
    max_candidates : int, optional
        The exhaustive search refuses more configurations than this, 1 …
        :data:`MAX_CANDIDATES` (default 200 000).
    tol : float, optional
        Dinkelbach tolerance of the scorer, in (0, 1) (default 1e-6).

    Examples
    --------
    >>> PortSearch("exhaustive", max_candidates=10_000).method
    'exhaustive'
    """

    method: str = "alternating"
    scorer: str = "oracle"
    max_sweeps: int = 5
    max_candidates: int = 200_000
    tol: float = 1e-6

    def __post_init__(self):
        check_choice("method", self.method, ("alternating", "greedy", "exhaustive"))
        check_choice("scorer", self.scorer, ("oracle", "sdr", "fpp-sca"))
        object.__setattr__(self, "max_sweeps",
                           check_integer("max_sweeps", self.max_sweeps, low=1, high=MAX_SWEEPS))
        object.__setattr__(self, "max_candidates", check_integer(
            "max_candidates", self.max_candidates, low=1, high=MAX_CANDIDATES))
        check_in_range("tol", self.tol, 0.0, 1.0, low_open=True, high_open=True)

    @classmethod
    def of(cls, method, name="method"):
        """``method`` as a :class:`PortSearch` (a string is the search method); errors name
        ``name``."""
        if isinstance(method, PortSearch):
            return method
        if isinstance(method, str):
            return cls(check_choice(name, method, ("alternating", "greedy", "exhaustive")))
        raise TypeError(f"{name} must be 'alternating', 'greedy', 'exhaustive' or a PortSearch, "
                        f"got {type(method).__name__}")


@dataclass(frozen=True)
class _PortProblem:
    """Validated data of one port selection: channels, architecture, link, switching."""

    g_d: np.ndarray
    g_e: np.ndarray
    arch: str
    m: int
    n: int
    link: _Link
    prev: tuple | None = None
    cost: SwitchingCost | None = None

    def channels(self, ports):
        """DR and ER channels of the active ports (TA: ``-1`` marks an inactive antenna)."""
        ports = np.asarray(ports, dtype=int)
        if self.arch == "separate":
            act = np.flatnonzero(ports >= 0)
            return self.g_d[act, ports[act]], self.g_e[act, ports[act]]
        return self.g_d[ports], self.g_e[ports]

    def event(self, ports):
        """Switching event from ``prev`` to ``ports`` (no cost without a model or history)."""
        if self.cost is None or self.prev is None:
            return NO_SWITCH
        if self.arch == "separate":
            p = np.asarray(ports)
            act = np.flatnonzero(p >= 0)
            return self.cost.event(np.asarray(self.prev)[act], p[act])
        if len(ports) != len(self.prev):
            return NO_SWITCH  # partial TB set during greedy: cost counted on full sets only
        return self.cost.event(self.prev, ports, architecture="subset")

    def frame(self, ports):
        """:class:`~wirelesseff.fas.wet._FrameParams` of a configuration (with its switch)."""
        h_d, _ = self.channels(ports)
        ev = self.event(ports)
        return self.link.frame(h_d.size, ev.delay_s, ev.energy_j)


class _Scorer:
    """Cached configuration scorer (vectorised for the linear-EH oracle)."""

    def __init__(self, problem, search, score_fn=None):
        self.pb, self.search, self.score_fn = problem, search, score_fn
        self.cache: dict = {}
        self.table = None  # all full-configuration scores (linear-EH oracle fast path)
        pb = problem
        count = pb.n**pb.m if pb.arch == "separate" else math.comb(pb.n, pb.m)
        if (score_fn is None and search.scorer == "oracle" and _is_linear(pb.link.eh)
                and count <= _TABLE_MAX):
            self._build_table()

    def _build_table(self):
        pb = self.pb
        configs = _all_configs(pb.n, pb.m, pb.arch)
        if pb.arch == "separate":
            rows = np.arange(pb.m)
            hd, he = pb.g_d[rows, configs], pb.g_e[rows, configs]
        else:
            hd, he = pb.g_d[configs], pb.g_e[configs]
        if pb.cost is not None and pb.prev is not None:
            tau, esw, _ = pb.cost.event_batch(pb.prev, configs, architecture=pb.arch)
        else:
            tau = esw = np.zeros(configs.shape[0])
        self.table = _linear_oracle_efficiency(hd, he, pb.link.frame(pb.m), tau, esw)

    def _index(self, configs):
        pb = self.pb
        arr = np.asarray(configs, dtype=int)
        if pb.arch == "separate":
            return np.ravel_multi_index(arr.T, (pb.n,) * pb.m)
        lookup = _subset_index(pb.n, pb.m)
        return np.array([lookup[tuple(c)] for c in configs])

    def _score_one(self, ports):
        if self.score_fn is not None:
            val = float(self.score_fn(tuple(ports)))
            return val if math.isfinite(val) or val == -math.inf else -math.inf
        pb = self.pb
        h_d, h_e = pb.channels(ports)
        params = pb.frame(ports)
        if self.search.scorer == "oracle":
            eff, _, _ = _oracle_best(h_d, h_e, params, self.search.tol)
            return eff
        res = optimize_wet_efficiency(
            h_d, h_e, pb.link.p_max, pb.link.gamma, pb.link.sigma2, pb.link.power_model,
            pb.link.eh, pb.event(ports), method=self.search.scorer, frame_s=pb.link.T,
            tol=self.search.tol, rng=0,
        )
        return res.efficiency if res.feasible else (0.0 if res.status == "no_transmission"
                                                     else -math.inf)

    def _score_linear_batch(self, todo):
        """Linear-EH oracle scores of configurations with the same number of active ports."""
        pb = self.pb
        hd, he = zip(*(pb.channels(c) for c in todo))
        evs = [pb.event(c) for c in todo]
        return _linear_oracle_efficiency(
            np.array(hd), np.array(he), pb.link.frame(len(hd[0])),
            np.array([e.delay_s for e in evs]), np.array([e.energy_j for e in evs]),
        )

    def score_many(self, configs):
        configs = [tuple(int(k) for k in c) for c in configs]
        if self.table is not None and all(k >= 0 for k in configs[0]) and len(
                configs[0]) == self.pb.m:
            vals = self.table[self._index(configs)]
            for c, v in zip(configs, vals):
                self.cache[c] = float(v)
            return np.asarray(vals, dtype=float)
        todo = [c for c in dict.fromkeys(configs) if c not in self.cache]
        if todo:
            vectorise = (self.score_fn is None and self.search.scorer == "oracle"
                         and _is_linear(self.pb.link.eh) and len(todo) > 1
                         and len({sum(1 for k in c if k >= 0) for c in todo}) == 1)
            if vectorise:
                for c, v in zip(todo, self._score_linear_batch(todo)):
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
    try:
        arr = np.asarray(ports)
    except Exception as exc:  # pragma: no cover - numpy rarely fails here
        raise TypeError(f"{name} must be a sequence of port indices") from exc
    if arr.dtype.kind not in "iu" and not (arr.dtype.kind == "f" and np.all(np.isfinite(arr))
                                            and np.all(arr == np.round(arr))):
        raise TypeError(f"{name} must hold integer port indices, got {ports!r}")
    p = tuple(int(k) for k in arr.astype(int).ravel())
    if len(p) != m:
        raise ValueError(f"{name} must have {m} entries, got {len(p)}")
    if any(k < 0 or k >= n for k in p):
        raise ValueError(f"{name} entries must be ports in [0, {n - 1}], got {p}")
    if arch == "subset":
        if len(set(p)) != m:
            raise ValueError(f"{name} must be distinct ports for the subset architecture, got {p}")
        p = tuple(sorted(p))
    return p


def _check_link_inputs(p_max, sinr_min, noise_power, frame_s):
    """Scalar link parameters: finite, positive / non-negative, numbers (not strings)."""
    check_positive(p_max=p_max, noise_power=noise_power, frame_s=frame_s)
    check_nonnegative(sinr_min=sinr_min)
    check_finite(p_max=p_max, sinr_min=sinr_min, noise_power=noise_power, frame_s=frame_s)
    for name, v in (("p_max", p_max), ("sinr_min", sinr_min), ("noise_power", noise_power),
                    ("frame_s", frame_s)):
        if np.ndim(v) != 0:
            raise ValueError(f"{name} must be a scalar, got shape {np.shape(v)}")


def _port_channels(g_d, g_e, architecture, n_select):
    """Validated channels and ``(M, N)`` for TA (M, N) or TB (N,) port channels."""
    g_d = np.asarray(g_d, dtype=complex)
    g_e = np.asarray(g_e, dtype=complex)
    if g_d.shape != g_e.shape:
        raise ValueError(f"g_d and g_e must have the same shape, got {g_d.shape} and {g_e.shape}")
    if architecture == "separate":
        if g_d.ndim != 2 or 0 in g_d.shape:
            raise ValueError(f"g_d must have shape (M, N) for architecture='separate', got "
                             f"{g_d.shape}")
        m, n = g_d.shape
        if n_select is not None and check_integer("n_select", n_select, low=1) != m:
            raise ValueError(f"n_select must equal g_d.shape[0]={m} for 'separate', got "
                             f"{n_select}")
    else:
        if g_d.ndim != 1 or g_d.size == 0:
            raise ValueError(f"g_d must have shape (N,) for architecture='subset', got "
                             f"{g_d.shape}")
        n = g_d.size
        if n_select is None:
            raise ValueError("n_select (the number M of active ports) is required for "
                             "architecture='subset'")
        m = check_integer("n_select", n_select, low=1, high=n)
    if n > MAX_PORTS_SEARCH or m > MAX_PORTS_SEARCH:
        raise ValueError(f"g_d must have at most {MAX_PORTS_SEARCH} ports and antennas, got "
                         f"shape {g_d.shape}")
    check_finite(g_d=g_d, g_e=g_e)
    return g_d, g_e, m, n


def _check_switching_cost(switching_cost, n):
    """A SwitchingCost whose positions (required by the distance mode) match N ports."""
    if switching_cost is None:
        return None
    if not isinstance(switching_cost, SwitchingCost):
        raise TypeError(f"switching_cost must be a SwitchingCost, got "
                        f"{type(switching_cost).__name__}")
    x = switching_cost.positions_m
    if x is None:
        if switching_cost.mode == "distance":
            raise ValueError("switching_cost.positions_m is required for the distance mode: "
                             "SwitchingCost(..., positions_m=port_positions(N, W, wavelength))")
    elif len(x) != n:
        raise ValueError(f"switching_cost.positions_m must have shape (N,) = ({n},) (one "
                         f"position per port), got ({len(x)},)")
    return switching_cost


def _search_exhaustive(sc, pb, max_candidates):
    """Best configuration over all of them (in batches); ``(best, value, history)``."""
    if pb.arch == "separate":
        count = pb.n**pb.m
        gen = itertools.product(range(pb.n), repeat=pb.m)
    else:
        count = math.comb(pb.n, pb.m)
        gen = itertools.combinations(range(pb.n), pb.m)
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
    return best, best_v, [best_v]


def _search_greedy(sc, pb):
    """TA: one antenna at a time (others inactive); TB: best marginal port."""
    history: list[float] = []
    if pb.arch == "separate":
        cur = [-1] * pb.m
        for mm in range(pb.m):
            cands = []
            for k in range(pb.n):
                c = list(cur)
                c[mm] = k
                cands.append(tuple(c))
            vals = sc.score_many(cands)
            i = int(np.argmax(vals))
            cur = list(cands[i])
            history.append(float(vals[i]))
    else:
        cur = []
        for _ in range(pb.m):
            cands = [tuple(sorted([*cur, k])) for k in range(pb.n) if k not in cur]
            vals = sc.score_many(cands)
            i = int(np.argmax(vals))
            cur = list(cands[i])
            history.append(float(vals[i]))
    best = tuple(cur)
    return best, sc.score(best), history


def _search_alternating(sc, pb, start, max_sweeps):
    """Block-coordinate ascent from ``start``: strict improvements only."""
    best = tuple(start)
    best_v = sc.score(best)
    history = [best_v]
    for _ in range(max_sweeps):
        changed = False
        for slot in range(pb.m):
            if pb.arch == "separate":
                cands = [best[:slot] + (k,) + best[slot + 1:] for k in range(pb.n)]
            else:
                others = best[:slot] + best[slot + 1:]
                cands = [tuple(sorted((*others, k))) for k in range(pb.n) if k not in others]
            vals = sc.score_many(cands)
            i = int(np.argmax(vals))
            if vals[i] > best_v:
                best, best_v = cands[i], float(vals[i])
                changed = True
        history.append(best_v)
        if not changed:
            break
    return best, best_v, history


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
    frame_s=DEFAULT_FRAME_S,
    score_fn=None,
    initial_ports=None,
    optimize_beam=True,
):
    r"""Select the active fluid-antenna ports that maximise the WET efficiency.

    Parameters
    ----------
    g_d, g_e : array_like
        DR and ER port channels: shape (M, N) for ``"separate"`` (TA), (N,) for ``"subset"``
        (TB); finite, at most :data:`MAX_PORTS_SEARCH` ports.
    p_max, sinr_min, noise_power, power_model, eh_model
        As in :func:`~wirelesseff.fas.wet.optimize_wet_efficiency` (``sinr_min`` linear).
    method : {"alternating", "greedy", "exhaustive"} or PortSearch, optional
        Search (see Notes); a :class:`PortSearch` also sets the scorer (``"oracle"``,
        ``"sdr"``, ``"fpp-sca"``), the sweep and candidate limits and the scorer tolerance.
        Default ``"alternating"`` with the closed-form oracle scorer.
    architecture : {"separate", "subset"}, optional
        TA or TB.
    n_select : int, optional
        Active ports :math:`M` for TB (required there; TA uses ``g_d.shape[0]``).
    previous_ports : sequence of int, optional
        Ports of the previous frame: starting point of the alternating search and reference
        of the switching cost.
    switching_cost : SwitchingCost, optional
        Cost model, with the port positions for the distance mode
        (``SwitchingCost(..., positions_m=...)``); when given with ``previous_ports`` every
        candidate is scored including its :class:`~wirelesseff.fas.switching.SwitchEvent`.
    frame_s : float, optional
        Frame length :math:`T` [s] (default 10 ms).
    score_fn : callable, optional
        ``score_fn(ports) -> float`` overrides the WET score (e.g. Variant B's SWIPT EE);
        return ``-inf`` for infeasible configurations. For TA greedy search, inactive antennas
        appear as ``-1``.
    initial_ports : sequence of int, optional
        Starting point of the alternating search (default ``previous_ports``, else the FPA of
        :func:`fixed_position_ports`); does not affect the switching reference.
    optimize_beam : bool, optional
        Re-optimise the beam at the selected ports with the scorer and return it as
        ``wet_result`` (default True); False skips it (faster inside simulations).

    Returns
    -------
    PortSelectionResult

    Raises
    ------
    ValueError
        Bad shapes, ports out of range, non-finite input, or an exhaustive search beyond
        ``max_candidates``.

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
    search = PortSearch.of(method)
    check_choice("architecture", architecture, ("separate", "subset"))
    _check_link_inputs(p_max, sinr_min, noise_power, frame_s)
    g_d, g_e, m, n = _port_channels(g_d, g_e, architecture, n_select)
    switching_cost = _check_switching_cost(switching_cost, n)
    if score_fn is not None and not callable(score_fn):
        raise TypeError(f"score_fn must be callable, got {type(score_fn).__name__}")
    prev = None
    if previous_ports is not None:
        prev = _validate_config(previous_ports, architecture, m, n, "previous_ports")
    start = None
    if initial_ports is not None:
        start = _validate_config(initial_ports, architecture, m, n, "initial_ports")
    eh = resolve_eh(eh_model)
    link = _Link(float(p_max), float(sinr_min), float(noise_power), power_model, eh,
                 float(frame_s))
    pb = _PortProblem(g_d, g_e, architecture, m, n, link, prev, switching_cost)
    return _select(pb, search, score_fn, start, optimize_beam)


def _select(pb, search, score_fn=None, start=None, optimize_beam=True):
    """Body of :func:`select_ports` on validated data (also used frame by frame)."""
    sc = _Scorer(pb, search, score_fn)
    if search.method == "exhaustive":
        best, best_v, history = _search_exhaustive(sc, pb, search.max_candidates)
    elif search.method == "greedy":
        best, best_v, history = _search_greedy(sc, pb)
    else:
        if start is None:
            start = pb.prev if pb.prev is not None else fixed_position_ports(pb.n, pb.m,
                                                                              pb.arch)
        best, best_v, history = _search_alternating(sc, pb, start, search.max_sweeps)

    ev = pb.event(best)
    wet = None
    if score_fn is None and optimize_beam:
        h_d, h_e = pb.channels(best)
        link = pb.link
        wet = optimize_wet_efficiency(
            h_d, h_e, link.p_max, link.gamma, link.sigma2, link.power_model, link.eh,
            ev, method=search.scorer, frame_s=link.T, tol=search.tol, rng=0,
        )
    check_no_overflow([best_v], "p_max, noise_power and frame_s", allow_neg_inf=True)
    prev = pb.prev
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
    search=None,
    architecture="separate",
    n_select=None,
    previous_ports=None,
    switching_cost=None,
    frame_s=DEFAULT_FRAME_S,
    rtol=1e-4,
    max_outer=20,
    rng=None,
):
    r"""Per-frame outer alternating optimisation of ports and beam.

    Alternates :func:`select_ports` (started from the current ports, scored as ``search``
    says; switching cost relative to ``previous_ports``) and
    :func:`~wirelesseff.fas.wet.optimize_wet_efficiency` (``method``) until
    :math:`|\Delta\eta| < \mathrm{rtol}\cdot\eta`, the ports stop changing, or
    ``max_outer`` iterations (docs/fas.md, "Port selection"). With the exact ``"oracle"``
    scorer the first pass is already a fixed point; the loop matters for approximate scorers.

    Parameters
    ----------
    g_d, g_e, p_max, sinr_min, noise_power, power_model, eh_model, architecture, n_select,
    previous_ports, switching_cost, frame_s
        As in :func:`select_ports`.
    method : {"sdr", "fpp-sca", "oracle"}, optional
        Beam optimiser of the beam step (default ``"sdr"``).
    search : PortSearch or str, optional
        Port search of the selection step (default ``PortSearch()``: alternating search with
        the closed-form oracle scorer).
    rtol : float, optional
        Relative convergence tolerance, in (0, 1) (default 1e-4).
    max_outer : int, optional
        Maximum outer iterations, 1 … :data:`MAX_OUTER` (default 20).
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
    check_choice("method", method, ("sdr", "fpp-sca", "oracle"))
    search = PortSearch() if search is None else PortSearch.of(search, "search")
    real_scalar("rtol", rtol, 0.0, 1.0, low_open=True, high_open=True)
    max_outer = check_integer("max_outer", max_outer, low=1, high=MAX_OUTER)
    check_choice("architecture", architecture, ("separate", "subset"))
    g_d, g_e, m, n = _port_channels(g_d, g_e, architecture, n_select)
    cur = previous_ports
    history: list[float] = []
    best = None
    for _ in range(max_outer):
        sel = select_ports(
            g_d, g_e, p_max, sinr_min, noise_power, power_model, eh_model,
            method=search, architecture=architecture, n_select=n_select,
            previous_ports=previous_ports, switching_cost=switching_cost, frame_s=frame_s,
            initial_ports=cur,
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
