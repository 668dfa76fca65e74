r"""EARTH base-station power model (Auer et al., IEEE Wireless Commun. 2011).

The supply power of a base-station site is linear in the RF output power of each transceiver
(TRX) chain, with a sleep level at zero load:

.. math::

    P_\mathrm{in} = \begin{cases}
        N_\mathrm{TRX}\,(P_0 + \Delta_p\,P_\mathrm{out}), & 0 < P_\mathrm{out} \le P_\mathrm{max},\\
        N_\mathrm{TRX}\,P_\mathrm{sleep}, & P_\mathrm{out} = 0,
    \end{cases}

where :math:`P_\mathrm{out} = \chi P_\mathrm{max}` is the output power *per TRX chain* at load
:math:`\chi`. Equivalently :math:`N_\mathrm{TRX}P_0 + \Delta_p P_\mathrm{out,site}` with the
site output :math:`N_\mathrm{TRX}P_\mathrm{out}`.

[V] (verify before relying on it: the paper's text was not available here.) Where
:math:`N_\mathrm{TRX}` applies: here it multiplies the load-independent part, the
load-dependent part and the sleep power. This reading reproduces the EARTH macro-site numbers
(6 TRX: 1344 W at full load, 450 W in sleep, :math:`P_\mathrm{max}` = 20 W being the per-TRX
value of a 40 W, 2-antenna sector); applying :math:`N_\mathrm{TRX}` to :math:`P_0` only (a
reading found in some third-party code) gives 874 W at full load and 75 W in sleep, at odds
with those numbers.

References
----------
.. [1] G. Auer, V. Giannini, C. Desset, I. Gódor, P. Skillermark, M. Olsson, M. A. Imran,
   D. Sabella, M. J. Gonzalez, O. Blume, A. Fehske, "How much energy is needed to run a
   wireless network?", IEEE Wireless Commun. 18(5):40-49, 2011, doi:10.1109/MWC.2011.6056691.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._validation import (
    check_choice,
    check_flag,
    check_integer,
    check_no_overflow,
    check_nonnegative,
    check_positive,
    check_real_array,
    renamed_parameters,
)

__all__ = ["EARTH_BS_TYPES", "EarthParams", "earth_params", "earth_power"]

#: Base-station types of the EARTH table.
EARTH_BS_TYPES = ("macro", "rrh", "micro", "pico", "femto")

# (N_TRX, P_max [W], P_0 [W], Delta_p [-], P_sleep [W]) per BS type (Auer et al. 2011,
# Table 2; 10 MHz, 2x2 MIMO, three sectors for macro and RRH).
_EARTH_TABLE = {
    "macro": (6, 20.0, 130.0, 4.7, 75.0),
    "rrh": (6, 20.0, 84.0, 2.8, 56.0),
    "micro": (2, 6.3, 56.0, 2.6, 39.0),
    "pico": (2, 0.13, 6.8, 4.0, 4.3),
    "femto": (2, 0.05, 4.8, 8.0, 2.9),
}


@dataclass(frozen=True)
class EarthParams:
    r"""Parameters of the EARTH linear power model for one base-station type.

    Attributes
    ----------
    bs_type : str
        Base-station type label.
    n_trx : int
        Number of transceiver chains :math:`N_\mathrm{TRX}` (sectors x antennas).
    p_max : float
        Maximum RF output power per TRX chain :math:`P_\mathrm{max}` [W].
    p0 : float
        Power per TRX at the minimum non-zero output :math:`P_0` [W].
    delta_p : float
        Slope of the load-dependent power :math:`\Delta_p` [-].
    p_sleep : float
        Sleep-mode power per TRX :math:`P_\mathrm{sleep}` [W].

    Examples
    --------
    >>> p = earth_params("macro")
    >>> float(p.total(1.0)), float(p.total(0.0))
    (1344.0, 450.0)
    >>> {k: float(v) for k, v in p.breakdown(0.5).items()}   # 6 x 130 W; 6 x 4.7 x 0.5 x 20 W
    {'static': 780.0, 'load_dependent': 282.0}
    """

    bs_type: str
    n_trx: int
    p_max: float
    p0: float
    delta_p: float
    p_sleep: float

    def __post_init__(self):
        if not isinstance(self.bs_type, str):
            raise TypeError(f"bs_type must be a string label, got {self.bs_type!r}")
        check_integer("n_trx", self.n_trx, low=1)
        check_positive(p_max=self.p_max)
        check_nonnegative(p0=self.p0, delta_p=self.delta_p, p_sleep=self.p_sleep)

    @property
    def full_load_power(self) -> float:
        r""":math:`N_\mathrm{TRX}(P_0 + \Delta_p P_\mathrm{max})` [W]."""
        return float(self.n_trx * (self.p0 + self.delta_p * self.p_max))

    def total(self, load, *, sleep=True):
        r"""Supply power [W] at load :math:`\chi`: :func:`earth_power` with these parameters."""
        return earth_power(load, self, sleep=sleep)

    def breakdown(self, load, *, sleep=True) -> dict:
        r"""Terms of :meth:`total` [W]: ``static`` and ``load_dependent`` (they sum to it).

        ``static`` is :math:`N_\mathrm{TRX}P_0` for :math:`\chi > 0` and
        :math:`N_\mathrm{TRX}P_\mathrm{sleep}` (or :math:`N_\mathrm{TRX}P_0` with
        ``sleep=False``) at :math:`\chi = 0`; ``load_dependent`` is
        :math:`N_\mathrm{TRX}\Delta_p\chi P_\mathrm{max}`. Broadcast over ``load``.
        """
        chi = check_real_array("load", load, 0.0, 1.0)
        idle = self.p_sleep if check_flag("sleep", sleep) else self.p0
        static = self.n_trx * np.where(chi > 0, self.p0, idle)
        dynamic = self.n_trx * self.delta_p * chi * self.p_max
        return {"static": np.asarray(static, dtype=float)[()],
                "load_dependent": np.asarray(dynamic, dtype=float)[()]}


def earth_params(bs_type: str = "macro") -> EarthParams:
    r"""EARTH power-model parameters of a base-station type (Auer et al. 2011, Table 2).

    ========  ============  ===================  =========  ==============  ==================
    type      N_TRX         P_max [W] (per TRX)  P_0 [W]    Delta_p         P_sleep [W]
    ========  ============  ===================  =========  ==============  ==================
    macro     6             20                   130        4.7             75
    rrh       6             20                   84         2.8             56
    micro     2             6.3                  56         2.6             39
    pico      2             0.13                 6.8        4.0             4.3
    femto     2             0.05                 4.8        8.0             2.9
    ========  ============  ===================  =========  ==============  ==================

    Parameters
    ----------
    bs_type : {"macro", "rrh", "micro", "pico", "femto"}
        Base-station type (``rrh`` = remote radio head, no feeder and cooling losses).

    Examples
    --------
    >>> p = earth_params("macro")
    >>> (p.n_trx, p.p_max, p.p0, p.delta_p, p.p_sleep)
    (6, 20.0, 130.0, 4.7, 75.0)
    """
    check_choice("bs_type", bs_type, EARTH_BS_TYPES)
    n, pmax, p0, dp, ps = _EARTH_TABLE[bs_type]
    return EarthParams(bs_type=bs_type, n_trx=n, p_max=pmax, p0=p0, delta_p=dp, p_sleep=ps)


def earth_power(load, params="macro", *, sleep=True):
    r"""Supply power of a base-station site in the EARTH model [W].

    Parameters
    ----------
    load : array_like
        Load :math:`\chi = P_\mathrm{out}/P_\mathrm{max}` in [0, 1] [-].
    params : EarthParams or str, optional
        Parameters, or a type name passed to :func:`earth_params`; default ``"macro"``.
    sleep : bool, optional
        If True (default) the site sleeps at zero load (:math:`N_\mathrm{TRX}P_\mathrm{sleep}`);
        if False it idles at :math:`N_\mathrm{TRX}P_0`.

    Returns
    -------
    ndarray or float
        :math:`P_\mathrm{in}` [W], shape of ``load``.

    Raises
    ------
    ValueError
        If ``load`` is outside [0, 1] or the type is unknown.

    Notes
    -----
    :math:`P_\mathrm{in} = N_\mathrm{TRX}(P_0 + \Delta_p\chi P_\mathrm{max})` for
    :math:`0 < \chi \le 1` and :math:`N_\mathrm{TRX}P_\mathrm{sleep}` at :math:`\chi = 0`
    (Eq. (1) of Auer et al. 2011; see the module notes on :math:`N_\mathrm{TRX}`).

    Examples
    --------
    >>> float(earth_power(1.0))
    1344.0
    >>> float(earth_power(0.0))
    450.0
    >>> earth_power([0.0, 0.5], "femto")
    array([ 5.8, 10. ])
    """
    if isinstance(params, str):
        with renamed_parameters(bs_type="params"):
            params = earth_params(params)
    elif not isinstance(params, EarthParams):
        raise TypeError(f"params must be an EarthParams or a base-station type "
                        f"{EARTH_BS_TYPES}, got {type(params).__name__}")
    chi = check_real_array("load", load, 0.0, 1.0)
    with np.errstate(over="ignore", invalid="ignore"):
        active = params.n_trx * (params.p0 + params.delta_p * chi * params.p_max)
        zero = params.n_trx * (params.p_sleep if check_flag("sleep", sleep) else params.p0)
        out = np.where(chi > 0, active, zero)
    check_no_overflow([out], "params")
    return out[()]
