r"""Hardware components of the power-consumption layer.

Pure, vectorized functions (scalar in, scalar out; arrays broadcast) for

* power amplifiers: constant efficiency (:func:`pa_power_constant`), Doherty / class B
  (:func:`pa_power_doherty`, :func:`doherty_efficiency`), the size-dependent efficiency law of
  Holtkamp et al. (:func:`holtkamp_pa_efficiency`, :func:`pa_power_holtkamp`) and the ideal
  class-A/B/Doherty efficiency versus input back-off (:func:`pa_backoff_efficiency`);
* data converters: Walden figure-of-merit ADC (:func:`walden_adc_power`) and the static +
  dynamic DAC model (:func:`dac_power`);
* RF-chain parts (mixer, filter, LO, amplifiers, converters) as frozen presets
  (:class:`RFComponents`, :func:`rf_components_parvini`, :func:`rf_components_ttd_hbf`);
* phase shifters and switches by resolution (:func:`phase_shifter_power`);
* supply, DC-DC and cooling losses (:func:`apply_supply_losses`, :func:`apply_cooling`);
* rate-proportional terms: coding/decoding and backhaul (:func:`coding_power`,
  :func:`backhaul_power`, :func:`rate_power`).

All powers are in watts, rates in bit/s, frequencies in Hz.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from .._validation import (
    LookupValueError,
    check_choice,
    check_in_range,
    check_integer,
    check_no_overflow,
    check_nonnegative,
    check_positive,
    check_real_array,
)
from ._checks import check_scalar_fields

__all__ = [
    "PHASE_SHIFTER_POWER_TTD_HBF",
    "RFComponents",
    "apply_cooling",
    "apply_supply_losses",
    "backhaul_power",
    "coding_power",
    "dac_power",
    "doherty_efficiency",
    "holtkamp_pa_efficiency",
    "pa_backoff_efficiency",
    "pa_power_constant",
    "pa_power_doherty",
    "pa_power_holtkamp",
    "phase_shifter_power",
    "rate_power",
    "rf_components_parvini",
    "rf_components_ttd_hbf",
    "walden_adc_power",
]


def _f(x) -> np.ndarray:
    """``x`` as a float array; only for values validated before (strings would be parsed)."""
    return np.asarray(x, dtype=float)


#: Largest number of Doherty stages (``ways``): practical designs have 2 to 4 [Cripps 2006].
MAX_DOHERTY_WAYS = 64
#: Largest converter resolution [bit] of :func:`walden_adc_power` and :func:`dac_power` (well
#: above any converter in the cited surveys; keeps :math:`2^b` finite).
MAX_CONVERTER_BITS = 64


# --------------------------------------------------------------------------------------------
# Power amplifiers
# --------------------------------------------------------------------------------------------


def pa_power_constant(p_out, efficiency=0.39):
    r"""DC power of a power amplifier with constant efficiency.

    Parameters
    ----------
    p_out : array_like
        Radiated (RF output) power :math:`P_\mathrm{out}` [W], non-negative.
    efficiency : array_like, optional
        Drain efficiency :math:`\eta` in (0, 1] [-]. Default 0.39, the downlink PA efficiency
        :math:`\eta_\mathrm{DL}` of Table 2 of Björnson et al. [1]_.

    Returns
    -------
    ndarray or float
        DC power :math:`P_\mathrm{DC} = P_\mathrm{out}/\eta` [W], broadcast over the inputs.

    Raises
    ------
    ValueError
        If ``p_out`` is negative or ``efficiency`` is outside (0, 1].

    References
    ----------
    .. [1] E. Björnson, L. Sanguinetti, J. Hoydis, M. Debbah, "Optimal design of
       energy-efficient multi-user MIMO systems: Is massive MIMO the answer?", IEEE Trans.
       Wireless Commun. 14(6):3059-3075, 2015, doi:10.1109/TWC.2015.2400437.

    Examples
    --------
    >>> float(pa_power_constant(0.39))
    1.0
    >>> pa_power_constant([1.0, 2.0], efficiency=0.5)
    array([2., 4.])
    """
    check_nonnegative(p_out=p_out)
    check_in_range("efficiency", efficiency, 0.0, 1.0, low_open=True)
    with np.errstate(over="ignore"):
        out = _f(p_out) / _f(efficiency)
    check_no_overflow([out], "p_out, efficiency")
    return out[()]


def _doherty_dc_normalised(eps, ways):
    """P_DC / P_max of an ideal l-way Doherty PA at normalised output eps = P_out/P_max."""
    l = ways
    sq = np.sqrt(eps)
    low = (4.0 / (l * np.pi)) * sq
    high = (4.0 / (l * np.pi)) * ((l + 1.0) * sq - 1.0)
    return np.where(eps <= 1.0 / l**2, low, high)


def pa_power_doherty(p_out, p_max, ways=2):
    r"""DC power of an ideal :math:`l`-way Doherty power amplifier (class B for ``ways=1``).

    Parameters
    ----------
    p_out : array_like
        RF output power :math:`P_\mathrm{out}` [W], in :math:`[0, P_\mathrm{max}]`.
    p_max : array_like
        Saturation (peak) output power :math:`P_\mathrm{max}` of the amplifier [W], positive.
    ways : int, optional
        Number of Doherty stages :math:`l \ge 1`; default 2 (classic two-way Doherty). ``ways=1``
        is an ideal class-B amplifier.

    Returns
    -------
    ndarray or float
        DC power [W], broadcast over ``p_out`` and ``p_max``.

    Raises
    ------
    ValueError
        If ``p_out`` is negative or exceeds ``p_max``, ``p_max`` is not positive, or ``ways``
        is not an integer >= 1.

    Notes
    -----
    With the normalised output :math:`\epsilon = P_\mathrm{out}/P_\mathrm{max}`,

    .. math::

        P_\mathrm{DC} = \frac{4 P_\mathrm{max}}{l\pi}
        \begin{cases} \sqrt{\epsilon}, & \epsilon \le 1/l^2, \\
        (l+1)\sqrt{\epsilon} - 1, & \epsilon > 1/l^2. \end{cases}

    The efficiency :math:`\epsilon P_\mathrm{max}/P_\mathrm{DC}` peaks at :math:`\pi/4` both at
    :math:`\epsilon = 1/l^2` and at :math:`\epsilon = 1` and is continuous in between (see
    :func:`doherty_efficiency`). The model is the one in ``PowerConsumptionModel.m`` of the
    code accompanying Parvini et al. [1]_; for ``ways=1`` it is the textbook class-B law
    :math:`\eta = (\pi/4)\sqrt{\epsilon}` [2]_.

    References
    ----------
    .. [1] M. Parvini et al., code repository "EE-SE-Tradeoff-MU-MIMO-OFDM",
       https://github.com/M-Parvini/EE-SE-Tradeoff-MU-MIMO-OFDM (file
       ``HardwareNonlinearity/PowerConsumptionModel.m``).
    .. [2] S. C. Cripps, *RF Power Amplifiers for Wireless Communications*, 2nd ed., Artech
       House, 2006.

    Examples
    --------
    >>> import math
    >>> p_dc = float(pa_power_doherty(10.0, 10.0))   # full power: efficiency pi/4
    >>> round(10.0 / p_dc, 6) == round(math.pi / 4, 6)
    True
    >>> round(float(pa_power_doherty(1.0, 4.0, ways=1)), 6)   # class B at eps = 1/4
    2.546479
    """
    ways = check_integer("ways", ways, low=1, high=MAX_DOHERTY_WAYS)
    check_nonnegative(p_out=p_out)
    check_positive(p_max=p_max)
    p_out, p_max = np.broadcast_arrays(_f(p_out), _f(p_max))
    eps = p_out / p_max
    check_in_range("p_out/p_max", eps, 0.0, 1.0 + 1e-12, what="(output power above saturation)")
    eps = np.minimum(eps, 1.0)  # forgive round-off at full power
    return (p_max * _doherty_dc_normalised(eps, ways))[()]


def doherty_efficiency(epsilon, ways=2):
    r"""Drain efficiency of an ideal :math:`l`-way Doherty PA versus normalised output power.

    Parameters
    ----------
    epsilon : array_like
        Normalised output power :math:`\epsilon = P_\mathrm{out}/P_\mathrm{max}` in [0, 1] [-].
    ways : int, optional
        Number of stages :math:`l` in [1, :data:`MAX_DOHERTY_WAYS`] (``1`` = class B);
        default 2.

    Returns
    -------
    ndarray or float
        Efficiency :math:`\eta = \epsilon P_\mathrm{max}/P_\mathrm{DC}` [-] (0 at
        :math:`\epsilon = 0`).

    Notes
    -----
    From :func:`pa_power_doherty`:
    :math:`\eta = (l\pi/4)\sqrt{\epsilon}` for :math:`\epsilon \le 1/l^2` and
    :math:`\eta = (l\pi/4)\,\epsilon/((l+1)\sqrt{\epsilon}-1)` above, which equals
    :math:`\pi/4` at :math:`\epsilon \in \{1/l^2, 1\}`.

    Examples
    --------
    >>> import math
    >>> eta = doherty_efficiency([0.25, 1.0])
    >>> bool(abs(eta - math.pi / 4).max() < 1e-12)
    True
    >>> round(float(doherty_efficiency(0.01, ways=1)), 6)   # class B, 20 dB back-off
    0.07854
    """
    ways = check_integer("ways", ways, low=1, high=MAX_DOHERTY_WAYS)
    eps = check_real_array("epsilon", epsilon, 0.0, 1.0)
    dc = _doherty_dc_normalised(eps, ways)
    with np.errstate(invalid="ignore", divide="ignore"):
        eta = np.where(eps > 0, eps / np.where(dc > 0, dc, 1.0), 0.0)
    return eta[()]


def holtkamp_pa_efficiency(p_out_max, p_limit=80.0, eta_max=0.36, gamma=0.15):
    r"""PA efficiency as a function of the amplifier's maximum output power (Holtkamp et al.).

    Parameters
    ----------
    p_out_max : array_like
        Maximum output power of one PA :math:`P_\mathrm{out,max}` [W], positive.
    p_limit : float, optional
        Output power above which the efficiency saturates at ``eta_max``,
        :math:`P_\mathrm{PA,limit}` [W]; default 80 W [1]_.
    eta_max : float, optional
        Efficiency :math:`\eta_\mathrm{max}` at :math:`P_\mathrm{PA,limit}` [-]; default 0.36
        [1]_.
    gamma : float, optional
        Efficiency loss per halving of the output power, :math:`\gamma` [-]; default 0.15 [1]_.

    Returns
    -------
    ndarray or float
        :math:`\eta_\mathrm{PA}` [-]; NaN where the law gives :math:`\eta \le 0` (for the
        defaults, :math:`P_\mathrm{out,max} \lesssim 0.79` W: the fit is not meant for small
        amplifiers).

    Notes
    -----
    .. math::

        \eta_\mathrm{PA} = \eta_\mathrm{max}\left(1 - \gamma
        \log_2\frac{P_\mathrm{PA,limit}}{P_\mathrm{out,max}}\right)

    The law is fitted for :math:`P_\mathrm{out,max} \le P_\mathrm{PA,limit}`; larger values
    extrapolate above :math:`\eta_\mathrm{max}` and are returned unchanged.

    [V] (verify before relying on it.) The form of the law and its constants are those quoted
    for Holtkamp et al. [1]_ in the literature; the constants agree with an independent
    re-implementation (apw804/EnergyModels), but the paper was not available to check the law
    itself, nor the choice of :math:`P_\mathrm{out,max}`
    (:func:`~wirelesseff.power.holtkamp.holtkamp_sector_power` uses the per-chain
    :math:`P_\mathrm{max}/D`, also unverified).

    References
    ----------
    .. [1] H. Holtkamp, G. Auer, V. Giannini, H. Haas, "A parameterized base station power
       model", IEEE Commun. Lett. 17(11):2033-2035, 2013, doi:10.1109/LCOMM.2013.091213.131042,
       arXiv:1411.1571.

    Examples
    --------
    >>> round(float(holtkamp_pa_efficiency(20.0)), 6)   # 0.36 (1 - 0.15 * 2)
    0.252
    >>> bool(np.isnan(holtkamp_pa_efficiency(0.5)))
    True
    """
    check_positive(p_out_max=p_out_max, p_limit=p_limit)
    check_in_range("eta_max", eta_max, 0.0, 1.0, low_open=True)
    check_nonnegative(gamma=gamma)
    p_out_max = _f(p_out_max)
    with np.errstate(over="ignore", invalid="ignore"):
        eta = eta_max * (1.0 - gamma * np.log2(p_limit / p_out_max))
    return np.where(eta > 0, eta, np.nan)[()]


def pa_power_holtkamp(p_out, p_out_max=None, p_limit=80.0, eta_max=0.36, gamma=0.15):
    r"""DC power of a PA whose efficiency follows :func:`holtkamp_pa_efficiency`.

    Parameters
    ----------
    p_out : array_like
        RF output power [W], non-negative.
    p_out_max : array_like, optional
        Maximum output power of the amplifier [W] that sets its efficiency; ``None`` (default)
        sizes the amplifier to ``p_out`` (full-load operation).
    p_limit, eta_max, gamma : float, optional
        Parameters of :func:`holtkamp_pa_efficiency` (defaults from Holtkamp et al. 2013).

    Returns
    -------
    ndarray or float
        :math:`P_\mathrm{DC} = P_\mathrm{out}/\eta_\mathrm{PA}(P_\mathrm{out,max})` [W]; NaN where
        the efficiency law is not positive.

    Raises
    ------
    ValueError
        If ``p_out`` is negative or exceeds ``p_out_max``.

    Examples
    --------
    >>> round(float(pa_power_holtkamp(20.0)), 4)   # 20 / 0.252
    79.3651
    """
    check_nonnegative(p_out=p_out)
    p_out = _f(p_out)
    if p_out_max is None:  # the amplifier is sized to p_out, which must then be positive
        check_positive(p_out=p_out)
        p_out_max = p_out
    check_positive(p_out_max=p_out_max)
    p_out, p_out_max = np.broadcast_arrays(p_out, _f(p_out_max))
    check_in_range("p_out/p_out_max", p_out / p_out_max, 0.0, 1.0 + 1e-12,
                   what="(output power above the amplifier rating)")
    eta = holtkamp_pa_efficiency(p_out_max, p_limit=p_limit, eta_max=eta_max, gamma=gamma)
    with np.errstate(over="ignore"):
        out = p_out / eta
    # NaN where the efficiency law is not positive (documented); inf is an overflow
    check_no_overflow([out], "p_out, p_out_max, eta_max", allow_nan=True)
    return out[()]


_BACKOFF_CLASSES = ("A", "B", "doherty")


def pa_backoff_efficiency(backoff_db, pa_class="B", eta_max=None):
    r"""Ideal PA efficiency as a function of the input back-off (class A, class B, Doherty).

    Parameters
    ----------
    backoff_db : array_like
        Back-off from saturation, :math:`\mathrm{IBO}` [dB], non-negative (the peak-to-average
        power ratio of the signal is the usual choice).
    pa_class : {"B", "A", "doherty"}, optional
        Amplifier class; default ``"B"``. ``"a"``/``"b"`` are accepted as well.
    eta_max : float, optional
        Efficiency at saturation (0 dB back-off) in (0, 1] [-]. ``None`` uses the ideal
        maxima: 0.5 (class A), :math:`\pi/4` (class B and two-way Doherty).

    Returns
    -------
    ndarray or float
        Average drain efficiency :math:`\eta` [-], broadcast over ``backoff_db``.

    Raises
    ------
    ValueError
        If ``backoff_db`` is negative, ``pa_class`` is unknown or ``eta_max`` is outside (0, 1].

    Notes
    -----
    With :math:`\epsilon = 10^{-\mathrm{IBO}/10}` the mean-to-peak power ratio (a
    reconstruction from standard PA theory [1]_, as used in [2]_; see docs/power.md, 'Power
    amplifiers'):

    .. math::

        \eta_A = \eta_\mathrm{max}\,10^{-\mathrm{IBO}/10}, \qquad
        \eta_B = \eta_\mathrm{max}\,10^{-\mathrm{IBO}/20},

    with :math:`\eta_\mathrm{max} = 1/2` and :math:`\pi/4` respectively. ``"doherty"`` is the
    ideal two-way Doherty of :func:`doherty_efficiency` at :math:`\epsilon`, scaled by
    :math:`\eta_\mathrm{max}/(\pi/4)`; it reaches :math:`\eta_\mathrm{max}` at 0 dB and again
    at 6.02 dB of back-off (dipping to 8/9 of it at 3.5 dB) and falls as
    class B beyond.

    References
    ----------
    .. [1] S. C. Cripps, *RF Power Amplifiers for Wireless Communications*, 2nd ed., Artech
       House, 2006.
    .. [2] J. Joung, C. K. Ho, S. Sun, "Spectral efficiency and energy efficiency of OFDM
       systems: Impact of power amplifiers and countermeasures", IEEE J. Sel. Areas Commun.
       32(2):208-220, 2014, arXiv:1305.3959.

    Examples
    --------
    >>> round(float(pa_backoff_efficiency(0.0)), 6)          # pi/4
    0.785398
    >>> round(float(pa_backoff_efficiency(3.0, "A")), 4)      # 0.5 * 10**-0.3
    0.2506
    >>> round(float(pa_backoff_efficiency(6.0, "B")), 4)      # (pi/4) * 10**-0.3
    0.3936
    """
    if isinstance(pa_class, str) and pa_class.lower() in ("a", "b"):
        pa_class = pa_class.upper()
    check_choice("pa_class", pa_class, _BACKOFF_CLASSES)
    check_nonnegative(backoff_db=backoff_db)
    ibo = _f(backoff_db)
    default = 0.5 if pa_class == "A" else math.pi / 4.0
    eta0 = default if eta_max is None else eta_max
    check_in_range("eta_max", eta0, 0.0, 1.0, low_open=True)
    if pa_class == "A":
        eta = eta0 * 10.0 ** (-ibo / 10.0)
    elif pa_class == "B":
        eta = eta0 * 10.0 ** (-ibo / 20.0)
    else:
        eta = eta0 / (math.pi / 4.0) * doherty_efficiency(10.0 ** (-ibo / 10.0), ways=2)
    return np.asarray(eta, dtype=float)[()]


# --------------------------------------------------------------------------------------------
# Data converters
# --------------------------------------------------------------------------------------------


def walden_adc_power(bits, fs, fom=494e-15):
    r"""ADC power from the Walden figure of merit.

    Parameters
    ----------
    bits : array_like
        Resolution (effective number of bits) :math:`b` [bit], in
        (0, :data:`MAX_CONVERTER_BITS`].
    fs : array_like
        Sampling rate :math:`f_s` [Hz], non-negative.
    fom : float, optional
        Walden figure of merit [J per conversion step]; default 494 fJ, the value used in the
        code of Parvini et al. [2]_.

    Returns
    -------
    ndarray or float
        :math:`P_\mathrm{ADC} = \mathrm{FOM}\cdot 2^b f_s` [W].

    References
    ----------
    .. [1] R. H. Walden, "Analog-to-digital converter survey and analysis", IEEE J. Sel. Areas
       Commun. 17(4):539-550, 1999, doi:10.1109/49.761034.
    .. [2] M. Parvini et al., code repository "EE-SE-Tradeoff-MU-MIMO-OFDM",
       https://github.com/M-Parvini/EE-SE-Tradeoff-MU-MIMO-OFDM.

    Examples
    --------
    >>> round(float(walden_adc_power(10, 1e9)), 6)   # 494e-15 * 1024 * 1e9
    0.505856
    """
    bits = check_real_array("bits", bits, 0.0, MAX_CONVERTER_BITS, low_open=True)
    check_positive(fom=fom)
    check_nonnegative(fs=fs)
    with np.errstate(over="ignore"):
        out = fom * 2.0**bits * _f(fs)
    check_no_overflow([out], "bits, fs, fom")
    return out[()]


def dac_power(bits, fs, c_static=1.5e-5, c_dyn=9e-12):
    r"""DAC power: static part growing with :math:`2^b` plus a dynamic part :math:`\propto b f_s`.

    Parameters
    ----------
    bits : array_like
        Resolution :math:`b` [bit], in (0, :data:`MAX_CONVERTER_BITS`].
    fs : array_like
        Sampling rate :math:`f_s` [Hz], non-negative.
    c_static : float, optional
        Static coefficient [W]; default 1.5e-5 W [1]_.
    c_dyn : float, optional
        Dynamic coefficient [J per bit and sample]; default 9e-12 [1]_.

    Returns
    -------
    ndarray or float
        :math:`P_\mathrm{DAC} = c_\mathrm{s} 2^b + c_\mathrm{d}\, b f_s` [W].

    References
    ----------
    .. [1] M. Parvini et al., code repository "EE-SE-Tradeoff-MU-MIMO-OFDM",
       https://github.com/M-Parvini/EE-SE-Tradeoff-MU-MIMO-OFDM (file
       ``HardwareNonlinearity/PowerConsumptionModel.m``).

    Examples
    --------
    >>> round(float(dac_power(10, 1e9)), 5)   # 1.5e-5 * 1024 + 9e-12 * 10 * 1e9
    0.10536
    """
    bits = check_real_array("bits", bits, 0.0, MAX_CONVERTER_BITS, low_open=True)
    check_nonnegative(fs=fs, c_static=c_static, c_dyn=c_dyn)
    with np.errstate(over="ignore"):
        out = c_static * 2.0**bits + c_dyn * bits * _f(fs)
    check_no_overflow([out], "bits, fs, c_static, c_dyn")
    return out[()]


# --------------------------------------------------------------------------------------------
# RF chains, phase shifters and switches
# --------------------------------------------------------------------------------------------

#: Phase-shifter power by resolution {bits: W} of the TTD/PS hybrid-beamforming code of Ma et al.
#: (``EE_compute_PS_HBF.m`` in WillysMa/SW-HBF_design_with_beam_squint): 10, 21, 42 mW for
#: 1, 2, 4 bits.
PHASE_SHIFTER_POWER_TTD_HBF: Mapping[int, float] = {1: 10e-3, 2: 21e-3, 4: 42e-3}


def phase_shifter_power(bits=None, table=None, *, default=20e-3):
    r"""Power of one phase shifter by resolution [W] (table look-up).

    Parameters
    ----------
    bits : int, array_like of int or None
        Phase resolution [bit]. ``None`` returns ``default``.
    table : mapping {int: float}, optional
        Power per resolution [W]; default :data:`PHASE_SHIFTER_POWER_TTD_HBF`
        ({1: 10 mW, 2: 21 mW, 4: 42 mW}).
    default : float, optional
        Power when the resolution is unspecified [W]; default 20 mW, the phase shifter of
        Parvini et al. (``rf_components_parvini``).

    Returns
    -------
    ndarray or float
        Power per phase shifter [W], same shape as ``bits``.

    Raises
    ------
    TypeError
        If ``bits`` is not numeric (a string, a boolean).
    ValueError
        If a resolution is not finite or not in the table (the message names it and the
        available ones; the error is also a ``KeyError``, as it was before).

    Examples
    --------
    >>> phase_shifter_power(4)
    0.042
    >>> phase_shifter_power([1, 2])
    array([0.01 , 0.021])
    >>> phase_shifter_power()
    0.02
    """
    if bits is None:
        check_nonnegative(default=default)
        return float(default)
    if table is not None and not isinstance(table, Mapping):
        raise TypeError(f"table must be a mapping {{bits: W}}, got {type(table).__name__}")
    tab = PHASE_SHIFTER_POWER_TTD_HBF if table is None else table
    return _table_lookup("bits", bits, tab, what="phase-shifter power")


def _table_lookup(name, keys, table, what):
    """Values of ``table`` at the resolutions ``keys`` (validated: numeric, finite, tabulated)."""
    if isinstance(keys, bool | np.bool_) or np.asarray(keys).dtype == bool:
        raise TypeError(f"{name} must be an integer resolution, got a boolean {keys!r}")
    arr = check_real_array(name, keys)
    flat = arr.ravel()
    out = np.empty(flat.shape, dtype=float)
    avail = ", ".join(str(t) for t in sorted(table))
    for i, k in enumerate(flat.tolist()):
        key = int(k) if float(k).is_integer() else k
        if key not in table:
            raise LookupValueError(
                f"no {what} for {name}={_key_text(k)} in the table; "
                f"available resolutions: {avail or 'none'}"
            )
        out[i] = float(table[key])
    out = out.reshape(arr.shape)
    return float(out[()]) if out.ndim == 0 else out


def _key_text(k: float) -> str:
    return str(int(k)) if float(k).is_integer() else repr(k)


@dataclass(frozen=True)
class RFComponents:
    r"""Power of the RF-chain parts of a transceiver (frozen preset).

    Per RF chain (transmit), with :math:`n_a` analog branches (mixer + low-pass filter; 2 for
    separate I/Q paths) and :math:`n_c` converters:

    .. math::

        P_\mathrm{RF,Tx} = n_a (P_\mathrm{LPF} + P_\mathrm{M}) + n_c P_\mathrm{DAC}
        + P_\mathrm{LO,chain} + P_\mathrm{BBamp},

    and :math:`P_\mathrm{RF,Rx}` the same with :math:`P_\mathrm{ADC}`. Array-level parts
    (shared LO, static baseband, phase shifters, switches, LNAs, splitters) are stored for the
    composite models to count.

    Attributes
    ----------
    name : str
        Label of the preset (its source).
    p_bb_static : float
        Static baseband power [W].
    p_mixer, p_lpf : float
        Mixer and low-pass filter power per analog branch [W].
    p_lo : float
        Shared local oscillator, once per array [W].
    p_lo_chain : float
        LO buffer/distribution per RF chain [W].
    p_bb_amp : float
        Baseband amplifier per RF chain [W].
    p_lna : float
        Low-noise amplifier per antenna [W] (receive).
    p_splitter, p_combiner : float
        Power splitter / combiner [W] (active, per unit).
    p_phase_shifter : float
        Phase shifter of unspecified resolution [W].
    phase_shifter_table : mapping {int: float}
        Phase-shifter power by resolution [W] (may be empty).
    p_switch : float
        RF switch [W].
    p_ttd : float
        True-time-delay unit [W].
    analog_branches : int
        Mixer/LPF branches per RF chain :math:`n_a`.
    converters_per_chain : int
        ADCs (or DACs) per RF chain :math:`n_c` (2 for I and Q).
    adc_bits, dac_bits : int
        Converter resolutions [bit].
    p_adc, p_dac : float or None
        Fixed power per converter [W]; ``None`` uses :func:`walden_adc_power` /
        :func:`dac_power` at the sampling rate.
    adc_fom, dac_c_static, dac_c_dyn : float
        Converter-model coefficients (see :func:`walden_adc_power`, :func:`dac_power`).
    source : str
        Citation of the values.
    """

    name: str = "custom"
    p_bb_static: float = 0.0
    p_mixer: float = 0.0
    p_lpf: float = 0.0
    p_lo: float = 0.0
    p_lo_chain: float = 0.0
    p_bb_amp: float = 0.0
    p_lna: float = 0.0
    p_splitter: float = 0.0
    p_combiner: float = 0.0
    p_phase_shifter: float = 0.0
    phase_shifter_table: Mapping[int, float] = field(default_factory=dict)
    p_switch: float = 0.0
    p_ttd: float = 0.0
    analog_branches: int = 2
    converters_per_chain: int = 2
    adc_bits: int = 10
    dac_bits: int = 10
    p_adc: float | None = None
    p_dac: float | None = None
    adc_fom: float = 494e-15
    dac_c_static: float = 1.5e-5
    dac_c_dyn: float = 9e-12
    source: str = ""

    def __post_init__(self):
        check_scalar_fields(self)
        check_nonnegative(
            p_bb_static=self.p_bb_static, p_mixer=self.p_mixer, p_lpf=self.p_lpf,
            p_lo=self.p_lo, p_lo_chain=self.p_lo_chain, p_bb_amp=self.p_bb_amp,
            p_lna=self.p_lna, p_splitter=self.p_splitter, p_combiner=self.p_combiner,
            p_phase_shifter=self.p_phase_shifter, p_switch=self.p_switch, p_ttd=self.p_ttd,
        )
        check_integer("analog_branches", self.analog_branches, low=0)
        check_integer("converters_per_chain", self.converters_per_chain, low=0)
        check_integer("adc_bits", self.adc_bits, low=1)
        check_integer("dac_bits", self.dac_bits, low=1)
        check_positive(adc_fom=self.adc_fom)
        check_nonnegative(dac_c_static=self.dac_c_static, dac_c_dyn=self.dac_c_dyn)
        if self.p_adc is not None:
            check_nonnegative(p_adc=self.p_adc)
        if self.p_dac is not None:
            check_nonnegative(p_dac=self.p_dac)

    def adc_power(self, fs):
        """Power of one ADC at sampling rate ``fs`` [Hz] [W]."""
        if self.p_adc is not None:
            check_nonnegative(fs=fs)
            return (np.zeros_like(_f(fs)) + self.p_adc)[()]
        return walden_adc_power(self.adc_bits, fs, fom=self.adc_fom)

    def dac_power(self, fs):
        """Power of one DAC at sampling rate ``fs`` [Hz] [W]."""
        if self.p_dac is not None:
            check_nonnegative(fs=fs)
            return (np.zeros_like(_f(fs)) + self.p_dac)[()]
        return dac_power(self.dac_bits, fs, c_static=self.dac_c_static, c_dyn=self.dac_c_dyn)

    def _chain_common(self):
        return (self.analog_branches * (self.p_lpf + self.p_mixer)
                + self.p_lo_chain + self.p_bb_amp)

    def rf_chain_tx(self, fs):
        r"""Transmit RF-chain power :math:`P_\mathrm{RF,Tx}` at sampling rate ``fs`` [Hz] [W]."""
        return (self._chain_common() + self.converters_per_chain * _f(self.dac_power(fs)))[()]

    def rf_chain_rx(self, fs):
        r"""Receive RF-chain power :math:`P_\mathrm{RF,Rx}` at sampling rate ``fs`` [Hz] [W]."""
        return (self._chain_common() + self.converters_per_chain * _f(self.adc_power(fs)))[()]

    def phase_shifter_power(self, bits=None):
        """Power of one phase shifter [W]: by resolution from the table, else the flat value."""
        if bits is None:
            return float(self.p_phase_shifter)
        return _table_lookup("bits", bits, self.phase_shifter_table, what="phase-shifter power")


def rf_components_parvini() -> RFComponents:
    r"""RF components of Parvini et al. (sub-6 GHz/mmWave MU-MIMO-OFDM EE study).

    Values from ``HardwareNonlinearity/PowerConsumptionModel.m`` of the authors' code [1]_:
    static baseband 0.2 W, mixer 0.3 mW, shared LO 22.5 mW, low-pass filter 14 mW, phase
    shifter 20 mW, ADC by the Walden FOM 494 fJ/step, DAC :math:`1.5\cdot 10^{-5}\,2^b +
    9\cdot 10^{-12}\,b f_s`. Both converters at 10 bits (an assumption: the code leaves the
    resolution a parameter). Per chain: :math:`P_\mathrm{RF,Tx} = 2(P_\mathrm{LPF} +
    P_\mathrm{M} + P_\mathrm{DAC})`, :math:`P_\mathrm{RF,Rx} = 2(P_\mathrm{LPF} + P_\mathrm{M}
    + P_\mathrm{ADC})`.

    References
    ----------
    .. [1] M. Parvini et al., code repository "EE-SE-Tradeoff-MU-MIMO-OFDM",
       https://github.com/M-Parvini/EE-SE-Tradeoff-MU-MIMO-OFDM.

    Examples
    --------
    >>> rf = rf_components_parvini()
    >>> round(float(rf.rf_chain_tx(20e6)), 6)   # 2 (14e-3 + 0.3e-3 + 1.5e-5*1024 + 9e-12*10*20e6)
    0.06292
    """
    return RFComponents(
        name="parvini",
        p_bb_static=0.2,
        p_mixer=0.3e-3,
        p_lpf=14e-3,
        p_lo=22.5e-3,
        p_phase_shifter=20e-3,
        analog_branches=2,
        converters_per_chain=2,
        adc_bits=10,
        dac_bits=10,
        adc_fom=494e-15,
        dac_c_static=1.5e-5,
        dac_c_dyn=9e-12,
        source="M. Parvini et al., github.com/M-Parvini/EE-SE-Tradeoff-MU-MIMO-OFDM, "
        "HardwareNonlinearity/PowerConsumptionModel.m (10-bit converters assumed)",
    )


def rf_components_ttd_hbf() -> RFComponents:
    r"""mmWave hybrid-beamforming components (phase-shifter/switch/TTD architectures).

    Values from the EE routines (``EE_compute_PS_HBF.m``, ``EE_compute_SW_HBF.m``,
    ``EE_compute_TTD_HBF.m``) of the repository WillysMa/SW-HBF_design_with_beam_squint [1]_:
    LNA 136 mW, splitter and combiner 19.5 mW, mixer 22 mW, LO 4 mW per chain, LPF 14 mW,
    baseband amplifier 5 mW, ADC 560 mW (fixed, also used for the DAC side), phase shifter 42,
    21, 10 mW for 4, 2, 1 bit, switch 5 mW, TTD 285 mW. Per chain and side:
    :math:`P_\mathrm{RF} = P_\mathrm{M} + P_\mathrm{LO} + P_\mathrm{LPF} + P_\mathrm{BBamp} +
    2P_\mathrm{ADC}` (one analog branch, two converters). The code's PA (268 mW per antenna) is
    a fixed per-antenna term not stored here (the PA models of this module are used instead).

    References
    ----------
    .. [1] Code repository https://github.com/WillysMa/SW-HBF_design_with_beam_squint.

    Examples
    --------
    >>> rf = rf_components_ttd_hbf()
    >>> round(float(rf.rf_chain_rx(1e9)), 3)   # 22 + 4 + 14 + 5 mW + 2 * 560 mW
    1.165
    >>> rf.phase_shifter_power(2)
    0.021
    """
    return RFComponents(
        name="ttd_hbf",
        p_bb_static=0.0,
        p_mixer=22e-3,
        p_lpf=14e-3,
        p_lo=0.0,
        p_lo_chain=4e-3,
        p_bb_amp=5e-3,
        p_lna=136e-3,
        p_splitter=19.5e-3,
        p_combiner=19.5e-3,
        p_phase_shifter=42e-3,
        phase_shifter_table=dict(PHASE_SHIFTER_POWER_TTD_HBF),
        p_switch=5e-3,
        p_ttd=285e-3,
        analog_branches=1,
        converters_per_chain=2,
        p_adc=560e-3,
        p_dac=560e-3,
        source="github.com/WillysMa/SW-HBF_design_with_beam_squint, EE_compute_*_HBF.m",
    )


# --------------------------------------------------------------------------------------------
# Supply, DC-DC and cooling losses
# --------------------------------------------------------------------------------------------


def apply_supply_losses(p_load, *, sigma_dc=0.075, sigma_ms=0.075, sigma_cool=0.10):
    r"""Grid power drawn for a load after DC-DC, mains-supply and cooling losses.

    Parameters
    ----------
    p_load : array_like
        Power of the signal-processing and RF load [W], non-negative.
    sigma_dc, sigma_ms, sigma_cool : float, optional
        Loss fractions in [0, 1) of the DC-DC converter, the mains supply and active cooling.
        Defaults are the Holtkamp macro values 0.075, 0.075, 0.10 (:func:`holtkamp_macro`;
        the EARTH tables list :math:`\sigma_\mathrm{MS} = 0.09`).

    Returns
    -------
    ndarray or float
        :math:`P = P_\mathrm{load}/((1-\sigma_\mathrm{DC})(1-\sigma_\mathrm{MS})
        (1-\sigma_\mathrm{cool}))` [W].

    References
    ----------
    .. [1] G. Auer et al., "How much energy is needed to run a wireless network?", IEEE
       Wireless Commun. 18(5):40-49, 2011, doi:10.1109/MWC.2011.6056691.
    .. [2] H. Holtkamp, G. Auer, V. Giannini, H. Haas, IEEE Commun. Lett. 17(11):2033-2035,
       2013, doi:10.1109/LCOMM.2013.091213.131042.

    Examples
    --------
    >>> round(float(apply_supply_losses(100.0)), 4)   # 100 / (0.925 * 0.925 * 0.9)
    129.8596
    """
    check_nonnegative(p_load=p_load)
    for name, s in (("sigma_dc", sigma_dc), ("sigma_ms", sigma_ms), ("sigma_cool", sigma_cool)):
        check_in_range(name, s, 0.0, 1.0, high_open=True)
    with np.errstate(over="ignore"):
        out = _f(p_load) / ((1.0 - sigma_dc) * (1.0 - sigma_ms) * (1.0 - sigma_cool))
    check_no_overflow([out], "p_load, sigma_dc, sigma_ms, sigma_cool")
    return out[()]


def apply_cooling(power, efficiency=0.9):
    r"""Power including cooling overhead, :math:`P/\sigma_\mathrm{cool}`.

    Parameters
    ----------
    power : array_like
        Power of the cooled equipment [W], non-negative.
    efficiency : float, optional
        Cooling efficiency :math:`\sigma_\mathrm{cool}` in (0, 1]; default 0.9 (Demir et al.,
        IEEE JSAC 2024, code ozlemtugfedemir/O-RAN-cell-free).

    Examples
    --------
    >>> round(float(apply_cooling(90.0)), 6)
    100.0
    """
    check_nonnegative(power=power)
    check_in_range("efficiency", efficiency, 0.0, 1.0, low_open=True)
    with np.errstate(over="ignore"):
        out = _f(power) / efficiency
    check_no_overflow([out], "power, efficiency")
    return np.asarray(out)[()]


# --------------------------------------------------------------------------------------------
# Rate-proportional terms
# --------------------------------------------------------------------------------------------


def coding_power(rate, p_cod=0.1e-9, p_dec=0.8e-9):
    r"""Channel coding and decoding power, :math:`(P_\mathrm{COD}+P_\mathrm{DEC})R` [W].

    Parameters
    ----------
    rate : array_like
        Information rate :math:`R` [bit/s], non-negative.
    p_cod, p_dec : float, optional
        Encoding / decoding energy [J/bit]; defaults 0.1 and 0.8 nJ/bit (Table 2 of Björnson
        et al. 2015 and value set 1 of Table 5.3 of *Massive MIMO Networks*).

    Notes
    -----
    Eq. (5.35) of Björnson, Hoydis, Sanguinetti, *Massive MIMO Networks*, 2017,
    doi:10.1561/2000000093 (with :math:`R = B\cdot\mathrm{SE}`).

    Examples
    --------
    >>> round(float(coding_power(1e9)), 9)
    0.9
    """
    check_nonnegative(rate=rate, p_cod=p_cod, p_dec=p_dec)
    with np.errstate(over="ignore"):
        out = (p_cod + p_dec) * _f(rate)
    check_no_overflow([out], "rate, p_cod, p_dec")
    return np.asarray(out)[()]


def backhaul_power(rate, p_bt=0.25e-9):
    r"""Backhaul power, :math:`P_\mathrm{BT} R` [W].

    Parameters
    ----------
    rate : array_like
        Backhauled rate :math:`R` [bit/s], non-negative.
    p_bt : float, optional
        Backhaul energy [J/bit]; default 0.25 nJ/bit (Björnson et al. 2015, Table 2; *Massive
        MIMO Networks* Table 5.3 value set 1). Eq. (5.36) of *Massive MIMO Networks*.

    Examples
    --------
    >>> round(float(backhaul_power(4e9)), 9)
    1.0
    """
    check_nonnegative(rate=rate, p_bt=p_bt)
    with np.errstate(over="ignore"):
        out = p_bt * _f(rate)
    check_no_overflow([out], "rate, p_bt")
    return np.asarray(out)[()]


def rate_power(rate, p_cod=0.1e-9, p_dec=0.8e-9, p_bt=0.25e-9):
    r"""All rate-proportional power, :math:`(P_\mathrm{COD}+P_\mathrm{DEC}+P_\mathrm{BT})R` [W].

    This is the :math:`A\bar R` term of Eq. (19) of Björnson et al. (IEEE TWC 2015) and
    :math:`P_\mathrm{C/D} + P_\mathrm{BH}` of *Massive MIMO Networks* (5.35)-(5.36); defaults
    as in :func:`coding_power` and :func:`backhaul_power`.

    Examples
    --------
    >>> round(float(rate_power(1e9)), 9)   # 1.15 nJ/bit at 1 Gbit/s
    1.15
    """
    with np.errstate(over="ignore"):
        out = _f(coding_power(rate, p_cod, p_dec)) + _f(backhaul_power(rate, p_bt))
    check_no_overflow([out], "rate, p_cod, p_dec, p_bt")
    return out[()]
