r"""Spectral efficiency, rate and energy-efficiency helpers shared by every module.

All functions broadcast (scalar in, scalar out; arrays in, arrays out).
"""

from __future__ import annotations

import numpy as np

from ._validation import check_in_range, check_nonnegative

__all__ = ["energy_efficiency", "rate", "spectral_efficiency", "circuit_limited_ee"]


def spectral_efficiency(sinr):
    r"""Shannon spectral efficiency :math:`\log_2(1+\mathrm{SINR})` [bit/s/Hz].

    Parameters
    ----------
    sinr : array_like
        Linear SINR [-], non-negative (NaN propagates).

    Examples
    --------
    >>> float(spectral_efficiency(3.0))
    2.0
    """
    sinr = np.asarray(sinr, dtype=float)
    check_in_range("sinr", sinr, 0.0, None, allow_nan=True)
    return np.log2(1.0 + sinr)[()]


def rate(sinr, bandwidth, prelog=1.0):
    r"""Achievable rate :math:`R = \kappa B \log_2(1+\mathrm{SINR})` [bit/s].

    Parameters
    ----------
    sinr : array_like
        Linear SINR [-].
    bandwidth : array_like
        Bandwidth :math:`B` [Hz], non-negative.
    prelog : array_like, optional
        Pre-log factor :math:`\kappa` in [0, 1] (e.g. the fraction of a coherence block used for
        data), default 1.

    Examples
    --------
    >>> float(rate(1.0, 20e6))
    20000000.0
    """
    check_nonnegative(bandwidth=bandwidth)
    check_in_range("prelog", prelog, 0.0, 1.0)
    se = spectral_efficiency(sinr)
    return (np.asarray(prelog, float) * np.asarray(bandwidth, float) * se)[()]


def energy_efficiency(rate_bps, total_power_w):
    r"""Energy efficiency :math:`\mathrm{EE} = R/P` [bit/J].

    Parameters
    ----------
    rate_bps : array_like
        Rate :math:`R` [bit/s], non-negative.
    total_power_w : array_like
        Total consumed power :math:`P` [W], positive.

    Examples
    --------
    >>> float(energy_efficiency(1e6, 2.0))
    500000.0
    """
    check_nonnegative(rate_bps=np.nan_to_num(rate_bps))
    check_in_range("total_power_w", total_power_w, 0.0, None, low_open=True, allow_nan=True)
    return (np.asarray(rate_bps, float) / np.asarray(total_power_w, float))[()]


def circuit_limited_ee(snr_gain, bandwidth, p_fixed, pa_efficiency, p_tx):
    r"""Energy efficiency of a single link with fixed circuit power.

    Parameters
    ----------
    snr_gain : array_like
        Received SNR per watt of transmit power, :math:`\beta/\sigma^2` [1/W].
    bandwidth : array_like
        Bandwidth :math:`B` [Hz].
    p_fixed : array_like
        Fixed circuit power :math:`P_\mathrm{FIX}` [W].
    pa_efficiency : array_like
        Power-amplifier efficiency :math:`\mu`, in (0, 1] [-].
    p_tx : array_like
        Transmit power :math:`p` [W].

    Returns
    -------
    ndarray or float
        Energy efficiency [bit/J], broadcast over the inputs.

    Raises
    ------
    ValueError
        If ``pa_efficiency`` is outside (0, 1] or a power or bandwidth is negative.

    Notes
    -----
    .. math:: \mathrm{EE} = \frac{B \log_2(1 + p\,\beta/\sigma^2)}{p/\mu + P_\mathrm{FIX}}

    This is the single-link model of Sec. 5.3 of [1]_.

    References
    ----------
    .. [1] E. Björnson, J. Hoydis, L. Sanguinetti, "Massive MIMO Networks", Foundations and
       Trends in Signal Processing, 2017, doi:10.1561/2000000093.

    Examples
    --------
    >>> round(float(circuit_limited_ee(1e3, 1e5, 10.0, 0.4, 0.1)) / 1e3, 3)
    64.958
    """
    snr_gain, bandwidth, p_fixed, pa_efficiency, p_tx = np.broadcast_arrays(
        *(np.asarray(v, dtype=float) for v in (snr_gain, bandwidth, p_fixed, pa_efficiency, p_tx))
    )
    check_in_range("pa_efficiency", pa_efficiency, 0.0, 1.0, low_open=True)
    check_nonnegative(snr_gain=snr_gain, bandwidth=bandwidth, p_fixed=p_fixed, p_tx=p_tx)
    with np.errstate(divide="ignore", invalid="ignore"):
        ee = bandwidth * np.log2(1.0 + p_tx * snr_gain) / (p_tx / pa_efficiency + p_fixed)
    return ee[()]
