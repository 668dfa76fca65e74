r"""RIS power consumption, required transmit power, EE-optimal element count and power.

Sources: Björnson, Özdogan, Larsson (IEEE WCL 2020) for the IRS-vs-relay comparison (Eqs. of the
required powers and the EE definitions); Huang et al. (IEEE TWC 2019) for the element power by
phase resolution; Long et al. (IEEE TWC 2021) and Zhang, Dai et al. (IEEE TCOM 2023) for the
active-RIS signal and power models. The double-RIS formulas are a **reconstruction** (rank-one
cascade; see docs/ris_leo.md, 'Power and EE').

References
----------
.. [1] E. Björnson, Ö. Özdogan, E. G. Larsson, "Intelligent reflecting surface versus
   decode-and-forward: how large surfaces are needed to beat relaying?", IEEE Wireless Commun.
   Lett. 9(2):244-248, 2020, doi:10.1109/LWC.2019.2950624, arXiv:1906.03949.
.. [2] C. Huang, A. Zappone, G. C. Alexandropoulos, M. Debbah, C. Yuen, "Reconfigurable
   intelligent surfaces for energy efficiency in wireless communication", IEEE Trans. Wireless
   Commun. 18(8):4157-4170, 2019, doi:10.1109/TWC.2019.2922609.
.. [3] R. Long, Y.-C. Liang, Y. Pei, E. G. Larsson, "Active reconfigurable intelligent surface-
   aided wireless communications", IEEE Trans. Wireless Commun. 20(8):4962-4975, 2021,
   doi:10.1109/TWC.2021.3064024.
.. [4] Z. Zhang, L. Dai, X. Chen, C. Liu, F. Yang, R. Schober, H. V. Poor, "Active RIS vs.
   passive RIS: which will prevail in 6G?", IEEE Trans. Commun. 71(3):1707-1725, 2023,
   doi:10.1109/TCOMM.2022.3231893.
.. [5] W. Dinkelbach, "On nonlinear fractional programming", Management Science
   13(7):492-498, 1967, doi:10.1287/mnsc.13.7.492.
"""

from __future__ import annotations

import numbers
import types
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from .._validation import (
    check_choice,
    check_flag,
    check_nonnegative,
    check_positive,
)
from ..channel.noise import noise_power
from ..metrics import energy_efficiency
from ..power import (
    ACTIVE_RIS_P_DC_DBM,
    ACTIVE_RIS_P_SW_DBM,
    HUANG2019_RIS_ELEMENT_POWER,
    active_ris_element_power,
    active_ris_power,
    ris_element_power,
    total_power,
)
from ..units import T0, db2lin
from ._checks import (
    GAIN_RANGE,
    MAX_BANDWIDTH,
    MAX_POWER,
    MAX_RATE,
    MIN_EFFICIENCY,
    real,
    real_scalar,
)
from .phases import _check_bits, quantization_loss

__all__ = [
    "ASSUMED_LOW_BIT_RIS_ELEMENT_POWER",
    "HUANG2019_RIS_ELEMENT_POWER",
    "LEO_RIS_ELEMENT_POWER",
    "RISPowerModel",
    "bjornson2020_energy_efficiency",
    "ee_optimal_power",
    "energy_efficiency",
    "optimal_element_count",
    "required_transmit_power",
    "total_power",
]

#: Element power of 1- and 2-bit phase shifters [W] — **assumed**: Huang et al. (2019) only list
#: 3-6 bits; these extend the table below 1.5 mW (used by the study ``ris-leo-ee-vs-bits``).
ASSUMED_LOW_BIT_RIS_ELEMENT_POWER = types.MappingProxyType({1: 0.5e-3, 2: 1e-3})

#: Table used by the LEO link defaults: Huang et al. (2019) for 3-6 bits plus the assumed 1-2 bit
#: entries (:data:`ASSUMED_LOW_BIT_RIS_ELEMENT_POWER`).
LEO_RIS_ELEMENT_POWER = types.MappingProxyType(
    {**ASSUMED_LOW_BIT_RIS_ELEMENT_POWER, **dict(HUANG2019_RIS_ELEMENT_POWER)}
)


def _out(x):
    x = np.asarray(x)
    return x[()] if x.ndim == 0 else x


@dataclass(frozen=True)
class RISPowerModel:
    r"""Power consumption of a passive or active RIS [W], built on :mod:`wirelesseff.power`.

    Parameters
    ----------
    kind : {"passive", "active"}
        Surface type.
    table : mapping of int to float, optional
        Element power :math:`P_n(b)` [W] by phase resolution :math:`b` for the passive model;
        default :data:`HUANG2019_RIS_ELEMENT_POWER` (Huang et al. 2019: 3, 4, 5, 6 bits →
        1.5, 4.5, 6.0, 7.8 mW).
    control_power : float
        Controller power :math:`P_\mathrm{ctrl}` [W] (default 0, assumed).
    p_sw_dbm, p_dc_dbm : float
        Active element powers :math:`P_\mathrm{SW}` (−10 dBm) and :math:`P_\mathrm{DC}`
        (−5 dBm) as quoted from Zhang, Dai et al. (2023).
    amplifier_efficiency : float
        Active amplifier efficiency :math:`\xi_A` (0.8, assumed).
    gain_db : float
        Active amplification :math:`a^2` [dB] (10 dB, assumed).
    noise_figure_db : float
        Amplifier noise figure :math:`F_v` [dB] (3 dB, assumed); see :meth:`amplifier_noise`.

    Notes
    -----
    Passive (:func:`wirelesseff.power.passive_ris_power`): :math:`P = N P_n(b) +
    P_\mathrm{ctrl}`, with :math:`P_n = P_e = 5` mW for continuous phases (``bits=None`` or
    ``inf``; Björnson et al. 2020). Active (:func:`wirelesseff.power.active_ris_power`):
    :math:`P = N(P_\mathrm{SW}+P_\mathrm{DC}) + P_\mathrm{out}/\xi_A + P_\mathrm{ctrl}` with
    :math:`P_\mathrm{out} = a^2(P_t\kappa + N\sigma_v^2)` the amplified output power (Long et
    al. 2021; Zhang, Dai et al. 2023).

    Examples
    --------
    >>> round(float(RISPowerModel().power(100, bits=3)), 9)
    0.15
    >>> m = RISPowerModel("active")
    >>> round(float(m.power(100, output_power=1e-3)), 6)  # 100 * 0.416 mW + 1.25 mW
    0.042873
    """

    kind: str = "passive"
    table: Mapping[int, float] | None = None
    control_power: float = 0.0
    p_sw_dbm: float = ACTIVE_RIS_P_SW_DBM
    p_dc_dbm: float = ACTIVE_RIS_P_DC_DBM
    amplifier_efficiency: float = 0.8
    gain_db: float = 10.0
    noise_figure_db: float = 3.0

    #: Source of every default (for provenance).
    SOURCES = types.MappingProxyType({
        "table": "Huang et al., IEEE TWC 18(8), 2019 (3-6 bits)",
        "continuous phases": "P_e = 5 mW, Björnson et al., IEEE WCL 9(2), 2020",
        "p_sw_dbm, p_dc_dbm": "-10 dBm, -5 dBm, Zhang, Dai et al., IEEE TCOM 2023",
        "amplifier_efficiency, gain_db, noise_figure_db, control_power": "assumed",
    })

    def __post_init__(self) -> None:
        check_choice("kind", self.kind, ("passive", "active"))
        for name, low, high in (("control_power", 0.0, MAX_POWER), ("p_sw_dbm", -300.0, 150.0),
                                ("p_dc_dbm", -300.0, 150.0), ("gain_db", -300.0, 120.0),
                                ("noise_figure_db", 0.0, 300.0)):
            value = getattr(self, name)
            if isinstance(value, bool | np.bool_):
                raise TypeError(f"{name} must be a real number, got {value!r}")
            object.__setattr__(self, name, real_scalar(name, value, low, high))
        object.__setattr__(self, "amplifier_efficiency", real_scalar(
            "amplifier_efficiency", self.amplifier_efficiency, MIN_EFFICIENCY, 1.0))
        if self.table is not None:
            if not isinstance(self.table, Mapping):
                raise TypeError(f"table must be a mapping of bits to element power [W], got "
                                f"{type(self.table).__name__}")
            table = dict(self.table)
            for b, pn in table.items():
                if isinstance(b, bool) or not isinstance(b, numbers.Integral) or b < 1:
                    raise ValueError(f"table keys (bits) must be integers >= 1, got {b!r}")
                real_scalar(f"table[{b}]", pn, 0.0, MAX_POWER)
            object.__setattr__(self, "table", types.MappingProxyType(table))

    @property
    def gain(self) -> float:
        """Active amplification :math:`a^2` [linear]."""
        return float(db2lin(self.gain_db))

    def amplifier_noise(self, bandwidth, temperature=T0):
        r"""Amplifier noise power per element :math:`\sigma_v^2 = k_BTBF_v` [W]."""
        return noise_power(bandwidth, self.noise_figure_db, temperature)

    def element_power(self, bits=None):
        r"""Power per element [W]: :math:`P_n(b)` (passive) or :math:`P_\mathrm{SW}+P_\mathrm{DC}`.

        ``bits`` may be an array of integers >= 1 (a non-integer such as 1.5 raises
        ``ValueError``, it is never truncated); ``None`` or ``inf`` give the continuous-phase
        value 5 mW. A resolution missing from the table raises ``KeyError``.
        """
        if self.kind == "active":
            return float(active_ris_element_power(self.p_sw_dbm, self.p_dc_dbm))
        if bits is None:
            return float(ris_element_power(None, table=self.table))
        b = _check_bits(bits)
        out = np.empty(b.shape)
        for val in np.unique(b):
            out[b == val] = (ris_element_power(None) if np.isinf(val)
                             else ris_element_power(int(val), table=self.table))
        return _out(out)

    def power(self, n_elements, bits=None, output_power=0.0):
        r"""Total RIS power [W] for ``n_elements`` elements (broadcasts).

        Parameters
        ----------
        n_elements : array_like
            Number of elements :math:`N` (>= 0).
        bits : array_like, optional
            Phase resolution (passive).
        output_power : array_like
            Amplified output power :math:`P_\mathrm{out}` [W] (active).
        """
        n = real("n_elements", n_elements, 0.0, 1e12)
        if self.kind == "passive":
            return _out(n * np.asarray(self.element_power(bits)) + self.control_power)
        output_power = real("output_power", output_power, 0.0, MAX_POWER)
        return active_ris_power(n, output_power, p_sw_dbm=self.p_sw_dbm, p_dc_dbm=self.p_dc_dbm,
                                amplifier_efficiency=self.amplifier_efficiency,
                                p_ctrl=self.control_power)


# ---------------------------------------------------------------------------------------------
# Required transmit power
# ---------------------------------------------------------------------------------------------


def _bits_eta(bits, n_surfaces):
    """Quantisation loss of one surface, or of two surfaces (an int applies to both).

    A tuple or list is a per-surface pair; an ndarray is a batch of resolutions (one per
    point, applied to every surface).
    """
    if bits is None:
        return 1.0
    if n_surfaces == 1:
        if isinstance(bits, tuple | list):
            raise ValueError(f'bits must be one resolution for config="single_ris" (a single RIS '
                             f"has one phase resolution), got the per-surface pair {bits!r}")
        return quantization_loss(bits)
    if isinstance(bits, tuple | list):
        if len(bits) != 2:
            raise ValueError(f"bits must be an int or a pair (b1, b2), got {bits!r}")
        return quantization_loss(bits[0]) * quantization_loss(bits[1])
    return quantization_loss(bits) ** 2


def required_transmit_power(
    target_rate,
    noise_power,
    *,
    config,
    beta_sd=0.0,
    beta_sr=None,
    beta_rd=None,
    beta_12=None,
    n_elements=None,
    amplitude=1.0,
    bits=None,
    cascade_gain=None,
    active=None,
):
    r"""Transmit power needed to reach a spectral efficiency [W] (Björnson et al. 2020).

    Parameters
    ----------
    target_rate : array_like
        Target spectral efficiency :math:`\bar R` [bit/s/Hz], in [0, 100].
    noise_power : array_like
        Receiver noise power :math:`\sigma^2` [W], in (0, 1e12].
    config : {"siso", "single_ris", "double_ris", "df_relay"}
        Link type.
    beta_sd, beta_sr, beta_rd, beta_12 : array_like
        Channel gains source-destination, source-RIS/relay, RIS/relay-destination and
        RIS 1-RIS 2 [linear], finite, in [0, 1e12].
    n_elements : array_like or (array_like, array_like)
        :math:`N` (single RIS) or :math:`(N_1, N_2)` (double RIS), in [0, 1e12].
    amplitude : array_like
        Reflection amplitude :math:`\alpha`, in [1e-6, 1e6].
    bits : int or (int, int), optional
        Phase resolution(s); applies :math:`\eta(b)` (or :math:`\eta(b_1)\eta(b_2)`, an int
        meaning both surfaces) to the RIS path power. ``"single_ris"`` takes one resolution (a
        pair raises ``ValueError``); an ndarray is a batch of resolutions that broadcasts with
        the other inputs.
    cascade_gain : array_like, optional
        RIS path gain (e.g. a P7 ``path_gain``) replacing :math:`N^2\alpha^2\beta_{SR}\beta_{RD}`
        (or its double-RIS counterpart); the RIS amplitude is then
        :math:`\sqrt{\eta\cdot\text{cascade\_gain}}`.
    active : (a2, sigma_v2, g_v), optional
        Active RIS: amplification :math:`a^2`, amplifier noise :math:`\sigma_v^2` [W] and noise
        gain :math:`g_v = \sum_n|t_n|^2` (P7 active SNR).

    Returns
    -------
    ndarray or float
        :math:`P` [W]; ``inf`` when the link has zero gain (by design: no power reaches the
        target), finite otherwise.

    Raises
    ------
    ValueError
        For ``config="df_relay"`` when :math:`\beta_{SD}\ge\beta_{SR}+\beta_{RD}` at any
        entry (the DF formula of Björnson et al. 2020 needs :math:`\beta_{SR}+\beta_{RD} >
        \beta_{SD}`; otherwise it returns a non-positive power), and for a pair of ``bits``
        with ``config="single_ris"``.

    Notes
    -----
    With :math:`S = 2^{\bar R}-1` (Björnson et al. 2020, Eqs. (5), (10), (14)):

    * ``siso``: :math:`S\sigma^2/\beta_{SD}`
    * ``single_ris``: :math:`S\sigma^2/(\sqrt{\beta_{SD}} + \sqrt{\eta(b)}N\alpha
      \sqrt{\beta_{SR}\beta_{RD}})^2`
    * ``double_ris``: :math:`S\sigma^2/(\sqrt{\beta_{SD}} + \sqrt{\eta_1\eta_2}N_1N_2\alpha^2
      \sqrt{\beta_{SR}\beta_{12}\beta_{RD}})^2` (reconstruction)
    * ``df_relay``: :math:`(2^{2\bar R}-1)\sigma^2(\beta_{SR}+\beta_{RD}-\beta_{SD})/
      (2\beta_{SR}\beta_{RD})`

    The active-RIS variant solves :math:`a^2P\,G/(a^2\sigma_v^2g_v+\sigma^2) = S` (direct path
    added coherently), i.e. :math:`P = S(a^2\sigma_v^2g_v+\sigma^2)/(\sqrt{\beta_{SD}} +
    a\sqrt{\eta G})^2`.

    Examples
    --------
    >>> float(required_transmit_power(1.0, 1e-13, config="siso", beta_sd=1e-10))
    0.001
    >>> float(required_transmit_power(1.0, 1e-13, config="single_ris", beta_sr=1e-6,
    ...                               beta_rd=1e-6, n_elements=100))
    1e-05
    """
    check_choice("config", config, ("siso", "single_ris", "double_ris", "df_relay"))
    rate = real("target_rate", target_rate, 0.0, MAX_RATE)
    sigma2 = real("noise_power", noise_power, 0.0, MAX_POWER, low_open=True)
    beta_sd = real("beta_sd", beta_sd, 0.0, GAIN_RANGE[1])
    for name, v in (("beta_sr", beta_sr), ("beta_rd", beta_rd), ("beta_12", beta_12),
                    ("cascade_gain", cascade_gain)):
        if v is not None:
            real(name, v, 0.0, GAIN_RANGE[1])
    snr = np.power(2.0, rate) - 1.0

    def _safe_div(num, den):
        num, den = np.broadcast_arrays(np.asarray(num, float), np.asarray(den, float))
        with np.errstate(divide="ignore", invalid="ignore"):
            out = np.where(den > 0, num / np.where(den > 0, den, 1.0), np.inf)
        return _out(np.where(num == 0, 0.0, out))

    if config == "siso":
        return _safe_div(snr * sigma2, beta_sd)
    if config == "df_relay":
        for name, v in (("beta_sr", beta_sr), ("beta_rd", beta_rd)):
            if v is None:
                raise ValueError(f'config="df_relay" needs {name}')
        check_positive(beta_sr=beta_sr, beta_rd=beta_rd)
        bsr, brd = np.asarray(beta_sr, float), np.asarray(beta_rd, float)
        bsd = np.asarray(beta_sd, float)
        bsd_b, sum_b = np.broadcast_arrays(bsd, bsr + brd)
        bad = bsd_b >= sum_b
        if np.any(bad):
            idx = tuple(int(i) for i in np.argwhere(bad)[0]) if bad.ndim else ()
            where = f" at index {idx}" if idx else ""
            raise ValueError(
                f'beta_sd must be < beta_sr + beta_rd for config="df_relay" (the DF formula of '
                f"Björnson et al. 2020 needs beta_sr + beta_rd > beta_sd), got beta_sd = "
                f"{float(bsd_b[idx]):.6g} >= beta_sr + beta_rd = {float(sum_b[idx]):.6g}{where}")
        return _out((np.power(2.0, 2 * rate) - 1) * sigma2 * (bsr + brd - bsd)
                    / (2 * bsr * brd))
    n_surf = 1 if config == "single_ris" else 2
    eta = _bits_eta(bits, n_surf)
    alpha = real("amplitude", amplitude, MIN_EFFICIENCY, 1e6)
    if cascade_gain is not None:
        ris_gain = np.asarray(cascade_gain, float)
    else:
        if n_elements is None or beta_sr is None or beta_rd is None:
            raise ValueError(f'config="{config}" needs n_elements, beta_sr and beta_rd (or '
                             "cascade_gain)")
        check_nonnegative(beta_sr=beta_sr, beta_rd=beta_rd)
        if n_surf == 1:
            n = real("n_elements", n_elements, 0.0, 1e12)
            ris_gain = n**2 * alpha**2 * np.asarray(beta_sr, float) * np.asarray(beta_rd, float)
        else:
            if beta_12 is None:
                raise ValueError('config="double_ris" needs beta_12 (or cascade_gain)')
            check_nonnegative(beta_12=beta_12)
            if np.ndim(n_elements) == 0:
                n1 = n2 = real("n_elements", n_elements, 0.0, 1e12)
            elif np.shape(n_elements)[:1] == (2,):
                n1, n2 = (real("n_elements", x, 0.0, 1e12) for x in n_elements)
            else:
                raise ValueError(f'n_elements must be N or a pair (N_1, N_2) for '
                                 f'config="double_ris", got shape {np.shape(n_elements)}')
            ris_gain = ((np.asarray(n1, float) * np.asarray(n2, float)) ** 2 * alpha**4
                        * np.asarray(beta_sr, float) * np.asarray(beta_12, float)
                        * np.asarray(beta_rd, float))
    ris_gain = eta * ris_gain
    if active is None:
        amp = np.sqrt(beta_sd) + np.sqrt(ris_gain)
        return _safe_div(snr * sigma2, amp**2)
    if not isinstance(active, tuple | list) or len(active) != 3:
        raise TypeError(f"active must be a triple (a2, sigma_v2, g_v), got {active!r:.80}")
    a2 = real("a2", active[0], 0.0, GAIN_RANGE[1], low_open=True)
    sigma_v2 = real("sigma_v2", active[1], 0.0, MAX_POWER)
    g_v = real("g_v", active[2], 0.0, GAIN_RANGE[1])
    amp = np.sqrt(beta_sd) + np.sqrt(a2 * ris_gain)
    return _safe_div(snr * (a2 * sigma_v2 * g_v + sigma2), amp**2)


# ---------------------------------------------------------------------------------------------
# EE-optimal number of elements
# ---------------------------------------------------------------------------------------------


def optimal_element_count(
    target_rate,
    noise_power,
    beta_sr,
    beta_rd,
    element_power,
    *,
    beta_sd=0.0,
    beta_12=None,
    pa_efficiency=0.5,
    amplitude=1.0,
    form="corrected",
    config="single",
    cascade_gain=None,
    integer=False,
):
    r"""Number of RIS elements minimising the consumed power at a fixed rate (Björnson et al.
    2020, Sec. IV).

    Parameters
    ----------
    target_rate : array_like
        :math:`\bar R` [bit/s/Hz].
    noise_power : array_like
        :math:`\sigma^2` [W].
    beta_sr, beta_rd : array_like
        Channel gains to and from the RIS [linear].
    element_power : array_like
        Power per element :math:`P_e` or :math:`P_n(b)` [W].
    beta_sd : array_like
        Direct-link gain (single RIS).
    beta_12 : array_like, optional
        RIS-RIS gain (``config="double"``).
    pa_efficiency : array_like
        :math:`\nu` in (0, 1].
    amplitude : array_like
        :math:`\alpha`.
    form : {"corrected", "as_coded"}
        ``"corrected"`` (default) minimises :math:`P/\nu + NP_e` exactly and reproduces the
        authors' script ``simulateFigure5.m`` (repository ``emilbjornson/IRS-relaying``) as
        corrected on 2024-07-25, which includes the PA efficiency: in the Fig. 5 set-up
        (:class:`~wirelesseff.ris_leo.Bjornson2020Setup`) :math:`N^\star = 91.05` at
        :math:`\bar R = 10` and :math:`N^\star = 0` up to :math:`\bar R = 3.9` bit/s/Hz.
        ``"as_coded"`` reproduces version 1.0 of that script (2019-10-28), which omits
        :math:`1/\nu` (66.26; up to 4.9 bit/s/Hz; see docs/ris_leo.md, 'Pitfalls'). They
        coincide at :math:`\nu = 1`.
    config : {"single", "double"}
        One RIS with direct link, or two RIS of :math:`N` elements each with a rank-one cascade
        and no direct link (reconstruction).
    cascade_gain : array_like, optional
        Overrides :math:`c`: the RIS path gain per :math:`N^2` (single) or per :math:`N^4`
        (double).
    integer : bool
        Return the better of :math:`\lfloor N^\star\rfloor` and :math:`\lceil N^\star\rceil`.

    Returns
    -------
    ndarray or float
        :math:`N^\star` (per surface for ``"double"``).

    Notes
    -----
    Single RIS, :math:`c = \alpha^2\beta_{SR}\beta_{RD}`, :math:`S = 2^{\bar R}-1`:

    .. math:: N^\star = \left[\left(\frac{2S\sigma^2}{c\,\nu P_e}\right)^{1/3}
              - \frac{1}{\alpha}\sqrt{\frac{\beta_{SD}}{\beta_{SR}\beta_{RD}}}\right]^+

    from :math:`\frac{d}{dN}[S\sigma^2/(\nu(\sqrt{\beta_{SD}}+N\sqrt c)^2) + NP_e] = 0`
    (Björnson et al. 2020 code with :math:`P_e\to\nu P_e`). Double RIS (:math:`PG = cN^4`,
    :math:`c = \alpha^4\beta_{SR}\beta_{12}\beta_{RD}`, total :math:`2N` elements):
    :math:`N^\star = (2S\sigma^2/(\nu cP_n))^{1/5}`.

    Examples
    --------
    >>> n = optimal_element_count(4.0, 1e-13, 1e-7, 1e-7, 5e-3, pa_efficiency=1.0)
    >>> round(float(n), 3)  # (2*15*1e-13/(1e-14*5e-3))^(1/3)
    39.149
    """
    check_choice("form", form, ("corrected", "as_coded"))
    check_choice("config", config, ("single", "double"))
    integer = check_flag("integer", integer)
    rate = real("target_rate", target_rate, 0.0, MAX_RATE)
    real("noise_power", noise_power, 0.0, MAX_POWER, low_open=True)
    real("element_power", element_power, 1e-15, MAX_POWER)
    real("pa_efficiency", pa_efficiency, MIN_EFFICIENCY, 1.0)
    real("amplitude", amplitude, MIN_EFFICIENCY, 1e6)
    real("beta_sd", beta_sd, 0.0, GAIN_RANGE[1])
    for name, v in (("beta_sr", beta_sr), ("beta_rd", beta_rd), ("beta_12", beta_12),
                    ("cascade_gain", cascade_gain)):
        if v is not None:
            real(name, v, *GAIN_RANGE)
    nu = np.asarray(pa_efficiency, float) if form == "corrected" else 1.0
    s = np.power(2.0, rate) - 1.0
    sigma2 = np.asarray(noise_power, float)
    pe = np.asarray(element_power, float)
    alpha = np.asarray(amplitude, float)
    if config == "single":
        if cascade_gain is None:
            check_positive(beta_sr=beta_sr, beta_rd=beta_rd)
            c = alpha**2 * np.asarray(beta_sr, float) * np.asarray(beta_rd, float)
        else:
            check_positive(cascade_gain=cascade_gain)
            c = np.asarray(cascade_gain, float)
        n_star = np.maximum(np.cbrt(2 * s * sigma2 / (c * nu * pe))
                            - np.sqrt(np.asarray(beta_sd, float) / c), 0.0)

        def cost(n):
            p = s * sigma2 / (np.sqrt(beta_sd) + n * np.sqrt(c)) ** 2
            return p / np.asarray(pa_efficiency, float) + n * pe
    else:
        if cascade_gain is None:
            if beta_12 is None:
                raise ValueError('config="double" needs beta_12 (or cascade_gain)')
            check_positive(beta_sr=beta_sr, beta_rd=beta_rd, beta_12=beta_12)
            c = (alpha**4 * np.asarray(beta_sr, float) * np.asarray(beta_12, float)
                 * np.asarray(beta_rd, float))
        else:
            check_positive(cascade_gain=cascade_gain)
            c = np.asarray(cascade_gain, float)
        n_star = np.power(2 * s * sigma2 / (nu * c * pe), 0.2)

        def cost(n):
            with np.errstate(divide="ignore"):
                p = np.where(n > 0, s * sigma2 / (c * np.where(n > 0, n, 1.0) ** 4), np.inf)
            return p / np.asarray(pa_efficiency, float) + 2 * n * pe
    if not integer:
        return _out(n_star)
    lo = np.floor(n_star)
    hi = np.ceil(n_star)
    with np.errstate(invalid="ignore"):
        best = np.where(cost(hi) < cost(lo), hi, lo)
    return _out(best)


# ---------------------------------------------------------------------------------------------
# EE-optimal transmit power and the Björnson (2020) EE definitions
# ---------------------------------------------------------------------------------------------


def ee_optimal_power(a, bandwidth, static_power, pa_efficiency, p_max, tol=1e-9):
    r"""EE-maximising transmit power of one link by Dinkelbach's method (Dinkelbach 1967).

    Parameters
    ----------
    a : float
        SNR per watt :math:`a = G/\sigma^2` [1/W], in (0, 1e300].
    bandwidth : float
        :math:`B` [Hz], in (0, 1e15].
    static_power : float
        Circuit power :math:`P_c` [W], in (0, 1e12].
    pa_efficiency : float
        :math:`\nu`, in [1e-6, 1].
    p_max : float
        Power cap :math:`P_\max` [W], in [0, 1e12].
    tol : float
        Dinkelbach tolerance on :math:`N - \lambda D`, in (0, 1).

    Returns
    -------
    wirelesseff.optimize.SolveResult
        ``value`` = the optimal EE [bit/J], ``variables["p"]`` the power [W], ``history`` the
        non-decreasing :math:`\lambda_k` and ``iterations``. Never raises on a degenerate
        problem (``p_max = 0`` gives :math:`P = 0` and EE 0). The status is checked a
        posteriori: ``"optimal"`` only if :math:`0\le P\le P_\max` holds and the EE at
        :math:`P` is within 1e-9 (relative) of the EE at the Lambert-W optimum clipped to
        :math:`[0, P_\max]`; ``"optimal_inaccurate"`` when the power is feasible but that
        certificate fails (``info["certificate_gap"]``), ``"solver_error"`` when the power is
        not feasible.

    Raises
    ------
    ValueError, TypeError
        For a non-finite, non-scalar or out-of-range argument (before any iteration).

    Notes
    -----
    Maximises :math:`B\log_2(1+aP)/(P/\nu + P_c)` over :math:`[0, P_\max]`: each Dinkelbach step
    maximises :math:`B\log_2(1+aP) - \lambda_k(P/\nu+P_c)`, whose solution is the water-level
    :math:`P_k = [B\nu/(\lambda_k\ln 2) - 1/a]_0^{P_\max}`, and sets
    :math:`\lambda_{k+1} = \mathrm{EE}(P_k)` (Dinkelbach 1967). The unconstrained optimum also
    has the closed form :func:`wirelesseff.optimize.lambertw_ratio_argmax`.

    Examples
    --------
    >>> res = ee_optimal_power(1e3, 1e6, 0.1, 0.5, p_max=10.0)
    >>> round(float(res["p"]), 5), res.status
    (0.02196, 'optimal')
    """
    import dataclasses

    from ..optimize import dinkelbach, lambertw_ratio_argmax

    a = real_scalar("a", a, 0.0, 1e300, low_open=True)
    b = real_scalar("bandwidth", bandwidth, 0.0, MAX_BANDWIDTH, low_open=True)
    pc = real_scalar("static_power", static_power, 0.0, MAX_POWER, low_open=True)
    nu = real_scalar("pa_efficiency", pa_efficiency, MIN_EFFICIENCY, 1.0)
    pmax = real_scalar("p_max", p_max, 0.0, MAX_POWER)
    tol = real_scalar("tol", tol, 0.0, 1.0, low_open=True, high_open=True)

    def numerator(x):
        return b * np.log2(1.0 + a * x["p"])

    def denominator(x):
        return x["p"] / nu + pc

    def solve_inner(lam):
        if lam <= 0:
            return {"p": pmax}
        return {"p": float(np.clip(b * nu / (lam * np.log(2.0)) - 1.0 / a, 0.0, pmax))}

    res = dinkelbach(solve_inner, numerator, denominator, tol=tol, max_iter=100)
    # a-posteriori certificate: feasibility, and the EE of the closed-form optimum
    # (x = 1 + aP maximises ln x/(x + a nu P_c - 1); clipping is exact for this quasi-concave
    # ratio)
    p = float(np.asarray(res.variables.get("p", np.nan)))
    p_cf = float(np.clip((lambertw_ratio_argmax(a * nu * pc - 1.0) - 1.0) / a, 0.0, pmax))
    ee_cf = numerator({"p": p_cf}) / denominator({"p": p_cf})
    feasible = np.isfinite(p) and 0.0 <= p <= pmax
    ee = numerator({"p": p}) / denominator({"p": p}) if feasible else np.nan
    gap = (ee_cf - ee) / ee_cf if feasible and ee_cf > 0 else (0.0 if feasible else np.inf)
    status, message = res.status, res.message
    if not feasible:
        status, message = "solver_error", f"the power {p!r} lies outside [0, p_max={pmax:g}]"
    elif status == "optimal" and gap > 1e-9:
        status = "optimal_inaccurate"
        message = (f"the EE is {gap:.3g} (relative) below the Lambert-W optimum at "
                   f"P = {p_cf:.6g} W")
    return dataclasses.replace(res, status=status, message=message,
                               info={**res.info, "certificate_gap": gap,
                                     "closed_form_power": p_cf})


def bjornson2020_energy_efficiency(
    config,
    rate,
    transmit_power,
    *,
    pa_efficiency=0.5,
    source_power=0.1,
    destination_power=0.1,
    relay_power=0.1,
    n_elements=0.0,
    element_power=5e-3,
):
    r"""Energy efficiency of SISO, IRS and DF-relay links, Björnson et al. (2020) [bit/J].

    Parameters
    ----------
    config : {"siso", "irs", "df_relay"}
        Link type.
    rate : array_like
        Rate :math:`B\bar R` [bit/s], finite, >= 0.
    transmit_power : array_like
        Total transmit power :math:`P` [W] (from :func:`required_transmit_power`), >= 0; ``inf``
        (a link with zero gain) gives EE 0.
    pa_efficiency : array_like
        :math:`\nu` in [1e-6, 1] (0.5).
    source_power, destination_power, relay_power : array_like
        Static powers :math:`P_s, P_d, P_r` (100 mW each, Björnson et al. 2020).
    n_elements, element_power : array_like
        IRS size :math:`N` and power per element :math:`P_e` (5 mW).

    Returns
    -------
    ndarray or float
        :math:`\mathrm{EE_{SISO}} = B\bar R/(P/\nu+P_s+P_d)`,
        :math:`\mathrm{EE_{IRS}} = B\bar R/(P/\nu+P_s+P_d+NP_e)`,
        :math:`\mathrm{EE_{DF}} = B\bar R/(P/\nu+P_s/2+P_d+P_r)` (the DF source is active half of
        the time).

    Examples
    --------
    >>> float(bjornson2020_energy_efficiency("siso", 1e7, 0.1))
    25000000.0
    """
    check_choice("config", config, ("siso", "irs", "df_relay"))
    rate = real("rate", rate, 0.0, 1e18)
    transmit_power = real("transmit_power", transmit_power, 0.0, None, allow_inf=True)
    pa_efficiency = real("pa_efficiency", pa_efficiency, MIN_EFFICIENCY, 1.0)
    source_power, destination_power, relay_power, element_power = (
        real(name, v, 0.0, MAX_POWER) for name, v in (
            ("source_power", source_power), ("destination_power", destination_power),
            ("relay_power", relay_power), ("element_power", element_power)))
    n_elements = real("n_elements", n_elements, 0.0, 1e12)
    p = transmit_power / pa_efficiency
    if config == "siso":
        tot = p + source_power + destination_power
    elif config == "irs":
        tot = p + source_power + destination_power + np.asarray(n_elements, float) * element_power
    else:
        tot = p + np.asarray(source_power, float) / 2 + destination_power + relay_power
    finite = np.isfinite(tot)
    if np.all(finite):
        return energy_efficiency(rate, tot)
    ee = energy_efficiency(rate, np.where(finite, tot, 1.0))  # inf power: EE 0
    return _out(np.where(finite, ee, 0.0))
