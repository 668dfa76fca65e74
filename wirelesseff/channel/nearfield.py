r"""Near-field behaviour of large planar arrays: exact channel gain, Fraunhofer distance and
the loss of far-field (infinite-focus) beamforming.

All functions are exact re-implementations ([E]) of published closed forms, written from the
equations (not from the GPLv2 reference code):

* :func:`planar_array_gain` — Björnson & Sanguinetti (2020), Eq. (27): total channel gain
  between an isotropic antenna and a square array of :math:`N` touching elements of area
  :math:`A`, including distance variations, projected-area (effective-area) and polarisation
  losses across the array. Tends to 1/3 as :math:`N\to\infty`.
* :func:`farfield_beamforming_gain` — Björnson, Demir & Sanguinetti (2021): normalised gain of
  a beam focused at infinity, seen at distance :math:`z` on the broadside axis of a square
  array, as a function of :math:`z/d_F` only (Fresnel approximation).
* :func:`farfield_beamforming_gain_exact` — the same gain for an :math:`n\times n` UPA with
  exact spherical wavefronts (array sum, no Fresnel approximation).
* :func:`beam_depth_3db` — the 3 dB depth of a beam focused at finite distance :math:`F`.

Fresnel approximation or exact value? The Fresnel form depends on :math:`z/d_F` only and is
what :func:`wirelesseff.xlmimo.architecture_gain` (far-field analog beams) and
:func:`beam_depth_3db` use: for the large apertures of XL-MIMO (tens of wavelengths) it is
within 1e-3 of the exact array sum. For small apertures the quadratic-phase approximation
breaks down near the array: for a 4 x 4 :math:`\lambda/2` UPA (side :math:`2\lambda`) the
exact gain at :math:`0.1\,d_F` is 0.668 where the approximation gives 0.496, so
:math:`G(0.1006\,d_F) = 1/2` and the beam-depth constant :math:`a_3 = 0.1006`
(:func:`beam_depth_factor`) are properties of the approximation; ``beam_depth_factor(n_side)``
gives the exact constant of a given UPA (see docs/xlmimo.md, 'Near field').

References
----------
.. [1] E. Björnson, L. Sanguinetti, "Power scaling laws and near-field behaviors of massive
   MIMO and intelligent reflecting surfaces", IEEE Open Journal of the Communications Society,
   vol. 1, pp. 1306-1324, 2020, doi:10.1109/OJCOMS.2020.3020925, arXiv:2002.04960.
.. [2] E. Björnson, Ö. T. Demir, L. Sanguinetti, "A primer on near-field beamforming for arrays
   and reconfigurable intelligent surfaces", Asilomar Conference on Signals, Systems, and
   Computers, 2021, arXiv:2110.06661.
"""

from __future__ import annotations

import functools

import numpy as np
from scipy.optimize import brentq
from scipy.special import fresnel

from .._validation import (
    check_finite,
    check_in_range,
    check_integer,
    check_no_overflow,
    check_positive,
)

__all__ = [
    "planar_array_gain",
    "planar_array_gain_farfield",
    "fraunhofer_distance",
    "upa_diagonal",
    "farfield_beamforming_gain",
    "beam_depth_3db",
    "beam_depth_factor",
    "farfield_beamforming_gain_exact",
]

#: Largest UPA side of :func:`farfield_beamforming_gain_exact` (1024 x 1024 elements).
_MAX_SIDE = 1024


def _out(x):
    x = np.asarray(x)
    return x[()] if x.ndim == 0 else x


def _check_angle(angle):
    check_in_range("angle", angle, -np.pi / 2, np.pi / 2, low_open=True, high_open=True,
                   what="(angle from broadside, radians)")


def planar_array_gain(n_elements, element_area, distance, angle=0.0):
    r"""Exact total channel gain :math:`\xi_{d,\eta,N}` of a planar array (near and far field).

    Parameters
    ----------
    n_elements : array_like
        Number of elements :math:`N` [-], > 0 (real values allowed for asymptotic studies).
    element_area : array_like
        Area :math:`A` of one element [m²], > 0; the array is a square of side
        :math:`L = \sqrt{NA}`.
    distance : array_like
        Distance :math:`d` from the array centre to the isotropic antenna [m], > 0.
    angle : array_like, optional
        Angle :math:`\eta` from broadside [rad], in :math:`(-\pi/2, \pi/2)`; the antenna is
        offset along the array's :math:`x` axis (polarisation along :math:`y`). Default 0.

    Returns
    -------
    ndarray or float
        :math:`\xi` = received power over transmitted power summed over the whole array [-],
        in :math:`(0, 1/2)`; broadcast over the inputs.

    Raises
    ------
    ValueError
        If a count, area or distance is not positive, or :math:`|\eta| \ge \pi/2`.

    Notes
    -----
    Eq. (27) of [1]_:

    .. math::

       \xi_{d,\eta,N} = \sum_{i=1}^{2} \left( \frac{t_i}{6\pi(\tilde B+1)\,r_i}
       + \frac{1}{3\pi}\tan^{-1}\!\frac{t_i}{r_i} \right),\qquad
       \tilde B = \frac{NA}{4 d^2\cos^2\eta},

       t_i = \tilde B + (-1)^i\sqrt{\tilde B}\tan\eta,\qquad
       r_i = \sqrt{2\tilde B + \tan^2\eta + 1 + 2(-1)^i\sqrt{\tilde B}\tan\eta}.

    It is the closed form of
    :math:`\iint_{[-L/2,L/2]^2}\frac{1}{4\pi}\frac{z}{r^3}\bigl(1-\frac{y^2}{r^2}\bigr)\,dx\,dy`
    with :math:`z = d\cos\eta` and the antenna at :math:`(d\sin\eta, 0, z)`. For
    :math:`\tilde B \ll 1` it reduces to :func:`planar_array_gain_farfield`; as
    :math:`N\to\infty` it tends to 1/3, slowly: at :math:`\eta = 0`,
    :math:`\xi = 1/3 - 1/(\pi\sqrt{2\tilde B}) + O(\tilde B^{-1})` (e.g.
    :math:`1/3 - 7.2\cdot10^{-6}` for :math:`N = 10^{16}`, :math:`A = 0.0125^2` m²,
    :math:`d = 20` m). Relative round-off grows like
    :math:`\epsilon\,|\tan\eta|/\sqrt{\tilde B}` for very small :math:`\tilde B` (about
    1e-11 at :math:`\tilde B = 10^{-10}`).

    References
    ----------
    .. [1] E. Björnson, L. Sanguinetti, IEEE OJ-COMS, vol. 1, pp. 1306-1324, 2020,
       doi:10.1109/OJCOMS.2020.3020925.

    Examples
    --------
    >>> round(float(planar_array_gain(1e22, 0.0125**2, 20.0)), 6)   # asymptote 1/3
    0.333333
    >>> g = planar_array_gain(100, (0.1 / 4) ** 2, 1000.0)            # far field
    >>> round(float(g / planar_array_gain_farfield(100, (0.1 / 4) ** 2, 1000.0)), 9)
    1.0
    """
    check_positive(n_elements=n_elements, element_area=element_area, distance=distance)
    check_finite(n_elements=n_elements, element_area=element_area, distance=distance)
    _check_angle(angle)
    n, a, d, eta = np.broadcast_arrays(*(np.asarray(v, dtype=float)
                                         for v in (n_elements, element_area, distance, angle)))
    tan = np.tan(eta)
    with np.errstate(over="ignore", under="ignore", divide="ignore", invalid="ignore"):
        b = n * a / (4.0 * d**2 * np.cos(eta) ** 2)
        r_max = 2.0 * b + tan**2 + 1.0
    check_no_overflow([b, r_max], "n_elements, element_area, distance")
    sb = np.sqrt(b)
    xi = np.zeros(b.shape)
    for sign in (-1.0, 1.0):
        t = b + sign * sb * tan
        r = np.sqrt(2.0 * b + tan**2 + 1.0 + 2.0 * sign * sb * tan)
        xi = xi + t / (6.0 * np.pi * (b + 1.0) * r) + np.arctan(t / r) / (3.0 * np.pi)
    return _out(xi)


def planar_array_gain_farfield(n_elements, element_area, distance, angle=0.0):
    r"""Far-field approximation :math:`NA\cos\eta/(4\pi d^2)` of :func:`planar_array_gain`.

    Parameters
    ----------
    n_elements : array_like
        Number of elements :math:`N` [-], > 0.
    element_area : array_like
        Element area :math:`A` [m²], > 0.
    distance : array_like
        Distance :math:`d` [m], > 0.
    angle : array_like, optional
        Angle from broadside :math:`\eta` [rad], in :math:`(-\pi/2, \pi/2)`.

    Returns
    -------
    ndarray or float
        Channel gain [-]; grows without bound in :math:`N` (unphysical beyond the far field).

    Notes
    -----
    Far-field limit of Eq. (27) in [1]_ (:math:`N` times the projected-area gain of one
    element, :math:`A\cos\eta/(4\pi d^2)`), valid for :math:`NA/(4d^2) \ll 1`.

    References
    ----------
    .. [1] E. Björnson, L. Sanguinetti, IEEE OJ-COMS, vol. 1, pp. 1306-1324, 2020,
       doi:10.1109/OJCOMS.2020.3020925.

    Examples
    --------
    >>> round(float(planar_array_gain_farfield(1, 4 * np.pi, 1.0)), 12)
    1.0
    """
    check_positive(n_elements=n_elements, element_area=element_area, distance=distance)
    check_finite(n_elements=n_elements, element_area=element_area, distance=distance)
    _check_angle(angle)
    n, a, d, eta = (np.asarray(v, dtype=float)
                    for v in (n_elements, element_area, distance, angle))
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        out = n * a * np.cos(eta) / (4.0 * np.pi * d**2)
    check_no_overflow([out], "n_elements, element_area, distance")
    return _out(out)


def fraunhofer_distance(aperture, wavelength):
    r"""Fraunhofer (far-field) distance :math:`d_F = 2D^2/\lambda` [m].

    Parameters
    ----------
    aperture : array_like
        Largest dimension :math:`D` of the aperture [m], > 0 (the diagonal for a planar
        array, see :func:`upa_diagonal`).
    wavelength : array_like
        Wavelength :math:`\lambda` [m], > 0.

    Returns
    -------
    ndarray or float
        :math:`d_F` [m].

    Notes
    -----
    Classical antenna-theory definition (maximum phase error :math:`\pi/8` across the
    aperture), as revisited in [1]_.

    References
    ----------
    .. [1] E. Björnson, Ö. T. Demir, L. Sanguinetti, Asilomar 2021, arXiv:2110.06661.

    Examples
    --------
    >>> float(fraunhofer_distance(1.0, 0.01))
    200.0
    """
    check_positive(aperture=aperture, wavelength=wavelength)
    check_finite(aperture=aperture, wavelength=wavelength)
    with np.errstate(over="ignore"):
        out = 2.0 * np.asarray(aperture, float) ** 2 / np.asarray(wavelength, float)
    check_no_overflow([out], "aperture, wavelength")
    return _out(out)


def upa_diagonal(n_x, n_y, spacing):
    r"""Diagonal :math:`\Delta\sqrt{n_x^2+n_y^2}` [m] of an :math:`n_x\times n_y` planar array.

    Each element is counted as a :math:`\Delta\times\Delta` tile (so the aperture is
    :math:`n_x\Delta \times n_y\Delta`), as in [1]_.

    Parameters
    ----------
    n_x, n_y : array_like
        Number of elements per side [-], > 0.
    spacing : array_like
        Element spacing :math:`\Delta` [m], > 0.

    Returns
    -------
    ndarray or float
        Diagonal [m].

    References
    ----------
    .. [1] E. Björnson, Ö. T. Demir, L. Sanguinetti, Asilomar 2021, arXiv:2110.06661.

    Examples
    --------
    >>> float(upa_diagonal(3, 4, 0.5))
    2.5
    """
    check_positive(n_x=n_x, n_y=n_y, spacing=spacing)
    check_finite(n_x=n_x, n_y=n_y, spacing=spacing)
    with np.errstate(over="ignore"):
        out = np.asarray(spacing, float) * np.hypot(np.asarray(n_x, float),
                                                    np.asarray(n_y, float))
    check_no_overflow([out], "n_x, n_y, spacing")
    return _out(out)


def farfield_beamforming_gain(z, fraunhofer_distance):
    r"""Normalised gain of infinite-focus (far-field) beamforming at broadside distance
    :math:`z`, relative to a beam focused at :math:`z`.

    Parameters
    ----------
    z : array_like
        Propagation distance on the broadside axis [m], > 0.
    fraunhofer_distance : array_like
        Fraunhofer distance :math:`d_F` of the (square) array [m], > 0.

    Returns
    -------
    ndarray or float
        :math:`G \in [0, 1]` [-]; :math:`G\to 1` as :math:`z/d_F\to\infty`.

    Notes
    -----
    Fresnel approximation (approx. (9) of [1]_):

    .. math::

       G(z) = \left(\frac{8z}{d_F}\right)^2 \left(C(u)^2 + S(u)^2\right)^2,
       \qquad u = \sqrt{\frac{d_F}{8z}},

    with :math:`C(u) = \int_0^u\cos(\pi t^2/2)dt`, :math:`S(u) = \int_0^u\sin(\pi t^2/2)dt`
    (``scipy.special.fresnel`` returns ``(S, C)``). It follows from the separable quadratic
    phase error :math:`\pi(x^2+y^2)/(\lambda z)` over a square aperture of side :math:`L` with
    :math:`d_F = 4L^2/\lambda`. :math:`G` is increasing for :math:`z/d_F \gtrsim 0.034`;
    below that it oscillates at levels under 2 % (Fresnel ripples). :math:`G(0.1006\,d_F) = 1/2`.

    References
    ----------
    .. [1] E. Björnson, Ö. T. Demir, L. Sanguinetti, "A primer on near-field beamforming for
       arrays and reconfigurable intelligent surfaces", Asilomar 2021, arXiv:2110.06661.

    Examples
    --------
    >>> round(float(farfield_beamforming_gain(1.0, 1.0)), 4)   # z = d_F: 0.7 % loss
    0.9932
    >>> round(float(farfield_beamforming_gain(0.1006313520513, 1.0)), 6)
    0.5
    """
    check_positive(z=z, fraunhofer_distance=fraunhofer_distance)
    check_finite(z=z, fraunhofer_distance=fraunhofer_distance)
    with np.errstate(over="ignore"):
        ratio = np.asarray(z, dtype=float) / np.asarray(fraunhofer_distance, dtype=float)
    u = np.sqrt(1.0 / (8.0 * ratio))
    s, c = fresnel(u)
    with np.errstate(over="ignore", invalid="ignore"):
        g = (8.0 * ratio) ** 2 * (c**2 + s**2) ** 2
    # G = 1 - 2 pi^2 u^4 / 45 + O(u^8): exactly 1 in double precision for u < 1e-4, where the
    # product above overflows or loses all digits
    return _out(np.where(u < 1e-4, 1.0, g))


@functools.lru_cache(maxsize=1)
def _beam_depth_factor_fresnel() -> float:
    def f(a):
        s, c = fresnel(np.sqrt(1.0 / (8.0 * a)))
        return (8.0 * a) ** 2 * (c**2 + s**2) ** 2 - 0.5

    return float(brentq(f, 0.05, 1.0, xtol=1e-15, rtol=4 * np.finfo(float).eps))


def beam_depth_factor(n_side=None, spacing=0.5):
    r"""The constant :math:`a_3` with :math:`G(a_3 d_F) = 1/2` (≈ 0.1006 in the Fresnel
    approximation).

    Parameters
    ----------
    n_side : int, optional
        ``None`` (default): :math:`a_3` of :func:`farfield_beamforming_gain` (Fresnel
        approximation, independent of the array). An integer :math:`n`: the exact :math:`a_3`
        of an :math:`n\times n` UPA (:func:`farfield_beamforming_gain_exact`), the largest
        :math:`a` at which the exact gain crosses 1/2.
    spacing : float, optional
        Element spacing of that UPA in wavelengths [-], > 0; default 0.5.

    Returns
    -------
    float
        :math:`a_3` [-] (a fraction of :math:`d_F = 2D^2/\lambda`, :math:`D` the diagonal
        :math:`n\Delta\sqrt2`).

    Notes
    -----
    Brent's method to 1e-15 (Fresnel: on :math:`[0.05, 1]`, where :math:`G` increases; exact:
    on the bracket of the last crossing found on a 400-point log grid of
    :math:`a \in [10^{-3}, 1]`). The exact constant tends to the Fresnel one as the aperture
    grows (within 1e-3 from :math:`n = 64`).

    Examples
    --------
    >>> round(beam_depth_factor(), 6)
    0.100631
    >>> round(beam_depth_factor(4), 4)     # 4 x 4 lambda/2 UPA: side 2 wavelengths
    0.0712
    """
    if n_side is None:
        return _beam_depth_factor_fresnel()
    n = check_integer("n_side", n_side, low=1, high=_MAX_SIDE)
    check_positive(spacing=spacing)
    check_finite(spacing=spacing)
    d_f = float(fraunhofer_distance(upa_diagonal(n, n, float(spacing)), 1.0))

    def g(a):
        return farfield_beamforming_gain_exact(np.asarray(a) * d_f, n, 1.0, float(spacing)) - 0.5

    grid = np.geomspace(1e-3, 1.0, 400)
    vals = g(grid)
    above = vals >= 0
    if above.all() or not above[-1]:
        return float("nan")  # no crossing of 1/2 on the grid (a one-element "array")
    i = int(np.flatnonzero(~above)[-1])
    return float(brentq(lambda a: float(g(a)), grid[i], grid[i + 1], xtol=1e-15,
                        rtol=4 * np.finfo(float).eps))


def farfield_beamforming_gain_exact(z, n_side, wavelength, spacing=None):
    r"""Exact normalised gain of infinite-focus beamforming of an :math:`n\times n` UPA at
    broadside distance :math:`z` (spherical wavefronts, no Fresnel approximation).

    Parameters
    ----------
    z : array_like
        Distance on the broadside axis from the array centre [m], > 0.
    n_side : int
        Elements per side :math:`n` (1 to 1024).
    wavelength : float
        Wavelength :math:`\lambda` [m], > 0.
    spacing : float, optional
        Element spacing :math:`\Delta` [m], > 0; default :math:`\lambda/2`.

    Returns
    -------
    ndarray or float
        :math:`G(z) = \bigl|\sum_n e^{-jk(r_n - z)}\bigr|^2/N^2 \in [0, 1]` [-], with
        :math:`r_n` the exact distance from element :math:`n` to the point, :math:`N = n^2`
        and :math:`k = 2\pi/\lambda`: the gain of equal-phase weights (a beam focused at
        infinity) relative to weights focused on the point, isotropic elements of equal
        amplitude.

    Notes
    -----
    Compare :func:`farfield_beamforming_gain` at the same :math:`z/d_F`, :math:`d_F =
    2D^2/\lambda` with :math:`D = n\Delta\sqrt2` (:func:`upa_diagonal`); the two agree within
    1e-3 for a 64 x 64 :math:`\lambda/2` UPA on :math:`z/d_F \in [0.05, 10]` and differ for
    small apertures (0.668 against 0.496 at :math:`0.1\,d_F` for a 4 x 4 UPA). The path
    difference is evaluated as :math:`r_n - z = (x_n^2+y_n^2)/(r_n + z)`. Cost:
    :math:`n^2` complex exponentials per distance.

    References
    ----------
    .. [1] E. Björnson, Ö. T. Demir, L. Sanguinetti, "A primer on near-field beamforming for
       arrays and reconfigurable intelligent surfaces", Asilomar 2021, arXiv:2110.06661.

    Examples
    --------
    >>> d_f = float(fraunhofer_distance(upa_diagonal(4, 4, 0.5), 1.0))   # 16 wavelengths
    >>> round(float(farfield_beamforming_gain_exact(0.1 * d_f, 4, 1.0)), 3)
    0.668
    >>> round(float(farfield_beamforming_gain(0.1 * d_f, d_f)), 3)       # Fresnel
    0.496
    """
    n = check_integer("n_side", n_side, low=1, high=_MAX_SIDE)
    check_positive(z=z, wavelength=wavelength)
    check_finite(z=z, wavelength=wavelength)
    if np.ndim(wavelength) or (spacing is not None and np.ndim(spacing)):
        raise TypeError("wavelength and spacing must be scalars, got arrays of shapes "
                        f"{np.shape(wavelength)} and {np.shape(spacing)}")
    lam = float(wavelength)
    if spacing is None:
        spacing = lam / 2.0
    check_positive(spacing=spacing)
    check_finite(spacing=spacing)
    zz = np.asarray(z, dtype=float)
    with np.errstate(over="ignore"):
        x = (np.arange(n) - (n - 1) / 2.0) * float(spacing)
        rho2 = (x[:, None] ** 2 + x[None, :] ** 2).ravel()  # x^2 + y^2 of every element
        k = 2.0 * np.pi / lam
        z2 = zz**2
    check_no_overflow([rho2, k, z2], "z, wavelength, spacing")
    flat = zz.ravel()
    out = np.empty(flat.shape)
    step = max(1, 2_000_000 // rho2.size)  # bound the work array to ~32 MB
    for i in range(0, flat.size, step):
        zc = flat[i:i + step, None]
        dr = rho2 / (np.sqrt(rho2 + zc**2) + zc)
        out[i:i + step] = np.abs(np.exp(-1j * k * dr).sum(axis=-1)) ** 2 / rho2.size**2
    return _out(out.reshape(zz.shape))


def beam_depth_3db(focus, fraunhofer_distance, *, a3=None):
    r"""3 dB beam depth [m] of a beam focused at distance :math:`F` on the broadside axis.

    Parameters
    ----------
    focus : array_like
        Focal distance :math:`F` [m], > 0.
    fraunhofer_distance : array_like
        Fraunhofer distance :math:`d_F` of the array [m], > 0.
    a3 : float, optional
        Half-power constant :math:`a_3` with :math:`G(a_3 d_F) = 1/2`; default
        :func:`beam_depth_factor` ``()`` (Fresnel approximation, 0.1006). Pass
        ``beam_depth_factor(n_side)`` for the exact value of a small UPA.

    Returns
    -------
    ndarray or float
        Depth [m] of the distance interval where the gain is at least half its peak;
        ``inf`` when :math:`F \ge a_3 d_F` (the beam extends to infinity).

    Notes
    -----
    A beam focused at :math:`F` seen at :math:`z` has the phase error of an infinite-focus
    beam at :math:`z_e` with :math:`1/z_e = |1/z - 1/F|`, so the 3 dB points are
    :math:`1/z = 1/F \pm 1/(a_3 d_F)`, with :math:`a_3` = :func:`beam_depth_factor`. Hence
    ([1]_, where :math:`a_3 \approx 1/10`)

    .. math:: \mathrm{BD}_{3\,\mathrm{dB}} = \frac{2 a_3 d_F F^2}{(a_3 d_F)^2 - F^2},
              \qquad F < a_3 d_F.

    References
    ----------
    .. [1] E. Björnson, Ö. T. Demir, L. Sanguinetti, Asilomar 2021, arXiv:2110.06661.

    Examples
    --------
    >>> round(float(beam_depth_3db(10.0, 1000.0)), 4)
    2.0073
    >>> float(beam_depth_3db(500.0, 1000.0))
    inf
    """
    check_positive(focus=focus, fraunhofer_distance=fraunhofer_distance)
    check_finite(focus=focus, fraunhofer_distance=fraunhofer_distance)
    if a3 is None:
        a3 = beam_depth_factor()
    else:
        check_in_range("a3", a3, 0.0, None, low_open=True)
        check_finite(a3=a3)
    f, d_f = np.broadcast_arrays(np.asarray(focus, float), np.asarray(fraunhofer_distance, float))
    with np.errstate(over="ignore", invalid="ignore"):
        a = a3 * d_f
        den = a**2 - f**2
        num = 2.0 * a * f**2
    check_no_overflow([den, num], "focus, fraunhofer_distance, a3")
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        depth = np.where(f < a, num / den, np.inf)
    # a finite focus inside a_3 d_F has a finite depth; an overflow of the ratio is an error
    check_no_overflow([np.where(f < a, depth, 0.0)], "focus, fraunhofer_distance, a3")
    return _out(depth)
