r"""Near-field Monte-Carlo rates of a large UPA: exact spherical-wave line-of-sight channels.

The closed forms used by :func:`~wirelesseff.xlmimo.midband_ee` (per-user SINR
:math:`\alpha(M-K)` for zero-forcing) are those of i.i.d. Rayleigh fading. A mid-band XL-MIMO
array is large (tens of wavelengths), so its users sit in the radiative near field, where the
line-of-sight channel is a spherical wave whose phase *and* amplitude vary over the aperture.
This module draws users in front of an :math:`n\times n` uniform planar array, builds those
exact channels (:func:`~wirelesseff.channel.arrays.nearfield_response`), optionally restricts
each user to a visibility region of the array (spatial non-stationarity), and evaluates the
uplink SINRs of maximum-ratio (MR), zero-forcing (ZF) and MMSE combining, all from the
per-realization Gram matrix :math:`A^\mathsf{H}A` of the unit-gain channels.

Geometry (assumed; see docs/xlmimo.md, 'Near-field Monte-Carlo rate'): the array stands in the
vertical :math:`xy`-plane at height :math:`h_\mathrm{BS}`, broadside :math:`+z` horizontal;
user :math:`k` is at horizontal distance :math:`d_k` (uniform in the annulus
:math:`d_\mathrm{min} \le d \le d_\mathrm{max}`, density :math:`\propto d`, as in
:func:`~wirelesseff.xlmimo.average_inverse_gain`), azimuth :math:`\varphi_k` uniform in the
sector, height :math:`h_\mathrm{UT}`: position :math:`(d\sin\varphi, h_\mathrm{UT} -
h_\mathrm{BS}, d\cos\varphi)`. Its large-scale gain :math:`\beta_k = 10^{-PL(d_k)/10}` is the
TR 38.901 path loss of the closed form, so the two models differ only in the small-scale
structure of the channel.

References
----------
.. [1] E. Björnson, Ö. T. Demir, L. Sanguinetti, "A primer on near-field beamforming for arrays
   and reconfigurable intelligent surfaces", Asilomar 2021, arXiv:2110.06661.
.. [2] E. De Carvalho, A. Ali, A. Amiri, M. Angjelichinoski, R. W. Heath, "Non-stationarities
   in extra-large-scale massive MIMO", IEEE Wireless Commun. 27(4):74-80, 2020,
   arXiv:1903.03085.
.. [3] E. Björnson, J. Hoydis, L. Sanguinetti, *Massive MIMO Networks*, Foundations and Trends
   in Signal Processing, 2017, doi:10.1561/2000000093 (MR/ZF/MMSE SINRs, Sec. 4.1).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit, prange

from .._validation import (
    as_generator,
    check_choice,
    check_in_range,
    check_integer,
    check_no_overflow,
)
from ..channel.arrays import nearfield_response
from ..channel.geometry import upa_positions
from ..channel.pathloss import tr38901_uma, tr38901_umi
from ..units import SPEED_OF_LIGHT
from ._checks import MAX_REALIZATIONS, MAX_USERS, real_array, real_scalar
from .rates import MCResult

__all__ = [
    "NearFieldGram",
    "RECEIVERS",
    "nearfield_gram",
    "nearfield_se_montecarlo",
    "nearfield_sinr",
]

#: Receivers (combining schemes) of :func:`nearfield_sinr`.
RECEIVERS = ("mr", "zf", "mmse")
_AMPLITUDES = ("spherical", "uniform")
#: Largest UPA side (1024 x 1024 elements) and largest work array (complex numbers per chunk).
_MAX_SIDE = 1024
_CHUNK = 4_000_000
#: Largest n_realizations * K * M of one nearfield_gram call (about 10 s on one core).
_MAX_WORK = 50_000_000


class NearFieldGram(NamedTuple):
    r"""Channel statistics drawn by :func:`nearfield_gram`.

    ``gram`` (R, K, K) complex: :math:`A^\mathsf{H}A` of the unit-gain channels :math:`a_k`
    (:math:`|[a_k]_n| \approx 1`, so :math:`[A^\mathsf{H}A]_{kk} \approx M` in the far field
    with full visibility); ``beta`` (R, K): large-scale gains :math:`\beta_k` [-];
    ``distance`` (R, K): 3-D distances from the array centre [m]; ``n_antennas``: :math:`M`.
    """

    gram: np.ndarray
    beta: np.ndarray
    distance: np.ndarray
    n_antennas: int


def nearfield_gram(n_side, frequency, n_users, n_realizations=64, *, spacing=0.5, d_min=10.0,
                   d_max=100.0, sector_deg=120.0, h_bs=10.0, h_ut=1.5, scenario="umi",
                   los=True, amplitude="spherical", visibility=1.0, rng=None,
                   backend="numba") -> NearFieldGram:
    r"""Draw users and the Gram matrices of their exact near-field channels to an
    :math:`n\times n` UPA.

    Parameters
    ----------
    n_side : int
        Elements per side :math:`n` (:math:`M = n^2`), 1 to 1024.
    frequency : float
        Carrier frequency [Hz] (0.5-100 GHz, the TR 38.901 range).
    n_users : int
        Users :math:`K` per realization (1 to 1e4).
    n_realizations : int, optional
        Independent user drops :math:`R` (1 to 1e6); default 64.
    spacing : float, optional
        Element spacing in wavelengths [-]; default 0.5.
    d_min, d_max : float, optional
        Annulus of horizontal user distances [m]; defaults 10 m and 100 m (those of
        :func:`~wirelesseff.xlmimo.midband_ee`).
    sector_deg : float, optional
        Width of the azimuth sector in front of the array [deg], in (0, 180); default 120
        (a three-sector site, assumed).
    h_bs, h_ut : float, optional
        Array and user heights [m]; defaults 10 m and 1.5 m (TR 38.901 UMi).
    scenario, los
        Path loss of :func:`~wirelesseff.channel.pathloss.tr38901_umi` / ``_uma`` for
        :math:`\beta_k` (defaults UMi, LoS).
    amplitude : {"spherical", "uniform"}, optional
        ``"spherical"`` (default): element :math:`n` has amplitude :math:`r_0/r_n` relative to
        the centre (free-space spreading across the aperture); ``"uniform"``: phases only.
    visibility : float, optional
        Side of each user's visibility region as a fraction of the array side, in (0, 1]
        (default 1: the whole array). A user sees the square sub-array of
        :math:`\lceil v n\rceil^2` elements centred, as far as the array allows, on its
        projection onto the array plane [2]_.
    rng : numpy.random.Generator, int or None
        Random source (all draws are made with numpy before the kernels run).
    backend : {"numba", "numpy"}, optional
        Compiled kernel accumulating the Gram matrix element by element (parallel over
        realizations, memory :math:`O(K^2)`) or the NumPy reference that forms the channels
        with :func:`~wirelesseff.channel.arrays.nearfield_response`; they agree to rounding.

    Returns
    -------
    NearFieldGram
        ``gram`` (R, K, K), ``beta`` (R, K), ``distance`` (R, K), ``n_antennas``.

    Raises
    ------
    TypeError, ValueError
        On a non-numeric, non-finite or out-of-range input (the message names it), an
        unknown ``amplitude`` or a ``visibility`` outside (0, 1].

    Notes
    -----
    With :math:`r_{k,n}` the exact distance from user :math:`k` to element :math:`n` and
    :math:`r_{k,0}` to the array centre,
    :math:`[a_k]_n = (r_{k,0}/r_{k,n})\,e^{-j2\pi(r_{k,n}-r_{k,0})/\lambda}\,\mathbb 1[n \in
    \mathcal V_k]`; the channel is :math:`h_k = \sqrt{\beta_k}\,a_k` up to a common phase.
    Work is chunked over realizations so that at most 4e6 complex numbers are held at once.

    Examples
    --------
    >>> g = nearfield_gram(16, 10e9, 4, n_realizations=8, rng=1)
    >>> g.gram.shape, g.n_antennas
    ((8, 4, 4), 256)
    >>> bool(np.allclose(np.einsum("rkk->rk", g.gram).imag, 0.0))
    True
    """
    n = check_integer("n_side", n_side, low=1, high=_MAX_SIDE)
    k = check_integer("n_users", n_users, low=1, high=MAX_USERS)
    r = check_integer("n_realizations", n_realizations, low=1, high=MAX_REALIZATIONS)
    f = real_scalar("frequency", frequency, 0.5e9, 100e9, what="(TR 38.901 range, Hz)")
    d_min = real_scalar("d_min", d_min, 10.0, 5000.0, high_open=True,
                        what="(TR 38.901 range of the 2-D distance, m)")
    d_max = real_scalar("d_max", d_max, d_min, 5000.0, low_open=True,
                        what="(above d_min, TR 38.901 range of the 2-D distance, m)")
    sector = real_scalar("sector_deg", sector_deg, 0.0, 180.0, low_open=True, high_open=True)
    spacing = real_scalar("spacing", spacing, 0.0, 1e3, low_open=True)
    h_bs = real_scalar("h_bs", h_bs, 0.0, 1e4, low_open=True)
    h_ut = real_scalar("h_ut", h_ut, 0.0, 1e4, low_open=True)
    check_choice("scenario", scenario, ("umi", "uma"))
    check_choice("amplitude", amplitude, _AMPLITUDES)
    check_choice("backend", backend, ("numba", "numpy"))
    vis = real_scalar("visibility", visibility, 0.0, 1.0, low_open=True)
    if r * k * n * n > _MAX_WORK:
        raise ValueError(f"n_realizations * n_users * n_side^2 must be at most {_MAX_WORK:g} "
                         f"(seconds of work), got n_realizations={r}, n_users={k}, "
                         f"n_side={n}")
    gen = as_generator(rng)

    lam = SPEED_OF_LIGHT / f
    pos = upa_positions(n, n, spacing * lam)  # (M, 3) in the xy-plane, broadside +z
    m = n * n
    d2d = np.sqrt(gen.uniform(d_min**2, d_max**2, size=(r, k)))
    phi = np.deg2rad(gen.uniform(-sector / 2.0, sector / 2.0, size=(r, k)))
    users = np.stack([d2d * np.sin(phi), np.full_like(d2d, h_ut - h_bs), d2d * np.cos(phi)],
                     axis=-1)
    pl = (tr38901_umi if scenario == "umi" else tr38901_uma)(d2d, f, bool(los), h_bs, h_ut)
    beta = 10.0 ** (-np.asarray(pl) / 10.0)
    r0 = np.linalg.norm(users, axis=-1)

    side = max(1, int(np.ceil(vis * n - 1e-9)))
    dx = spacing * lam
    if backend == "numba":
        win = _visibility_windows(users, n, side, dx)
        gram = _gram_numba(users, dx, n, 2.0 * np.pi / lam, amplitude == "spherical", win, side)
    else:
        gram = np.empty((r, k, k), dtype=complex)
        step = max(1, _CHUNK // (k * m))
        for lo in range(0, r, step):
            u = users[lo:lo + step]
            a = nearfield_response(pos, u, lam)  # (c, K, M), unit modulus, centre reference
            if amplitude == "spherical":
                rn = np.linalg.norm(u[..., None, :] - pos, axis=-1)
                a = a * (r0[lo:lo + step, :, None] / rn)
            if side < n:
                a = a * _visibility_mask(u, pos, n, side, dx)
            gram[lo:lo + step] = a.conj() @ np.swapaxes(a, -1, -2)  # batched BLAS
    return NearFieldGram(gram=gram, beta=beta, distance=r0, n_antennas=m)


def _visibility_windows(users, n, side, dx):
    """First column/row index (ix0, iy0) of each user's ``side x side`` window, (R, K, 2)."""
    ix = np.clip(np.rint(users[..., 0] / dx + (n - 1) / 2.0) - (side - 1) // 2, 0, n - side)
    iy = np.clip(np.rint(users[..., 1] / dx + (n - 1) / 2.0) - (side - 1) // 2, 0, n - side)
    return np.stack([ix, iy], axis=-1).astype(np.int64)


def _visibility_mask(users, pos, n, side, dx):
    """1 on the ``side x side`` sub-array nearest to each user's projection, else 0."""
    win = _visibility_windows(users, n, side, dx)
    ex = np.rint(pos[:, 0] / dx + (n - 1) / 2.0)  # element column index, (M,)
    ey = np.rint(pos[:, 1] / dx + (n - 1) / 2.0)
    ix, iy = win[..., 0, None], win[..., 1, None]
    inside = (ex >= ix) & (ex < ix + side) & (ey >= iy) & (ey < iy + side)
    return inside.astype(float)


@njit(cache=True, parallel=True)
def _gram_numba(users, dx, n, k_wave, spherical, win, side):  # pragma: no cover - compiled
    """G[r, k, i] = sum_m conj(a_km) a_im, the channels computed on the fly (O(K^2) memory).

    Same element order, phase reference and path-difference formula as the NumPy reference
    (nearfield_response): r_n - r_0 = (|p|^2 - 2 u.p) / (r_n + r_0).
    """
    n_r, n_k, _ = users.shape
    out = np.zeros((n_r, n_k, n_k), dtype=np.complex128)
    half = (n - 1) / 2.0
    for r in prange(n_r):
        re = np.empty(n_k)
        im = np.empty(n_k)
        g = np.zeros((n_k, n_k), dtype=np.complex128)
        r0 = np.empty(n_k)
        for k in range(n_k):
            r0[k] = np.sqrt(users[r, k, 0] ** 2 + users[r, k, 1] ** 2 + users[r, k, 2] ** 2)
        for iy in range(n):
            y = (iy - half) * dx
            for ix in range(n):
                x = (ix - half) * dx
                p2 = x * x + y * y
                for k in range(n_k):
                    ux = users[r, k, 0]
                    uy = users[r, k, 1]
                    uz = users[r, k, 2]
                    if side < n and (ix < win[r, k, 0] or ix >= win[r, k, 0] + side
                                     or iy < win[r, k, 1] or iy >= win[r, k, 1] + side):
                        re[k] = 0.0
                        im[k] = 0.0
                        continue
                    rn = np.sqrt((ux - x) ** 2 + (uy - y) ** 2 + uz * uz)
                    dr = (p2 - 2.0 * (ux * x + uy * y)) / (rn + r0[k])
                    amp = r0[k] / rn if spherical else 1.0
                    re[k] = amp * np.cos(k_wave * dr)
                    im[k] = -amp * np.sin(k_wave * dr)
                for k in range(n_k):
                    for i in range(k, n_k):
                        # conj(a_k) a_i
                        g[k, i] += complex(re[k] * re[i] + im[k] * im[i],
                                           re[k] * im[i] - im[k] * re[i])
        for k in range(n_k):
            for i in range(k, n_k):
                out[r, k, i] = g[k, i]
                out[r, i, k] = np.conj(g[k, i])
    return out


def nearfield_sinr(gram, snr, receiver="zf"):
    r"""Uplink per-user SINR of MR, ZF or MMSE combining from channel Gram matrices.

    Parameters
    ----------
    gram : array_like, shape (..., K, K)
        Hermitian Gram matrices :math:`A^\mathsf{H}A` of unit-gain channels (e.g.
        ``nearfield_gram(...).gram``).
    snr : array_like, shape broadcastable to (..., K)
        Receive SNR per user and per unit channel gain, :math:`s_k = p_k\beta_k/\sigma^2` [-],
        non-negative (with statistical channel inversion :math:`p_k = \alpha\sigma^2/\beta_k`
        every :math:`s_k = \alpha`).
    receiver : {"zf", "mr", "mmse"}, optional
        Combining scheme; default ``"zf"``.

    Returns
    -------
    ndarray, shape (..., K)
        SINR [-]; NaN for ZF where :math:`A^\mathsf{H}A` is singular (e.g. :math:`M < K`).

    Notes
    -----
    With :math:`G = A^\mathsf{H}A` and :math:`S = \mathrm{diag}(s)` (noise normalised to 1)
    ([3]_, Sec. 4.1):

    .. math::

        \mathrm{MR}: \frac{s_k G_{kk}^2}{\sum_{i\ne k} s_i|G_{ki}|^2 + G_{kk}},\quad
        \mathrm{ZF}: \frac{s_k}{[G^{-1}]_{kk}},\quad
        \mathrm{MMSE}: \frac{1}{[(I + S^{1/2}GS^{1/2})^{-1}]_{kk}} - 1.

    The MMSE form is the matrix-inversion-lemma identity of
    :math:`s_k a_k^\mathsf{H}(\sum_{i\ne k}s_ia_ia_i^\mathsf{H} + I)^{-1}a_k`, so no
    :math:`M\times M` matrix is formed.

    Examples
    --------
    >>> g = np.array([[4.0, 0.0], [0.0, 4.0]])   # orthogonal channels, M = 4
    >>> nearfield_sinr(g, 1.0, "zf"), nearfield_sinr(g, 1.0, "mmse")
    (array([4., 4.]), array([4., 4.]))
    """
    check_choice("receiver", receiver, RECEIVERS)
    g = np.asarray(gram)
    if g.dtype.kind not in "fc":
        g = real_array("gram", gram)
    if g.ndim < 2 or g.shape[-1] != g.shape[-2] or g.shape[-1] == 0:
        raise ValueError(f"gram must have shape (..., K, K) with K >= 1, got shape {g.shape}")
    if not np.all(np.isfinite(g)):
        raise ValueError("gram must be finite, got a NaN or inf entry")
    kk = g.shape[-1]
    try:
        s = np.broadcast_to(real_array("snr", snr, 0.0), g.shape[:-1])
    except ValueError as exc:
        if "snr" in str(exc):
            raise
        raise ValueError(f"snr must broadcast to shape {g.shape[:-1]}, got shape "
                         f"{np.shape(snr)}") from None
    diag = np.einsum("...kk->...k", g).real
    if np.any(diag < 0):
        raise ValueError("gram must be a Gram matrix (non-negative diagonal), got a negative "
                         "diagonal entry")
    if receiver == "mr":
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            inter = np.einsum("...i,...ki->...k", s, np.abs(g) ** 2) - s * diag**2
            out = np.where(diag > 0, s * diag**2 / (np.maximum(inter, 0.0) + diag), 0.0)
        check_no_overflow([out], "gram, snr")
        return out
    if receiver == "zf":
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            inv = np.linalg.pinv(g, hermitian=True)
            d = np.einsum("...kk->...k", inv).real
            # singular Gram: the pseudo-inverse is not an inverse, ZF does not exist
            ok = np.linalg.matrix_rank(g, hermitian=True) == kk
            valid = ok[..., None] & (d > 0)
            out = np.where(valid, s / np.where(d > 0, d, 1.0), np.nan)
        # NaN where ZF does not exist (documented); anything else non-finite is an overflow
        check_no_overflow([np.where(valid, out, 0.0)], "gram, snr")
        return out
    sq = np.sqrt(s)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        mat = np.eye(kk) + sq[..., :, None] * g * sq[..., None, :]
    check_no_overflow([mat], "gram, snr")
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        d = np.einsum("...kk->...k", np.linalg.inv(mat)).real
        out = 1.0 / d - 1.0
    check_no_overflow([out], "gram, snr")
    return out


def nearfield_se_montecarlo(gram, snr, receiver="zf") -> MCResult:
    r"""Per-user spectral efficiency :math:`\mathbb E[\log_2(1+\mathrm{SINR}_k)]` over the
    realizations of a :class:`NearFieldGram` [bit/s/Hz].

    Parameters
    ----------
    gram : NearFieldGram or array_like, shape (R, K, K)
        Gram matrices of :func:`nearfield_gram` (realizations on the first axis).
    snr : array_like
        :math:`s_k` as in :func:`nearfield_sinr`, broadcastable to (R, K); a scalar is the
        common SNR of statistical channel inversion.
    receiver : {"zf", "mr", "mmse"}, optional
        Combining scheme.

    Returns
    -------
    MCResult
        ``mean`` and ``stderr`` (standard error over realizations), shape (K,).

    Examples
    --------
    >>> g = nearfield_gram(32, 10e9, 4, n_realizations=16, rng=0)
    >>> res = nearfield_se_montecarlo(g, 1.0, "zf")
    >>> bool(np.all(res.mean > np.log2(1 + (1024 - 4) * 1.0) - 0.2))  # about log2(1 + M)
    True
    """
    g = gram.gram if isinstance(gram, NearFieldGram) else gram
    se = np.log2(1.0 + nearfield_sinr(g, snr, receiver))
    r = se.shape[0]
    check_in_range("n_realizations", r, 1, None)
    std = se.std(axis=0, ddof=1) if r > 1 else np.full(se.shape[1:], np.nan)
    return MCResult(mean=se.mean(axis=0), stderr=std / np.sqrt(r))
