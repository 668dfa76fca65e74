r"""Energy efficiency of an XL-MIMO base station in the upper mid-band (7-24 GHz) [reconstruction].

**Reconstruction.** The target paper (Tian, Han, Li, Jin, Wen, arXiv:2512.12725, 2025) announces
a component- and processing-level power model, near-field throughput and an EE scaling law for
XL-MIMO at mid-band; only its abstract was available. :func:`midband_ee` is *not* that paper's
model. It assembles published, cited pieces into a transparent EE model:

* path loss: 3GPP TR 38.901 UMi/UMa (Table 7.4.1-1), isotropic elements, averaged as
  :math:`\bar S = \mathbb{E}[10^{PL/10}]` over users uniform in an annulus;
* noise: :math:`k_B T_0 B\,10^{NF/10}` with NF = 7 dB (massivemimobook code), i.e.
  :math:`-173.975` dBm/Hz at 290 K, 0.025 dB above that code's rounded :math:`-174` dBm/Hz;
* SINR: zero-forcing with statistical channel inversion (the structure of Björnson et al.,
  IEEE TWC 2015): every user gets :math:`\gamma = \alpha g_\mathrm{arch}` at the radiated power
  :math:`P_\mathrm{rad} = \alpha K\sigma^2\bar S`, with the architecture gain
  :math:`g_\mathrm{arch}` of fully digital or hybrid (Sohrabi-Yu 2016) arrays and, optionally,
  the near-field loss of far-field analog beams (Björnson-Demir-Sanguinetti 2021);
* power: :func:`wirelesseff.power.xlmimo_bs_power` (itself a reconstruction, see docs/power.md,
  'XL-MIMO base station');
* the EE-optimal :math:`\alpha` by the Lambert-W law of Theorem 3 of Björnson et al. (2015),
  capped by the maximum radiated power.

Assumed defaults (not from the target paper): :math:`K = 12` users and :math:`B = 200` MHz
(the prototype of arXiv:2510.02793), :math:`P_\mathrm{max} = 40` W (Holtkamp et al. 2013 macro
sector), annulus 10-100 m (TR 38.901 UMi minimum distance; small-cell radius),
:math:`\tau_c = 200` (*Massive MIMO Networks* Sec. 5.4). Not modelled: frequency-dependent PA
efficiency and LO power, a coherence block shrinking with the carrier frequency.

Inputs are checked before use: numbers must be real and finite (``TypeError`` for a string,
``ValueError`` for NaN or inf, each naming the parameter); antenna and RF-chain counts are at
most :math:`10^6`, users at most :math:`10^4`, the coherence block at most :math:`10^6`
samples.
"""

from __future__ import annotations

import dataclasses
import functools
import warnings
from dataclasses import fields
from typing import NamedTuple

import numpy as np

from .._validation import (
    as_generator,
    check_choice,
    check_in_range,
    check_integer,
)
from ..channel.nearfield import farfield_beamforming_gain, fraunhofer_distance, upa_diagonal
from ..channel.noise import noise_power
from ..channel.pathloss import (
    los_probability_uma,
    los_probability_umi,
    tr38901_uma,
    tr38901_umi,
)
from ..optimize.closed_form import lambertw_ratio_argmax
from ..optimize.numerics import golden_section_max
from ..power.composite import PowerBreakdown, XLMIMOPowerParams, xlmimo_bs_power
from ..units import SPEED_OF_LIGHT
from ._checks import MAX_ANTENNAS, MAX_USERS, real_array
from ._checks import real_scalar as _scalar
from .nearfield_mc import RECEIVERS, nearfield_gram, nearfield_sinr

__all__ = [
    "MidbandResult",
    "architecture_gain",
    "average_inverse_gain",
    "midband_ee",
    "upa_element_count",
]

ARCHITECTURES = ("digital", "hybrid_sub", "hybrid_full")
RATE_MODELS = ("closed_form", "nearfield")
_RECEIVER_SCHEME = {"zf": "zf", "mr": "mr", "mmse": "rzf"}
ANALOG_BEAMS = ("focused", "farfield")
SCENARIOS = ("umi", "uma")
_N_QUAD = 64
_MAX_SIDE = 1_000_000  # elements per UPA side (upa_element_count)
_TAU_C_MAX = 1_000_000  # coherence block [samples]


class MidbandResult(NamedTuple):
    r"""Result of :func:`midband_ee` (arrays broadcast over frequency, antennas, RF chains).

    ``ee`` [bit/J]; ``sum_rate`` [bit/s]; ``alpha`` (per-user SINR / :math:`g_\mathrm{arch}`)
    [-]; ``p_radiated`` [W]; ``breakdown`` (:class:`~wirelesseff.power.PowerBreakdown` at the
    optimum, terms in W).
    """

    ee: np.ndarray | float
    sum_rate: np.ndarray | float
    alpha: np.ndarray | float
    p_radiated: np.ndarray | float
    breakdown: PowerBreakdown


def upa_element_count(side, frequency, spacing=0.5):
    r"""Number of elements of a square UPA of a given side length.

    Parameters
    ----------
    side : array_like
        Side length of the square aperture [m], > 0.
    frequency : array_like
        Carrier frequency [Hz], > 0.
    spacing : array_like, optional
        Element spacing in wavelengths [-], > 0; default 0.5 (:math:`\lambda/2`).

    Returns
    -------
    ndarray or int
        :math:`\lfloor \mathrm{side}/(\Delta\lambda)\rfloor^2` with :math:`\lambda = c/f`,
        :math:`c` = 299 792 458 m/s (a relative tolerance of 1e-9 protects exact multiples from
        rounding down).

    Raises
    ------
    TypeError
        If an input is not a real number.
    ValueError
        If an input is not positive and finite, or the array would have more than
        :math:`10^6` elements per side.

    Examples
    --------
    >>> int(upa_element_count(0.5, 10e9))  # lambda = 29.98 mm: 33 x 33 elements
    1089
    >>> upa_element_count(1.0, [7e9, 24e9])
    array([ 2116, 25600])
    """
    side = real_array("side", side, 0.0, low_open=True)
    frequency = real_array("frequency", frequency, 0.0, low_open=True)
    spacing = real_array("spacing", spacing, 0.0, low_open=True)
    lam = SPEED_OF_LIGHT / frequency
    n = np.floor(side / (spacing * lam) * (1 + 1e-9))
    if np.any(n > _MAX_SIDE):
        check_in_range("side * frequency / (spacing * c)", n, 0.0, _MAX_SIDE,
                       what="(elements per side)")
    return (n.astype(np.int64) ** 2)[()]


@functools.lru_cache(maxsize=1)
def _gauss_legendre():
    """64-node Gauss-Legendre nodes and weights on [-1, 1] (computed once)."""
    return np.polynomial.legendre.leggauss(_N_QUAD)


@functools.lru_cache(maxsize=1)
def _default_power_params() -> XLMIMOPowerParams:
    """``XLMIMOPowerParams()`` built once (frozen, so sharing is safe)."""
    return XLMIMOPowerParams()


def _pathloss(scenario):
    return tr38901_umi if scenario == "umi" else tr38901_uma


def average_inverse_gain(frequency, d_min=10.0, d_max=100.0, *, scenario="umi", los=True,
                         h_bs=10.0, h_ut=1.5):
    r"""Average inverse channel gain :math:`\bar S = \mathbb{E}[10^{PL(d)/10}]` [-].

    Parameters
    ----------
    frequency : array_like
        Carrier frequency [Hz] (TR 38.901 scope 0.5-100 GHz).
    d_min, d_max : float, optional
        Inner and outer radius of the annulus of user positions [m] (2-D distance),
        :math:`10 \le d_\mathrm{min} < d_\mathrm{max} \le 5000` (TR 38.901 range). Defaults
        10 m and 100 m.
    scenario : {"umi", "uma"}, optional
        TR 38.901 scenario (:func:`~wirelesseff.channel.pathloss.tr38901_umi` or ``_uma``).
    los : bool or "probabilistic", optional
        LoS (default), NLoS, or the LoS probability of Table 7.4.2-1 (then the inverse gains
        of both states are averaged with :math:`P_\mathrm{LOS}(d)`).
    h_bs, h_ut : float, optional
        BS and user heights [m]; defaults 10 m and 1.5 m.

    Returns
    -------
    ndarray or float
        :math:`\bar S` [-] (isotropic elements), broadcast over ``frequency``.

    Raises
    ------
    ValueError
        If the annulus is invalid or an input is outside the TR 38.901 ranges.

    Notes
    -----
    Users are uniform over the annulus (density :math:`2d/(d_\mathrm{max}^2 -
    d_\mathrm{min}^2)`), as :math:`S_x` in Eq. (3) of Björnson et al. (2015); the integral is
    evaluated by 64-node Gauss-Legendre quadrature.

    Examples
    --------
    >>> s = average_inverse_gain([7e9, 24e9])
    >>> np.round(10 * np.log10(s), 2)  # [dB]
    array([88.29, 98.99])
    """
    check_choice("scenario", scenario, SCENARIOS)
    d_min = _scalar("d_min", d_min, 10.0, 5000.0, high_open=True,
                    what="(TR 38.901 range of the 2-D distance, m)")
    d_max = _scalar("d_max", d_max, d_min, 5000.0, low_open=True,
                    what="(above d_min, TR 38.901 range of the 2-D distance, m)")
    h_bs = _scalar("h_bs", h_bs, 0.0, None, low_open=True)
    h_ut = _scalar("h_ut", h_ut, 0.0, None, low_open=True)
    f = real_array("frequency", frequency, 0.0, low_open=True)
    x, w = _gauss_legendre()
    d = 0.5 * (d_max - d_min) * x + 0.5 * (d_max + d_min)
    weight = 0.5 * (d_max - d_min) * w * 2.0 * d / (d_max**2 - d_min**2)
    pl = _pathloss(scenario)
    fb = f[..., None]
    if isinstance(los, str):
        check_choice("los", los, ("probabilistic",))
        p_los = los_probability_umi(d) if scenario == "umi" else los_probability_uma(d, h_ut)
        inv = (p_los * 10.0 ** (pl(d, fb, True, h_bs, h_ut) / 10.0)
               + (1.0 - p_los) * 10.0 ** (pl(d, fb, False, h_bs, h_ut) / 10.0))
    else:
        inv = 10.0 ** (np.asarray(pl(d, fb, bool(los), h_bs, h_ut)) / 10.0)
    return np.asarray(np.sum(inv * weight, axis=-1))[()]


def architecture_gain(n_antennas, n_rf=None, n_users=12, *, architecture="digital",
                      analog_beam="focused", frequency=None, distance=None):
    r"""Per-user SINR gain :math:`g_\mathrm{arch}` of ZF with a digital or hybrid array.

    Parameters
    ----------
    n_antennas : array_like
        Antennas :math:`M`.
    n_rf : array_like, optional
        RF chains :math:`N_\mathrm{RF}` (hybrid); ignored for ``"digital"`` (:math:`N_\mathrm{RF}
        = M`).
    n_users : int, optional
        Users :math:`K`; default 12.
    architecture : {"digital", "hybrid_sub", "hybrid_full"}
        Array architecture.
    analog_beam : {"focused", "farfield"}
        Analog beams focused on the users (no loss) or far-field (infinite-focus) beams, which
        lose :math:`G(r)` of :func:`~wirelesseff.channel.nearfield.farfield_beamforming_gain`
        in the near field (hybrid only).
    frequency, distance : array_like, optional
        Carrier [Hz] and user distance [m]; required for ``analog_beam="farfield"``.

    Returns
    -------
    ndarray or float
        :math:`g_\mathrm{arch}` [-]: :math:`M-K` (digital, ``hybrid_full``),
        :math:`(M/N_\mathrm{RF})(N_\mathrm{RF}-K)` (``hybrid_sub``), times :math:`G` for far-field
        analog beams; NaN where :math:`N_\mathrm{RF} \le K`, :math:`M \le K` or
        :math:`N_\mathrm{RF} > M` (hybrid).

    Raises
    ------
    ValueError
        On an unknown architecture/beam, ``analog_beam="farfield"`` with ``"digital"`` or
        without ``frequency``/``distance``, or non-positive sizes.

    Warns
    -----
    UserWarning
        For ``hybrid_full`` with :math:`K < N_\mathrm{RF} < 2K`, where :math:`M-K` is only an
        upper bound (Sohrabi-Yu need :math:`N_\mathrm{RF} \ge 2K` to emulate any digital
        precoder).

    Notes
    -----
    [Reconstruction] A fully-connected hybrid array with :math:`N_\mathrm{RF} \ge 2K` realises
    any digital precoder (Sohrabi & Yu 2016 [1]_), hence the digital ZF gain :math:`M-K`. A
    sub-connected array is modelled as :math:`N_\mathrm{RF}` subarrays of
    :math:`M/N_\mathrm{RF}` elements, each with a matched analog beam (array gain
    :math:`M/N_\mathrm{RF}`), followed by digital ZF over the :math:`N_\mathrm{RF}` effective
    antennas (gain :math:`N_\mathrm{RF}-K`). The far-field analog aperture is a square
    :math:`\lambda/2` UPA of :math:`M/N_\mathrm{RF}` (sub) or :math:`M` (full) elements, with
    Fraunhofer distance :math:`d_F = 2D^2/\lambda` (:math:`D` its diagonal).

    References
    ----------
    .. [1] F. Sohrabi, W. Yu, "Hybrid digital and analog beamforming design for large-scale
       antenna arrays", IEEE J. Sel. Topics Signal Process. 10(3):501-513, 2016,
       doi:10.1109/JSTSP.2016.2520912.
    .. [2] E. Björnson, Ö. T. Demir, L. Sanguinetti, "A primer on near-field beamforming for
       arrays and reconfigurable intelligent surfaces", Asilomar 2021, arXiv:2110.06661.

    Examples
    --------
    >>> float(architecture_gain(256, n_users=12))
    244.0
    >>> float(architecture_gain(256, 64, 12, architecture="hybrid_sub"))  # 4 * (64 - 12)
    208.0
    """
    check_choice("architecture", architecture, ARCHITECTURES)
    check_choice("analog_beam", analog_beam, ANALOG_BEAMS)
    k = check_integer("n_users", n_users, low=1, high=MAX_USERS)
    m = real_array("n_antennas", n_antennas, 1.0, MAX_ANTENNAS)
    if architecture == "digital":
        if analog_beam != "focused":
            raise ValueError("analog_beam must be 'focused' for architecture='digital' "
                             f"(no analog beams), got {analog_beam!r}")
        nrf = m
    else:
        if n_rf is None:
            raise ValueError(f"n_rf must be given for architecture={architecture!r}, got None")
        nrf = real_array("n_rf", n_rf, 1.0, MAX_ANTENNAS)
    valid = (nrf > k) & (m > k) & (nrf <= m)
    if architecture == "hybrid_sub":
        g = m / nrf * (nrf - k)
    else:
        g = m - k
        if architecture == "hybrid_full" and np.any(valid & (nrf < 2 * k)):
            warnings.warn(
                f"hybrid_full with K < n_rf < 2K (K={k}): M - K is an upper bound on the ZF "
                "gain (Sohrabi & Yu 2016 need n_rf >= 2K to emulate a digital precoder)",
                UserWarning, stacklevel=2)
    if analog_beam == "farfield":
        if frequency is None or distance is None:
            raise ValueError("analog_beam='farfield' needs frequency and distance, got "
                             f"frequency={frequency!r}, distance={distance!r}")
        lam = SPEED_OF_LIGHT / real_array("frequency", frequency, 0.0, low_open=True)
        distance = real_array("distance", distance, 0.0, low_open=True)
        n_analog = m / nrf if architecture == "hybrid_sub" else m
        n_side = np.sqrt(np.where(valid, n_analog, 1.0))
        d_f = fraunhofer_distance(upa_diagonal(n_side, n_side, lam / 2.0), lam)
        g = g * farfield_beamforming_gain(distance, d_f)
    with np.errstate(invalid="ignore"):
        return np.where(valid, g, np.nan)[()]


def midband_ee(frequency, n_antennas, n_rf=None, *, architecture="digital", n_users=12,
               bandwidth=200e6, p_max=40.0, d_min=10.0, d_max=100.0, scenario="umi", los=True,
               h_bs=10.0, h_ut=1.5, noise_figure_db=7.0, tau_c=200, analog_beam="focused",
               power_params=None, receiver="zf", rate_model="closed_form", n_realizations=64,
               rng=None) -> MidbandResult:
    r"""EE-optimal operation of a mid-band XL-MIMO base station [reconstruction].

    Parameters
    ----------
    frequency : array_like
        Carrier frequency [Hz] (0.5-100 GHz; the mid-band is 7-24 GHz).
    n_antennas : array_like
        Antennas (PAs) :math:`M`.
    n_rf : array_like, optional
        RF chains :math:`N_\mathrm{RF}` of a hybrid array; ignored for ``"digital"``.
    architecture : {"digital", "hybrid_sub", "hybrid_full"}
        Array architecture (see :func:`architecture_gain`).
    n_users : int, optional
        Users :math:`K` (default 12: assumption, prototype of arXiv:2510.02793).
    bandwidth : float, optional
        Bandwidth :math:`B` [Hz], at most 1 THz (default 200 MHz: assumption, ibid.).
    p_max : float, optional
        Maximum radiated power [W] (default 40 W: assumption, Holtkamp et al. 2013 macro
        sector). For the Doherty/Holtkamp PA models the cap is
        ``min(p_max, power_params.pa_max_power)``.
    d_min, d_max : float, optional
        Annulus of user positions (2-D distance) [m]; defaults 10 m and 100 m (assumption).
    scenario : {"umi", "uma"}, optional
        TR 38.901 scenario (default UMi street canyon).
    los : bool or "probabilistic", optional
        Propagation condition (default LoS).
    h_bs, h_ut : float, optional
        BS and user heights [m] (defaults 10 m, 1.5 m: TR 38.901 UMi).
    noise_figure_db : float, optional
        Receiver noise figure [dB] (default 7 dB, massivemimobook code).
    tau_c : int, optional
        Coherence block [samples] (default 200); the pre-log is :math:`1-K/\tau_c`. The same
        :math:`\tau_c`, with the pilot length :math:`\tau_p = K`, is used by the power model
        (channel-estimation and processing load): it overrides ``power_params.tau_c`` and
        ``power_params.tau_p``.
    analog_beam : {"focused", "farfield"}, optional
        Near-field-focused or far-field analog beams (hybrid only).
    power_params : XLMIMOPowerParams, optional
        Power-model parameters of :func:`~wirelesseff.power.xlmimo_bs_power` (default
        ``XLMIMOPowerParams()``), evaluated with ``tau_c=tau_c`` and ``tau_p=n_users``
        (``dataclasses.replace``); a warning is issued if they carry other values. A
        non-default ``receiver`` also sets the processing scheme of the power model
        (``"mr"``, or ``"rzf"`` for MMSE, the single-cell regularised ZF of *Massive MIMO
        Networks* Sec. 4.1) when ``power_params.scheme`` is the default ``"zf"``.
    receiver : {"zf", "mr", "mmse"}, optional
        Uplink combining / downlink precoding of the throughput model; default ``"zf"``.
    rate_model : {"closed_form", "nearfield"} or callable, optional
        Throughput model. ``"closed_form"`` (default): i.i.d. Rayleigh expressions, per-user
        SE :math:`\log_2(1+\alpha g_\mathrm{arch})` for ZF and
        :math:`\log_2(1+(M-1)\alpha/((K-1)\alpha+1))` for MR (Ngo et al. 2013; digital or
        ``hybrid_full``); MMSE has no closed form here. ``"nearfield"``: Monte-Carlo over exact
        spherical-wave line-of-sight channels of a :math:`\sqrt M\times\sqrt M`
        :math:`\lambda/2` UPA (:func:`~wirelesseff.xlmimo.nearfield_gram`, users drawn in the
        same annulus, same path loss; ``digital`` or ``hybrid_full``, :math:`M` a perfect
        square). A callable ``rate_model(alpha, *, frequency, n_antennas, n_rf, n_users,
        receiver, architecture)`` returns the per-user SE [bit/s/Hz] (broadcast like
        ``alpha``) for the statistical-inversion SNR :math:`\alpha` (every user receives
        :math:`\alpha` per unit channel gain).
    n_realizations : int, optional
        User drops of ``rate_model="nearfield"`` (default 64).
    rng : numpy.random.Generator, int or None
        Random source of ``rate_model="nearfield"`` (the grid points draw in order).

    Returns
    -------
    MidbandResult
        ``(ee, sum_rate, alpha, p_radiated, breakdown)`` broadcast over ``frequency``,
        ``n_antennas`` and ``n_rf``; NaN where :math:`N_\mathrm{RF} \le K`,
        :math:`M \le K` or (hybrid) :math:`N_\mathrm{RF} > M`.

    Raises
    ------
    ValueError
        On unknown model strings, ``n_users >= tau_c``, non-positive or non-finite
        bandwidth/power, an invalid annulus or inputs outside the TR 38.901 ranges.

    Warns
    -----
    UserWarning
        If ``power_params`` carries a ``tau_c`` other than ``tau_c`` or a ``tau_p`` other than
        ``n_users`` (they are replaced, so that rate and power use one coherence block).

    Notes
    -----
    [Reconstruction; see the module docstring.] With :math:`\sigma^2` the noise power and
    :math:`\bar S` from :func:`average_inverse_gain`:

    .. math::

        \gamma = \alpha g_\mathrm{arch},\quad P_\mathrm{rad} = \alpha K\sigma^2\bar S,\quad
        R = BK\Big(1-\frac{K}{\tau_c}\Big)\log_2(1+\gamma),\quad
        \mathrm{EE} = \frac{R}{P(M, N_\mathrm{RF}, P_\mathrm{rad}, R)}

    with :math:`P` from :func:`~wirelesseff.power.xlmimo_bs_power`. For a constant-efficiency
    PA (:math:`\eta`) the optimum is Theorem 3 of Björnson et al. (2015):
    :math:`\alpha^\star = (x^\star-1)/g_\mathrm{arch}`, :math:`x^\star =`
    ``lambertw_ratio_argmax`` :math:`(g_\mathrm{arch}\eta P_c/(K\sigma^2\bar S) - 1)`, with
    :math:`P_c` the circuit power (RF chains, phase shifters, LO, baseband, fixed), clipped at
    :math:`P_\mathrm{max}/(K\sigma^2\bar S)` (the EE is quasi-concave in :math:`\alpha`).
    Other PA models, and every throughput model other than the closed-form ZF one, use a
    bounded search over :math:`\log\alpha` (25-point grid, then golden section; the EE is
    quasi-concave in :math:`\alpha` for the concave rate laws used here).

    References
    ----------
    .. [1] J. Tian et al., arXiv:2512.12725, 2025 (target; text unavailable, not reproduced).
    .. [2] E. Björnson, L. Sanguinetti, J. Hoydis, M. Debbah, IEEE Trans. Wireless Commun.
       14(6):3059-3075, 2015, doi:10.1109/TWC.2015.2400437.
    .. [3] 3GPP TR 38.901 V17.0.0, Table 7.4.1-1.
    .. [4] F. Sohrabi, W. Yu, IEEE J. Sel. Topics Signal Process. 10(3):501-513, 2016,
       doi:10.1109/JSTSP.2016.2520912.

    Examples
    --------
    >>> res = midband_ee(10e9, [256, 1024, 4096])
    >>> np.round(res.ee / 1e6, 2)  # [Mbit/J]
    array([127.38,  32.98,   4.43])
    """
    check_choice("architecture", architecture, ARCHITECTURES)
    check_choice("analog_beam", analog_beam, ANALOG_BEAMS)
    check_choice("scenario", scenario, SCENARIOS)
    k = check_integer("n_users", n_users, low=1, high=MAX_USERS)
    tau_c = check_integer("tau_c", tau_c, low=2, high=_TAU_C_MAX)
    if k >= tau_c:
        raise ValueError(f"n_users must be below tau_c (pilots fit in the coherence block), "
                         f"got n_users={k}, tau_c={tau_c}")
    bandwidth = float(_scalar("bandwidth", bandwidth, 0.0, 1e12, low_open=True))
    p_max = float(_scalar("p_max", p_max, 0.0, None, low_open=True))
    noise_figure_db = float(_scalar("noise_figure_db", noise_figure_db, None, None))
    check_choice("receiver", receiver, RECEIVERS)
    if not callable(rate_model):
        check_choice("rate_model", rate_model, RATE_MODELS)
    params = _default_power_params() if power_params is None else power_params
    if not isinstance(params, XLMIMOPowerParams):
        raise TypeError(f"power_params must be an XLMIMOPowerParams, got {type(params).__name__}")
    if receiver != "zf" and params.scheme == "zf":
        params = dataclasses.replace(params, scheme=_RECEIVER_SCHEME[receiver])
    # One coherence block for rate and power: the pre-log 1 - K/tau_c assumes tau_p = K pilots,
    # and the power model counts channel estimation and processing with the same tau_c, tau_p.
    if params.tau_c != tau_c or params.tau_p not in (None, k):
        if power_params is not None:
            warnings.warn(
                f"midband_ee uses tau_c={tau_c} and tau_p=n_users={k} for rate and power; "
                f"power_params.tau_c={params.tau_c}, power_params.tau_p={params.tau_p} "
                "are replaced", UserWarning, stacklevel=2)
        params = dataclasses.replace(params, tau_c=tau_c, tau_p=k)

    f = real_array("frequency", frequency, 0.0, low_open=True)
    m = real_array("n_antennas", n_antennas, 1.0, MAX_ANTENNAS)
    if architecture == "digital":
        nrf = m
    else:
        if n_rf is None:
            raise ValueError(f"n_rf must be given for architecture={architecture!r}, got None")
        nrf = real_array("n_rf", n_rf, 1.0, MAX_ANTENNAS)

    try:
        shape = np.broadcast_shapes(np.shape(f), np.shape(m), np.shape(nrf))
    except ValueError:
        raise ValueError("frequency, n_antennas and n_rf must broadcast together, got shapes "
                         f"{np.shape(f)}, {np.shape(m)}, {np.shape(nrf)}") from None
    s_bar = average_inverse_gain(f, d_min, d_max, scenario=scenario, los=los, h_bs=h_bs,
                                 h_ut=h_ut)
    if bandwidth * params.converter_oversampling < params.scs:
        raise ValueError(f"bandwidth must hold at least one subcarrier of the power model "
                         f"(scs = {params.scs:g} Hz), got bandwidth={bandwidth:g}")
    with np.errstate(over="ignore"):  # an overflow is reported below, naming the inputs
        sigma2 = noise_power(bandwidth, noise_figure_db)
    if analog_beam == "farfield":
        d_rep = np.sqrt((d_min**2 + d_max**2) / 2.0)
        r_rep = np.sqrt(d_rep**2 + (h_bs - h_ut) ** 2)
        g = architecture_gain(m, nrf, k, architecture=architecture, analog_beam=analog_beam,
                              frequency=f, distance=r_rep)
    else:
        g = architecture_gain(m, nrf, k, architecture=architecture)
    g = np.broadcast_to(g, shape)
    valid = np.isfinite(g)
    g_safe = np.where(valid, g, 1.0)
    nrf_safe = np.broadcast_to(np.minimum(nrf, m), shape) if architecture != "digital" else None
    unit = k * sigma2 * np.broadcast_to(s_bar, shape)  # radiated power per unit alpha [W]
    if not np.all(np.isfinite(unit)):
        raise ValueError("noise power times the average inverse gain overflows: check "
                         f"bandwidth={bandwidth:g}, noise_figure_db={noise_figure_db:g}, "
                         f"frequency, h_bs={h_bs:g}, h_ut={h_ut:g}, d_max={d_max:g}")
    prelog = bandwidth * k * (1.0 - k / tau_c)
    cap = p_max if params.pa_model == "constant" else min(p_max, params.pa_max_power)
    alpha_max = cap / unit

    def power(p_rad, rate):
        return xlmimo_bs_power(np.broadcast_to(m, shape), nrf_safe, p_rad, bandwidth, k,
                               architecture=architecture, sum_rate=rate, params=params)

    closed_zf = rate_model == "closed_form" and receiver == "zf"
    if closed_zf:
        def se_of(al):
            return np.log2(1.0 + al * g_safe)
    else:
        se_of = _throughput(rate_model, receiver, architecture, analog_beam,
                            np.broadcast_to(f, shape), np.broadcast_to(m, shape),
                            np.broadcast_to(nrf, shape), k, valid,
                            dict(d_min=d_min, d_max=d_max, h_bs=h_bs, h_ut=h_ut,
                                 scenario=scenario, los=los), n_realizations, rng)

    if params.pa_model == "constant" and closed_zf:
        p_c = power(np.zeros(shape), 0.0).circuit
        a = g_safe * params.pa_efficiency * p_c / unit - 1.0
        x = lambertw_ratio_argmax(a)
        alpha = np.minimum((x - 1.0) / g_safe, alpha_max)
    else:
        def ee_of_log_alpha(t):
            al = np.exp(t)
            rate = prelog * se_of(al)
            return rate / power(np.minimum(al * unit, cap), rate).total

        log_hi = np.log(alpha_max)
        alpha = np.exp(golden_section_max(ee_of_log_alpha, log_hi - np.log(1e8), log_hi, n_grid=25))
    p_rad = np.minimum(alpha * unit, cap)  # guards the cap against rounding
    rate = prelog * se_of(alpha)
    bd = power(p_rad, rate)
    ee = rate / bd.total

    def mask(x):
        return np.where(valid, x, np.nan)[()]

    bd = PowerBreakdown(**{fl.name: mask(getattr(bd, fl.name)) for fl in fields(bd)})
    return MidbandResult(ee=mask(ee), sum_rate=mask(rate), alpha=mask(alpha),
                         p_radiated=mask(p_rad), breakdown=bd)


def _throughput(rate_model, receiver, architecture, analog_beam, f, m, nrf, k, valid, geometry,
                n_realizations, rng):
    """Per-user SE as a function of the statistical-inversion SNR ``alpha`` (grid-shaped)."""
    if architecture == "hybrid_sub" and not callable(rate_model):
        raise ValueError(f"receiver={receiver!r} with rate_model={rate_model!r} needs a digital "
                         "or fully-connected array (the sub-connected analog stage has only "
                         "the ZF closed form); got architecture='hybrid_sub'")
    if callable(rate_model):
        def se_of(al):
            out = np.asarray(rate_model(al, frequency=f, n_antennas=m, n_rf=nrf, n_users=k,
                                        receiver=receiver, architecture=architecture),
                             dtype=float)
            out = np.broadcast_to(out, np.shape(al))
            bad = valid & ~(np.isfinite(out) & (out >= 0))
            if np.any(bad):
                raise ValueError("rate_model must return a finite, non-negative per-user SE "
                                 f"[bit/s/Hz], got {out[bad].ravel()[0]!r}")
            return np.where(valid, out, 0.0)
        return se_of
    if rate_model == "closed_form":
        if receiver == "mmse":
            raise ValueError("receiver='mmse' has no closed form here: use "
                             "rate_model='nearfield' or a callable rate_model")
        if analog_beam != "focused":
            raise ValueError("rate_model='closed_form' with receiver='mr' supports focused "
                             f"analog beams only, got analog_beam={analog_beam!r}")

        def se_of(al):  # Ngo, Larsson, Marzetta 2013: MR, perfect CSI, equal SNR al
            with np.errstate(invalid="ignore", divide="ignore"):
                return np.log2(1.0 + (m - 1.0) * al / ((k - 1.0) * al + 1.0))
        return se_of
    # near-field Monte-Carlo: one set of user drops per distinct (frequency, M)
    if analog_beam != "focused":
        raise ValueError("rate_model='nearfield' models digital precoding (analog beams are "
                         f"focused), got analog_beam={analog_beam!r}")
    side = np.rint(np.sqrt(m))
    if np.any(valid & (side**2 != m)):
        bad = m[valid & (side**2 != m)].ravel()[0]
        raise ValueError("n_antennas must be a perfect square (an n x n UPA) for "
                         f"rate_model='nearfield', got {bad:g}")
    gen = as_generator(rng)
    keys = {}
    index = np.full(f.shape, -1, dtype=np.int64)
    for idx in zip(*np.nonzero(valid)):
        key = (float(f[idx]), int(side[idx]))
        if key not in keys:
            keys[key] = len(keys)
        index[idx] = keys[key]
    grams = [nearfield_gram(key[1], key[0], k, n_realizations, rng=gen, **geometry).gram
             for key in keys]

    def se_of(al):
        al = np.broadcast_to(al, f.shape)
        out = np.zeros(f.shape)
        for j, gram in enumerate(grams):
            sel = index == j
            a = al[sel]
            sinr = nearfield_sinr(gram[None], a[:, None, None], receiver)  # (P, R, K)
            out[sel] = np.log2(1.0 + sinr).mean(axis=(1, 2))
        return out
    return se_of
