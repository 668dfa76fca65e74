r"""Array responses: far-field (plane-wave) steering vectors and near-field spherical waves.

Shapes follow the package convention: batch axes first, antennas last. Element positions are
``(..., N, 3)`` arrays [m] (e.g. from :func:`~wirelesseff.channel.geometry.ula_positions` or
:func:`~wirelesseff.channel.geometry.upa_positions`); angles follow the azimuth/elevation
convention of :mod:`wirelesseff.channel.geometry`.

Sign convention: a narrow-band wave from a source at distance :math:`r_n` of element :math:`n`
arrives with phase :math:`e^{-j k r_n}`, :math:`k = 2\pi/\lambda`. For a far source in direction
:math:`\mathbf{u}`, :math:`r_n \approx r_0 - \mathbf{u}^\mathsf{T}\mathbf{p}_n`, which gives the
steering vector :math:`[\mathbf{a}]_n = e^{+j k\,\mathbf{u}^\mathsf{T}\mathbf{p}_n}` relative to
the coordinate origin. Both responses below use that same reference, so
:func:`nearfield_response` tends to :func:`steering_vector` as the distance grows.
"""

from __future__ import annotations

import numpy as np

from .._validation import (
    check_choice,
    check_flag,
    check_integer,
    check_no_overflow,
    check_positive,
    check_real_array,
    check_real_scalar,
    check_shape,
)
from .geometry import MAX_ELEMENTS, direction_vector

__all__ = ["steering_vector", "ula_steering", "nearfield_response"]


def steering_vector(positions, azimuth, elevation, wavelength, *, normalize=False):
    r"""Far-field (plane-wave) array response towards an azimuth/elevation direction.

    Parameters
    ----------
    positions : array_like, shape (..., N, 3)
        Element positions [m]; the coordinate origin is the phase reference.
    azimuth, elevation : array_like
        Direction of the source/destination [rad] (see :mod:`~wirelesseff.channel.geometry`);
        they broadcast with each other and with the leading axes of ``positions``.
    wavelength : array_like
        Carrier wavelength :math:`\lambda` [m], > 0 (broadcasts like the angles).
    normalize : bool, optional
        If True divide by :math:`\sqrt{N}` (unit norm); default False (unit-modulus entries).

    Returns
    -------
    ndarray, complex, shape (..., N)
        :math:`[\mathbf{a}]_n = e^{j\frac{2\pi}{\lambda}\mathbf{u}(\varphi,\theta)^\mathsf{T}
        \mathbf{p}_n}` (divided by :math:`\sqrt{N}` if ``normalize``).

    Raises
    ------
    ValueError
        If ``positions`` is not ``(..., N, 3)`` or ``wavelength <= 0``.

    Notes
    -----
    Plane-wave (far-field) line-of-sight model for arbitrary element positions, as in
    Björnson, Hoydis, Sanguinetti, *Massive MIMO Networks*, Foundations and Trends in Signal
    Processing, 2017, doi:10.1561/2000000093.

    Examples
    --------
    >>> from wirelesseff.channel.geometry import ula_positions
    >>> a = steering_vector(ula_positions(4, 0.5, axis="y"), np.pi / 6, 0.0, 1.0)
    >>> np.allclose(np.abs(a), 1.0), np.round(np.angle(a[1] / a[0]) / np.pi, 12)
    (True, np.float64(0.5))
    """
    pos = check_shape("positions", check_real_array("positions", positions), (None, 3))
    check_positive(wavelength=wavelength)
    normalize = check_flag("normalize", normalize)
    u = direction_vector(azimuth, elevation)  # (*B, 3)
    with np.errstate(over="ignore", invalid="ignore"):
        k = 2.0 * np.pi / np.asarray(wavelength, dtype=float)
        phase = np.sum(u[..., None, :] * pos, axis=-1) * k[..., None]
    check_no_overflow([phase], "positions, wavelength")
    a = np.exp(1j * phase)
    if normalize:
        a = a / np.sqrt(pos.shape[-2])
    return a


def ula_steering(n, spacing_wl, angle, *, normalize=False):
    r"""Textbook ULA steering vector :math:`[1, e^{j2\pi\Delta\sin\varphi}, \ldots]`.

    Parameters
    ----------
    n : int
        Number of antennas :math:`N \ge 1`.
    spacing_wl : float
        Antenna spacing :math:`\Delta` in wavelengths [-], > 0 (0.5 for half-wavelength).
    angle : array_like
        Angle :math:`\varphi` from broadside [rad].
    normalize : bool, optional
        If True divide by :math:`\sqrt{N}`.

    Returns
    -------
    ndarray, complex, shape ``(*angle.shape, n)``
        :math:`[\mathbf{a}(\varphi)]_m = e^{j 2\pi \Delta m \sin\varphi}`,
        :math:`m = 0, \ldots, N-1`.

    Notes
    -----
    The line-of-sight ULA model of Björnson, Hoydis, Sanguinetti, *Massive MIMO Networks*
    (2017), doi:10.1561/2000000093, with the **first element as phase reference**. It equals
    ``steering_vector(ula_positions(n, spacing_wl * wavelength, axis="y"), angle, 0.0,
    wavelength)`` up to the common phase :math:`e^{j\pi\Delta(N-1)\sin\varphi}` (that helper
    references the array centre).

    Examples
    --------
    >>> np.round(ula_steering(3, 0.5, np.pi / 2), 12)
    array([ 1.+0.j, -1.+0.j,  1.-0.j])
    """
    n = check_integer("n", n, low=1, high=MAX_ELEMENTS)
    spacing_wl = check_real_scalar("spacing_wl", spacing_wl, 0.0, low_open=True)
    angle = check_real_array("angle", angle)
    normalize = check_flag("normalize", normalize)
    m = np.arange(n)
    with np.errstate(over="ignore", invalid="ignore"):
        phase = 2.0 * np.pi * spacing_wl * np.sin(angle)[..., None] * m
    check_no_overflow([phase], "n, spacing_wl")
    a = np.exp(2j * np.pi * spacing_wl * np.sin(angle)[..., None] * m)
    if normalize:
        a = a / np.sqrt(n)
    return a


def nearfield_response(positions, user_positions, wavelength, normalize="unit_modulus"):
    r"""Exact spherical-wave (near-field) array response for arbitrary user positions.

    Parameters
    ----------
    positions : array_like, shape (..., N, 3)
        Element positions [m]; the coordinate origin is the phase reference.
    user_positions : array_like, shape (..., 3)
        User (source) positions [m]; leading axes broadcast with those of ``positions``.
    wavelength : array_like
        Wavelength :math:`\lambda` [m], > 0; broadcasts with the user batch axes.
    normalize : {"unit_modulus", "unit_norm", "free_space"}, optional
        * ``"unit_modulus"`` (default): :math:`e^{-jk(r_n-r_0)}`, with :math:`r_0` the
          distance from the user to the origin (phases only, comparable with
          :func:`steering_vector`);
        * ``"unit_norm"``: the same divided by :math:`\sqrt{N}`;
        * ``"free_space"``: the full free-space channel of isotropic elements,
          :math:`\frac{\lambda}{4\pi r_n} e^{-jkr_n}` (amplitude varies across the array, phase
          absolute).

    Returns
    -------
    ndarray, complex, shape (..., N)
        Array response, with :math:`r_n = \lVert \mathbf{x} - \mathbf{p}_n \rVert` and
        :math:`k = 2\pi/\lambda`.

    Raises
    ------
    ValueError
        If shapes are wrong, ``wavelength <= 0``, ``normalize`` is unknown, or a user sits on
        an element (:math:`r_n = 0`) with ``"free_space"``.

    Notes
    -----
    The path difference is evaluated as
    :math:`r_n - r_0 = (\lVert\mathbf{p}_n\rVert^2 - 2\mathbf{x}^\mathsf{T}\mathbf{p}_n)/(r_n+r_0)`,
    which stays accurate when :math:`r_0 \gg \lVert\mathbf{p}_n\rVert` (far field). As
    :math:`r_0 \to \infty` in direction :math:`\mathbf{u}`, :math:`r_n - r_0 \to
    -\mathbf{u}^\mathsf{T}\mathbf{p}_n` and the response tends to :func:`steering_vector`.
    Spherical-wave model of e.g. Björnson, Demir, Sanguinetti, "A primer on near-field
    beamforming for arrays and reconfigurable intelligent surfaces", Asilomar 2021,
    arXiv:2110.06661 (isotropic elements, no polarisation or projected-area loss; for those
    see :func:`wirelesseff.channel.nearfield.planar_array_gain`).

    Examples
    --------
    >>> from wirelesseff.channel.geometry import ula_positions
    >>> h = nearfield_response(ula_positions(2, 0.5), [0.0, 10.0, 0.0], 1.0)
    >>> bool(np.isclose(h[0], h[1]))   # broadside user: both elements at the same distance
    True
    >>> round(float(np.angle(h[0])), 6)  # -k (r_n - r_0) = -2 pi (sqrt(100.0625) - 10)
    -0.019632
    """
    pos = check_shape("positions", check_real_array("positions", positions), (None, 3))
    x = check_shape("user_positions", check_real_array("user_positions", user_positions), (3,))
    check_positive(wavelength=wavelength)
    check_choice("normalize", normalize, ("unit_modulus", "unit_norm", "free_space"))
    lam = np.asarray(wavelength, dtype=float)[..., None]
    k = 2.0 * np.pi / lam
    xe = x[..., None, :]  # (..., 1, 3)
    r_n = np.linalg.norm(xe - pos, axis=-1)  # (..., N)
    names = "positions, user_positions, wavelength"
    if normalize == "free_space":
        if np.any(r_n == 0):
            raise ValueError("user_positions must not coincide with an element position "
                             "(r_n = 0) for normalize='free_space'")
        with np.errstate(over="ignore", invalid="ignore"):
            phase = k * r_n
        check_no_overflow([r_n, phase], names)
        return lam / (4.0 * np.pi * r_n) * np.exp(-1j * k * r_n)
    r_0 = np.linalg.norm(x, axis=-1)[..., None]
    with np.errstate(over="ignore", invalid="ignore"):
        den = r_n + r_0
        num = np.sum(pos * pos, axis=-1) - 2.0 * np.sum(xe * pos, axis=-1)
        dr = np.divide(num, den, out=np.zeros(np.broadcast_shapes(num.shape, den.shape)),
                       where=den > 0)
        phase = k * dr
    check_no_overflow([den, num, phase], names)
    a = np.exp(-1j * k * dr)
    if normalize == "unit_norm":
        a = a / np.sqrt(pos.shape[-2])
    return a
