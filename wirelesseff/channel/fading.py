r"""Small-scale fading: Rayleigh, Rician, correlated Rayleigh and shadowed-Rician (LMS) models.

All samplers take ``rng`` (``numpy.random.Generator``, integer seed or None) and never touch
global numpy state. Complex channel coefficients have unit average power unless stated, and
arrays follow the package convention: batch axes first, antennas last.

References
----------
.. [1] A. Abdi, W. C. Lau, M.-S. Alouini, M. Kaveh, "A new simple model for land mobile
   satellite channels: first- and second-order statistics", IEEE Transactions on Wireless
   Communications, vol. 2, no. 3, pp. 519-528, 2003, doi:10.1109/TWC.2003.811182.
.. [2] S. L. Loyka, "Channel capacity of MIMO architecture using the exponential correlation
   matrix", IEEE Communications Letters, vol. 5, no. 9, pp. 369-371, 2001,
   doi:10.1109/4234.951380.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from scipy import special, stats

from .._validation import (
    as_generator,
    check_choice,
    check_finite,
    check_in_range,
    check_integer,
    check_nonnegative,
    check_positive,
    check_real_array,
)

__all__ = [
    "MAX_SAMPLES",
    "MAX_CORRELATION_DIM",
    "rayleigh",
    "rician",
    "correlated_rayleigh",
    "exponential_correlation",
    "ShadowedRician",
]

#: Relative tolerance used to accept a covariance as Hermitian and positive semidefinite.
COVARIANCE_RTOL: float = 1e-8
#: Largest number of samples drawn by one call of a sampler (2**27, 2 GiB of complex128):
#: checked before anything is allocated; draw larger sets in batches.
MAX_SAMPLES: int = 2**27
#: Largest dimension of :func:`exponential_correlation` (a dense 16384 x 16384 matrix: 4 GiB
#: complex128), checked before anything is allocated.
MAX_CORRELATION_DIM: int = 2**14


def _shape(size, name="size"):
    if size is None:
        return ()
    if isinstance(size, int | np.integer) or (isinstance(size, float | np.floating)):
        shape = (check_integer(name, size, low=0, high=MAX_SAMPLES),)
    elif isinstance(size, str | bytes) or not np.iterable(size):
        raise TypeError(f"{name} must be an int, a tuple of ints or None, got {size!r}")
    else:
        shape = tuple(check_integer(name, s, low=0, high=MAX_SAMPLES) for s in size)
    n = 1
    for d in shape:
        n *= d
    if n > MAX_SAMPLES:
        raise ValueError(f"{name} must describe at most {MAX_SAMPLES} samples (MAX_SAMPLES), "
                         f"got shape {shape} ({n} samples)")
    return shape


def _out(x):
    x = np.asarray(x)
    return x[()] if x.ndim == 0 else x


def _cn(gen, shape, layout="split"):
    """Circularly-symmetric complex Gaussian CN(0, 1) samples (see :func:`rayleigh`)."""
    if layout == "split":
        return (gen.standard_normal(shape) + 1j * gen.standard_normal(shape)) * np.sqrt(0.5)
    x = gen.standard_normal((*shape, 2))
    return (x[..., 0] + 1j * x[..., 1]) * np.sqrt(0.5)


def rayleigh(size, rng=None, *, layout="split"):
    r"""I.i.d. Rayleigh fading coefficients :math:`h \sim \mathcal{CN}(0, 1)`.

    Parameters
    ----------
    size : int, tuple of int or None
        Output shape (batch axes first, antennas last); None returns one complex scalar. At most
        :data:`MAX_SAMPLES` samples per call (every sampler of this module).
    rng : numpy.random.Generator, int or None, optional
        Random source (see :func:`wirelesseff._validation.as_generator`).
    layout : {"split", "interleaved"}, optional
        How the standard normals are taken from ``rng``: ``"split"`` (default) draws all real
        parts, then all imaginary parts; ``"interleaved"`` draws (real, imaginary) pairs, i.e. a
        real array of shape ``(*size, 2)`` read as complex numbers. Both give the same
        distribution; they consume the generator differently, so one seed gives different
        samples (the fluid-antenna samplers use ``"interleaved"``, which keeps their published
        seeds reproducible).

    Returns
    -------
    complex ndarray or complex
        Samples with :math:`E[h] = 0`, :math:`E|h|^2 = 1` (real and imaginary parts
        :math:`\mathcal{N}(0, 1/2)`), so :math:`|h|^2 \sim \mathrm{Exp}(1)`.

    Examples
    --------
    >>> h = rayleigh((2, 4), rng=0)
    >>> h.shape, h.dtype
    ((2, 4), dtype('complex128'))
    >>> bool(rayleigh(3, rng=1, layout="interleaved")[0] == rayleigh(3, rng=1)[0])
    False
    """
    gen = as_generator(rng)
    check_choice("layout", layout, ("split", "interleaved"))
    return _out(_cn(gen, _shape(size), layout))


def rician(k_factor, size, rng=None, los_phase=None):
    r"""Rician fading coefficients with unit mean power.

    Parameters
    ----------
    k_factor : array_like
        Rician factor :math:`K \ge 0` [linear, -] (LoS to scattered power ratio); ``inf``
        gives the deterministic LoS component. Broadcasts against ``size``.
    size : int, tuple of int or None
        Output shape; None uses the broadcast shape of ``k_factor`` and ``los_phase``.
    rng : numpy.random.Generator, int or None, optional
        Random source.
    los_phase : array_like, optional
        Phase :math:`\phi` of the LoS component [rad] (e.g. the phases of a steering vector,
        broadcasting against ``size``). Default 0 (deterministic LoS phase).

    Returns
    -------
    complex ndarray or complex
        :math:`h = \sqrt{\tfrac{K}{K+1}}e^{j\phi} + \sqrt{\tfrac{1}{K+1}}\,z`,
        :math:`z\sim\mathcal{CN}(0,1)`, so :math:`E|h|^2 = 1` and
        :math:`E[h] = \sqrt{K/(K+1)}\,e^{j\phi}`.

    Raises
    ------
    ValueError
        If ``k_factor < 0`` (or NaN), ``los_phase`` is not finite, or the parameters do not
        broadcast to ``size``.

    Notes
    -----
    :math:`|h|` is Rice distributed with :math:`E|h|^4 = (K^2+4K+2)/(K+1)^2`. To express
    :math:`K` in dB use :func:`wirelesseff.units.db2lin`.

    References
    ----------
    .. [1] A. Goldsmith, *Wireless Communications*, Cambridge University Press, 2005,
       Sec. 3.2.1, doi:10.1017/CBO9780511841224.

    Examples
    --------
    >>> complex(rician(np.inf, None, rng=0, los_phase=np.pi / 2)).imag
    1.0
    >>> rician([0.0, 10.0], (1000, 2), rng=1).shape
    (1000, 2)
    """
    k = check_real_array("k_factor", k_factor, 0.0, None, finite=False)
    phase = np.zeros(()) if los_phase is None else check_real_array("los_phase", los_phase)
    base = np.broadcast_shapes(k.shape, phase.shape)
    if size is None:
        shape = base
    else:
        shape = _shape(size)
        try:
            ok = np.broadcast_shapes(shape, base) == shape
        except ValueError:
            ok = False
        if not ok:
            raise ValueError(f"k_factor (shape {k.shape}) and los_phase (shape {phase.shape}) "
                             f"must broadcast to size {shape}")
    gen = as_generator(rng)
    inf = np.isinf(k)
    kf = np.where(inf, 0.0, k)
    a_los = np.where(inf, 1.0, np.sqrt(kf / (kf + 1.0)))
    a_nlos = np.where(inf, 0.0, np.sqrt(1.0 / (kf + 1.0)))
    h = a_los * np.exp(1j * phase) + a_nlos * _cn(gen, shape)
    return _out(h)


def _check_covariance(covariance):
    r = np.asarray(covariance)
    if r.ndim < 2 or r.shape[-1] != r.shape[-2]:
        raise ValueError(f"covariance must have trailing shape (N, N) (batch axes first), "
                         f"got shape {r.shape}")
    if r.shape[-1] == 0:
        raise ValueError("covariance must be at least 1x1, got shape " f"{r.shape}")
    if not (np.issubdtype(r.dtype, np.number) and np.all(np.isfinite(r))):
        raise ValueError("covariance must be a finite numeric array")
    r = r.astype(complex if np.iscomplexobj(r) else float)
    scale = float(np.max(np.abs(r))) if r.size else 0.0
    rh = np.conj(np.swapaxes(r, -1, -2))
    herm_err = float(np.max(np.abs(r - rh)))
    if herm_err > COVARIANCE_RTOL * max(scale, np.finfo(float).tiny):
        raise ValueError(f"covariance must be Hermitian (R = R^H within relative tolerance "
                         f"{COVARIANCE_RTOL:g}), got max |R - R^H| = {herm_err:.3g} "
                         f"for max |R| = {scale:.3g}")
    r = 0.5 * (r + rh)
    lam, u = np.linalg.eigh(r)
    lam_max = np.max(np.abs(lam), axis=-1, keepdims=True)
    bad = lam < -COVARIANCE_RTOL * np.maximum(lam_max, np.finfo(float).tiny)
    if np.any(bad):
        raise ValueError(f"covariance must be positive semidefinite (eigenvalues >= "
                         f"-{COVARIANCE_RTOL:g} * max eigenvalue), got minimum eigenvalue "
                         f"{float(np.min(lam)):.6g} (max {float(np.max(lam_max)):.6g})")
    # Eigenvalues at round-off level (|lam| <= 16 N eps lam_max) are numerically zero; dropping
    # them keeps rank-deficient covariances exactly rank-deficient (sqrt would amplify noise).
    noise_floor = 16.0 * r.shape[-1] * np.finfo(float).eps * lam_max
    return r, np.where(lam <= noise_floor, 0.0, lam), u


def correlated_rayleigh(covariance, size=(), rng=None, method="eigen"):
    r"""Correlated Rayleigh fading :math:`\mathbf{h} \sim \mathcal{CN}(\mathbf{0}, \mathbf{R})`.

    Parameters
    ----------
    covariance : array_like, shape (..., N, N)
        Hermitian positive semidefinite covariance :math:`\mathbf{R}` (a batch of covariances
        is allowed, e.g. one per user). Tolerance: :data:`COVARIANCE_RTOL` relative to the
        largest entry (Hermitian) or eigenvalue (PSD); eigenvalues at round-off level
        (:math:`\le 16 N \epsilon \lambda_{\max}`) are set to zero.
    size : int or tuple of int, optional
        Number of independent realisations as leading axes (default: one realisation).
    rng : numpy.random.Generator, int or None, optional
        Random source.
    method : {"eigen", "cholesky"}, optional
        Square root of :math:`\mathbf{R}`: ``"eigen"`` (default) uses
        :math:`\mathbf{U}\boldsymbol{\Lambda}^{1/2}` from :math:`\mathbf{R} =
        \mathbf{U}\boldsymbol{\Lambda}\mathbf{U}^\mathsf{H}` and handles singular (rank-deficient)
        covariances; ``"cholesky"`` needs :math:`\mathbf{R} \succ 0`.

    Returns
    -------
    complex ndarray, shape ``(*size, ..., N)``
        :math:`\mathbf{h} = \mathbf{R}^{1/2}\mathbf{z}`, :math:`\mathbf{z}\sim
        \mathcal{CN}(\mathbf{0},\mathbf{I}_N)`, so :math:`E[\mathbf{h}\mathbf{h}^\mathsf{H}] =
        \mathbf{R}`.

    Raises
    ------
    ValueError
        If ``covariance`` is not square, not finite, not Hermitian or not PSD (message names
        ``covariance``), or if ``method="cholesky"`` and it is singular.

    Examples
    --------
    >>> R = exponential_correlation(4, 0.9)
    >>> h = correlated_rayleigh(R, size=20000, rng=0)
    >>> h.shape, bool(np.allclose(h.T @ h.conj() / 20000, R, atol=0.05))
    ((20000, 4), True)
    """
    check_choice("method", method, ("eigen", "cholesky"))
    r, lam, u = _check_covariance(covariance)
    if method == "eigen":
        f = u * np.sqrt(lam)[..., None, :]
    else:
        try:
            f = np.linalg.cholesky(r)
        except np.linalg.LinAlgError:
            raise ValueError("covariance is positive semidefinite but singular, so it has no "
                             "Cholesky factor; use method='eigen'") from None
    gen = as_generator(rng)
    shape = _shape(size) + r.shape[:-1]
    z = _cn(gen, shape)
    return np.matmul(f, z[..., None])[..., 0]


def exponential_correlation(n, rho):
    r"""Exponential correlation matrix :math:`[\mathbf{R}]_{ij} = \rho^{\,j-i}` (:math:`i\le j`).

    Parameters
    ----------
    n : int
        Dimension :math:`N`, in [1, :data:`MAX_CORRELATION_DIM`] (the dense matrix has
        :math:`N^2` entries).
    rho : complex or float
        Correlation coefficient between adjacent antennas, :math:`|\rho| \le 1`.

    Returns
    -------
    ndarray, shape (n, n)
        Hermitian Toeplitz matrix with unit diagonal and
        :math:`[\mathbf{R}]_{ji} = [\mathbf{R}]_{ij}^*`; real if ``rho`` is real. It is
        positive definite for :math:`|\rho| < 1`.

    Notes
    -----
    Model of Loyka (IEEE Commun. Lett. 2001; see the module references), widely used for
    uniform linear arrays.

    Examples
    --------
    >>> exponential_correlation(3, 0.5)
    array([[1.  , 0.5 , 0.25],
           [0.5 , 1.  , 0.5 ],
           [0.25, 0.5 , 1.  ]])
    """
    n = check_integer("n", n, low=1, high=MAX_CORRELATION_DIM)
    rho_arr = np.asarray(rho)
    if rho_arr.ndim != 0 or not np.issubdtype(rho_arr.dtype, np.number):
        raise ValueError(f"rho must be a real or complex scalar, got {rho!r}")
    check_in_range("rho", float(np.abs(rho_arr)), 0.0, 1.0, what="in modulus")
    idx = np.arange(n)
    diff = idx[None, :] - idx[:, None]
    upper = np.power(rho_arr.astype(complex if np.iscomplexobj(rho_arr) else float),
                     np.abs(diff).astype(float))
    return np.where(diff >= 0, upper, np.conj(upper))


# --------------------------------------------------------------------------------------------
# Shadowed-Rician (Abdi et al. 2003)
# --------------------------------------------------------------------------------------------

#: Largest cached negative-binomial table of ShadowedRician.cdf/sf (beyond: direct evaluation).
_MAX_TABLE = 2_000_000
#: Elevation range [deg] of the cubic parameter fits of ShadowedRician.from_elevation.
_ELEVATION_FIT_RANGE_DEG = (20.0, 90.0)


def _scalar_param(name, value):
    arr = check_in_range(name, value, allow_nan=True)  # real and numeric (TypeError otherwise)
    if arr.ndim != 0:
        raise ValueError(f"{name} must be a scalar, got shape {arr.shape}")
    check_finite(**{name: arr})
    return float(arr)


@dataclass(frozen=True)
class ShadowedRician:
    r"""Shadowed-Rician land-mobile-satellite fading (Abdi, Lau, Alouini, Kaveh 2003).

    The channel coefficient is

    .. math:: h = A e^{j\alpha} + Z,\quad A^2 \sim \mathrm{Gamma}(m,\ \Omega/m),\quad
              \alpha \sim \mathcal{U}[0, 2\pi),\quad Z \sim \mathcal{CN}(0, 2b),

    i.e. a Rician channel whose LoS amplitude is Nakagami-:math:`m` distributed with
    :math:`E[A^2] = \Omega`. The methods :meth:`pdf`, :meth:`cdf`, :meth:`sf` and :meth:`ppf`
    describe the power gain :math:`x = |h|^2`.

    Parameters
    ----------
    b : float
        Half of the average power of the scattered (multipath) component, :math:`b > 0` [-].
    m : float
        Nakagami parameter of the LoS amplitude, :math:`m > 0` [-] (:math:`m \to \infty`:
        Rician, :math:`m \to 0`: Rayleigh-like with heavy shadowing).
    omega : float
        Average power of the LoS component, :math:`\Omega \ge 0` [-].

    Raises
    ------
    ValueError
        If a parameter is not a scalar or outside its domain.

    Notes
    -----
    PDF of :math:`x = |h|^2` [1]_:

    .. math:: f(x) = \alpha_0 e^{-\beta_0 x}\,{}_1F_1(m; 1; \delta_0 x),\quad
              \alpha_0 = \frac{1}{2b}\Bigl(\frac{2bm}{2bm+\Omega}\Bigr)^m,\
              \beta_0 = \frac{1}{2b},\ \delta_0 = \frac{\Omega}{2b(2bm+\Omega)},

    evaluated in the equivalent Kummer form
    :math:`\alpha_0 e^{-(\beta_0-\delta_0)x}{}_1F_1(1-m;1;-\delta_0 x)`, which does not overflow
    (the direct form gives ``inf * 0`` for large :math:`m` or :math:`x`).

    The CDF uses the exact mixture representation obtained by expanding :math:`{}_1F_1` in
    series (derived here): :math:`x \mid k \sim \mathrm{Gamma}(k+1, \text{scale } 2b)` with
    :math:`k \sim \mathrm{NB}(m, p)` negative-binomial (:math:`m` successes, success
    probability :math:`p = 2bm/(2bm+\Omega)`). Since :math:`P(k+1, y) = \Pr[\mathrm{Pois}(y)
    \ge k+1]`, exchanging the sums gives

    .. math:: F(x) = \sum_{j\ge1} \frac{y^j e^{-y}}{j!}\, W(j-1),\qquad y = \frac{x}{2b},

    with :math:`W` the negative-binomial CDF (and the same with its survival function for
    :meth:`sf`). All terms are positive, so small and large probabilities are both accurate,
    and only the Poisson window :math:`y \pm 12\sqrt{y}` (+32) is summed (neglected mass
    < 1e-30). :meth:`ppf` inverts the CDF by bracketed Newton iterations.

    :meth:`sample` uses the physical construction above (Gamma **shape** :math:`m`, scale
    :math:`\Omega/m`), never grid inversion of the CDF.

    Mean and variance of :math:`x`: :math:`E[x] = 2b + \Omega`,
    :math:`\mathrm{Var}[x] = \Omega^2/m + 4b\Omega + 4b^2`.

    References
    ----------
    .. [1] A. Abdi, W. C. Lau, M.-S. Alouini, M. Kaveh, "A new simple model for land mobile
       satellite channels: first- and second-order statistics", IEEE Trans. Wireless Commun.,
       vol. 2, no. 3, pp. 519-528, 2003, doi:10.1109/TWC.2003.811182.

    Examples
    --------
    >>> sr = ShadowedRician.average()
    >>> round(sr.mean_power, 3)
    1.087
    >>> round(float(sr.cdf(sr.ppf(0.01))), 12)
    0.01
    """

    b: float
    m: float
    omega: float

    def __post_init__(self):
        b = _scalar_param("b", self.b)
        m = _scalar_param("m", self.m)
        omega = _scalar_param("omega", self.omega)
        check_positive(b=b, m=m)
        check_nonnegative(omega=omega)
        check_finite(b=b, m=m, omega=omega)
        object.__setattr__(self, "b", b)
        object.__setattr__(self, "m", m)
        object.__setattr__(self, "omega", omega)

    # ----- presets ---------------------------------------------------------------------------
    @classmethod
    def heavy(cls) -> ShadowedRician:
        r"""Frequent heavy shadowing (FHS) of [1]_: :math:`(b, m, \Omega) =
        (0.063, 0.739, 8.97\cdot10^{-4})`.

        Note :math:`\Omega = 8.97\cdot10^{-4}` (not :math:`8.97\cdot10^{4}`, a typo found in
        public code).

        References
        ----------
        .. [1] Abdi et al., IEEE Trans. Wireless Commun. 2(3):519-528, 2003.

        Examples
        --------
        >>> ShadowedRician.heavy()
        ShadowedRician(b=0.063, m=0.739, omega=0.000897)
        """
        return cls(0.063, 0.739, 8.97e-4)

    @classmethod
    def average(cls) -> ShadowedRician:
        r"""Average shadowing (AS) of [1]_: :math:`(b, m, \Omega) = (0.126, 10.1, 0.835)`.

        References
        ----------
        .. [1] Abdi et al., IEEE Trans. Wireless Commun. 2(3):519-528, 2003.
        """
        return cls(0.126, 10.1, 0.835)

    @classmethod
    def light(cls) -> ShadowedRician:
        r"""Infrequent light shadowing (ILS) of [1]_: :math:`(b, m, \Omega) =
        (0.158, 19.4, 1.29)` (not the rounded (20, 1.3) found in public code).

        References
        ----------
        .. [1] Abdi et al., IEEE Trans. Wireless Commun. 2(3):519-528, 2003.
        """
        return cls(0.158, 19.4, 1.29)

    @classmethod
    def from_elevation(cls, elevation) -> ShadowedRician:
        r"""Elevation-dependent parameters from cubic fits in the elevation angle (degrees).

        Parameters
        ----------
        elevation : float
            Elevation angle :math:`\theta` [rad], in :math:`[20°, 90°]` (the fits' validity;
            :math:`\Omega` becomes negative at low elevation).

        Returns
        -------
        ShadowedRician

        Raises
        ------
        ValueError
            If ``elevation`` is not a scalar in :math:`[\pi/9, \pi/2]`.

        Notes
        -----
        With :math:`\theta` in degrees:

        .. math::

           b &= -4.7943\cdot10^{-8}\theta^3 + 5.5784\cdot10^{-6}\theta^2
                - 2.1344\cdot10^{-4}\theta + 3.2710\cdot10^{-2} \\
           m &= 6.3739\cdot10^{-5}\theta^3 + 5.8533\cdot10^{-4}\theta^2
                - 1.5973\cdot10^{-1}\theta + 3.5156 \\
           \Omega &= 1.4428\cdot10^{-5}\theta^3 - 2.3798\cdot10^{-3}\theta^2
                + 1.2702\cdot10^{-1}\theta - 1.4864

        These fits are used by public NTN simulators that cite Abdi et al. (2003) for them;
        that paper gives only the three fixed conditions (:meth:`heavy`, :meth:`average`,
        :meth:`light`), and the fits do not reproduce them (:math:`b \approx 0.024`-0.030 here),
        so their primary source is **unverified**. Treat them as an assumption.

        Examples
        --------
        >>> sr = ShadowedRician.from_elevation(np.deg2rad(50.0))
        >>> round(sr.b, 6), round(sr.m, 4), round(sr.omega, 4)
        (0.029991, 4.9598, 0.7186)
        """
        lo, hi = _ELEVATION_FIT_RANGE_DEG
        el = _scalar_param("elevation", elevation)
        check_in_range("elevation", el, np.deg2rad(lo), np.deg2rad(hi),
                       what="(rad, i.e. 20-90 degrees: validity of the cubic fits)")
        t = np.rad2deg(el)
        b = -4.7943e-8 * t**3 + 5.5784e-6 * t**2 - 2.1344e-4 * t + 3.2710e-2
        m = 6.3739e-5 * t**3 + 5.8533e-4 * t**2 - 1.5973e-1 * t + 3.5156
        omega = 1.4428e-5 * t**3 - 2.3798e-3 * t**2 + 1.2702e-1 * t - 1.4864
        return cls(float(b), float(m), float(omega))

    # ----- moments ---------------------------------------------------------------------------
    @property
    def mean_power(self) -> float:
        r"""Mean power :math:`E|h|^2 = 2b + \Omega` [-]."""
        return 2.0 * self.b + self.omega

    @property
    def var_power(self) -> float:
        r"""Variance of :math:`|h|^2`: :math:`\Omega^2/m + 4b\Omega + 4b^2` [-]."""
        return self.omega**2 / self.m + 4.0 * self.b * self.omega + 4.0 * self.b**2

    @property
    def k_factor(self) -> float:
        r"""Average Rician factor :math:`\Omega/(2b)` [-] (LoS to scattered power)."""
        return self.omega / (2.0 * self.b)

    def normalized(self) -> ShadowedRician:
        r"""Copy with :math:`b` and :math:`\Omega` scaled by :math:`1/(2b+\Omega)` (unit mean
        power, same :math:`m` and K-factor).

        Examples
        --------
        >>> round(ShadowedRician.light().normalized().mean_power, 12)
        1.0
        """
        s = 1.0 / self.mean_power
        return type(self)(self.b * s, self.m, self.omega * s)

    # ----- distribution of x = |h|^2 ----------------------------------------------------------
    def pdf(self, x):
        r"""Probability density of :math:`x = |h|^2` (Kummer form; 0 for :math:`x < 0`).

        Parameters
        ----------
        x : array_like
            Power gain values [-].

        Returns
        -------
        ndarray or float
            :math:`f(x)` [-], same shape as ``x``.

        Examples
        --------
        >>> round(float(ShadowedRician(0.5, 1.0, 0.0).pdf(1.0)), 12)   # Exp(1) when Omega = 0
        0.367879441171
        """
        x = np.asarray(check_in_range("x", x, allow_nan=True), dtype=float)
        b, m, om = self.b, self.m, self.omega
        two_bm = 2.0 * b * m
        alpha0 = (two_bm / (two_bm + om)) ** m / (2.0 * b)
        delta0 = om / (2.0 * b * (two_bm + om))
        rate = m / (two_bm + om)  # beta0 - delta0 > 0
        xp = np.where(x > 0, x, 0.0)
        expo = np.exp(-rate * xp)
        with np.errstate(over="ignore", invalid="ignore"):
            hyp = special.hyp1f1(1.0 - m, 1.0, -delta0 * xp)
            val = alpha0 * expo * hyp
        val = np.where(expo == 0.0, 0.0, np.clip(val, 0.0, None))
        val = np.where(x < 0, 0.0, val)
        val = np.where(np.isnan(x), np.nan, val)
        return _out(val)

    @functools.cached_property
    def _nb_tables(self):
        """Cache of negative-binomial CDF/SF tables (grown on demand)."""
        return {"cdf": np.zeros(0), "sf": np.zeros(0)}

    def _nb(self, k, upper):
        r"""Negative-binomial CDF (or SF if ``upper``) at integer ``k`` (-1 allowed)."""
        p = 2.0 * self.b * self.m / (2.0 * self.b * self.m + self.omega)
        key = "sf" if upper else "cdf"
        k = np.asarray(k, dtype=np.int64)
        kmax = int(k.max(initial=-1))
        table = self._nb_tables[key]
        want = min(kmax + 1, _MAX_TABLE)
        if table.size < want:
            kk = np.arange(max(want, 2 * table.size), dtype=float)
            dist = stats.nbinom(self.m, p)
            table = dist.sf(kk) if upper else dist.cdf(kk)
            self._nb_tables[key] = table
        out = np.empty(k.shape)
        neg = k < 0
        inside = ~neg & (k < table.size)
        out[neg] = 1.0 if upper else 0.0
        out[inside] = table[k[inside]]
        beyond = ~neg & ~inside
        if np.any(beyond):  # only for astronomically large x / (2b)
            dist = stats.nbinom(self.m, p)
            out[beyond] = dist.sf(k[beyond]) if upper else dist.cdf(k[beyond])
        return out

    def _poisson_mixture(self, x, upper):
        r"""F(x) (or S(x)) as a Poisson-weighted sum of negative-binomial CDF (SF) values."""
        y = (np.where(x > 0, x, 0.0) / (2.0 * self.b)).ravel()
        out = np.zeros(y.size) if not upper else np.ones(y.size)
        out[np.isposinf(y)] = 0.0 if upper else 1.0
        pos = np.flatnonzero((y > 0) & np.isfinite(y))
        order = pos[np.argsort(y[pos])]
        i, n = 0, order.size
        while i < n:
            rows = min(4096, n - i)
            while True:
                y_max = y[order[i + rows - 1]]
                width = int(24.0 * np.sqrt(y_max) + 64)
                if rows * width <= 4_000_000 or rows == 1:
                    break
                rows = max(1, 4_000_000 // width)
            idx = order[i:i + rows]
            yc = y[idx]
            start = np.floor(np.maximum(yc - 12.0 * np.sqrt(yc) - 32.0, 0.0)).astype(np.int64)
            j = start[:, None] + np.arange(width)
            pois = np.exp(j * np.log(yc)[:, None] - yc[:, None] - special.gammaln(j + 1.0))
            out[idx] = np.sum(pois * self._nb(j - 1, upper), axis=1)
            i += rows
        return np.clip(out, 0.0, 1.0).reshape(np.shape(x))

    def cdf(self, x):
        r"""Cumulative distribution :math:`F(x) = P(|h|^2 \le x)` (exact mixture series).

        Parameters
        ----------
        x : array_like
            Power gain thresholds [-].

        Returns
        -------
        ndarray or float
            :math:`F(x) \in [0, 1]`, same shape as ``x`` (0 for :math:`x \le 0`).

        Notes
        -----
        Poisson-weighted sum of negative-binomial CDF values (see the class notes); the cost
        per point grows like :math:`\sqrt{x/(2b)}`.

        Examples
        --------
        >>> sr = ShadowedRician.heavy()
        >>> round(float(sr.cdf(0.1)), 4)   # heavy shadowing: 55 % of the mass below 0.1
        0.5453
        """
        x = np.asarray(check_in_range("x", x, allow_nan=True), dtype=float)
        val = np.where(x <= 0, 0.0, self._poisson_mixture(x, upper=False))
        return _out(np.where(np.isnan(x), np.nan, val))

    def sf(self, x):
        r"""Survival function :math:`1 - F(x)`, accurate in the upper tail.

        Examples
        --------
        >>> sr = ShadowedRician.light()
        >>> bool(abs(sr.sf(2.0) + sr.cdf(2.0) - 1.0) < 1e-12)
        True
        """
        x = np.asarray(check_in_range("x", x, allow_nan=True), dtype=float)
        val = np.where(x <= 0, 1.0, self._poisson_mixture(x, upper=True))
        return _out(np.where(np.isnan(x), np.nan, val))

    def ppf(self, q):
        r"""Quantile function (inverse CDF) of :math:`|h|^2`.

        Parameters
        ----------
        q : array_like
            Probabilities in :math:`[0, 1]`.

        Returns
        -------
        ndarray or float
            :math:`x` with :math:`F(x) = q` (0 at :math:`q = 0`, ``inf`` at :math:`q = 1`),
            to about 1e-13 relative.

        Raises
        ------
        ValueError
            If ``q`` is outside :math:`[0, 1]`.

        Notes
        -----
        Safeguarded Newton iterations on :math:`F(x) - q` (on :math:`(1-q) - S(x)` for
        :math:`q > 1/2`, using :meth:`sf`), with a bisection fallback inside a maintained
        bracket.

        Examples
        --------
        >>> sr = ShadowedRician.light()
        >>> x = sr.ppf([0.01, 0.5, 0.99])
        >>> np.allclose(sr.cdf(x), [0.01, 0.5, 0.99], rtol=1e-12)
        True
        """
        q = np.asarray(check_in_range("q", q, 0.0, 1.0), dtype=float)
        out = np.where(q == 0.0, 0.0, np.inf).astype(float)
        inner = (q > 0.0) & (q < 1.0)
        if np.any(inner):
            out[inner] = self._ppf_inner(q[inner])
        return _out(out)

    def _ppf_inner(self, q):
        upper = q > 0.5
        target = np.where(upper, 1.0 - q, q)

        def residual(x):  # increasing in x, zero at the quantile
            return np.where(upper, target - self.sf(x), self.cdf(x) - target)

        lo = np.zeros_like(q)
        hi = np.full_like(q, self.mean_power)
        for _ in range(2000):
            need = residual(hi) < 0
            if not np.any(need):
                break
            hi = np.where(need, 2.0 * hi, hi)
        x = np.clip(-self.mean_power * np.log1p(-q), 0.0, None)
        x = np.where((x > lo) & (x < hi), x, 0.5 * (lo + hi))
        for _ in range(200):
            r = residual(x)
            f = np.asarray(self.pdf(x), dtype=float)
            lo = np.where(r < 0, x, lo)
            hi = np.where(r >= 0, x, hi)
            with np.errstate(divide="ignore", invalid="ignore"):
                x_new = x - r / f
            mid = np.where(lo > 0, np.sqrt(lo * hi), 0.5 * hi)
            bad = ~np.isfinite(x_new) | (x_new <= lo) | (x_new >= hi)
            x_new = np.where(bad, mid, x_new)
            done = (np.abs(x_new - x) <= 1e-14 * x_new) | (r == 0) | (hi - lo <= 1e-15 * hi)
            x = np.where(r == 0, x, x_new)
            if np.all(done):
                break
        return x

    # ----- sampling ---------------------------------------------------------------------------
    def sample_complex(self, size=None, rng=None):
        r"""Draw complex coefficients :math:`h = Ae^{j\alpha} + Z` by the physical construction.

        Parameters
        ----------
        size : int, tuple of int or None
            Output shape; None returns one complex scalar.
        rng : numpy.random.Generator, int or None, optional
            Random source.

        Returns
        -------
        complex ndarray or complex
            Samples; :math:`A^2 \sim \mathrm{Gamma}(\text{shape}=m, \text{scale}=\Omega/m)`,
            :math:`\alpha\sim\mathcal{U}[0,2\pi)`, :math:`Z\sim\mathcal{CN}(0,2b)`.

        Examples
        --------
        >>> ShadowedRician.average().sample_complex((3, 2), rng=0).shape
        (3, 2)
        """
        gen = as_generator(rng)
        shape = _shape(size)
        if self.omega > 0:
            a2 = gen.gamma(shape=self.m, scale=self.omega / self.m, size=shape)
        else:
            a2 = np.zeros(shape)
        phase = gen.uniform(0.0, 2.0 * np.pi, size=shape)
        z = np.sqrt(2.0 * self.b) * _cn(gen, shape)
        return _out(np.sqrt(a2) * np.exp(1j * phase) + z)

    def sample(self, size=None, rng=None):
        r"""Draw power gains :math:`x = |h|^2` (the variable of :meth:`pdf`/:meth:`cdf`).

        Uses :meth:`sample_complex` (same stream: ``sample(n, s) == abs(sample_complex(n, s))**2``).

        Examples
        --------
        >>> x = ShadowedRician.average().sample(200_000, rng=0)
        >>> bool(abs(x.mean() / 1.087 - 1.0) < 0.01)
        True
        """
        h = self.sample_complex(size, rng)
        return _out(np.abs(h) ** 2)
