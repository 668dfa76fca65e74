r"""Spectral efficiency, rate and energy-efficiency helpers shared by every module.

All functions broadcast (scalar in, scalar out; arrays in, arrays out). Inputs are validated
before use: a string or complex number raises ``TypeError`` naming the parameter; NaN or inf
raises ``ValueError``, except where a docstring says that NaN propagates (a NaN SINR or rate
marks an undefined grid point of a sweep and gives NaN).
"""

from __future__ import annotations

import numpy as np

from ._validation import check_finite, check_in_range, check_no_overflow

__all__ = ["energy_efficiency", "rate", "spectral_efficiency", "circuit_limited_ee"]


def _real(name, value, low=None, *, low_open=False, allow_nan=False):
    """Validated float array: real, in range, no inf (NaN only if ``allow_nan``)."""
    arr = np.asarray(check_in_range(name, value, low, None, low_open=low_open,
                                    allow_nan=allow_nan), dtype=float)
    if np.any(np.isinf(arr)):
        check_finite(**{name: arr})
    return arr


def spectral_efficiency(sinr):
    r"""Shannon spectral efficiency :math:`\log_2(1+\mathrm{SINR})` [bit/s/Hz].

    Parameters
    ----------
    sinr : array_like
        Linear SINR [-], non-negative and finite (NaN propagates).

    Examples
    --------
    >>> float(spectral_efficiency(3.0))
    2.0
    """
    sinr = _real("sinr", sinr, 0.0, allow_nan=True)
    return np.log2(1.0 + sinr)[()]


def rate(sinr, bandwidth, prelog=1.0):
    r"""Achievable rate :math:`R = \kappa B \log_2(1+\mathrm{SINR})` [bit/s].

    Parameters
    ----------
    sinr : array_like
        Linear SINR [-], non-negative and finite (NaN propagates).
    bandwidth : array_like
        Bandwidth :math:`B` [Hz], non-negative and finite.
    prelog : array_like, optional
        Pre-log factor :math:`\kappa` in [0, 1] (e.g. the fraction of a coherence block used for
        data), default 1.

    Examples
    --------
    >>> float(rate(1.0, 20e6))
    20000000.0
    """
    bandwidth = _real("bandwidth", bandwidth, 0.0)
    prelog = np.asarray(check_in_range("prelog", prelog, 0.0, 1.0), dtype=float)
    se = spectral_efficiency(sinr)
    return (prelog * bandwidth * se)[()]


def energy_efficiency(rate_bps, total_power_w):
    r"""Energy efficiency :math:`\mathrm{EE} = R/P` [bit/J].

    Parameters
    ----------
    rate_bps : array_like
        Rate :math:`R` [bit/s], non-negative and finite (NaN propagates).
    total_power_w : array_like
        Total consumed power :math:`P` [W], positive and finite (NaN propagates).

    Examples
    --------
    >>> float(energy_efficiency(1e6, 2.0))
    500000.0
    """
    r = _real("rate_bps", rate_bps, 0.0, allow_nan=True)
    p = _real("total_power_w", total_power_w, 0.0, low_open=True, allow_nan=True)
    with np.errstate(over="ignore"):
        ee = r / p
    check_no_overflow([ee[~np.isnan(ee)]], "rate_bps, total_power_w")
    return ee[()]


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
        Energy efficiency [bit/J], broadcast over the inputs. At :math:`p = 0` with
        :math:`P_\mathrm{FIX} = 0` (SE = 0 without circuit power) the ratio is 0/0 and its
        limit :math:`B\mu\beta/(\sigma^2\ln 2)` is returned, the finite value at SE = 0 of the
        :math:`P_\mathrm{FIX} = 0` curve of Fig. 5.4 of [1]_.

    Raises
    ------
    TypeError
        If an input is not a real number.
    ValueError
        If ``pa_efficiency`` is outside (0, 1], or a power, gain or bandwidth is negative or
        not finite, or the inputs are so large that the result overflows float64.

    Notes
    -----
    .. math:: \mathrm{EE} = \frac{B \log_2(1 + p\,\beta/\sigma^2)}{p/\mu + P_\mathrm{FIX}}

    This is the single-link model of Sec. 5.3 of [1]_. As :math:`p\to0` with
    :math:`P_\mathrm{FIX} = 0`, :math:`\log_2(1+p\beta/\sigma^2)/(p/\mu) \to
    \mu\beta/(\sigma^2\ln2)`.

    References
    ----------
    .. [1] E. Björnson, J. Hoydis, L. Sanguinetti, "Massive MIMO Networks", Foundations and
       Trends in Signal Processing, 2017, doi:10.1561/2000000093.

    Examples
    --------
    >>> round(float(circuit_limited_ee(1e3, 1e5, 10.0, 0.4, 0.1)) / 1e3, 3)
    64.958
    >>> round(float(circuit_limited_ee(1e3, 1e5, 0.0, 0.4, 0.0)) / 1e6, 3)  # limit at SE = 0
    57.708
    """
    snr_gain, bandwidth, p_fixed, pa_efficiency, p_tx = np.broadcast_arrays(
        _real("snr_gain", snr_gain, 0.0), _real("bandwidth", bandwidth, 0.0),
        _real("p_fixed", p_fixed, 0.0), _real("pa_efficiency", pa_efficiency, 0.0),
        _real("p_tx", p_tx, 0.0))
    check_in_range("pa_efficiency", pa_efficiency, 0.0, 1.0, low_open=True)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        ee = bandwidth * np.log2(1.0 + p_tx * snr_gain) / (p_tx / pa_efficiency + p_fixed)
        # 0/0 at p = 0 without circuit power: the limit B mu beta/(sigma^2 ln 2)
        limit = bandwidth * pa_efficiency * snr_gain / np.log(2.0)
    ee = np.where((p_tx == 0) & (p_fixed == 0), limit, ee)
    check_no_overflow([ee], "snr_gain, bandwidth, p_fixed, pa_efficiency, p_tx")
    return ee[()]
