r"""Uplink spectral efficiency of MR and ZF in a single cell: closed forms and Monte-Carlo.

Setting (Ngo, Larsson, Marzetta 2013): :math:`K` single-antenna users, :math:`M` BS antennas,
i.i.d. Rayleigh fading :math:`g_k \sim \mathcal{CN}(0, s_k I_M)` with the received SNR
:math:`s_k = p\beta_k/\sigma^2` (unit noise power after normalisation). With imperfect CSI the BS
estimates the channels from orthogonal pilots of length :math:`\tau_p \ge K` sent at the data
power; the MMSE estimate and its error variance are

.. math::

    \hat g_k = \frac{\tau_p s_k}{\tau_p s_k + 1}\Big(g_k + \frac{n_k}{\sqrt{\tau_p}}\Big),
    \qquad \varepsilon_k = \frac{s_k}{\tau_p s_k + 1},

with :math:`n_k \sim \mathcal{CN}(0, I_M)`; perfect CSI is :math:`\hat g = g`,
:math:`\varepsilon = 0`. The instantaneous SINRs (estimation error treated as uncorrelated
noise) are

.. math::

    \mathrm{MR:}\ \frac{\|\hat g_k\|^2}{\sum_{i\ne k}|\hat g_k^H\hat g_i|^2/\|\hat g_k\|^2
        + \sum_i\varepsilon_i + 1},\qquad
    \mathrm{ZF:}\ \frac{1}{(\sum_i\varepsilon_i + 1)[(\hat G^H\hat G)^{-1}]_{kk}}.

Since :math:`g_k` and :math:`n_k` are independent Gaussians, :math:`\hat g_k \sim
\mathcal{CN}(0, \tau_p s_k^2/(\tau_p s_k+1)\,I_M)` exactly, and the SINRs depend on the
channels only through the Gram matrix of :math:`\hat G`; :func:`se_montecarlo` therefore
draws that Gram matrix exactly (Bartlett decomposition of the complex Wishart distribution for
:math:`M \ge K`; an explicit unit channel draw for MR with :math:`M < K`, where it is singular),
with identical statistics and far fewer random numbers than drawing channels and pilot noise.

The closed forms :func:`se_mr` and :func:`se_zf` are :math:`\log_2(1 + 1/\mathbb{E}[1/
\mathrm{SINR}_k])`, lower bounds on :math:`\mathbb{E}[\log_2(1+\mathrm{SINR}_k)]` by Jensen's
inequality (convexity of :math:`\log_2(1+1/x)`), which :func:`se_montecarlo` estimates.

References
----------
.. [1] H. Q. Ngo, E. G. Larsson, T. L. Marzetta, "Energy and spectral efficiency of very large
   multiuser MIMO systems", IEEE Trans. Commun. 61(4):1436-1449, 2013,
   doi:10.1109/TCOMM.2013.020413.110848.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit, prange

from .._validation import as_generator, check_choice, check_integer, check_no_overflow
from ._checks import (
    MAX_ANTENNAS,
    MAX_DRAWS,
    MAX_REALIZATIONS,
    MAX_USERS,
    real_array,
    real_scalar,
)

__all__ = ["MCResult", "se_montecarlo", "se_mr", "se_zf"]

_SCHEMES = ("mr", "zf")
_BACKENDS = ("numba", "numpy")


def _check_snr(snr):
    """``snr`` as a finite float array of shape (..., K), 1 <= K <= 1e4, non-negative."""
    snr = real_array("snr", snr, 0.0)
    if snr.ndim == 0 or snr.shape[-1] == 0:
        raise ValueError("snr must have shape (..., K) with K >= 1 users on the last axis, "
                         f"got shape {snr.shape}")
    if snr.shape[-1] > MAX_USERS:
        raise ValueError(f"snr must hold at most {MAX_USERS} users on its last axis, got "
                         f"shape {snr.shape}")
    return snr


def _prepare(M, snr, tau_p):
    snr = _check_snr(snr)
    k = snr.shape[-1]
    m = real_array("M", M, 1.0, MAX_ANTENNAS)[..., None]
    if tau_p is not None:
        tau_p = real_array("tau_p", tau_p, float(k), None, what=f"(pilot length >= K={k})")
        tau_p = tau_p[..., None]
    return m, snr, k, tau_p


def se_mr(M, snr, tau_p=None):
    r"""Closed-form uplink SE of maximum-ratio combining, i.i.d. Rayleigh fading [bit/s/Hz].

    Parameters
    ----------
    M : array_like
        Number of BS antennas :math:`M \ge 1`; broadcasts against ``snr[..., 0]``.
    snr : array_like, shape (..., K)
        Received SNRs :math:`s_k = p\beta_k/\sigma^2` [-] of the :math:`K` users (last axis).
    tau_p : array_like, optional
        Pilot length :math:`\tau_p \ge K` [symbols]; ``None`` (default) means perfect CSI.

    Returns
    -------
    ndarray, shape (..., K)
        :math:`\log_2(1+\mathrm{SINR}_k)` per user.

    Raises
    ------
    ValueError
        If ``snr`` is negative, not at least 1-D or holds no user (K = 0), ``M < 1`` or
        ``tau_p < K``.

    Notes
    -----
    Jensen lower bounds (Ngo-Larsson-Marzetta 2013 [1]_, Lemma 1 and Prop. 3 structure):

    .. math::

        \mathrm{SINR}_k^\mathrm{perfect} = \frac{(M-1)s_k}{\sum_{i\ne k}s_i + 1},\qquad
        \mathrm{SINR}_k^\mathrm{imperfect} = \frac{\tau_p s_k^2(M-1)}{(\tau_p s_k+1)
            \sum_{i\ne k}s_i + (\tau_p+1)s_k + 1}.

    References
    ----------
    .. [1] H. Q. Ngo, E. G. Larsson, T. L. Marzetta, "Energy and spectral efficiency of very
       large multiuser MIMO systems", IEEE Trans. Commun. 61(4):1436-1449, 2013,
       doi:10.1109/TCOMM.2013.020413.110848.

    Examples
    --------
    >>> se_mr(10, [1.0, 1.0])  # SINR = 9*1/(1+1) = 4.5
    array([2.4594316, 2.4594316])
    """
    m, s, _, tau = _prepare(M, snr, tau_p)
    others = s.sum(axis=-1, keepdims=True) - s
    with np.errstate(over="ignore", invalid="ignore"):
        if tau is None:
            sinr = (m - 1.0) * s / (others + 1.0)
        else:
            sinr = tau * s**2 * (m - 1.0) / ((tau * s + 1.0) * others + (tau + 1.0) * s + 1.0)
        out = np.log2(1.0 + sinr)
    check_no_overflow([out], "M, snr, tau_p")
    return out


def se_zf(M, snr, tau_p=None):
    r"""Closed-form uplink SE of zero-forcing combining, i.i.d. Rayleigh fading [bit/s/Hz].

    Parameters
    ----------
    M : array_like
        Number of BS antennas; broadcasts against ``snr[..., 0]``. NaN where :math:`M \le K`.
    snr : array_like, shape (..., K)
        Received SNRs :math:`s_k` [-] of the :math:`K` users (last axis).
    tau_p : array_like, optional
        Pilot length :math:`\tau_p \ge K` [symbols]; ``None`` (default) means perfect CSI.

    Returns
    -------
    ndarray, shape (..., K)
        :math:`\log_2(1+\mathrm{SINR}_k)` per user; NaN where :math:`M \le K`.

    Raises
    ------
    ValueError
        If ``snr`` is negative, not at least 1-D or holds no user (K = 0), ``M < 1`` or
        ``tau_p < K``.

    Notes
    -----
    With :math:`\mathbb{E}[[(\hat G^H\hat G)^{-1}]_{kk}] = 1/((M-K)\,\mathrm{var}(\hat g_k))`
    (Ngo-Larsson-Marzetta 2013 [1]_):

    .. math::

        \mathrm{SINR}_k^\mathrm{perfect} = (M-K)s_k,\qquad
        \mathrm{SINR}_k^\mathrm{imperfect} = \frac{\tau_p s_k^2(M-K)}{(\tau_p s_k+1)
            \sum_i \frac{s_i}{\tau_p s_i+1} + \tau_p s_k + 1}.

    References
    ----------
    .. [1] H. Q. Ngo, E. G. Larsson, T. L. Marzetta, "Energy and spectral efficiency of very
       large multiuser MIMO systems", IEEE Trans. Commun. 61(4):1436-1449, 2013,
       doi:10.1109/TCOMM.2013.020413.110848.

    Examples
    --------
    >>> se_zf(10, [1.0, 3.0])  # SINR = (10-2) s_k
    array([3.169925  , 4.64385619])
    >>> se_zf(2, [1.0, 1.0])
    array([nan, nan])
    """
    m, s, k, tau = _prepare(M, snr, tau_p)
    with np.errstate(over="ignore", invalid="ignore"):
        if tau is None:
            sinr = (m - k) * s
        else:
            eps_sum = np.sum(s / (tau * s + 1.0), axis=-1, keepdims=True)
            sinr = tau * s**2 * (m - k) / ((tau * s + 1.0) * eps_sum + tau * s + 1.0)
        out = np.log2(1.0 + sinr)
    # NaN where M <= K (documented); anything else non-finite is an overflow
    check_no_overflow([np.where(m > k, out, 0.0)], "M, snr, tau_p")
    return np.where(m > k, out, np.nan)


class MCResult(NamedTuple):
    """Monte-Carlo estimate: per-user ``mean`` SE [bit/s/Hz] and its ``stderr``, shape (..., K)."""

    mean: np.ndarray
    stderr: np.ndarray


# ---------------------------------------------------------------------------------------------
# Sampling. The SINRs depend on the channel estimates only through their Gram matrix
# ghat^H ghat = D^1/2 A D^1/2 with D = diag(var) and A = W^H W, W an M x K matrix of i.i.d.
# CN(0, 1) entries, i.e. A ~ complex Wishart CW_K(M, I). The samplers below return a K x K
# factor T with A = T T^H: for M >= K the lower-triangular Cholesky factor of A (both
# samplers), for M < K (A singular, MR only) the zero-padded T = [W^H, 0], which is not
# triangular. The MR kernel therefore forms A = T T^H over all columns of T; the ZF kernel
# (M > K only) relies on T being the Cholesky factor.
# ---------------------------------------------------------------------------------------------

_SAMPLERS = ("bartlett", "channel")


def _draw_factor(gen, b, m, k, sampler, gammas=None):
    """K x K factor T (b, k, k) complex with T T^H ~ CW_K(m, I) (exact in both modes).

    ``"bartlett"`` (needs m >= k) and ``"channel"`` with m >= k return the lower-triangular
    Cholesky factor; ``"channel"`` with m < k returns T = [W^H, 0] (W^H in the first m columns,
    zeros elsewhere), since W^H W is then singular and has no Cholesky factor. ``gammas``
    (b, k) are the Gamma(m - i) variates of the Bartlett diagonal; the caller draws them for all
    realizations up front so that the stream does not depend on the batch size.
    """
    if sampler == "bartlett":
        # Bartlett decomposition of the complex Wishart matrix (Goodman, Ann. Math. Stat.
        # 34(1), 1963): T_ii = sqrt(c_i), c_i ~ Gamma(m - i, 1) for i = 0..k-1, and
        # T_ij ~ CN(0, 1) for i > j, all independent. K(K+1)/2 draws instead of M K.
        rows, cols = np.tril_indices(k, -1)
        z = gen.standard_normal((b, 2, rows.size))
        t = np.zeros((b, k * k), dtype=np.complex128)  # flat view: fast column indexing
        t[:, np.arange(k) * (k + 1)] = np.sqrt(gammas)
        t[:, rows * k + cols] = (z[:, 0] + 1j * z[:, 1]) * np.sqrt(0.5)
        return t.reshape(b, k, k)
    # "channel": draw W itself and factor its Gram matrix (the direct construction; slower,
    # kept to cross-check the Bartlett sampler, and the only one valid for m < k)
    z = gen.standard_normal((b, 2, m, k))
    w = (z[:, 0] + 1j * z[:, 1]) / np.sqrt(2.0)
    w_h = np.conj(np.swapaxes(w, -1, -2))  # (b, k, m)
    if m < k:
        t = np.zeros((b, k, k), dtype=np.complex128)
        t[:, :, :m] = w_h
        return t
    return np.linalg.cholesky(w_h @ w)


@njit(cache=True, parallel=True)
def _se_kernel_parallel(t, var, noise, zf):  # pragma: no cover - compiled
    n_b = t.shape[0]
    k_u = t.shape[1]
    n_r = var.shape[0]
    out = np.empty((n_r, n_b, k_u))
    n_chunks = min(n_b, 32)
    for c in prange(n_chunks):
        # scratch arrays once per chunk of realizations, not once per realization
        a = np.empty((k_u, k_u), dtype=np.complex128)
        y = np.empty(k_u, dtype=np.complex128)
        inv_diag = np.empty(k_u)
        for b in range(c * n_b // n_chunks, (c + 1) * n_b // n_chunks):
            _one_draw(t, var, noise, zf, b, out, a, y, inv_diag)
    return out


@njit(cache=True)
def _se_kernel_serial(t, var, noise, zf):  # pragma: no cover - compiled
    n_b = t.shape[0]
    k_u = t.shape[1]
    out = np.empty((var.shape[0], n_b, k_u))
    a = np.empty((k_u, k_u), dtype=np.complex128)
    y = np.empty(k_u, dtype=np.complex128)
    inv_diag = np.empty(k_u)
    for b in range(n_b):
        _one_draw(t, var, noise, zf, b, out, a, y, inv_diag)
    return out


# Below this many flops per batch the thread start-up of the parallel kernel costs more than
# it saves (measured: K = 8, 1024 realizations take 0.5 ms single-threaded).
_PARALLEL_MIN_WORK = 5e6


def _se_kernel_numba(t, var, noise, zf):
    """Compiled kernel: parallel over realizations when a batch holds enough work."""
    n_b, k_u = t.shape[0], t.shape[1]
    work = n_b * (k_u**3 + var.shape[0] * k_u**2)
    kernel = _se_kernel_parallel if work >= _PARALLEL_MIN_WORK else _se_kernel_serial
    return kernel(t, var, noise, zf)


@njit(cache=True)
def _one_draw(t, var, noise, zf, b, out, a, y, inv_diag):  # pragma: no cover - compiled
    """SE of every SNR row for realization ``b`` (kernel body of :func:`_se_kernel_numba`)."""
    k_u = t.shape[1]
    n_r = var.shape[0]
    if zf:
        # T is the Cholesky factor of A: [A^-1]_kk = ||T^-1 e_k||^2 (forward substitution),
        # and [(D^1/2 A D^1/2)^-1]_kk = [A^-1]_kk / var_k.
        for k in range(k_u):
            tot = 0.0
            for i in range(k, k_u):
                acc = 1.0 + 0.0j if i == k else 0.0 + 0.0j
                for p in range(k, i):
                    acc -= t[b, i, p] * y[p]
                y[i] = acc / t[b, i, i]
                tot += y[i].real ** 2 + y[i].imag ** 2
            inv_diag[k] = tot
        for r in range(n_r):
            for k in range(k_u):
                sinr = var[r, k] / (noise[r] * inv_diag[k])
                out[r, b, k] = np.log2(1.0 + sinr)
    else:
        # A = T T^H, summed over every column p of T (T is not triangular for M < K)
        for i in range(k_u):
            for j in range(i + 1):
                acc = 0.0 + 0.0j
                for p in range(k_u):
                    acc += t[b, i, p] * t[b, j, p].conjugate()
                a[i, j] = acc
                a[j, i] = acc.conjugate()
        for r in range(n_r):
            for k in range(k_u):
                akk = a[k, k].real
                interf = 0.0
                for i in range(k_u):
                    if i != k:
                        interf += var[r, i] * (a[k, i].real ** 2 + a[k, i].imag ** 2)
                # ||ghat_k||^2 = var_k A_kk; sum_i |ghat_k^H ghat_i|^2/||ghat_k||^2
                #   = sum_i var_i |A_ki|^2 / A_kk
                sinr = var[r, k] * akk / (interf / akk + noise[r])
                out[r, b, k] = np.log2(1.0 + sinr)


def _se_kernel_numpy(t, var, noise, zf):
    """NumPy reference: an explicit loop over realizations and SNR rows (same draws).

    Builds the Gram matrix of the estimates and inverts it explicitly (no Cholesky reuse).
    """
    n_b = t.shape[0]
    k_u = t.shape[1]
    n_r = var.shape[0]
    out = np.empty((n_r, n_b, k_u))
    for b in range(n_b):
        a = t[b] @ t[b].conj().T
        for r in range(n_r):
            d = np.sqrt(var[r])
            gram = d[:, None] * a * d[None, :]
            if zf:
                inv_kk = np.real(np.diag(np.linalg.inv(gram)))
                sinr = 1.0 / (noise[r] * inv_kk)
            else:
                nk = np.real(np.diag(gram))
                interf = np.sum(np.abs(gram) ** 2, axis=1) - nk**2
                sinr = nk / (interf / nk + noise[r])
            out[r, b] = np.log2(1.0 + sinr)
    return out


def se_montecarlo(M, snr, scheme, tau_p=None, n_realizations=10_000, rng=None,
                  backend="numba", batch=1024, *, sampler="bartlett"):
    r"""Monte-Carlo uplink SE :math:`\mathbb{E}[\log_2(1+\mathrm{SINR}_k)]` of MR or ZF.

    Parameters
    ----------
    M : int
        Number of BS antennas (:math:`M \ge 1`; :math:`M > K` for ZF; MR also accepts
        :math:`M < K`).
    snr : array_like, shape (..., K)
        Received SNRs :math:`s_k` [-]; every leading row is simulated with the same unit
        Gaussian draws (common random numbers, so differences between rows have low variance).
    scheme : {"mr", "zf"}
        Maximum-ratio or zero-forcing combining.
    tau_p : float, optional
        Pilot length :math:`\tau_p \ge K` [symbols]; ``None`` (default) means perfect CSI.
    n_realizations : int, optional
        Number of independent channel realizations (default 10 000).
    rng : numpy.random.Generator, int or None
        Random source; the draws are made with numpy before the kernels run, in batches, so that
        both backends see identical numbers and the result does not depend on the thread count.
    backend : {"numba", "numpy"}
        ``"numba"`` (default): compiled kernel, parallel over realizations, with an explicit
        complex Cholesky factorisation for ZF; ``"numpy"``: the reference loop over
        realizations. They agree to rounding (tested to 1e-10).
    batch : int, optional
        Realizations drawn per batch (memory: ``batch * K * K`` complex numbers, plus
        ``batch * M * K`` with ``sampler="channel"`` or :math:`M < K`).
    sampler : {"bartlett", "channel"}, optional
        How the Gram matrix :math:`A = W^HW` of a unit Gaussian :math:`M\times K` matrix is
        drawn: ``"bartlett"`` (default) samples its Cholesky factor directly by the Bartlett
        decomposition of the complex Wishart distribution (:math:`K(K+1)/2` random numbers per
        realization instead of :math:`MK`); ``"channel"`` draws :math:`W` and factors
        :math:`W^HW`. Both are exact; they use the random stream differently, so the same
        seed gives different (statistically equivalent) estimates. For :math:`M < K` (MR only)
        :math:`A` is singular: it has no Bartlett/Cholesky factor, and both settings draw
        :math:`W` and use the zero-padded factor :math:`T = [W^H, 0]`.

    Returns
    -------
    MCResult
        ``mean`` and ``stderr`` (standard error of the mean), both of shape ``snr.shape``.

    Raises
    ------
    ValueError
        If ``scheme``, ``backend`` or ``sampler`` is unknown, :math:`M \le K` for ZF,
        ``tau_p < K``, ``snr`` is negative or holds no user (K = 0), or
        ``n_realizations`` (at most 1e6) or ``batch`` (at most 2e7) is not a positive integer,
        or if one batch of draws would exceed 2e7 numbers.

    Notes
    -----
    The SINRs depend on the estimates only through their Gram matrix
    :math:`\hat G^H\hat G = D^{1/2}AD^{1/2}` with :math:`D = \mathrm{diag}(v)`,
    :math:`v_k = s_k` (perfect CSI) or :math:`v_k = \tau_p s_k^2/(\tau_p s_k + 1)` (the exact
    variance of the MMSE estimate, see the module docstring), and :math:`A = W^HW \sim
    \mathcal{CW}_K(M, I)` for :math:`W` with i.i.d. :math:`\mathcal{CN}(0, 1)` entries.
    Each realization draws the Cholesky factor :math:`T` of :math:`A` (Bartlett decomposition
    [2]_: :math:`T_{ii} = \sqrt{c_i}`, :math:`c_i \sim \mathrm{Gamma}(M-i)`,
    :math:`T_{ij} \sim \mathcal{CN}(0,1)` below the diagonal; this needs :math:`M \ge K`).
    For MR with :math:`M < K`, :math:`A` has rank :math:`M` and the realization uses the
    :math:`K\times K` factor :math:`T = [W^H, 0]` instead (:math:`TT^H = W^HW`). The numba
    kernel reuses the triangular :math:`T` for ZF (:math:`[A^{-1}]_{kk} = \|T^{-1}e_k\|^2`)
    and forms :math:`A = TT^H` over all columns of :math:`T` for MR; the NumPy reference
    builds :math:`\hat G^H\hat G` and inverts it explicitly. The closed forms :func:`se_mr`
    and :func:`se_zf` lower-bound the returned mean.

    References
    ----------
    .. [1] H. Q. Ngo, E. G. Larsson, T. L. Marzetta, "Energy and spectral efficiency of very
       large multiuser MIMO systems", IEEE Trans. Commun. 61(4):1436-1449, 2013,
       doi:10.1109/TCOMM.2013.020413.110848.
    .. [2] N. R. Goodman, "Statistical analysis based on a certain multivariate complex
       Gaussian distribution", Ann. Math. Statist. 34(1):152-177, 1963,
       doi:10.1214/aoms/1177704250.

    Examples
    --------
    >>> res = se_montecarlo(32, [1.0, 1.0, 1.0, 1.0], "zf", n_realizations=2000, rng=0,
    ...                     backend="numpy")
    >>> bool(np.all(res.mean >= se_zf(32, [1.0, 1.0, 1.0, 1.0]) - 3 * res.stderr))
    True
    """
    check_choice("scheme", scheme, _SCHEMES)
    check_choice("backend", backend, _BACKENDS)
    check_choice("sampler", sampler, _SAMPLERS)
    snr = _check_snr(snr)
    k = snr.shape[-1]
    m = check_integer("M", M, low=1, high=MAX_ANTENNAS)
    zf = scheme == "zf"
    if zf and m <= k:
        raise ValueError(f"M must exceed K for zero-forcing, got M={m}, K={k}")
    if tau_p is None:
        tau = 0.0
    else:
        tau = real_scalar("tau_p", tau_p, float(k), None, what=f"(pilot length >= K={k})")
    n = check_integer("n_realizations", n_realizations, low=1, high=MAX_REALIZATIONS)
    batch = check_integer("batch", batch, low=1, high=MAX_DRAWS)
    per_draw = k * (m if (sampler == "channel" or m < k) else k)
    if min(batch, n) * per_draw > MAX_DRAWS:
        raise ValueError(f"batch * K * {'M' if per_draw > k * k else 'K'} must be at most "
                         f"{MAX_DRAWS} (memory of one batch of draws), got batch={batch}, "
                         f"M={m}, K={k}; use a smaller batch")
    gen = as_generator(rng)
    rows = snr.reshape(-1, k)
    if tau > 0:
        # MMSE estimate: var(ghat_k) = tau s_k^2/(tau s_k + 1), error variance eps_k
        var = tau * rows**2 / (tau * rows + 1.0)
        noise = np.sum(rows / (tau * rows + 1.0), axis=-1) + 1.0
    else:
        var = rows.copy()
        noise = np.ones(rows.shape[0])
    var = np.ascontiguousarray(var)
    kernel = _se_kernel_numba if backend == "numba" else _se_kernel_numpy
    total = np.zeros(rows.shape)
    total_sq = np.zeros(rows.shape)
    # Bartlett needs Gamma(M - i) > 0 for i < K, i.e. M >= K; MR with M < K draws W (T = [W^H, 0])
    draw = "bartlett" if sampler == "bartlett" and m >= k else "channel"
    gammas = (gen.standard_gamma(m - np.arange(k, dtype=float), size=(n, k))
              if draw == "bartlett" else None)
    done = 0
    while done < n:
        b = min(batch, n - done)
        g = gammas[done:done + b] if gammas is not None else None
        se = kernel(_draw_factor(gen, b, m, k, draw, g), var, noise, zf)
        total += se.sum(axis=1)
        total_sq += np.square(se).sum(axis=1)
        done += b
    mean = total / n
    if n > 1:
        var = np.maximum(total_sq / n - mean**2, 0.0) * n / (n - 1)
        stderr = np.sqrt(var / n)
    else:
        stderr = np.full(mean.shape, np.nan)
    return MCResult(mean.reshape(snr.shape), stderr.reshape(snr.shape))
