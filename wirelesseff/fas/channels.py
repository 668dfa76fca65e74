r"""Port channels of a fluid antenna: positions, spatial correlation and samplers.

A one-dimensional fluid antenna (FA) of normalised length :math:`W` (in wavelengths) has
:math:`N` ports at :math:`x_n = n W\lambda/(N-1)`, :math:`n = 0, \dots, N-1` (0-based). Under
2-D isotropic scattering (Clarke/Jakes) the complex port gains are zero-mean circularly
symmetric Gaussian with unit power and correlation :math:`J_0(2\pi\,\Delta x/\lambda)` [1]_.
The samplers here return arrays with the ports on the last axis, ``(*size, N)``.

Five spatial laws are available (``model=``):

``"jakes"`` (default)
    Exact Jakes covariance, sampled through its truncated eigenbasis
    (:math:`h = U\Lambda^{1/2} z`, eigenvalues below :math:`10^{-10}\lambda_{\max}` dropped;
    the kept power is :math:`\ge (1-10^{-8})N`) as in the reference code of [3]_.
``"wong"``
    The model of [1]_: port 0 is a reference, :math:`h_k = \sqrt{1-\mu_k^2}\,z_k + \mu_k z_0`,
    :math:`\mu_k = J_0(2\pi k W/(N-1))`.
``"constant"``
    One common correlation :math:`\mu^2` for all pairs [2]_ (see
    :func:`constant_correlation_mu2`).
``"block"``
    Independent constant-correlation blocks whose sizes follow the dominant Jakes eigenvalues
    (Algorithm 1 of [3]_, see :func:`block_sizes`).
``"independent"``
    I.i.d. Rayleigh ports.

References
----------
.. [1] K.-K. Wong, A. Shojaeifard, K.-F. Tong, Y. Zhang, "Fluid Antenna Systems", IEEE Trans.
   Wireless Commun. 20(3):1950-1962, 2021, doi:10.1109/TWC.2020.3037595, arXiv:2005.11561.
.. [2] K.-K. Wong, K.-F. Tong, "Fluid Antenna Multiple Access", IEEE Trans. Wireless Commun.
   21(7):4801-4815, 2022, doi:10.1109/TWC.2021.3133410.
.. [3] P. Ramírez-Espinosa, D. Morales-Jiménez, K.-K. Wong, "A New Spatial Block-Correlation
   Model for Fluid Antenna Systems", arXiv:2401.04513, 2024 (reference code:
   github.com/preugr/Fluid-antenna-block-diagonal-model).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from scipy import special

from .._validation import (
    as_generator,
    check_choice,
    check_finite,
    check_in_range,
    check_integer,
)
from ..channel.fading import rayleigh
from ._checks import real_scalar

__all__ = [
    "CHANNEL_MODELS",
    "EIGEN_TOL",
    "BLOCK_MU2",
    "MAX_PORTS",
    "MAX_APERTURE_WL",
    "MAX_SAMPLE_ENTRIES",
    "port_positions",
    "jakes_correlation",
    "planar_jakes_correlation",
    "constant_correlation_mu2",
    "block_sizes",
    "correlation_factor",
    "frame_correlation",
    "sample_port_channels",
    "sample_port_channel_sequence",
]

#: Spatial channel laws accepted by the samplers (``model=``).
CHANNEL_MODELS = ("jakes", "wong", "constant", "block", "independent")
#: Relative eigenvalue cut-off of the truncated Jakes eigenbasis (numerical choice; same order
#: as the reference code of Ramírez-Espinosa et al. 2024).
EIGEN_TOL = 1e-10
#: Intra-block correlation :math:`\mu^2_\mathrm{blk}` of the block model (Ramírez-Espinosa et al.
#: 2024, reference code ``Figure_8.m``).
BLOCK_MU2 = 0.97
#: Upper bound on the number of ports :math:`N` (and :math:`N_xN_y` of a planar antenna) of the
#: channel and outage functions, checked before any allocation: the Jakes matrix is
#: :math:`N\times N` and is diagonalised (4096 ports: 134 MB, a few seconds).
MAX_PORTS = 4096
#: Upper bound on the antenna length :math:`W` [wavelengths] (beyond it the Bessel functions of
#: the correlation lose all accuracy; physical fluid antennas are a few wavelengths long).
MAX_APERTURE_WL = 1e6
#: Upper bound on the complex entries a sampler returns (``n_frames * prod(size) * N``,
#: 5e7 entries = 800 MB), checked before drawing.
MAX_SAMPLE_ENTRIES = 50_000_000
# A user correlation matrix may be indefinite by rounding only: smallest eigenvalue down to
# -_PSD_TOL x max|eigenvalue| (numerical choice; computed Jakes matrices reach ~ -1e-15 N).
_PSD_TOL = 1e-8


# --------------------------------------------------------------------------------------------
# geometry and correlation
# --------------------------------------------------------------------------------------------
def _n_ports(value, name="n_ports"):
    return check_integer(name, value, low=1, high=MAX_PORTS)


def _aperture(value, name="aperture_wl"):
    return real_scalar(name, value, 0.0, MAX_APERTURE_WL)


def port_positions(n_ports, aperture_wl, wavelength_m=1.0):
    r"""Positions of the ports of a linear fluid antenna.

    Parameters
    ----------
    n_ports : int
        Number of ports :math:`N`, 1 … :data:`MAX_PORTS`.
    aperture_wl : float
        Antenna length :math:`W` in wavelengths [-], 0 … :data:`MAX_APERTURE_WL` (ignored for
        :math:`N = 1`).
    wavelength_m : float, optional
        Wavelength :math:`\lambda` [m], finite and positive; the default 1.0 returns positions
        in wavelengths.

    Returns
    -------
    ndarray, shape (N,)
        :math:`x_n = n W \lambda / (N-1)` [m], with :math:`x_0 = 0`.

    Examples
    --------
    >>> port_positions(5, 2.0, wavelength_m=0.1)
    array([0.  , 0.05, 0.1 , 0.15, 0.2 ])
    >>> port_positions(1, 3.0)
    array([0.])
    """
    n = _n_ports(n_ports)
    w = _aperture(aperture_wl)
    lam = real_scalar("wavelength_m", wavelength_m, 0.0, None, low_open=True)
    if n == 1:
        return np.zeros(1)
    return np.arange(n) * (w * lam / (n - 1))


def jakes_correlation(n_ports, aperture_wl):
    r"""Jakes spatial correlation matrix of a linear fluid antenna.

    Parameters
    ----------
    n_ports : int
        Number of ports :math:`N`, 1 … :data:`MAX_PORTS`.
    aperture_wl : float
        Antenna length :math:`W` in wavelengths [-], 0 … :data:`MAX_APERTURE_WL`.

    Returns
    -------
    ndarray, shape (N, N)
        Symmetric Toeplitz matrix :math:`J_{kl} = J_0\!\left(2\pi (k-l) W/(N-1)\right)` with a
        unit diagonal (eq. (3) of [1]_).

    Notes
    -----
    The eigenvalues sum to :math:`N`; about :math:`2W + O(1)` of them are significant
    (Karhunen-Loève view of the Jakes kernel), which is what makes the truncated-eigenbasis
    sampler cheap.

    References
    ----------
    .. [1] K.-K. Wong, A. Shojaeifard, K.-F. Tong, Y. Zhang, "Fluid Antenna Systems", IEEE TWC
       20(3), 2021, doi:10.1109/TWC.2020.3037595.

    Examples
    --------
    >>> J = jakes_correlation(3, 1.0)
    >>> np.round(J, 4)
    array([[ 1.    , -0.3042,  0.2203],
           [-0.3042,  1.    , -0.3042],
           [ 0.2203, -0.3042,  1.    ]])
    """
    n = _n_ports(n_ports)
    w = _aperture(aperture_wl)
    if n == 1:
        return np.ones((1, 1))
    k = np.arange(n)
    lag = np.abs(k[:, None] - k[None, :])
    return special.j0(2.0 * np.pi * lag * w / (n - 1))


def planar_jakes_correlation(n_ports_x, n_ports_y, aperture_x_wl, aperture_y_wl):
    r"""Jakes correlation of a planar (2-D) fluid antenna.

    Port :math:`i = i_x + N_x i_y` sits at
    :math:`p_i/\lambda = (i_x W_x/(N_x-1),\; i_y W_y/(N_y-1))` (a coordinate is 0 when
    :math:`N_x` or :math:`N_y` is 1) and :math:`J_{ij} = J_0(2\pi\|p_i - p_j\|/\lambda)`.

    Parameters
    ----------
    n_ports_x, n_ports_y : int
        Ports along each side, :math:`N_x, N_y \ge 1`, with :math:`N_xN_y \le`
        :data:`MAX_PORTS`.
    aperture_x_wl, aperture_y_wl : float
        Side lengths in wavelengths [-], 0 … :data:`MAX_APERTURE_WL`.

    Returns
    -------
    ndarray, shape (N_x N_y, N_x N_y)
        Correlation matrix (pass it as ``correlation=`` to the samplers).

    Examples
    --------
    >>> J = planar_jakes_correlation(2, 2, 0.5, 0.5)
    >>> J.shape, bool(np.allclose(J, J.T)), float(J[0, 3].round(4))  # diagonal 0.5*sqrt(2)
    ((4, 4), True, -0.3333)
    """
    nx = _n_ports(n_ports_x, "n_ports_x")
    ny = _n_ports(n_ports_y, "n_ports_y")
    if nx * ny > MAX_PORTS:
        raise ValueError(f"n_ports_x * n_ports_y must be at most {MAX_PORTS}, got "
                         f"n_ports_x={nx}, n_ports_y={ny}")
    _aperture(aperture_x_wl, "aperture_x_wl")
    _aperture(aperture_y_wl, "aperture_y_wl")
    px = port_positions(nx, aperture_x_wl) if nx > 1 else np.zeros(1)
    py = port_positions(ny, aperture_y_wl) if ny > 1 else np.zeros(1)
    ix, iy = np.meshgrid(np.arange(nx), np.arange(ny), indexing="xy")
    pos = np.stack([px[ix.ravel()], py[iy.ravel()]], axis=-1)  # i = i_x + N_x i_y
    dist = np.linalg.norm(pos[:, None, :] - pos[None, :, :], axis=-1)
    return special.j0(2.0 * np.pi * dist)


def constant_correlation_mu2(aperture_wl):
    r"""Average correlation :math:`\mu^2` of the constant-correlation model of [1]_.

    Parameters
    ----------
    aperture_wl : array_like
        Antenna length :math:`W` in wavelengths [-], 0 … :data:`MAX_APERTURE_WL`.

    Returns
    -------
    ndarray or float
        :math:`\mu^2 \in [0, 1]`; 1 at :math:`W = 0`.

    Notes
    -----
    .. math::
        \mu^2 = \left| 2\,{}_1F_2\!\left(\tfrac12; 1, \tfrac32; -\pi^2 W^2\right)
                - \frac{J_1(2\pi W)}{\pi W} \right|,

    the average of :math:`J_0(2\pi|u - v|)` over two points :math:`u, v` drawn uniformly on the
    antenna ([1]_, eq. (11)). The hypergeometric term is evaluated exactly through
    :math:`{}_1F_2(\tfrac12; 1, \tfrac32; -\pi^2W^2) = (2\pi W)^{-1}\int_0^{2\pi W} J_0(t)\,dt`
    (:func:`scipy.special.itj0y0`). For large :math:`W`, :math:`\mu^2 \approx 1/(\pi W)`.

    References
    ----------
    .. [1] K.-K. Wong, K.-F. Tong, "Fluid Antenna Multiple Access", IEEE TWC 21(7), 2022,
       doi:10.1109/TWC.2021.3133410.

    Examples
    --------
    >>> round(float(constant_correlation_mu2(1.0)), 6)
    0.309255
    >>> float(constant_correlation_mu2(0.0))
    1.0
    """
    w = check_in_range("aperture_wl", aperture_wl, 0.0, MAX_APERTURE_WL).astype(float)
    z = 2.0 * np.pi * w
    with np.errstate(invalid="ignore", divide="ignore"):
        int_j0 = special.itj0y0(z)[0]
        hyp = np.where(z > 0, int_j0 / np.where(z > 0, z, 1.0), 1.0)
        bessel = np.where(z > 0, special.j1(z) / np.where(z > 0, np.pi * w, 1.0), 1.0)
    # below W ~ 1e-4 the difference loses digits; use the series 1 - pi^2 W^2 / 6 + ...
    series = 1.0 - (np.pi * w) ** 2 / 6.0 + (np.pi * w) ** 4 / 60.0
    mu2 = np.where(w < 1e-3, series, np.abs(2.0 * hyp - bessel))
    return np.clip(mu2, 0.0, 1.0)[()]


def _jakes_eigenvalues(n_ports, aperture_wl):
    return np.linalg.eigvalsh(jakes_correlation(n_ports, aperture_wl))[::-1]


def block_sizes(n_ports, aperture_wl, mu2=BLOCK_MU2, *, remainder="block", dominance="n/100"):
    r"""Block sizes :math:`L_b` of the block-correlation model (Algorithm 1 of [1]_).

    Parameters
    ----------
    n_ports : int
        Number of ports :math:`N`, 1 … :data:`MAX_PORTS`.
    aperture_wl : float
        Antenna length :math:`W` [wavelengths], 0 … :data:`MAX_APERTURE_WL`.
    mu2 : float, optional
        Intra-block correlation :math:`\mu^2_\mathrm{blk} \in [0, 1)` (default 0.97, reference
        code of [1]_, ``Figure_8.m``).
    remainder : {"block", "drop"}, optional
        ``"block"`` (default) returns a partition of the :math:`N` ports: ports left over by
        Algorithm 1 form one extra block, and if the last increment overshoots :math:`N` the
        trailing blocks are shortened (so sampler and formula describe the same law).
        ``"drop"`` returns Algorithm 1's output unchanged, as the reference code does.
    dominance : {"n/100", "one"}, optional
        Dominant-eigenvalue rule: :math:`\lambda_b > N/100` (reference code) or
        :math:`\lambda_b > 1`.

    Returns
    -------
    ndarray of int
        Block sizes (largest eigenvalue first).

    Notes
    -----
    The largest eigenvalue of an :math:`L`-port constant-correlation block is
    :math:`1 + (L-1)\mu^2`. Starting from :math:`L_b = 0`, all active :math:`L_b` grow by one
    per step; block :math:`b` stops at the first :math:`L_b` with
    :math:`|(L_b-1)\mu^2 + 1 - \lambda_b| < |L_b\mu^2 + 1 - \lambda_b|`; the loop stops when
    :math:`\sum_b L_b \ge N` or no block is active ([1]_, Sec. III-B, Algorithm 1).

    References
    ----------
    .. [1] P. Ramírez-Espinosa, D. Morales-Jiménez, K.-K. Wong, "A New Spatial Block-Correlation
       Model for Fluid Antenna Systems", arXiv:2401.04513, 2024.

    Examples
    --------
    >>> block_sizes(100, 2.0)
    array([26, 26, 18, 17, 11,  2])
    >>> int(block_sizes(100, 2.0).sum())
    100
    """
    n = _n_ports(n_ports)
    w = _aperture(aperture_wl)
    mu2 = real_scalar("mu2", mu2, 0.0, 1.0, high_open=True)
    check_choice("remainder", remainder, ("block", "drop"))
    check_choice("dominance", dominance, ("n/100", "one"))
    lam = _jakes_eigenvalues(n, w)
    limit = n / 100.0 if dominance == "n/100" else 1.0
    lam = lam[lam > limit]
    if lam.size == 0:  # cannot happen (lambda_max >= 1 >= N/100 for N <= 100), kept for safety
        lam = np.array([float(n)])
    L = np.zeros(lam.size, dtype=np.int64)
    active = np.ones(lam.size, dtype=bool)
    while L.sum() < n and active.any():
        L[active] += 1
        prev = np.abs((L - 1) * mu2 + 1.0 - lam)
        curr = np.abs(L * mu2 + 1.0 - lam)
        active &= prev >= curr
    if remainder == "drop":
        return L
    excess = int(L.sum()) - n
    b = L.size - 1
    while excess > 0:  # shorten the trailing (least dominant) blocks
        cut = min(excess, int(L[b]))
        L[b] -= cut
        excess -= cut
        b -= 1
    L = L[L > 0]
    if L.sum() < n:
        L = np.append(L, n - L.sum())
    return L


@lru_cache(maxsize=256)
def _jakes_factor(n, w):
    """Cached truncated eigen-factor of the Jakes matrix (read-only)."""
    return _eig_factor(jakes_correlation(n, w))


def _eig_factor(corr):
    """Truncated eigen-factor of a Hermitian PSD matrix: A = U_K Lambda_K^(1/2).

    Raises ValueError (naming ``correlation``) if the matrix is indefinite beyond rounding.
    """
    lam, U = np.linalg.eigh(corr)
    scale = float(np.max(np.abs(lam)))
    if lam[0] < -_PSD_TOL * scale:
        raise ValueError(
            f"correlation must be positive semidefinite, got smallest eigenvalue {lam[0]:.6g} "
            f"(largest {lam[-1]:.6g}; rounding down to -{_PSD_TOL:g} x max|eigenvalue| is "
            "accepted)"
        )
    keep = lam > EIGEN_TOL * lam.max()
    A = U[:, keep] * np.sqrt(lam[keep])
    if np.isrealobj(A):
        A = np.ascontiguousarray(A)
    A.setflags(write=False)
    return A


def correlation_factor(n_ports, aperture_wl, *, correlation=None):
    r"""Truncated eigenbasis factor :math:`A = U_K\Lambda_K^{1/2}` of the port correlation.

    Parameters
    ----------
    n_ports : int
        Number of ports :math:`N`, 1 … :data:`MAX_PORTS`.
    aperture_wl : float
        Antenna length :math:`W` [wavelengths], 0 … :data:`MAX_APERTURE_WL` (unused when
        ``correlation`` is given).
    correlation : array_like, shape (N, N), optional
        Any Hermitian PSD correlation (e.g. :func:`planar_jakes_correlation`); default Jakes.
        Eigenvalues down to :math:`-10^{-8}\max|\lambda|` are accepted as rounding; a
        matrix more indefinite than that raises ``ValueError``.

    Returns
    -------
    ndarray, shape (N, K)
        Factor with :math:`A A^H \approx J`; eigenvalues below
        :data:`EIGEN_TOL` :math:`\cdot\lambda_{\max}` are dropped. Read-only (cached).

    Examples
    --------
    >>> A = correlation_factor(100, 2.0)
    >>> A.shape, bool(np.allclose(A @ A.T, jakes_correlation(100, 2.0), atol=1e-9))
    ((100, 12), True)
    """
    n = _n_ports(n_ports)
    if correlation is not None:
        corr = np.asarray(correlation)
        if corr.dtype.kind not in "biufc":
            raise TypeError(f"correlation must be a numeric matrix, got dtype {corr.dtype}")
        if corr.shape != (n, n):
            raise ValueError(f"correlation must have shape ({n}, {n}), got {corr.shape}")
        check_finite(correlation=corr)
        if not np.allclose(corr, corr.conj().T, atol=1e-12):
            raise ValueError("correlation must be Hermitian")
        return _eig_factor(corr)
    return _jakes_factor(n, _aperture(aperture_wl))


def frame_correlation(doppler_hz, frame_s):
    r"""Frame-to-frame correlation :math:`\rho_t = J_0(2\pi f_D T_f)` (Clarke's model).

    Parameters
    ----------
    doppler_hz : array_like
        Maximum Doppler shift :math:`f_D` [Hz], finite and non-negative.
    frame_s : array_like
        Frame length :math:`T_f` [s], finite and positive (the product :math:`f_DT_f` must be
        finite).

    Returns
    -------
    ndarray or float
        Lag-one correlation of the Gauss-Markov sequence of
        :func:`sample_port_channel_sequence`.

    Examples
    --------
    >>> round(float(frame_correlation(2.0, 0.01)), 6)  # f_D T_f = 0.02
    0.996057
    """
    fd = check_in_range("doppler_hz", doppler_hz, 0.0, None).astype(float)
    t = check_in_range("frame_s", frame_s, 0.0, None, low_open=True).astype(float)
    check_finite(doppler_hz=fd, frame_s=t)
    with np.errstate(over="ignore"):
        x = 2.0 * np.pi * fd * t
    if not np.all(np.isfinite(x)):
        raise ValueError("doppler_hz * frame_s must be finite, got an overflowing product")
    return special.j0(x)[()]


# --------------------------------------------------------------------------------------------
# samplers
# --------------------------------------------------------------------------------------------
def _size_tuple(size, *extra):
    """Batch shape of a sampler; ``extra`` are further factors of the output entries."""
    if size is None:
        shape = ()
    elif np.isscalar(size):
        shape = (check_integer("size", size, low=0, high=MAX_SAMPLE_ENTRIES),)
    else:
        try:
            shape = tuple(check_integer("size", s, low=0, high=MAX_SAMPLE_ENTRIES)
                          for s in size)
        except TypeError as exc:
            raise TypeError(f"size must be an integer or a tuple of integers, got {size!r}") \
                from exc
    total = 1
    for f in (*shape, *extra):
        total *= f
    if total > MAX_SAMPLE_ENTRIES:
        raise ValueError(f"size: the sample would hold {total} entries, more than "
                         f"{MAX_SAMPLE_ENTRIES} (draw it in batches)")
    return shape


def _wong_mu(n, w):
    if n == 1:
        return np.zeros(0)
    return special.j0(2.0 * np.pi * np.arange(1, n) * w / (n - 1))


def _sample(n, w, shape, model, rng, block_mu2, remainder, correlation):
    if correlation is not None:
        A = correlation_factor(n, w, correlation=correlation)
        return rayleigh((*shape, A.shape[1]), rng, layout="interleaved") @ A.T
    if model == "jakes":
        A = correlation_factor(n, w)
        return rayleigh((*shape, A.shape[1]), rng, layout="interleaved") @ A.T
    if model == "independent":
        return rayleigh((*shape, n), rng, layout="interleaved")
    if model == "wong":
        z = rayleigh((*shape, n), rng, layout="interleaved")
        mu = _wong_mu(n, w)
        h = z.copy()
        h[..., 1:] = np.sqrt(np.clip(1.0 - mu**2, 0.0, None)) * z[..., 1:] + mu * z[..., :1]
        return h
    if model == "constant":
        mu2 = float(constant_correlation_mu2(w))
        z = rayleigh((*shape, n + 1), rng, layout="interleaved")
        return np.sqrt(1.0 - mu2) * z[..., 1:] + np.sqrt(mu2) * z[..., :1]
    # block
    sizes = block_sizes(n, w, block_mu2, remainder=remainder)
    z = rayleigh((*shape, n + sizes.size), rng, layout="interleaved")
    common = np.repeat(np.arange(sizes.size), sizes)
    n_blk = min(int(sizes.sum()), n)
    h = z[..., sizes.size :].copy()  # leftover ports (remainder="drop") stay independent
    a, b = np.sqrt(1.0 - block_mu2), np.sqrt(block_mu2)
    h[..., :n_blk] = a * z[..., sizes.size : sizes.size + n_blk] + b * z[..., common[:n_blk]]
    return h


def _validate_sampler(n_ports, aperture_wl, model, block_mu2, remainder):
    n = _n_ports(n_ports)
    _aperture(aperture_wl)
    check_choice("model", model, CHANNEL_MODELS)
    real_scalar("block_mu2", block_mu2, 0.0, 1.0, high_open=True)
    check_choice("remainder", remainder, ("block", "drop"))
    return n, float(aperture_wl)


def sample_port_channels(
    n_ports,
    aperture_wl,
    size=(),
    model="jakes",
    rng=None,
    *,
    block_mu2=BLOCK_MU2,
    remainder="block",
    correlation=None,
):
    r"""Draw unit-power complex port gains of a fluid antenna.

    Parameters
    ----------
    n_ports : int
        Number of ports :math:`N`, 1 … :data:`MAX_PORTS`.
    aperture_wl : float
        Antenna length :math:`W` [wavelengths], 0 … :data:`MAX_APERTURE_WL`.
    size : int or tuple of int, optional
        Batch shape; the result has shape ``(*size, N)`` with at most
        :data:`MAX_SAMPLE_ENTRIES` entries. For transmit-side architecture TA (M separate
        antennas, independent of each other) use ``size=(..., M)``.
    model : {"jakes", "wong", "constant", "block", "independent"}, optional
        Spatial law (module docstring). Default ``"jakes"``.
    rng : Generator, int or None, optional
        Random source.
    block_mu2 : float, optional
        Intra-block correlation of ``model="block"`` (default 0.97, [RE24] code).
    remainder : {"block", "drop"}, optional
        Leftover-port rule of :func:`block_sizes`. With ``"drop"`` the ports outside the
        blocks are drawn independently (only ``"block"`` matches the quadrature exactly).
    correlation : array_like, shape (N, N), optional
        Overrides the model with an arbitrary Hermitian positive semidefinite correlation
        matrix (e.g. :func:`planar_jakes_correlation`), sampled through its truncated
        eigenbasis; an indefinite matrix raises ``ValueError`` (see
        :func:`correlation_factor`).

    Returns
    -------
    ndarray of complex, shape ``(*size, N)``
        Port gains with :math:`\mathbb{E}|h_n|^2 = 1` (multiply by :math:`\sqrt\beta` for
        large-scale gain).

    Notes
    -----
    ``"jakes"``: :math:`h = U_K\Lambda_K^{1/2}z`, :math:`z\sim\mathcal{CN}(0, I_K)` ([RE24]
    reference code ``SimOutage.m``). ``"wong"``: :math:`h_0 = z_0`,
    :math:`h_k = \sqrt{1-\mu_k^2}z_k + \mu_k z_0` ([W21] eq. (5)). ``"constant"``:
    :math:`h_k = \sqrt{1-\mu^2}z_k + \mu z_0` with an auxiliary :math:`z_0` ([WT22]).

    Examples
    --------
    >>> h = sample_port_channels(8, 1.0, size=(1000,), rng=0)
    >>> h.shape, h.dtype
    ((1000, 8), dtype('complex128'))
    """
    n, w = _validate_sampler(n_ports, aperture_wl, model, block_mu2, remainder)
    shape = _size_tuple(size, n)
    rng = as_generator(rng)
    return _sample(n, w, shape, model, rng, float(block_mu2), remainder, correlation)


def sample_port_channel_sequence(
    n_ports,
    aperture_wl,
    n_frames,
    rho_t,
    size=(),
    model="jakes",
    rng=None,
    *,
    block_mu2=BLOCK_MU2,
    remainder="block",
    correlation=None,
):
    r"""Draw a stationary Gauss-Markov sequence of port channels.

    Parameters
    ----------
    n_ports, aperture_wl, size, model, rng, block_mu2, remainder, correlation
        As in :func:`sample_port_channels`.
    n_frames : int
        Number of frames :math:`T_h \ge 1`; the output holds at most
        :data:`MAX_SAMPLE_ENTRIES` entries.
    rho_t : float
        Lag-one correlation :math:`\rho_t \in [-1, 1]`, e.g. :func:`frame_correlation`.

    Returns
    -------
    ndarray of complex, shape ``(n_frames, *size, N)``
        :math:`g^0` a draw of the spatial law and
        :math:`g^t = \rho_t g^{t-1} + \sqrt{1-\rho_t^2}\,e^t`, :math:`e^t` fresh draws of the same
        law: every frame has the spatial law of :func:`sample_port_channels` and
        :math:`\mathbb{E}[g^t_n \overline{g^{t-1}_n}] = \rho_t`.

    Notes
    -----
    First-order autoregressive approximation of Clarke's time correlation
    :math:`J_0(2\pi f_D \tau)` (e.g. Baddour & Beaulieu, IEEE TWC 4(4), 2005,
    doi:10.1109/TWC.2005.850327).

    Examples
    --------
    >>> g = sample_port_channel_sequence(4, 1.0, n_frames=5, rho_t=0.9, size=(2,), rng=0)
    >>> g.shape
    (5, 2, 4)
    """
    n, w = _validate_sampler(n_ports, aperture_wl, model, block_mu2, remainder)
    t = check_integer("n_frames", n_frames, low=1, high=MAX_SAMPLE_ENTRIES)
    rho = real_scalar("rho_t", rho_t, -1.0, 1.0)
    shape = _size_tuple(size, n, t)
    rng = as_generator(rng)
    draws = _sample(n, w, (t, *shape), model, rng, float(block_mu2), remainder, correlation)
    out = np.empty_like(draws)
    out[0] = draws[0]
    innov = np.sqrt(max(1.0 - rho * rho, 0.0))
    for i in range(1, t):
        out[i] = rho * out[i - 1] + innov * draws[i]
    return out
