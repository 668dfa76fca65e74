r"""Peak-to-average power ratio of spreading sequences used as multicarrier symbols.

A sequence :math:`a \in \mathbb C^N` is sent on :math:`N` subcarriers; the oversampled
time-domain signal is

.. math:: s_\ell = \sum_{x=0}^{N-1} a_x e^{j 2\pi x \ell / (JN)}
   = JN\,\mathrm{ifft}(a \text{ zero-padded to } JN)_\ell, \quad \ell < JN,

and :math:`\mathrm{PAPR} = \max_\ell |s_\ell|^2 / \sum_x |a_x|^2` (linear; use
:func:`wirelesseff.units.lin2db` for dB). Sampled values never exceed the continuous PAPR, which
is at most 2 (3.01 dB) for binary Golay sequences (Davis--Jedwab 1999).

References
----------
.. [1] J. A. Davis, J. Jedwab, "Peak-to-mean power control in OFDM, Golay complementary
   sequences, and Reed--Muller codes", IEEE Trans. Inf. Theory 45(7):2397--2417, 1999,
   doi:10.1109/18.796380.
"""

from __future__ import annotations

import numpy as np
import scipy.fft

from .._validation import check_finite, check_integer
from ..units import lin2db
from ._checks import real_array

__all__ = ["papr", "papr_ccdf"]

_CHUNK_BYTES = 256 << 20
_MAX_OVERSAMPLING = 1024


def papr(A, oversampling: int = 16):
    r"""PAPR of every column of a codebook (or of one sequence), linear.

    Parameters
    ----------
    A : array_like
        (N, K) codebook (one sequence per column) or one sequence (N,); real or complex.
    oversampling : int, optional
        Oversampling factor :math:`1 \leq J \leq 1024` (default 16, a project choice: the
        sampled PAPR is then within a few hundredths of a dB of the continuous one); one
        column's FFT buffer (:math:`16 J N` bytes) must not exceed 256 MB.

    Returns
    -------
    ndarray or float
        (K,) for 2-D input, a 0-d value for 1-D input [-].

    Raises
    ------
    ValueError
        If ``oversampling`` is not an integer in [1, 1024] (or too large for the sequence
        length), ``A`` is not 1-D/2-D, or a column is all zero.

    Notes
    -----
    :math:`\mathrm{PAPR} = \max_\ell |s_\ell|^2 / \sum_x |a_x|^2` with
    :math:`s = JN\,\mathrm{ifft}(a, JN)`. Columns are processed in chunks whose FFT buffer is at
    most 256 MB.

    Examples
    --------
    >>> float(papr([1.0, 0.0, 0.0, 0.0]))  # an impulse
    1.0
    >>> float(papr(np.ones(8)))  # all ones: N
    8.0
    >>> float(papr([1.0, 1.0]))  # the length-2 Golay sequence reaches the bound 2
    2.0
    >>> round(float(papr([1.0, 1.0, 1.0, -1.0])), 4)  # a length-4 Golay sequence, <= 2
    1.7682
    """
    if isinstance(oversampling, float) and not float(oversampling).is_integer():
        raise ValueError(f"oversampling must be an integer >= 1, got {oversampling}")
    try:
        j = check_integer("oversampling", oversampling, low=1, high=_MAX_OVERSAMPLING)
    except TypeError as exc:
        raise ValueError(f"oversampling must be an integer >= 1, got {oversampling!r}") from exc
    a = np.asarray(A)
    if a.dtype == object or not np.issubdtype(a.dtype, np.number):
        raise TypeError(f"A must be numeric, got dtype {a.dtype}")
    if a.ndim not in (1, 2) or a.shape[0] < 1:
        raise ValueError(f"A must be a sequence (N,) or a codebook (N, K), got shape {a.shape}")
    check_finite(A=a)
    single = a.ndim == 1
    cols = a[:, None] if single else a
    n, k = cols.shape
    length = j * n
    if 16 * length > _CHUNK_BYTES:
        raise ValueError(f"oversampling={j} with N={n} needs a {16 * length}-byte FFT buffer per "
                         f"column > {_CHUNK_BYTES}; lower oversampling")
    chunk = max(1, _CHUNK_BYTES // (16 * length))
    out = np.empty(k, dtype=float)
    for s in range(0, k, chunk):
        blk = np.ascontiguousarray(cols[:, s : s + chunk].T)
        energy = np.sum(np.abs(blk) ** 2, axis=1)
        if np.any(energy == 0):
            bad = s + int(np.argmax(energy == 0))
            raise ValueError(f"A must have nonzero columns, column {bad} is all zero")
        sig = scipy.fft.ifft(blk, n=length, axis=1) * length
        peak = np.max(sig.real**2 + sig.imag**2, axis=1)
        out[s : s + blk.shape[0]] = peak / energy
    return out[0] if single else out


def papr_ccdf(papr_values, gamma_db):
    r"""Empirical complementary CDF :math:`\Pr(\mathrm{PAPR} > \gamma)` on a grid of thresholds.

    Parameters
    ----------
    papr_values : array_like
        PAPR samples (linear, e.g. from :func:`papr`), any shape (flattened).
    gamma_db : array_like
        Thresholds :math:`\gamma` [dB].

    Returns
    -------
    ndarray or float
        Fraction of samples with :math:`10\log_{10}\mathrm{PAPR} > \gamma`, shape of
        ``gamma_db``.

    Examples
    --------
    >>> papr_ccdf([1.0, 2.0, 4.0, 8.0], [0.0, 3.5, 10.0])
    array([0.75, 0.5 , 0.  ])
    """
    v = np.sort(lin2db(real_array("papr_values", papr_values, 0.0, nonempty=True).ravel()))
    g = real_array("gamma_db", gamma_db, finite=False)
    count_le = np.searchsorted(v, g, side="right")
    return ((v.size - count_le) / v.size)[()]
