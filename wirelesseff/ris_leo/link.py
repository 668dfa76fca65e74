r"""LEO uplink with an RIS near the user and/or near the satellite feed (P7, reconstruction).

The chain is UT → RIS_u (distance :math:`d_u`) → slant range :math:`d(\theta)` → RIS_s
(distance :math:`d_s`) → satellite feed. Each RIS sits in the near field of its feed and focuses
("dual-stage beamforming"): RIS_u focuses the UT antenna's spherical wave into a beam towards
RIS_s, and RIS_s focuses the incoming plane wave onto the satellite feed. Both phase profiles are
recomputed at every time step; their magnitude part is the cached focusing sum

.. math:: Q = \sum_n \frac{\sqrt{F_\mathrm{feed}(\theta_{\mathrm{feed},n})F(\theta_n)}}{r_n}
   \quad [1/\mathrm{m}].

Path gains (P7 of docs/ris_leo.md, 'The LEO uplink'; :math:`G_\mathrm{ut} = 2(q_\mathrm{ut}+1)`,
:math:`G_\mathrm{fs} = 2(q_\mathrm{fs}+1)`, :math:`G` the element gain, :math:`A` the
amplitude):

=============  ==========================================================================
``no_ris``     :math:`G_\mathrm{ut}G_\mathrm{sat}(\lambda/4\pi d)^2`
``ris_user``   :math:`G_\mathrm{ut}G_\mathrm{sat}G\,d_xd_y\lambda^2A^2F(\vartheta_u)Q_u^2/
               (64\pi^3d^2)`
``ris_sat``    :math:`G_\mathrm{ut}G_\mathrm{fs}G\,d_xd_y\lambda^2A^2F(\vartheta_s)Q_s^2/
               (64\pi^3d^2)`
``double``     :math:`G_\mathrm{ut}G_\mathrm{fs}G^2(d_xd_y)^2\lambda^2A^4F(\vartheta_u)
               F(\vartheta_s)Q_u^2Q_s^2/(256\pi^4d^2)`
=============  ==========================================================================

These are Tang's single-RIS formula (P1) and its two-bounce extension (P6) with the long hop in
the far field of both surfaces. Everything here is a **reconstruction** of Sanila et al. (WCNC
2025), whose equations were not available; every default is listed in :class:`LeoLinkParams`
with its source or "assumed".
"""

from __future__ import annotations

import dataclasses
import functools
import numbers
import types
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .._validation import check_choice, check_flag
from ..channel.noise import noise_power
from ..channel.ntn import (
    MAX_ALTITUDE,
    TR38811_BANDS,
    TR38811_SCENARIOS,
    nadir_angle,
    slant_range,
)
from ..units import SPEED_OF_LIGHT, db2lin
from ._checks import (
    FREQUENCY_RANGE,
    GAIN_RANGE,
    MAX_BANDWIDTH,
    MAX_DISTANCE,
    MAX_PATTERN_EXPONENT,
    MAX_POWER,
    MAX_RATE,
    MIN_EFFICIENCY,
    real,
    real_scalar,
)
from .pathloss import (
    MAX_RIS_ELEMENTS,
    _focusing_sum_cached,
    _pattern_from_cos,
    capture_fraction,
    element_gain,
    feed_focusing_sum,
    pattern_gain,
    ris_side_count,
)
from .phases import quantization_loss
from .power import LEO_RIS_ELEMENT_POWER, RISPowerModel, required_transmit_power

__all__ = [
    "CONFIGS",
    "CONFIG_LABELS",
    "LeoLinkParams",
    "LinkGain",
    "link_path_gain",
    "link_snr",
    "required_uplink_power",
    "ris_powers",
]

#: The four link configurations of the reconstruction.
CONFIGS = ("no_ris", "ris_sat", "ris_user", "double")
#: The configurations in words (for legends and tables).
CONFIG_LABELS = types.MappingProxyType({
    "no_ris": "no RIS (30 dBi satellite antenna)",
    "ris_sat": "satellite-side RIS only",
    "ris_user": "user-side RIS only",
    "double": "double RIS",
})

_HAS_U = {"no_ris": False, "ris_sat": False, "ris_user": True, "double": True}
_HAS_S = {"no_ris": False, "ris_sat": True, "ris_user": False, "double": True}


@dataclass(frozen=True)
class LeoLinkParams:
    r"""Parameters of the double-RIS LEO uplink (all configurable; sources in :attr:`SOURCES`).

    Parameters
    ----------
    altitude : float
        Orbit altitude [m], in [1e-6, 1e9] (550 km, assumed: a Starlink-like shell).
    frequency : float
        Carrier frequency [Hz] (20 GHz Ka band, assumed: the paper's band is unknown; the studies
        also run 2 and 30 GHz).
    bandwidth : float
        Bandwidth [Hz], in [1, 1e15] (10 MHz, assumed).
    noise_figure_db : float
        Receiver noise figure [dB], >= 0 (1.2 dB, assumed).
    temperature : float
        Noise temperature [K], in [1e-3, 1e9] (290 K, assumed; the lower bounds of bandwidth
        and temperature keep the noise power :math:`kTBF` a normal float).
    element_q : float
        RIS element pattern exponent (3: cos³, Tang et al. 2021).
    element_gain : {"tang", "aperture"} or float
        RIS element gain (``"tang"``: 2(q+1) = 8, Tang et al. 2021).
    ut_q : float
        UT antenna pattern exponent (1, assumed; gain 4).
    sat_gain_db : float
        Satellite antenna gain of the direct link (``no_ris``, ``ris_user``) [dBi] (30, assumed).
    feed_s_q : float
        Pattern exponent of the satellite feed that illuminates RIS_s (2, assumed; gain 6).
    ris_u_side, ris_s_side : float or ndarray
        Sides of RIS_u and RIS_s [m] (0.25 m: the abstract's "0.25² m²" read as the side;
        RIS_s assumed equal). An array of ``ris_u_side`` becomes a dimension in
        :func:`~wirelesseff.ris_leo.ee_along_pass`.
    d_u, d_s : float
        Feed-RIS distances [m] (0.2 m, assumed; feed blockage ignored).
    spacing : float, optional
        Element spacing [m]; ``None`` means :math:`\lambda/2` (assumed).
    amplitude : float
        Reflection amplitude :math:`A` of the (passive) surfaces, in (0, 1] (1, assumed); the
        active RIS_u amplification is ``active_power.gain_db``.
    bits : (int, int), int or ndarray
        Phase resolutions :math:`(b_u, b_s)` ((1, 1), assumed); ``inf`` or ``None`` entries
        mean continuous phases. A single resolution (e.g. ``bits=1``) applies to both surfaces
        and is stored as the pair ``(1, 1)``. A 1-D array applies to both surfaces and becomes a
        dimension in :func:`~wirelesseff.ris_leo.ee_along_pass`. Entries must be integers
        >= 1 (1.5 raises ``ValueError``, never truncated).
    bits_model : {"expected", "exact"}
        ``"expected"`` multiplies the path gain by :math:`\eta(b_u)\eta(b_s)`; ``"exact"``
        quantises the focusing phases and sums the resulting complex terms.
    ris_u_orientation, ris_s_orientation : {"fixed", "tracking"}
        ``"fixed"``: RIS_u horizontal (normal to zenith, tilted by ``ris_u_tilt``), so
        :math:`\vartheta_u = |\pi/2-\theta-\text{tilt}|`; RIS_s nadir-pointing, so
        :math:`\vartheta_s` is the nadir angle. ``"tracking"``: the surface normal follows the
        other end, :math:`\vartheta = 0`. (Fixed, assumed.)
    ris_u_tilt : float
        Tilt of RIS_u from horizontal towards the pass [rad], in [−π/2, π/2] (0, assumed).
    target_rate : float
        Target spectral efficiency :math:`\bar R` [bit/s/Hz] (1, assumed).
    scenario, band : str
        TR 38.811 scenario (``"dense_urban"``, ``"urban"``, ``"suburban_rural"``) and band
        (``"s"``, ``"ka"``, case-insensitive) for ``channel="tr38811_mean"`` (suburban_rural,
        ka; assumed).
    zenith_attenuation_db : float
        Clear-sky gaseous zenith attenuation [dB] applied as :math:`A_z/\sin\theta` with
        ``channel="tr38811_mean"`` (0, assumed: the studies are clear-sky).
    pa_efficiency : float
        UT PA efficiency :math:`\nu` (0.5, Björnson et al. 2020, reused for LEO).
    static_power : float
        :math:`P_s + P_d` (0.1 + 0.1 W, Björnson et al. 2020, reused for LEO).
    ris_power : RISPowerModel
        Passive RIS power model (Huang 2019 table plus the assumed 1-2 bit entries).
    active_ris_u : bool
        Make RIS_u active (amplifying, Long et al. 2021) with :attr:`active_power`.
    active_ris_s : bool
        Make RIS_s (at the satellite) active with :attr:`active_power` (assumed option; its
        amplifier noise reaches the feed over the short hop, see :func:`link_snr`).
    active_power : RISPowerModel
        Active RIS model (P_SW = −10 dBm, P_DC = −5 dBm, :math:`\xi_A` = 0.8, :math:`a^2` = 10
        dB, :math:`F_v` = 3 dB), shared by both surfaces.
    p_max : float, optional
        UT transmit-power cap [W] (none by default); targets above it are infeasible.

    Raises
    ------
    ValueError, TypeError
        At construction, for a non-finite or out-of-range value (the message names the
        parameter), an unknown ``element_gain``/``scenario``/``band``/orientation/``bits_model``
        or a malformed ``bits``.

    Examples
    --------
    >>> p = LeoLinkParams()
    >>> round(p.wavelength * 1e3, 3), int(p.n_u), round(p.noise_power * 1e15, 2)
    (14.99, 1089, 52.77)
    >>> LeoLinkParams(bits=2).bits  # one resolution for both surfaces
    (2, 2)
    """

    altitude: float = 550e3
    frequency: float = 20e9
    bandwidth: float = 10e6
    noise_figure_db: float = 1.2
    temperature: float = 290.0
    element_q: float = 3.0
    element_gain: str | float = "tang"
    ut_q: float = 1.0
    sat_gain_db: float = 30.0
    feed_s_q: float = 2.0
    ris_u_side: float | np.ndarray = 0.25
    ris_s_side: float = 0.25
    d_u: float = 0.2
    d_s: float = 0.2
    spacing: float | None = None
    amplitude: float = 1.0
    bits: tuple | np.ndarray = (1, 1)
    bits_model: str = "expected"
    ris_u_orientation: str = "fixed"
    ris_s_orientation: str = "fixed"
    ris_u_tilt: float = 0.0
    target_rate: float = 1.0
    scenario: str = "suburban_rural"
    band: str = "ka"
    zenith_attenuation_db: float = 0.0
    pa_efficiency: float = 0.5
    static_power: float = 0.2
    ris_power: RISPowerModel = RISPowerModel(table=LEO_RIS_ELEMENT_POWER)
    active_ris_u: bool = False
    active_power: RISPowerModel = RISPowerModel("active")
    active_ris_s: bool = False
    p_max: float | None = None

    #: Source of every default ("assumed" where the paper's value is unknown).
    SOURCES = types.MappingProxyType({
        "element_q": "Tang et al., IEEE TWC 20(1), 2021 (cos^3 element pattern)",
        "element_gain": "Tang et al., IEEE TWC 20(1), 2021 (G = 2(q+1) = 8)",
        "pa_efficiency": "Björnson, Özdogan, Larsson, IEEE WCL 9(2), 2020 (reused for LEO)",
        "static_power": "P_s = P_d = 0.1 W, Björnson et al., IEEE WCL 2020 (reused for LEO)",
        "ris_u_side": "Sanila et al., WCNC 2025 abstract ('0.25^2 m^2' read as the side)",
        "ris_power": "Huang et al., IEEE TWC 2019 (3-6 bits) + assumed 1-2 bit entries",
        "active_power": "P_SW, P_DC: Zhang, Dai et al., IEEE TCOM 2023; xi, a^2, F_v assumed",
        "altitude, frequency, bandwidth, noise_figure_db, temperature": "assumed",
        "ut_q, sat_gain_db, feed_s_q, ris_s_side, d_u, d_s, spacing, amplitude": "assumed",
        "bits, bits_model, orientations, ris_u_tilt, target_rate": "assumed",
        "scenario, band, zenith_attenuation_db, p_max, active_ris_s": "assumed",
    })

    def __post_init__(self) -> None:
        # (name, low, high, low open): the domains of docs/ris_leo.md, 'Input domains'
        domains = (
            ("altitude", 1e-6, MAX_ALTITUDE, False), ("frequency", *FREQUENCY_RANGE, False),
            ("bandwidth", 1.0, MAX_BANDWIDTH, False), ("noise_figure_db", 0.0, 300.0, False),
            ("temperature", 1e-3, 1e9, False), ("element_q", 0.0, MAX_PATTERN_EXPONENT, False),
            ("ut_q", 0.0, MAX_PATTERN_EXPONENT, False), ("sat_gain_db", -300.0, 300.0, False),
            ("feed_s_q", 0.0, MAX_PATTERN_EXPONENT, False),
            ("ris_u_side", 0.0, MAX_DISTANCE, True), ("ris_s_side", 0.0, MAX_DISTANCE, True),
            ("d_u", 0.0, MAX_DISTANCE, True), ("d_s", 0.0, MAX_DISTANCE, True),
            ("ris_u_tilt", -np.pi / 2, np.pi / 2, False), ("target_rate", 0.0, MAX_RATE, False),
            ("zenith_attenuation_db", 0.0, 1e4, False),
            ("static_power", 0.0, MAX_POWER, False),
        )
        for name, low, high, low_open in domains:
            value = getattr(self, name)
            if isinstance(value, bool | np.bool_ | str | bytes):
                raise TypeError(f"{name} must be a real number, got {value!r}")
            if name != "ris_u_side" and np.ndim(value) != 0:
                raise ValueError(f"{name} must be a scalar, got shape {np.shape(value)}")
            if np.size(value) == 0:
                raise ValueError(f"{name} must not be empty")
            real(name, value, low, high, low_open=low_open)
        for name in ("amplitude", "pa_efficiency"):
            value = getattr(self, name)
            if isinstance(value, bool | np.bool_ | str | bytes) or np.ndim(value) != 0:
                raise TypeError(f"{name} must be a real scalar, got {value!r}")
        real("amplitude", self.amplitude, 0.0, 1.0, low_open=True,
             what="(reflection amplitude of a passive surface; the active RIS_u amplification "
                  "is active_power.gain_db)")
        real("pa_efficiency", self.pa_efficiency, MIN_EFFICIENCY, 1.0)
        for name in ("active_ris_u", "active_ris_s"):
            check_flag(name, getattr(self, name))
        check_choice("bits_model", self.bits_model, ("expected", "exact"))
        check_choice("ris_u_orientation", self.ris_u_orientation, ("fixed", "tracking"))
        check_choice("ris_s_orientation", self.ris_s_orientation, ("fixed", "tracking"))
        check_choice("scenario", self.scenario, TR38811_SCENARIOS)
        check_choice("band", self.band.lower() if isinstance(self.band, str) else self.band,
                     TR38811_BANDS)
        if isinstance(self.element_gain, str):
            check_choice("element_gain", self.element_gain, ("tang", "aperture"))
        elif isinstance(self.element_gain, numbers.Real) and not isinstance(
                self.element_gain, bool | np.bool_):
            real("element_gain", self.element_gain, *GAIN_RANGE)
        else:
            raise TypeError(f"element_gain must be 'tang', 'aperture' or a positive float, got "
                            f"{self.element_gain!r}")
        if self.spacing is not None:
            if isinstance(self.spacing, bool | np.bool_ | str | bytes):
                raise TypeError(f"spacing must be a real number or None, got {self.spacing!r}")
            real_scalar("spacing", self.spacing, 0.0, MAX_DISTANCE, low_open=True)
        if self.p_max is not None:
            if isinstance(self.p_max, bool | np.bool_ | str | bytes):
                raise TypeError(f"p_max must be a real number or None, got {self.p_max!r}")
            real_scalar("p_max", self.p_max, 0.0, MAX_POWER, low_open=True)
        for name in ("ris_power", "active_power"):
            if not isinstance(getattr(self, name), RISPowerModel):
                raise TypeError(f"{name} must be a RISPowerModel, got "
                                f"{type(getattr(self, name)).__name__}")
        object.__setattr__(self, "bits", _normalize_bits(self.bits))
        d = self.element_spacing
        for name, side in (("ris_u_side", self.ris_u_side), ("ris_s_side", self.ris_s_side)):
            n = int(np.max(ris_side_count(side, d)))
            if n * n > MAX_RIS_ELEMENTS:
                raise ValueError(f"{name} must give at most {MAX_RIS_ELEMENTS} elements "
                                 f"(MAX_RIS_ELEMENTS) at the element spacing {d:.4g} m, got "
                                 f"{name} = {float(np.max(side)):g} m ({n} x {n})")

    # -- derived quantities ----------------------------------------------------------------
    def replace(self, **changes) -> LeoLinkParams:
        """A copy with some fields changed (``dataclasses.replace``)."""
        return dataclasses.replace(self, **changes)

    @property
    def wavelength(self) -> float:
        """Carrier wavelength :math:`\\lambda = c/f` [m]."""
        return SPEED_OF_LIGHT / self.frequency

    @property
    def element_spacing(self) -> float:
        """Element spacing :math:`d_x = d_y` [m] (:math:`\\lambda/2` by default)."""
        return self.wavelength / 2 if self.spacing is None else float(self.spacing)

    @property
    def n_u(self):
        """Number of RIS_u elements :math:`\\lfloor\\text{side}/d_x\\rfloor^2`."""
        return ris_side_count(self.ris_u_side, self.element_spacing) ** 2

    @property
    def n_s(self):
        """Number of RIS_s elements."""
        return ris_side_count(self.ris_s_side, self.element_spacing) ** 2

    @property
    def noise_power(self) -> float:
        """Receiver noise power :math:`\\sigma^2 = k_BTBF` [W]."""
        return float(noise_power(self.bandwidth, self.noise_figure_db, self.temperature))

    @property
    def ut_gain(self) -> float:
        """UT antenna gain :math:`G_\\mathrm{ut} = 2(q_\\mathrm{ut}+1)`."""
        return float(pattern_gain(self.ut_q))

    @property
    def feed_s_gain(self) -> float:
        """Satellite feed gain :math:`G_\\mathrm{fs} = 2(q_\\mathrm{fs}+1)`."""
        return float(pattern_gain(self.feed_s_q))

    @property
    def sat_gain(self) -> float:
        """Satellite antenna gain of the direct link [linear]."""
        return float(db2lin(self.sat_gain_db))

    @property
    def element_gain_value(self) -> float:
        """Element gain :math:`G` [linear]."""
        d = self.element_spacing
        return float(element_gain(self.element_gain, q=self.element_q, spacing=d,
                                  wavelength=self.wavelength))

    def provenance(self) -> dict:
        """Parameters and their sources as a JSON-able dict (for dataset attrs)."""
        vals = {}
        for f in dataclasses.fields(self):
            v = getattr(self, f.name)
            if isinstance(v, RISPowerModel):
                v = {k.name: (dict(getattr(v, k.name)) if k.name == "table"
                              and getattr(v, k.name) is not None else getattr(v, k.name))
                     for k in dataclasses.fields(v)}
            elif isinstance(v, np.ndarray):
                v = v.tolist()
            vals[f.name] = v
        return {"parameters": vals, "sources": dict(self.SOURCES),
                "status": "reconstruction of Sanila et al., WCNC 2025 (abstract only)"}


def _check_resolution(b, name="bits"):
    """One phase resolution: None, inf or an integer >= 1 (booleans rejected)."""
    if b is None:
        return None
    if isinstance(b, bool | np.bool_) or not isinstance(b, numbers.Real):
        raise TypeError(f"{name} entries must be integers >= 1, inf or None, got {b!r}")
    quantization_loss(b)  # validates: integer >= 1 or inf (never truncated)
    return b


def _normalize_bits(bits):
    """``bits`` as stored by :class:`LeoLinkParams`: a pair (b_u, b_s) or a 1-D array.

    A single resolution (``1``, ``np.inf``, ``None`` or a 0-d array) applies to both surfaces
    and becomes ``(b, b)``; a list or tuple must be a pair; an ndarray must be 1-D (a
    dimension of :func:`~wirelesseff.ris_leo.ee_along_pass`).
    """
    if isinstance(bits, np.ndarray):
        if bits.ndim == 0:
            b = _check_resolution(bits.item())
            return (b, b)
        if bits.ndim != 1 or bits.size == 0:
            raise ValueError(f"bits as an array must be 1-D and non-empty (one resolution per "
                             f"point, for both surfaces), got shape {bits.shape}")
        quantization_loss(bits)  # validates every entry
        return bits
    if isinstance(bits, tuple | list):
        if len(bits) != 2:
            raise ValueError(f"bits must be one resolution, a pair (b_u, b_s) or a 1-D array, "
                             f"got {bits!r}")
        return tuple(_check_resolution(b) for b in bits)
    b = _check_resolution(bits)
    return (b, b)


class LinkGain(NamedTuple):
    """Result of :func:`link_path_gain` (all broadcast over elevation and bits)."""

    #: End-to-end power gain :math:`PG` [linear] (antenna gains included).
    path_gain: np.ndarray
    #: Active-RIS noise gain :math:`g_v = \sum_n|t_n|^2` from the RIS_u elements to the
    #: receiver [linear] (0 without RIS_u).
    noise_gain: np.ndarray
    #: Capture fraction :math:`\kappa` of the first surface on the path (RIS_u, else RIS_s) [-].
    capture: float
    #: Active-RIS noise gain :math:`g_{v,s} = \sum_n|t_n|^2` from the RIS_s elements to the
    #: satellite feed [linear] (0 without RIS_s).
    noise_gain_s: float = 0.0


@functools.lru_cache(maxsize=4096)
def _capture_cached(distance, side, spacing, feed_q, feed_gain, element_q=1.0):
    return float(capture_fraction(distance, side, spacing, feed_q, element_q,
                                  feed_gain=feed_gain))


def _capture(distance, side, spacing, feed_q, feed_gain, element_q=1.0):
    r"""Capture fraction of an on-axis feed, cached: the physical one with the obliquity
    pattern (``element_q = 1``), or the sum :math:`G_t\sum_nF_{feed}F d_xd_y/(4\pi r_n^2)`
    with another element pattern."""
    return _capture_cached(float(distance), float(side), float(spacing), float(feed_q),
                           float(feed_gain), float(element_q))


def _bits_pair(params, bits):
    b = params.bits if bits is None else bits
    if isinstance(b, np.ndarray) or np.ndim(b) == 0:
        return b, b
    return b[0], b[1]


def _eta(b):
    return 1.0 if b is None else quantization_loss(b)


def _angles(params, elevation):
    el = np.asarray(elevation, float)
    if params.ris_u_orientation == "tracking":
        th_u = np.zeros_like(el)
    else:
        th_u = np.abs(np.pi / 2 - el - params.ris_u_tilt)
    th_s = (np.zeros_like(el) if params.ris_s_orientation == "tracking"
            else nadir_angle(el, params.altitude))
    return th_u, np.asarray(th_s, float)


def _q(params, which, bits, steer):
    side, dist, fq = ((params.ris_u_side, params.d_u, params.ut_q) if which == "u"
                      else (params.ris_s_side, params.d_s, params.feed_s_q))
    d = params.element_spacing
    if bits is None or params.bits_model == "expected" or np.isinf(float(bits)):
        # the parameters were validated by LeoLinkParams: use the cached sum directly
        n = int(ris_side_count(side, d))
        return (_focusing_sum_cached(n, float(d), float(dist), float(fq),
                                     float(params.element_q)) if n else 0.0)
    steer = np.asarray(steer, float)
    flat = [feed_focusing_sum(dist, side, d, fq, params.element_q, bits=int(bits),
                              frequency=params.frequency, steer_angle=float(s))
            for s in steer.ravel()]
    return np.asarray(flat).reshape(steer.shape)


def link_path_gain(config, elevation, params=None, *, model="tang", bits=None):
    r"""End-to-end path gain of the LEO uplink (P7) [linear].

    Parameters
    ----------
    config : {"no_ris", "ris_sat", "ris_user", "double"}
        Which surfaces are on the path.
    elevation : array_like
        Elevation [rad] in [0, π/2].
    params : LeoLinkParams, optional
        Link parameters (defaults: :class:`LeoLinkParams`); ``ris_u_side`` must be scalar here.
    model : {"tang", "aperture"}
        ``"tang"`` (default): the table in the module docstring. ``"aperture"``: the
        cross-check :math:`PG \approx \kappa_u\kappa_s(A_u\cos\vartheta_u)(A_s\cos\vartheta_s)/
        (\lambda^2d^2)` (double; single surfaces analogously, e.g. ``ris_user``:
        :math:`G_\mathrm{sat}\kappa_uA_u\cos\vartheta_u/(4\pi d^2)`), with :math:`\kappa` the
        physical capture fraction (:func:`~wirelesseff.ris_leo.capture_fraction`, obliquity
        :math:`q = 1`) and :math:`A` the surface area.
    bits : (b_u, b_s) or array_like, optional
        Overrides ``params.bits`` (an array applies to both surfaces and broadcasts against
        ``elevation``).

    Returns
    -------
    LinkGain
        ``path_gain``, ``noise_gain`` and ``capture``. The noise gain
        :math:`g_v = \sum_n|t_n|^2 = N_u\,PG_\mathrm{u}/(\sum_ns_n)^2`, with :math:`s_n` the
        UT → element amplitudes and :math:`PG_\mathrm{u}` the path gain without RIS_u's own
        quantisation loss (the amplifier noise of the elements adds incoherently, so RIS_u's
        phases do not matter) but **with** the loss of every surface the noise passes after
        RIS_u: for ``double`` the noise is reflected by the quantised RIS_s, so :math:`g_v`
        carries :math:`\eta(b_s)` (``bits_model="expected"``) or the exact quantised
        :math:`Q_s^2/Q_{s,\infty}^2` (``"exact"``). ``noise_gain_s``
        :math:`g_{v,s} = \sum_n|t_n|^2 = G\lambda^2\kappa'_s/(4\pi d_xd_y)` for the RIS_s
        elements (Tang's per-element gain :math:`GF(\theta_n)G_{fs}F_{fs}(\theta_n)
        (\lambda/4\pi r_n)^2`, with :math:`\kappa'_s` the capture sum of the feed with the
        element pattern), or the physical capture fraction :math:`\kappa_s` with
        ``model="aperture"`` (reciprocity); 0 without RIS_s.

    Examples
    --------
    >>> p = LeoLinkParams(bits=(None, None))
    >>> g0 = link_path_gain("no_ris", np.pi / 2, p).path_gain
    >>> gd = link_path_gain("double", np.pi / 2, p).path_gain
    >>> round(float(10 * np.log10(gd / g0)), 1)  # saving of the double RIS at zenith [dB]
    32.5
    """
    check_choice("config", config, CONFIGS)
    check_choice("model", model, ("tang", "aperture"))
    params = _params(params)
    if np.ndim(params.ris_u_side) != 0:
        raise ValueError("link_path_gain needs a scalar params.ris_u_side (loop over sides)")
    el = real("elevation", elevation, 0.0, np.pi / 2)
    lam = params.wavelength
    d = np.asarray(slant_range(el, params.altitude), float)
    g_ut, g_sat, g_fs = params.ut_gain, params.sat_gain, params.feed_s_gain
    if config == "no_ris":
        pg = g_ut * g_sat * (lam / (4 * np.pi * d)) ** 2
        zero = np.zeros_like(pg)
        return LinkGain(pg[()] if pg.ndim == 0 else pg, zero[()] if zero.ndim == 0 else zero, 0.0)
    b_u, b_s = _bits_pair(params, bits)
    th_u, th_s = _angles(params, el)
    dx = params.element_spacing
    area = dx * dx
    amp2 = params.amplitude**2
    has_u, has_s = _HAS_U[config], _HAS_S[config]
    eta = 1.0
    if has_u:
        eta = eta * _eta(b_u)
    if has_s:
        eta = eta * _eta(b_s)
    n_u = float(params.n_u)
    kappa_u = _capture(params.d_u, params.ris_u_side, dx, params.ut_q, g_ut)
    kappa_s = _capture(params.d_s, params.ris_s_side, dx, params.feed_s_q, g_fs)
    if model == "tang":
        g = params.element_gain_value
        q = params.element_q
        f_u = _pattern_from_cos(np.cos(th_u), q)
        f_s = _pattern_from_cos(np.cos(th_s), q)
        exact = params.bits_model == "exact"
        q_u = _q(params, "u", None, th_u) if has_u else 0.0
        q_s = _q(params, "s", None, th_s) if has_s else 0.0
        # realised/continuous power factor of RIS_s (the active RIS_u noise passes it)
        s_factor = _eta(b_s) if has_s else 1.0
        if config == "ris_user":
            base = g_ut * g_sat * g * area * lam**2 * amp2 * f_u / (64 * np.pi**3 * d**2)
            pg0 = base * q_u**2
            pg = (base * _q(params, "u", b_u, th_u) ** 2 if exact and b_u is not None
                  else eta * pg0)
        elif config == "ris_sat":
            base = g_ut * g_fs * g * area * lam**2 * amp2 * f_s / (64 * np.pi**3 * d**2)
            pg0 = base * q_s**2
            pg = (base * _q(params, "s", b_s, th_s) ** 2 if exact and b_s is not None
                  else eta * pg0)
        else:
            base = (g_ut * g_fs * g**2 * area**2 * lam**2 * amp2**2 * f_u * f_s
                    / (256 * np.pi**4 * d**2))
            pg0 = base * q_u**2 * q_s**2
            if exact:
                qu = _q(params, "u", b_u, th_u) if b_u is not None else q_u
                qs = _q(params, "s", b_s, th_s) if b_s is not None else q_s
                pg = base * qu**2 * qs**2
                s_factor = (np.asarray(qs) / q_s) ** 2 if q_s > 0 else 1.0
            else:
                pg = eta * pg0
        s_sum2 = g_ut * area / (4 * np.pi) * q_u**2
        # RIS_s element -> feed power gains t_n^2 = G F(theta_n) G_fs F_fs(theta_n)
        # (lambda/4 pi r_n)^2, summed incoherently (Tang's per-element model)
        g_vs = (g * lam**2 / (4 * np.pi * area)
                * _capture(params.d_s, params.ris_s_side, dx, params.feed_s_q, g_fs,
                           params.element_q)) if has_s else 0.0
    else:
        a_u = (ris_side_count(params.ris_u_side, dx) * dx) ** 2
        a_s = (ris_side_count(params.ris_s_side, dx) * dx) ** 2
        cu, cs = np.cos(th_u), np.cos(th_s)
        if config == "ris_user":
            pg0 = g_sat * kappa_u * a_u * cu * amp2 / (4 * np.pi * d**2)
        elif config == "ris_sat":
            pg0 = g_ut * kappa_s * a_s * cs * amp2 / (4 * np.pi * d**2)
        else:
            pg0 = kappa_u * kappa_s * a_u * cu * a_s * cs * amp2**2 / (lam**2 * d**2)
        pg = eta * pg0
        s_sum2 = n_u * kappa_u
        s_factor = _eta(b_s) if has_s else 1.0
        g_vs = kappa_s if has_s else 0.0  # by reciprocity: the physical capture fraction
    pg = np.asarray(pg, float)
    if has_u and s_sum2 > 0:
        g_v = np.broadcast_to(n_u * np.asarray(pg0) * s_factor / s_sum2, pg.shape).copy()
    else:
        g_v = np.zeros(pg.shape)
    capture = kappa_u if has_u else kappa_s
    return LinkGain(pg[()] if pg.ndim == 0 else pg, g_v[()] if g_v.ndim == 0 else g_v, capture,
                    float(g_vs))


def _params(params):
    """``params`` or the defaults; anything but a :class:`LeoLinkParams` is a ``TypeError``."""
    if params is None:
        return LeoLinkParams()
    if not isinstance(params, LeoLinkParams):
        raise TypeError(f"params must be a LeoLinkParams or None, got {type(params).__name__}")
    return params


def _active(params, config, link, chi):
    r"""``(a2, sigma_v2, g_v)`` of :func:`required_transmit_power` for the active surfaces on
    the path (``None`` if all passive): the total amplification :math:`A_u^2A_s^2` and the
    noise gain :math:`g_v\chi + g_{v,s}/A_u^2` (see :func:`link_snr`)."""
    act_u = params.active_ris_u and _HAS_U[config]
    act_s = params.active_ris_s and _HAS_S[config]
    if not (act_u or act_s):
        return None
    a2 = params.active_power.gain
    sigma_v2 = float(params.active_power.amplifier_noise(params.bandwidth, params.temperature))
    a2_u = a2 if act_u else 1.0
    a2_s = a2 if act_s else 1.0
    g_v = 0.0
    if act_u:
        g_v = g_v + link.noise_gain * chi
    if act_s:
        g_v = g_v + link.noise_gain_s / a2_u
    return a2_u * a2_s, sigma_v2, g_v


def link_snr(config, elevation, transmit_power, params=None, *, model="tang", fading_gain=1.0,
             bits=None):
    r"""Received SNR of the uplink [linear].

    .. math:: \mathrm{SNR} = \frac{A_u^2A_s^2P_t\,PG\,\chi}{A_u^2A_s^2\sigma_v^2g_v\chi
       + A_s^2\sigma_v^2g_{v,s} + \sigma^2}

    with :math:`\chi` the long-hop fading gain (``fading_gain``), :math:`A_u^2 = a^2` when
    RIS_u is on the path and active (``params.active_ris_u``), else 1 (and the RIS_u noise term
    absent), and likewise :math:`A_s^2` for RIS_s (``params.active_ris_s``): the amplifier noise
    of RIS_u crosses the long hop and RIS_s, that of RIS_s only the short hop to the feed
    (Long et al. 2021; Zhang, Dai et al. 2023, Eq. (8)). All passive: :math:`P_tPG\chi/\sigma^2`.

    Examples
    --------
    >>> p = LeoLinkParams()
    >>> snr = link_snr("no_ris", np.pi / 2, 1.0, p)
    >>> round(float(10 * np.log10(snr)), 2)
    -4.48
    """
    params = _params(params)
    pt = real("transmit_power", transmit_power, 0.0, MAX_POWER)
    chi = real("fading_gain", fading_gain, 0.0, GAIN_RANGE[1])
    link = link_path_gain(config, elevation, params, model=model, bits=bits)
    sig = pt * link.path_gain * chi
    active = _active(params, config, link, chi)
    if active is None:
        return sig / params.noise_power
    a2, sv2, g_v = active
    return a2 * sig / (a2 * sv2 * g_v + params.noise_power)


def required_uplink_power(config, elevation, params=None, *, model="tang", fading_gain=1.0,
                          bits=None, target_rate=None):
    r"""UT transmit power reaching ``params.target_rate`` [W] (``inf`` with zero gain).

    Uses :func:`~wirelesseff.ris_leo.required_transmit_power` with ``cascade_gain`` = the P7
    path gain times the long-hop fading gain (and ``active`` for an active RIS_u).

    Examples
    --------
    >>> p = LeoLinkParams()
    >>> round(float(10 * np.log10(required_uplink_power("no_ris", np.pi / 2, p)) + 30), 2)
    34.48
    """
    params = _params(params)
    rate = params.target_rate if target_rate is None else target_rate
    chi = real("fading_gain", fading_gain, 0.0, GAIN_RANGE[1])
    link = link_path_gain(config, elevation, params, model=model, bits=bits)
    active = _active(params, config, link, chi)
    return required_transmit_power(rate, params.noise_power, config="single_ris",
                                   cascade_gain=link.path_gain * chi, active=active)


def ris_powers(config, params, transmit_power=0.0, *, bits=None, capture=None):
    r"""Power drawn by the surfaces of a configuration, (RIS_u, RIS_s) [W].

    Passive surfaces draw :math:`N P_n(b)`; an active RIS_u draws
    :math:`N(P_\mathrm{SW}+P_\mathrm{DC}) + a^2(P_t\kappa_u+N\sigma_v^2)/\xi_A`, an active RIS_s
    :math:`N_s(P_\mathrm{SW}+P_\mathrm{DC}) + a^2N_s\sigma_v^2/\xi_A`: its input signal,
    about :math:`P_tG_\mathrm{ut}A_s/(4\pi d^2)` (:math:`10^{-13}P_t` at 550 km), is neglected
    against its amplifier noise.

    Examples
    --------
    >>> [round(float(x), 4) for x in ris_powers("double", LeoLinkParams())]  # 1089 x 0.5 mW
    [0.5445, 0.5445]
    """
    check_choice("config", config, CONFIGS)
    if not isinstance(params, LeoLinkParams):
        raise TypeError(f"params must be a LeoLinkParams, got {type(params).__name__}")
    transmit_power = real("transmit_power", transmit_power, 0.0, None)
    if capture is not None:
        capture = real("capture", capture, 0.0, 1.0)
    b_u, b_s = _bits_pair(params, bits)
    p_u = 0.0
    p_s = 0.0
    if _HAS_U[config]:
        n_u = float(params.n_u)
        if params.active_ris_u:
            if capture is None:
                capture = _capture(params.d_u, params.ris_u_side, params.element_spacing,
                                   params.ut_q, params.ut_gain)
            a2, sv2 = params.active_power.gain, float(params.active_power.amplifier_noise(
                params.bandwidth, params.temperature))
            p_out = a2 * (np.asarray(transmit_power, float) * capture + n_u * sv2)
            p_u = params.active_power.power(n_u, output_power=p_out)
        else:
            p_u = params.ris_power.power(n_u, None if b_u is None else b_u)
    if _HAS_S[config]:
        n_s = float(params.n_s)
        if params.active_ris_s:
            sv2 = float(params.active_power.amplifier_noise(params.bandwidth,
                                                            params.temperature))
            p_s = params.active_power.power(n_s, output_power=params.active_power.gain * n_s
                                            * sv2)
        else:
            p_s = params.ris_power.power(n_s, None if b_s is None else b_s)
    return p_u, p_s
