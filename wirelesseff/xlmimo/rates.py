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
channels only through :math:`\hat G`; :func:`se_montecarlo` therefore draws :math:`\hat g_k`
from this distribution (one Gaussian matrix per realization instead of two, identical
statistics).

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

from .._validation import (
    as_generator,
    check_choice,
    check_in_range,
    check_integer,
    check_nonnegative,
)

__all__ = ["MCResult", "se_montecarlo", "se_mr", "se_zf"]

_SCHEMES = ("mr", "zf")
_BACKENDS = ("numba", "numpy")


def _prepare(M, snr, tau_p):
    snr = np.asarray(snr, dtype=float)
    if snr.ndim == 0:
        raise ValueError(f"snr must have shape (..., K) with the users last, got shape {snr.shape}")
    check_nonnegative(snr=snr)
    k = snr.shape[-1]
    m = np.asarray(M, dtype=float)
    check_in_range("M", m, 1.0, None)
    m = m[..., None]
    if tau_p is not None:
        tau_p = np.asarray(tau_p, dtype=float)
        check_in_range("tau_p", tau_p, float(k), None, what=f"(pilot length >= K={k})")
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
        If ``snr`` is negative or not at least 1-D, ``M < 1`` or ``tau_p < K``.

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
    if tau is None:
        sinr = (m - 1.0) * s / (others + 1.0)
    else:
        sinr = tau * s**2 * (m - 1.0) / ((tau * s + 1.0) * others + (tau + 1.0) * s + 1.0)
    return np.log2(1.0 + sinr)


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
        If ``snr`` is negative or not at least 1-D, ``M < 1`` or ``tau_p < K``.

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
    if tau is None:
        sinr = (m - k) * s
    else:
        eps_sum = np.sum(s / (tau * s + 1.0), axis=-1, keepdims=True)
        sinr = tau * s**2 * (m - k) / ((tau * s + 1.0) * eps_sum + tau * s + 1.0)
    with np.errstate(invalid="ignore"):
        out = np.log2(1.0 + sinr)
    return np.where(m > k, out, np.nan)


class MCResult(NamedTuple):
    """Monte-Carlo estimate: per-user ``mean`` SE [bit/s/Hz] and its ``stderr``, shape (..., K)."""

    mean: np.ndarray
    stderr: np.ndarray


# ---------------------------------------------------------------------------------------------
# Kernels. Both receive the same numpy draws w[b, 0|1, m, k] (real and imaginary parts of a unit
# CN(0, 1) matrix W) and build the channel estimates as ghat_k = sqrt(var_k) w_k.
# ---------------------------------------------------------------------------------------------


@njit(cache=True, parallel=True)
def _se_kernel_numba(w, var, noise, zf):  # pragma: no cover - compiled
    n_b = w.shape[0]
    k_u = w.shape[3]
    n_r = var.shape[0]
    out = np.empty((n_r, n_b, k_u))
    # Scratch arrays are allocated once per chunk of realizations (not once per realization).
    n_chunks = min(n_b, 32)
    for c in prange(n_chunks):
        a = np.empty((k_u, k_u), dtype=np.complex128)
        chol = np.zeros((k_u, k_u), dtype=np.complex128)
        y = np.empty(k_u, dtype=np.complex128)
        inv_diag = np.empty(k_u)
        are = np.empty((k_u, k_u))
        aim = np.empty((k_u, k_u))
        for b in range(c * n_b // n_chunks, (c + 1) * n_b // n_chunks):
            _one_draw(w, var, noise, zf, b, out, a, chol, y, inv_diag, are, aim)
    return out


@njit(cache=True)
def _one_draw(w, var, noise, zf, b, out, a, chol, y, inv_diag, are, aim):  # pragma: no cover
    """SE of every SNR row for realization ``b`` (kernel body of :func:`_se_kernel_numba`)."""
    m_ant = w.shape[2]
    k_u = w.shape[3]
    n_r = var.shape[0]
    # A = W^H W (Hermitian); the Gram matrix of the estimates is D^1/2 A D^1/2, D = diag(var).
    # Accumulate the upper triangle with the antenna loop outermost (contiguous inner loop).
    are[:, :] = 0.0
    aim[:, :] = 0.0
    for m in range(m_ant):
        for i in range(k_u):
            xr = w[b, 0, m, i]
            xi = w[b, 1, m, i]
            for j in range(i, k_u):
                yr = w[b, 0, m, j]
                yi = w[b, 1, m, j]
                are[i, j] += xr * yr + xi * yi
                aim[i, j] += xr * yi - xi * yr
    for i in range(k_u):
        for j in range(i, k_u):
            a[i, j] = complex(0.5 * are[i, j], 0.5 * aim[i, j])
            a[j, i] = complex(0.5 * are[i, j], -0.5 * aim[i, j])
    if zf:
        # Cholesky A = L L^H; [A^-1]_kk = ||L^-1 e_k||^2 (forward substitution), and
        # [(D^1/2 A D^1/2)^-1]_kk = [A^-1]_kk / var_k.
        ok = True
        for j in range(k_u):
            d = a[j, j].real
            for p in range(j):
                d -= chol[j, p].real ** 2 + chol[j, p].imag ** 2
            if d <= 0.0:
                ok = False
                break
            ljj = np.sqrt(d)
            chol[j, j] = ljj
            for i in range(j + 1, k_u):
                acc = a[i, j]
                for p in range(j):
                    acc -= chol[i, p] * chol[j, p].conjugate()
                chol[i, j] = acc / ljj
        for k in range(k_u):
            if not ok:
                inv_diag[k] = np.nan
                continue
            tot = 0.0
            for i in range(k, k_u):
                acc = 1.0 + 0.0j if i == k else 0.0 + 0.0j
                for p in range(k, i):
                    acc -= chol[i, p] * y[p]
                y[i] = acc / chol[i, i]
                tot += y[i].real ** 2 + y[i].imag ** 2
            inv_diag[k] = tot
        for r in range(n_r):
            for k in range(k_u):
                sinr = var[r, k] / (noise[r] * inv_diag[k])
                out[r, b, k] = np.log2(1.0 + sinr)
    else:
        for r in range(n_r):
            for k in range(k_u):
                nk = var[r, k] * a[k, k].real  # ||ghat_k||^2
                interf = 0.0
                for i in range(k_u):
                    if i != k:
                        interf += var[r, i] * (a[k, i].real ** 2 + a[k, i].imag ** 2)
                # sum_i |ghat_k^H ghat_i|^2 / ||ghat_k||^2 = sum_i var_i |A_ki|^2 / A_kk
                sinr = nk / (interf / a[k, k].real + noise[r])
                out[r, b, k] = np.log2(1.0 + sinr)


def _se_kernel_numpy(w, var, noise, zf):
    """NumPy reference: an explicit loop over realizations and SNR rows (same draws)."""
    n_b = w.shape[0]
    k_u = w.shape[3]
    n_r = var.shape[0]
    out = np.empty((n_r, n_b, k_u))
    for b in range(n_b):
        g_unit = (w[b, 0] + 1j * w[b, 1]) / np.sqrt(2.0)
        for r in range(n_r):
            gh = np.sqrt(var[r]) * g_unit
            gram = gh.conj().T @ gh
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
                  backend="numba", batch=1024):
    r"""Monte-Carlo uplink SE :math:`\mathbb{E}[\log_2(1+\mathrm{SINR}_k)]` of MR or ZF.

    Parameters
    ----------
    M : int
        Number of BS antennas (:math:`M \ge 1`; :math:`M > K` for ZF).
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
        Realizations drawn per batch (memory bound: ``batch * M * K`` complex numbers).

    Returns
    -------
    MCResult
        ``mean`` and ``stderr`` (standard error of the mean), both of shape ``snr.shape``.

    Raises
    ------
    ValueError
        If ``scheme`` or ``backend`` is unknown, :math:`M \le K` for ZF, ``tau_p < K``,
        ``snr`` is negative, or ``n_realizations``/``batch`` is not a positive integer.

    Notes
    -----
    Each realization draws :math:`W` with i.i.d. :math:`\mathcal{CN}(0, 1)` entries and sets
    :math:`\hat g_k = \sqrt{v_k}\,w_k` with :math:`v_k = s_k` (perfect CSI) or
    :math:`v_k = \tau_p s_k^2/(\tau_p s_k + 1)`, the exact distribution of the MMSE estimate
    of the module docstring. The numba kernel forms :math:`A = W^HW` once per realization and
    uses :math:`\hat G^H\hat G = D^{1/2}AD^{1/2}`, :math:`D = \mathrm{diag}(v)`; ZF uses the
    Cholesky factor of :math:`A` for :math:`[A^{-1}]_{kk}`. The NumPy reference builds
    :math:`\hat G` and inverts :math:`\hat G^H\hat G` explicitly. The closed forms
    :func:`se_mr` and :func:`se_zf` lower-bound the returned mean.

    References
    ----------
    .. [1] H. Q. Ngo, E. G. Larsson, T. L. Marzetta, "Energy and spectral efficiency of very
       large multiuser MIMO systems", IEEE Trans. Commun. 61(4):1436-1449, 2013,
       doi:10.1109/TCOMM.2013.020413.110848.

    Examples
    --------
    >>> res = se_montecarlo(32, [1.0, 1.0, 1.0, 1.0], "zf", n_realizations=2000, rng=0,
    ...                     backend="numpy")
    >>> bool(np.all(res.mean >= se_zf(32, [1.0, 1.0, 1.0, 1.0]) - 3 * res.stderr))
    True
    """
    check_choice("scheme", scheme, _SCHEMES)
    check_choice("backend", backend, _BACKENDS)
    snr = np.asarray(snr, dtype=float)
    if snr.ndim == 0:
        raise ValueError(f"snr must have shape (..., K) with the users last, got shape {snr.shape}")
    check_nonnegative(snr=snr)
    k = snr.shape[-1]
    m = check_integer("M", M, low=1)
    zf = scheme == "zf"
    if zf and m <= k:
        raise ValueError(f"M must exceed K for zero-forcing, got M={m}, K={k}")
    if tau_p is None:
        tau = 0.0
    else:
        tau = float(check_in_range("tau_p", tau_p, float(k), None,
                                   what=f"(pilot length >= K={k})"))
    n = check_integer("n_realizations", n_realizations, low=1)
    batch = check_integer("batch", batch, low=1)
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
    done = 0
    while done < n:
        b = min(batch, n - done)
        w = gen.standard_normal((b, 2, m, k))
        se = kernel(w, var, noise, zf)
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
