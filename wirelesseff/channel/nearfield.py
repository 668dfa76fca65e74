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
* :func:`beam_depth_3db` — the 3 dB depth of a beam focused at finite distance :math:`F`.

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

from .._validation import check_in_range, check_positive

__all__ = [
    "planar_array_gain",
    "planar_array_gain_farfield",
    "fraunhofer_distance",
    "upa_diagonal",
    "farfield_beamforming_gain",
    "beam_depth_3db",
    "beam_depth_factor",
]


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
    _check_angle(angle)
    n, a, d, eta = np.broadcast_arrays(*(np.asarray(v, dtype=float)
                                         for v in (n_elements, element_area, distance, angle)))
    tan = np.tan(eta)
    b = n * a / (4.0 * d**2 * np.cos(eta) ** 2)
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
    _check_angle(angle)
    n, a, d, eta = (np.asarray(v, dtype=float)
                    for v in (n_elements, element_area, distance, angle))
    return _out(n * a * np.cos(eta) / (4.0 * np.pi * d**2))


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
    return _out(2.0 * np.asarray(aperture, float) ** 2 / np.asarray(wavelength, float))


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
    return _out(np.asarray(spacing, float) * np.hypot(np.asarray(n_x, float),
                                                       np.asarray(n_y, float)))


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
    ratio = np.asarray(z, dtype=float) / np.asarray(fraunhofer_distance, dtype=float)
    s, c = fresnel(np.sqrt(1.0 / (8.0 * ratio)))
    return _out((8.0 * ratio) ** 2 * (c**2 + s**2) ** 2)


@functools.lru_cache(maxsize=1)
def beam_depth_factor():
    r"""The constant :math:`a_3` solving :math:`G(a_3 d_F) = 1/2` for
    :func:`farfield_beamforming_gain` (≈ 0.1006).

    Computed once with Brent's method on :math:`[0.05, 1]` (where :math:`G` is increasing) to
    1e-15 absolute.

    Examples
    --------
    >>> round(beam_depth_factor(), 6)
    0.100631
    """
    def f(a):
        s, c = fresnel(np.sqrt(1.0 / (8.0 * a)))
        return (8.0 * a) ** 2 * (c**2 + s**2) ** 2 - 0.5

    return float(brentq(f, 0.05, 1.0, xtol=1e-15, rtol=4 * np.finfo(float).eps))


def beam_depth_3db(focus, fraunhofer_distance):
    r"""3 dB beam depth [m] of a beam focused at distance :math:`F` on the broadside axis.

    Parameters
    ----------
    focus : array_like
        Focal distance :math:`F` [m], > 0.
    fraunhofer_distance : array_like
        Fraunhofer distance :math:`d_F` of the array [m], > 0.

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
    f, d_f = np.broadcast_arrays(np.asarray(focus, float), np.asarray(fraunhofer_distance, float))
    a = beam_depth_factor() * d_f
    den = a**2 - f**2
    with np.errstate(divide="ignore", invalid="ignore"):
        depth = np.where(f < a, 2.0 * a * f**2 / den, np.inf)
    return _out(depth)
