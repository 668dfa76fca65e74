r"""RIS path-loss physics: Tang's general model (near and far field), capture fraction, double RIS.

Equations (P1)-(P6) of docs/ris_leo.md, 'RIS path loss'. Everything here is a **reconstruction**
of the (unavailable) model of Sanila et al. (WCNC 2025) from established models: Tang et al. (2021)
for a single RIS and its two-bounce extension for the double RIS.

Configuration that rarely changes within a study is grouped in two small frozen dataclasses,
:class:`RISSurface` (element spacing, pattern, gain, amplitude) and :class:`LinkAntennas`
(transmit/receive antenna gains and patterns); what a sweep varies (distances, angles, element
counts, carrier frequency, form, phases) stays a keyword argument.

Geometry (Tang et al. 2021, Fig. 2): the RIS lies in the plane :math:`z = 0` with its normal
along :math:`+z`; element :math:`(m, n)` of an :math:`M\times N` surface sits at
:math:`((m-(M-1)/2)d_x,\ (n-(N-1)/2)d_y,\ 0)`. The transmitter is at spherical coordinates
:math:`(d_1, \theta_t, \varphi_t)` and the receiver at :math:`(d_2, \theta_r, \varphi_r)` (polar
angle from the RIS normal, azimuth in the RIS plane); both antennas point at the RIS centre.

Radiation patterns are :math:`F(\theta) = \cos^q\theta` for :math:`\theta\le\pi/2` and 0 behind
the surface, with Tang's normalisation :math:`G = 4\pi/\iint F\,d\Omega = 2(q+1)` (so
:math:`\cos^3` gives :math:`G = 8`).

References
----------
.. [1] W. Tang, M. Z. Chen, X. Chen, J. Y. Dai, Y. Han, M. Di Renzo, Y. Zeng, S. Jin, Q. Cheng,
   T. J. Cui, "Wireless communications with reconfigurable intelligent surface: path loss
   modeling and experimental measurement", IEEE Trans. Wireless Commun. 20(1):421-439, 2021,
   doi:10.1109/TWC.2020.3024887, arXiv:1911.05326.
.. [2] E. Björnson, L. Sanguinetti, "Power scaling laws and near-field behaviors of massive
   MIMO and intelligent reflecting surfaces", IEEE Open J. Commun. Soc. 1:1306-1324, 2020,
   doi:10.1109/OJCOMS.2020.3020925.
.. [3] K. S. Sanila, R. Nilsson, E. Ibrahim, N. Rajamohan, "Low-power double RIS-assisted mobile
   LEO satellite communications", IEEE WCNC 2025, doi:10.1109/WCNC61545.2025.10978773,
   arXiv:2512.02255 (abstract only; the target of this reconstruction).
"""

from __future__ import annotations

import functools
import numbers
import warnings
from dataclasses import dataclass

import numpy as np

from .._validation import (
    check_choice,
    check_in_range,
    check_integer,
    check_positive,
    check_real_array,
    check_real_scalar,
)
from ..channel.geometry import upa_positions
from ..units import SPEED_OF_LIGHT
from ._checks import (
    FREQUENCY_RANGE,
    GAIN_RANGE,
    MAX_DISTANCE,
    MAX_PATTERN_EXPONENT,
    MIN_DISTANCE,
    MIN_EFFICIENCY,
    real,
    real_scalar,
)
from .phases import MAX_PHASE_BITS

__all__ = [
    "MAX_ELEMENT_PAIRS",
    "MAX_RIS_ELEMENTS",
    "LinkAntennas",
    "RISSurface",
    "capture_fraction",
    "double_ris_path_loss",
    "element_gain",
    "element_pattern",
    "feed_focusing_sum",
    "pattern_gain",
    "ris_side_count",
    "tang_path_loss",
]

#: Largest number of elements of one surface (2**20, e.g. 1024 x 1024) accepted by the path-loss
#: functions, which hold per-element positions and terms in memory (about 100 MB per batch
#: entry at the limit). A 0.25 m surface with λ/2 spacing has 33 x 33 elements at 20 GHz and
#: 500 x 500 at 300 GHz.
MAX_RIS_ELEMENTS = 2**20
#: Largest :math:`N_1N_2` of :func:`double_ris_path_loss` with ``exact_middle=True``, which holds
#: every element pair (about 100 MB per array at the limit).
MAX_ELEMENT_PAIRS = 2**22


def _out(x):
    x = np.asarray(x)
    return x[()] if x.ndim == 0 else x


def pattern_gain(q):
    r"""Gain of the pattern :math:`\cos^q\theta` (zero behind the surface), :math:`G = 2(q+1)`.

    :math:`\iint F\,d\Omega = 2\pi/(q+1)` over the front half-space, so
    :math:`G = 4\pi/\iint F\,d\Omega = 2(q+1)` (Tang et al. 2021, Eq. (4)).

    Examples
    --------
    >>> float(pattern_gain(3.0))
    8.0
    """
    q = real("q", q, 0.0, MAX_PATTERN_EXPONENT)
    return _out(2.0 * (q + 1.0))


def element_pattern(theta, q):
    r"""Normalised power pattern :math:`F(\theta) = \cos^q\theta` for :math:`|\theta|\le\pi/2`,
    else 0 [-].

    Examples
    --------
    >>> round(float(element_pattern(np.pi / 3, 3.0)), 12)
    0.125
    >>> float(element_pattern(2.0, 3.0))
    0.0
    """
    c = np.cos(real("theta", theta))
    return _out(_pattern_from_cos(c, real("q", q, 0.0, MAX_PATTERN_EXPONENT)))


def _pattern_from_cos(c, q):
    q = np.asarray(q, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(c > 0, np.power(np.maximum(c, 0.0), q), 0.0)


def element_gain(kind="tang", *, q=3.0, spacing=None, wavelength=None):
    r"""Element gain :math:`G` of an RIS element [linear].

    Parameters
    ----------
    kind : {"tang", "aperture"} or float
        ``"tang"`` (default): :math:`G = 2(q+1)`, 8 for the cos³ pattern measured by Tang et al.
        (2021). ``"aperture"``: the flat-plate gain :math:`4\pi d_xd_y/\lambda^2` (π at
        :math:`\lambda/2` spacing, i.e. 8/π below Tang's value; see docs/ris_leo.md,
        'Pitfalls'). A float is used as given.
    q : float
        Pattern exponent (for ``"tang"``).
    spacing : float or (float, float)
        Element spacing :math:`d_x (, d_y)` [m] (for ``"aperture"``).
    wavelength : float
        Wavelength [m] (for ``"aperture"``).

    Examples
    --------
    >>> float(element_gain("tang"))
    8.0
    >>> round(float(element_gain("aperture", spacing=0.5, wavelength=1.0)), 6)
    3.141593
    """
    if isinstance(kind, str):
        check_choice("kind", kind, ("tang", "aperture"))
        if kind == "tang":
            return pattern_gain(q)
        if spacing is None or wavelength is None:
            raise ValueError('kind="aperture" needs spacing and wavelength')
        dx, dy = _spacing_pair(spacing)
        wavelength = real("wavelength", wavelength, 0.0, MAX_DISTANCE, low_open=True)
        return _out(4 * np.pi * dx * dy / wavelength ** 2)
    if not isinstance(kind, numbers.Real) or isinstance(kind, bool | np.bool_):
        raise TypeError(f"kind must be 'tang', 'aperture' or a float, got {kind!r}")
    return float(real("kind", kind, *GAIN_RANGE))


_element_gain_fn = element_gain


def _spacing_pair(spacing):
    if np.ndim(spacing) == 0:
        sp = float(real("spacing", spacing, 0.0, MAX_DISTANCE, low_open=True))
        return sp, sp
    if np.shape(spacing) != (2,):
        raise ValueError(f"spacing must be a float or a pair (d_x, d_y), got shape "
                         f"{np.shape(spacing)}")
    dx, dy = (float(s) for s in real("spacing", spacing, 0.0, MAX_DISTANCE, low_open=True))
    return dx, dy


def _check_element_count(what, count, limit):
    """Reject a surface (or element-pair) count above ``limit`` before anything is allocated."""
    if count > limit:
        raise ValueError(f"{what} must be at most {limit} (memory bound of the element sums), "
                         f"got {count}")


def _real_param(name, value, *, allow_array=False):
    """A finite real number (or array of them), never a bool or a string."""
    if isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be a real number, got {value!r}")
    if not allow_array:
        return check_real_scalar(name, value)
    arr = check_real_array(name, value)
    return float(arr) if arr.ndim == 0 else arr


@dataclass(frozen=True)
class RISSurface:
    r"""Element model of a reflecting surface (every element alike).

    Configuration of :func:`tang_path_loss` and :func:`double_ris_path_loss`; the geometry
    (distances, angles, element counts, carrier) stays in their keyword arguments.

    Parameters
    ----------
    spacing : float or (float, float), optional
        Element spacing :math:`(d_x, d_y)` [m], > 0; ``None`` (default) means
        :math:`\lambda/2` of the carrier (assumed).
    element_q : float
        Exponent :math:`q` of the element pattern :math:`\cos^q\theta`, in [0, 100] (3: the
        cos³ pattern measured by Tang et al. 2021).
    element_gain : {"tang", "aperture"} or float
        Element gain :math:`G`, see :func:`element_gain` (``"tang"``: :math:`2(q+1)`, Tang et
        al. 2021); a float in [1e-30, 1e12].
    amplitude : float or array_like
        Reflection amplitude :math:`A` in [1e-6, 1e6] (1, assumed: lossless). An array
        broadcasts with the distances of :func:`tang_path_loss`.

    Raises
    ------
    ValueError, TypeError
        For a non-finite or out-of-range value (the message names the field) or an unknown
        ``element_gain``.

    Examples
    --------
    >>> RISSurface()
    RISSurface(spacing=None, element_q=3.0, element_gain='tang', amplitude=1.0)
    >>> RISSurface(spacing=0.005, element_gain="aperture").element_gain
    'aperture'
    """

    spacing: float | tuple[float, float] | None = None
    element_q: float = 3.0
    element_gain: str | float = "tang"
    amplitude: float | np.ndarray = 1.0

    def __post_init__(self) -> None:
        if self.spacing is not None:
            if np.ndim(self.spacing) == 0:
                sp = _real_param("spacing", self.spacing)
                check_positive(spacing=sp)
            else:
                if np.shape(self.spacing) != (2,):
                    raise ValueError(f"spacing must be a float or a pair (d_x, d_y), got shape "
                                     f"{np.shape(self.spacing)}")
                sp = tuple(_real_param("spacing", v) for v in self.spacing)
                check_positive(spacing=sp)
            object.__setattr__(self, "spacing", sp)
        q = _real_param("element_q", self.element_q)
        real("element_q", q, 0.0, MAX_PATTERN_EXPONENT)
        object.__setattr__(self, "element_q", q)
        if isinstance(self.element_gain, str):
            check_choice("element_gain", self.element_gain, ("tang", "aperture"))
        else:
            g = _real_param("element_gain", self.element_gain)
            real("element_gain", g, *GAIN_RANGE)
            object.__setattr__(self, "element_gain", g)
        amp = _real_param("amplitude", self.amplitude, allow_array=True)
        real("amplitude", amp, MIN_EFFICIENCY, 1e6)
        object.__setattr__(self, "amplitude", amp)


@dataclass(frozen=True)
class LinkAntennas:
    r"""Transmit and receive antennas of an RIS link; both point at the (first/last) surface.

    Parameters
    ----------
    tx_gain, rx_gain : float or array_like, optional
        Antenna gains :math:`G_t, G_r` [linear], in [1e-30, 1e12]; ``None`` (default) means the
        gain :math:`2(q+1)` of the pattern ``tx_q`` / ``rx_q`` (Tang et al. 2021, Eq. (4)).
        Arrays broadcast with the distances.
    tx_q, rx_q : float
        Pattern exponents of :math:`\cos^q` (evaluated at each element's off-boresight angle),
        in [0, 100]; default 0, a hemispherical antenna of gain 2 (assumed).

    Examples
    --------
    >>> LinkAntennas(rx_gain=1.0)  # a unit-gain receiver
    LinkAntennas(tx_gain=None, tx_q=0.0, rx_gain=1.0, rx_q=0.0)
    """

    tx_gain: float | np.ndarray | None = None
    tx_q: float = 0.0
    rx_gain: float | np.ndarray | None = None
    rx_q: float = 0.0

    def __post_init__(self) -> None:
        for name in ("tx_gain", "rx_gain"):
            value = getattr(self, name)
            if value is not None:
                g = _real_param(name, value, allow_array=True)
                real(name, g, *GAIN_RANGE)
                object.__setattr__(self, name, g)
        for name in ("tx_q", "rx_q"):
            q = _real_param(name, getattr(self, name))
            real(name, q, 0.0, MAX_PATTERN_EXPONENT)
            object.__setattr__(self, name, q)


_SURFACE_KEYS = ("spacing", "element_q", "element_gain", "amplitude")
_ANTENNA_KEYS = ("tx_gain", "tx_q", "rx_gain", "rx_q")


def _split_legacy(fn, surface, antennas, legacy):
    """The deprecated per-field keywords of ``fn`` as (surface kwargs, antenna kwargs)."""
    unknown = sorted(set(legacy) - set(_SURFACE_KEYS) - set(_ANTENNA_KEYS))
    if unknown:
        raise TypeError(f"{fn}() got an unexpected keyword argument {unknown[0]!r}")
    s_kw = {k: legacy[k] for k in _SURFACE_KEYS if k in legacy}
    a_kw = {k: legacy[k] for k in _ANTENNA_KEYS if k in legacy}
    if s_kw and surface is not None:
        raise TypeError(f"{fn}(): pass either surface=RISSurface(...) or {', '.join(s_kw)}, "
                        "not both")
    if a_kw and antennas is not None:
        raise TypeError(f"{fn}(): pass either antennas=LinkAntennas(...) or {', '.join(a_kw)}, "
                        "not both")
    if legacy:
        warnings.warn(
            f"{fn}(..., {'=..., '.join(legacy)}=...) is deprecated: pass "
            "surface=RISSurface(spacing, element_q, element_gain, amplitude) and "
            "antennas=LinkAntennas(tx_gain, tx_q, rx_gain, rx_q) instead",
            DeprecationWarning, stacklevel=4)
    return s_kw, a_kw


def _check_type(name, value, cls):
    if not isinstance(value, cls):
        raise TypeError(f"{name} must be a {cls.__name__}, got {type(value).__name__}")
    return value


def _resolve_configs(fn, surface, antennas, legacy):
    """``(RISSurface, LinkAntennas)`` from the dataclasses or the deprecated keywords."""
    s_kw, a_kw = _split_legacy(fn, surface, antennas, legacy)
    surface = RISSurface(**s_kw) if s_kw or surface is None else surface
    antennas = LinkAntennas(**a_kw) if a_kw or antennas is None else antennas
    return _check_type("surface", surface, RISSurface), _check_type("antennas", antennas,
                                                                     LinkAntennas)


def _resolve_double_configs(surface, antennas, legacy):
    """Shared element model and the amplitude pair of :func:`double_ris_path_loss`."""
    s_kw, a_kw = _split_legacy("double_ris_path_loss", surface, antennas, legacy)
    if "amplitude" in s_kw:
        amp = s_kw.pop("amplitude")
        shape = np.shape(amp)
        if shape not in ((), (2,)):
            raise ValueError(f"amplitude must be a float or a pair (A_1, A_2), got {amp!r} "
                             f"(shape {shape})")
        amps = (amp, amp) if shape == () else tuple(amp)
        surface = tuple(RISSurface(**s_kw, amplitude=a) for a in amps)
    elif s_kw:
        surface = RISSurface(**s_kw)
    elif surface is None:
        surface = RISSurface()
    antennas = _check_type("antennas", LinkAntennas(**a_kw) if a_kw or antennas is None
                           else antennas, LinkAntennas)
    pair = (surface, surface) if isinstance(surface, RISSurface) else tuple(surface) \
        if isinstance(surface, tuple | list) else None
    if pair is None or len(pair) != 2:
        raise TypeError(f"surface must be a RISSurface or a pair of them, got {surface!r}")
    s1, s2 = (_check_type("surface", x, RISSurface) for x in pair)
    for name in ("spacing", "element_q", "element_gain"):
        if getattr(s1, name) != getattr(s2, name):
            raise ValueError(f"surface: both surfaces must share {name} (only the amplitudes "
                             f"may differ), got {getattr(s1, name)!r} and {getattr(s2, name)!r}")
    for s in (s1, s2):
        if np.ndim(s.amplitude) != 0:
            raise ValueError(f"amplitude must be a float or a pair (A_1, A_2), got an array of "
                             f"shape {np.shape(s.amplitude)}")
    return (s1.spacing, s1.element_q, s1.element_gain, (s1.amplitude, s2.amplitude)), antennas


def ris_side_count(side, spacing):
    r"""Number of elements along one side, :math:`\lfloor \text{side}/d_x \rfloor` [-].

    A tolerance of 1e-9 relative absorbs round-off (0.3/0.1 = 2.9999999999999996 gives 3).
    ``side`` and ``spacing`` must be finite, with at most :math:`2^{53}` elements per side.

    Examples
    --------
    >>> int(ris_side_count(0.25, 0.0075))
    33
    >>> int(ris_side_count(0.3, 0.1))  # 0.3/0.1 = 2.9999999999999996 in floating point
    3
    """
    side = real("side", side, 0.0, None)
    spacing = real("spacing", spacing, 0.0, None, low_open=True)
    with np.errstate(over="ignore"):
        ratio = np.floor(side / np.asarray(spacing, float) * (1 + 1e-9))
    check_in_range("side / spacing", ratio, 0.0, 2.0**53,
                   what="(element count per side; side and spacing in the same unit)")
    return _out(ratio.astype(np.int64))


def _surface_side_count(side, spacing):
    """Elements per side of a square surface (scalar), at most sqrt(MAX_RIS_ELEMENTS)."""
    for name, v in (("side", side), ("spacing", spacing)):
        if np.ndim(v) != 0:
            raise ValueError(f"{name} must be a scalar, got shape {np.shape(v)}")
        _real_param(name, v)
    n = int(ris_side_count(side, spacing))
    _check_element_count(f"the element count (side/spacing)^2 = ({float(side):g}/"
                         f"{float(spacing):g})^2", n * n, MAX_RIS_ELEMENTS)
    return n


def _wavelength(frequency):
    return SPEED_OF_LIGHT / float(real("frequency", frequency, *FREQUENCY_RANGE))


def _check_geometry(frequency, distances, polar, azimuth):
    """Validate carrier, distances, polar angles (in [0, π/2]) and azimuths before any work."""
    real("frequency", frequency, *FREQUENCY_RANGE)
    for name, v in distances.items():
        real(name, v, MIN_DISTANCE, MAX_DISTANCE)
    for name, v in polar.items():
        real(name, v, 0.0, np.pi / 2)
    for name, v in azimuth.items():
        real(name, v)


def _over_frequencies(fn, frequency, batch, fixed, phases=None, n_xy=None):
    """Evaluate ``fn`` once per distinct carrier frequency of an array ``frequency``.

    The element spacing (default λ/2) and hence the geometry change with the frequency, so each
    frequency is one evaluation. ``batch`` holds the arguments that broadcast with
    ``frequency`` (array-valued ones are broadcast to the common shape and indexed; scalars and
    ``None`` pass through); ``fixed`` is passed unchanged; an array ``phases`` of trailing shape
    ``n_xy`` broadcasts on its leading axes. Returns the common-shape result.
    """
    f = real("frequency", frequency, *FREQUENCY_RANGE)
    arrays = {k: np.asarray(v, float) for k, v in batch.items()
              if v is not None and np.ndim(v) > 0}
    shapes = [f.shape, *(a.shape for a in arrays.values())]
    ph = None
    if phases is not None and not isinstance(phases, str):
        ph = real("phases", phases)
        if ph.shape[-2:] != tuple(n_xy):
            raise ValueError(f"phases must have trailing shape (n_x, n_y) = {tuple(n_xy)}, got "
                             f"shape {ph.shape}")
        shapes.append(ph.shape[:-2])
    try:
        shape = np.broadcast_shapes(*shapes)
    except ValueError as exc:
        raise ValueError(f"frequency of shape {f.shape} does not broadcast with the other "
                         f"array arguments ({', '.join(arrays) or 'phases'})") from exc
    fb = np.broadcast_to(f, shape)
    out = np.empty(shape)
    for fv in np.unique(fb):
        m = fb == fv
        kw = dict(fixed)
        kw.update({k: v for k, v in batch.items() if k not in arrays})
        kw.update({k: np.broadcast_to(a, shape)[m] for k, a in arrays.items()})
        if ph is not None:
            kw["phases"] = np.broadcast_to(ph, shape + ph.shape[-2:])[m]
        elif phases is not None:
            kw["phases"] = phases
        out[m] = fn(frequency=float(fv), **kw)
    return _out(out)


def _unit(theta, phi):
    theta = np.asarray(theta, float)
    phi = np.asarray(phi, float)
    st = np.sin(theta)
    return np.stack(np.broadcast_arrays(st * np.cos(phi), st * np.sin(phi), np.cos(theta)),
                    axis=-1)


def _antenna_gain(gain, q, name):
    if gain is None:
        return float(pattern_gain(q))
    check_positive(**{name: gain})
    return np.asarray(gain, float)


def _outer_hop(distance, theta, phi, pos, q_el, q_ant):
    """Per-element distance, element pattern and antenna pattern of one outer hop.

    The antenna sits at ``distance * u(theta, phi)`` in the RIS frame and points at the origin.
    Returns arrays of shape (..., N).
    """
    src = np.asarray(distance, float)[..., None] * _unit(theta, phi)  # (..., 3)
    v = src[..., None, :] - pos  # element -> antenna, (..., N, 3)
    r = np.linalg.norm(v, axis=-1)
    cos_el = v[..., 2] / r
    d = np.linalg.norm(src, axis=-1)[..., None]
    cos_ant = np.einsum("...k,...nk->...n", src, v) / (d * r)
    return r, _pattern_from_cos(cos_el, q_el), _pattern_from_cos(cos_ant, q_ant)


def _flatten_phases(phases, n_x, n_y):
    ph = real("phases", phases)
    if ph.shape[-2:] != (n_x, n_y):
        raise ValueError(f"phases must have trailing shape (n_x, n_y) = ({n_x}, {n_y}), got "
                         f"shape {ph.shape}")
    # (..., M, N) indexed [m, n]; upa_positions runs x (m) fastest -> transpose the last axes.
    return np.swapaxes(ph, -1, -2).reshape(ph.shape[:-2] + (n_x * n_y,))


def tang_path_loss(
    d1,
    d2,
    n_x,
    n_y,
    frequency,
    *,
    theta_t=0.0,
    phi_t=0.0,
    theta_r=0.0,
    phi_r=np.pi,
    form="general",
    phases="focus",
    surface=None,
    antennas=None,
    **legacy,
):
    r"""Path loss of a single-RIS link, Tang et al. (2021) [linear, :math:`P_t/P_r`].

    Parameters
    ----------
    d1, d2 : array_like
        Distances transmitter-RIS centre and RIS centre-receiver [m] (> 0).
    n_x, n_y : int
        Number of elements :math:`M` along :math:`x` and :math:`N` along :math:`y`, each >= 1,
        with :math:`MN \le` :data:`MAX_RIS_ELEMENTS`.
    frequency : array_like
        Carrier frequency [Hz]; an array broadcasts with the distances, angles, the antenna
        gains and the amplitude (and the leading axes of a ``phases`` array). With the default
        λ/2 spacing the element spacing follows each frequency.
    theta_t, phi_t, theta_r, phi_r : array_like
        Polar angle (from the RIS normal, in [0, π/2]) and azimuth of the transmitter and
        receiver [rad].
    form : {"general", "far_field", "near_broadcast"}
        (P1) exact element sum, valid in near and far field; (P2) far-field closed form; (P3)
        near-field broadcasting (mirror) limit.
    phases : {"focus", "steer"} or ndarray of shape (n_x, n_y)
        ``"focus"``: :math:`\phi_{nm} = k(r^t_{nm}+r^r_{nm})` (beam focusing, all terms
        co-phased); ``"steer"``: the linear gradient :math:`-k(\hat u_t+\hat u_r)\cdot p_{nm}`
        (plane-wave beam steering); an array gives the phases [rad].
    surface : RISSurface, optional
        Element model of the surface: spacing (default λ/2), pattern exponent (3), element gain
        (``"tang"``) and reflection amplitude (1); see :class:`RISSurface`.
    antennas : LinkAntennas, optional
        Transmit and receive antennas (default: hemispherical, :math:`q = 0`, gain 2, both
        pointing at the RIS centre); see :class:`LinkAntennas`.
    **legacy
        The former keywords ``spacing``, ``element_q``, ``element_gain``, ``amplitude``,
        ``tx_gain``, ``tx_q``, ``rx_gain``, ``rx_q`` still work (they build ``surface`` and
        ``antennas``) but are deprecated (``DeprecationWarning``); passing one of them together
        with the dataclass it belongs to raises ``TypeError``.

    Returns
    -------
    ndarray or float
        Path loss :math:`PL = P_t/P_r` [linear], broadcast over distances and angles; ``inf``
        where the gain is zero (e.g. a pattern vanishes at a 90° angle, or no element lies in
        front of both antennas, as for a surface far larger than the link distances).

    Raises
    ------
    ValueError
        For a non-positive distance or frequency, an angle outside its range, an unknown
        ``form``/``phases`` or an element count outside [1, :data:`MAX_RIS_ELEMENTS`].
    TypeError
        For a non-integer element count, an unknown keyword, or a legacy keyword together with
        ``surface``/``antennas``.

    Notes
    -----
    (P1), Tang et al. (2021), Eq. (7)/(21):

    .. math::
        \frac{1}{PL} = \frac{G_tG_rG\,d_xd_y\lambda^2A^2}{64\pi^3}\left|\sum_{m,n}
        \frac{\sqrt{F_{tx}(\theta^{tx}_{nm})F(\theta^t_{nm})F(\theta^r_{nm})F_{rx}(\theta^{rx}_{nm})}}
        {r^t_{nm}r^r_{nm}}e^{j\phi_{nm}}e^{-jk(r^t_{nm}+r^r_{nm})}\right|^2

    (P2) far field, Eq. (9): :math:`PL_{FF} = 64\pi^3d_1^2d_2^2/(G_tG_rGM^2N^2d_xd_y\lambda^2A^2
    F(\theta_t)F(\theta_r))`; (P3) near-field broadcasting, Eq. (13):
    :math:`PL_{NF} \approx 16\pi^2(d_1+d_2)^2/(G_tG_r\lambda^2A^2)`.

    References
    ----------
    .. [1] W. Tang et al., "Wireless communications with reconfigurable intelligent surface:
       path loss modeling and experimental measurement", IEEE Trans. Wireless Commun.
       20(1):421-439, 2021, doi:10.1109/TWC.2020.3024887.

    Examples
    --------
    Far field: the exact sum equals the closed form.

    >>> kw = dict(theta_t=np.pi / 6, theta_r=np.pi / 4)
    >>> p1 = tang_path_loss(200.0, 300.0, 8, 8, 10e9, **kw)
    >>> p2 = tang_path_loss(200.0, 300.0, 8, 8, 10e9, form="far_field", **kw)
    >>> round(float(10 * np.log10(p1 / p2)), 3)
    0.0

    The flat-plate element gain instead of Tang's (8/π = 4.06 dB lower):

    >>> p3 = tang_path_loss(200.0, 300.0, 8, 8, 10e9, surface=RISSurface(element_gain="aperture"),
    ...                     **kw)
    >>> round(float(10 * np.log10(p3 / p1)), 2)
    4.06

    An array of frequencies broadcasts (one evaluation per frequency):

    >>> pl = tang_path_loss([[200.0], [400.0]], 300.0, 8, 8, [10e9, 28e9], **kw)
    >>> pl.shape, bool(pl[1, 0] == tang_path_loss(400.0, 300.0, 8, 8, 10e9, **kw))
    ((2, 2), True)
    """
    surface, antennas = _resolve_configs("tang_path_loss", surface, antennas, legacy)
    return _tang_path_loss(
        d1, d2, n_x, n_y, frequency, theta_t=theta_t, phi_t=phi_t, theta_r=theta_r,
        phi_r=phi_r, form=form, spacing=surface.spacing, element_q=surface.element_q,
        element_gain=surface.element_gain, tx_gain=antennas.tx_gain, tx_q=antennas.tx_q,
        rx_gain=antennas.rx_gain, rx_q=antennas.rx_q, amplitude=surface.amplitude,
        phases=phases)


def _tang_path_loss(d1, d2, n_x, n_y, frequency, *, theta_t, phi_t, theta_r, phi_r, form,
                    spacing, element_q, element_gain, tx_gain, tx_q, rx_gain, rx_q, amplitude,
                    phases):
    """Body of :func:`tang_path_loss` on plain arguments (one call per carrier frequency)."""
    check_choice("form", form, ("general", "far_field", "near_broadcast"))
    n_x = check_integer("n_x", n_x, low=1, high=MAX_RIS_ELEMENTS)
    n_y = check_integer("n_y", n_y, low=1, high=MAX_RIS_ELEMENTS)
    _check_element_count("n_x * n_y", n_x * n_y, MAX_RIS_ELEMENTS)
    _check_geometry(frequency, {"d1": d1, "d2": d2}, {"theta_t": theta_t, "theta_r": theta_r},
                    {"phi_t": phi_t, "phi_r": phi_r})
    if np.ndim(frequency) > 0:
        return _over_frequencies(
            _tang_path_loss, frequency,
            batch=dict(d1=d1, d2=d2, theta_t=theta_t, phi_t=phi_t, theta_r=theta_r,
                       phi_r=phi_r, tx_gain=tx_gain, rx_gain=rx_gain, amplitude=amplitude),
            fixed=dict(n_x=n_x, n_y=n_y, form=form, spacing=spacing, element_q=element_q,
                       element_gain=element_gain, tx_q=tx_q, rx_q=rx_q),
            phases=phases, n_xy=(n_x, n_y))
    lam = _wavelength(frequency)
    dx, dy = _spacing_pair(lam / 2 if spacing is None else spacing)
    d1 = np.asarray(d1, float)
    d2 = np.asarray(d2, float)
    check_positive(d1=d1, d2=d2)
    for name, ang in (("theta_t", theta_t), ("theta_r", theta_r)):
        check_in_range(name, ang, 0.0, np.pi / 2)
    check_positive(amplitude=amplitude)
    g_t = _antenna_gain(tx_gain, tx_q, "tx_gain")
    g_r = _antenna_gain(rx_gain, rx_q, "rx_gain")
    g = _element_gain_fn(element_gain, q=element_q, spacing=(dx, dy), wavelength=lam)
    amp2 = np.asarray(amplitude, float) ** 2
    if form == "near_broadcast":
        return _out(16 * np.pi**2 * (d1 + d2) ** 2 / (g_t * g_r * lam**2 * amp2))
    if form == "far_field":
        f_t = _pattern_from_cos(np.cos(np.asarray(theta_t, float)), element_q)
        f_r = _pattern_from_cos(np.cos(np.asarray(theta_r, float)), element_q)
        num = 64 * np.pi**3 * d1**2 * d2**2
        with np.errstate(divide="ignore"):
            return _out(num / (g_t * g_r * g * (n_x * n_y) ** 2 * dx * dy * lam**2 * amp2
                               * f_t * f_r))
    pos = upa_positions(n_x, n_y, dx, dy)
    r_t, f_t, f_tx = _outer_hop(d1, theta_t, phi_t, pos, element_q, tx_q)
    r_r, f_r, f_rx = _outer_hop(d2, theta_r, phi_r, pos, element_q, rx_q)
    mag = np.sqrt(f_tx * f_t * f_r * f_rx) / (r_t * r_r)
    k = 2 * np.pi / lam
    if isinstance(phases, str):
        check_choice("phases", phases, ("focus", "steer"))
        if phases == "focus":
            s = np.abs(mag.sum(axis=-1))
        else:
            u = _unit(theta_t, phi_t) + _unit(theta_r, phi_r)  # (..., 3)
            phi = -k * np.einsum("...k,nk->...n", u, pos)
            s = np.abs(np.sum(mag * np.exp(1j * (phi - k * (r_t + r_r))), axis=-1))
    else:
        phi = _flatten_phases(phases, n_x, n_y)
        s = np.abs(np.sum(mag * np.exp(1j * (phi - k * (r_t + r_r))), axis=-1))
    coef = g_t * g_r * g * dx * dy * lam**2 * amp2 / (64 * np.pi**3)
    with np.errstate(divide="ignore"):
        return _out(1.0 / (coef * s**2))


def capture_fraction(distance, side, spacing, feed_q=0.0, element_q=1.0, *, feed_gain=None):
    r"""Fraction of a feed's radiated power intercepted by a square RIS on its axis (P4) [-].

    Parameters
    ----------
    distance : array_like
        Feed-RIS centre distance :math:`d` [m] (> 0); the feed is on the RIS axis and points at
        its centre.
    side : float
        RIS side [m]; :math:`\lfloor\text{side}/d_x\rfloor^2` elements are used.
    spacing : float
        Element spacing :math:`d_x = d_y` [m].
    feed_q : float
        Feed pattern exponent. ``0`` (default) is an **isotropic** feed (gain 1); :math:`q>0`
        gives :math:`\cos^q` with gain :math:`2(q+1)`.
    element_q : float
        Element pattern exponent; 1 (default) is the obliquity factor (projected area).
    feed_gain : float, optional
        Overrides the feed gain :math:`G_t`.

    Returns
    -------
    ndarray or float
        :math:`\kappa = \sum_n G_tF_{tx}(\theta_n)F(\theta_n)d_xd_y/(4\pi r_n^2)`.

    Notes
    -----
    With an isotropic feed and :math:`q = 1` the sum is the solid angle of the surface over
    :math:`4\pi`, which tends to :math:`4\arcsin(a^2/(a^2+4d^2))/(4\pi)\le 1/2` for a square of
    side :math:`a`. Without the obliquity factor (``element_q=0``) the sum of :math:`dA/(4\pi
    r^2)` is not a power fraction and exceeds 1 close to a large surface (docs/ris_leo.md,
    'Pitfalls').

    Examples
    --------
    >>> a, d = 0.25, 0.2
    >>> exact = 4 * np.arcsin(a**2 / (a**2 + 4 * d**2)) / (4 * np.pi)
    >>> kappa = capture_fraction(d, a, 0.0025)
    >>> round(float(kappa), 4), round(float(exact), 4)
    (0.0906, 0.0906)
    """
    d = real("distance", distance, MIN_DISTANCE, MAX_DISTANCE)
    feed_q = real_scalar("feed_q", feed_q, 0.0, MAX_PATTERN_EXPONENT)
    element_q = real_scalar("element_q", element_q, 0.0, MAX_PATTERN_EXPONENT)
    n = _surface_side_count(side, spacing)
    if feed_gain is None:
        feed_gain = 1.0 if float(feed_q) == 0.0 else float(pattern_gain(feed_q))
    real("feed_gain", feed_gain, *GAIN_RANGE)
    if n == 0:
        return _out(np.zeros_like(d))
    pos = upa_positions(n, n, spacing)
    rho2 = pos[:, 0] ** 2 + pos[:, 1] ** 2
    r2 = d[..., None] ** 2 + rho2
    c = d[..., None] / np.sqrt(r2)
    f = (1.0 if float(feed_q) == 0.0 else _pattern_from_cos(c, feed_q)) * _pattern_from_cos(
        c, element_q
    )
    return _out(feed_gain * np.sum(f / r2, axis=-1) * spacing**2 / (4 * np.pi))


@functools.lru_cache(maxsize=4096)
def _focusing_sum_cached(n, spacing, distance, feed_q, element_q):
    pos = upa_positions(n, n, spacing)
    r = np.sqrt(distance**2 + pos[:, 0] ** 2 + pos[:, 1] ** 2)
    c = distance / r
    return float(np.sum(np.sqrt(_pattern_from_cos(c, feed_q) * _pattern_from_cos(c, element_q))
                        / r))


def feed_focusing_sum(distance, side, spacing, feed_q, element_q=3.0, *, bits=None,
                      frequency=None, steer_angle=0.0):
    r"""Focusing sum :math:`Q = \sum_n\sqrt{F_{feed}(\theta_n)F(\theta_n)}/r_n` of an on-axis feed
    [1/m] (P7).

    With beam-focusing phases every element adds in phase, so the near-field hop feed → RIS →
    far node contributes :math:`Q^2` to the path gain. The value is cached (it depends only on
    the geometry), which makes sweeps over elevation, bits and configurations cheap.

    Parameters
    ----------
    distance : float
        Feed-RIS distance :math:`d_u` or :math:`d_s` [m].
    side : float
        RIS side [m].
    spacing : float
        Element spacing [m].
    feed_q, element_q : float
        Pattern exponents of the feed and the elements.
    bits : int, optional
        With a phase resolution, the focusing phases (feed path plus the plane-wave steering
        towards ``steer_angle``) are quantised to :math:`2^b` levels and the magnitude of the
        resulting complex sum is returned (``bits_model="exact"``); needs ``frequency``.
    frequency : float, optional
        Carrier frequency [Hz] (for ``bits``).
    steer_angle : float
        Angle of the far node from the RIS normal [rad] (for ``bits``; in the x-z plane).

    Examples
    --------
    >>> q = feed_focusing_sum(0.2, 0.25, 0.0075, feed_q=1.0)
    >>> round(q)  # ≈ d·Ω/(d_x d_y) for cos·cos³ patterns
    3990
    """
    n = _surface_side_count(side, spacing)
    distance = real_scalar("distance", distance, MIN_DISTANCE, MAX_DISTANCE)
    feed_q = real_scalar("feed_q", feed_q, 0.0, MAX_PATTERN_EXPONENT)
    element_q = real_scalar("element_q", element_q, 0.0, MAX_PATTERN_EXPONENT)
    continuous = bits is None or (isinstance(bits, float) and np.isinf(bits))
    if not continuous:
        bits = check_integer("bits", bits, low=1, high=MAX_PHASE_BITS)
        _wavelength(frequency)
        real("steer_angle", steer_angle, -np.pi / 2, np.pi / 2)
    if n == 0:
        return 0.0
    if continuous:
        return _focusing_sum_cached(n, float(spacing), float(distance), float(feed_q),
                                    float(element_q))
    from .phases import quantize_phases

    lam = _wavelength(frequency)
    k = 2 * np.pi / lam
    pos = upa_positions(n, n, spacing)
    r = np.sqrt(distance**2 + pos[:, 0] ** 2 + pos[:, 1] ** 2)
    c = distance / r
    mag = np.sqrt(_pattern_from_cos(c, feed_q) * _pattern_from_cos(c, element_q)) / r
    path = k * (r - np.sin(steer_angle) * pos[:, 0])  # phase to be compensated
    phi = np.mod(path, 2 * np.pi)
    err = quantize_phases(phi, bits) - phi
    return float(np.abs(np.sum(mag * np.exp(1j * err))))


def _rotation_between(a, b):
    """Rotation matrix taking unit vector a to unit vector b (Rodrigues, minimal rotation)."""
    a = a / np.linalg.norm(a)
    b = b / np.linalg.norm(b)
    v = np.cross(a, b)
    c = float(np.dot(a, b))
    if c < -1 + 1e-12:  # opposite vectors: rotate by pi about any axis perpendicular to a
        axis = np.cross(a, [1.0, 0.0, 0.0])
        if np.linalg.norm(axis) < 1e-8:
            axis = np.cross(a, [0.0, 1.0, 0.0])
        axis /= np.linalg.norm(axis)
        return 2 * np.outer(axis, axis) - np.eye(3)
    vx = np.array([[0, -v[2], v[1]], [v[2], 0, -v[0]], [-v[1], v[0], 0]])
    return np.eye(3) + vx + vx @ vx / (1 + c)


def _side_pair(n, name):
    if np.ndim(n) == 0:
        m = check_integer(name, n, low=1, high=MAX_RIS_ELEMENTS)
        _check_element_count(f"{name} * {name}", m * m, MAX_RIS_ELEMENTS)
        return m, m
    if np.shape(n) != (2,):
        raise ValueError(f"{name} must be an int or a pair (n_x, n_y), got shape {np.shape(n)}")
    a, b = n
    a = check_integer(name, a, low=1, high=MAX_RIS_ELEMENTS)
    b = check_integer(name, b, low=1, high=MAX_RIS_ELEMENTS)
    _check_element_count(f"{name}[0] * {name}[1]", a * b, MAX_RIS_ELEMENTS)
    return a, b


def double_ris_path_loss(
    d1,
    d12,
    d2,
    n1,
    n2,
    frequency,
    *,
    theta_t=0.0,
    phi_t=0.0,
    theta_12_1=0.0,
    phi_12_1=np.pi,
    theta_12_2=0.0,
    phi_12_2=0.0,
    theta_r=0.0,
    phi_r=np.pi,
    form="general",
    exact_middle=False,
    surface=None,
    antennas=None,
    **legacy,
):
    r"""Path loss of a double-RIS link Tx → RIS 1 → RIS 2 → Rx (P6, reconstruction) [linear].

    Parameters
    ----------
    d1, d12, d2 : array_like
        Distances Tx-RIS 1, RIS 1-RIS 2 (centres) and RIS 2-Rx [m].
    n1, n2 : int or (int, int)
        Elements per side of RIS 1 and RIS 2 (an int means a square :math:`n\times n`), so
        :math:`N_i = n_xn_y` elements, each at most :data:`MAX_RIS_ELEMENTS` (and
        :math:`N_1N_2\le` :data:`MAX_ELEMENT_PAIRS` with ``exact_middle=True``).
    frequency : array_like
        Carrier frequency [Hz]; an array broadcasts with the distances, angles and gains (one
        evaluation per frequency).
    theta_t, phi_t : array_like
        Direction of the Tx in RIS 1's frame [rad].
    theta_12_1, phi_12_1 : float
        Direction of RIS 2's centre in RIS 1's frame [rad].
    theta_12_2, phi_12_2 : float
        Direction of RIS 1's centre in RIS 2's frame [rad].
    theta_r, phi_r : array_like
        Direction of the Rx in RIS 2's frame [rad].
    form : {"general", "far_field"}
        Element sums, or the far-field closed form.
    exact_middle : bool
        ``False`` (default): the middle hop is rank one (far field between the surfaces), so
        the double sum factorises and costs :math:`O(N_1+N_2)`. ``True``: all :math:`N_1N_2`
        element-to-element distances with the separable phases
        :math:`\phi_n = k(r^t_n+|p_n-c_2|)`, :math:`\psi_m = k(|c_1-q_m|+r^r_m)`.
    surface : RISSurface or (RISSurface, RISSurface), optional
        Element model of both surfaces, or one per surface; a pair may differ only in the
        (scalar) amplitudes :math:`A_1, A_2` (the two surfaces share spacing, pattern and
        element gain). Default :class:`RISSurface()`.
    antennas : LinkAntennas, optional
        Transmit and receive antennas, as in :func:`tang_path_loss`.
    **legacy
        The former keywords of :func:`tang_path_loss` (deprecated); ``amplitude`` may be a
        float or a pair :math:`(A_1, A_2)` (any other shape raises ``ValueError``).

    Returns
    -------
    ndarray or float
        :math:`PL = P_t/P_r` [linear].

    Raises
    ------
    ValueError
        For out-of-range distances, angles, element counts or amplitudes, an unknown ``form``,
        or a surface pair that differs in more than the amplitude.

    Notes
    -----
    (P6), Tang's model applied to two bounces with beam-focusing phases:

    .. math::
        \frac{1}{PL} = \frac{G_tG_rG^2(d_xd_y)^2\lambda^2A_1^2A_2^2}{256\pi^4}
        \left|\sum_n\sum_m\frac{\sqrt{F_{nm}}\,e^{j(\phi_n+\psi_m)}
        e^{-jk(r^t_n+r_{nm}+r^r_m)}}{r^t_n r_{nm} r^r_m}\right|^2

    and in the far field :math:`PL_{FF} = 256\pi^4d_1^2d_{12}^2d_2^2/(G_tG_rG^2(d_xd_y)^2
    \lambda^2N_1^2N_2^2A_1^2A_2^2F_1F_2)`, with :math:`F_i` the product of RIS i's incoming
    and outgoing pattern values. RIS 2's frame is obtained from RIS 1's by the minimal rotation
    that makes the two centre directions consistent. This two-bounce form is a reconstruction
    (see docs/ris_leo.md, 'RIS path loss'); each bounce is Tang et al. (2021), Eq. (7).

    References
    ----------
    .. [1] W. Tang et al., IEEE Trans. Wireless Commun. 20(1):421-439, 2021,
       doi:10.1109/TWC.2020.3024887.

    Examples
    --------
    >>> kw = dict(theta_t=0.3, theta_12_1=0.5, theta_12_2=0.4, theta_r=0.2)
    >>> ff = double_ris_path_loss(500.0, 800.0, 600.0, 4, 4, 28e9, form="far_field", **kw)
    >>> ex = double_ris_path_loss(500.0, 800.0, 600.0, 4, 4, 28e9, exact_middle=True, **kw)
    >>> abs(float(10 * np.log10(ex / ff))) < 0.05
    True

    Lossy surfaces, amplitude 0.9 on the first and 0.8 on the second:

    >>> pair = (RISSurface(amplitude=0.9), RISSurface(amplitude=0.8))
    >>> lossy = double_ris_path_loss(500.0, 800.0, 600.0, 4, 4, 28e9, form="far_field",
    ...                              surface=pair, **kw)
    >>> round(float(ff / lossy), 4)  # (0.9 * 0.8)^2
    0.5184
    """
    (spacing, element_q, element_gain, amplitude), antennas = _resolve_double_configs(
        surface, antennas, legacy)
    return _double_ris_path_loss(
        d1, d12, d2, n1, n2, frequency, theta_t=theta_t, phi_t=phi_t, theta_12_1=theta_12_1,
        phi_12_1=phi_12_1, theta_12_2=theta_12_2, phi_12_2=phi_12_2, theta_r=theta_r,
        phi_r=phi_r, form=form, exact_middle=exact_middle, spacing=spacing,
        element_q=element_q, element_gain=element_gain, tx_gain=antennas.tx_gain,
        tx_q=antennas.tx_q, rx_gain=antennas.rx_gain, rx_q=antennas.rx_q, amplitude=amplitude)


def _double_ris_path_loss(d1, d12, d2, n1, n2, frequency, *, theta_t, phi_t, theta_12_1,
                          phi_12_1, theta_12_2, phi_12_2, theta_r, phi_r, form, exact_middle,
                          spacing, element_q, element_gain, tx_gain, tx_q, rx_gain, rx_q,
                          amplitude):
    """Body of :func:`double_ris_path_loss` on plain arguments (one call per frequency)."""
    check_choice("form", form, ("general", "far_field"))
    m1x, m1y = _side_pair(n1, "n1")
    m2x, m2y = _side_pair(n2, "n2")
    if exact_middle and form == "general":
        _check_element_count("N1 * N2 (exact_middle=True)", m1x * m1y * m2x * m2y,
                             MAX_ELEMENT_PAIRS)
    amp = np.asarray(amplitude, dtype=float)
    if amp.ndim == 0:
        a1 = a2 = float(amp)
    elif amp.shape == (2,):
        a1, a2 = (float(a) for a in amp)
    else:
        raise ValueError(f"amplitude must be a float or a pair (A_1, A_2), got {amplitude!r} "
                         f"(shape {amp.shape})")
    check_positive(amplitude=[a1, a2])
    _check_geometry(frequency, {"d1": d1, "d12": d12, "d2": d2},
                    {"theta_t": theta_t, "theta_12_1": theta_12_1, "theta_12_2": theta_12_2,
                     "theta_r": theta_r},
                    {"phi_t": phi_t, "phi_12_1": phi_12_1, "phi_12_2": phi_12_2, "phi_r": phi_r})
    if np.ndim(frequency) > 0:
        return _over_frequencies(
            _double_ris_path_loss, frequency,
            batch=dict(d1=d1, d12=d12, d2=d2, theta_t=theta_t, phi_t=phi_t,
                       theta_12_1=theta_12_1, phi_12_1=phi_12_1, theta_12_2=theta_12_2,
                       phi_12_2=phi_12_2, theta_r=theta_r, phi_r=phi_r, tx_gain=tx_gain,
                       rx_gain=rx_gain),
            fixed=dict(n1=n1, n2=n2, form=form, exact_middle=exact_middle, spacing=spacing,
                       element_q=element_q, element_gain=element_gain, tx_q=tx_q, rx_q=rx_q,
                       amplitude=(a1, a2)))
    lam = _wavelength(frequency)
    dx, dy = _spacing_pair(lam / 2 if spacing is None else spacing)
    d1, d12, d2 = (np.asarray(v, float) for v in (d1, d12, d2))
    check_positive(d1=d1, d12=d12, d2=d2)
    for name, ang in (("theta_t", theta_t), ("theta_12_1", theta_12_1),
                      ("theta_12_2", theta_12_2), ("theta_r", theta_r)):
        check_in_range(name, ang, 0.0, np.pi / 2)
    g_t = _antenna_gain(tx_gain, tx_q, "tx_gain")
    g_r = _antenna_gain(rx_gain, rx_q, "rx_gain")
    g = _element_gain_fn(element_gain, q=element_q, spacing=(dx, dy), wavelength=lam)
    amp2 = float(a1) ** 2 * float(a2) ** 2
    coef = g_t * g_r * g**2 * (dx * dy) ** 2 * lam**2 * amp2 / (256 * np.pi**4)
    fq = element_q
    f_mid = _pattern_from_cos(np.cos(np.asarray(theta_12_1, float)), fq) * _pattern_from_cos(
        np.cos(np.asarray(theta_12_2, float)), fq)
    if form == "far_field":
        f1 = _pattern_from_cos(np.cos(np.asarray(theta_t, float)), fq)
        f2 = _pattern_from_cos(np.cos(np.asarray(theta_r, float)), fq)
        n_tot = (m1x * m1y) * (m2x * m2y)
        with np.errstate(divide="ignore"):
            return _out(d1**2 * d12**2 * d2**2 / (coef * n_tot**2 * f1 * f_mid * f2))
    pos1 = upa_positions(m1x, m1y, dx, dy)
    pos2 = upa_positions(m2x, m2y, dx, dy)
    r_t, f_t, f_tx = _outer_hop(d1, theta_t, phi_t, pos1, fq, tx_q)
    r_r, f_r, f_rx = _outer_hop(d2, theta_r, phi_r, pos2, fq, rx_q)
    a_n = np.sqrt(f_tx * f_t) / r_t  # (..., N1)
    b_m = np.sqrt(f_r * f_rx) / r_r  # (..., N2)
    if not exact_middle:
        s2 = a_n.sum(-1) ** 2 * b_m.sum(-1) ** 2 * f_mid / d12**2
        with np.errstate(divide="ignore"):
            return _out(1.0 / (coef * s2))
    k = 2 * np.pi / lam
    u12 = _unit(theta_12_1, phi_12_1)
    if u12.ndim > 1:
        raise ValueError("exact_middle=True needs scalar theta_12_1/phi_12_1/theta_12_2/phi_12_2")
    rot = _rotation_between(_unit(theta_12_2, phi_12_2), -u12)  # RIS 2 local -> global
    n2_vec = rot[:, 2]
    c2 = d12[..., None] * u12  # (..., 3)
    q_glob = c2[..., None, :] + pos2 @ rot.T  # (..., N2, 3)
    diff = q_glob[..., None, :, :] - pos1[:, None, :]  # (..., N1, N2, 3)
    r_nm = np.linalg.norm(diff, axis=-1)
    cos1 = diff[..., 2] / r_nm
    cos2 = -np.einsum("...k,k->...", diff, n2_vec) / r_nm
    f_nm = _pattern_from_cos(cos1, fq) * _pattern_from_cos(cos2, fq)
    dist_p_c2 = np.linalg.norm(pos1 - c2[..., None, :], axis=-1)  # (..., N1)
    dist_q_c1 = np.linalg.norm(q_glob, axis=-1)  # (..., N2)
    phase = k * (dist_p_c2[..., :, None] + dist_q_c1[..., None, :] - r_nm)
    terms = a_n[..., :, None] * b_m[..., None, :] * np.sqrt(f_nm) / r_nm * np.exp(1j * phase)
    s2 = np.abs(terms.sum(axis=(-1, -2))) ** 2
    with np.errstate(divide="ignore"):
        return _out(1.0 / (coef * s2))
