r"""Parametric power model of an upper mid-band (FR3, 7-24 GHz) base station [reconstruction].

**Reconstruction.** The authors of arXiv:2510.10647 (2025) model "the power consumed by digital
and analog signal processing, power amplifiers (PAs), and supply and cooling during four
phases (data, signaling, micro-sleep, and idle) in downlink and uplink" for FR3 base stations
with up to thousands of antennas and RF chains, fully digital or hybrid partially-connected.
Only their abstract was available. :func:`fr3_bs_power` implements that structure with the
component models this package already cites; every constant of :class:`FR3Params` states its
source or is marked *assumed*. The abstract's statements are acceptance targets of the
reconstruction, never tuning targets: the study ``xlmimo-fr3-power-breakdown`` reports which
of them the defaults meet (see docs/power.md, 'FR3 base station').

Structure (per direction, TDD with downlink share :math:`\zeta_\mathrm{DL}`):

* **phases** — of the time of one direction, a share :math:`\rho` (the load) carries data, a
  share :math:`\delta_\mathrm{sig}` carries signalling (synchronisation, control, reference
  signals), and the remaining :math:`1-\rho-\delta_\mathrm{sig}` is empty: a share
  :math:`s_\mathrm{ms}` of it is micro-sleep (micro-DTX/DRX between transmissions), the rest
  idle (awake, not transmitting). This is the phase structure of the network-energy-saving
  model of 3GPP TR 38.864 (active, micro sleep, idle) and of Desset et al. (2012);
* **digital processing** — operations per second of
  :func:`~wirelesseff.power.baseband_gops` (digital front end, OFDM, MIMO processing of
  :math:`N_\mathrm{RF}` digital streams) divided by the efficiency :math:`L_\mathrm{BB}`
  [op/J], plus a fixed platform power; signalling and idle phases run the front end and OFDM
  only, micro-sleep keeps a leakage share;
* **analog processing** — :math:`N_\mathrm{RF}` transmit (DL) or receive (UL) RF chains of
  :class:`~wirelesseff.power.RFComponents` at the sampling rate :math:`1.2288B`, the shared LO,
  and for the partially-connected hybrid array one phase shifter per antenna; micro-sleep keeps
  a share;
* **PAs** — :math:`M` amplifiers sharing the radiated power :math:`P_\mathrm{max}` in the
  data and signalling phases, with the class-B efficiency at the OFDM back-off
  (:func:`~wirelesseff.power.pa_backoff_efficiency`), a bias share when idle, off in
  micro-sleep and uplink;
* **supply and cooling** — the DC-DC, mains-supply and active-cooling losses of EARTH
  (:func:`~wirelesseff.power.apply_supply_losses`).

References
----------
.. [1] "A parametric power model of upper mid-band (FR3) base stations for 6G",
   arXiv:2510.10647, 2025 (abstract only; target of the reconstruction).
.. [2] C. Desset et al., "Flexible power modeling of LTE base stations", IEEE WCNC 2012,
   doi:10.1109/WCNC.2012.6214289.
.. [3] 3GPP TR 38.864 V18.1.0, "Study on network energy savings for NR", 2023, Sec. 5.1.
.. [4] G. Auer et al., "How much energy is needed to run a wireless network?", IEEE Wireless
   Commun. 18(5):40-49, 2011, doi:10.1109/MWC.2011.6056691.
.. [5] E. Björnson, J. Hoydis, L. Sanguinetti, *Massive MIMO Networks*, 2017,
   doi:10.1561/2000000093, Table 5.3.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .._validation import check_choice, check_in_range, check_integer
from ._checks import check_scalar_fields
from .baseband import DEFAULT_SCS, FS_PER_BANDWIDTH, baseband_gops_terms
from .components import (
    RFComponents,
    apply_supply_losses,
    pa_backoff_efficiency,
    rf_components_parvini,
)

__all__ = ["FR3Breakdown", "FR3Params", "FR3_ARCHITECTURES", "fr3_bs_power", "fr3_params"]

#: Array architectures of :func:`fr3_bs_power`.
FR3_ARCHITECTURES = ("digital", "hybrid_sub")
_MAX_COUNT = 1_000_000  # antennas, RF chains and users


@dataclass(frozen=True)
class FR3Params:
    r"""Constants of :func:`fr3_bs_power` (frozen; each with its source or marked assumed).

    Attributes
    ----------
    bandwidth : float
        Carrier bandwidth :math:`B` [Hz]; 400 MHz (assumed: the largest FR3 carrier considered
        in the 3GPP Rel-19 7-24 GHz study, TR 38.820).
    p_max : float
        Total radiated power of the array in the data phase [W]; 200 W (53 dBm; assumed, the
        rating of current macro massive-MIMO radios).
    zeta_dl : float
        Downlink share of the TDD frame [-]; 0.8 (assumed, the NR pattern DDDSU).
    signalling_share : float
        Share :math:`\delta_\mathrm{sig}` of each direction's time spent on signalling [-];
        0.05 (assumed).
    micro_sleep_share : float
        Share :math:`s_\mathrm{ms}` of the empty time spent in micro-sleep [-]; 0.5
        (assumed).
    papr_db : float
        PA back-off [dB]: the peak-to-average ratio of the OFDM signal after crest-factor
        reduction; 8 dB (assumed).
    pa_eta_max : float
        PA efficiency at saturation [-]; 0.5 (assumed for a small X-band GaN PA; the ideal
        class B reaches :math:`\pi/4`).
    pa_bias_share : float
        DC power of an idle (awake) PA as a share of its data-phase DC power [-]; 0.05
        (assumed).
    l_bb : float
        Digital efficiency :math:`L_\mathrm{BB}` [op/J]; 750e9 (*Massive MIMO Networks* Table
        5.3 value set 2, the book's projection for future hardware [5]_; value set 1 is 75e9
        and Björnson et al. 2015 used 12.8e9).
    p_digital_fixed : float
        Fixed digital/platform power [W]; 5 W (:math:`P_\mathrm{FIX}` of value set 2 [5]_).
    digital_sleep_share : float
        Digital power kept in micro-sleep (leakage), as a share of the data-phase power [-];
        0.1 (assumed).
    analog_sleep_share : float
        Analog power kept in micro-sleep, as a share of the awake power [-]; 0.1 (assumed).
    rf : RFComponents
        RF-chain parts; default :func:`~wirelesseff.power.rf_components_parvini` (converters,
        mixers, filters, 22.5 mW shared LO, 20 mW phase shifters).
    scs : float
        Subcarrier spacing of the OFDM load [Hz]; 60 kHz (assumed, NR numerology 2).
    tau_c : int
        Coherence block of the MIMO processing load [samples]; 200 (book Sec. 5.4).
    sigma_dc, sigma_ms, sigma_cool : float
        DC-DC, mains-supply and active-cooling loss fractions; 0.075, 0.09, 0.10 (EARTH [4]_).
    """

    bandwidth: float = 400e6
    p_max: float = 200.0
    zeta_dl: float = 0.8
    signalling_share: float = 0.05
    micro_sleep_share: float = 0.5
    papr_db: float = 8.0
    pa_eta_max: float = 0.5
    pa_bias_share: float = 0.05
    l_bb: float = 750e9
    p_digital_fixed: float = 5.0
    digital_sleep_share: float = 0.1
    analog_sleep_share: float = 0.1
    rf: RFComponents = field(default_factory=rf_components_parvini)
    scs: float = DEFAULT_SCS
    tau_c: int = 200
    sigma_dc: float = 0.075
    sigma_ms: float = 0.09
    sigma_cool: float = 0.10

    def __post_init__(self):
        check_scalar_fields(self)
        check_in_range("bandwidth", self.bandwidth, 0.0, None, low_open=True)
        check_in_range("p_max", self.p_max, 0.0, None)
        for name in ("zeta_dl", "signalling_share", "micro_sleep_share", "pa_bias_share",
                     "digital_sleep_share", "analog_sleep_share"):
            check_in_range(name, getattr(self, name), 0.0, 1.0)
        check_in_range("signalling_share", self.signalling_share, 0.0, 1.0, high_open=True)
        check_in_range("papr_db", self.papr_db, 0.0, None)
        check_in_range("pa_eta_max", self.pa_eta_max, 0.0, 1.0, low_open=True)
        check_in_range("l_bb", self.l_bb, 0.0, None, low_open=True)
        check_in_range("p_digital_fixed", self.p_digital_fixed, 0.0, None)
        check_in_range("scs", self.scs, 0.0, self.bandwidth * FS_PER_BANDWIDTH, low_open=True,
                       what="(at most the sampling rate 1.2288 x bandwidth)")
        check_integer("tau_c", self.tau_c, low=2, high=1_000_000)
        for name in ("sigma_dc", "sigma_ms", "sigma_cool"):
            check_in_range(name, getattr(self, name), 0.0, 1.0, high_open=True)
        if not isinstance(self.rf, RFComponents):
            raise TypeError(f"rf must be an RFComponents, got {type(self.rf).__name__}")


def fr3_params(**overrides) -> FR3Params:
    r"""The FR3 preset (:class:`FR3Params` defaults), with keyword overrides.

    Examples
    --------
    >>> fr3_params().l_bb, fr3_params(l_bb=75e9).l_bb
    (750000000000.0, 75000000000.0)
    """
    return FR3Params(**overrides)


@dataclass(frozen=True)
class FR3Breakdown:
    r"""Time-averaged power of :func:`fr3_bs_power` [W] (arrays broadcast over the inputs).

    Attributes
    ----------
    digital, analog, pa : power of digital processing, analog processing and PAs before
        supply losses [W].
    supply_cooling : DC-DC, mains-supply and cooling losses [W].
    total : grid power, the sum of the four [W].
    phases : dict
        Time-averaged contribution of each phase to ``total`` [W], keys ``"data"``,
        ``"signalling"``, ``"micro_sleep"``, ``"idle"`` (both directions).
    gops_data : digital load in the data phase [GOPS] (not a power).
    """

    digital: np.ndarray | float
    analog: np.ndarray | float
    pa: np.ndarray | float
    supply_cooling: np.ndarray | float
    total: np.ndarray | float
    phases: dict
    gops_data: np.ndarray | float

    def as_dict(self) -> dict:
        """Component terms and total [W] (without the per-phase split)."""
        return {"digital": self.digital, "analog": self.analog, "pa": self.pa,
                "supply_cooling": self.supply_cooling, "total": self.total}


def fr3_bs_power(n_rf, *, n_antennas=1024, n_users=8, load=0.3, architecture="digital",
                 params=None) -> FR3Breakdown:
    r"""Time-averaged power of an FR3 base station by component and phase [reconstruction].

    Parameters
    ----------
    n_rf : array_like
        RF chains :math:`N_\mathrm{RF}` (digital streams), :math:`K \le N_\mathrm{RF} \le M`;
        ignored (:math:`N_\mathrm{RF} = M`) for ``architecture="digital"``.
    n_antennas : array_like, optional
        Antennas (PAs) :math:`M`; default 1024 (the array of the abstract of [1]_).
    n_users : int, optional
        Spatially multiplexed users :math:`K` (MIMO processing load); default 8 (assumed).
    load : array_like, optional
        Load :math:`\rho` in :math:`[0, 1-\delta_\mathrm{sig}]`: the share of each
        direction's time carrying data; default 0.3 (the abstract's operating point).
    architecture : {"digital", "hybrid_sub"}, optional
        Fully digital (one RF chain per antenna) or hybrid partially-connected ("sub-connected",
        as in :func:`~wirelesseff.power.xlmimo_bs_power`: each RF chain drives
        :math:`M/N_\mathrm{RF}` antennas through one phase shifter each).
    params : FR3Params, optional
        Constants; default :func:`fr3_params` ``()``.

    Returns
    -------
    FR3Breakdown
        ``digital, analog, pa, supply_cooling, total, phases, gops_data``.

    Raises
    ------
    TypeError, ValueError
        On non-numeric or out-of-range input (the message names the parameter).

    Notes
    -----
    With :math:`\zeta` the direction share, :math:`t_\mathrm{d} = \rho`,
    :math:`t_\mathrm{s} = \delta_\mathrm{sig}`, :math:`t_\mathrm{ms} = s_\mathrm{ms}(1-\rho-
    \delta_\mathrm{sig})`, :math:`t_\mathrm{i} = (1-s_\mathrm{ms})(1-\rho-\delta_\mathrm{sig})`:

    .. math::

        P_\mathrm{PA} &= \zeta_\mathrm{DL}\,\frac{P_\mathrm{max}}{\eta}\,\big(t_\mathrm{d} +
            t_\mathrm{s} + b\,t_\mathrm{i}\big),\qquad \eta =
            \eta_\mathrm{max}10^{-\mathrm{PAPR}/20}\ (\text{class B}), \\
        P_\mathrm{A} &= \sum_{\mathrm{dir}} \zeta_\mathrm{dir}\,(N_\mathrm{RF}P_\mathrm{RF,dir}
            + P_\mathrm{LO} + M P_\mathrm{PS}[\text{hybrid}])
            \,(t_\mathrm{d}+t_\mathrm{s}+t_\mathrm{i} + a\,t_\mathrm{ms}), \\
        P_\mathrm{D} &= P_\mathrm{fix} + \frac{10^9}{L_\mathrm{BB}}\big(G\,t_\mathrm{d} +
            G_\mathrm{fe}(t_\mathrm{s}+t_\mathrm{i}) + \ell\,G\,t_\mathrm{ms}\big), \\
        P &= \frac{P_\mathrm{PA}+P_\mathrm{A}+P_\mathrm{D}}{(1-\sigma_\mathrm{DC})
            (1-\sigma_\mathrm{MS})(1-\sigma_\mathrm{cool})},

    with :math:`G` the data-phase load of :func:`~wirelesseff.power.baseband_gops`
    (:math:`N_\mathrm{RF}` streams, :math:`K` users, :math:`B`) and :math:`G_\mathrm{fe}` its
    front-end and OFDM part, :math:`a, b, \ell` the micro-sleep analog share, PA bias share and
    digital leakage share. The uplink has no PA term and receive chains (ADC) instead of
    transmit chains (DAC).

    Examples
    --------
    >>> bd = fr3_bs_power(1024)                 # fully digital, 1024 antennas, 30 % load
    >>> round(float(bd.total)), round(float(bd.pa)), round(float(bd.digital + bd.analog))
    (730, 294, 259)
    >>> hyb = fr3_bs_power(64, architecture="hybrid_sub")
    >>> bool(hyb.pa > hyb.digital + hyb.analog)
    True
    """
    p = fr3_params() if params is None else params
    if not isinstance(p, FR3Params):
        raise TypeError(f"params must be an FR3Params, got {type(p).__name__}")
    check_choice("architecture", architecture, FR3_ARCHITECTURES)
    k = check_integer("n_users", n_users, low=1, high=_MAX_COUNT)
    m = np.asarray(check_in_range("n_antennas", n_antennas, 1.0, _MAX_COUNT), dtype=float)
    if architecture == "digital":
        nrf = m
    else:
        nrf = np.asarray(check_in_range("n_rf", n_rf, 1.0, _MAX_COUNT), dtype=float)
        check_in_range("n_antennas - n_rf", m - nrf, 0.0, None,
                       what="(a hybrid array cannot have more RF chains than antennas)")
    if k >= p.tau_c:
        raise ValueError(f"n_users must be below tau_c = {p.tau_c} (pilots fit in the coherence "
                         f"block), got n_users={k}")
    check_in_range("n_rf - n_users" if architecture != "digital" else "n_antennas - n_users",
                   nrf - k, 0.0, None, what="(at least one RF chain per user)")
    rho = np.asarray(check_in_range("load", load, 0.0, 1.0 - p.signalling_share,
                                    what="(load + signalling share <= 1)"), dtype=float)

    t_data, t_sig = rho, p.signalling_share
    empty = 1.0 - rho - t_sig
    t_ms, t_idle = p.micro_sleep_share * empty, (1.0 - p.micro_sleep_share) * empty
    zeta = {"dl": p.zeta_dl, "ul": 1.0 - p.zeta_dl}

    # PAs: downlink only; full radiated power in the data and signalling phases
    eta = pa_backoff_efficiency(p.papr_db, "B", eta_max=p.pa_eta_max)
    pa_full = p.p_max / eta
    pa_phase = {"data": zeta["dl"] * pa_full * t_data, "signalling": zeta["dl"] * pa_full * t_sig,
                "micro_sleep": 0.0 * rho, "idle": zeta["dl"] * p.pa_bias_share * pa_full * t_idle}

    # analog: RF chains of the active direction, shared LO, phase shifters (hybrid)
    fs = FS_PER_BANDWIDTH * p.bandwidth
    ps = m * p.rf.p_phase_shifter if architecture == "hybrid_sub" else 0.0 * m
    awake = {d: nrf * float(chain) + p.rf.p_lo + ps
             for d, chain in (("dl", p.rf.rf_chain_tx(fs)), ("ul", p.rf.rf_chain_rx(fs)))}
    an_phase = {ph: sum(zeta[d] * awake[d] for d in ("dl", "ul")) * t
                for ph, t in (("data", t_data), ("signalling", t_sig), ("idle", t_idle))}
    an_phase["micro_sleep"] = sum(zeta[d] * awake[d] for d in ("dl", "ul")) \
        * p.analog_sleep_share * t_ms

    # digital: full load in the data phase, front end + OFDM when awake, leakage in sleep
    terms = baseband_gops_terms(nrf, k, p.bandwidth, scs=p.scs, tau_c=p.tau_c)
    g_full = terms["dfe"] + terms["fft"] + terms["mimo"]
    g_fe = terms["dfe"] + terms["fft"]
    per_gops = 1e9 / p.l_bb
    dig_phase = {"data": per_gops * g_full * t_data, "signalling": per_gops * g_fe * t_sig,
                 "idle": per_gops * g_fe * t_idle,
                 "micro_sleep": per_gops * p.digital_sleep_share * g_full * t_ms}

    loss = float(apply_supply_losses(1.0, sigma_dc=p.sigma_dc, sigma_ms=p.sigma_ms,
                                     sigma_cool=p.sigma_cool))
    digital = p.p_digital_fixed + sum(dig_phase.values())
    analog = sum(an_phase.values())
    pa = sum(pa_phase.values())
    total = loss * (digital + analog + pa)
    shape = np.broadcast_shapes(np.shape(m), np.shape(nrf), np.shape(rho))

    def out(x):
        return np.broadcast_to(np.asarray(x, dtype=float), shape).copy()[()]

    fixed_share = p.p_digital_fixed  # always on: attributed to the idle phase
    phases = {ph: out(loss * (pa_phase[ph] + an_phase[ph] + dig_phase[ph]
                              + (fixed_share if ph == "idle" else 0.0)))
              for ph in ("data", "signalling", "micro_sleep", "idle")}
    return FR3Breakdown(digital=out(digital), analog=out(analog), pa=out(pa),
                        supply_cooling=out(total - digital - analog - pa), total=out(total),
                        phases=phases, gops_data=out(g_full))
