r"""Lambert-W laws for the EE-optimal number of antennas and spectral efficiency.

Both laws maximise a ratio of the form :math:`\ln x/(x + a)` over :math:`x \ge 1`, whose
maximiser is :math:`x^\star = e^{W_0(a/e)+1}`
(:func:`~wirelesseff.optimize.lambertw_ratio_argmax`); the same structure gives Theorems 2-3 of
Björnson et al. (2015), see :mod:`wirelesseff.xlmimo.bjornson2015`.
"""

from __future__ import annotations

import numpy as np

from .._validation import check_no_overflow
from ..optimize.closed_form import lambertw_ratio_argmax
from ._checks import real_array

__all__ = ["optimal_antenna_count", "optimal_se_single_link"]


def optimal_antenna_count(snr_gain_per_antenna, p_fixed, p_per_antenna):
    r"""EE-optimal (real-valued) number of antennas of a link with array gain and linear power.

    Parameters
    ----------
    snr_gain_per_antenna : array_like
        SNR added per antenna :math:`c > 0` [-] (the SNR is :math:`cM`).
    p_fixed : array_like
        Power independent of :math:`M`, :math:`P_0 \ge 0` [W] (transmit plus fixed circuit
        power).
    p_per_antenna : array_like
        Power per antenna :math:`P_a > 0` [W].

    Returns
    -------
    ndarray or float
        :math:`M^\star \ge 0`, broadcast over the inputs; the integer optimum is
        :math:`\lfloor M^\star\rfloor` or :math:`\lceil M^\star\rceil` (the EE is quasi-concave in
        :math:`M`).

    Raises
    ------
    ValueError
        If ``snr_gain_per_antenna`` or ``p_per_antenna`` is not positive or ``p_fixed`` is
        negative.

    Notes
    -----
    Maximising :math:`\mathrm{EE}(M) = B\log_2(1+cM)/(P_0 + MP_a)` and substituting
    :math:`x = 1 + cM` gives :math:`\ln x/(x - 1 + cP_0/P_a)`, hence

    .. math:: M^\star = \frac{x^\star - 1}{c},\qquad
              x^\star = e^{W\left(\frac{cP_0/P_a - 1}{e}\right) + 1},

    the structure of Theorems 2-3 of [1]_ (the bandwidth :math:`B` does not affect
    :math:`M^\star`). :math:`P_0 = 0` gives :math:`M^\star = 0` (the EE then decreases in
    :math:`M`).

    References
    ----------
    .. [1] E. Björnson, L. Sanguinetti, J. Hoydis, M. Debbah, "Optimal design of
       energy-efficient multi-user MIMO systems: Is massive MIMO the answer?", IEEE Trans.
       Wireless Commun. 14(6):3059-3075, 2015, doi:10.1109/TWC.2015.2400437.

    Examples
    --------
    >>> round(float(optimal_antenna_count(1.0, 10.0, 1.0)), 3)
    7.174
    """
    c = real_array("snr_gain_per_antenna", snr_gain_per_antenna, 0.0, low_open=True)
    p0 = real_array("p_fixed", p_fixed, 0.0)
    pa = real_array("p_per_antenna", p_per_antenna, 0.0, low_open=True)
    names = "snr_gain_per_antenna, p_fixed, p_per_antenna"
    with np.errstate(over="ignore", invalid="ignore"):
        arg = c * p0 / pa - 1.0
    check_no_overflow([arg], names)
    x = lambertw_ratio_argmax(arg)
    with np.errstate(over="ignore", invalid="ignore"):
        out = np.asarray((x - 1.0) / c)
    check_no_overflow([out], names)
    return out[()]


def optimal_se_single_link(M, p_fixed, bandwidth, noise_over_gain, pa_efficiency):
    r"""EE-optimal spectral efficiency of a single-user link with :math:`M` antennas.

    Parameters
    ----------
    M : array_like
        Number of antennas :math:`M` (the array gain is :math:`M-1`, as for MR with imperfect
        CSI in the book); NaN is returned for :math:`M \le 1`.
    p_fixed : array_like
        Fixed circuit power :math:`P_\mathrm{FIX} \ge 0` [W].
    bandwidth : array_like
        Bandwidth :math:`B > 0` [Hz].
    noise_over_gain : array_like
        Noise power over channel gain :math:`\sigma^2/\beta > 0` [W].
    pa_efficiency : array_like
        PA efficiency :math:`\mu` in (0, 1] [-].

    Returns
    -------
    se : ndarray or float
        :math:`\mathrm{SE}^\star` [bit/s/Hz].
    ee : ndarray or float
        :math:`\mathrm{EE}^\star` [bit/J].

    Raises
    ------
    ValueError
        If ``p_fixed`` is negative, ``bandwidth`` or ``noise_over_gain`` is not positive, or
        ``pa_efficiency`` is outside (0, 1].

    Notes
    -----
    Sec. 5.3 of [1]_: with :math:`\nu_0 = (\sigma^2/\beta)/\mu`,

    .. math::

        \mathrm{EE}(\mathrm{SE}) = \frac{B\,\mathrm{SE}}{(2^{\mathrm{SE}}-1)\nu_0/(M-1)
            + P_\mathrm{FIX}},\qquad
        \mathrm{SE}^\star = \frac{W(a/e) + 1}{\ln 2},\quad a = \frac{(M-1)P_\mathrm{FIX}}{\nu_0}
            - 1,

    and :math:`\mathrm{EE}^\star = (M-1)B\,2^{-\mathrm{SE}^\star}/(\nu_0\ln 2)`.
    :math:`P_\mathrm{FIX} = 0` gives :math:`\mathrm{SE}^\star = 0` with the limit
    :math:`\mathrm{EE}^\star = (M-1)B/(\nu_0\ln 2)`.

    References
    ----------
    .. [1] E. Björnson, J. Hoydis, L. Sanguinetti, "Massive MIMO Networks: Spectral, Energy,
       and Hardware Efficiency", Foundations and Trends in Signal Processing 11(3-4), 2017,
       doi:10.1561/2000000093, Sec. 5.3.

    Examples
    --------
    >>> se, ee = optimal_se_single_link(10, 10.0, 100e3, 10**-0.6, 0.4)
    >>> round(float(se), 3), round(float(ee) / 1e3, 2)  # [bit/s/Hz], [kbit/J]
    (5.619, 42.06)
    """
    m = real_array("M", M)
    pf = real_array("p_fixed", p_fixed, 0.0)
    b = real_array("bandwidth", bandwidth, 0.0, low_open=True)
    nog = real_array("noise_over_gain", noise_over_gain, 0.0, low_open=True)
    mu = real_array("pa_efficiency", pa_efficiency, 0.0, 1.0, low_open=True)
    nu0 = nog / mu
    ok = m > 1
    mm = np.where(ok, m, 2.0)
    names = "M, p_fixed, bandwidth, noise_over_gain, pa_efficiency"
    with np.errstate(over="ignore", invalid="ignore"):
        a = (mm - 1.0) * pf / nu0 - 1.0
    check_no_overflow([a], names)
    # SE* = (W0(a/e) + 1)/ln 2 = log2 of the argmax of ln x/(x + a)
    se = np.log2(lambertw_ratio_argmax(a))
    with np.errstate(over="ignore", invalid="ignore"):
        ee = (mm - 1.0) * b * np.exp2(-se) / (nu0 * np.log(2.0))
    check_no_overflow([se, ee], names)
    se = np.where(ok, se, np.nan)
    ee = np.where(ok, ee, np.nan)
    return se[()], ee[()]
