r"""Circuit-power model of *Massive MIMO Networks*, Sec. 5.4 (Björnson, Hoydis, Sanguinetti).

The circuit power (CP) of one cell with :math:`M` BS antennas and :math:`K` UEs is

.. math::

    P_\mathrm{CP} = P_\mathrm{FIX} + P_\mathrm{TC} + P_\mathrm{CE} + P_\mathrm{C/D}
    + P_\mathrm{BH} + P_\mathrm{SP},

with the transceiver chains (5.34), coding/decoding (5.35), backhaul (5.36), channel
estimation (5.37) and signal processing (reception/transmission, precoding, and the
combining-vector computation of Table 5.2). Coefficients: Table 5.3 value sets 1 and 2
(:func:`massive_mimo_book_vs1`, :func:`massive_mimo_book_vs2`).

The equations and Table 5.3 were verified against the authors' companion code
(``functionCPcomputation.m`` / ``functionCPmodel.m`` in emilbjornson/massivemimobook, GPLv2;
this is an independent implementation from the equations).

References
----------
.. [1] E. Björnson, J. Hoydis, L. Sanguinetti, "Massive MIMO Networks: Spectral, Energy, and
   Hardware Efficiency", Foundations and Trends in Signal Processing 11(3-4):154-655, 2017,
   doi:10.1561/2000000093.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from .._validation import (
    check_choice,
    check_in_range,
    check_no_overflow,
    check_positive,
    check_real_array,
)
from ._checks import check_scalar_fields

__all__ = [
    "BOOK_SCHEMES",
    "BookCPParams",
    "CPBreakdown",
    "book_circuit_power",
    "book_effective_transmit_power",
    "book_flop_rate",
    "massive_mimo_book_vs1",
    "massive_mimo_book_vs2",
]

#: Processing schemes of Table 5.2: maximum ratio, zero-forcing, regularized ZF, single-cell
#: MMSE and multicell MMSE.
BOOK_SCHEMES = ("mr", "zf", "rzf", "s_mmse", "m_mmse")


@dataclass(frozen=True)
class BookCPParams:
    r"""Coefficients of the circuit-power model (Table 5.3 of *Massive MIMO Networks*).

    Attributes
    ----------
    p_fix : float
        Fixed power per BS (control signalling, site load, backhaul infrastructure)
        :math:`P_\mathrm{FIX}` [W].
    p_lo : float
        Local oscillator :math:`P_\mathrm{LO}` [W].
    p_bs : float
        Circuit power per BS antenna (converters, mixers, filters) :math:`P_\mathrm{BS}` [W].
    p_ue : float
        Circuit power per UE :math:`P_\mathrm{UE}` [W].
    p_cod, p_dec : float
        Encoding / decoding energy :math:`P_\mathrm{COD}, P_\mathrm{DEC}` [J/bit].
    l_bs : float
        Computational efficiency at the BS :math:`L_\mathrm{BS}` [flop/J].
    p_bt : float
        Backhaul energy :math:`P_\mathrm{BT}` [J/bit].
    name : str
        Label of the value set.
    """

    p_fix: float
    p_lo: float
    p_bs: float
    p_ue: float
    p_cod: float
    p_dec: float
    l_bs: float
    p_bt: float
    name: str = "custom"

    def __post_init__(self):
        check_scalar_fields(self)
        check_in_range("p_fix", self.p_fix, 0.0)
        check_in_range("p_lo", self.p_lo, 0.0)
        check_in_range("p_bs", self.p_bs, 0.0)
        check_in_range("p_ue", self.p_ue, 0.0)
        check_in_range("p_cod", self.p_cod, 0.0)
        check_in_range("p_dec", self.p_dec, 0.0)
        check_in_range("p_bt", self.p_bt, 0.0)
        check_positive(l_bs=self.l_bs)

    def breakdown(self, M, K, **kwargs) -> CPBreakdown:
        """:func:`book_circuit_power` with this value set (keywords passed through)."""
        return book_circuit_power(M, K, params=self, **kwargs)

    def total(self, M, K, **kwargs):
        """Total circuit power [W] of :meth:`breakdown`."""
        return book_circuit_power(M, K, params=self, **kwargs).total


def massive_mimo_book_vs1() -> BookCPParams:
    r"""Value set 1 of Table 5.3 of *Massive MIMO Networks* (today's hardware).

    :math:`P_\mathrm{FIX}` = 10 W, :math:`P_\mathrm{LO}` = 0.2 W, :math:`P_\mathrm{BS}` =
    0.4 W, :math:`P_\mathrm{UE}` = 0.2 W, :math:`P_\mathrm{COD}` = 0.1 nJ/bit,
    :math:`P_\mathrm{DEC}` = 0.8 nJ/bit, :math:`L_\mathrm{BS}` = 75 Gflop/J,
    :math:`P_\mathrm{BT}` = 0.25 nJ/bit.

    Examples
    --------
    >>> p = massive_mimo_book_vs1()
    >>> (p.p_fix, p.p_ue, p.l_bs)
    (10.0, 0.2, 75000000000.0)
    """
    return BookCPParams(p_fix=10.0, p_lo=0.2, p_bs=0.4, p_ue=0.2, p_cod=0.1e-9, p_dec=0.8e-9,
                        l_bs=75e9, p_bt=0.25e-9, name="massive_mimo_book_vs1")


def massive_mimo_book_vs2() -> BookCPParams:
    r"""Value set 2 of Table 5.3 of *Massive MIMO Networks* (future, more efficient hardware).

    :math:`P_\mathrm{FIX}` = 5 W, :math:`P_\mathrm{LO}` = 0.1 W, :math:`P_\mathrm{BS}` =
    0.2 W, :math:`P_\mathrm{UE}` = 0.1 W, :math:`P_\mathrm{COD}` = 0.01 nJ/bit,
    :math:`P_\mathrm{DEC}` = 0.08 nJ/bit, :math:`L_\mathrm{BS}` = 750 Gflop/J,
    :math:`P_\mathrm{BT}` = 0.025 nJ/bit.

    Examples
    --------
    >>> massive_mimo_book_vs2().p_fix
    5.0
    """
    return BookCPParams(p_fix=5.0, p_lo=0.1, p_bs=0.2, p_ue=0.1, p_cod=0.01e-9, p_dec=0.08e-9,
                        l_bs=750e9, p_bt=0.025e-9, name="massive_mimo_book_vs2")


@dataclass(frozen=True)
class CPBreakdown:
    r"""Terms of the book circuit-power model [W] (arrays broadcast over the inputs).

    Attributes
    ----------
    fix : P_FIX.
    tc : transceiver chains, Eq. (5.34).
    ce : channel estimation, Eq. (5.37).
    sp_rt : signal processing for UL reception and DL transmission of data.
    sp_dl : computation of the DL precoding vectors.
    sp_ul : computation of the UL combining vectors (Table 5.2, per scheme).
    cd : coding and decoding, Eq. (5.35).
    bh : backhaul, Eq. (5.36).
    """

    fix: np.ndarray | float
    tc: np.ndarray | float
    ce: np.ndarray | float
    sp_rt: np.ndarray | float
    sp_dl: np.ndarray | float
    sp_ul: np.ndarray | float
    cd: np.ndarray | float
    bh: np.ndarray | float

    @property
    def sp(self):
        """Total signal-processing power :math:`P_\\mathrm{SP}` = sp_rt + sp_dl + sp_ul [W]."""
        return self.sp_rt + self.sp_dl + self.sp_ul

    @property
    def total(self):
        """Total circuit power :math:`P_\\mathrm{CP}` [W] (sum of all eight terms)."""
        return (self.fix + self.tc + self.ce + self.sp_rt + self.sp_dl + self.sp_ul
                + self.cd + self.bh)

    def as_dict(self) -> dict:
        """The eight terms as ``{name: value}`` [W] (they sum to :attr:`total`)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _counts(M, K, bandwidth, tau_c, tau_p, scheme, n_cells):
    """Flop rates [flop/s] of ce, sp_rt, sp_dl, sp_ul (Sec. 5.4.1 and Table 5.2)."""
    B = bandwidth
    scale = B / tau_c
    ce = 3.0 * K * scale * (M * tau_p + M**2)
    sp_rt = 3.0 * B * M * K * (tau_c - tau_p) / tau_c
    sp_dl = 4.0 * M * K * scale
    if scheme == "mr":
        ul = 7.0 * K + 0.0 * M
    elif scheme == "zf":
        ul = 3.0 * (3.0 * K**2 * M / 2.0 + M * K / 2.0 + (K**3 - K) / 3.0 + 7.0 * K / 3.0)
    elif scheme == "rzf":
        ul = 3.0 * (3.0 * K**2 * M / 2.0 + 3.0 * M * K / 2.0 + (K**3 - K) / 3.0 + 7.0 * K / 3.0)
    elif scheme == "s_mmse":
        ul = 3.0 * (3.0 * M**2 * K / 2.0 + M * K / 2.0 + (M**3 - M) / 3.0 + 7.0 * M / 3.0)
    else:  # m_mmse
        ul = 3.0 * (n_cells * (3.0 * M**2 + M) * K / 2.0 + M**3 / 3.0 + 2.0 * M
                    + M * tau_p * (tau_p - K))
    sp_ul = ul * scale
    return ce, sp_rt, sp_dl, sp_ul


def _pilots(K, tau_c, tau_p, *, at_least_k):
    """Pilot length (default ``K``) checked against ``K`` and ``tau_c``; the error names the
    parameter that is out of place (``K`` when the default ``tau_p = K`` does not fit)."""
    if tau_p is None:
        with np.errstate(invalid="ignore"):
            bad = np.broadcast_to(tau_c - K < 0, np.broadcast_shapes(K.shape, tau_c.shape))
        if np.any(bad):
            i = tuple(int(j) for j in np.argwhere(bad)[0]) if bad.ndim else ()
            k_i, c_i = np.broadcast_to(K, bad.shape)[i], np.broadcast_to(tau_c, bad.shape)[i]
            raise ValueError(f"K must be <= tau_c (with tau_p = K, the pilots must fit in the "
                             f"coherence block), got K={k_i:g}, tau_c={c_i:g}")
        return K
    tau_p = check_real_array("tau_p", tau_p, 0.0)
    if at_least_k:
        check_in_range("tau_p", tau_p - K, 0.0,
                       what="(tau_p - K: pilots must be at least as many as the UEs)")
    check_in_range("tau_p", tau_c - tau_p, 0.0,
                   what="(tau_c - tau_p: pilots cannot exceed the coherence block)")
    return tau_p


def _prepare(M, K, bandwidth, tau_c, tau_p, scheme, n_cells):
    check_choice("scheme", scheme, BOOK_SCHEMES)
    M = check_real_array("M", M, 1.0)
    K = check_real_array("K", K, 1.0)
    check_positive(bandwidth=bandwidth)
    tau_c = check_real_array("tau_c", tau_c, 1.0)
    tau_p = _pilots(K, tau_c, tau_p, at_least_k=True)
    n_cells = check_real_array("n_cells", n_cells, 1.0)
    return (M, K, np.asarray(bandwidth, dtype=float), tau_c, np.asarray(tau_p, dtype=float),
            n_cells)


def book_flop_rate(M, K, *, bandwidth=20e6, tau_c=200, tau_p=None, scheme="zf", n_cells=16):
    r"""Signal-processing flop rate of one BS in the book model [flop/s].

    Parameters
    ----------
    M, K : array_like
        Numbers of BS antennas and UEs (>= 1; real values allowed for relaxations).
    bandwidth : array_like, optional
        Bandwidth :math:`B` [Hz]; default 20 MHz (Sec. 5.4 examples).
    tau_c : array_like, optional
        Coherence-block length :math:`\tau_c` [samples]; default 200.
    tau_p : array_like, optional
        Pilot length :math:`\tau_p \ge K`; ``None`` (default) uses :math:`\tau_p = K`.
    scheme : {"mr", "zf", "rzf", "s_mmse", "m_mmse"}, optional
        Combining scheme of Table 5.2; default ``"zf"``.
    n_cells : array_like, optional
        Number of cells :math:`L` (only M-MMSE depends on it); default 16 (Sec. 5.4 setup).

    Returns
    -------
    ndarray or float
        :math:`L_\mathrm{BS}(P_\mathrm{CE} + P_\mathrm{SP,RT} + P_\mathrm{SP,DL} +
        P_\mathrm{SP,UL})` [flop/s] (independent of :math:`L_\mathrm{BS}`).

    Notes
    -----
    With :math:`B/\tau_c` coherence blocks per second,

    .. math::

        \frac{B}{\tau_c}\Big[3K(M\tau_p + M^2) + 3MK(\tau_c-\tau_p) + 4MK
        + C_\mathrm{UL}\Big],

    where :math:`C_\mathrm{UL}` is the combining-vector count of Table 5.2 (see
    :func:`book_circuit_power`).

    Examples
    --------
    >>> round(float(book_flop_rate(100, 10, tau_p=10)) / 1e9, 3)   # Gflop/s, ZF
    95.156
    """
    M, K, B, tau_c, tau_p, n_cells = _prepare(M, K, bandwidth, tau_c, tau_p, scheme, n_cells)
    with np.errstate(over="ignore", invalid="ignore"):
        ce, sp_rt, sp_dl, sp_ul = _counts(M, K, B, tau_c, tau_p, scheme, n_cells)
        out = np.asarray(ce + sp_rt + sp_dl + sp_ul, dtype=float)
    check_no_overflow([out], "M, K, bandwidth, tau_c, tau_p, n_cells")
    return out[()]


def book_circuit_power(M, K, *, bandwidth=20e6, tau_c=200, tau_p=None, sum_se=0.0,
                       scheme="zf", n_cells=16, params=None) -> CPBreakdown:
    r"""Circuit power of one cell in the *Massive MIMO Networks* model (Sec. 5.4).

    Parameters
    ----------
    M, K : array_like
        Numbers of BS antennas and UEs per cell (>= 1), broadcast together.
    bandwidth : array_like, optional
        Bandwidth :math:`B` [Hz]; default 20 MHz (Sec. 5.4).
    tau_c : array_like, optional
        Coherence-block length :math:`\tau_c` [samples]; default 200 (Sec. 5.4).
    tau_p : array_like, optional
        Pilot length, :math:`K \le \tau_p \le \tau_c`; ``None`` uses :math:`\tau_p = K`
        (pilot reuse factor 1, as in the book's figures).
    sum_se : array_like, optional
        Sum spectral efficiency of the cell [bit/s/Hz] driving coding/decoding and backhaul;
        default 0.
    scheme : {"mr", "zf", "rzf", "s_mmse", "m_mmse"}, optional
        Combining/precoding scheme of Table 5.2 (maximum ratio, zero-forcing, regularized ZF,
        single-cell MMSE, multicell MMSE); default ``"zf"``.
    n_cells : array_like, optional
        Number of cells :math:`L` (M-MMSE only); default 16 (the book's running example).
    params : BookCPParams, optional
        Coefficients; default :func:`massive_mimo_book_vs1`.

    Returns
    -------
    CPBreakdown
        Terms ``fix, tc, ce, sp_rt, sp_dl, sp_ul, cd, bh`` [W]; ``.total`` and ``.as_dict()``.

    Raises
    ------
    ValueError
        For M or K below 1, non-positive bandwidth, :math:`\tau_p < K`, :math:`\tau_p > \tau_c`,
        negative ``sum_se``, or an unknown scheme.

    Notes
    -----
    With :math:`\Lambda = \tau_c L_\mathrm{BS}`:

    .. math::

        P_\mathrm{TC} &= M P_\mathrm{BS} + P_\mathrm{LO} + K P_\mathrm{UE}
            && (5.34)\\
        P_\mathrm{C/D} &= (P_\mathrm{COD} + P_\mathrm{DEC}) B\,\mathrm{SE}_\mathrm{sum}
            && (5.35)\\
        P_\mathrm{BH} &= P_\mathrm{BT} B\,\mathrm{SE}_\mathrm{sum} && (5.36)\\
        P_\mathrm{CE} &= 3KB(M\tau_p + M^2)/\Lambda && (5.37)\\
        P_\mathrm{SP,RT} &= 3BMK(\tau_c - \tau_p)/\Lambda, \quad
        P_\mathrm{SP,DL} = 4BMK/\Lambda

    and :math:`P_\mathrm{SP,UL}\Lambda/B` equals :math:`7K` (MR),
    :math:`3(\tfrac32K^2M + \tfrac12MK + \tfrac13(K^3-K) + \tfrac73K)` (ZF),
    :math:`3(\tfrac32K^2M + \tfrac32MK + \tfrac13(K^3-K) + \tfrac73K)` (RZF),
    :math:`3(\tfrac32M^2K + \tfrac12MK + \tfrac13(M^3-M) + \tfrac73M)` (S-MMSE),
    :math:`3(\tfrac12L(3M^2+M)K + \tfrac13M^3 + 2M + M\tau_p(\tau_p-K))` (M-MMSE).
    The same channel-estimation term is used for every scheme, as in the book's code.

    References
    ----------
    .. [1] E. Björnson, J. Hoydis, L. Sanguinetti, "Massive MIMO Networks", Foundations and
       Trends in Signal Processing 11(3-4):154-655, 2017, doi:10.1561/2000000093.

    Examples
    --------
    >>> cp = book_circuit_power(100, 10, tau_p=10)
    >>> round(float(cp.tc), 4), round(float(cp.ce), 4), round(float(cp.sp_rt), 4)
    (42.2, 0.44, 0.76)
    >>> round(float(cp.sp_ul), 6)
    0.063413
    """
    params = massive_mimo_book_vs1() if params is None else params
    if not isinstance(params, BookCPParams):
        raise TypeError(f"params must be a BookCPParams (e.g. massive_mimo_book_vs1()), got "
                        f"{type(params).__name__}")
    M, K, B, tau_c, tau_p, n_cells = _prepare(M, K, bandwidth, tau_c, tau_p, scheme, n_cells)
    sum_se = check_real_array("sum_se", sum_se, 0.0)
    with np.errstate(over="ignore", invalid="ignore"):
        ce, sp_rt, sp_dl, sp_ul = _counts(M, K, B, tau_c, tau_p, scheme, n_cells)
    shape = np.broadcast_shapes(M.shape, K.shape, B.shape, tau_c.shape, tau_p.shape,
                                n_cells.shape, sum_se.shape)

    def out(x):
        return np.broadcast_to(np.asarray(x, dtype=float), shape).copy()[()]

    L = params.l_bs
    with np.errstate(over="ignore", invalid="ignore"):
        cp = CPBreakdown(
            fix=out(params.p_fix),
            tc=out(M * params.p_bs + params.p_lo + K * params.p_ue),
            ce=out(ce / L),
            sp_rt=out(sp_rt / L),
            sp_dl=out(sp_dl / L),
            sp_ul=out(sp_ul / L),
            cd=out((params.p_cod + params.p_dec) * B * sum_se),
            bh=out(params.p_bt * B * sum_se),
        )
    check_no_overflow([getattr(cp, f.name) for f in fields(cp)],
                      "M, K, bandwidth, tau_c, tau_p, sum_se, n_cells, params")
    return cp


def book_effective_transmit_power(K, p=0.1, tau_c=200, tau_p=None, mu_ue=0.4, mu_bs=0.5,
                                  zeta_ul=1 / 3, zeta_dl=2 / 3):
    r"""Effective transmit power of one cell in the *Massive MIMO Networks* EE examples [W].

    Parameters
    ----------
    K : array_like
        UEs per cell (>= 1).
    p : array_like, optional
        Transmit power per UE (and per UE in the DL) :math:`p` [W]; default 0.1 W.
    tau_c : array_like, optional
        Coherence-block length [samples]; default 200.
    tau_p : array_like, optional
        Pilot length in :math:`[0, \tau_c]`; ``None`` uses :math:`\tau_p = K`.
    mu_ue, mu_bs : float, optional
        PA efficiencies of UEs and BS in (0, 1]; defaults 0.4 and 0.5 (Sec. 5.4 examples).
    zeta_ul, zeta_dl : float, optional
        Fractions of the data samples used for UL and DL (sum <= 1); defaults 1/3 and 2/3.

    Returns
    -------
    ndarray or float
        .. math:: \mathrm{ETP} = \frac{Kp}{\tau_c}\left(\frac{\tau_p}{\mu_\mathrm{UE}}
                  + (\tau_c - \tau_p)\left(\frac{\zeta_\mathrm{UL}}{\mu_\mathrm{UE}}
                  + \frac{\zeta_\mathrm{DL}}{\mu_\mathrm{BS}}\right)\right)

        as used for Figs. 5.12-5.15 of the book (its companion code).

    Examples
    --------
    >>> round(float(book_effective_transmit_power(10)), 4)   # (25 + 190*(5/6 + 4/3)) / 200
    2.1833
    """
    K = check_real_array("K", K, 1.0)
    p = check_real_array("p", p, 0.0)
    tau_c = check_real_array("tau_c", tau_c, 1.0)
    tau_p = _pilots(K, tau_c, tau_p, at_least_k=False)
    check_in_range("mu_ue", mu_ue, 0.0, 1.0, low_open=True)
    check_in_range("mu_bs", mu_bs, 0.0, 1.0, low_open=True)
    check_in_range("zeta_ul", zeta_ul, 0.0, 1.0)
    check_in_range("zeta_dl", zeta_dl, 0.0, 1.0)
    check_in_range("zeta_ul + zeta_dl", np.asarray(zeta_ul) + np.asarray(zeta_dl), 0.0,
                   1.0 + 1e-12)
    with np.errstate(over="ignore", invalid="ignore"):
        etp = K * np.asarray(p, float) * (tau_p / mu_ue + (tau_c - tau_p)
                                          * (zeta_ul / mu_ue + zeta_dl / mu_bs)) / tau_c
    etp = np.asarray(etp, dtype=float)
    check_no_overflow([etp], "K, p, tau_c, tau_p, mu_ue, mu_bs")
    return etp[()]
