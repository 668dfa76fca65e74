r"""Link model of a network drop: path loss, shadowing, sector antenna, fading.

:class:`LinkModel` selects the large-scale model by an explicit string (or a callable) and
delegates to the common channel layer (:func:`wirelesseff.channel.power_law_db`,
:func:`~wirelesseff.channel.free_space_db`, :func:`~wirelesseff.channel.tr38901_uma`,
:func:`~wirelesseff.channel.tr38901_umi` and their LoS probabilities). Per-link random
quantities — log-normal shadowing, the LoS state, Rayleigh fading — are *keyed*: each is a
deterministic function of ``(link_key, user id, cell id)`` (see :func:`link_uniforms`), so a
link has the same realisation however a drop is split into blocks, whichever cells are
switched off, and whichever executor runs it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.special import ndtri

from .._validation import check_choice, check_in_range, check_integer
from ..channel.pathloss import (
    SHADOW_FADING_STD_DB,
    free_space_db,
    los_probability_uma,
    los_probability_umi,
    power_law_db,
    tr38901_uma,
    tr38901_umi,
)
from ._checks import real, scalar

__all__ = [
    "PATH_LOSS_MODELS",
    "LinkModel",
    "link_uniforms",
    "sector_gain_db",
]

#: Large-scale models selectable by name in :class:`LinkModel`.
PATH_LOSS_MODELS = ("power_law", "free_space", "uma", "umi")

# Far-field slope of each named model [-]: the NLoS slope of TR 38.901 Table 7.4.1-1 (distant
# interferers are almost surely NLoS: UMa 39.08 dB/decade, UMi 35.3 dB/decade); 2 for free
# space. Used only to choose the default interference cut-off radius.
_FAR_FIELD_EXPONENT = {"free_space": 2.0, "uma": 3.908, "umi": 3.53}

_TR38901_MAX_DISTANCE = 5000.0  # m, upper end of the Table 7.4.1-1 range

_GAMMA = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)


def _mix64(z: np.ndarray) -> np.ndarray:
    """SplitMix64 finaliser (Steele, Lea, Flood, OOPSLA 2014): a bijective 64-bit mixer."""
    z = (z ^ (z >> np.uint64(30))) * _M1
    z = (z ^ (z >> np.uint64(27))) * _M2
    return z ^ (z >> np.uint64(31))


def link_uniforms(link_key, user_ids, cell_ids, stream):
    r"""Uniform (0, 1) numbers keyed by link: ``U(link_key, user, cell, stream)``.

    Parameters
    ----------
    link_key : int
        Key of a drop, in [0, 2^63) (drawn once from the drop's ``rng``).
    user_ids, cell_ids : array_like of int
        Global user and cell indices of the links (broadcast), in [0, 2^31).
    stream : int
        Which quantity (0 shadowing, 1 LoS state, 2 fading, ...), in [0, 2^16).

    Returns
    -------
    ndarray of float
        Independent-looking uniforms in the open interval (0, 1), 53-bit resolution.

    Notes
    -----
    A counter-based generator: the counter ``user << 32 | cell`` is XOR-ed with a
    per-stream key and passed twice through the SplitMix64 finaliser, a bijection with full
    avalanche (Steele, Lea, Flood, "Fast splittable pseudorandom number generators",
    OOPSLA 2014, doi:10.1145/2660193.2660195). Written here because numpy's generators
    (including ``Philox``) expose no vectorised evaluation at arbitrary counters, and a
    link-keyed draw is what makes a drop independent of its blocking and of which cells are
    active.

    Examples
    --------
    >>> u = link_uniforms(7, [0, 0, 1], [0, 1, 0], 0)
    >>> bool(np.all((u > 0) & (u < 1))), bool(u[0] == link_uniforms(7, 0, 0, 0))
    (True, True)
    """
    key = check_integer("link_key", link_key, low=0, high=2**63 - 1)
    stream = check_integer("stream", stream, low=0, high=2**16 - 1)
    ids = []
    for name, v in (("user_ids", user_ids), ("cell_ids", cell_ids)):
        arr = np.asarray(v)
        if np.issubdtype(arr.dtype, np.integer):  # fast path of the drop: bounds only
            if arr.size and (arr.min() < 0 or arr.max() > 2**31 - 1):
                check_in_range(name, arr, 0, 2**31 - 1)
        else:
            arr = check_in_range(name, v, 0, 2**31 - 1)
            if np.any(arr != np.floor(arr)):
                raise ValueError(f"{name} must hold integers")
        ids.append(arr)
    try:
        u, c = np.broadcast_arrays(*ids)
    except ValueError:
        raise ValueError(f"user_ids and cell_ids must broadcast together, got shapes "
                         f"{ids[0].shape} and {ids[1].shape}") from None
    shape = u.shape
    counter = (np.atleast_1d(u).astype(np.uint64) << np.uint64(32)) | np.atleast_1d(c).astype(
        np.uint64)
    skey = _mix64(np.array([(key + (stream + 1) * int(_GAMMA)) % 2**64], dtype=np.uint64))
    z = _mix64(_mix64(counter ^ skey) + np.array([_GAMMA], dtype=np.uint64))
    out = ((z >> np.uint64(11)).astype(np.float64) + 0.5) * 2.0**-53
    return out.reshape(shape)[()]


def sector_gain_db(angle, *, beamwidth_deg=65.0, max_attenuation_db=30.0, max_gain_db=8.0):
    r"""Horizontal sector-antenna gain of 3GPP TR 38.901 Table 7.3-1 [dBi].

    Parameters
    ----------
    angle : array_like
        Angle between the boresight and the direction to the user [rad] (any real; wrapped
        to [-pi, pi)).
    beamwidth_deg : float
        Half-power beamwidth :math:`\phi_{3dB}` [deg]; default 65°.
    max_attenuation_db : float
        Front-to-back attenuation :math:`A_m` [dB]; default 30 dB.
    max_gain_db : float
        Maximum directional gain :math:`G_\mathrm{max}` [dBi]; default 8 dBi.

    Notes
    -----
    .. math:: G(\phi) = G_\mathrm{max} - \min\bigl(12(\phi/\phi_{3dB})^2, A_m\bigr)

    (TR 38.901 V17.0.0 Table 7.3-1, horizontal cut only; the vertical pattern and the
    downtilt are not modelled.)

    Examples
    --------
    >>> sector_gain_db(np.deg2rad([0.0, 32.5, 180.0])).round(3)
    array([  8.,   5., -22.])
    """
    bw = scalar("beamwidth_deg", beamwidth_deg, 0.0, 360.0, low_open=True)
    am = scalar("max_attenuation_db", max_attenuation_db, 0.0, None)
    gm = scalar("max_gain_db", max_gain_db)
    phi = np.mod(real("angle", angle) + np.pi, 2.0 * np.pi) - np.pi
    att = np.minimum(12.0 * (np.rad2deg(phi) / bw) ** 2, am)
    return (gm - att)[()]


@dataclass(frozen=True)
class LinkModel:
    r"""Large- and small-scale link model of a network drop.

    Parameters
    ----------
    path_loss : {"power_law", "free_space", "uma", "umi"} or callable
        Large-scale model. ``"power_law"``: :func:`~wirelesseff.channel.power_law_db` with
        ``exponent``, ``reference_distance`` and ``reference_loss_db``; ``"free_space"``:
        Friis at ``frequency``; ``"uma"``/``"umi"``: TR 38.901 Table 7.4.1-1 with the
        ``los`` condition; a callable ``f(d_2d) -> loss_db`` (vectorised, metres in) is used
        as given.
    exponent : float
        Path-loss exponent :math:`\alpha` of ``"power_law"`` [-], > 2 for a finite
        interference; default 3.76 (3GPP TR 36.814 macro law).
    reference_loss_db : float
        Loss at ``reference_distance`` for ``"power_law"`` [dB]; default 15.3 dB, which with
        :math:`\alpha` = 3.76 is :math:`128.1 + 37.6\log_{10}(d/\mathrm{km})` (3GPP TR 36.814
        V9.0.0 Table A.2.1.1-2, 2 GHz macro) [unverified table reference].
    reference_distance : float
        :math:`d_0` [m], default 1 m.
    frequency : float
        Carrier frequency [Hz] for ``"free_space"``, ``"uma"``, ``"umi"``; default 2 GHz.
    los : bool or "probabilistic"
        LoS condition of ``"uma"``/``"umi"`` (default: drawn per link with the TR 38.901
        LoS probability).
    shadowing_std_db : float or None
        Log-normal shadowing standard deviation [dB], >= 0; ``None`` uses the TR 38.901
        value of each link's LoS state (``"uma"``/``"umi"`` only). Default 0 (none).
    fading : {"rayleigh", "none"}
        Small-scale fading of the received power: unit-mean exponential, or none (mean
        received power, the usual choice for load and throughput studies).
    min_distance : float
        Distances are clipped to at least this value [m] (>= 0; >= 10 m for
        ``"uma"``/``"umi"``, the TR 38.901 range); default 10 m.
    ut_height : float
        User antenna height [m] (TR 38.901 models), default 1.5 m.
    sector_beamwidth_deg, sector_max_attenuation_db, sector_max_gain_db : float
        Sector pattern of :func:`sector_gain_db`, applied to cells with a finite azimuth.

    Examples
    --------
    >>> LinkModel().mean_gain_db(np.array([1000.0])).round(2)     # 128.1 dB at 1 km
    array([-128.1])
    >>> LinkModel("uma", frequency=3.5e9, los=False).far_field_exponent
    3.908
    """

    path_loss: str | Callable = "power_law"
    exponent: float = 3.76
    reference_loss_db: float = 15.3
    reference_distance: float = 1.0
    frequency: float = 2.0e9
    los: bool | str = "probabilistic"
    shadowing_std_db: float | None = 0.0
    fading: str = "none"
    min_distance: float = 10.0
    ut_height: float = 1.5
    sector_beamwidth_deg: float = 65.0
    sector_max_attenuation_db: float = 30.0
    sector_max_gain_db: float = 8.0

    def __post_init__(self):
        if not callable(self.path_loss):
            if not isinstance(self.path_loss, str):
                raise TypeError(f"path_loss must be one of {PATH_LOSS_MODELS} or a callable, "
                                f"got {type(self.path_loss).__name__}")
            check_choice("path_loss", self.path_loss, PATH_LOSS_MODELS)
        if not isinstance(self.fading, str):
            raise TypeError(f"fading must be 'rayleigh' or 'none', got "
                            f"{type(self.fading).__name__}")
        check_choice("fading", self.fading, ("rayleigh", "none"))
        if not isinstance(self.los, bool | np.bool_):
            check_choice("los", self.los, (True, False, "probabilistic"))
        for name in ("exponent", "reference_distance", "frequency", "ut_height",
                     "sector_beamwidth_deg"):
            scalar(name, getattr(self, name), 0.0, None, low_open=True)
        for name in ("reference_loss_db", "sector_max_gain_db"):
            scalar(name, getattr(self, name))
        for name in ("min_distance", "sector_max_attenuation_db"):
            scalar(name, getattr(self, name), 0.0, None)
        if self.sector_beamwidth_deg > 360.0:
            raise ValueError(f"sector_beamwidth_deg must be in (0, 360], got "
                             f"{self.sector_beamwidth_deg}")
        if self.path_loss in ("uma", "umi"):
            check_in_range("min_distance", self.min_distance, 10.0, None,
                           what="(TR 38.901 models start at d_2D = 10 m)")
            if not (isinstance(self.los, bool | np.bool_) or self.los == "probabilistic"):
                raise ValueError(f"los must be True, False or 'probabilistic', got {self.los!r}")
        if self.shadowing_std_db is None:
            if self.path_loss not in ("uma", "umi"):
                raise ValueError("shadowing_std_db=None (TR 38.901 per-state values) needs "
                                 "path_loss 'uma' or 'umi'")
        else:
            scalar("shadowing_std_db", self.shadowing_std_db, 0.0, None)

    @property
    def far_field_exponent(self) -> float | None:
        """Slope of the loss at large distance [-] (None for a callable model)."""
        if callable(self.path_loss):
            return None
        if self.path_loss == "power_law":
            return float(self.exponent)
        return _FAR_FIELD_EXPONENT[self.path_loss]

    def _loss_db(self, d, h_bs, state):
        """Median loss [dB] for distances ``d`` (already clipped) and LoS ``state``."""
        if callable(self.path_loss):
            return np.asarray(self.path_loss(d), dtype=float)
        if self.path_loss == "power_law":
            return power_law_db(np.maximum(d, 1e-300), self.exponent, self.reference_distance,
                                self.reference_loss_db)
        if self.path_loss == "free_space":
            return free_space_db(np.maximum(d, 1e-300), self.frequency)
        # TR 38.901 Table 7.4.1-1 covers d_2D <= 5 km; farther links (distant interferers)
        # continue with the table's far-field slope: 40 dB/decade in LoS (beyond the
        # breakpoint), the NLoS slope otherwise.
        fn = tr38901_uma if self.path_loss == "uma" else tr38901_umi
        d_in = np.minimum(d, _TR38901_MAX_DISTANCE)
        slope = 4.0 if state else _FAR_FIELD_EXPONENT[self.path_loss]
        extra = 10.0 * slope * np.log10(d / d_in)
        return fn(d_in, self.frequency, los=state, h_bs=h_bs, h_ut=self.ut_height) + extra

    def mean_gain_db(self, distance, *, h_bs=25.0, link_key=None, user_ids=None,
                     cell_ids=None):
        r"""Mean (fading-free) link gain :math:`-PL + X_\sigma` [dB] of links.

        Parameters
        ----------
        distance : ndarray
            2-D distances [m].
        h_bs : ndarray or float
            BS heights [m] (TR 38.901 models).
        link_key, user_ids, cell_ids
            Keys of the links' random LoS state and shadowing (required when the model has
            shadowing or a probabilistic LoS state).
        """
        d = np.maximum(np.asarray(distance, dtype=float), self.min_distance)
        random_state = self.path_loss in ("uma", "umi") and self.los == "probabilistic"
        sigma = self.shadowing_std_db
        needs_key = random_state or sigma is None or sigma > 0
        if needs_key and link_key is None:
            raise ValueError("this link model draws shadowing or LoS states: pass link_key, "
                             "user_ids and cell_ids")
        if self.path_loss in ("uma", "umi"):
            if random_state:
                p_los = (los_probability_uma(d, self.ut_height) if self.path_loss == "uma"
                         else los_probability_umi(d))
                state = link_uniforms(link_key, user_ids, cell_ids, 1) < p_los
            else:
                state = np.full(d.shape, bool(self.los))
            loss = np.where(state, self._loss_db(d, h_bs, True), self._loss_db(d, h_bs, False))
        else:
            state = None
            loss = self._loss_db(d, h_bs, None)
        gain = -np.asarray(loss, dtype=float)
        if sigma is None:
            sig = np.where(state, SHADOW_FADING_STD_DB[(self.path_loss, True)],
                           SHADOW_FADING_STD_DB[(self.path_loss, False)])
            gain = gain + sig * ndtri(link_uniforms(link_key, user_ids, cell_ids, 0))
        elif sigma > 0:
            gain = gain + sigma * ndtri(link_uniforms(link_key, user_ids, cell_ids, 0))
        return gain

    def mean_gain(self, distance, *, h_bs=25.0, link_key=None, user_ids=None, cell_ids=None):
        r"""Mean link gain :math:`10^{(-PL + X_\sigma)/10}` [-] (see :meth:`mean_gain_db`).

        For the deterministic power law the linear form
        :math:`10^{-PL_0/10}(d/d_0)^{-\alpha}` of :func:`~wirelesseff.channel.power_law_db`
        is evaluated directly (it avoids a logarithm per link in large drops; equal to
        :math:`10^{-PL/10}` to rounding, tested).
        """
        if self.path_loss == "power_law" and self.shadowing_std_db == 0:
            d = np.maximum(np.asarray(distance, dtype=float), max(self.min_distance, 1e-300))
            return 10.0 ** (-self.reference_loss_db / 10.0) * (
                d / self.reference_distance) ** (-float(self.exponent))
        return 10.0 ** (self.mean_gain_db(distance, h_bs=h_bs, link_key=link_key,
                                          user_ids=user_ids, cell_ids=cell_ids) / 10.0)

    def fading_gain(self, link_key, user_ids, cell_ids):
        """Small-scale power gain of links [-]: unit-mean exponential (Rayleigh) or 1."""
        if self.fading == "none":
            return np.ones(np.broadcast_shapes(np.shape(user_ids), np.shape(cell_ids)))
        return -np.log(link_uniforms(link_key, user_ids, cell_ids, 2))
