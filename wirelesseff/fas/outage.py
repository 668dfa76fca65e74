r"""Outage probability of a single-user fluid antenna (best port, SNR threshold).

With ports of unit average power and the best port selected, the outage probability at
threshold :math:`\gamma_\mathrm{th}` and mean SNR :math:`\bar\gamma` is

.. math::
    P_\mathrm{out} = \Pr\!\left[\max_n |h_n|^2 < x\right], \qquad
    x = \gamma_\mathrm{th}/\bar\gamma.

:func:`outage_probability` evaluates it by quadrature for the models with a conditional
(given one Gaussian variable) independent structure; :func:`monte_carlo_outage` estimates it
for any law, in particular the exact Jakes correlation, which has no closed form.

The conditional CDF of one port given the common variable :math:`|z_0|^2 = t` is
:math:`F(t) = 1 - Q_1\!\left(\sqrt{2\mu^2 t/(1-\mu^2)},\, \sqrt{2x/(1-\mu^2)}\right)`, with
:math:`Q_1(a, b)` the first-order Marcum Q-function (a non-central chi-square survival function,
:math:`Q_1(a,b) =` ``scipy.stats.ncx2.sf(b**2, 2, a**2)``).
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange
from scipy import integrate, special

from .._validation import (
    as_generator,
    check_choice,
    check_finite,
    check_in_range,
    check_integer,
)
from ._checks import flag, real_scalar
from .channels import (
    BLOCK_MU2,
    CHANNEL_MODELS,
    MAX_PORTS,
    MAX_SAMPLE_ENTRIES,
    _aperture,
    _n_ports,
    _wong_mu,
    block_sizes,
    constant_correlation_mu2,
    correlation_factor,
    sample_port_channels,
)

__all__ = [
    "MAX_CHUNK",
    "MAX_MC_SAMPLES",
    "MAX_PORTS",
    "max_gain_numba",
    "max_gain_numpy",
    "monte_carlo_outage",
    "outage_probability",
]

_QUAD = {"limit": 200, "epsabs": 0.0, "epsrel": 1e-8}
#: Upper bound on ``n_samples`` of :func:`monte_carlo_outage` (about a minute per 1e8 samples
#: at N = 100 on one core).
MAX_MC_SAMPLES = 10**9
#: Upper bound on ``chunk`` of :func:`monte_carlo_outage` (memory per chunk).
MAX_CHUNK = 10**7


def _threshold_ratio(threshold, mean_snr):
    """x = threshold / mean_snr, validated (finite, threshold >= 0, mean_snr > 0)."""
    th = check_in_range("threshold", threshold, 0.0, None).astype(float)
    snr = check_in_range("mean_snr", mean_snr, 0.0, None, low_open=True).astype(float)
    check_finite(threshold=th, mean_snr=snr)
    try:
        np.broadcast_shapes(th.shape, snr.shape)
    except ValueError as exc:
        raise ValueError(f"threshold and mean_snr must broadcast, got shapes {th.shape} and "
                         f"{snr.shape}") from exc
    return th / snr
_DEGENERATE = 1e-10  # 1 - mu^2 below this: the port equals the common variable


def _port_cdf(t, x, mu2):
    r"""P(|h|^2 < x | |z_0|^2 = t) for h = sqrt(1-mu2) z + sqrt(mu2) z_0 (vectorised in t/mu2)."""
    one_m = 1.0 - mu2
    return special.chndtr(2.0 * x / one_m, 2.0, 2.0 * mu2 * t / one_m)


def _constant_integral(x, mu2, n):
    r""":math:`\int_0^\infty e^{-t} F(t)^n dt` (constant model, one block of n ports)."""
    if n == 0:
        return 1.0
    if 1.0 - mu2 < _DEGENERATE:
        return -np.expm1(-x)
    if mu2 == 0.0:
        return (-np.expm1(-x)) ** n

    def f(t):
        return np.exp(-t) * _port_cdf(t, x, mu2) ** n

    # F is decreasing in t; split where the conditional mean mu2*t crosses the threshold so
    # that quad sees the knee of F^n inside a finite interval.
    knee = min(max(x / mu2, 1e-3), 50.0)
    a = integrate.quad(f, 0.0, knee, **_QUAD)[0]
    b = integrate.quad(f, knee, np.inf, **_QUAD)[0]
    return a + b


def _wong_integral(x, mu):
    mu2 = mu**2
    degenerate = 1.0 - mu2 < _DEGENERATE
    mu2 = mu2[~degenerate]

    def f(t):
        return np.exp(-t) * np.prod(_port_cdf(t, x, mu2))

    return integrate.quad(f, 0.0, x, **_QUAD)[0]


def outage_probability(
    threshold,
    n_ports,
    aperture_wl,
    mean_snr=1.0,
    model="constant",
    *,
    block_mu2=BLOCK_MU2,
    remainder="block",
):
    r"""Outage probability of a fluid antenna with the best of :math:`N` ports (quadrature).

    Parameters
    ----------
    threshold : array_like
        SNR threshold :math:`\gamma_\mathrm{th}` [-] (linear), finite, :math:`\ge 0`.
    n_ports : int
        Number of ports :math:`N`, 1 … :data:`~wirelesseff.fas.channels.MAX_PORTS`.
    aperture_wl : float
        Antenna length :math:`W` [wavelengths], 0 …
        :data:`~wirelesseff.fas.channels.MAX_APERTURE_WL`.
    mean_snr : array_like, optional
        Mean SNR per port :math:`\bar\gamma > 0` [-] (linear, finite). Broadcasts with
        ``threshold``.
    model : {"constant", "block", "wong", "independent"}, optional
        Correlation model (see :mod:`wirelesseff.fas.channels`). ``"jakes"`` has no closed form:
        use :func:`monte_carlo_outage`.
    block_mu2 : float, optional
        Intra-block correlation of ``"block"`` (default 0.97, [RE24] code ``Figure_8.m``).
    remainder : {"block", "drop"}, optional
        Leftover-port rule of :func:`~wirelesseff.fas.channels.block_sizes`.

    Returns
    -------
    ndarray or float
        :math:`P_\mathrm{out}` broadcast over ``threshold`` and ``mean_snr``.

    Raises
    ------
    ValueError
        For ``model="jakes"`` or a domain error.

    Notes
    -----
    With :math:`x = \gamma_\mathrm{th}/\bar\gamma` and :math:`F` the conditional CDF of the
    module docstring:

    * ``independent``: :math:`(1-e^{-x})^N`;
    * ``constant`` ([WT22]; [RE24] eq. (43)):
      :math:`\int_0^\infty e^{-t} F_{\mu^2}(t)^N dt`;
    * ``block`` ([RE24] eq. (43)):
      :math:`\prod_b \int_0^\infty e^{-t} F_{\mu^2_\mathrm{blk}}(t)^{L_b} dt`;
    * ``wong`` ([W21]): :math:`\int_0^x e^{-t}\prod_{k=1}^{N-1} F_{\mu_k^2}(t)\,dt` (port 0 is
      the reference, :math:`|h_0|^2 = t`).

    Integrals use ``scipy.integrate.quad`` (limit 200, relative tolerance 1e-8); :math:`N = 1`
    returns exactly :math:`1 - e^{-x}`.

    References
    ----------
    .. [W21] K.-K. Wong, A. Shojaeifard, K.-F. Tong, Y. Zhang, "Fluid Antenna Systems", IEEE TWC
       20(3), 2021, doi:10.1109/TWC.2020.3037595.
    .. [WT22] K.-K. Wong, K.-F. Tong, "Fluid Antenna Multiple Access", IEEE TWC 21(7), 2022,
       doi:10.1109/TWC.2021.3133410.
    .. [RE24] P. Ramírez-Espinosa, D. Morales-Jiménez, K.-K. Wong, "A New Spatial
       Block-Correlation Model for Fluid Antenna Systems", arXiv:2401.04513, 2024.

    Examples
    --------
    >>> round(float(outage_probability(1.0, 2, 1.0, model="independent")), 12)  # (1 - 1/e)^2
    0.399576400894
    >>> round(float(outage_probability(1.0, 1, 1.0)), 12)  # one port: 1 - 1/e
    0.632120558829
    >>> round(float(outage_probability(1.0, 10, 1.0, model="constant")), 6)
    0.022561
    """
    check_choice("model", model, CHANNEL_MODELS)
    if model == "jakes":
        raise ValueError(
            "model must be one of 'constant', 'block', 'wong', 'independent' for the closed "
            "form, got 'jakes' (no closed form exists: use monte_carlo_outage)"
        )
    n = _n_ports(n_ports)
    w = _aperture(aperture_wl)
    real_scalar("block_mu2", block_mu2, 0.0, 1.0, high_open=True)
    check_choice("remainder", remainder, ("block", "drop"))
    x = _threshold_ratio(threshold, mean_snr)
    if n == 1:
        return (-np.expm1(-x))[()]
    if model == "independent":
        return ((-np.expm1(-x)) ** n)[()]
    uniq, inv = np.unique(x.ravel(), return_inverse=True)
    if model == "constant":
        mu2 = float(constant_correlation_mu2(w))
        vals = [_constant_integral(xi, mu2, n) for xi in uniq]
    elif model == "block":
        sizes = block_sizes(n, w, float(block_mu2), remainder=remainder)
        vals = [
            float(np.prod([_constant_integral(xi, float(block_mu2), int(L)) for L in sizes]))
            for xi in uniq
        ]
    else:  # wong
        mu = _wong_mu(n, w)
        vals = [_wong_integral(xi, mu) if xi > 0 else 0.0 for xi in uniq]
    out = np.clip(np.asarray(vals, dtype=float), 0.0, 1.0)[inv].reshape(x.shape)
    return out[()]


# --------------------------------------------------------------------------------------------
# Monte Carlo
# --------------------------------------------------------------------------------------------
_BLOCK = 64


@njit(cache=True, parallel=True)
def _max_gain_kernel(a_t, zr, zi, out):  # pragma: no cover - compiled
    n_samples, k_dim = zr.shape
    n_ports = a_t.shape[1]
    n_blocks = (n_samples + _BLOCK - 1) // _BLOCK
    for blk in prange(n_blocks):
        hr = np.empty(n_ports)
        hi = np.empty(n_ports)
        stop = min(n_samples, (blk + 1) * _BLOCK)
        for s in range(blk * _BLOCK, stop):
            for n in range(n_ports):
                hr[n] = 0.0
                hi[n] = 0.0
            for k in range(k_dim):
                a = zr[s, k]
                b = zi[s, k]
                for n in range(n_ports):
                    hr[n] += a * a_t[k, n]
                    hi[n] += b * a_t[k, n]
            best = 0.0
            for n in range(n_ports):
                g = hr[n] * hr[n] + hi[n] * hi[n]
                if g > best:
                    best = g
            out[s] = best


def max_gain_numba(factor, zr, zi):
    r"""Best-port gain :math:`\max_n |(A z)_n|^2` per sample (numba kernel, no (N, S) temporaries).

    Parameters
    ----------
    factor : ndarray, shape (N, K)
        Real factor :math:`A` (e.g. :func:`~wirelesseff.fas.channels.correlation_factor`).
    zr, zi : ndarray, shape (S, K)
        Real and imaginary parts of :math:`z` (drawn by the caller with numpy).

    Returns
    -------
    ndarray, shape (S,)
        :math:`\max_n |\sum_k A_{nk} z_{sk}|^2`.

    Examples
    --------
    >>> A = np.eye(2); zr = np.array([[1.0, 2.0]]); zi = np.array([[0.0, 1.0]])
    >>> max_gain_numba(A, zr, zi)
    array([5.])
    """
    a_t = np.ascontiguousarray(np.asarray(factor, dtype=np.float64).T)
    zr = np.ascontiguousarray(zr, dtype=np.float64)
    zi = np.ascontiguousarray(zi, dtype=np.float64)
    out = np.empty(zr.shape[0])
    _max_gain_kernel(a_t, zr, zi, out)
    return out


def max_gain_numpy(factor, zr, zi):
    r"""NumPy reference of :func:`max_gain_numba` (two real matrix products).

    Examples
    --------
    >>> A = np.eye(2); zr = np.array([[1.0, 2.0]]); zi = np.array([[0.0, 1.0]])
    >>> max_gain_numpy(A, zr, zi)
    array([5.])
    """
    a_t = np.asarray(factor, dtype=np.float64).T
    hr = zr @ a_t
    hi = zi @ a_t
    hr *= hr
    hi *= hi
    hr += hi
    return hr.max(axis=-1)


def monte_carlo_outage(
    threshold,
    n_ports,
    aperture_wl,
    mean_snr=1.0,
    model="jakes",
    n_samples=200_000,
    rng=None,
    *,
    backend="numba",
    chunk=20_000,
    return_stderr=False,
    correlation=None,
    block_mu2=BLOCK_MU2,
    remainder="block",
):
    r"""Monte-Carlo outage probability :math:`\Pr[\max_n|h_n|^2 < x]` of a fluid antenna.

    Parameters
    ----------
    threshold : array_like
        SNR threshold(s) [-] (linear, finite, ≥ 0); all thresholds use the same samples.
    n_ports : int
        Number of ports :math:`N`, 1 … :data:`~wirelesseff.fas.channels.MAX_PORTS`.
    aperture_wl : float
        Antenna length :math:`W` [wavelengths], 0 …
        :data:`~wirelesseff.fas.channels.MAX_APERTURE_WL`.
    mean_snr : array_like, optional
        Mean SNR per port [-] (finite, > 0); broadcasts with ``threshold``.
    model : str, optional
        Spatial law of :func:`~wirelesseff.fas.channels.sample_port_channels`; default
        ``"jakes"`` (exact correlation, truncated eigenbasis).
    n_samples : int, optional
        Number of channel draws :math:`S`, 1 … :data:`MAX_MC_SAMPLES` (default
        :math:`2\cdot10^5`, as in [RE24] code).
    rng : Generator, int or None, optional
        Random source.
    backend : {"numba", "numpy"}, optional
        Kernel for the eigenbasis models (``"jakes"`` or ``correlation=``): ``"numba"``, a
        parallel kernel without :math:`N\times S` temporaries, or ``"numpy"``, chunked matrix
        products. Both consume identical random numbers (drawn by numpy), so they agree to
        rounding. The other models always use the chunked sampler.
    chunk : int, optional
        Samples per chunk (memory bound), 1 … :data:`MAX_CHUNK` (default 20 000).
    return_stderr : bool, optional
        Also return the standard error :math:`\sqrt{P(1-P)/S}`.
    correlation : array_like, shape (N, N), optional
        Arbitrary port correlation (eigenbasis path), e.g. planar Jakes.
    block_mu2, remainder
        Passed to the block sampler.

    Returns
    -------
    p_out : ndarray or float
        Estimated outage probability, broadcast over ``threshold`` and ``mean_snr``.
    stderr : ndarray or float
        Only if ``return_stderr``.

    Notes
    -----
    Eigenbasis path: :math:`h = A z` with :math:`A = U_K\Lambda_K^{1/2}` real (the Jakes matrix
    is real symmetric), so :math:`|h_n|^2 = (A\Re z)_n^2 + (A\Im z)_n^2`. The [RE24] reference
    code ``SimOutage.m`` builds the same eigenbasis factor (keeping eigenvalues above an
    absolute 1e-5), but its single-user sampler omits the :math:`1/\sqrt2` of
    :math:`\mathcal{CN}(0, 1)`, so there :math:`\mathbb E|h_n|^2 = 2` and its SNR threshold
    :math:`\gamma` corresponds to :math:`x = \gamma/2` here (its multi-user sampler keeps the
    :math:`1/\sqrt2`).

    Examples
    --------
    >>> p = monte_carlo_outage(1.0, 1, 1.0, n_samples=100_000, rng=1, backend="numpy")
    >>> bool(abs(float(p) - (1 - np.exp(-1))) < 0.01)
    True
    """
    check_choice("model", model, CHANNEL_MODELS)
    check_choice("backend", backend, ("numba", "numpy"))
    n = _n_ports(n_ports)
    s_total = check_integer("n_samples", n_samples, low=1, high=MAX_MC_SAMPLES)
    chunk = check_integer("chunk", chunk, low=1, high=MAX_CHUNK)
    _aperture(aperture_wl)
    real_scalar("block_mu2", block_mu2, 0.0, 1.0, high_open=True)
    check_choice("remainder", remainder, ("block", "drop"))
    return_stderr = flag("return_stderr", return_stderr)
    x = _threshold_ratio(threshold, mean_snr)
    rng = as_generator(rng)
    xs = x.ravel()
    counts = np.zeros(xs.size, dtype=np.int64)

    eigen = correlation is not None or model == "jakes"
    if eigen:
        factor = correlation_factor(n, aperture_wl, correlation=correlation)
        if np.iscomplexobj(factor):
            eigen = False  # complex correlation: fall back to the generic sampler
        else:
            factor = factor * np.sqrt(0.5)  # z = (zr + j zi)/sqrt(2), zr, zi ~ N(0, 1)
    kernel = max_gain_numba if backend == "numba" else max_gain_numpy

    if not eigen:  # the generic sampler returns (chunk, N) arrays: bound their size
        chunk = max(1, min(chunk, MAX_SAMPLE_ENTRIES // n))
    done = 0
    while done < s_total:
        m = min(chunk, s_total - done)
        if eigen:
            z = rng.standard_normal((2, m, factor.shape[1]))
            best = kernel(factor, z[0], z[1])
        else:
            h = sample_port_channels(
                n,
                aperture_wl,
                (m,),
                model=model,
                rng=rng,
                block_mu2=block_mu2,
                remainder=remainder,
                correlation=correlation,
            )
            best = (h.real**2 + h.imag**2).max(axis=-1)
        best.sort()
        counts += np.searchsorted(best, xs, side="left")
        done += m
    p = (counts / s_total).reshape(x.shape)
    if return_stderr:
        return p[()], np.sqrt(p * (1.0 - p) / s_total)[()]
    return p[()]
