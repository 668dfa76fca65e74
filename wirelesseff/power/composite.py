r"""Composite power models: XL-MIMO base station [reconstruction] and the affine model.

* :func:`xlmimo_bs_power` with :class:`XLMIMOPowerParams` — component-level power of a
  digital or hybrid (sub-/fully-connected) XL-MIMO base station, returning a
  :class:`PowerBreakdown`. This is a **reconstruction** (see docs/power.md, 'XL-MIMO base
  station'): it assembles
  the cited component models of this layer; it is not the model of Tian et al.
  (arXiv:2512.12725), whose text was not available.
* :class:`AffinePowerModel` — the generic :math:`P = P_\mathrm{tx}/\xi + P_\mathrm{static} +
  N_\mathrm{RF}P_\mathrm{RF}` with ``circuit_power``, ``total`` and ``breakdown``, used by the
  fluid-antenna module; :func:`fas_reconstruction_defaults` is its preset there.
* :func:`total_power` — the RIS/LEO link budget :math:`P_t/\nu + P_\mathrm{static} + \sum
  P_\mathrm{RIS}`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields

import numpy as np

from .._validation import (
    check_choice,
    check_in_range,
    check_integer,
    check_no_overflow,
    check_nonnegative,
    check_positive,
    check_real_array,
    renamed_parameters,
)
from ._checks import check_scalar_fields
from .baseband import (
    DEFAULT_SCS,
    DFE_OPS_PER_SAMPLE,
    FFT_OPS_PER_POINT,
    FS_PER_BANDWIDTH,
    baseband_gops,
    baseband_power,
)
from .book import BOOK_SCHEMES
from .components import (
    RFComponents,
    pa_power_constant,
    pa_power_doherty,
    pa_power_holtkamp,
    rf_components_parvini,
)

__all__ = [
    "AffinePowerModel",
    "PowerBreakdown",
    "XLMIMOPowerParams",
    "fas_reconstruction_defaults",
    "total_power",
    "xlmimo_bs_power",
]

ARCHITECTURES = ("digital", "hybrid_sub", "hybrid_full")
MODES = ("dl", "ul", "tdd")
PA_MODELS = ("constant", "doherty", "holtkamp")


@dataclass(frozen=True)
class XLMIMOPowerParams:
    r"""Parameters of :func:`xlmimo_bs_power` (frozen; every default with its source).

    Attributes
    ----------
    pa_model : {"constant", "doherty", "holtkamp"}
        PA model per antenna: constant efficiency (:func:`pa_power_constant`), ideal Doherty
        (:func:`pa_power_doherty`) or the Holtkamp size-dependent efficiency
        (:func:`pa_power_holtkamp`). Default ``"constant"``.
    pa_efficiency : float
        Efficiency of the ``"constant"`` PA; default 0.39 (:math:`\eta_\mathrm{DL}`, Björnson
        et al., IEEE TWC 2015, Table 2).
    pa_max_power : float
        Total maximum radiated power of the array [W], split evenly over the :math:`M` PAs
        (sets the per-PA saturation power of the Doherty and Holtkamp models); default 40 W
        (Holtkamp et al. 2013 macro sector).
    doherty_ways : int
        Doherty stages :math:`l`; default 2.
    pa_eta_max, pa_gamma, pa_p_limit : float
        Holtkamp PA law (0.36, 0.15, 80 W; Holtkamp et al. 2013).
    rf : RFComponents
        RF parts; default :func:`rf_components_parvini` (mixer, LPF, converters, shared LO,
        phase shifter 20 mW, static baseband 0.2 W).
    converter_oversampling : float
        Sampling rate per hertz of bandwidth, :math:`f_s/B`, of the converters *and* of the
        digital front end counted by :func:`baseband_gops` (one sampling rate for the whole
        chain); default :data:`~wirelesseff.power.baseband.FS_PER_BANDWIDTH` = 1.2288 (NR:
        122.88 MHz for 100 MHz). The Parvini code clocks its converters at its ``OFDM.BW`` =
        1024 x 120 kHz = 122.88 MHz for a system it labels "100 MHz", i.e. also at
        :math:`1.2288B`.
    phase_shifter_bits : int or None
        Resolution used to look up the phase-shifter power in ``rf``; ``None`` (default) uses
        the flat ``rf.p_phase_shifter``.
    p_fix : float
        Fixed site power :math:`P_\mathrm{FIX}` [W]; default 10 W (*Massive MIMO Networks*
        Table 5.3, value set 1).
    p_cod, p_dec, p_bt : float
        Coding, decoding and backhaul energy [J/bit]; defaults 0.1, 0.8, 0.25 nJ/bit (value set
        1; also Björnson et al. 2015).
    zeta_dl, zeta_ul : float
        DL/UL time fractions for ``mode="tdd"``, summing to 1; defaults 0.6, 0.4 (Björnson et
        al. 2015).
    baseband_model : {"linear", "processor"}
        See :func:`baseband_power`; default ``"linear"``.
    l_bb : float
        Operations per joule for the linear baseband model; default 75e9 (value set 1
        :math:`L_\mathrm{BS}`).
    p_proc0, d_proc, gops_max, cooling : float
        Processor model (20.8 W, 74 W, 180 GOPS, 0.9; Demir et al., JSAC 2024).
    scs : float
        Subcarrier spacing of the assumed numerology [Hz]; default 60 kHz.
    tau_c : int
        Coherence block [samples]; default 200 (*Massive MIMO Networks* Sec. 5.4).
    tau_p : int or None
        Pilot length; ``None`` = number of users.
    scheme : str
        Processing scheme for the MIMO flop count (:data:`BOOK_SCHEMES`); default ``"zf"``.
    n_cells : int
        Cells (M-MMSE only); default 16.
    supply_efficiency : float
        :math:`\eta_\mathrm{supply}` in (0, 1]; default 1 (no supply losses, as in the EARTH
        RRH option; use e.g. :func:`apply_supply_losses` factors otherwise).
    dfe_ops_per_sample, fft_ops_per_point : float
        Operations per sample of the digital front end and per FFT point and stage; defaults
        40 and 8 (:data:`~wirelesseff.power.baseband.DFE_OPS_PER_SAMPLE`, code of Demir et al.,
        JSAC 2024).
    p_rf_chain : float or None
        Power of one RF chain [W] overriding the parts of ``rf`` (converters, mixers, filters);
        ``None`` (default) computes it from ``rf`` at the sampling rate.
    p_phase_shifter : float or None
        Power of one phase shifter [W] overriding ``rf`` and ``phase_shifter_bits``; ``None``
        (default) uses them.

    The constants that decide a digital/hybrid comparison are the digital efficiency
    ``l_bb`` (op/J; 12.8e9 in Björnson et al. 2015, 75e9 and 750e9 in value sets 1 and 2 of
    *Massive MIMO Networks*), the operation counts above, the per-RF-chain and
    per-phase-shifter powers and the PA efficiency (see docs/power.md, 'Calibration').
    """

    pa_model: str = "constant"
    pa_efficiency: float = 0.39
    pa_max_power: float = 40.0
    doherty_ways: int = 2
    pa_eta_max: float = 0.36
    pa_gamma: float = 0.15
    pa_p_limit: float = 80.0
    rf: RFComponents = field(default_factory=rf_components_parvini)
    converter_oversampling: float = FS_PER_BANDWIDTH
    phase_shifter_bits: int | None = None
    p_fix: float = 10.0
    p_cod: float = 0.1e-9
    p_dec: float = 0.8e-9
    p_bt: float = 0.25e-9
    zeta_dl: float = 0.6
    zeta_ul: float = 0.4
    baseband_model: str = "linear"
    l_bb: float = 75e9
    p_proc0: float = 20.8
    d_proc: float = 74.0
    gops_max: float = 180.0
    cooling: float = 0.9
    scs: float = DEFAULT_SCS
    tau_c: int = 200
    tau_p: int | None = None
    scheme: str = "zf"
    n_cells: int = 16
    supply_efficiency: float = 1.0
    dfe_ops_per_sample: float = DFE_OPS_PER_SAMPLE
    fft_ops_per_point: float = FFT_OPS_PER_POINT
    p_rf_chain: float | None = None
    p_phase_shifter: float | None = None

    def __post_init__(self):
        check_scalar_fields(self)
        check_choice("pa_model", self.pa_model, PA_MODELS)
        check_in_range("pa_efficiency", self.pa_efficiency, 0.0, 1.0, low_open=True)
        check_positive(pa_max_power=self.pa_max_power, pa_p_limit=self.pa_p_limit,
                       converter_oversampling=self.converter_oversampling, l_bb=self.l_bb,
                       gops_max=self.gops_max, scs=self.scs)
        check_integer("doherty_ways", self.doherty_ways, low=1)
        check_in_range("pa_eta_max", self.pa_eta_max, 0.0, 1.0, low_open=True)
        check_nonnegative(pa_gamma=self.pa_gamma, p_fix=self.p_fix, p_cod=self.p_cod,
                          p_dec=self.p_dec, p_bt=self.p_bt, p_proc0=self.p_proc0,
                          d_proc=self.d_proc)
        check_in_range("zeta_dl", self.zeta_dl, 0.0, 1.0)
        check_in_range("zeta_ul", self.zeta_ul, 0.0, 1.0)
        if not math.isclose(self.zeta_dl + self.zeta_ul, 1.0, rel_tol=0.0, abs_tol=1e-12):
            raise ValueError("zeta_dl + zeta_ul must equal 1 (time fractions of one TDD frame), "
                             f"got zeta_dl={self.zeta_dl:g}, zeta_ul={self.zeta_ul:g}")
        check_choice("baseband_model", self.baseband_model, ("linear", "processor"))
        check_in_range("cooling", self.cooling, 0.0, 1.0, low_open=True)
        check_integer("tau_c", self.tau_c, low=1)
        if self.tau_p is not None:
            check_integer("tau_p", self.tau_p, low=1, high=self.tau_c)
        check_choice("scheme", self.scheme, BOOK_SCHEMES)
        check_integer("n_cells", self.n_cells, low=1)
        check_in_range("supply_efficiency", self.supply_efficiency, 0.0, 1.0, low_open=True)
        if self.phase_shifter_bits is not None:
            with renamed_parameters(bits="phase_shifter_bits", table="rf.phase_shifter_table"):
                self.rf.phase_shifter_power(self.phase_shifter_bits)  # must be tabulated
        check_nonnegative(dfe_ops_per_sample=self.dfe_ops_per_sample,
                          fft_ops_per_point=self.fft_ops_per_point)
        if self.p_rf_chain is not None:
            check_nonnegative(p_rf_chain=self.p_rf_chain)
        if self.p_phase_shifter is not None:
            check_nonnegative(p_phase_shifter=self.p_phase_shifter)

    @property
    def rate_coefficient(self) -> float:
        r""":math:`A = P_\mathrm{COD} + P_\mathrm{DEC} + P_\mathrm{BT}` [J/bit]."""
        return self.p_cod + self.p_dec + self.p_bt

    @property
    def phase_shifter_power(self) -> float:
        """Power of one phase shifter [W] (the override, by ``phase_shifter_bits`` or the flat
        value of ``rf``)."""
        if self.p_phase_shifter is not None:
            return float(self.p_phase_shifter)
        return float(self.rf.phase_shifter_power(self.phase_shifter_bits))

    def breakdown(self, n_antennas, n_rf, p_radiated, bandwidth, n_users,
                  **kwargs) -> PowerBreakdown:
        """:func:`xlmimo_bs_power` with these parameters (keywords passed through)."""
        return xlmimo_bs_power(n_antennas, n_rf, p_radiated, bandwidth, n_users, params=self,
                               **kwargs)

    def total(self, n_antennas, n_rf, p_radiated, bandwidth, n_users, **kwargs):
        """Total power [W] of :meth:`breakdown`."""
        return self.breakdown(n_antennas, n_rf, p_radiated, bandwidth, n_users,
                              **kwargs).total


@dataclass(frozen=True)
class PowerBreakdown:
    r"""Terms of :func:`xlmimo_bs_power` (arrays broadcast over the inputs).

    Attributes
    ----------
    pa : PA DC power [W].
    rf_chain : RF chains [W].
    phase_shifter : analog phase shifters [W].
    lo : shared local oscillator [W].
    baseband : static + processing baseband power [W].
    fixed : fixed site power [W].
    rate : rate-proportional coding/decoding/backhaul [W].
    gops : baseband load [GOPS] (not a power).
    total : total power [W].
    """

    pa: np.ndarray | float
    rf_chain: np.ndarray | float
    phase_shifter: np.ndarray | float
    lo: np.ndarray | float
    baseband: np.ndarray | float
    fixed: np.ndarray | float
    rate: np.ndarray | float
    gops: np.ndarray | float
    total: np.ndarray | float

    #: names of the power terms (in W) that make up ``total`` (before supply losses)
    POWER_TERMS = ("pa", "rf_chain", "phase_shifter", "lo", "baseband", "fixed", "rate")

    @property
    def circuit(self):
        """Circuit power without PA and rate terms: rf_chain + phase_shifter + lo + baseband +
        fixed [W] (the :math:`P_c` of a Lambert-W power optimisation)."""
        return self.rf_chain + self.phase_shifter + self.lo + self.baseband + self.fixed

    def as_dict(self) -> dict:
        """All fields as ``{name: value}`` (powers in W, ``gops`` in GOPS)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def terms(self) -> dict:
        """Only the power terms [W] (``pa`` ... ``rate``)."""
        return {name: getattr(self, name) for name in self.POWER_TERMS}


def xlmimo_bs_power(n_antennas, n_rf, p_radiated, bandwidth, n_users, *,
                    architecture="digital", sum_rate=0.0, mode="dl",
                    params=None) -> PowerBreakdown:
    r"""Component-level power of an XL-MIMO base station (reconstruction).

    Parameters
    ----------
    n_antennas : array_like
        Antennas (PAs) :math:`M \ge 1`.
    n_rf : array_like or None
        RF chains :math:`N_\mathrm{RF}` with :math:`1 \le N_\mathrm{RF} \le M` for the hybrid
        architectures; ignored (:math:`N_\mathrm{RF} = M`) for ``"digital"``, where ``None``
        is accepted.
    p_radiated : array_like
        Total radiated power of the array [W], :math:`0 \le P \le` ``params.pa_max_power``
        for the Doherty and Holtkamp PA models.
    bandwidth : array_like
        Bandwidth :math:`B` [Hz].
    n_users : array_like
        Served users :math:`K \ge 1` (MIMO processing load).
    architecture : {"digital", "hybrid_sub", "hybrid_full"}, optional
        Fully digital (one RF chain per antenna), hybrid with sub-connected (each antenna
        behind one phase shifter) or fully-connected phase-shifter network. Default digital.
    sum_rate : array_like, optional
        Sum rate [bit/s] for the rate-proportional term; default 0.
    mode : {"dl", "ul", "tdd"}, optional
        RF-chain direction: transmit chains (DAC), receive chains (ADC), or the TDD mix
        :math:`\zeta_\mathrm{DL}P_\mathrm{RF,Tx} + \zeta_\mathrm{UL}P_\mathrm{RF,Rx}`. The PA
        term is the same in every mode (pass the time-averaged radiated power).
    params : XLMIMOPowerParams, optional
        Parameters; default ``XLMIMOPowerParams()``.

    Returns
    -------
    PowerBreakdown
        ``pa, rf_chain, phase_shifter, lo, baseband, fixed, rate, gops, total``.

    Raises
    ------
    ValueError
        For :math:`M < 1`, :math:`N_\mathrm{RF}` outside :math:`[1, M]` (hybrid), negative
        power or rate, non-positive bandwidth, :math:`K < 1`, radiated power above the PA
        rating, or an unknown architecture/mode.

    Notes
    -----
    With :math:`N_\mathrm{dig} = M` (digital) or :math:`N_\mathrm{RF}` (hybrid):

    .. math::

        P_\mathrm{PA} &= M\,\mathrm{PA}(P_\mathrm{rad}/M) \\
        P_\mathrm{RF} &= N_\mathrm{dig}\,P_\mathrm{RF,Tx}(f_s) \quad
            (\text{Rx for "ul", } \zeta_\mathrm{DL}\mathrm{Tx} + \zeta_\mathrm{UL}\mathrm{Rx}
            \text{ for "tdd"}) \\
        P_\mathrm{PS} &= 0 \;|\; M P_\mathrm{ps} \;|\; M N_\mathrm{RF} P_\mathrm{ps}
            \quad (\text{digital | sub | full}) \\
        P_\mathrm{BB} &= P_\mathrm{BB,static} + \mathrm{baseband\_power}(
            \mathrm{baseband\_gops}(N_\mathrm{dig}, K, B; f_s)) \\
        P &= (P_\mathrm{PA} + P_\mathrm{RF} + P_\mathrm{PS} + P_\mathrm{LO} + P_\mathrm{BB}
            + P_\mathrm{FIX})/\eta_\mathrm{supply} + (P_\mathrm{COD}+P_\mathrm{DEC}
            +P_\mathrm{BT})R.

    The converters and the digital front end run at the same sampling rate
    :math:`f_s` = ``params.converter_oversampling`` :math:`\cdot B` (default :math:`1.2288B`,
    the NR-like numerology of :func:`baseband_gops`). Component sources:
    :func:`rf_components_parvini` (RF chain, LO, phase shifter, static baseband),
    :func:`baseband_gops` / :func:`baseband_power` (processing, [R]), *Massive MIMO Networks*
    value set 1 (:math:`P_\mathrm{FIX}`, rate coefficients).

    Examples
    --------
    >>> bd = xlmimo_bs_power(64, None, 10.0, 100e6, 8)
    >>> round(float(bd.pa), 3), float(bd.phase_shifter)
    (25.641, 0.0)
    >>> sub = xlmimo_bs_power(64, 64, 10.0, 100e6, 8, architecture="hybrid_sub")
    >>> round(float(sub.total - bd.total), 6)   # 64 phase shifters of 20 mW
    1.28
    """
    params = XLMIMOPowerParams() if params is None else params
    if not isinstance(params, XLMIMOPowerParams):
        raise TypeError(f"params must be an XLMIMOPowerParams, got {type(params).__name__}")
    check_choice("architecture", architecture, ARCHITECTURES)
    check_choice("mode", mode, MODES)
    M = check_real_array("n_antennas", n_antennas, 1.0)
    if architecture == "digital":
        n_rf_arr = M
        dig = "n_antennas"
    else:
        if n_rf is None:
            raise ValueError(f"n_rf must be given for architecture={architecture!r}, got None")
        n_rf_arr = check_real_array("n_rf", n_rf, 1.0)
        check_in_range("n_antennas - n_rf", M - n_rf_arr, 0.0,
                       what="(a hybrid array cannot have more RF chains than antennas)")
        dig = "n_rf"
    check_nonnegative(p_radiated=p_radiated)
    p_rad = np.asarray(p_radiated, dtype=float)
    check_positive(bandwidth=bandwidth)
    B = np.asarray(bandwidth, dtype=float)
    K = check_real_array("n_users", n_users, 1.0)
    check_nonnegative(sum_rate=sum_rate)
    R = np.asarray(sum_rate, dtype=float)
    names = "n_antennas, n_rf, p_radiated, bandwidth, n_users, sum_rate, params"

    # Power amplifiers: M identical PAs, each radiating p_rad / M.
    p_per_pa = p_rad / M
    if params.pa_model == "constant":
        with renamed_parameters(p_out="p_radiated/n_antennas"):
            pa = M * pa_power_constant(p_per_pa, params.pa_efficiency)
    else:
        p_max_pa = params.pa_max_power / M
        if np.any(p_rad > params.pa_max_power):
            check_in_range("p_radiated", p_rad, 0.0, params.pa_max_power,
                           what="(params.pa_max_power)")
        if params.pa_model == "doherty":
            pa = M * pa_power_doherty(p_per_pa, p_max_pa, ways=params.doherty_ways)
        else:
            pa = M * pa_power_holtkamp(p_per_pa, p_max_pa, p_limit=params.pa_p_limit,
                                       eta_max=params.pa_eta_max, gamma=params.pa_gamma)

    # RF chains: converters and digital front end share one sampling rate f_s = B * (f_s/B).
    fs_conv = B * params.converter_oversampling
    rf = params.rf
    if params.p_rf_chain is not None:
        per_chain = params.p_rf_chain + 0.0 * fs_conv
    elif mode == "dl":
        per_chain = rf.rf_chain_tx(fs_conv)
    elif mode == "ul":
        per_chain = rf.rf_chain_rx(fs_conv)
    else:
        per_chain = (params.zeta_dl * np.asarray(rf.rf_chain_tx(fs_conv))
                     + params.zeta_ul * np.asarray(rf.rf_chain_rx(fs_conv)))
    rf_chain = n_rf_arr * np.asarray(per_chain)

    # Phase shifters.
    p_ps = params.phase_shifter_power
    if architecture == "digital":
        ps = 0.0 * M
    elif architecture == "hybrid_sub":
        ps = M * p_ps
    else:
        ps = M * n_rf_arr * p_ps

    # Baseband: static part plus processing of the N_dig digital streams.
    with renamed_parameters(n_dig=dig, K="n_users", fs="bandwidth"):
        gops = baseband_gops(n_rf_arr, K, B, fs=fs_conv, scs=params.scs,
                             tau_c=params.tau_c, tau_p=params.tau_p, scheme=params.scheme,
                             n_cells=params.n_cells,
                             dfe_ops_per_sample=params.dfe_ops_per_sample,
                             fft_ops_per_point=params.fft_ops_per_point)
    bb = rf.p_bb_static + np.asarray(
        baseband_power(gops, model=params.baseband_model, l_bb=params.l_bb,
                       p_proc0=params.p_proc0, d_proc=params.d_proc,
                       gops_max=params.gops_max, cooling=params.cooling))
    lo = rf.p_lo
    fixed = params.p_fix
    with np.errstate(over="ignore", invalid="ignore"):
        rate = params.rate_coefficient * R
        total = (pa + rf_chain + ps + lo + bb + fixed) / params.supply_efficiency + rate
    # NaN where the Holtkamp PA law is not positive (documented); inf is an overflow
    check_no_overflow([pa, rf_chain, ps, bb, rate, total], names, allow_nan=True)

    shape = np.broadcast_shapes(*(np.shape(x) for x in (M, n_rf_arr, p_rad, B, K, R)))

    def out(x):
        return np.broadcast_to(np.asarray(x, dtype=float), shape).copy()[()]

    return PowerBreakdown(pa=out(pa), rf_chain=out(rf_chain), phase_shifter=out(ps),
                          lo=out(lo), baseband=out(bb), fixed=out(fixed), rate=out(rate),
                          gops=out(gops), total=out(total))


# --------------------------------------------------------------------------------------------
# Generic affine model and RIS/LEO total power
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AffinePowerModel:
    r"""Affine transmitter power model :math:`P = P_\mathrm{tx}/\xi + P_\mathrm{static} +
    N_\mathrm{RF}P_\mathrm{RF} + P_\mathrm{extra}`.

    Parameters
    ----------
    pa_efficiency : float
        PA efficiency :math:`\xi` in (0, 1] [-].
    static_power : float
        Static (load-independent) power :math:`P_\mathrm{static}` [W].
    per_chain_power : float, optional
        Power per active RF chain / antenna port :math:`P_\mathrm{RF}` [W]; default 0.

    Examples
    --------
    >>> m = AffinePowerModel(pa_efficiency=0.5, static_power=1.0, per_chain_power=0.1)
    >>> round(float(m.circuit_power(4)), 6)
    1.4
    >>> round(float(m.total(2.0, n_rf=4)), 6)
    5.4
    >>> {k: round(float(v), 6) for k, v in m.breakdown(2.0, n_rf=4).items()}
    {'pa': 4.0, 'static': 1.0, 'rf_chains': 0.4, 'extra': 0.0}
    """

    pa_efficiency: float
    static_power: float
    per_chain_power: float = 0.0

    def __post_init__(self):
        check_in_range("pa_efficiency", self.pa_efficiency, 0.0, 1.0, low_open=True)
        check_nonnegative(static_power=self.static_power, per_chain_power=self.per_chain_power)

    def circuit_power(self, n_rf=1):
        r"""Circuit power :math:`P_\mathrm{static} + N_\mathrm{RF}P_\mathrm{RF}` [W]."""
        check_nonnegative(n_rf=n_rf)
        n_rf = np.asarray(n_rf, dtype=float)
        with np.errstate(over="ignore"):
            out = self.static_power + n_rf * self.per_chain_power
        check_no_overflow([out], "n_rf, per_chain_power")
        return out[()]

    def pa_power(self, p_tx):
        r"""PA power :math:`P_\mathrm{tx}/\xi` [W] of a transmit power ``p_tx`` [W]."""
        return pa_power_constant(p_tx, self.pa_efficiency)

    def breakdown(self, p_tx, n_rf=1, extra=0.0) -> dict:
        """Terms ``pa``, ``static``, ``rf_chains``, ``extra`` [W] (broadcast)."""
        pa = np.asarray(self.pa_power(p_tx))
        check_nonnegative(n_rf=n_rf, extra=extra)
        n_rf = np.asarray(n_rf, dtype=float)
        extra = np.asarray(extra, dtype=float)
        shape = np.broadcast_shapes(pa.shape, n_rf.shape, extra.shape)

        def out(x):
            return np.broadcast_to(np.asarray(x, dtype=float), shape).copy()[()]

        return {"pa": out(pa), "static": out(self.static_power),
                "rf_chains": out(n_rf * self.per_chain_power), "extra": out(extra)}

    def total(self, p_tx, n_rf=1, extra=0.0):
        r"""Total power :math:`P_\mathrm{tx}/\xi + P_\mathrm{static} + N_\mathrm{RF}P_\mathrm{RF}
        + P_\mathrm{extra}` [W] (broadcast over ``p_tx``, ``n_rf``, ``extra``)."""
        terms = self.breakdown(p_tx, n_rf=n_rf, extra=extra)
        with np.errstate(over="ignore"):
            out = (np.asarray(terms["pa"]) + terms["static"] + terms["rf_chains"]
                   + terms["extra"])
        check_no_overflow([out], "p_tx, n_rf, extra")
        return out[()]


def fas_reconstruction_defaults() -> AffinePowerModel:
    r"""Affine power model of the fluid-antenna module (reconstruction defaults).

    :math:`\xi` = 0.35, :math:`P_\mathrm{static}` = 0.03 W, :math:`P_\mathrm{RF}` = 0.01 W per
    active port (so :math:`P_c` = 0.05 W with 2 ports). These are the project's reconstruction
    defaults for the fluid-antenna system of Zhang et al., arXiv:2503.04147 (only its abstract
    is available), not values taken from a paper; see docs/fas.md, "Defaults". This function is
    the single source of these values: :func:`wirelesseff.fas.default_power_model` and the
    ``DEFAULT_*`` constants of :mod:`wirelesseff.fas.wet` read them from here.

    Examples
    --------
    >>> round(float(fas_reconstruction_defaults().circuit_power(2)), 6)
    0.05
    """
    return AffinePowerModel(pa_efficiency=0.35, static_power=0.03, per_chain_power=0.01)


def total_power(transmit_power, ris_power=0.0, *, pa_efficiency=0.5, static_power=0.2):
    r"""Total power of a RIS-assisted link, :math:`P_t/\nu + P_\mathrm{static} + \sum P_{\rm RIS}`.

    Parameters
    ----------
    transmit_power : array_like
        Transmit power :math:`P_t` [W], non-negative.
    ris_power : array_like or sequence of array_like, optional
        Power of the surface(s) [W]. A list/tuple is summed over its entries (one per RIS, each
        broadcasting against ``transmit_power``); an array is one surface. Default 0.
    pa_efficiency : float, optional
        PA efficiency :math:`\nu` in (0, 1]; default 0.5 (Björnson, Özdogan, Larsson, IEEE WCL
        9(2), 2020, used by the RIS/LEO module).
    static_power : float, optional
        Static power of transmitter and receiver :math:`P_\mathrm{static}` [W]; default 0.2 W
        (:math:`P_s + P_d` = 100 + 100 mW in Björnson et al. 2020).

    Returns
    -------
    ndarray or float
        Total power [W].

    Examples
    --------
    >>> round(float(total_power(1.0)), 6)
    2.2
    >>> round(float(total_power(1.0, [0.5, 0.25])), 6)   # two surfaces
    2.95
    """
    check_nonnegative(transmit_power=transmit_power, static_power=static_power)
    p_t = np.asarray(transmit_power, dtype=float)
    check_in_range("pa_efficiency", pa_efficiency, 0.0, 1.0, low_open=True)
    if isinstance(ris_power, list | tuple):
        for r in ris_power:
            check_nonnegative(ris_power=r)
        ris = sum((np.asarray(r, dtype=float) for r in ris_power), np.asarray(0.0))
    else:
        check_nonnegative(ris_power=ris_power)
        ris = np.asarray(ris_power, dtype=float)
    with np.errstate(over="ignore"):
        out = p_t / pa_efficiency + static_power + ris
    check_no_overflow([out], "transmit_power, ris_power, pa_efficiency, static_power")
    return out[()]
