r"""Björnson-Sanguinetti-Hoydis-Debbah (IEEE TWC 2015) system parameters and power model.

The preset :func:`bjornson2015_params` holds Table 2 of [1]_ in SI units; the power model of
Sec. IV of [1]_ (Eq. (19) with the coefficients of Table 1) is exposed as the coefficient tuple
:func:`power_coefficients` and the two helpers :func:`bjornson2015_circuit_power` and
:func:`bjornson2015_total_power`. The energy-efficiency analysis that uses them (Theorems 1-3,
the alternating optimisation, imperfect CSI, MRT Monte-Carlo) lives in
:mod:`wirelesseff.xlmimo`.

The model is

.. math::

    P_\mathrm{total} = \alpha K G + \sum_{i=0}^{3} C_i K^i + M \sum_{i=0}^{2} D_i K^i
    + A \bar R,

with :math:`G = B\sigma^2 S_x/\eta` the RF power per unit :math:`\alpha K`, where
:math:`S_x = \mathbb{E}[1/l(x)]` is the average inverse channel attenuation of a user uniformly
distributed in the annulus :math:`d_\mathrm{min} \le \|x\| \le d_\mathrm{max}` with
:math:`l(x) = \bar d/\|x\|^\kappa` (Eq. (3)), and :math:`\eta` is the PA efficiency averaged over
the uplink and downlink duty fractions.

Equation numbers follow arXiv:1403.6150 (the version the authors' code refers to).

References
----------
.. [1] E. Björnson, L. Sanguinetti, J. Hoydis, M. Debbah, "Optimal design of energy-efficient
   multi-user MIMO systems: Is massive MIMO the answer?", IEEE Trans. Wireless Commun.
   14(6):3059-3075, 2015, doi:10.1109/TWC.2015.2400437, arXiv:1403.6150.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .._validation import (
    check_choice,
    check_finite,
    check_in_range,
    check_integer,
    check_no_overflow,
    check_nonnegative,
    check_positive,
)
from ._checks import check_scalar_fields

__all__ = [
    "Bjornson2015Params",
    "PowerCoefficients",
    "bjornson2015_circuit_power",
    "bjornson2015_params",
    "bjornson2015_total_power",
    "power_coefficients",
]

#: Processing schemes of Table 1 of Björnson et al. (2015).
SCHEMES = ("zf", "mrt", "mmse")


@dataclass(frozen=True)
class Bjornson2015Params:
    r"""System and hardware parameters of Björnson et al. (2015), Table 2 (SI units).

    The defaults are Table 2 of [1]_ (as also used in the authors' code,
    emilbjornson/is-massive-MIMO-the-answer); use :func:`bjornson2015_params` to build the preset
    with overrides, or :func:`dataclasses.replace`.

    Parameters
    ----------
    d_max, d_min : float
        Cell radius and minimum user distance [m]: 250 m and 35 m.
    dbar : float
        Attenuation constant :math:`\bar d` of :math:`l(x) = \bar d/\|x\|^\kappa` [-]:
        :math:`10^{-3.53}`.
    kappa : float
        Path-loss exponent :math:`\kappa` [-]: 3.76.
    bandwidth : float
        Transmission bandwidth :math:`B` [Hz]: 20 MHz.
    coherence_bandwidth, coherence_time : float
        :math:`B_C` = 180 kHz [Hz] and :math:`T_C` = 10 ms [s].
    noise_power : float
        Total noise power :math:`B\sigma^2` [W]: :math:`10^{-12.6}` W (-96 dBm).
    zeta_dl, zeta_ul : float
        Fractions of downlink/uplink transmission :math:`\zeta^{(dl)}, \zeta^{(ul)}` [-]: 0.6 and
        0.4 (they must sum to one).
    tau_dl, tau_ul : float
        Relative pilot lengths :math:`\tau^{(dl)}, \tau^{(ul)} \ge 1` [-]: 1 and 1.
    eta_dl, eta_ul : float
        PA efficiencies at the BS and the UEs, in (0, 1] [-]: 0.39 and 0.3.
    l_bs, l_ue : float
        Computational efficiencies at the BS and the UEs [flop/J]: 12.8 Gflop/J and 5 Gflop/J.
    p_fix : float
        Fixed power (control signalling, backhaul infrastructure, ...) [W]: 18 W.
    p_syn : float
        Local-oscillator power at the BS [W]: 2 W.
    p_bs, p_ue : float
        Circuit power per BS antenna chain and per UE [W]: 1 W and 0.1 W.
    p_cod, p_dec, p_bt : float
        Energy per bit for coding, decoding and backhaul [J/bit]: 0.1, 0.8 and 0.25 W/(Gbit/s).
    mmse_iterations : int
        Number of fixed-point iterations :math:`Q` of the MMSE power allocation [-]: 3.

    Raises
    ------
    ValueError
        If a value is not finite or outside its domain (the message names the field).

    References
    ----------
    .. [1] E. Björnson, L. Sanguinetti, J. Hoydis, M. Debbah, "Optimal design of
       energy-efficient multi-user MIMO systems: Is massive MIMO the answer?", IEEE Trans.
       Wireless Commun. 14(6):3059-3075, 2015, doi:10.1109/TWC.2015.2400437.

    Examples
    --------
    >>> p = Bjornson2015Params()
    >>> round(p.eta, 4), p.coherence_block
    (0.3482, 1800.0)
    """

    d_max: float = 250.0
    d_min: float = 35.0
    dbar: float = 10.0**-3.53
    kappa: float = 3.76
    bandwidth: float = 20e6
    coherence_bandwidth: float = 180e3
    coherence_time: float = 10e-3
    noise_power: float = 10.0**-12.6
    zeta_dl: float = 0.6
    zeta_ul: float = 0.4
    tau_dl: float = 1.0
    tau_ul: float = 1.0
    eta_dl: float = 0.39
    eta_ul: float = 0.3
    l_bs: float = 12.8e9
    l_ue: float = 5e9
    p_fix: float = 18.0
    p_syn: float = 2.0
    p_bs: float = 1.0
    p_ue: float = 0.1
    p_cod: float = 0.1e-9
    p_dec: float = 0.8e-9
    p_bt: float = 0.25e-9
    mmse_iterations: int = 3

    def __post_init__(self) -> None:
        check_scalar_fields(self)
        check_positive(
            d_max=self.d_max,
            dbar=self.dbar,
            kappa=self.kappa,
            bandwidth=self.bandwidth,
            coherence_bandwidth=self.coherence_bandwidth,
            coherence_time=self.coherence_time,
            noise_power=self.noise_power,
            l_bs=self.l_bs,
            l_ue=self.l_ue,
        )
        check_in_range("d_min", self.d_min, 0.0, self.d_max, high_open=True,
                       what="(below d_max)")
        check_nonnegative(
            p_fix=self.p_fix,
            p_syn=self.p_syn,
            p_bs=self.p_bs,
            p_ue=self.p_ue,
            p_cod=self.p_cod,
            p_dec=self.p_dec,
            p_bt=self.p_bt,
        )
        check_in_range("zeta_dl", self.zeta_dl, 0.0, 1.0)
        check_in_range("zeta_ul", self.zeta_ul, 0.0, 1.0)
        if not math.isclose(self.zeta_dl + self.zeta_ul, 1.0, rel_tol=0.0, abs_tol=1e-12):
            raise ValueError(
                "zeta_dl + zeta_ul must equal 1, got "
                f"zeta_dl={self.zeta_dl:g}, zeta_ul={self.zeta_ul:g}"
            )
        check_in_range("eta_dl", self.eta_dl, 0.0, 1.0, low_open=True)
        check_in_range("eta_ul", self.eta_ul, 0.0, 1.0, low_open=True)
        check_in_range("tau_dl", self.tau_dl, 1.0, None)
        check_in_range("tau_ul", self.tau_ul, 1.0, None)
        check_integer("mmse_iterations", self.mmse_iterations, low=1)
        # after the type/domain checks, so that non-numeric input gets their TypeError
        check_finite(**{f.name: getattr(self, f.name) for f in dataclasses.fields(self)})

    # -- derived quantities -------------------------------------------------------------------
    @property
    def coherence_block(self) -> float:
        r"""Coherence block :math:`U = B_C T_C` [channel uses] (1800 for Table 2)."""
        return self.coherence_bandwidth * self.coherence_time

    @property
    def tau(self) -> float:
        r"""Total relative pilot length :math:`\tau = \tau^{(ul)} + \tau^{(dl)}` [-]."""
        return self.tau_ul + self.tau_dl

    @property
    def eta(self) -> float:
        r"""Average PA efficiency :math:`\eta = (\zeta^{(dl)}/\eta^{(dl)} +
        \zeta^{(ul)}/\eta^{(ul)})^{-1}` [-] (0.3482 for Table 2; Eq. (19))."""
        return 1.0 / (self.zeta_dl / self.eta_dl + self.zeta_ul / self.eta_ul)

    @property
    def s_x(self) -> float:
        r"""Average inverse attenuation :math:`S_x = \mathbb{E}[1/l(x)]` [-] (Eq. (3)).

        For users uniform in the annulus,
        :math:`S_x = (d_\mathrm{max}^{\kappa+2} - d_\mathrm{min}^{\kappa+2}) /
        (\bar d (1+\kappa/2)(d_\mathrm{max}^2 - d_\mathrm{min}^2))`.
        """
        k = self.kappa
        return (self.d_max ** (k + 2) - self.d_min ** (k + 2)) / (
            self.dbar * (1.0 + k / 2.0) * (self.d_max**2 - self.d_min**2)
        )

    @property
    def rf_power_scale(self) -> float:
        r"""RF power per unit :math:`\alpha K`, :math:`G = B\sigma^2 S_x/\eta` [W]."""
        return self.noise_power * self.s_x / self.eta

    @property
    def cell_area(self) -> float:
        r"""Area of the circular cell :math:`\pi d_\mathrm{max}^2` [m²]."""
        return math.pi * self.d_max**2

    @property
    def a_coefficient(self) -> float:
        r"""Rate-proportional coefficient :math:`A = P_\mathrm{COD}+P_\mathrm{DEC}+P_\mathrm{BT}`
        [J/bit] (Table 1)."""
        return self.p_cod + self.p_dec + self.p_bt


def bjornson2015_params(**overrides) -> Bjornson2015Params:
    r"""Table-2 parameters of Björnson et al. (2015), optionally with some fields replaced.

    Parameters
    ----------
    **overrides
        Field values replacing the Table-2 defaults (e.g. ``p_fix=10.0``); see
        :class:`Bjornson2015Params` for the fields and their units.

    Returns
    -------
    Bjornson2015Params
        Frozen parameter set in SI units.

    Raises
    ------
    TypeError
        If an override is not a field of :class:`Bjornson2015Params`.
    ValueError
        If an overridden value is outside its domain.

    References
    ----------
    .. [1] E. Björnson, L. Sanguinetti, J. Hoydis, M. Debbah, "Optimal design of
       energy-efficient multi-user MIMO systems: Is massive MIMO the answer?", IEEE Trans.
       Wireless Commun. 14(6):3059-3075, 2015, doi:10.1109/TWC.2015.2400437, Table 2.

    Examples
    --------
    >>> p = bjornson2015_params()
    >>> p.d_max, p.kappa, p.p_fix
    (250.0, 3.76, 18.0)
    >>> round(p.rf_power_scale, 4)  # G = B sigma^2 S_x / eta [W]
    0.8987
    """
    base = _table2()
    return dataclasses.replace(base, **overrides) if overrides else base


@functools.lru_cache(maxsize=1)
def _table2() -> Bjornson2015Params:
    """The Table-2 instance, built (and validated) once; it is frozen, so sharing is safe."""
    return Bjornson2015Params()


class PowerCoefficients(NamedTuple):
    r"""Coefficients of the power model of Björnson et al. (2015), Table 1.

    ``a`` [J/bit], ``c0`` [W], ``c1`` [W], ``c2`` [W], ``c3`` [W], ``d0`` [W], ``d1`` [W],
    ``d2`` [W] (the :math:`C_i` multiply :math:`K^i`, the :math:`D_i` multiply :math:`MK^i`).
    """

    a: float
    c0: float
    c1: float
    c2: float
    c3: float
    d0: float
    d1: float
    d2: float


def power_coefficients(params: Bjornson2015Params | None = None, scheme: str = "zf"):
    r"""Coefficients :math:`(A, C_0, \dots, C_3, D_0, D_1, D_2)` of Table 1 of Björnson 2015.

    Parameters
    ----------
    params : Bjornson2015Params, optional
        System parameters; default :func:`bjornson2015_params` (Table 2).
    scheme : {"zf", "mrt", "mmse"}
        Processing scheme: zero-forcing, maximum-ratio transmission/combining, or MMSE with
        :math:`Q` = ``params.mmse_iterations`` fixed-point iterations.

    Returns
    -------
    PowerCoefficients
        Named tuple ``(a, c0, c1, c2, c3, d0, d1, d2)``.

    Raises
    ------
    TypeError
        If ``params`` is not a :class:`Bjornson2015Params` (or ``None``).
    ValueError
        If ``scheme`` is unknown.

    Notes
    -----
    With :math:`U = B_C T_C`, Table 1 of [1]_ gives :math:`A = P_\mathrm{COD} + P_\mathrm{DEC} +
    P_\mathrm{BT}`, :math:`C_0 = P_\mathrm{FIX} + P_\mathrm{SYN}`, :math:`C_1 = P_\mathrm{UE}`,
    :math:`C_2 = 4B\tau^{(dl)}/(U L_\mathrm{UE})`, :math:`D_0 = P_\mathrm{BS}` and

    ======  =====================  =========================  ===============================
    scheme  :math:`C_3`            :math:`D_1`                :math:`D_2`
    ======  =====================  =========================  ===============================
    zf      :math:`B/(3UL_{BS})`   :math:`B(2+1/U)/L_{BS}`    :math:`B(3-2\tau_{dl})/(UL_{BS})`
    mrt     0                      :math:`B(2+3/U)/L_{BS}`    :math:`-2B\tau_{dl}/(UL_{BS})`
    mmse    :math:`QB/(3UL_{BS})`  :math:`B(2+3Q/U)/L_{BS}`   :math:`B(3Q-2\tau_{dl})/(UL_{BS})`
    ======  =====================  =========================  ===============================

    References
    ----------
    .. [1] E. Björnson, L. Sanguinetti, J. Hoydis, M. Debbah, "Optimal design of
       energy-efficient multi-user MIMO systems: Is massive MIMO the answer?", IEEE Trans.
       Wireless Commun. 14(6):3059-3075, 2015, doi:10.1109/TWC.2015.2400437, Table 1.

    Examples
    --------
    >>> c = power_coefficients(scheme="zf")
    >>> c.c0, c.d0, round(c.c3 * 1e6, 4)  # C3 = B/(3 U L_BS) [W]
    (20.0, 1.0, 0.2894)
    >>> round(c.a * 1e9, 2)  # A [W/(Gbit/s)]
    1.15
    """
    p = bjornson2015_params() if params is None else params
    if not isinstance(p, Bjornson2015Params):
        raise TypeError("params must be a Bjornson2015Params (see bjornson2015_params()) or "
                        f"None, got {type(p).__name__}")
    check_choice("scheme", scheme, SCHEMES)
    b, u, l_bs = p.bandwidth, p.coherence_block, p.l_bs
    a = p.a_coefficient
    c0 = p.p_fix + p.p_syn
    c1 = p.p_ue
    c2 = 4.0 * b * p.tau_dl / (u * p.l_ue)
    d0 = p.p_bs
    if scheme == "zf":
        c3 = b / (3.0 * u * l_bs)
        d1 = b * (2.0 + 1.0 / u) / l_bs
        d2 = b * (3.0 - 2.0 * p.tau_dl) / (u * l_bs)
    elif scheme == "mrt":
        c3 = 0.0
        d1 = b * (2.0 + 3.0 / u) / l_bs
        d2 = -2.0 * b * p.tau_dl / (u * l_bs)
    else:  # mmse
        q = p.mmse_iterations
        c3 = q * b / (3.0 * u * l_bs)
        d1 = b * (2.0 + 3.0 * q / u) / l_bs
        d2 = b * (3.0 * q - 2.0 * p.tau_dl) / (u * l_bs)
    return PowerCoefficients(a, c0, c1, c2, c3, d0, d1, d2)


def bjornson2015_circuit_power(n_antennas, n_users, params=None, scheme="zf"):
    r"""Circuit power of Björnson et al. (2015) without the RF and rate terms [W].

    Parameters
    ----------
    n_antennas : array_like
        Number of BS antennas :math:`M` (real values allowed), :math:`M \ge 0`.
    n_users : array_like
        Number of users :math:`K` (real values allowed), :math:`K \ge 0`.
    params : Bjornson2015Params, optional
        System parameters; default Table 2.
    scheme : {"zf", "mrt", "mmse"}
        Processing scheme (Table 1).

    Returns
    -------
    ndarray or float
        :math:`\sum_{i=0}^{3} C_i K^i + M\sum_{i=0}^{2} D_i K^i` [W], broadcast over the
        inputs.

    Raises
    ------
    ValueError
        If ``n_antennas`` or ``n_users`` is negative or ``scheme`` is unknown.

    Notes
    -----
    These are the transceiver-chain, channel-estimation, linear-processing and fixed terms of
    Eq. (19) of [1]_ in the polynomial form of Table 1.

    References
    ----------
    .. [1] E. Björnson, L. Sanguinetti, J. Hoydis, M. Debbah, IEEE Trans. Wireless Commun.
       14(6):3059-3075, 2015, doi:10.1109/TWC.2015.2400437.

    Examples
    --------
    >>> round(float(bjornson2015_circuit_power(165, 104)), 2)
    251.01
    """
    check_nonnegative(n_antennas=n_antennas, n_users=n_users)
    m = np.asarray(n_antennas, dtype=float)
    k = np.asarray(n_users, dtype=float)
    a, c0, c1, c2, c3, d0, d1, d2 = power_coefficients(params, scheme)
    with np.errstate(over="ignore", invalid="ignore"):
        out = c0 + c1 * k + c2 * k**2 + c3 * k**3 + m * (d0 + d1 * k + d2 * k**2)
    check_no_overflow([out], "n_antennas, n_users")
    return np.asarray(out)[()]


def bjornson2015_total_power(n_antennas, n_users, p_tx, sum_rate=0.0, params=None, scheme="zf"):
    r"""Total power :math:`P_\mathrm{total}` of Björnson et al. (2015), Eq. (19) [W].

    Parameters
    ----------
    n_antennas, n_users : array_like
        :math:`M` and :math:`K` (non-negative).
    p_tx : array_like
        Total RF power :math:`P_\mathrm{TX}` [W] (already divided by the PA efficiency, e.g.
        :math:`\alpha K G` for ZF), non-negative.
    sum_rate : array_like, optional
        Average sum rate :math:`\bar R` [bit/s] (uplink plus downlink), non-negative; default 0.
    params : Bjornson2015Params, optional
        System parameters; default Table 2.
    scheme : {"zf", "mrt", "mmse"}
        Processing scheme (Table 1).

    Returns
    -------
    ndarray or float
        :math:`P_\mathrm{TX} + \sum_i C_i K^i + M\sum_i D_i K^i + A\bar R` [W].

    Raises
    ------
    ValueError
        If an input is negative or ``scheme`` is unknown.

    References
    ----------
    .. [1] E. Björnson, L. Sanguinetti, J. Hoydis, M. Debbah, IEEE Trans. Wireless Commun.
       14(6):3059-3075, 2015, doi:10.1109/TWC.2015.2400437.

    Examples
    --------
    >>> round(float(bjornson2015_total_power(100, 10, p_tx=5.0, sum_rate=1e9)), 2)
    130.29
    """
    check_nonnegative(p_tx=p_tx, sum_rate=sum_rate)
    a = power_coefficients(params, scheme).a
    cp = bjornson2015_circuit_power(n_antennas, n_users, params, scheme)
    with np.errstate(over="ignore"):
        out = np.asarray(np.asarray(p_tx, float) + cp + a * np.asarray(sum_rate, float))
    check_no_overflow([out], "n_antennas, n_users, p_tx, sum_rate")
    return out[()]
