r"""Receiver thermal-noise power.

:math:`\sigma^2 = k_B T B F`, i.e. in logarithmic units
:math:`-173.975\,\mathrm{dBm/Hz} + 10\log_{10}B + \mathrm{NF}` at :math:`T = 290` K
(:math:`10\log_{10}(k_B\cdot 290\,\mathrm{K}/1\,\mathrm{mW}) = -173.975` dBm/Hz), which is
:math:`\approx` the familiar rounded :math:`-174` dBm/Hz (0.025 dB higher).
"""

from __future__ import annotations

import numpy as np

from .._validation import check_finite, check_in_range, check_no_overflow, check_positive
from ..units import BOLTZMANN, T0

__all__ = ["noise_power", "noise_power_dbm"]


def noise_power(bandwidth, noise_figure_db=0.0, temperature=T0):
    r"""Thermal noise power :math:`k_B T B F` [W] in a bandwidth, after a receiver noise figure.

    Parameters
    ----------
    bandwidth : array_like
        Noise bandwidth :math:`B` [Hz], > 0.
    noise_figure_db : array_like, optional
        Receiver noise figure NF [dB], >= 0 (a noise factor :math:`F = 10^{NF/10} \ge 1` by
        definition). Default 0 dB (ideal receiver).
    temperature : array_like, optional
        Noise temperature :math:`T` [K], > 0. Default :math:`T_0` = 290 K, the IEEE/ITU-R
        reference temperature at which noise figures are specified.

    Returns
    -------
    ndarray or float
        Noise power :math:`\sigma^2` [W], broadcast over the inputs.

    Raises
    ------
    ValueError
        If ``bandwidth <= 0``, ``temperature <= 0`` or ``noise_figure_db < 0`` (or NaN).

    Notes
    -----
    .. math:: \sigma^2 = k_B\,T\,B\,10^{\mathrm{NF}/10}

    with :math:`k_B` the Boltzmann constant (exact, SI 2019). This is the standard link-budget
    form; it equals the exact :math:`k_B B (T_A + (F-1)T_0)` when the antenna temperature
    :math:`T_A` and :math:`T` both equal :math:`T_0`. At :math:`T_0` = 290 K it gives
    :math:`-173.975 + 10\log_{10}B + \mathrm{NF}` dBm, i.e. :math:`\approx -174 +
    10\log_{10}B + \mathrm{NF}` dBm: 0.025 dB above the rounded :math:`-174` dBm/Hz that the
    massivemimobook code uses (with NF = 7 dB).

    References
    ----------
    .. [1] H. T. Friis, "Noise figures of radio receivers", Proc. IRE, vol. 32, no. 7,
       pp. 419-422, 1944, doi:10.1109/JRPROC.1944.232049.

    Examples
    --------
    >>> round(float(10 * np.log10(noise_power(1.0) / 1e-3)), 3)   # dBm in 1 Hz at 290 K
    -173.975
    >>> float(noise_power(20e6, 7.0)) > float(noise_power(20e6))
    True
    """
    check_positive(bandwidth=bandwidth, temperature=temperature)
    check_in_range("noise_figure_db", noise_figure_db, 0.0, None)
    check_finite(noise_figure_db=noise_figure_db)
    b, nf, t = (np.asarray(v, dtype=float) for v in (bandwidth, noise_figure_db, temperature))
    with np.errstate(over="ignore"):
        out = BOLTZMANN * t * b * np.power(10.0, nf / 10.0)
    check_no_overflow([out], "bandwidth, noise_figure_db, temperature")
    return out[()] if np.ndim(out) == 0 else out


def noise_power_dbm(bandwidth, noise_figure_db=0.0, temperature=T0):
    r"""Thermal noise power in dBm, :math:`10\log_{10}(k_B T B F / 1\,\mathrm{mW})`.

    Same parameters and validation as :func:`noise_power`.

    Examples
    --------
    >>> round(float(noise_power_dbm(20e6, 7.0)), 2)
    -93.96
    """
    p = noise_power(bandwidth, noise_figure_db, temperature)
    with np.errstate(divide="ignore"):
        out = 10.0 * np.log10(p) + 30.0
    # a noise power that underflows to 0 W (a bandwidth of 1e-300 Hz) would be -inf dBm
    check_no_overflow([out], "bandwidth, temperature")
    return out
