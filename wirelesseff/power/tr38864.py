r"""3GPP TR 38.864 network-energy-saving base-station power model with sleep states.

The Rel-18 study on network energy savings for NR (3GPP TR 38.864 V18.1.0, 2023, Sec. 5.1)
models a base station (gNB) by a small set of *power states* expressed in **relative power
units** (deep sleep = 1), the *transition time* to enter and leave each sleep state, and the
*additional transition energy* spent on that round trip:

========================  =======================================================
state                     meaning
========================  =======================================================
``deep_sleep``   (P1)     most hardware off; longest wake-up
``light_sleep``  (P2)     radio partly off; intermediate wake-up
``micro_sleep``  (P3)     no transmission in a symbol/slot; immediate wake-up
``active_dl``    (P4)     downlink transmission, all PRBs, reference power
``active_ul``    (P5)     uplink reception, all PRBs
========================  =======================================================

Downlink power scales with the used PRB fraction :math:`s_f`, the transmit-power fraction
:math:`s_p` and the fraction of active TxRUs :math:`s_a` (Sec. 5.1):

.. math::

    P_\mathrm{DL} = P_3 + s_a\,(P_4 - P_3)\Bigl[A + \frac{s_f s_p}{\eta}(1 - A)\Bigr],
    \qquad P_\mathrm{UL} = P_3 + s_a\,(P_5 - P_3),

with the load-independent share :math:`A` of the dynamic power and a PA-efficiency scaling
:math:`\eta` (1 by default). An idle period of length :math:`g` spent in sleep state
:math:`s` costs :math:`P_s g + E_s` if :math:`g \ge T_s` (:math:`T_s` the total transition
time, :math:`E_s` the additional transition energy of ramping down and up), and is
infeasible otherwise.

Verification status ([V]). The primary 3GPP document was not available while this module was
written. The tables below were taken from an independent public implementation of the same
report (the ns-3 5G-LENA gNB energy model, ``nr-gnb-energy-model.cc``, which cites TR 38.864
V18.1.0 Tables 5.1-3, 5.1-4 and 5.1-5 and the Sec. 5.1 power formulas; re-read for this
review: every value below agrees with it). Second, independent secondary sources confirm
the category-2, set-1 relative powers (deep sleep 1, micro sleep 5.5, active DL 32) and the
category-2 transition times (light sleep 640 ms, deep sleep 10 s: the baseline that the
3GPP RAN1 contribution R1-2601830, Nokia, RAN1#124bis, proposes to shorten, as summarised
on a public index of RAN1 contributions). Every other value is **unverified** against the
primary source, and so is :math:`A = 0.4` (the default of that implementation).

=========  ======  ==========  ===========  ===========  =========  =========
category   set     deep (P1)   light (P2)   micro (P3)   DL (P4)    UL (P5)
=========  ======  ==========  ===========  ===========  =========  =========
1          1       1           25           55           280        110
1          2       1           25           50           200        90
1          3       1           25           38           152        80
2          1       1           2.1          5.5          32         6.5
2          2       1           2.1          5.0          26         5.8
2          3       1           2.1          3.0          17.6       4.2
=========  ======  ==========  ===========  ===========  =========  =========

Reference configuration sets (Table 5.1-1): set 1 FR1 TDD 100 MHz, 30 kHz, 64 TxRU,
55 dBm; set 2 FR1 FDD 20 MHz, 15 kHz, 32 TxRU, 49 dBm; set 3 FR2 TDD 100 MHz, 120 kHz,
2 TxRU, 33 dBm.

=========  ============  =====================  ======================================
category   state         transition time T_s    additional energy E_s [rel. unit x ms]
=========  ============  =====================  ======================================
1          deep sleep    50 ms                  1000
1          light sleep   6 ms                   90
2          deep sleep    10 s                   17000
2          light sleep   640 ms                 1088
any        micro sleep   0                      0
=========  ============  =====================  ======================================

The report gives relative units only. :attr:`TR38864Params.power_unit` converts them to watts
[W per relative unit]; it is a modelling choice of the user (e.g. anchored so that ``active_dl``
equals a measured full-load power, see :func:`tr38864_params`), not a 3GPP value.

References
----------
.. [1] 3GPP TR 38.864 V18.1.0, "Study on network energy savings for NR (Release 18)", 2023,
   Sec. 5.1, Tables 5.1-1, 5.1-3, 5.1-4, 5.1-5.
.. [2] ns-3 5G-LENA (CTTC), ``nr-gnb-energy-model.cc`` (implementation of [1], Sec. 5.1).
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass, replace

import numpy as np
from scipy import special

from .._validation import (
    check_choice,
    check_finite,
    check_in_range,
    check_no_overflow,
    check_positive,
)

__all__ = [
    "TR38864_SLEEP_STATES",
    "TR38864_STATES",
    "TR38864Params",
    "tr38864_average_power",
    "tr38864_dl_power",
    "tr38864_idle_energy",
    "tr38864_params",
    "tr38864_sleep_state",
]

#: Power states of the model, deepest first (Table 5.1-3 column order P1..P5).
TR38864_STATES = ("deep_sleep", "light_sleep", "micro_sleep", "active_dl", "active_ul")
#: The sleep states, deepest first.
TR38864_SLEEP_STATES = ("deep_sleep", "light_sleep", "micro_sleep")

# Table 5.1-3 (relative power, deep sleep = 1), keyed by (category, reference set). [V]: from
# the ns-3 5G-LENA implementation of the report; category 2 / set 1 also confirmed elsewhere.
_RELATIVE_POWER = {
    (1, 1): (1.0, 25.0, 55.0, 280.0, 110.0),
    (1, 2): (1.0, 25.0, 50.0, 200.0, 90.0),
    (1, 3): (1.0, 25.0, 38.0, 152.0, 80.0),
    (2, 1): (1.0, 2.1, 5.5, 32.0, 6.5),
    (2, 2): (1.0, 2.1, 5.0, 26.0, 5.8),
    (2, 3): (1.0, 2.1, 3.0, 17.6, 4.2),
}
# Tables 5.1-4 (total transition time [s]) and 5.1-5 (additional transition energy, converted
# from relative unit x ms to relative unit x s), per category, for deep/light/micro sleep.
#: Upper bound [s] of ``common_signal_period`` (about 32 years, i.e. "no common signals" for
#: any load; keeps the closed forms finite).
MAX_COMMON_SIGNAL_PERIOD = 1e9

_TRANSITION_TIME = {1: (50e-3, 6e-3, 0.0), 2: (10.0, 640e-3, 0.0)}
_TRANSITION_ENERGY = {1: (1000e-3, 90e-3, 0.0), 2: (17000e-3, 1088e-3, 0.0)}

#: Load-independent share A of the dynamic DL power (Sec. 5.1) [unverified: the default of the
#: ns-3 5G-LENA implementation].
TR38864_LOAD_INDEPENDENT_FRACTION = 0.4


@dataclass(frozen=True)
class TR38864Params:
    r"""Parameters of the TR 38.864 base-station power model (one category and reference set).

    Attributes
    ----------
    category : int
        BS category of Table 5.1-3 (1 or 2).
    config_set : int
        Reference configuration set of Table 5.1-1 (1, 2 or 3).
    relative_power : tuple of 5 float
        :math:`P_1..P_5` in relative units, in the order of :data:`TR38864_STATES`.
    transition_time : tuple of 3 float
        Total transition time :math:`T_s` of deep, light and micro sleep [s].
    transition_energy : tuple of 3 float
        Additional transition energy :math:`E_s` of deep, light and micro sleep
        [relative unit x s].
    load_independent_fraction : float
        :math:`A` in [0, 1] [-] (default 0.4, unverified).
    power_unit : float
        Watts per relative unit [W], > 0 (a user choice; 1 by default).

    Examples
    --------
    >>> p = tr38864_params(1, 1, power_unit=2.0)
    >>> p.power("deep_sleep"), p.power("active_dl")
    (2.0, 560.0)
    >>> p.energy("deep_sleep")                      # 1000 rel. unit x ms at 2 W/unit
    2.0
    """

    category: int
    config_set: int
    relative_power: tuple
    transition_time: tuple
    transition_energy: tuple
    load_independent_fraction: float = TR38864_LOAD_INDEPENDENT_FRACTION
    power_unit: float = 1.0

    def __post_init__(self):
        for name, allowed in (("category", (1, 2)), ("config_set", (1, 2, 3))):
            value = getattr(self, name)
            if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Integral):
                raise TypeError(f"{name} must be an integer in {allowed}, got {value!r}")
            check_choice(name, int(value), allowed)
        shapes = {"relative_power": 5, "transition_time": 3, "transition_energy": 3}
        arrays = {}
        for name, size in shapes.items():
            arr = check_in_range(name, getattr(self, name), 0.0, None)
            check_finite(**{name: arr})
            if arr.shape != (size,):
                raise ValueError(f"{name} must have {size} entries, got shape {arr.shape}")
            arrays[name] = arr
        check_positive(relative_power=arrays["relative_power"])
        check_in_range("power_unit", self.power_unit, 0.0, None, low_open=True)
        check_finite(power_unit=self.power_unit)
        check_in_range("load_independent_fraction", self.load_independent_fraction, 0.0, 1.0)

    def power(self, state: str) -> float:
        """Power of a state [W] (relative power times :attr:`power_unit`)."""
        check_choice("state", state, TR38864_STATES)
        return float(self.relative_power[TR38864_STATES.index(state)] * self.power_unit)

    def energy(self, state: str) -> float:
        """Additional transition energy of a sleep state [J]."""
        check_choice("state", state, TR38864_SLEEP_STATES)
        return float(self.transition_energy[TR38864_SLEEP_STATES.index(state)]
                     * self.power_unit)

    def time(self, state: str) -> float:
        """Total transition time of a sleep state [s]."""
        check_choice("state", state, TR38864_SLEEP_STATES)
        return float(self.transition_time[TR38864_SLEEP_STATES.index(state)])

    def with_power_unit(self, power_unit: float) -> TR38864Params:
        """A copy with another :attr:`power_unit` [W per relative unit]."""
        return replace(self, power_unit=float(power_unit))


def tr38864_params(category: int = 1, config_set: int = 1, *, power_unit: float = 1.0,
                   p_active_dl: float | None = None) -> TR38864Params:
    r"""TR 38.864 Table 5.1-3/5.1-4/5.1-5 parameters of one BS category and reference set.

    Parameters
    ----------
    category : {1, 2}
        BS category (columns of Table 5.1-3).
    config_set : {1, 2, 3}
        Reference configuration set (Table 5.1-1).
    power_unit : float, optional
        Watts per relative unit [W]; default 1 (results then read in relative units).
    p_active_dl : float, optional
        Anchor instead of ``power_unit``: the absolute power of ``active_dl`` (all PRBs, full
        power) [W]; then ``power_unit = p_active_dl / P4``.

    Raises
    ------
    ValueError
        Unknown category or set, or a non-positive power.

    Examples
    --------
    >>> p = tr38864_params(2, 1)
    >>> p.relative_power, p.transition_time
    ((1.0, 2.1, 5.5, 32.0, 6.5), (10.0, 0.64, 0.0))
    >>> tr38864_params(p_active_dl=448.0).power_unit      # 448 W / 280 units
    1.6
    """
    for name, value, allowed in (("category", category, (1, 2)),
                                 ("config_set", config_set, (1, 2, 3))):
        if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Integral):
            raise TypeError(f"{name} must be an integer in {allowed}, got {value!r}")
        check_choice(name, int(value), allowed)
    rel = _RELATIVE_POWER[(int(category), int(config_set))]
    if p_active_dl is not None:
        arr = check_in_range("p_active_dl", p_active_dl, 0.0, None, low_open=True)
        check_finite(p_active_dl=arr)
        if arr.ndim:
            raise ValueError(f"p_active_dl must be a scalar, got shape {arr.shape}")
        power_unit = float(arr) / rel[3]
    return TR38864Params(category=int(category), config_set=int(config_set),
                         relative_power=rel, transition_time=_TRANSITION_TIME[int(category)],
                         transition_energy=_TRANSITION_ENERGY[int(category)],
                         power_unit=float(power_unit))


def _params(params) -> TR38864Params:
    if params is None:
        return tr38864_params()
    if not isinstance(params, TR38864Params):
        raise TypeError(f"params must be a TR38864Params (see tr38864_params), got "
                        f"{type(params).__name__}")
    return params


def tr38864_dl_power(prb_fraction, params=None, *, tx_power_fraction=1.0, active_fraction=1.0,
                     pa_scaling=1.0):
    r"""Downlink power of a transmitting base station (TR 38.864 Sec. 5.1) [W].

    Parameters
    ----------
    prb_fraction : array_like
        Fraction of PRBs used :math:`s_f` in [0, 1] [-].
    params : TR38864Params, optional
        Model parameters (default: category 1, set 1, 1 W per relative unit).
    tx_power_fraction : array_like, optional
        Transmit power relative to the reference power :math:`s_p` in [0, 1] [-]; default 1.
    active_fraction : array_like, optional
        Fraction of active TxRUs :math:`s_a` in [0, 1] [-]; default 1.
    pa_scaling : array_like, optional
        PA-efficiency scaling :math:`\eta` in [0.01, 1] [-]; default 1.

    Returns
    -------
    ndarray or float
        :math:`P_\mathrm{DL}` [W], broadcast over the inputs.

    Notes
    -----
    .. math::

        P_\mathrm{DL} = P_3 + s_a (P_4 - P_3)\Bigl[A + \frac{s_f s_p}{\eta}(1-A)\Bigr]

    (TR 38.864 Sec. 5.1, as implemented in ns-3 5G-LENA; :math:`A` = 0.4 unverified). It
    equals :math:`P_4` at :math:`s_f = s_p = s_a = \eta = 1` and :math:`P_3` with no active
    TxRU.

    Examples
    --------
    >>> float(tr38864_dl_power(1.0))
    280.0
    >>> float(tr38864_dl_power(0.0))                      # 55 + 0.4 x 225
    145.0
    """
    p = _params(params)
    sf = check_in_range("prb_fraction", prb_fraction, 0.0, 1.0).astype(float)
    sp = check_in_range("tx_power_fraction", tx_power_fraction, 0.0, 1.0).astype(float)
    sa = check_in_range("active_fraction", active_fraction, 0.0, 1.0).astype(float)
    eta = check_in_range("pa_scaling", pa_scaling, 0.01, 1.0).astype(float)
    p3, p4 = p.relative_power[2], p.relative_power[3]
    a = p.load_independent_fraction
    rel = p3 + sa * (p4 - p3) * (a + sf * sp / eta * (1.0 - a))
    with np.errstate(over="ignore"):
        out = rel * p.power_unit
    check_no_overflow([out], "params")
    return out[()]


def _sleep_indices(states) -> list[int]:
    if isinstance(states, str) or not hasattr(states, "__iter__"):
        raise TypeError(f"states must be a sequence of sleep-state names from "
                        f"{TR38864_SLEEP_STATES}, got {type(states).__name__}")
    states = tuple(states)
    for st in states:
        if not isinstance(st, str):
            raise TypeError(f"states must hold names from {TR38864_SLEEP_STATES}, got {st!r}")
    if not states:
        raise ValueError("states must name at least one sleep state")
    for s in states:
        check_choice("states", s, TR38864_SLEEP_STATES)
    if len(set(states)) != len(states):
        raise ValueError(f"states must not repeat a state, got {states!r}")
    return sorted(TR38864_SLEEP_STATES.index(s) for s in states)


def tr38864_sleep_state(idle_time, params=None, *, states=TR38864_SLEEP_STATES):
    r"""Deepest allowed sleep state whose transition time fits an idle period.

    Parameters
    ----------
    idle_time : array_like
        Length of the idle period :math:`g` [s], >= 0.
    params : TR38864Params, optional
        Model parameters (default category 1, set 1).
    states : sequence of str, optional
        Allowed sleep states (default all three). A state is feasible when its total
        transition time :math:`T_s \le g`.

    Returns
    -------
    ndarray of int or int
        Index into :data:`TR38864_SLEEP_STATES` (0 deep, 1 light, 2 micro); -1 where no allowed
        state fits (only possible when ``micro_sleep`` is not allowed).

    Examples
    --------
    >>> tr38864_sleep_state([0.001, 0.01, 0.1])          # category 1: 6 ms light, 50 ms deep
    array([2, 1, 0])
    """
    p = _params(params)
    g = check_in_range("idle_time", idle_time, 0.0).astype(float)
    check_finite(idle_time=g)
    out = np.full(g.shape, -1, dtype=int)
    for k in sorted(_sleep_indices(states), reverse=True):  # shallow -> deep: deeper wins
        out = np.where(g >= p.transition_time[k], k, out)
    return out[()]


def _state_lines(p: TR38864Params, states):
    """(index, power [W], energy [J], time [s]) of the allowed sleep states."""
    idx = _sleep_indices(states)
    return [(k, p.relative_power[k] * p.power_unit, p.transition_energy[k] * p.power_unit,
             p.transition_time[k]) for k in idx]


def tr38864_idle_energy(idle_time, params=None, *, states=TR38864_SLEEP_STATES,
                        rule="deepest"):
    r"""Energy of idle periods spent asleep (TR 38.864 Sec. 5.1 state model) [J].

    Parameters
    ----------
    idle_time : array_like
        Idle-period lengths :math:`g` [s], >= 0.
    params : TR38864Params, optional
        Model parameters (default category 1, set 1, 1 W per unit).
    states : sequence of str, optional
        Allowed sleep states (default all three).
    rule : {"deepest", "min_energy"}
        ``"deepest"``: the deepest allowed state whose transition time fits (the usual
        sleep-mode rule); ``"min_energy"``: the feasible state of least energy (an oracle that
        knows :math:`g`; differs only where a transition energy outweighs the saving: category
        2 for 10-14.47 s; with set 3 also category 1 for 6-6.9 ms and category 2 for
        0.64-1.21 s, where the deepest fit costs more than micro sleep).

    Returns
    -------
    ndarray or float
        :math:`P_s g + E_s` [J] for the chosen state; ``inf`` where no allowed state fits.

    Examples
    --------
    >>> [round(float(e), 3) for e in tr38864_idle_energy([0.001, 0.01, 0.1])]
    [0.055, 0.34, 1.1]
    """
    p = _params(params)
    check_choice("rule", rule, ("deepest", "min_energy"))
    g = check_in_range("idle_time", idle_time, 0.0).astype(float)
    check_finite(idle_time=g)
    best = np.full(g.shape, np.inf)
    lines = _state_lines(p, states)
    with np.errstate(over="ignore", invalid="ignore"):
        if rule == "deepest":
            chosen = tr38864_sleep_state(g, p, states=states)
            fits = chosen >= 0  # -1: no allowed state fits
            for k, pw, en, _t in lines:
                best = np.where(chosen == k, pw * g + en, best)
        else:
            fits = g >= min(t for _k, _pw, _en, t in lines)
            for _k, pw, en, t in lines:
                best = np.where(g >= t, np.minimum(best, pw * g + en), best)
    # inf is the documented "no state fits"; where one fits, inf is an overflow
    check_no_overflow([np.where(fits, best, 0.0)], "idle_time, params")
    return best[()]


def _rate_times_expected_linear(lam, a, b, slope, intercept):
    r""":math:`\lambda\,E[(s\,G + c)\,1\{a \le G < b\}]` for :math:`G \sim \mathrm{Exp}(\lambda)`.

    Written without :math:`1/\lambda` so that vanishing rates (loads near 0) stay finite.
    """
    ea = np.exp(-lam * a)
    if np.isinf(b):
        first, eb = (lam * a + 1.0) * ea, 0.0
    else:
        eb = np.exp(-lam * b)
        first = (lam * a + 1.0) * ea - (lam * b + 1.0) * eb
    return slope * first + intercept * lam * (ea - eb)


def _phi(m, z):
    r""":math:`\varphi_m(z) = \int_0^1 t^m e^{-zt}\,dt = m!\,P(m+1, z)/z^{m+1}` (``z >= 0``).

    :func:`scipy.special.gammainc` (the regularised lower incomplete gamma :math:`P`) keeps
    its relative accuracy for small :math:`z`, where the elementary form cancels; below
    1e-30 the two-term series is exact to rounding.
    """
    z = np.asarray(z, dtype=float)
    small = z < 1e-30
    zs = np.where(small, 1.0, z)
    with np.errstate(over="ignore", under="ignore"):
        exact = special.factorial(m) * special.gammainc(m + 1, zs) / zs ** (m + 1)
    return np.where(small, 1.0 / (m + 1) - z / (m + 2), exact)


def _moments(lam, a, b):
    r""":math:`K_n = \int_a^b x^n e^{-\lambda x}\,dx` for :math:`n = 0, 1, 2` (``lam >= 0``).

    Written as :math:`e^{-\lambda a}\sum_m \binom{n}{m} a^{n-m}\Delta^{m+1}
    \varphi_m(\lambda\Delta)`, :math:`\Delta = b - a`: finite and accurate for every
    :math:`\lambda\Delta` (no difference of nearly equal exponentials).
    """
    d = b - a
    z = lam * d
    ea = np.exp(-lam * a)
    j0, j1, j2 = (d ** (m + 1) * _phi(m, z) for m in range(3))
    return ea * j0, ea * (a * j0 + j1), ea * (a * a * j0 + 2.0 * a * j1 + j2)


def _idle_pieces(lines, rule, end):
    """``(a, b, power, energy)`` of the intervals of [0, end) on which one state is used.

    Breakpoints: transition times and, for ``"min_energy"``, the crossings of two states'
    lines. Raises when some short idle period fits no allowed state.
    """
    cuts = {0.0} | {t for _k, _p, _e, t in lines if t < end}
    if rule == "min_energy":
        for i, (_k1, p1, e1, _t1) in enumerate(lines):
            for _k2, p2, e2, _t2 in lines[i + 1:]:
                if p1 != p2:
                    g = (e2 - e1) / (p1 - p2)
                    if 0 < g < end:
                        cuts.add(g)
    cuts = sorted(cuts) + [end]
    out = []
    for a, b in zip(cuts[:-1], cuts[1:]):
        probe = a + 1.0 if np.isinf(b) else 0.5 * (a + b)
        feas = [(pw, en) for _k, pw, en, t in lines if t <= a]
        if not feas:
            raise ValueError("states must include 'micro_sleep' (transition time 0) for the "
                             "mean power of random idle periods, or every short idle period "
                             "is infeasible")
        if rule == "deepest":
            pw, en = feas[0]  # lines are deepest first
        else:
            pw, en = min(feas, key=lambda pe: pe[0] * probe + pe[1])
        out.append((a, b, pw, en))
    return out


def _average_power_with_common_signals(chi, s, p, states, rule, prb_fraction, tc):
    """:func:`tr38864_average_power` with idle periods split every ``tc`` seconds."""
    busy = tr38864_dl_power(prb_fraction, p)
    lines = _state_lines(p, states)
    lam = chi / s
    first = np.zeros(chi.shape)   # lambda E[E_idle(min(G, R))], R ~ U(0, tc)
    capped = np.zeros(chi.shape)  # E[E_idle(min(G, tc))] without its atom at tc
    for a, b, pw, en in _idle_pieces(lines, rule, tc):
        k0, k1, k2 = _moments(lam, a, b)
        lin0, lin1 = pw * k1 + en * k0, pw * k2 + en * k1
        first = first + lam * ((lam + 1.0 / tc) * lin0 - lam / tc * lin1)
        capped = capped + lam * lin0
    full = float(tr38864_idle_energy(tc, p, states=states, rule=rule))
    capped = capped + full * np.exp(-lam * tc)
    mean = chi * busy + (1.0 - chi) * (first + capped / tc)
    mean = np.where(chi >= 1.0, busy, mean)
    return np.asarray(mean, dtype=float)[()]


def tr38864_average_power(load, params=None, *, burst_duration, states=TR38864_SLEEP_STATES,
                          rule="deepest", prb_fraction=1.0, common_signal_period=None):
    r"""Mean power of a base station serving Poisson bursts, sleeping in its idle periods [W].

    Parameters
    ----------
    load : array_like
        Fraction of time the BS transmits :math:`\chi` in [0, 1] [-].
    params : TR38864Params, optional
        Model parameters (default category 1, set 1, 1 W per unit).
    burst_duration : array_like
        Mean service time :math:`\bar S` of one traffic burst at the busy-state power [s],
        > 0 (e.g. a file of the FTP traffic model served at the cell's peak rate).
    states : sequence of str, optional
        Allowed sleep states. ``("micro_sleep",)`` is a BS without light/deep sleep.
    rule : {"deepest", "min_energy"}
        State selection per idle period (see :func:`tr38864_idle_energy`).
    prb_fraction : array_like, optional
        PRB fraction :math:`s_f` while busy (default 1: bursts use the full band).
    common_signal_period : float, optional
        Period :math:`T_c` [s] of the always-on common signals (SSB bursts, system
        information) that interrupt every idle period, in (0, 1e9] (NR periodicities are at
        most 160 ms); ``None`` (default): none, the
        TR 38.864 state machine alone (an idle cell may stay in its deepest state). E.g.
        0.02 s, the SSB periodicity a UE assumes for initial cell selection (3GPP TS 38.213
        Sec. 4.1: half frames with SS/PBCH blocks every 2 frames).

    Returns
    -------
    ndarray or float
        :math:`\bar P` [W], broadcast over ``load`` and ``burst_duration``.

    Notes
    -----
    Bursts arrive as a Poisson process of rate :math:`\lambda = \chi/\bar S` (an M/G/1
    queue); the idle periods are then i.i.d. exponential with rate :math:`\lambda` and occur
    :math:`\lambda(1-\chi)` times per second, so

    .. math::

        \bar P = \chi P_\mathrm{DL}(s_f) + \lambda(1-\chi)\,
                 \mathbb{E}\bigl[E_\mathrm{idle}(G)\bigr],\qquad G\sim\mathrm{Exp}(\lambda),

    with :math:`E_\mathrm{idle}` of :func:`tr38864_idle_energy` (piecewise linear in
    :math:`g`, so the expectation is a finite sum of closed forms). At :math:`\chi = 0` the BS
    stays in its deepest allowed state; at :math:`\chi = 1` it never idles. The queueing model
    is this project's assumption [R], not part of TR 38.864; the wake-up is assumed to be
    scheduled ahead of the next burst (no added delay).

    **Common signals** [R]. With ``common_signal_period`` :math:`T_c`, periodic common-signal
    occasions (instantaneous; their transmission energy is not charged) split every idle
    period: the first piece ends at the first occasion, a uniform :math:`R\sim U(0, T_c)`
    after the idle period starts (the grid is independent of the traffic), then pieces of
    :math:`T_c` follow until the next burst, each spent in the state that fits it. By the
    memorylessness of :math:`G`,

    .. math::

        \bar P = \chi P_\mathrm{DL} + (1-\chi)\Bigl[\lambda\,\mathbb{E}\bigl[
                  E_\mathrm{idle}(\min(G, R))\bigr]
                  + \frac{\mathbb{E}\bigl[E_\mathrm{idle}(\min(G, T_c))\bigr]}{T_c}\Bigr],

    again a finite sum of closed forms (:math:`\min(G, R)` has the density
    :math:`e^{-\lambda x}(\lambda(1 - x/T_c) + 1/T_c)` on :math:`[0, T_c]`). An idle cell
    then costs :math:`E_\mathrm{idle}(T_c)/T_c`: with :math:`T_c` = 20 ms a category-1 BS
    (deep sleep needs 50 ms) sleeps no deeper than light sleep.

    Examples
    --------
    >>> p = tr38864_params()                              # relative units
    >>> float(tr38864_average_power(1.0, p, burst_duration=0.04))
    280.0
    >>> float(tr38864_average_power(0.0, p, burst_duration=0.04))
    1.0
    >>> no_sleep = tr38864_average_power(0.2, p, burst_duration=0.04, states=("micro_sleep",))
    >>> round(float(no_sleep), 6)                         # 0.2 x 280 + 0.8 x 55
    100.0
    >>> idle = tr38864_average_power(0.0, p, burst_duration=0.04, common_signal_period=0.02)
    >>> round(float(idle), 6)                             # light sleep: (25 x 20 + 90) / 20
    29.5
    """
    p = _params(params)
    check_choice("rule", rule, ("deepest", "min_energy"))
    chi = check_in_range("load", load, 0.0, 1.0).astype(float)
    s = check_in_range("burst_duration", burst_duration, 0.0, None, low_open=True).astype(float)
    check_finite(burst_duration=s)
    try:
        np.broadcast_shapes(chi.shape, s.shape)
    except ValueError:
        raise ValueError(f"load and burst_duration must broadcast together, got shapes "
                         f"{chi.shape} and {s.shape}") from None
    chi, s = np.broadcast_arrays(chi, s)
    if common_signal_period is not None:
        tc = check_in_range("common_signal_period", common_signal_period, 0.0,
                            MAX_COMMON_SIGNAL_PERIOD, low_open=True)
        check_finite(common_signal_period=tc)
        if tc.ndim:
            raise ValueError(f"common_signal_period must be a scalar [s], got shape {tc.shape}")
        return _average_power_with_common_signals(chi, s, p, states, rule, prb_fraction,
                                                  float(tc))
    busy = tr38864_dl_power(prb_fraction, p)
    lines = _state_lines(p, states)
    lam = np.where(chi > 0, chi / s, 1.0)  # dummy rate where chi = 0 (handled below)
    idle = np.zeros(chi.shape)
    for a, b, pw, en in _idle_pieces(lines, rule, np.inf):
        idle = idle + _rate_times_expected_linear(lam, a, b, pw, en)
    deepest_power = lines[0][1]
    mean = np.where(chi > 0, chi * busy + (1.0 - chi) * idle, deepest_power)
    mean = np.where(chi >= 1.0, busy, mean)
    check_no_overflow([mean], "load, burst_duration, params")
    return np.asarray(mean, dtype=float)[()]
