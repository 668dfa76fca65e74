r"""Closed-form solutions of fractional programs that recur across the modules."""

from __future__ import annotations

import numpy as np
from scipy.special import lambertw

from .._validation import check_in_range

__all__ = ["lambertw_ratio_argmax"]


def lambertw_ratio_argmax(a):
    r"""Maximiser over :math:`x \ge 1` of :math:`\ln x / (x + a)`.

    Parameters
    ----------
    a : array_like
        Offset :math:`a \ge -1` [-], finite; NaN entries propagate to NaN (they mark
        undefined grid points of the vectorised callers, e.g. :math:`M \le K`).

    Returns
    -------
    ndarray or float
        :math:`x^\star = e^{W_0(a/e) + 1}`, with :math:`W_0` the principal branch of the
        Lambert W function; :math:`x^\star = 1` at :math:`a = -1`.

    Raises
    ------
    ValueError
        If ``a < -1``.

    Notes
    -----
    Setting the derivative of :math:`\ln x/(x+a)` to zero gives :math:`x(\ln x - 1) = a`, i.e.
    :math:`(\ln x - 1)e^{\ln x - 1} = a/e`, whose solution is :math:`\ln x = W_0(a/e) + 1`.
    The same structure gives the optimal transmit power of a single link
    (:math:`\max_p \log(1+cp)/(p/\mu+P_0)`) and Theorems 2-3 of Björnson et al. [1]_; see
    also Lemma 3 of [1]_.

    References
    ----------
    .. [1] E. Björnson, L. Sanguinetti, J. Hoydis, M. Debbah, "Optimal design of
       energy-efficient multi-user MIMO systems: Is massive MIMO the answer?", IEEE Trans.
       Wireless Commun. 14(6):3059-3075, 2015, doi:10.1109/TWC.2015.2400437.

    Examples
    --------
    >>> float(lambertw_ratio_argmax(0.0))  # argmax of ln(x)/x is e
    2.718281828459045
    >>> float(lambertw_ratio_argmax(-1.0))
    1.0
    """
    a = np.asarray(check_in_range("a", a, -1.0, None, allow_nan=True), dtype=float)
    if np.any(np.isinf(a)):
        raise ValueError("a must be finite, got inf")
    # a/e rounds to just below the branch point -1/e at a = -1, where scipy returns NaN.
    w = lambertw(np.maximum(a / np.e, -1.0 / np.e), k=0).real
    w = np.where(a <= -1.0, -1.0, w)
    return np.exp(w + 1.0)[()]
