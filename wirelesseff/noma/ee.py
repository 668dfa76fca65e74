r"""Energy-efficiency link of grant-free NOMA codebooks (project model; reconstruction).

The chain from a codebook to bit/J:

1. **Back-off.** :math:`\mathrm{IBO_{dB}}` = the :math:`q`-th percentile of the codebook PAPR
   in dB (:func:`papr_backoff_db`, :math:`q = 99.9`, project choice); Golay codebooks have
   :math:`\mathrm{IBO} \leq 3.01` dB.
2. **PA efficiency** at that back-off (:func:`pa_efficiency`, a thin wrapper of
   :func:`wirelesseff.power.pa_backoff_efficiency`): class A
   :math:`\eta = 0.5 \cdot 10^{-\mathrm{IBO}/10}`, class B
   :math:`\eta = (\pi/4) \cdot 10^{-\mathrm{IBO}/20}` (ideal maxima, Cripps 2006).
3. **Required SNR** :math:`\rho_\mathrm{req}` for a target activity-error rate
   (:func:`required_snr_db`, log-linear interpolation of Monte-Carlo curves).
4. **Transmit power** :math:`P_\mathrm{tx} = \rho_\mathrm{req}\sigma_n^2/(N G)`
   (:func:`transmit_power`; spreading gain :math:`N`, noise power :math:`\sigma_n^2 = N_0 B`
   from :func:`wirelesseff.channel.noise.noise_power`).
5. **EE** :math:`= K_a(1 - \mathrm{AER})\, b / T_\mathrm{frame} /
   (K_a(P_\mathrm{tx}/\eta + P_{c,\mathrm{UE}}) + P_{c,\mathrm{BS}})` (:func:`energy_efficiency`;
   payload decoding of detected users is assumed error-free).

References
----------
.. [1] S. C. Cripps, *RF Power Amplifiers for Wireless Communications*, 2nd ed., Artech House,
   2006.
.. [2] J. Joung, C. K. Ho, S. Sun, "Spectral efficiency and energy efficiency of OFDM systems:
   impact of power amplifiers and countermeasures", IEEE J. Sel. Areas Commun. 32(2):208--220,
   2014, arXiv:1305.3959.
.. [3] E. Björnson, J. Hoydis, L. Sanguinetti, *Massive MIMO Networks*, Foundations and Trends
   in Signal Processing 11(3-4), 2017, doi:10.1561/2000000093, Table 5.3.
"""

from __future__ import annotations

import numpy as np

from .._validation import check_finite, check_in_range, check_nonnegative, check_positive
from ..power import pa_backoff_efficiency
from ..units import db2lin, lin2db
from ._checks import real_array, real_scalar

__all__ = [
    "energy_efficiency",
    "pa_efficiency",
    "papr_backoff_db",
    "required_snr_db",
    "transmit_power",
]


def papr_backoff_db(papr_values, q: float = 99.9) -> float:
    r"""Input back-off [dB] covering the :math:`q`-th percentile of a codebook's PAPR.

    Parameters
    ----------
    papr_values : array_like
        PAPR samples (linear, e.g. :func:`~wirelesseff.noma.papr` of every column).
    q : float, optional
        Percentile in [0, 100] (default 99.9, project choice: clipping of 0.1 % of the
        codewords is tolerated).

    Returns
    -------
    float
        :math:`\mathrm{IBO_{dB}} = 10\log_{10}\mathrm{percentile}_q(\mathrm{PAPR})` (numpy's
        linear-interpolation percentile).

    Examples
    --------
    >>> round(papr_backoff_db([1.0, 2.0, 2.0, 2.0]), 4)
    3.0103
    """
    v = real_array("papr_values", papr_values, 1.0 - 1e-12, nonempty=True).ravel()
    q = real_scalar("q", q, 0.0, 100.0)
    return float(lin2db(np.percentile(v, q)))


def pa_efficiency(backoff_db, pa_class: str = "B", eta_max=None):
    r"""PA efficiency at a back-off (wraps :func:`wirelesseff.power.pa_backoff_efficiency`).

    Parameters
    ----------
    backoff_db : array_like
        Input back-off :math:`\mathrm{IBO}` [dB], :math:`\geq 0`.
    pa_class : {"B", "A", "doherty"}, optional
        Amplifier class (default ``"B"``).
    eta_max : float, optional
        Efficiency at 0 dB back-off; default the ideal maximum (0.5 class A, :math:`\pi/4`
        class B).

    Returns
    -------
    ndarray or float
        :math:`\eta_A = \eta_\mathrm{max}10^{-\mathrm{IBO}/10}`,
        :math:`\eta_B = \eta_\mathrm{max}10^{-\mathrm{IBO}/20}` [-].

    Raises
    ------
    ValueError
        For a negative back-off or an unknown class.

    Examples
    --------
    >>> float(pa_efficiency(0.0, "A"))
    0.5
    >>> bool(np.isclose(pa_efficiency(10 * np.log10(2), "B"), (np.pi / 4) / np.sqrt(2)))
    True
    """
    real_array("backoff_db", backoff_db, 0.0)
    if eta_max is not None:
        eta_max = real_scalar("eta_max", eta_max, 0.0, 1.0, low_open=True)
    if not isinstance(pa_class, str):
        raise TypeError(f"pa_class must be a string such as 'A' or 'B', got {pa_class!r}")
    return pa_backoff_efficiency(backoff_db, pa_class=pa_class, eta_max=eta_max)


def required_snr_db(snr_db, err, target):
    r"""Smallest SNR [dB] at which an error-rate curve reaches a target (log-linear interpolation).

    Parameters
    ----------
    snr_db : array_like
        Increasing SNR grid [dB], shape (S,).
    err : array_like
        Error rates on the grid, shape (..., S) (SNR last); NaN entries (not evaluated) are
        skipped.
    target : float
        Target error rate in (0, 1].

    Returns
    -------
    ndarray or float
        :math:`\rho_\mathrm{req}` [dB], shape ``err.shape[:-1]``: the first crossing of
        ``target``, interpolated linearly in :math:`\log_{10}` error between the last grid
        point above and the first at or below the target; the first grid value if already met
        there; the crossing point itself if the error there is exactly 0 (no log
        interpolation possible; conservative); ``+inf`` if never met (error floor).

    Examples
    --------
    >>> s = np.arange(0.0, 10.0)
    >>> float(required_snr_db(s, 10.0 ** (-s / 2), 10.0 ** -2.5))
    5.0
    >>> float(required_snr_db(s, np.full(10, 0.5), 1e-2))
    inf
    """
    s = real_array("snr_db", snr_db)
    e = real_array("err", err, 0.0, None, allow_nan=True)
    if s.ndim != 1 or s.size < 1 or np.any(np.diff(s) <= 0):
        raise ValueError("snr_db must be a strictly increasing 1-D grid")
    if e.shape[-1:] != s.shape:
        raise ValueError(f"err must have the SNR grid snr_db (length {s.size}) as its last axis, "
                         f"got err of shape {e.shape}")
    target = real_scalar("target", target, 0.0, 1.0, low_open=True)
    flat = e.reshape(-1, s.size)
    out = np.full(flat.shape[0], np.inf)
    lt = np.log10(target)
    for r, row in enumerate(flat):
        ok = np.flatnonzero(np.isfinite(row))
        if ok.size == 0:
            out[r] = np.nan
            continue
        ss, ee = s[ok], row[ok]
        hit = np.flatnonzero(ee <= target)
        if hit.size == 0:
            continue
        i = hit[0]
        if i == 0 or ee[i] == 0.0:
            out[r] = ss[i]
            continue
        l0, l1 = np.log10(ee[i - 1]), np.log10(ee[i])
        frac = 1.0 if l1 == l0 else (lt - l0) / (l1 - l0)
        out[r] = ss[i - 1] + frac * (ss[i] - ss[i - 1])
    return out.reshape(e.shape[:-1])[()]


def transmit_power(snr_req_db, N, noise_power, gain):
    r"""Per-user transmit power [W] that delivers a required post-despreading SNR.

    Parameters
    ----------
    snr_req_db : array_like
        Required :math:`E_s/N_0` :math:`\rho_\mathrm{req}` [dB] (``+inf`` allowed: infeasible,
        giving ``+inf``; NaN rejected; a finite value whose power overflows float64 raises).
    N : array_like
        Spreading factor (sequence length) :math:`N \geq 1` [-].
    noise_power : array_like
        Noise power :math:`\sigma_n^2 = N_0 B` [W], > 0.
    gain : array_like
        Linear large-scale channel gain :math:`G` (> 0) [-].

    Returns
    -------
    ndarray or float
        :math:`P_\mathrm{tx} = P_\mathrm{rx}/G`, :math:`P_\mathrm{rx} =
        \rho_\mathrm{req}\sigma_n^2/N` [W] (spreading gain :math:`N`).

    Examples
    --------
    >>> float(transmit_power(10.0, 256, 2.56e-12, 1e-3))
    1e-10
    """
    check_positive(N=N, noise_power=noise_power, gain=gain)
    check_finite(N=N, noise_power=noise_power, gain=gain)
    snr = real_array("snr_req_db", snr_req_db, finite=False)
    if np.any(np.isneginf(snr)):
        raise ValueError("snr_req_db must not be -inf")
    with np.errstate(over="ignore"):
        rho = db2lin(snr)
        out = np.asarray(rho * np.asarray(noise_power, dtype=float) / np.asarray(N, dtype=float)
                         / np.asarray(gain, dtype=float))
    if np.any(np.isinf(out) & np.isfinite(snr)):
        raise ValueError("transmit power overflows float64 for a finite snr_req_db: "
                         "snr_req_db, noise_power or 1/gain is too large")
    return out[()]


def energy_efficiency(ka, aer, payload_bits, frame_s, p_tx, eta_pa, p_circuit_ue, p_circuit_bs):
    r"""Energy efficiency [bit/J] of grant-free access with :math:`K_a` active users.

    Parameters
    ----------
    ka : array_like
        Active users :math:`K_a \geq 0` [-].
    aer : array_like
        Activity-error rate in [0, 1] [-].
    payload_bits : array_like
        Payload per user and frame :math:`b` [bit].
    frame_s : array_like
        Frame duration :math:`T_\mathrm{frame}` [s], > 0.
    p_tx : array_like
        Per-user transmit power [W] (``inf`` allowed, giving EE = 0).
    eta_pa : array_like
        PA efficiency :math:`\eta \in (0, 1]` [-].
    p_circuit_ue : array_like
        Circuit power per user :math:`P_{c,\mathrm{UE}}` [W].
    p_circuit_bs : array_like
        Receiver (base-station) circuit power :math:`P_{c,\mathrm{BS}}` [W].

    Returns
    -------
    ndarray or float
        .. math:: \mathrm{EE} = \frac{K_a (1 - \mathrm{AER})\, b / T_\mathrm{frame}}
           {K_a (P_\mathrm{tx}/\eta + P_{c,\mathrm{UE}}) + P_{c,\mathrm{BS}}}

        (project model; see docs/noma.md, "Energy-efficiency link") [bit/J].

    Examples
    --------
    >>> round(float(energy_efficiency(10, 0.0, 100, 1e-3, 0.01, 0.5, 0.2, 10.0)), 3)  # 1e6/12.2
    81967.213
    """
    check_nonnegative(ka=ka, payload_bits=payload_bits, p_circuit_ue=p_circuit_ue,
                      p_circuit_bs=p_circuit_bs)
    check_nonnegative(allow_inf=True, p_tx=p_tx)
    check_finite(ka=ka, payload_bits=payload_bits, p_circuit_ue=p_circuit_ue,
                 p_circuit_bs=p_circuit_bs)
    check_in_range("aer", aer, 0.0, 1.0)
    check_positive(frame_s=frame_s)
    check_finite(frame_s=frame_s)
    check_in_range("eta_pa", eta_pa, 0.0, 1.0, low_open=True)
    ka, aer, b, tf, ptx, eta, pue, pbs = (
        np.asarray(v, dtype=float)
        for v in (ka, aer, payload_bits, frame_s, p_tx, eta_pa, p_circuit_ue, p_circuit_bs)
    )
    with np.errstate(over="ignore"):
        rate = b / tf
    if np.any(np.isinf(rate)):
        raise ValueError("payload_bits / frame_s overflows; payload_bits must be finite and "
                         "frame_s not vanishingly small")
    # per-user form: EE = (1 - AER) rate / (P_tx/eta + P_c,UE + P_c,BS / K_a), no overflow for
    # large K_a; K_a = 0 gives 0 bit/J
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        den = ptx / eta + pue + np.where(ka > 0, pbs / np.where(ka > 0, ka, 1.0), np.inf)
        out = np.where(np.isinf(den) | (ka == 0), 0.0, (1.0 - aer) * rate / den)
    return np.asarray(out)[()]
