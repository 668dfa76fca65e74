r"""Base-station power with load and sleep, and the network energy-efficiency metrics.

:class:`CellPowerModel` maps a cell's utilisation :math:`\chi` (fraction of resources in use,
the EARTH load) to its supply power in one of three operating modes:

* ``no_sleep`` — EARTH: :math:`N(P_0 + \Delta_p\chi P_\mathrm{max})`, idle at :math:`NP_0`;
  TR 38.864: busy a fraction :math:`\chi` of the time at :math:`P_4`, idle at micro sleep
  :math:`P_3`.
* ``sleep`` — EARTH: as ``no_sleep`` but :math:`NP_\mathrm{sleep}` at :math:`\chi = 0`;
  TR 38.864: each idle period in the deepest sleep state that fits (Poisson bursts), the
  idle periods being cut by the cell's periodic common signals (SSB every 20 ms by default)
  so that a cell that is on but idle sleeps no deeper than its SSB period allows.
* ``off`` (switched off) — EARTH: :math:`NP_\mathrm{sleep}`; TR 38.864: deep sleep :math:`P_1`.

EARTH: Auer et al., IEEE Wireless Commun. 18(5), 2011, Eq. (1) and Table 2
(:func:`wirelesseff.power.earth_power`), per *cell*: a 3-sector macro (or RRH) site of
:math:`N_\mathrm{TRX}` = 6 is three cells of 2 TRX; micro, pico and femto sites are single
cells. TR 38.864: :func:`wirelesseff.power.tr38864_average_power`, with its relative units
anchored so that the active-DL power :math:`P_4` equals the EARTH full-load cell power (this
project's anchoring, [R]: TR 38.864 gives relative units only).

Network metrics (per unit area of the torus window, :math:`A` in km^2): area power
:math:`\sum_c P_c/A` [W/km^2], area throughput :math:`\sum_c R_c/A` [bit/s/km^2] and network
energy efficiency :math:`\sum_c R_c/\sum_c P_c` [bit/J].
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from .._validation import check_choice, renamed_parameters
from ..power.earth import EarthParams, earth_params, earth_power
from ..power.tr38864 import (
    TR38864_SLEEP_STATES,
    TR38864Params,
    tr38864_average_power,
    tr38864_params,
)
from ._checks import overflow_guard, real, scalar

__all__ = [
    "DEFAULT_BURST_DURATION",
    "DEFAULT_COMMON_SIGNAL_PERIOD",
    "POWER_MODES",
    "CellPowerModel",
    "area_metrics",
    "cell_power_model",
]

#: Operating modes of :meth:`CellPowerModel.power`.
POWER_MODES = ("no_sleep", "sleep", "off")

#: Default period of the common signals of a cell that is on [s]: 20 ms, the SSB periodicity a
#: UE assumes for initial cell selection (3GPP TS 38.213 Sec. 4.1: half frames with SS/PBCH
#: blocks every 2 frames).
DEFAULT_COMMON_SIGNAL_PERIOD = 0.02

#: Default mean burst duration [s]: one 0.5-Mbyte file of the FTP traffic model 3 (the traffic
#: model of the TR 38.864 evaluations, Annex A [unverified: from a secondary source]) served at
#: 40 Mbit/s (10 MHz at 4 bit/s/Hz) - this project's choice.
DEFAULT_BURST_DURATION = 0.1

# Cells per site of the EARTH presets (Auer et al. 2011 Table 2: macro and RRH are 3-sector).
_EARTH_CELLS_PER_SITE = {"macro": 3, "rrh": 3, "micro": 1, "pico": 1, "femto": 1}


@dataclass(frozen=True)
class CellPowerModel:
    r"""Supply power of one cell versus utilisation, with sleep modes.

    Attributes
    ----------
    earth : EarthParams
        EARTH parameters of one cell (full-load power, static power, sleep power).
    sleep_model : {"tr38864", "earth"}
        How idle time is spent (module notes).
    tr38864 : TR38864Params or None
        TR 38.864 parameters in watts (required for ``sleep_model="tr38864"``).
    burst_duration : float
        Mean traffic-burst duration of the Poisson burst model [s] (TR 38.864 model).
    sleep_rule : {"deepest", "min_energy"}
        Sleep-state choice per idle period (TR 38.864 model).
    common_signal_period : float or None
        Period of the common signals that interrupt the idle periods of a cell that is on
        [s] (TR 38.864 model, ``"sleep"`` mode; see
        :func:`~wirelesseff.power.tr38864_average_power`); default
        :data:`DEFAULT_COMMON_SIGNAL_PERIOD` (20 ms); ``None``: none (an idle cell reaches
        deep sleep, an idealised bound).

    Examples
    --------
    >>> m = cell_power_model("macro", sleep_model="earth")
    >>> [float(m.power(x, "no_sleep")) for x in (0.0, 1.0)]
    [260.0, 448.0]
    >>> float(m.power(0.0, "sleep")), float(m.power(0.3, "off"))
    (150.0, 150.0)
    """

    earth: EarthParams
    sleep_model: str = "tr38864"
    tr38864: TR38864Params | None = None
    burst_duration: float = DEFAULT_BURST_DURATION
    sleep_rule: str = "deepest"
    common_signal_period: float | None = DEFAULT_COMMON_SIGNAL_PERIOD

    def __post_init__(self):
        check_choice("sleep_model", self.sleep_model, ("tr38864", "earth"))
        check_choice("sleep_rule", self.sleep_rule, ("deepest", "min_energy"))
        if not isinstance(self.earth, EarthParams):
            raise TypeError(f"earth must be EarthParams, got {type(self.earth).__name__}")
        scalar("burst_duration", self.burst_duration, 0.0, None, low_open=True)
        if self.common_signal_period is not None:
            scalar("common_signal_period", self.common_signal_period, 0.0, None, low_open=True)
        if self.sleep_model == "tr38864" and self.tr38864 is None:
            raise ValueError("sleep_model='tr38864' needs tr38864 parameters")
        if self.tr38864 is not None and not isinstance(self.tr38864, TR38864Params):
            raise TypeError(f"tr38864 must be TR38864Params or None, got "
                            f"{type(self.tr38864).__name__}")

    @property
    def full_load_power(self) -> float:
        """Supply power at full load [W]."""
        return self.earth.full_load_power

    def power(self, load, mode="no_sleep"):
        r"""Mean supply power of cells at utilisation ``load`` in ``mode`` [W].

        Parameters
        ----------
        load : array_like
            Utilisation :math:`\chi` in [0, 1] [-].
        mode : {"no_sleep", "sleep", "off"} or array_like of str
            Operating mode (broadcast with ``load``); ``"off"`` ignores the load.
        """
        chi = real("load", load, 0.0, 1.0)
        modes = np.asarray(mode)
        if modes.dtype.kind not in "US":
            raise TypeError(f"mode must be one of {POWER_MODES} (or an array of them), got "
                            f"{type(mode).__name__}")
        for m in np.unique(modes):
            check_choice("mode", str(m), POWER_MODES)
        try:
            chi, modes = np.broadcast_arrays(chi, modes)
        except ValueError:
            raise ValueError(f"load and mode must broadcast together, got shapes {chi.shape} "
                             f"and {modes.shape}") from None
        out = np.zeros(chi.shape)
        for m in POWER_MODES:
            sel = modes == m
            if not np.any(sel):
                continue
            out[sel] = self._power(chi[sel], m)
        return out[()]

    def _power(self, chi, mode):
        e = self.earth
        if self.sleep_model == "earth":
            if mode == "off":
                return np.full(chi.shape, e.n_trx * e.p_sleep)
            return earth_power(chi, e, sleep=(mode == "sleep"))
        p = self.tr38864
        if mode == "off":
            return np.full(chi.shape, p.power("deep_sleep"))
        if mode == "no_sleep":  # micro sleep only: common signals change nothing
            return tr38864_average_power(chi, p, burst_duration=self.burst_duration,
                                         states=("micro_sleep",), rule=self.sleep_rule)
        return tr38864_average_power(chi, p, burst_duration=self.burst_duration,
                                     states=TR38864_SLEEP_STATES, rule=self.sleep_rule,
                                     common_signal_period=self.common_signal_period)


def cell_power_model(bs_type="macro", *, sleep_model="tr38864", category=1, config_set=1,
                     burst_duration=DEFAULT_BURST_DURATION, sleep_rule="deepest",
                     common_signal_period=DEFAULT_COMMON_SIGNAL_PERIOD):
    r"""Power model of one cell of an EARTH base-station type, with sleep modes.

    Parameters
    ----------
    bs_type : {"macro", "rrh", "micro", "pico", "femto"}
        EARTH type (Auer et al. 2011 Table 2); a macro/RRH cell is one sector (2 TRX).
    sleep_model : {"tr38864", "earth"}
        Idle-time model (:class:`CellPowerModel`).
    category, config_set : int
        TR 38.864 Table 5.1-3 column used for the sleep states (default category 1, set 1).
    burst_duration : float
        Mean burst duration [s] of the Poisson burst model (default 0.1 s).
    sleep_rule : {"deepest", "min_energy"}
    common_signal_period : float or None
        Common-signal period of a cell that is on [s] (default 20 ms; ``None``: none).

    Examples
    --------
    >>> m = cell_power_model("macro")
    >>> round(m.tr38864.power_unit, 3), float(m.power(1.0))         # 448 W / 280 units
    (1.6, 448.0)
    >>> round(float(m.power(0.0, "no_sleep")), 1)                    # micro sleep: 55 units
    88.0
    >>> round(float(m.power(0.0, "sleep")), 1)      # light sleep between SSBs: 1.6 x 29.5
    47.2
    >>> float(m.power(0.0, "off"))                                   # deep sleep: 1 unit
    1.6
    """
    if not isinstance(bs_type, str):
        raise TypeError(f"bs_type must be an EARTH type name, got {type(bs_type).__name__}")
    base = earth_params(bs_type)
    per_cell = _EARTH_CELLS_PER_SITE[bs_type]
    if base.n_trx % per_cell:
        raise ValueError(f"EARTH {bs_type} site of {base.n_trx} TRX cannot be split into "
                         f"{per_cell} cells")
    cell = replace(base, n_trx=base.n_trx // per_cell)
    tr = None
    if sleep_model == "tr38864":
        tr = tr38864_params(category, config_set, p_active_dl=cell.full_load_power)
    return CellPowerModel(earth=cell, sleep_model=sleep_model, tr38864=tr,
                          burst_duration=burst_duration, sleep_rule=sleep_rule,
                          common_signal_period=common_signal_period)


def _power_model(power_model) -> CellPowerModel:
    """A :class:`CellPowerModel`, or one built from an EARTH type name (default macro)."""
    if power_model is None or isinstance(power_model, str):
        with renamed_parameters(bs_type="power_model"):
            power_model = cell_power_model(power_model or "macro")
    if not isinstance(power_model, CellPowerModel):
        raise TypeError(f"power_model must be a CellPowerModel or an EARTH type name, got "
                        f"{type(power_model).__name__}")
    return power_model


def area_metrics(cell_power, cell_throughput, area) -> dict:
    r"""Area power, area throughput and network energy efficiency.

    Parameters
    ----------
    cell_power : array_like
        Supply power per cell [W].
    cell_throughput : array_like
        Served throughput per cell [bit/s].
    area : float
        Area of the window [m^2], >= 1e-6 m^2.

    Returns
    -------
    dict
        ``area_power`` [W/km^2], ``area_throughput`` [bit/s/km^2], ``energy_efficiency``
        [bit/J] (:math:`\sum R_c / \sum P_c`), ``total_power`` [W], ``total_throughput``
        [bit/s].

    Examples
    --------
    >>> m = area_metrics([100.0, 300.0], [2e6, 2e6], 2e6)
    >>> m["area_power"], m["area_throughput"], m["energy_efficiency"]
    (200.0, 2000000.0, 10000.0)
    """
    p = real("cell_power", cell_power, 0.0, None)
    r = real("cell_throughput", cell_throughput, 0.0, None)
    if p.ndim != 1 or r.shape != p.shape or p.size == 0:
        raise ValueError(f"cell_power and cell_throughput must be 1-D with one entry per cell "
                         f"(at least one), got shapes {p.shape} and {r.shape}")
    a_km2 = scalar("area", area, 1e-6, None) / 1e6
    tp, tr = float(p.sum()), float(r.sum())
    if not tp > 0:
        raise ValueError("cell_power must not be all zero (the energy efficiency is undefined)")
    out = {"area_power": tp / a_km2, "area_throughput": tr / a_km2,
           "energy_efficiency": tr / tp, "total_power": tp, "total_throughput": tr}
    overflow_guard("cell_power, cell_throughput or area", list(out.values()), "area metrics")
    return out
