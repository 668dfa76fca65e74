r"""Positions, distances and angles: the geometric layer under arrays, near field and NTN.

Conventions (shared by the whole :mod:`wirelesseff.channel` package)
--------------------------------------------------------------------
* Cartesian coordinates in metres; a point is the trailing axis of length 3, ``(..., 3)``.
  Element positions of an array have shape ``(..., N, 3)`` (batch axes first, elements last).
* **Azimuth** :math:`\varphi` is measured in the :math:`xy`-plane from the :math:`+x` axis
  towards :math:`+y`, in :math:`(-\pi, \pi]` [rad].
* **Elevation** :math:`\theta` is measured from the :math:`xy`-plane towards :math:`+z`, in
  :math:`[-\pi/2, \pi/2]` [rad] (the 3GPP *zenith* angle is :math:`\pi/2-\theta`).
* The unit vector pointing towards direction :math:`(\varphi, \theta)` is

  .. math:: \mathbf{u}(\varphi,\theta) = (\cos\theta\cos\varphi,\ \cos\theta\sin\varphi,\
            \sin\theta).

* Array layouts are centred on the origin, so that the origin is the phase reference of
  :func:`wirelesseff.channel.arrays.steering_vector` and
  :func:`wirelesseff.channel.arrays.nearfield_response`.
"""

from __future__ import annotations

import numpy as np

from .._validation import (
    check_choice,
    check_integer,
    check_no_overflow,
    check_real_array,
    check_real_scalar,
    check_shape,
)

__all__ = [
    "ula_positions",
    "upa_positions",
    "distance",
    "direction_vector",
    "spherical_to_cartesian",
    "cartesian_to_spherical",
    "azimuth_elevation",
]

_AXES = {"x": 0, "y": 1, "z": 2}

#: Largest number of elements of one array layout (10^7 elements: 240 MB of positions), checked
#: before anything is allocated; far above any array studied in the project (the XL-MIMO
#: module bounds its antenna counts at 10^6).
MAX_ELEMENTS = 10_000_000


def _scalar_out(x):
    x = np.asarray(x)
    return x[()] if x.ndim == 0 else x


def ula_positions(n, spacing, axis="x"):
    r"""Element positions of a uniform linear array (ULA), centred on the origin.

    Parameters
    ----------
    n : int
        Number of elements :math:`N \ge 1`.
    spacing : float
        Inter-element spacing :math:`\Delta` [m], > 0.
    axis : {"x", "y", "z"}, optional
        Axis along which the array is laid out (default ``"x"``).

    Returns
    -------
    ndarray, shape (n, 3)
        Element :math:`i` sits at :math:`(i-(N-1)/2)\Delta` along ``axis`` [m].

    Raises
    ------
    TypeError
        If ``n`` is not an integer or ``spacing`` is not a real scalar.
    ValueError
        If ``n`` is outside [1, :data:`MAX_ELEMENTS`], ``spacing`` is not positive and
        finite, or ``axis`` is unknown.

    Examples
    --------
    >>> ula_positions(3, 0.5)
    array([[-0.5,  0. ,  0. ],
           [ 0. ,  0. ,  0. ],
           [ 0.5,  0. ,  0. ]])
    """
    n = check_integer("n", n, low=1, high=MAX_ELEMENTS)
    spacing = check_real_scalar("spacing", spacing, 0.0, low_open=True)
    check_choice("axis", axis, tuple(_AXES))
    pos = np.zeros((n, 3))
    with np.errstate(over="ignore"):
        pos[:, _AXES[axis]] = (np.arange(n) - (n - 1) / 2.0) * spacing
    check_no_overflow([pos], "n, spacing")
    return pos


def upa_positions(n_x, n_y, spacing_x, spacing_y=None):
    r"""Element positions of a uniform planar array (UPA) in the :math:`xy`-plane, centred.

    The array broadside (boresight) is the :math:`+z` axis, the convention of Björnson &
    Sanguinetti (2020) used by :mod:`wirelesseff.channel.nearfield`.

    Parameters
    ----------
    n_x, n_y : int
        Number of elements along :math:`x` and :math:`y` (each >= 1).
    spacing_x : float
        Spacing along :math:`x` [m], > 0.
    spacing_y : float, optional
        Spacing along :math:`y` [m], > 0; defaults to ``spacing_x``.

    Returns
    -------
    ndarray, shape (n_x * n_y, 3)
        Element :math:`i = i_x + n_x i_y` (the :math:`x` index runs fastest) sits at
        :math:`((i_x-(n_x-1)/2)\Delta_x,\ (i_y-(n_y-1)/2)\Delta_y,\ 0)`, so
        ``positions.reshape(n_y, n_x, 3)[i_y, i_x]`` is element :math:`(i_x, i_y)`.

    Raises
    ------
    TypeError
        If a count is not an integer or a spacing is not a real scalar.
    ValueError
        If a count is < 1, ``n_x * n_y`` exceeds :data:`MAX_ELEMENTS`, or a spacing is not
        positive and finite.

    Examples
    --------
    >>> upa_positions(2, 2, 1.0)
    array([[-0.5, -0.5,  0. ],
           [ 0.5, -0.5,  0. ],
           [-0.5,  0.5,  0. ],
           [ 0.5,  0.5,  0. ]])
    """
    n_x = check_integer("n_x", n_x, low=1, high=MAX_ELEMENTS)
    n_y = check_integer("n_y", n_y, low=1, high=MAX_ELEMENTS)
    if n_x * n_y > MAX_ELEMENTS:
        raise ValueError(f"n_x * n_y must be <= {MAX_ELEMENTS}, got n_x={n_x}, n_y={n_y}")
    spacing_x = check_real_scalar("spacing_x", spacing_x, 0.0, low_open=True)
    spacing_y = (spacing_x if spacing_y is None
                 else check_real_scalar("spacing_y", spacing_y, 0.0, low_open=True))
    with np.errstate(over="ignore"):
        ix = (np.arange(n_x) - (n_x - 1) / 2.0) * spacing_x
        iy = (np.arange(n_y) - (n_y - 1) / 2.0) * spacing_y
    check_no_overflow([ix, iy], "n_x, n_y, spacing_x, spacing_y")
    gy, gx = np.meshgrid(iy, ix, indexing="ij")  # (n_y, n_x): x runs fastest when raveled
    return np.stack([gx.ravel(), gy.ravel(), np.zeros(n_x * n_y)], axis=-1)


def distance(a, b):
    r"""Euclidean distance :math:`\lVert \mathbf{a}-\mathbf{b} \rVert` [m], broadcasting.

    Parameters
    ----------
    a, b : array_like, shape (..., 3)
        Points [m]; leading axes broadcast against each other.

    Returns
    -------
    ndarray or float
        Distances with the broadcast leading shape.

    Raises
    ------
    TypeError
        If a point is not real and numeric.
    ValueError
        If a trailing axis is not of length 3 or a coordinate is not finite.

    Examples
    --------
    >>> float(distance([0, 0, 0], [3, 4, 0]))
    5.0
    >>> distance(np.zeros((2, 3)), [[1, 0, 0]]).shape
    (2,)
    """
    a = check_shape("a", check_real_array("a", a), (3,))
    b = check_shape("b", check_real_array("b", b), (3,))
    with np.errstate(over="ignore", invalid="ignore"):
        out = np.linalg.norm(a - b, axis=-1)
    check_no_overflow([out], "a, b")
    return _scalar_out(out)


def direction_vector(azimuth, elevation):
    r"""Unit vector :math:`\mathbf{u}(\varphi,\theta)` towards an azimuth/elevation direction.

    Parameters
    ----------
    azimuth : array_like
        Azimuth :math:`\varphi` [rad] (from :math:`+x` towards :math:`+y`).
    elevation : array_like
        Elevation :math:`\theta` [rad] (above the :math:`xy`-plane).

    Returns
    -------
    ndarray, shape (..., 3)
        :math:`(\cos\theta\cos\varphi, \cos\theta\sin\varphi, \sin\theta)`.

    Examples
    --------
    >>> np.round(direction_vector(np.pi / 2, 0.0), 12)
    array([0., 1., 0.])
    """
    az, el = np.broadcast_arrays(check_real_array("azimuth", azimuth),
                                 check_real_array("elevation", elevation))
    ce = np.cos(el)
    return np.stack([ce * np.cos(az), ce * np.sin(az), np.sin(el)], axis=-1)


def spherical_to_cartesian(r, azimuth, elevation):
    r"""Cartesian point :math:`r\,\mathbf{u}(\varphi,\theta)` from range, azimuth, elevation.

    Parameters
    ----------
    r : array_like
        Range [m], >= 0.
    azimuth, elevation : array_like
        Angles [rad] in the convention of this module.

    Returns
    -------
    ndarray, shape (..., 3)
        Points [m] with the broadcast shape of the inputs.

    Raises
    ------
    TypeError
        If an input is not real and numeric.
    ValueError
        If ``r`` is negative or an input is not finite.

    Examples
    --------
    >>> np.round(spherical_to_cartesian(2.0, 0.0, np.pi / 2), 12)
    array([0., 0., 2.])
    """
    r = check_real_array("r", r, 0.0)
    return r[..., None] * direction_vector(azimuth, elevation)


def cartesian_to_spherical(points):
    r"""Range, azimuth and elevation of Cartesian points (inverse of
    :func:`spherical_to_cartesian`).

    Parameters
    ----------
    points : array_like, shape (..., 3)
        Points [m].

    Returns
    -------
    r : ndarray or float
        Range [m].
    azimuth : ndarray or float
        Azimuth in :math:`(-\pi, \pi]` [rad] (0 on the :math:`z` axis).
    elevation : ndarray or float
        Elevation in :math:`[-\pi/2, \pi/2]` [rad] (0 at the origin).

    Examples
    --------
    >>> r, az, el = cartesian_to_spherical([1.0, 1.0, np.sqrt(2.0)])
    >>> round(float(r), 12), round(float(np.rad2deg(az)), 9), round(float(np.rad2deg(el)), 9)
    (2.0, 45.0, 45.0)
    """
    p = check_shape("points", check_real_array("points", points), (3,))
    x, y, z = p[..., 0], p[..., 1], p[..., 2]
    with np.errstate(over="ignore"):
        rho = np.hypot(x, y)
        r = np.hypot(rho, z)
    check_no_overflow([r], "points")
    return _scalar_out(r), _scalar_out(np.arctan2(y, x)), _scalar_out(np.arctan2(z, rho))


def azimuth_elevation(target, origin=None):
    r"""Azimuth and elevation [rad] of ``target`` seen from ``origin``.

    Parameters
    ----------
    target : array_like, shape (..., 3)
        Observed point(s) [m].
    origin : array_like, shape (..., 3), optional
        Observer position(s) [m]; default the coordinate origin.

    Returns
    -------
    azimuth, elevation : ndarray or float
        Direction of :math:`\mathbf{t}-\mathbf{o}` in the convention of this module.

    Examples
    --------
    >>> az, el = azimuth_elevation([0.0, 10.0, 0.0], origin=[0.0, 0.0, 10.0])
    >>> round(float(np.rad2deg(az)), 9), round(float(np.rad2deg(el)), 9)
    (90.0, -45.0)
    """
    t = check_shape("target", check_real_array("target", target), (3,))
    if origin is not None:
        with np.errstate(over="ignore"):
            t = t - check_shape("origin", check_real_array("origin", origin), (3,))
        check_no_overflow([t], "target, origin")
    _, az, el = cartesian_to_spherical(t)
    return az, el
