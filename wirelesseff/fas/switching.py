r"""Port-switching cost of a fluid antenna: delay and energy of a port change (*reconstruction*).

The abstract of Zhang et al. (arXiv:2503.04147) states that port switching costs time and
energy, but its cost model is not available. This module implements two transparent
reconstructions (docs/fas.md, "Switching cost") with no default constants; studies sweep the
full-move delay :math:`\tau_\mathrm{full}` relative to the frame length :math:`T` and the
full-move energy :math:`E_\mathrm{full}` relative to :math:`T P_c`.

``"distance"``
    A liquid-metal/mechanical element moves: for each antenna (TA) or paired port (TB) the
    travel :math:`d_m = |x[k_m] - x[k'_m]|` is normalised by the antenna length
    :math:`W\lambda`; delay :math:`\tau = \tau_\mathrm{full}\max_m d_m/(W\lambda)` when the
    elements move in parallel (else the sum), energy
    :math:`E = E_\mathrm{full}\sum_m d_m/(W\lambda)`.
``"constant"``
    Electronically switched ports (e.g. pixel antennas): a fixed delay :math:`\tau_\mathrm{full}`
    when anything changes and :math:`E_\mathrm{full}` per moved antenna/port.

Optionally (``idle_power_w``) the circuits keep drawing :math:`P_\mathrm{idle}` during the move,
which adds :math:`P_\mathrm{idle}\tau` to the event energy (an extension: the WET efficiency
otherwise counts no consumption while nothing is transmitted).
"""

from __future__ import annotations

import math
from dataclasses import KW_ONLY, dataclass

import numpy as np

from .._validation import check_choice, check_finite, check_in_range, check_integer
from ._checks import real_scalar

__all__ = ["SwitchEvent", "SwitchingCost", "NO_SWITCH"]


@dataclass(frozen=True)
class SwitchEvent:
    r"""Cost of one reconfiguration, paid in the frame where the ports change.

    Parameters
    ----------
    delay_s : float
        Switching delay :math:`\tau_\mathrm{sw} \ge 0` [s] (no transmission meanwhile).
    energy_j : float
        Switching energy :math:`E_\mathrm{sw} \ge 0` [J].
    n_moved : int, optional
        Number of antennas (TA) or ports (TB) that moved (informational), 0 … 10^9.

    Examples
    --------
    >>> SwitchEvent(1e-3, 2e-4).delay_s
    0.001
    """

    delay_s: float = 0.0
    energy_j: float = 0.0
    n_moved: int = 0

    def __post_init__(self):
        for name in ("delay_s", "energy_j"):
            v = getattr(self, name)
            if not (type(v) is float and 0.0 <= v < math.inf):  # fast path: a valid float
                object.__setattr__(self, name, real_scalar(name, v, 0.0))
        if type(self.n_moved) is not int or not 0 <= self.n_moved <= 10**9:
            object.__setattr__(self, "n_moved", check_integer("n_moved", self.n_moved, low=0,
                                                              high=10**9))

    @property
    def switched(self) -> bool:
        """Whether any port changed."""
        return self.n_moved > 0 or self.delay_s > 0 or self.energy_j > 0


#: The event of keeping the ports (zero cost).
NO_SWITCH = SwitchEvent()


@dataclass(frozen=True)
class SwitchingCost:
    r"""Switching-cost model of a fluid antenna (*reconstruction*, docs/fas.md, "Switching cost").

    Parameters
    ----------
    mode : {"distance", "constant"}
        Cost model (module docstring).
    full_move_delay_s : float
        :math:`\tau_\mathrm{full}` [s]: delay of a move across the whole antenna (distance) or of
        any change (constant). Keyword-only and required: there are no default constants
        (the forms of Zhang et al., arXiv:2503.04147, are unknown; studies sweep
        :math:`\tau_\mathrm{full}/T`).
    full_move_energy_j : float
        :math:`E_\mathrm{full}` [J]: energy of a move across the whole antenna (distance) or per
        moved antenna/port (constant). Keyword-only and required (studies sweep
        :math:`E_\mathrm{full}/(TP_c)`).
    parallel : bool, optional
        Distance mode: elements move simultaneously (delay = longest move) or one after the other
        (delay = total travel). Default True.
    idle_power_w : float, optional
        Power drawn while the ports move, :math:`P_\mathrm{idle}` [W] (e.g. the circuit power
        :math:`P_c`); :math:`P_\mathrm{idle}\tau` is added to the event energy. Default 0 (the
        WET efficiency then counts no consumption during :math:`\tau`).
    positions_m : array_like, shape (N,), optional
        Port positions [m] of the antenna this cost applies to
        (:func:`~wirelesseff.fas.channels.port_positions`); the antenna length :math:`W\lambda`
        is ``max - min``. Required by the distance mode when the cost is passed to
        :func:`~wirelesseff.fas.select_ports` or
        :func:`~wirelesseff.fas.simulate_long_term`; stored as a tuple of floats.

    Examples
    --------
    >>> x = np.linspace(0.0, 1.0, 5)          # port positions [m], W*lambda = 1 m
    >>> cost = SwitchingCost("distance", full_move_delay_s=1e-3, full_move_energy_j=1e-4,
    ...                      positions_m=x)
    >>> ev = cost.event((0, 0), (2, 4))        # TA: FA 0 moves 0.5, FA 1 moves 1.0
    >>> ev.delay_s, round(ev.energy_j, 12), ev.n_moved
    (0.001, 0.00015, 2)
    >>> cost.event((0, 4), (0, 4)).switched
    False
    """

    mode: str = "distance"
    _: KW_ONLY
    full_move_delay_s: float
    full_move_energy_j: float
    parallel: bool = True
    idle_power_w: float = 0.0
    positions_m: tuple | None = None

    def __post_init__(self):
        check_choice("mode", self.mode, ("distance", "constant"))
        for name in ("full_move_delay_s", "full_move_energy_j", "idle_power_w"):
            check_in_range(name, getattr(self, name), 0.0, None)
            check_finite(**{name: getattr(self, name)})
        if not isinstance(self.parallel, bool | np.bool_):
            raise TypeError(f"parallel must be a bool, got {self.parallel!r}")
        if self.positions_m is not None:
            x = check_in_range("positions_m", self.positions_m).astype(float)
            check_finite(positions_m=x)
            if x.ndim != 1 or x.size == 0:
                raise ValueError(f"positions_m must be a non-empty 1-D array (one position per "
                                 f"port), got shape {x.shape}")
            object.__setattr__(self, "positions_m", tuple(float(v) for v in x))

    def _positions(self, positions_m):
        """Positions given to a method, else the stored ones (ValueError if none)."""
        if positions_m is None:
            positions_m = self.positions_m
        if positions_m is None:
            raise ValueError("positions_m is required: pass it here or to SwitchingCost(...)")
        return np.asarray(positions_m, dtype=float).ravel()

    @property
    def is_zero(self) -> bool:
        """True when switching is free."""
        return self.full_move_delay_s == 0.0 and self.full_move_energy_j == 0.0

    def event(self, prev_ports, new_ports, positions_m=None, *, architecture="separate"):
        r"""Cost of changing from ``prev_ports`` to ``new_ports``.

        Parameters
        ----------
        prev_ports : sequence of int or None
            Previous configuration (0-based): TA one port per antenna, TB the active subset.
            ``None`` (no previous frame) costs nothing.
        new_ports : sequence of int
            New configuration, same length.
        positions_m : array_like, shape (N,), optional
            Port positions [m] (:func:`~wirelesseff.fas.channels.port_positions`); the antenna
            length :math:`W\lambda` is ``max - min``. Default: the stored ``positions_m``.
        architecture : {"separate", "subset"}, optional
            ``"separate"`` (TA): antenna m moves from ``prev[m]`` to ``new[m]``. ``"subset"``
            (TB): old and new positions are sorted and paired (the optimal 1-D matching).

        Returns
        -------
        SwitchEvent
        """
        check_choice("architecture", architecture, ("separate", "subset"))
        if prev_ports is None:
            return NO_SWITCH
        prev = np.asarray(prev_ports, dtype=int).ravel()
        new = np.asarray(new_ports, dtype=int).ravel()
        if prev.shape != new.shape:
            raise ValueError(
                f"new_ports must have the length of prev_ports ({prev.size}), got {new.size}"
            )
        if architecture == "subset":
            prev, new = np.sort(prev), np.sort(new)
            n_moved = int(np.setdiff1d(new, prev).size)
        else:
            n_moved = int(np.count_nonzero(prev != new))
        if n_moved == 0:
            return NO_SWITCH
        if self.mode == "constant":
            tau = float(self.full_move_delay_s)
            return SwitchEvent(
                delay_s=tau,
                energy_j=float(self.full_move_energy_j) * n_moved + self.idle_power_w * tau,
                n_moved=n_moved,
            )
        x = self._positions(positions_m)
        span = float(x.max() - x.min())
        d = np.abs(x[new] - x[prev]) / span if span > 0 else np.zeros(prev.size)
        tau = float(self.full_move_delay_s) * float(d.max() if self.parallel else d.sum())
        return SwitchEvent(
            delay_s=tau,
            energy_j=float(self.full_move_energy_j) * float(d.sum()) + self.idle_power_w * tau,
            n_moved=n_moved,
        )

    def event_batch(self, prev_ports, configs, positions_m=None, *, architecture="separate"):
        r"""Vectorised :meth:`event` from one previous configuration to many new ones.

        Parameters
        ----------
        prev_ports : sequence of int or None
            Previous configuration (``None``: all costs zero).
        configs : array_like of int, shape (C, M)
            Candidate configurations (TB rows sorted ascending).
        positions_m : array_like, shape (N,), optional
            Port positions [m] (default: the stored ``positions_m``).
        architecture : {"separate", "subset"}, optional
            As in :meth:`event`.

        Returns
        -------
        delay_s, energy_j : ndarray, shape (C,)
            Switching delay [s] and energy [J] of each candidate.
        n_moved : ndarray of int, shape (C,)

        Examples
        --------
        >>> cost = SwitchingCost("constant", full_move_delay_s=1e-3, full_move_energy_j=1e-4)
        >>> tau, e, k = cost.event_batch((0, 1), [[0, 1], [0, 2], [3, 2]], np.arange(4.0))
        >>> tau.tolist(), k.tolist()
        ([0.0, 0.001, 0.001], [0, 1, 2])
        """
        check_choice("architecture", architecture, ("separate", "subset"))
        cfg = np.atleast_2d(np.asarray(configs, dtype=int))
        c = cfg.shape[0]
        if prev_ports is None:
            return np.zeros(c), np.zeros(c), np.zeros(c, dtype=int)
        prev = np.asarray(prev_ports, dtype=int).ravel()
        if cfg.shape[1] != prev.size:
            raise ValueError(
                f"configs must have {prev.size} columns like prev_ports, got {cfg.shape[1]}"
            )
        if architecture == "subset":
            prev = np.sort(prev)
            cfg = np.sort(cfg, axis=1)
            n_moved = cfg.shape[1] - np.isin(cfg, prev).sum(axis=1)
        else:
            n_moved = np.count_nonzero(cfg != prev, axis=1)
        moved = n_moved > 0
        if self.mode == "constant":
            tau = np.where(moved, float(self.full_move_delay_s), 0.0)
            energy = float(self.full_move_energy_j) * n_moved + self.idle_power_w * tau
            return tau, energy, n_moved
        x = self._positions(positions_m)
        span = float(x.max() - x.min())
        d = np.abs(x[cfg] - x[prev]) / span if span > 0 else np.zeros(cfg.shape)
        travel = d.max(axis=1) if self.parallel else d.sum(axis=1)
        tau = np.where(moved, float(self.full_move_delay_s) * travel, 0.0)
        energy = np.where(moved, float(self.full_move_energy_j) * d.sum(axis=1), 0.0)
        return tau, energy + self.idle_power_w * tau, n_moved
