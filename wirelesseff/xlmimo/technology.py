r"""One EE model for several multi-antenna technologies, and the FR3 downlink EE [reconstruction].

Tian et al. (arXiv:2512.12725; only the abstract was available) state that mid-band XL-MIMO
beats representative multi-antenna technologies in energy efficiency. To show *under which
constants* such a statement holds, every technology here runs through the same model, that of
:func:`~wirelesseff.xlmimo.midband_ee` (TR 38.901 path loss averaged over the cell, ZF with
statistical channel inversion, the component power model
:func:`~wirelesseff.power.xlmimo_bs_power`), and differs only in its preset
(:class:`TechnologyPreset`): carrier, bandwidth, array, users, cell and power constants, each
cited or marked assumed (see docs/xlmimo.md, 'Technology comparison').

:func:`ee_at_rate` gives the EE at a served sum rate (the EE-rate trade-off),
:func:`technology_presets` the four presets of the study ``xlmimo-technology-comparison``, and
:func:`fr3_downlink_ee` the downlink EE of the FR3 power model
(:func:`~wirelesseff.power.fr3_bs_power`) used by ``xlmimo-fr3-power-breakdown``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np

from .._validation import check_choice, check_integer
from ..channel.noise import noise_power
from ..power._checks import check_scalar_fields
from ..power.components import rf_components_parvini, rf_components_ttd_hbf
from ..power.composite import XLMIMOPowerParams, xlmimo_bs_power
from ..power.fr3 import FR3Params, fr3_bs_power, fr3_params
from ._checks import MAX_ANTENNAS, MAX_USERS, real_array, real_scalar
from .midband import ARCHITECTURES, SCENARIOS, architecture_gain, average_inverse_gain

__all__ = [
    "TechnologyPreset",
    "ee_at_rate",
    "fr3_downlink_ee",
    "midband_xlmimo_preset",
    "mmwave_hybrid_preset",
    "sub6_massive_mimo_preset",
    "technology_presets",
]


@dataclass(frozen=True)
class TechnologyPreset:
    r"""A base-station technology for :func:`ee_at_rate` (frozen; fields as in
    :func:`~wirelesseff.xlmimo.midband_ee`).

    Attributes
    ----------
    name : str
        Label in words (used in legends).
    frequency : float
        Carrier [Hz].
    n_antennas : int
        Antennas (PAs) :math:`M`.
    n_rf : int or None
        RF chains of a hybrid array (``None`` for digital).
    architecture : {"digital", "hybrid_sub", "hybrid_full"}
        Array architecture.
    n_users : int
        Users :math:`K`.
    bandwidth : float
        Bandwidth [Hz].
    p_max : float
        Maximum radiated power [W].
    d_min, d_max : float
        Annulus of user distances [m].
    scenario : {"umi", "uma"}
        TR 38.901 scenario; ``los`` its propagation condition (``True``, ``False`` or
        ``"probabilistic"``).
    noise_figure_db : float
        Receiver noise figure [dB].
    tau_c : int
        Coherence block [samples].
    power : XLMIMOPowerParams
        Power-model constants.
    source : str
        Where the values come from.
    """

    name: str
    frequency: float
    n_antennas: int
    n_rf: int | None
    architecture: str
    n_users: int
    bandwidth: float
    p_max: float
    d_min: float
    d_max: float
    scenario: str
    los: bool | str
    noise_figure_db: float
    tau_c: int
    power: XLMIMOPowerParams = field(default_factory=XLMIMOPowerParams)
    source: str = ""

    def __post_init__(self):
        check_scalar_fields(self)
        check_choice("architecture", self.architecture, ARCHITECTURES)
        check_integer("n_antennas", self.n_antennas, low=1, high=MAX_ANTENNAS)
        if self.n_rf is not None:
            check_integer("n_rf", self.n_rf, low=1, high=self.n_antennas)
        check_integer("n_users", self.n_users, low=1, high=MAX_USERS)
        check_integer("tau_c", self.tau_c, low=2, high=1_000_000)
        for name in ("frequency", "bandwidth", "p_max", "d_min", "d_max"):
            real_scalar(name, getattr(self, name), 0.0, None, low_open=True)
        check_choice("scenario", self.scenario, SCENARIOS)
        if not isinstance(self.power, XLMIMOPowerParams):
            raise TypeError(f"power must be an XLMIMOPowerParams, got "
                            f"{type(self.power).__name__}")

    def replace(self, **changes) -> TechnologyPreset:
        """A copy with some fields changed (``power_changes=`` changes ``power`` fields)."""
        power_changes = changes.pop("power_changes", None)
        out = dataclasses.replace(self, **changes)
        if power_changes:
            out = dataclasses.replace(out, power=dataclasses.replace(out.power, **power_changes))
        return out


def sub6_massive_mimo_preset(**changes) -> TechnologyPreset:
    r"""Sub-6 GHz massive MIMO: 3.5 GHz, 64 digital chains, 100 MHz, 8 users, UMa.

    Values: 3.5 GHz and 100 MHz (NR band n78, the largest FR1 carrier of 3GPP TS 38.104),
    64 antennas with one chain each (the common 64T64R radio; assumed), :math:`K = 8`
    (assumed), 200 W radiated (assumed), UMa users at 35-250 m (TR 38.901 minimum distance;
    assumed cell radius) with the LoS probability of TR 38.901, NF 7 dB (massivemimobook), PA
    efficiency 0.39 (Björnson et al., IEEE TWC 2015, Table 2), baseband 75 Gop/J (*Massive
    MIMO Networks* value set 1), the other power constants of
    :class:`~wirelesseff.power.XLMIMOPowerParams`.

    Examples
    --------
    >>> p = sub6_massive_mimo_preset()
    >>> p.frequency, p.n_antennas, p.architecture
    (3500000000.0, 64, 'digital')
    """
    return TechnologyPreset(
        name="sub-6 GHz massive MIMO (64 digital)", frequency=3.5e9, n_antennas=64, n_rf=None,
        architecture="digital", n_users=8, bandwidth=100e6, p_max=200.0, d_min=35.0,
        d_max=250.0, scenario="uma", los="probabilistic", noise_figure_db=7.0, tau_c=200,
        power=XLMIMOPowerParams(pa_efficiency=0.39, pa_max_power=200.0),
        source="NR n78 (TS 38.104); PA: Björnson et al. 2015; baseband: book value set 1",
    ).replace(**changes)


def mmwave_hybrid_preset(**changes) -> TechnologyPreset:
    r"""mmWave hybrid beamforming: 28 GHz, 256 antennas, 16 RF chains (sub-connected), 400 MHz.

    Values: 28 GHz and 400 MHz (NR FR2 band n257 and its largest carrier, TS 38.104), 256
    antennas behind 16 RF chains (assumed), :math:`K = 8` (assumed), 40 W radiated (assumed),
    UMi users at 10-100 m with the TR 38.901 LoS probability, NF 7 dB, RF parts of the
    hybrid-beamforming code of Ma et al. (:func:`~wirelesseff.power.rf_components_ttd_hbf`:
    560 mW converters, 4-bit phase shifters of 42 mW), PA efficiency 0.2 (assumed for 28 GHz),
    baseband 75 Gop/J (book value set 1).

    Examples
    --------
    >>> mmwave_hybrid_preset().power.phase_shifter_power
    0.042
    """
    return TechnologyPreset(
        name="mmWave hybrid (256 antennas, 16 RF chains)", frequency=28e9, n_antennas=256,
        n_rf=16, architecture="hybrid_sub", n_users=8, bandwidth=400e6, p_max=40.0,
        d_min=10.0, d_max=100.0, scenario="umi", los="probabilistic", noise_figure_db=7.0,
        tau_c=200,
        power=XLMIMOPowerParams(pa_efficiency=0.2, pa_max_power=40.0,
                                rf=rf_components_ttd_hbf(), phase_shifter_bits=4),
        source="NR n257 (TS 38.104); RF: WillysMa/SW-HBF_design_with_beam_squint; PA assumed",
    ).replace(**changes)


def midband_xlmimo_preset(architecture="digital", **changes) -> TechnologyPreset:
    r"""Mid-band XL-MIMO: 10 GHz, 1024 antennas (32 x 32), 400 MHz, digital or hybrid.

    Values: 10 GHz (X band, inside FR3) and 400 MHz (assumed, the largest FR3 carrier of the
    3GPP 7-24 GHz study, TR 38.820), 1024 antennas (the array of arXiv:2510.10647), 64 RF
    chains when hybrid (assumed), :math:`K = 8` (assumed), 200 W radiated (assumed), UMa
    users at 35-250 m with the TR 38.901 LoS probability, NF 7 dB, PA efficiency 0.3
    (assumed, between the sub-6 and 28 GHz presets), RF parts of Parvini et al., baseband
    75 Gop/J (book value set 1).

    Parameters
    ----------
    architecture : {"digital", "hybrid_sub", "hybrid_full"}, optional
        Array architecture (default ``"digital"``); hybrids use 64 RF chains.

    Examples
    --------
    >>> midband_xlmimo_preset("hybrid_sub").n_rf
    64
    """
    check_choice("architecture", architecture, ARCHITECTURES)
    words = {"digital": "1024 digital", "hybrid_sub": "1024 antennas, 64 RF chains, "
             "sub-connected", "hybrid_full": "1024 antennas, 64 RF chains, fully-connected"}
    return TechnologyPreset(
        name=f"mid-band XL-MIMO ({words[architecture]})", frequency=10e9, n_antennas=1024,
        n_rf=None if architecture == "digital" else 64, architecture=architecture,
        n_users=8, bandwidth=400e6, p_max=200.0, d_min=35.0, d_max=250.0, scenario="uma",
        los="probabilistic", noise_figure_db=7.0, tau_c=200,
        power=XLMIMOPowerParams(pa_efficiency=0.3, pa_max_power=200.0,
                                rf=rf_components_parvini()),
        source="TR 38.820 bandwidth; arXiv:2510.10647 array size; PA and RF chains assumed",
    ).replace(**changes)


def technology_presets(**power_changes) -> dict[str, TechnologyPreset]:
    """The four presets of the technology comparison, keyed by a short identifier.

    Keyword arguments change the power constants of every preset (e.g. ``l_bb=750e9``).

    Examples
    --------
    >>> sorted(technology_presets())
    ['midband_digital', 'midband_hybrid', 'mmwave_hybrid', 'sub6_massive_mimo']
    """
    out = {"sub6_massive_mimo": sub6_massive_mimo_preset(),
           "mmwave_hybrid": mmwave_hybrid_preset(),
           "midband_digital": midband_xlmimo_preset("digital"),
           "midband_hybrid": midband_xlmimo_preset("hybrid_sub")}
    if power_changes:
        out = {k: v.replace(power_changes=power_changes) for k, v in out.items()}
    return out


def ee_at_rate(preset, sum_rate):
    r"""EE of a technology serving a given sum rate, and the radiated power it needs.

    Parameters
    ----------
    preset : TechnologyPreset
        The technology.
    sum_rate : array_like
        Served sum rate [bit/s], non-negative.

    Returns
    -------
    ee : ndarray or float
        Energy efficiency [bit/J]; NaN where the rate needs more than ``preset.p_max``.
    p_radiated : ndarray or float
        Radiated power [W] (NaN likewise).

    Notes
    -----
    The model of :func:`~wirelesseff.xlmimo.midband_ee` at a fixed rate instead of the
    EE-optimal one: the per-user SINR that serves :math:`R` is
    :math:`\gamma = 2^{R/(BK(1-K/\tau_c))} - 1`, reached with
    :math:`P_\mathrm{rad} = \gamma K\sigma^2\bar S/g_\mathrm{arch}` (ZF, statistical channel
    inversion), and :math:`\mathrm{EE} = R/P(M, N_\mathrm{RF}, P_\mathrm{rad}, R)` with
    :func:`~wirelesseff.power.xlmimo_bs_power`.

    Examples
    --------
    >>> p = midband_xlmimo_preset()
    >>> ee, p_rad = ee_at_rate(p, [1e9, 10e9])
    >>> bool(np.all(np.diff(ee) > 0)), bool(np.all(p_rad < p.p_max))
    (True, True)
    """
    if not isinstance(preset, TechnologyPreset):
        raise TypeError(f"preset must be a TechnologyPreset, got {type(preset).__name__}")
    r = real_array("sum_rate", sum_rate, 0.0)
    p = preset
    k = check_integer("n_users", p.n_users, low=1, high=MAX_USERS)
    params = dataclasses.replace(p.power, tau_c=p.tau_c, tau_p=k)
    s_bar = average_inverse_gain(p.frequency, p.d_min, p.d_max, scenario=p.scenario, los=p.los)
    sigma2 = noise_power(p.bandwidth, p.noise_figure_db)
    g = architecture_gain(p.n_antennas, p.n_rf, k, architecture=p.architecture)
    prelog = p.bandwidth * k * (1.0 - k / p.tau_c)
    with np.errstate(over="ignore"):  # an unreachable rate: infinite power, masked below
        gamma = np.expm1(r / prelog * np.log(2.0))
        p_rad = gamma * k * sigma2 * s_bar / g
    ok = p_rad <= p.p_max * (1 + 1e-12)
    bd = xlmimo_bs_power(p.n_antennas, p.n_rf, np.where(ok, p_rad, 0.0), p.bandwidth, k,
                         architecture=p.architecture, sum_rate=r, params=params)
    with np.errstate(invalid="ignore", divide="ignore"):
        ee = np.where(ok, r / bd.total, np.nan)
    return ee[()], np.where(ok, p_rad, np.nan)[()]


def fr3_downlink_ee(n_rf, *, architecture="digital", n_antennas=1024, n_users=8, load=0.3,
                    frequency=10e9, d_min=35.0, d_max=250.0, scenario="uma",
                    los="probabilistic", noise_figure_db=7.0, params=None):
    r"""Downlink EE of the FR3 base-station power model [reconstruction].

    Parameters
    ----------
    n_rf : array_like
        RF chains (ignored for ``"digital"``).
    architecture : {"digital", "hybrid_sub"}, optional
        Fully digital or partially-connected hybrid.
    n_antennas, n_users, load
        As in :func:`~wirelesseff.power.fr3_bs_power` (defaults 1024, 8, 0.3).
    frequency : float, optional
        Carrier [Hz]; default 10 GHz (X band; assumed).
    d_min, d_max, scenario, los, noise_figure_db
        Cell of :func:`~wirelesseff.xlmimo.average_inverse_gain` (defaults UMa, 35-250 m, LoS
        probability of TR 38.901: an assumed macro cell of 500 m inter-site distance), NF 7 dB.
    params : FR3Params, optional
        Power constants; default :func:`~wirelesseff.power.fr3_params` ``()``.

    Returns
    -------
    dict
        ``ee`` [bit/J] (downlink throughput over the total time-averaged power),
        ``rate_per_user`` [bit/s], ``sinr`` [-] and ``breakdown``
        (:class:`~wirelesseff.power.FR3Breakdown`).

    Notes
    -----
    In the data phase the array radiates :math:`P_\mathrm{max}` shared by the :math:`K` users
    with ZF and statistical channel inversion, :math:`\gamma = P_\mathrm{max}
    g_\mathrm{arch}/(K\sigma^2\bar S)` (:func:`~wirelesseff.xlmimo.architecture_gain`; the
    partially-connected array is ``"hybrid_sub"``), and each user gets
    :math:`\zeta_\mathrm{DL}\rho B\log_2(1+\gamma)` on average.

    Examples
    --------
    >>> d = fr3_downlink_ee(1024)
    >>> h = fr3_downlink_ee(64, architecture="hybrid_sub")
    >>> bool(h["ee"] > d["ee"])
    True
    """
    p = fr3_params() if params is None else params
    if not isinstance(p, FR3Params):
        raise TypeError(f"params must be an FR3Params, got {type(p).__name__}")
    check_choice("architecture", architecture, ("digital", "hybrid_sub"))
    k = check_integer("n_users", n_users, low=1, high=MAX_USERS)
    m = real_array("n_antennas", n_antennas, 1.0)
    nrf = m if architecture == "digital" else real_array("n_rf", n_rf, 1.0)
    rho = real_array("load", load, 0.0, 1.0)
    f = real_scalar("frequency", frequency, 0.0, low_open=True)
    bd = fr3_bs_power(nrf, n_antennas=m, n_users=k, load=rho, architecture=architecture,
                      params=p)
    s_bar = average_inverse_gain(f, d_min, d_max, scenario=scenario, los=los)
    sigma2 = noise_power(p.bandwidth, noise_figure_db)
    g = architecture_gain(m, nrf, k, architecture=architecture)
    sinr = p.p_max * g / (k * sigma2 * s_bar)
    rate = p.zeta_dl * rho * p.bandwidth * np.log2(1.0 + sinr)
    ee = k * rate / bd.total
    return {"ee": np.asarray(ee)[()], "rate_per_user": np.asarray(rate)[()],
            "sinr": np.asarray(sinr)[()], "breakdown": bd}
