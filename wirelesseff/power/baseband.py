r"""Baseband processing load (GOPS) and its power [reconstruction].

The digital front end (filtering, DFE), the OFDM (I)FFTs and the MIMO processing of a
base station with :math:`N_\mathrm{dig}` digital chains are counted in giga-operations per
second (GOPS) and turned into power either linearly (operations per joule) or with the
processor model of Demir et al. (servers of a maximum capacity, idle power plus a
load-proportional part, divided by the cooling efficiency).

This is a **reconstruction** assembled for the XL-MIMO module (see docs/power.md, 'Baseband
processing'): the
DFE/FFT counts and the processor model follow the code of Demir et al. (JSAC 2024,
ozlemtugfedemir/O-RAN-cell-free), the MIMO part is the flop count of *Massive MIMO Networks*
Sec. 5.4 (:func:`~wirelesseff.power.book.book_flop_rate`). Channel coding is excluded (it is
counted by the rate-proportional term). The NR-like default numerology is an assumption.

References
----------
.. [1] Ö. T. Demir, M. Masoudi, E. Björnson, C. Cavdar, "Cell-free massive MIMO in O-RAN:
   Energy-aware joint orchestration of cloud, fronthaul, and radio resources", IEEE J. Sel.
   Areas Commun., 2024, arXiv:2301.06166; code
   https://github.com/ozlemtugfedemir/O-RAN-cell-free.
.. [2] E. Björnson, J. Hoydis, L. Sanguinetti, "Massive MIMO Networks", Foundations and
   Trends in Signal Processing, 2017, doi:10.1561/2000000093.
"""

from __future__ import annotations

import numpy as np

from .._validation import (
    check_choice,
    check_in_range,
    check_no_overflow,
    check_nonnegative,
    check_positive,
    check_real_array,
    renamed_parameters,
)
from .book import book_flop_rate

__all__ = [
    "DEFAULT_SCS",
    "DFE_OPS_PER_SAMPLE",
    "FFT_OPS_PER_POINT",
    "FS_PER_BANDWIDTH",
    "baseband_gops",
    "baseband_gops_terms",
    "baseband_power",
    "default_numerology",
]

#: Default subcarrier spacing [Hz] (NR numerology mu = 2; an assumption for mid-band XL-MIMO).
DEFAULT_SCS = 60e3
#: Sampling rate per hertz of bandwidth, f_s = 1.2288 B (NR: e.g. 122.88 MHz for 100 MHz).
FS_PER_BANDWIDTH = 1.2288
#: Digital-front-end operations per sample and chain (``Cfilter`` of the O-RAN-cell-free code of
#: Demir et al., JSAC 2024).
DFE_OPS_PER_SAMPLE = 40.0
#: FFT operations per point and stage, c in c N log2 N (``CDFT`` of the same code).
FFT_OPS_PER_POINT = 8.0


def default_numerology(bandwidth, scs=DEFAULT_SCS):
    r"""NR-like sampling rate, DFT size and OFDM symbol duration (assumed numerology).

    Parameters
    ----------
    bandwidth : array_like
        Channel bandwidth :math:`B` [Hz].
    scs : float, optional
        Subcarrier spacing [Hz]; default 60 kHz.

    Returns
    -------
    fs, n_dft, t_symbol : ndarray or float
        :math:`f_s = 1.2288B` [Hz], :math:`N_\mathrm{DFT} = f_s/\mathrm{SCS}` [-] and
        :math:`T_\mathrm{sym} = (1\,\mathrm{ms}/14)(15\,\mathrm{kHz}/\mathrm{SCS})` [s]
        (14 symbols per 15 kHz-slot of 1 ms, cyclic prefix included).

    Examples
    --------
    >>> fs, n_dft, t_sym = default_numerology(100e6)
    >>> round(float(fs) / 1e6, 2), round(float(n_dft)), round(float(t_sym) * 1e6, 3)
    (122.88, 2048, 17.857)
    """
    check_positive(bandwidth=bandwidth, scs=scs)
    with np.errstate(over="ignore", under="ignore"):
        fs = FS_PER_BANDWIDTH * np.asarray(bandwidth, dtype=float)
        n_dft = fs / scs
        t_symbol = 15.0 / (14.0 * scs) + 0.0 * fs
    check_no_overflow([fs, n_dft, t_symbol], "bandwidth, scs")
    if np.any(np.asarray(t_symbol) <= 0):
        raise ValueError(f"scs is too large: the symbol duration 15/(14 scs) underflows to 0 s, "
                         f"got scs={np.max(scs):g}")
    return fs[()], n_dft[()], np.asarray(t_symbol)[()]


def baseband_gops_terms(n_dig, n_users, bandwidth, *, fs=None, n_dft=None, t_symbol=None,
                        scs=DEFAULT_SCS, tau_c=200, tau_p=None, scheme="zf",
                        n_cells=16, dfe_ops_per_sample=DFE_OPS_PER_SAMPLE,
                        fft_ops_per_point=FFT_OPS_PER_POINT) -> dict:
    r"""Baseband load by function [GOPS]: ``dfe``, ``fft``, ``mimo`` (see :func:`baseband_gops`).

    Examples
    --------
    >>> t = baseband_gops_terms(64, 8, 100e6)
    >>> round(float(t["dfe"]), 3), round(float(t["fft"]), 1)
    (314.573, 645.9)
    """
    n_dig = check_real_array("n_dig", n_dig, 1.0)
    check_real_array("n_users", n_users, 1.0)
    fs0, n_dft0, t0 = default_numerology(bandwidth, scs)
    if fs is None:
        fs = fs0
    else:
        check_positive(fs=fs)
        fs = np.asarray(fs, dtype=float)
    if n_dft is None:  # the default DFT size follows from bandwidth and scs
        n_dft = check_real_array("bandwidth", n_dft0, 1.0, what=(
            "as the default DFT size 1.2288 bandwidth/scs: bandwidth too small for scs"))
    else:
        n_dft = check_real_array("n_dft", n_dft, 1.0)
    if t_symbol is None:
        t_symbol = t0
    else:
        check_positive(t_symbol=t_symbol)
        t_symbol = np.asarray(t_symbol, dtype=float)
    check_real_array("dfe_ops_per_sample", dfe_ops_per_sample, 0.0)
    check_real_array("fft_ops_per_point", fft_ops_per_point, 0.0)
    with np.errstate(over="ignore", invalid="ignore"):
        dfe = dfe_ops_per_sample * n_dig * fs / 1e9
        fft = fft_ops_per_point * n_dig * n_dft * np.log2(n_dft) / (t_symbol * 1e9)
    check_no_overflow([dfe], "n_dig, bandwidth, fs, dfe_ops_per_sample")
    check_no_overflow([fft], "n_dig, bandwidth, scs, n_dft, t_symbol, fft_ops_per_point")
    with renamed_parameters(M="n_dig", K="n_users"):
        mimo = np.asarray(book_flop_rate(n_dig, n_users, bandwidth=bandwidth, tau_c=tau_c,
                                         tau_p=tau_p, scheme=scheme, n_cells=n_cells)) / 1e9
    return {"dfe": np.asarray(dfe)[()], "fft": np.asarray(fft)[()], "mimo": mimo[()]}


def baseband_gops(n_dig, n_users, bandwidth, *, fs=None, n_dft=None, t_symbol=None,
                  scs=DEFAULT_SCS, tau_c=200, tau_p=None, scheme="zf", n_cells=16,
                  dfe_ops_per_sample=DFE_OPS_PER_SAMPLE, fft_ops_per_point=FFT_OPS_PER_POINT):
    r"""Baseband processing load of a base station [GOPS] (reconstruction).

    Parameters
    ----------
    n_dig : array_like
        Digital chains :math:`N_\mathrm{dig}` (:math:`M` for a digital array, :math:`N_\mathrm{RF}`
        for a hybrid one), >= 1.
    n_users : array_like
        Served users :math:`K` (>= 1).
    bandwidth : array_like
        Bandwidth :math:`B` [Hz].
    fs : array_like, optional
        Sampling rate [Hz]; default :math:`1.2288B` (:func:`default_numerology`).
    n_dft : array_like, optional
        OFDM DFT size; default :math:`f_s/\mathrm{SCS}`.
    t_symbol : array_like, optional
        OFDM symbol duration [s]; default :math:`15/(14\,\mathrm{SCS})`.
    scs : float, optional
        Subcarrier spacing for the default numerology [Hz]; default 60 kHz (assumed).
    tau_c, tau_p, scheme, n_cells
        Passed to :func:`~wirelesseff.power.book.book_flop_rate` (defaults 200, K, ``"zf"``, 16).
    dfe_ops_per_sample : float, optional
        Digital-front-end operations per sample and chain (filtering, up/down-sampling); default
        :data:`DFE_OPS_PER_SAMPLE` = 40 (``Cfilter`` of the code of Demir et al.).
    fft_ops_per_point : float, optional
        Operations per point and stage of the :math:`N_\mathrm{DFT}`-point FFT; default
        :data:`FFT_OPS_PER_POINT` = 8 (``CDFT`` of the same code).

    Returns
    -------
    ndarray or float
        :math:`G = G_\mathrm{DFE} + G_\mathrm{FFT} + G_\mathrm{MIMO}` [GOPS].

    Raises
    ------
    ValueError
        If ``n_dig < 1``, ``n_users < 1``, a rate, size or duration is not positive, or the
        arguments of :func:`~wirelesseff.power.book.book_flop_rate` are invalid (each message
        names the parameter).

    Notes
    -----
    .. math::

        G_\mathrm{DFE} = c_\mathrm{DFE} N_\mathrm{dig} f_s/10^9, \quad
        G_\mathrm{FFT} = \frac{c_\mathrm{FFT} N_\mathrm{dig} N_\mathrm{DFT}\log_2 N_\mathrm{DFT}}
        {T_\mathrm{sym}\,10^9}, \quad
        G_\mathrm{MIMO} = \mathrm{book\_flop\_rate}(N_\mathrm{dig}, K, \dots)/10^9.

    The DFE and FFT counts are those of the code of Demir et al. (per AP: ``Cfilter`` and
    ``CDFT``); :math:`G_\mathrm{MIMO}` is the *Massive MIMO Networks* flop count with
    :math:`N_\mathrm{dig}` in place of :math:`M`. Coding is excluded.

    Examples
    --------
    >>> round(float(baseband_gops(64, 8, 100e6)), 1)
    1174.2
    """
    t = baseband_gops_terms(n_dig, n_users, bandwidth, fs=fs, n_dft=n_dft, t_symbol=t_symbol,
                            scs=scs, tau_c=tau_c, tau_p=tau_p, scheme=scheme, n_cells=n_cells,
                            dfe_ops_per_sample=dfe_ops_per_sample,
                            fft_ops_per_point=fft_ops_per_point)
    with np.errstate(over="ignore"):
        out = np.asarray(t["dfe"] + t["fft"] + t["mimo"], dtype=float)
    check_no_overflow([out], "n_dig, n_users, bandwidth")
    return out[()]


_BB_MODELS = ("linear", "processor")


def baseband_power(gops, model="linear", l_bb=75e9, p_proc0=20.8, d_proc=74.0,
                   gops_max=180.0, cooling=0.9):
    r"""Power of baseband processing of ``gops`` giga-operations per second [W].

    Parameters
    ----------
    gops : array_like
        Processing load :math:`G` [GOPS], non-negative.
    model : {"linear", "processor"}, optional
        ``"linear"`` (default): :math:`G\cdot 10^9/L_\mathrm{BB}`. ``"processor"``: servers of
        capacity :math:`G_\mathrm{max}` with idle power :math:`P_\mathrm{proc,0}` each and a
        load-proportional part, divided by the cooling efficiency.
    l_bb : float, optional
        Operations per joule :math:`L_\mathrm{BB}` [op/J] for ``"linear"``; default 75e9, the
        :math:`L_\mathrm{BS}` of *Massive MIMO Networks* Table 5.3 value set 1.
    p_proc0 : float, optional
        Idle power of one processor :math:`P_\mathrm{proc,0}` [W]; default 20.8 W [1]_.
    d_proc : float, optional
        Power of one fully loaded processor above idle :math:`\Delta_\mathrm{proc}` [W];
        default 74 W [1]_.
    gops_max : float, optional
        Capacity of one processor :math:`G_\mathrm{max}` [GOPS]; default 180 [1]_.
    cooling : float, optional
        Cooling efficiency :math:`\sigma_\mathrm{cool}` in (0, 1]; default 0.9 [1]_.

    Returns
    -------
    ndarray or float
        Power [W].

    Notes
    -----
    ``"processor"``:

    .. math::

        P = \frac{\lceil G/G_\mathrm{max}\rceil P_\mathrm{proc,0}
                  + \Delta_\mathrm{proc} G/G_\mathrm{max}}{\sigma_\mathrm{cool}}

    (the cloud-processing model of Demir et al. [1]_, with the number of active processors
    rounded up).

    References
    ----------
    .. [1] Ö. T. Demir et al., IEEE JSAC, 2024, arXiv:2301.06166; code
       https://github.com/ozlemtugfedemir/O-RAN-cell-free.

    Examples
    --------
    >>> float(baseband_power(75.0))          # 75 GOPS at 75 Gop/J
    1.0
    >>> round(float(baseband_power(90.0, model="processor")), 4)   # (20.8 + 37) / 0.9
    64.2222
    """
    check_choice("model", model, _BB_MODELS)
    check_nonnegative(gops=gops)
    g = np.asarray(gops, dtype=float)
    if model == "linear":
        check_positive(l_bb=l_bb)
        with np.errstate(over="ignore"):
            out = g * 1e9 / l_bb
        check_no_overflow([out], "gops, l_bb")
        return out[()]
    check_nonnegative(p_proc0=p_proc0, d_proc=d_proc)
    check_positive(gops_max=gops_max)
    check_in_range("cooling", cooling, 0.0, 1.0, low_open=True)
    with np.errstate(over="ignore", invalid="ignore"):
        n_proc = np.ceil(g / gops_max)
        out = (n_proc * p_proc0 + d_proc * g / gops_max) / cooling
    check_no_overflow([out], "gops, p_proc0, d_proc, gops_max, cooling")
    return np.asarray(out)[()]
