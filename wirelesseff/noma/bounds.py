r"""Lower bounds on the coherence of K unit vectors in :math:`\mathbb C^N` or :math:`\mathbb R^N`.

Both functions broadcast over ``N`` and ``K`` and return **NaN outside their validity domain**
(they do not raise for a valid number outside it), so they can be evaluated on any grid.
Non-numeric, NaN or infinite ``N``/``K`` are rejected (TypeError / ValueError).

References
----------
.. [1] L. R. Welch, "Lower bounds on the maximum cross correlation of signals", IEEE Trans.
   Inf. Theory 20(3):397--399, 1974, doi:10.1109/TIT.1974.1055219.
.. [2] V. I. Levenshtein, "Bounds on the maximal cardinality of a code with bounded modulus of
   the inner product", Soviet Math. Dokl. 25:526--531, 1982; "Bounds for packings of metric
   spaces and some their applications", Probl. Kibern. 40:43--110, 1983.
.. [3] Z. Heng, Q. Yue, "Optimal codebooks achieving the Levenshtein bound from generalized bent
   functions over Z4", Cryptogr. Commun. 9(1):41--53, 2017
   (restatement of the bounds used here).
"""

from __future__ import annotations

import numpy as np

from .._validation import check_no_overflow
from ._checks import flag, real_array

__all__ = ["levenshtein_bound", "welch_bound"]


def _nk(N, K) -> tuple[np.ndarray, np.ndarray]:
    n, k = np.broadcast_arrays(real_array("N", N), real_array("K", K))
    return n, k


def welch_bound(N, K):
    r"""Welch bound :math:`\mu_W = \sqrt{(K - N)/(N(K - 1))}` on the coherence of K unit vectors.

    Parameters
    ----------
    N : array_like
        Dimension (sequence length) :math:`N \geq 1` [-].
    K : array_like
        Number of vectors :math:`K` [-].

    Returns
    -------
    ndarray or float
        :math:`\mu_W`, broadcast over the inputs; **NaN** where :math:`K < N`, :math:`K < 2` or
        :math:`N < 1` (outside validity); 0 at :math:`K = N`.

    Notes
    -----
    .. math:: \max_{k \neq l} |a_k^H a_l| \geq \sqrt{\frac{K - N}{N (K - 1)}}

    (Welch 1974 [1]_, first-moment bound), valid for :math:`K \geq N`, real or complex.
    Equality holds only for equiangular tight frames (:math:`K \leq N^2` complex,
    :math:`K \leq N(N+1)/2` real).

    References
    ----------
    .. [1] L. R. Welch, IEEE Trans. Inf. Theory 20(3):397--399, 1974,
       doi:10.1109/TIT.1974.1055219.

    Examples
    --------
    >>> bool(welch_bound(16, 96) == np.sqrt(1 / 19))
    True
    >>> float(welch_bound(8, 4))
    nan
    """
    n, k = _nk(N, K)
    valid = (k >= n) & (k >= 2) & (n >= 1)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        out = np.sqrt((k - n) / (n * (k - 1)))
    check_no_overflow([np.where(valid, out, 0.0)], "N, K")  # NaN only outside validity
    return np.where(valid, out, np.nan)[()]


def levenshtein_bound(N, K, real: bool = False):
    r"""Levenshtein bound on the coherence of K unit vectors (complex or real).

    Parameters
    ----------
    N : array_like
        Dimension :math:`N \geq 1` [-].
    K : array_like
        Number of vectors [-].
    real : bool, optional
        Real vectors (:math:`\mu_{Lr}`) instead of complex (:math:`\mu_{Lc}`, default).

    Returns
    -------
    ndarray or float
        The bound, broadcast over the inputs; **NaN** outside validity, i.e. unless
        :math:`K > N^2` (complex) or :math:`K > N(N+1)/2` (real).

    Notes
    -----
    As restated by Heng and Yue (2017) [3]_:

    .. math:: \mu_{Lc} = \sqrt{\frac{2K - N^2 - N}{(N+1)(K-N)}}, \quad K > N^2; \qquad
       \mu_{Lr} = \sqrt{\frac{3K - N^2 - 2N}{(N+2)(K-N)}}, \quad K > N(N+1)/2.

    Within validity it exceeds the Welch bound. :math:`\mu_{Lc}(N, N^2+N) =
    \mu_{Lr}(N, N(N/2+1)) = 1/\sqrt N`. It does not apply to the Golay codebook
    (:math:`K = 6N \leq N(N+1)/2` for :math:`N \geq 11`).

    References
    ----------
    .. [3] Z. Heng, Q. Yue, Cryptogr. Commun. 9(1):41--53, 2017;
       V. I. Levenshtein, Probl. Kibern. 40:43--110, 1983.

    Examples
    --------
    >>> float(levenshtein_bound(16, 16**2 + 16))
    0.25
    >>> float(levenshtein_bound(16, 96, real=True))
    nan
    """
    n, k = _nk(N, K)
    real = flag("real", real)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        if real:
            valid = (n >= 1) & (k > n * (n + 1) / 2)
            out = np.sqrt((3 * k - n**2 - 2 * n) / ((n + 2) * (k - n)))
        else:
            valid = (n >= 1) & (k > n**2)
            out = np.sqrt((2 * k - n**2 - n) / ((n + 1) * (k - n)))
    check_no_overflow([np.where(valid, out, 0.0)], "N, K")  # NaN only outside validity
    return np.where(valid, out, np.nan)[()]
