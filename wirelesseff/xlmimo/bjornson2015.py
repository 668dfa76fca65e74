r"""Energy-efficient multi-user MIMO design of Björnson, Sanguinetti, Hoydis, Debbah (2015).

Single-cell uplink/downlink TDD system with :math:`M` BS antennas serving :math:`K` users. With
zero-forcing (ZF) and perfect CSI every user gets the SINR :math:`\alpha(M-K)` at the total RF
power :math:`P_\mathrm{TX} = \alpha K G`, :math:`G = B\sigma^2 S_x/\eta`, and the energy
efficiency is

.. math::

    \mathrm{EE} = \frac{\bar R}{\alpha K G + \sum_{i=0}^{3} C_i K^i
        + M\sum_{i=0}^{2} D_i K^i + A\bar R},\qquad
    \bar R = BK\Big(1-\frac{\tau K}{U}\Big)\log_2\big(1+\alpha(M-K)\big)    \quad (32)

with :math:`\tau = \tau^{(ul)}+\tau^{(dl)}`. Theorems 1-3 of [1]_ give the EE-optimal
:math:`K`, :math:`M` and :math:`\alpha` when the other two are fixed; the alternating algorithm of
Sec. V.E (:func:`optimize_zf`) finds the published optimum :math:`M^\star = 165`,
:math:`K^\star = 104`, :math:`\mathrm{EE}^\star \approx 30.74` Mbit/J for Table 2.

Equation numbers follow arXiv:1403.6150.

Inputs are checked before use: numbers must be real and finite (a string raises ``TypeError``,
NaN or inf ``ValueError``, each naming the parameter); the integer sizes of
:func:`optimize_zf` and :func:`ee_mrt_montecarlo` have the upper bounds stated in their
docstrings (the closed forms accept any finite real :math:`M \ge 0`, :math:`K > 0`).

References
----------
.. [1] E. Björnson, L. Sanguinetti, J. Hoydis, M. Debbah, "Optimal design of energy-efficient
   multi-user MIMO systems: Is massive MIMO the answer?", IEEE Trans. Wireless Commun.
   14(6):3059-3075, 2015, doi:10.1109/TWC.2015.2400437, arXiv:1403.6150.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from numba import njit, prange

from .._validation import (
    as_generator,
    check_choice,
    check_integer,
    check_no_overflow,
)
from ..optimize.closed_form import lambertw_ratio_argmax
from ..optimize.numerics import golden_section_max
from ..power.bjornson2015 import Bjornson2015Params, bjornson2015_params, power_coefficients
from ._checks import (
    MAX_ANTENNAS,
    MAX_DRAWS,
    MAX_ITERATIONS,
    MAX_REALIZATIONS,
    MAX_USERS,
    real_array,
    real_scalar,
)

__all__ = [
    "MRTMonteCarloResult",
    "ZFOptimum",
    "alpha_opt_zf",
    "ee_mrt_montecarlo",
    "ee_zf",
    "ee_zf_imperfect",
    "optimal_k_theorem1",
    "optimal_m_theorem2",
    "optimize_zf",
    "rf_power_zf",
    "sinr_zf_imperfect",
    "sum_rate_zf",
]

_REF = (
    "E. Björnson, L. Sanguinetti, J. Hoydis, M. Debbah, IEEE Trans. Wireless Commun. "
    "14(6):3059-3075, 2015, doi:10.1109/TWC.2015.2400437"
)


def _params(params: Bjornson2015Params | None) -> Bjornson2015Params:
    if params is None:
        return bjornson2015_params()
    if not isinstance(params, Bjornson2015Params):
        raise TypeError(
            f"params must be a Bjornson2015Params (see bjornson2015_params()), got "
            f"{type(params).__name__}"
        )
    return params


def _c_d_prime(k, params, scheme="zf"):
    """C' and D' of Theorem 3 (Eq. (46)): per-user circuit-power coefficients."""
    _, c0, c1, c2, c3, d0, d1, d2 = power_coefficients(params, scheme)
    with np.errstate(divide="ignore", invalid="ignore"):
        c_prime = (c0 + c1 * k + c2 * k**2 + c3 * k**3) / k
        d_prime = (d0 + d1 * k + d2 * k**2) / k
    return c_prime, d_prime


def _alpha_star(m, k, p):
    """Theorem 3 without validation: NaN where M <= K."""
    g = p.rf_power_scale
    c_prime, d_prime = _c_d_prime(k, p)
    valid = (m > k) & (k > 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        a = np.where(valid, (m - k) * (c_prime + m * d_prime) / g - 1.0, np.nan)
    # finite M, K of unphysical size (M = 1e300) overflow the Lambert-W argument: name them
    check_no_overflow([np.where(valid, a, 0.0)], "M, K, params")
    with np.errstate(invalid="ignore", divide="ignore"):
        x = lambertw_ratio_argmax(np.maximum(a, -1.0))
        return np.where(valid, (x - 1.0) / (m - k), np.nan)


def _check_mk(m, k, *, strict: bool):
    """Validate M and K; ``strict`` requires M > K (zero-forcing)."""
    m = real_array("M", m, 0.0)
    k = real_array("K", k, 0.0, low_open=True)
    if strict:
        bad = ~(m > k)
        if np.any(bad):
            mb, kb = np.broadcast_arrays(m, k)
            idx = tuple(int(i) for i in np.argwhere(np.broadcast_to(bad, mb.shape))[0])
            raise ValueError(
                "M must exceed K for zero-forcing, got "
                f"M={mb[idx]:g}, K={kb[idx]:g}" + (f" at index {idx}" if idx else "")
            )
    return m, k


def alpha_opt_zf(M, K, params=None):
    r"""EE-optimal power parameter :math:`\alpha^\star` for ZF with perfect CSI (Theorem 3).

    Parameters
    ----------
    M : array_like
        Number of BS antennas (real values allowed), :math:`M > K`.
    K : array_like
        Number of users (real values allowed), :math:`K > 0`.
    params : Bjornson2015Params, optional
        System parameters; default :func:`~wirelesseff.power.bjornson2015.bjornson2015_params`.

    Returns
    -------
    ndarray or float
        :math:`\alpha^\star` [-]; the per-user SINR is :math:`\alpha^\star(M-K)` and the RF power
        :math:`\alpha^\star K G`.

    Raises
    ------
    ValueError
        If :math:`M \le K` or :math:`K \le 0`.

    Notes
    -----
    Theorem 3 of [1]_:

    .. math::

        \alpha^\star = \frac{x^\star - 1}{M-K},\qquad
        x^\star = e^{W\left(\frac{(M-K)(C'+MD')}{eG} - \frac1e\right)+1},

    with :math:`C' = (C_0 + C_1K + C_2K^2 + C_3K^3)/K` and :math:`D' = (D_0 + D_1K + D_2K^2)/K`
    (Eq. (46)); computed with :func:`~wirelesseff.optimize.lambertw_ratio_argmax`.

    References
    ----------
    .. [1] E. Björnson, L. Sanguinetti, J. Hoydis, M. Debbah, "Optimal design of
       energy-efficient multi-user MIMO systems: Is massive MIMO the answer?", IEEE Trans.
       Wireless Commun. 14(6):3059-3075, 2015, doi:10.1109/TWC.2015.2400437.

    Examples
    --------
    >>> a = alpha_opt_zf(165, 104)
    >>> round(float(a), 5), round(float(a * (165 - 104)), 2)  # alpha*, SINR per user
    (0.87469, 53.36)
    """
    p = _params(params)
    m, k = _check_mk(M, K, strict=True)
    out = np.asarray(_alpha_star(m, k, p))
    check_no_overflow([out], "M, K, params")
    return out[()]


def _resolve_alpha(alpha, m, k, p, low=None):
    if alpha is None:
        return _alpha_star(m, k, p)
    return real_array("alpha", alpha, low)


def sum_rate_zf(M, K, alpha=None, params=None):
    r"""Average sum rate :math:`\bar R` of ZF with perfect CSI, Eq. (32) [bit/s].

    Parameters
    ----------
    M, K : array_like
        Numbers of BS antennas and users (real values allowed), :math:`M > K > 0`.
    alpha : array_like, optional
        Power parameter :math:`\alpha \ge 0` [-]; default :math:`\alpha^\star` (Theorem 3).
    params : Bjornson2015Params, optional
        System parameters; default Table 2.

    Returns
    -------
    ndarray or float
        :math:`\bar R = BK(1-\tau K/U)\log_2(1+\alpha(M-K))` [bit/s] (uplink plus downlink).

    Raises
    ------
    ValueError
        If :math:`M \le K`, :math:`K \le 0` or :math:`\alpha < 0`.

    References
    ----------
    .. [1] E. Björnson, L. Sanguinetti, J. Hoydis, M. Debbah, IEEE Trans. Wireless Commun.
       14(6):3059-3075, 2015, doi:10.1109/TWC.2015.2400437, Eq. (32).

    Examples
    --------
    >>> round(float(sum_rate_zf(165, 104)) / 1e9, 3)  # at the EE optimum [Gbit/s]
    10.604
    """
    p = _params(params)
    m, k = _check_mk(M, K, strict=True)
    a = _resolve_alpha(alpha, m, k, p, low=0.0)
    with np.errstate(over="ignore", invalid="ignore"):
        out = (p.bandwidth * k * (1.0 - p.tau * k / p.coherence_block)
               * np.log2(1.0 + a * (m - k)))
    check_no_overflow([out], "M, K, alpha, params")
    return np.asarray(out)[()]


def rf_power_zf(M, K, alpha=None, params=None):
    r"""Total RF power :math:`P_\mathrm{TX} = \alpha K G` of ZF with perfect CSI [W].

    Parameters
    ----------
    M, K : array_like
        Numbers of BS antennas and users, :math:`M > K > 0`.
    alpha : array_like, optional
        Power parameter :math:`\alpha \ge 0` [-]; default :math:`\alpha^\star` (Theorem 3).
    params : Bjornson2015Params, optional
        System parameters; default Table 2.

    Returns
    -------
    ndarray or float
        :math:`\alpha K B\sigma^2 S_x/\eta` [W], the power drawn by the PAs of the BS and the
        users together (averaged over the uplink/downlink duty cycle, Eq. (19)).

    Raises
    ------
    ValueError
        If :math:`M \le K`, :math:`K \le 0` or :math:`\alpha < 0`.

    Examples
    --------
    >>> round(float(rf_power_zf(165, 104)), 2)  # [W], Fig. 8 of Björnson et al. (2015)
    81.75
    """
    p = _params(params)
    m, k = _check_mk(M, K, strict=True)
    a = _resolve_alpha(alpha, m, k, p, low=0.0)
    with np.errstate(over="ignore", invalid="ignore"):
        out = np.asarray(a * k * p.rf_power_scale * np.ones_like(m))
    check_no_overflow([out], "M, K, alpha, params")
    return out[()]


def ee_zf(M, K, alpha=None, params=None):
    r"""Energy efficiency of ZF with perfect CSI, Eq. (32) of Björnson et al. (2015) [bit/J].

    Parameters
    ----------
    M : array_like
        Number of BS antennas (real values allowed), :math:`M \ge 0`.
    K : array_like
        Number of users (real values allowed), :math:`K > 0`.
    alpha : array_like, optional
        Power parameter :math:`\alpha` [-] (per-user SINR :math:`\alpha(M-K)`, RF power
        :math:`\alpha K G`). Default: the optimum :math:`\alpha^\star` of Theorem 3.
    params : Bjornson2015Params, optional
        System parameters; default Table 2.

    Returns
    -------
    ndarray or float
        EE [bit/J], broadcast over ``M``, ``K`` and ``alpha``. NaN where :math:`M \le K`, where
        the pre-log :math:`1-\tau K/U \le 0`, or where :math:`\alpha < 0`; 0 where
        :math:`\alpha = 0`.

    Raises
    ------
    ValueError
        If ``K`` is not positive or ``M`` is negative.

    Notes
    -----
    .. math::

        \mathrm{EE} = \frac{\bar R}{\alpha K G + \sum_{i=0}^{3} C_i K^i
        + M\sum_{i=0}^{2} D_i K^i + A\bar R},\quad
        \bar R = BK\Big(1-\frac{(\tau^{(ul)}+\tau^{(dl)})K}{U}\Big)\log_2(1+\alpha(M-K)).

    References
    ----------
    .. [1] E. Björnson, L. Sanguinetti, J. Hoydis, M. Debbah, "Optimal design of
       energy-efficient multi-user MIMO systems: Is massive MIMO the answer?", IEEE Trans.
       Wireless Commun. 14(6):3059-3075, 2015, doi:10.1109/TWC.2015.2400437.

    Examples
    --------
    >>> round(float(ee_zf(165, 104)) / 1e6, 2)  # the optimum of Fig. 3 [Mbit/J]
    30.74
    >>> ee_zf([10, 100], 10)  # NaN where M <= K
    array([          nan, 10451999.23363236])
    """
    p = _params(params)
    m, k = _check_mk(M, K, strict=False)
    a = _resolve_alpha(alpha, m, k, p)
    coeff = power_coefficients(p, "zf")
    prelog = 1.0 - p.tau * k / p.coherence_block
    valid = (m > k) & (prelog > 0) & (a >= 0)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        rate = p.bandwidth * k * prelog * np.log2(1.0 + a * (m - k))
        circuit = (
            coeff.c0 + coeff.c1 * k + coeff.c2 * k**2 + coeff.c3 * k**3
            + m * (coeff.d0 + coeff.d1 * k + coeff.d2 * k**2)
        )
        ee = rate / (a * k * p.rf_power_scale + circuit + coeff.a * rate)
    # NaN outside the model's domain (documented); anything else non-finite is an overflow
    check_no_overflow([np.where(valid, ee, 0.0)], "M, K, alpha, params")
    return np.where(valid, ee, np.nan)[()]


def optimal_m_theorem2(alpha, K, params=None):
    r"""EE-optimal number of antennas for fixed :math:`\alpha` and :math:`K` (Theorem 2).

    Parameters
    ----------
    alpha : array_like
        Power parameter :math:`\alpha > 0` [-].
    K : array_like
        Number of users :math:`K > 0` (real values allowed).
    params : Bjornson2015Params, optional
        System parameters; default Table 2.

    Returns
    -------
    ndarray or float
        Real-valued :math:`M^\star` (> K); the integer optimum is :math:`\lfloor M^\star\rfloor` or
        :math:`\lceil M^\star\rceil` since the EE is quasi-concave in :math:`M`.

    Raises
    ------
    ValueError
        If ``alpha`` or ``K`` is not positive.

    Notes
    -----
    Theorem 2 of [1]_ (Eq. (48)):

    .. math::

        M^\star = \frac{x^\star - 1 + \alpha K}{\alpha},\qquad
        x^\star = e^{W\left(\frac{\alpha(G\alpha + C')}{eD'} + \frac{\alpha K - 1}{e}\right)+1}.

    References
    ----------
    .. [1] E. Björnson, L. Sanguinetti, J. Hoydis, M. Debbah, IEEE Trans. Wireless Commun.
       14(6):3059-3075, 2015, doi:10.1109/TWC.2015.2400437, Theorem 2.

    Examples
    --------
    >>> round(float(optimal_m_theorem2(alpha_opt_zf(165, 104), 104)), 2)
    165.27
    """
    p = _params(params)
    a = real_array("alpha", alpha, 0.0, low_open=True)
    k = real_array("K", K, 0.0, low_open=True)
    c_prime, d_prime = _c_d_prime(k, p)
    g = p.rf_power_scale
    with np.errstate(over="ignore", invalid="ignore"):
        arg = a * (g * a + c_prime) / d_prime + a * k - 1.0
    check_no_overflow([arg], "alpha, K, params")
    x = lambertw_ratio_argmax(arg)
    with np.errstate(over="ignore", invalid="ignore"):
        out = np.asarray((x - 1.0 + a * k) / a)
    check_no_overflow([out], "alpha, K, params")
    return out[()]


def _theorem1_ee(kk, alpha_bar, beta_bar, p, co):
    """EE at K with fixed alpha_bar = alpha K and beta_bar = M/K (Theorem 1 objective).

    Overflow of unphysical inputs is not warned about here: the callers check the result.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        rate = (
            p.bandwidth * kk * (1.0 - p.tau * kk / p.coherence_block)
            * np.log2(1.0 + alpha_bar * (beta_bar - 1.0))
        )
        power = (
            p.rf_power_scale * alpha_bar + co.c0 + co.c1 * kk + co.c2 * kk**2 + co.c3 * kk**3
            + beta_bar * kk * (co.d0 + co.d1 * kk + co.d2 * kk**2)
        )
        return rate / (power + co.a * rate)


def optimal_k_theorem1(alpha_bar, beta_bar, params=None):
    r"""EE-optimal number of users for fixed :math:`\bar\alpha = \alpha K` and
    :math:`\bar\beta = M/K` (Theorem 1).

    Parameters
    ----------
    alpha_bar : array_like
        Total power parameter :math:`\bar\alpha = \alpha K > 0` [-] (RF power
        :math:`\bar\alpha G`).
    beta_bar : array_like
        Antenna-to-user ratio :math:`\bar\beta = M/K > 1` [-].
    params : Bjornson2015Params, optional
        System parameters; default Table 2.

    Returns
    -------
    ndarray or float
        Real-valued :math:`K^\star` in :math:`(0, U/\tau)`, broadcast over the inputs.

    Raises
    ------
    ValueError
        If ``alpha_bar`` is not positive or ``beta_bar`` is not above 1, or if they are so
        large that the quartic overflows or has no admissible root.

    Notes
    -----
    Theorem 1 of [1]_: :math:`K^\star` is the EE-maximising positive real root of the quartic
    (Eq. (42))

    .. math::

        K^4 - \frac{2U}{\tau}K^3 - \mu_1 K^2 - 2\mu_0 K + \frac{U\mu_0}{\tau} = 0,\quad
        \mu_0 = \frac{C_0 + G\bar\alpha}{C_3 + \bar\beta D_2},\quad
        \mu_1 = \frac{U(C_2 + \bar\beta D_1)/\tau + C_1 + \bar\beta D_0}{C_3 + \bar\beta D_2},

    where the EE is evaluated at :math:`M = \bar\beta K` with the rate
    :math:`BK(1-\tau K/U)\log_2(1+\bar\alpha(\bar\beta-1))`. The roots are the eigenvalues of
    the companion matrices, computed in one batched call.

    References
    ----------
    .. [1] E. Björnson, L. Sanguinetti, J. Hoydis, M. Debbah, IEEE Trans. Wireless Commun.
       14(6):3059-3075, 2015, doi:10.1109/TWC.2015.2400437, Theorem 1.

    Examples
    --------
    >>> a = float(alpha_opt_zf(165, 104))
    >>> round(float(optimal_k_theorem1(a * 104, 165 / 104)), 2)
    104.4
    """
    p = _params(params)
    ab = real_array("alpha_bar", alpha_bar, 0.0, low_open=True)
    bb = real_array("beta_bar", beta_bar, 1.0, low_open=True)
    ab, bb = np.broadcast_arrays(ab, bb)
    shape = ab.shape
    ab = ab.ravel()
    bb = bb.ravel()
    co = power_coefficients(p, "zf")
    u, tau, g = p.coherence_block, p.tau, p.rf_power_scale
    with np.errstate(over="ignore", invalid="ignore"):
        den = co.c3 + bb * co.d2
        mu0 = (co.c0 + g * ab) / den
        mu1 = (u * (co.c2 + bb * co.d1) / tau + co.c1 + bb * co.d0) / den
        big = ~np.isfinite(u * mu0 / tau) | ~np.isfinite(mu1)
    if np.any(big):
        i = int(np.argmax(big))
        raise ValueError("alpha_bar and beta_bar are too large for the Theorem-1 quartic (its "
                         f"coefficients overflow), got alpha_bar={ab[i]:.6g}, "
                         f"beta_bar={bb[i]:.6g}")
    # Companion matrices of K^4 + b3 K^3 + b2 K^2 + b1 K + b0 (monic).
    b = np.stack([u * mu0 / tau, -2.0 * mu0, -mu1, np.full_like(mu0, -2.0 * u / tau)], axis=-1)
    n = ab.size
    comp = np.zeros((n, 4, 4))
    comp[:, 1:, :-1] = np.eye(3)
    comp[:, :, -1] = -b
    roots = np.linalg.eigvals(comp)
    real = np.abs(roots.imag) <= 1e-9 * np.maximum(1.0, np.abs(roots))
    kk = roots.real
    ok = real & (kk > 0) & (kk < u / tau)
    with np.errstate(invalid="ignore", divide="ignore"):
        ee = np.where(ok, _theorem1_ee(np.where(ok, kk, 1.0), ab[:, None], bb[:, None], p, co),
                      -np.inf)
    best = np.argmax(ee, axis=-1)
    k_star = np.take_along_axis(kk, best[:, None], axis=-1)[:, 0]
    found = np.isfinite(np.max(ee, axis=-1))
    if not np.all(found):
        i = int(np.argmin(found))
        raise ValueError("alpha_bar and beta_bar give no positive real root of the Theorem-1 "
                         f"quartic below U/tau (numerically), got alpha_bar={ab[i]:.6g}, "
                         f"beta_bar={bb[i]:.6g}")
    return k_star.reshape(shape)[()]


@dataclass(frozen=True)
class ZFOptimum:
    r"""Result of :func:`optimize_zf`: the EE-optimal ZF design of Björnson et al. (2015).

    Attributes
    ----------
    M, K : int
        Optimal numbers of BS antennas and users.
    alpha : float
        Optimal power parameter :math:`\alpha^\star` (Theorem 3) [-].
    ee : float
        Maximal energy efficiency [bit/J].
    sum_rate : float
        Sum rate :math:`\bar R` at the optimum [bit/s].
    p_tx : float
        Total RF power :math:`\alpha K G` [W] (Eq. (19)).
    p_radiated_per_antenna : float
        Radiated downlink power per BS antenna :math:`\zeta^{(dl)}\eta P_\mathrm{TX}/M` [W].
    history : tuple of tuple
        ``(M, K, alpha, ee)`` after each iteration of the alternating algorithm (Sec. V.E),
        starting with the initial point (3, 1).
    converged : bool
        Whether the alternating algorithm stopped because (M, K) no longer changed.
    exhaustive_agrees : bool or None
        Whether the exhaustive integer search found the same (M, K); ``None`` if not run.
    """

    M: int
    K: int
    alpha: float
    ee: float
    sum_rate: float
    p_tx: float
    p_radiated_per_antenna: float
    history: tuple
    converged: bool
    exhaustive_agrees: bool | None


#: Largest m_max and k_max of the exhaustive search of :func:`optimize_zf` (a 2000 x 2000 grid).
_MAX_SEARCH = 2000


def _exhaustive_zf(p, m_max, k_max):
    m = np.arange(1, m_max + 1, dtype=float)[:, None]
    k = np.arange(1, k_max + 1, dtype=float)[None, :]
    ee = ee_zf(m, k, params=p)
    if not np.any(np.isfinite(ee)):
        return None
    i, j = np.unravel_index(np.nanargmax(ee), ee.shape)
    return int(m[i, 0]), int(k[0, j]), float(ee[i, j])


def optimize_zf(params=None, *, m_max=220, k_max=150, max_iter=100, exhaustive=True):
    r"""Jointly EE-optimal :math:`(M, K, \alpha)` for ZF with perfect CSI (Sec. V.E).

    Parameters
    ----------
    params : Bjornson2015Params, optional
        System parameters; default Table 2.
    m_max, k_max : int, optional
        Range of the exhaustive integer search :math:`1 \le K < M \le` ``m_max``,
        :math:`K \le` ``k_max`` (defaults 220 and 150: the range of Fig. 3 of [1]_).
    max_iter : int, optional
        Maximal number of iterations of the alternating algorithm (default 100, as in the
        authors' code).
    exhaustive : bool, optional
        Also run the exhaustive integer search and keep the better of the two results
        (default True).

    Returns
    -------
    ZFOptimum
        The optimum, the iteration history and the convergence flags.

    Raises
    ------
    ValueError
        If ``m_max`` is outside [2, 2000], ``k_max`` outside [1, 2000] or ``max_iter`` outside
        [1, 10000] (the bounds keep the exhaustive grid below 4e6 points).

    Notes
    -----
    Alternating optimisation of Sec. V.E of [1]_, started at :math:`(M, K, \alpha) =
    (3, 1, 1)`:

    1. :math:`\bar\alpha = \alpha K`, :math:`\bar\beta = M/K`; Theorem 1 gives
       :math:`\tilde K` (:func:`optimal_k_theorem1`) and :math:`\tilde\alpha = \bar\alpha/\tilde K`;
    2. Theorem 2 gives :math:`\tilde M` (:func:`optimal_m_theorem2`);
    3. the best of :math:`\{\lfloor\tilde M\rfloor, \lceil\tilde M\rceil\} \times
       \{\lfloor\tilde K\rfloor, \lceil\tilde K\rceil\}` with :math:`\alpha^\star` of Theorem 3
       becomes the new point;

    until :math:`(M, K)` stops changing. Each step cannot decrease the EE, so the iteration
    converges; the exhaustive search certifies the global optimum on the integer grid.

    References
    ----------
    .. [1] E. Björnson, L. Sanguinetti, J. Hoydis, M. Debbah, "Optimal design of
       energy-efficient multi-user MIMO systems: Is massive MIMO the answer?", IEEE Trans.
       Wireless Commun. 14(6):3059-3075, 2015, doi:10.1109/TWC.2015.2400437.

    Examples
    --------
    >>> opt = optimize_zf()
    >>> opt.M, opt.K, round(opt.ee / 1e6, 2), opt.converged, opt.exhaustive_agrees
    (165, 104, 30.74, True, True)
    >>> round(opt.p_tx, 2), round(opt.p_radiated_per_antenna, 3)  # [W]
    (81.75, 0.104)
    """
    p = _params(params)
    m_max = check_integer("m_max", m_max, low=2, high=_MAX_SEARCH)
    k_max = check_integer("k_max", k_max, low=1, high=_MAX_SEARCH)
    max_iter = check_integer("max_iter", max_iter, low=1, high=MAX_ITERATIONS)

    m_cur, k_cur, a_cur = 3, 1, 1.0
    history = [(m_cur, k_cur, a_cur, float(ee_zf(m_cur, k_cur, params=p)))]
    converged = False
    for _ in range(max_iter):
        alpha_bar = a_cur * k_cur
        beta_bar = m_cur / k_cur
        k_t = float(optimal_k_theorem1(alpha_bar, beta_bar, params=p))
        if not np.isfinite(k_t):
            break
        a_t = alpha_bar / k_t
        m_t = float(optimal_m_theorem2(a_t, k_t, params=p))
        cand_m = np.array(sorted({int(np.floor(m_t)), int(np.ceil(m_t))}), dtype=float)
        cand_k = np.array(sorted({max(1, int(np.floor(k_t))), max(1, int(np.ceil(k_t)))}),
                          dtype=float)
        mm, kk = np.meshgrid(cand_m, cand_k, indexing="ij")
        ee = ee_zf(mm, kk, params=p)
        if not np.any(np.isfinite(ee)):
            break
        i = np.unravel_index(np.nanargmax(ee), ee.shape)
        m_new, k_new = int(mm[i]), int(kk[i])
        a_cur = float(_alpha_star(np.float64(m_new), np.float64(k_new), p))
        history.append((m_new, k_new, a_cur, float(ee[i])))
        if (m_new, k_new) == (m_cur, k_cur):
            converged = True
            break
        m_cur, k_cur = m_new, k_new

    best_m, best_k, best_ee = m_cur, k_cur, float(ee_zf(m_cur, k_cur, params=p))
    agrees = None
    if exhaustive:
        ex = _exhaustive_zf(p, m_max, k_max)
        if ex is not None:
            agrees = (ex[0], ex[1]) == (best_m, best_k)
            if not np.isfinite(best_ee) or ex[2] > best_ee:
                best_m, best_k, best_ee = ex
        else:
            agrees = False
    alpha = float(_alpha_star(np.float64(best_m), np.float64(best_k), p))
    rate = float(sum_rate_zf(best_m, best_k, alpha, params=p))
    p_tx = alpha * best_k * p.rf_power_scale
    return ZFOptimum(
        M=int(best_m),
        K=int(best_k),
        alpha=alpha,
        ee=float(best_ee),
        sum_rate=rate,
        p_tx=p_tx,
        p_radiated_per_antenna=p.zeta_dl * p.eta * p_tx / best_m,
        history=tuple(history),
        converged=converged,
        exhaustive_agrees=agrees,
    )


# ---------------------------------------------------------------------------------------------
# Imperfect CSI (Lemmas 5-6)
# ---------------------------------------------------------------------------------------------


def _as_attenuations(name, values):
    return real_array(name, values, 0.0).ravel()


def sinr_zf_imperfect(M, K, alpha, i_pc=(), i_nonpc=(), tau_ul=1.0):
    r"""Per-user SINR of ZF with imperfect CSI in a symmetric multi-cell system (Lemma 6).

    Parameters
    ----------
    M, K : array_like
        Numbers of BS antennas and users per cell, :math:`M > K > 0`.
    alpha : array_like
        Power parameter :math:`\alpha > 0` [-] (same meaning as for perfect CSI).
    i_pc : sequence of float, optional
        Average relative attenuations :math:`\mathcal{I}_\mathrm{PC}` of the interfering cells
        that reuse the pilots (pilot contamination); empty for a single cell.
    i_nonpc : sequence of float, optional
        Average relative attenuations :math:`\mathcal{I}_\mathrm{nPC}` of the other interfering
        cells.
    tau_ul : float, optional
        Relative uplink pilot length :math:`\tau^{(ul)} \ge 1` [-] (the pilot reuse factor times
        the per-cell length), default 1.

    Returns
    -------
    ndarray or float
        SINR [-], broadcast over ``M``, ``K`` and ``alpha``.

    Raises
    ------
    ValueError
        If :math:`M \le K`, ``alpha`` is not positive, ``tau_ul < 1`` or an attenuation is
        negative.

    Notes
    -----
    Lemma 6 of [1]_ (Eq. (58)) with :math:`x = 1/(\alpha K\tau^{(ul)})`,
    :math:`\mathcal{I}_\mathrm{ext} = \mathcal{I}_\mathrm{PC}\cup\{1\}` and sums
    :math:`\Sigma` over the sets:

    .. math::

        \mathrm{SINR} = \frac{\alpha(M-K)}{\alpha(M-K)\Sigma\mathcal{I}_\mathrm{PC}
        + (1+\Sigma\mathcal{I}_\mathrm{PC}+x)\Big(1 + K\alpha\Sigma\mathcal{I}_\mathrm{nPC}
        + K\alpha\frac{(\Sigma\mathcal{I}_\mathrm{ext})^2 - \Sigma\mathcal{I}_\mathrm{ext}^2 + x}
        {\Sigma\mathcal{I}_\mathrm{ext} + x}\Big)}.

    For a single cell (Lemma 5, Eq. (55)) it reduces to
    :math:`\alpha(M-K)/(1 + x + 1/\tau^{(ul)})`.

    References
    ----------
    .. [1] E. Björnson, L. Sanguinetti, J. Hoydis, M. Debbah, IEEE Trans. Wireless Commun.
       14(6):3059-3075, 2015, doi:10.1109/TWC.2015.2400437, Lemmas 5-6.

    Examples
    --------
    >>> float(sinr_zf_imperfect(20, 10, 1.0))  # 10 / (1 + 1/10 + 1)
    4.761904761904762
    """
    m, k = _check_mk(M, K, strict=True)
    a = real_array("alpha", alpha, 0.0, low_open=True)
    tau_ul = real_scalar("tau_ul", tau_ul, 1.0)
    pc = _as_attenuations("i_pc", i_pc)
    npc = _as_attenuations("i_nonpc", i_nonpc)
    ext = np.append(pc, 1.0)
    s_pc, s_npc, s_ext, s_ext2 = pc.sum(), npc.sum(), ext.sum(), np.sum(ext**2)
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        x = 1.0 / (a * k * tau_ul)
        den = a * (m - k) * s_pc + (1.0 + s_pc + x) * (
            1.0 + k * a * s_npc + k * a * (s_ext**2 - s_ext2 + x) / (s_ext + x)
        )
        out = np.asarray(a * (m - k) / den)
    check_no_overflow([out], "M, K, alpha, i_pc, i_nonpc, tau_ul")
    return out[()]


def ee_zf_imperfect(M, K, alpha=None, params=None, i_pc=(), i_nonpc=(), tau_ul=None, *,
                    rf_power_scale=None, return_alpha=False):
    r"""Energy efficiency of ZF with imperfect CSI (Lemmas 5-6 of Björnson et al., 2015).

    Parameters
    ----------
    M, K : array_like
        Numbers of BS antennas and users (real values allowed); :math:`K > 0`.
    alpha : array_like, optional
        Power parameter :math:`\alpha` [-] (RF power :math:`\alpha K G`). Default: maximise the
        EE by a bounded search over :math:`\log\alpha \in [10^{-3}, 10^{3}]\,\alpha^\star`,
        with :math:`\alpha^\star` the perfect-CSI optimum of Theorem 3.
    params : Bjornson2015Params, optional
        System parameters; default Table 2.
    i_pc, i_nonpc : sequence of float, optional
        Relative attenuations of pilot-sharing and other interfering cells (Lemma 6); empty
        (default) is the single cell of Lemma 5.
    tau_ul : float, optional
        Relative uplink pilot length (pilot reuse factor); default ``params.tau_ul``. It enters
        the SINR and the pre-log :math:`1 - (\tau^{(ul)}+\tau^{(dl)})K/U`.
    rf_power_scale : float, optional
        Override of :math:`G = B\sigma^2 S_x/\eta` [W] (e.g. the multi-cell value, which depends
        on the cell geometry); default ``params.rf_power_scale``.
    return_alpha : bool, optional
        If True, return ``(ee, alpha)`` with the :math:`\alpha` used.

    Returns
    -------
    ndarray or float
        EE [bit/J] with the circuit power of ZF (Table 1) and the pre-log of Eq. (32); NaN where
        :math:`M \le K` or the pre-log is not positive, or where :math:`\alpha < 0`; 0 at
        :math:`\alpha = 0`.

    Raises
    ------
    ValueError
        If ``K`` is not positive, ``M`` is negative, ``tau_ul < 1``, ``rf_power_scale`` is not
        positive or an attenuation is negative.

    Notes
    -----
    Rate :math:`\bar R = BK(1-\tau K/U)\log_2(1+\mathrm{SINR})` with the SINR of
    :func:`sinr_zf_imperfect`; the EE is :math:`\bar R/(\alpha K G + P_\mathrm{CP} + A\bar R)`.
    The bounded search evaluates 25 log-spaced points and refines the best bracket by golden
    section (48 steps), vectorised over the whole grid.

    References
    ----------
    .. [1] E. Björnson, L. Sanguinetti, J. Hoydis, M. Debbah, IEEE Trans. Wireless Commun.
       14(6):3059-3075, 2015, doi:10.1109/TWC.2015.2400437, Lemmas 5-6, Fig. 6.

    Examples
    --------
    >>> ee_p = float(ee_zf(165, 104))
    >>> ee_i = float(ee_zf_imperfect(165, 104))
    >>> round(ee_i / 1e6, 2), ee_i < ee_p
    (25.76, True)
    """
    p = _params(params)
    m, k = _check_mk(M, K, strict=False)
    tau_ul = p.tau_ul if tau_ul is None else real_scalar("tau_ul", tau_ul, 1.0)
    g = p.rf_power_scale if rf_power_scale is None else real_scalar(
        "rf_power_scale", rf_power_scale, 0.0, low_open=True)
    pc = _as_attenuations("i_pc", i_pc)
    npc = _as_attenuations("i_nonpc", i_nonpc)
    co = power_coefficients(p, "zf")
    prelog = 1.0 - (tau_ul + p.tau_dl) * k / p.coherence_block
    circuit = co.c0 + co.c1 * k + co.c2 * k**2 + co.c3 * k**3 + m * (
        co.d0 + co.d1 * k + co.d2 * k**2)
    valid = (m > k) & (prelog > 0)
    ext = np.append(pc, 1.0)
    s_pc, s_npc, s_ext, s_ext2 = pc.sum(), npc.sum(), ext.sum(), np.sum(ext**2)

    def ee_of(a):
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            x = 1.0 / (a * k * tau_ul)
            den = a * (m - k) * s_pc + (1.0 + s_pc + x) * (
                1.0 + k * a * s_npc + k * a * (s_ext**2 - s_ext2 + x) / (s_ext + x))
            sinr = np.where(a > 0, a * (m - k) / den, 0.0)
            rate = p.bandwidth * k * prelog * np.log2(1.0 + sinr)
            return rate / (a * k * g + circuit + co.a * rate)

    if alpha is None:
        a_star = _alpha_star(m, k, p)
        a_ref = np.where(valid & (a_star > 0) & np.isfinite(a_star), a_star, 1.0)
        shape = np.broadcast_shapes(m.shape, k.shape)
        log_lo = np.broadcast_to(np.log(a_ref * 1e-3), shape)
        log_hi = np.broadcast_to(np.log(a_ref * 1e3), shape)
        log_a = golden_section_max(lambda t: np.broadcast_to(ee_of(np.exp(t)), t.shape),
                                   log_lo, log_hi, n_grid=25)
        a = np.exp(log_a)
    else:
        a = real_array("alpha", alpha)
    ee = ee_of(a)
    ok = valid & (a >= 0)
    # NaN outside the model's domain (documented); anything else non-finite is an overflow
    check_no_overflow([np.where(ok, ee, 0.0)],
                      "M, K, alpha, params, i_pc, i_nonpc, tau_ul, rf_power_scale")
    ee = np.where(ok, ee, np.nan)[()]
    if return_alpha:
        return ee, np.where(ok, a, np.nan)[()]
    return ee


# ---------------------------------------------------------------------------------------------
# MRT by Monte-Carlo (Sec. VII of the paper, as in Fig. 5)
# ---------------------------------------------------------------------------------------------


class MRTMonteCarloResult(NamedTuple):
    r"""Result of :func:`ee_mrt_montecarlo`.

    ``ee`` [bit/J], ``sinr`` (common per-user SINR :math:`\gamma` [-]), ``sum_rate`` [bit/s],
    ``p_tx`` (average total RF power :math:`\mathbb{E}[\sum p]/\eta` [W]).
    """

    ee: float
    sinr: float
    sum_rate: float
    p_tx: float


@njit(cache=True, parallel=True)
def _mrt_gram_numba(w, gain, noise_power):  # pragma: no cover - compiled
    """C[r, k, i] = |h_k^H h_i|^2 / noise and n[r, k] = ||h_k||^2 with h = sqrt(gain) w."""
    n_r, _, m_ant, k_u = w.shape
    c = np.empty((n_r, k_u, k_u))
    nrm = np.empty((n_r, k_u))
    for r in prange(n_r):
        for k in range(k_u):
            for i in range(k, k_u):
                re = 0.0
                im = 0.0
                for m in range(m_ant):
                    re += w[r, 0, m, k] * w[r, 0, m, i] + w[r, 1, m, k] * w[r, 1, m, i]
                    im += w[r, 0, m, k] * w[r, 1, m, i] - w[r, 1, m, k] * w[r, 0, m, i]
                scale = 0.5 * np.sqrt(gain[r, k] * gain[r, i])
                val = (re * re + im * im) * scale * scale / noise_power
                c[r, k, i] = val
                c[r, i, k] = val
                if i == k:
                    nrm[r, k] = re * scale
    return c, nrm


@njit(cache=True, parallel=True)
def _mrt_sum_power_numba(c, nrm, gamma):  # pragma: no cover - compiled
    """Sum UL/DL power per realization for the common SINR gamma; -1 if infeasible.

    With Gamma_ki = C_ki/n_i, D = diag(Gamma_kk)/gamma - offdiag(Gamma) = Ds N^-1 where
    Ds = diag(C_kk)/gamma - offdiag(C) is symmetric, so p = N Ds^-1 1. Ds is a symmetric
    Z-matrix: it is positive definite iff it is a nonsingular M-matrix iff gamma is feasible,
    i.e. the Cholesky factorisation succeeds exactly on the feasible set.
    """
    n_r, k_u, _ = c.shape
    out = np.empty(n_r)
    for r in prange(n_r):
        low = np.zeros((k_u, k_u))
        y = np.empty(k_u)
        ok = True
        for j in range(k_u):
            d = c[r, j, j] / gamma
            for q in range(j):
                d -= low[j, q] * low[j, q]
            if d <= 0.0:
                ok = False
                break
            ljj = np.sqrt(d)
            low[j, j] = ljj
            for i in range(j + 1, k_u):
                acc = -c[r, i, j]
                for q in range(j):
                    acc -= low[i, q] * low[j, q]
                low[i, j] = acc / ljj
        if not ok:
            out[r] = -1.0
            continue
        for i in range(k_u):  # L y = 1
            acc = 1.0
            for q in range(i):
                acc -= low[i, q] * y[q]
            y[i] = acc / low[i, i]
        total = 0.0
        for i in range(k_u - 1, -1, -1):  # L^T x = y (x stored in y)
            acc = y[i]
            for q in range(i + 1, k_u):
                acc -= low[q, i] * y[q]
            y[i] = acc / low[i, i]
            if y[i] <= 0.0:
                ok = False
            total += nrm[r, i] * y[i]
        out[r] = total if ok else -1.0
    return out


def _mrt_gram_numpy(w, gain, noise_power):
    """NumPy reference of :func:`_mrt_gram_numba` (MR beams g_i = h_i/||h_i||)."""
    h = np.sqrt(gain)[:, None, :] * (w[:, 0] + 1j * w[:, 1]) / np.sqrt(2.0)
    g = h / np.linalg.norm(h, axis=1, keepdims=True)
    gam = np.abs(np.einsum("rmk,rmi->rki", h.conj(), g)) ** 2 / noise_power  # Gamma_ki
    nrm = np.sum(np.abs(h) ** 2, axis=1)
    return gam * nrm[:, None, :], nrm  # C_ki = Gamma_ki n_i


def _mrt_sum_power_numpy(c, nrm, gamma):
    """NumPy reference: solve D p = 1 with D = diag(Gamma_kk)/gamma - offdiag(Gamma)."""
    gam = c / nrm[:, None, :]
    k_u = gam.shape[-1]
    eye = np.eye(k_u)
    diag = np.einsum("rkk->rk", gam)
    d = diag[:, :, None] * eye / gamma - gam * (1.0 - eye)
    out = np.empty(c.shape[0])
    for r in range(c.shape[0]):
        try:
            p = np.linalg.solve(d[r], np.ones(k_u))
        except np.linalg.LinAlgError:
            out[r] = -1.0
            continue
        out[r] = p.sum() if np.all(p > 0) else -1.0
    return out


def ee_mrt_montecarlo(M, K, params=None, n_realizations=100, rng=None, *, backend="numba",
                      sinr=None):
    r"""EE of MRT/MRC with perfect CSI and optimal power allocation, by Monte-Carlo.

    Parameters
    ----------
    M, K : int
        Numbers of BS antennas and users, :math:`M \ge 1`, :math:`K \ge 1`.
    params : Bjornson2015Params, optional
        System parameters; default Table 2.
    n_realizations : int, optional
        Number of joint user-position and fading realizations (default 100, as in the
        authors' code).
    rng : numpy.random.Generator, int or None
        Random source (see :func:`~wirelesseff._validation.as_generator`); all draws are made
        with numpy before the kernels run.
    backend : {"numba", "numpy"}, optional
        Compiled kernels (Cholesky per realization, parallel) or the NumPy reference
        (``numpy.linalg.solve`` per realization); they agree to rounding.
    sinr : float, optional
        Evaluate the EE at this common per-user SINR :math:`\gamma > 0` [-] instead of
        maximising over it; an infeasible :math:`\gamma` gives ``ee = 0`` (and ``p_tx`` NaN), the
        convention of the authors' ``functionCalculateEmpircalEE.m``. Default ``None``
        (maximise).

    Returns
    -------
    MRTMonteCarloResult
        ``(ee, sinr, sum_rate, p_tx)``; all NaN where the pre-log :math:`1-\tau K/U` is not
        positive (no data symbols: EE undefined, as in :func:`ee_zf`).

    Raises
    ------
    ValueError
        If ``M`` (at most 1e6), ``K`` (at most 1e4) or ``n_realizations`` (at most 1e6) is not
        a positive integer, if ``n_realizations * M * K`` exceeds 1e7 (memory of the draws), or if
        ``backend`` is unknown.

    Notes
    -----
    For each realization, users are drawn uniformly in the annulus (:math:`r = \sqrt{u}`,
    :math:`u \sim U(d_\mathrm{min}^2, d_\mathrm{max}^2)`), :math:`h_k = \sqrt{\bar d/r_k^\kappa}
    \,\mathcal{CN}(0, I_M)`, the MR beams :math:`g_k = h_k/\|h_k\|` and
    :math:`\Gamma_{ki} = |h_k^H g_i|^2/(B\sigma^2)`. The powers that give every user the SINR
    :math:`\gamma` solve :math:`Dp = 1` with :math:`D = \mathrm{diag}(\Gamma_{kk})/\gamma -
    \mathrm{offdiag}(\Gamma)` (Eqs. (8)-(9) of [1]_; by uplink-downlink duality the sum power is
    the same in both directions); :math:`\gamma` is feasible iff every realization has a
    positive solution. The EE :math:`R/(\mathbb{E}[\sum p]/\eta + P_\mathrm{CP} + AR)`, with
    :math:`R = BK(1-\tau K/U)\log_2(1+\gamma)` and the MRT circuit power of Table 1, is
    maximised over :math:`\log\gamma` (grid plus golden section; infeasible :math:`\gamma`
    score 0) on the bracket :math:`\gamma < 1/\max_r \min_k \sum_{i\ne k} S_{ki}` that
    contains every feasible SINR, so the search always starts from feasible points. The
    authors' script instead starts ``fminsearch`` at :math:`\gamma = 0.1`: where that start is
    infeasible (few antennas, many users, e.g. :math:`M = 10`, :math:`K = 100`, whose largest
    feasible SINR is about 0.09) every simplex point scores 0 and it returns EE = 0, while this
    function finds the optimum (4.29 Mbit/J on seed-0 draws; see docs/xlmimo.md, 'Imperfect
    CSI and MRT'). The numba kernel uses :math:`\Gamma_{ki} = C_{ki}/\|h_i\|^2` with
    :math:`C_{ki} = |h_k^Hh_i|^2/(B\sigma^2)` symmetric, so :math:`p = N D_s^{-1}1` with the
    symmetric Z-matrix :math:`D_s = \mathrm{diag}(C_{kk})/\gamma - \mathrm{offdiag}(C)`,
    whose Cholesky factorisation exists exactly when :math:`\gamma` is feasible.

    References
    ----------
    .. [1] E. Björnson, L. Sanguinetti, J. Hoydis, M. Debbah, IEEE Trans. Wireless Commun.
       14(6):3059-3075, 2015, doi:10.1109/TWC.2015.2400437, Sec. III and Fig. 5.

    Examples
    --------
    >>> res = ee_mrt_montecarlo(100, 10, rng=1)
    >>> 0 < res.ee < float(ee_zf(100, 10))
    True
    """
    p = _params(params)
    m = check_integer("M", M, low=1, high=MAX_ANTENNAS)
    k = check_integer("K", K, low=1, high=MAX_USERS)
    n = check_integer("n_realizations", n_realizations, low=1, high=MAX_REALIZATIONS)
    if sinr is not None:
        sinr = real_scalar("sinr", sinr, 0.0, low_open=True)
    if 2 * n * m * k > MAX_DRAWS:
        raise ValueError(f"n_realizations * M * K must be at most {MAX_DRAWS // 2} (memory of "
                         f"the channel draws), got n_realizations={n}, M={m}, K={k}")
    check_choice("backend", backend, ("numba", "numpy"))
    gen = as_generator(rng)
    co = power_coefficients(p, "mrt")
    prelog = p.bandwidth * k * (1.0 - p.tau * k / p.coherence_block)
    circuit = co.c0 + co.c1 * k + co.c2 * k**2 + co.c3 * k**3 + m * (
        co.d0 + co.d1 * k + co.d2 * k**2)
    if prelog <= 0:
        return MRTMonteCarloResult(np.nan, np.nan, np.nan, np.nan)

    u = gen.uniform(p.d_min**2, p.d_max**2, size=(n, k))
    gain = p.dbar / np.sqrt(u) ** p.kappa
    w = gen.standard_normal((n, 2, m, k))
    if backend == "numba":
        c, nrm = _mrt_gram_numba(w, gain, p.noise_power)
        sum_power = _mrt_sum_power_numba
    else:
        c, nrm = _mrt_gram_numpy(w, gain, p.noise_power)
        sum_power = _mrt_sum_power_numpy

    # Bracket of the feasible SINRs from the row sums of S = Dc^-1/2 offdiag(C) Dc^-1/2:
    # min row sum <= rho(S) <= max row sum, and gamma is feasible iff gamma < 1/rho(S).
    if k > 1:
        dc = np.sqrt(np.einsum("rkk->rk", c))
        s = c / (dc[:, :, None] * dc[:, None, :])
        rows = s.sum(axis=-1) - 1.0
        hi = float(np.min(1.0 / np.maximum(rows.min(axis=-1), 1e-300)))
        hi = min(hi, 1e8)
    else:
        hi = 1e8

    def ee_of_log_gamma(t):
        t = np.atleast_1d(t)
        out = np.empty(t.shape)
        for j, tj in enumerate(t.ravel()):
            gm = float(np.exp(tj))
            pw = sum_power(c, nrm, gm)
            if np.any(pw < 0):
                out.flat[j] = 0.0
                continue
            p_tx = float(np.mean(pw)) / p.eta
            rate = prelog * np.log2(1.0 + gm)
            out.flat[j] = rate / (p_tx + circuit + co.a * rate)
        return out

    if sinr is not None:
        t_best = float(np.log(sinr))
    else:
        log_hi = np.log(hi)
        log_lo = min(np.log(1e-4), log_hi - 1.0)
        t_best = float(golden_section_max(ee_of_log_gamma, np.array([log_lo]),
                                          np.array([log_hi]), n_grid=15, max_iter=30)[0])
    gm = float(np.exp(t_best))
    ee = float(ee_of_log_gamma(np.array([t_best]))[0])
    rate = prelog * np.log2(1.0 + gm)
    p_tx = rate / ee - circuit - co.a * rate if ee > 0 else np.nan
    return MRTMonteCarloResult(ee, gm, float(rate), float(p_tx))
