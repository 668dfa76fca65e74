r"""Large-scale path loss: free space and 3GPP TR 38.901 UMi-Street Canyon / UMa.

* :func:`free_space_db` is the **only** free-space path-loss implementation of the package
  (``wirelesseff.channel.ntn`` re-exports it).
* :func:`power_law_db` is the plain log-distance (power-law) model
  :math:`PL_0 + 10\alpha\log_{10}(d/d_0)` used by stochastic-geometry analyses.
* :func:`tr38901_umi` and :func:`tr38901_uma` follow 3GPP TR 38.901 V16.1.0/V17.0.0
  Table 7.4.1-1 (as implemented by NVlabs/sionna and ns-3, against which they were checked),
  including its Note 1 breakpoint distance
  :math:`d'_{BP} = 4 h'_{BS} h'_{UT} f_c / c` with :math:`c = 3.0\times10^8` m/s **as written in
  the standard** (NVlabs/sionna uses the exact speed of light; the difference in
  :math:`d'_{BP}` is 0.07 %, below 0.006 dB in path loss). Results agree with the ns-3
  ``ThreeGpp*PropagationLossModel`` reference vectors to 1e-4 dB.
* :func:`los_probability_umi` and :func:`los_probability_uma` follow Table 7.4.2-1.

All functions broadcast over their array arguments (scalar in, scalar out). Frequencies are
in Hz and converted to GHz inside; distances and heights are in metres; results are in dB
(positive = loss).

References
----------
.. [1] 3GPP TR 38.901, "Study on channel model for frequencies from 0.5 to 100 GHz",
   V16.1.0 (2019-12) / V17.0.0 (2022-03), Tables 7.4.1-1 and 7.4.2-1.
.. [2] H. T. Friis, "A note on a simple transmission formula", Proc. IRE, vol. 34, no. 5,
   pp. 254-256, 1946, doi:10.1109/JRPROC.1946.234568.
"""

from __future__ import annotations

import numpy as np

from .._validation import (
    as_generator,
    check_choice,
    check_finite,
    check_in_range,
    check_no_overflow,
    check_positive,
    check_real_array,
)
from ..units import SPEED_OF_LIGHT

__all__ = [
    "free_space_db",
    "power_law_db",
    "breakpoint_distance",
    "los_probability_umi",
    "los_probability_uma",
    "tr38901_umi",
    "tr38901_uma",
    "SHADOW_FADING_STD_DB",
    "TR38901_SPEED_OF_LIGHT",
]

#: Propagation velocity used by TR 38.901 Table 7.4.1-1, Note 1 [m/s] (rounded, as in the
#: standard; not the exact speed of light).
TR38901_SPEED_OF_LIGHT: float = 3.0e8

#: Log-normal shadow-fading standard deviations :math:`\sigma_{SF}` [dB] of TR 38.901
#: Table 7.4.1-1, keyed by ``(scenario, los)``.
SHADOW_FADING_STD_DB: dict[tuple[str, bool], float] = {
    ("umi", True): 4.0,
    ("umi", False): 7.82,
    ("uma", True): 4.0,
    ("uma", False): 6.0,
}

# Applicability ranges of Table 7.4.1-1 (and the model's 0.5-100 GHz scope, Sec. 7.1).
_D2D_RANGE = (10.0, 5000.0)  # m
_F_RANGE = (0.5e9, 100e9)  # Hz
_HUT_RANGE = (1.5, 22.5)  # m
_H_E = 1.0  # effective environment height [m]


def _out(x):
    x = np.asarray(x)
    return x[()] if x.ndim == 0 else x


def free_space_db(distance, frequency):
    r"""Free-space path loss :math:`20\log_{10}(4\pi d f / c)` [dB] between isotropic antennas.

    Parameters
    ----------
    distance : array_like
        Distance :math:`d` [m], > 0.
    frequency : array_like
        Carrier frequency :math:`f` [Hz], > 0.

    Returns
    -------
    ndarray or float
        Path loss [dB], broadcast over the inputs. Equals
        :math:`32.45 + 20\log_{10}(f/\mathrm{GHz}) + 20\log_{10}(d/\mathrm{m})` within 0.01 dB.

    Raises
    ------
    ValueError
        If ``distance`` or ``frequency`` is not positive.

    Notes
    -----
    Friis' free-space equation [1]_ with isotropic gains,
    :math:`\mathrm{FSPL} = (4\pi d/\lambda)^2`, :math:`\lambda = c/f`, :math:`c` exact.
    It is only meaningful in the far field of both antennas (:math:`d \gg \lambda`).

    References
    ----------
    .. [1] H. T. Friis, Proc. IRE, vol. 34, no. 5, pp. 254-256, 1946,
       doi:10.1109/JRPROC.1946.234568.

    Examples
    --------
    >>> round(float(free_space_db(1.0, 1e9)), 4)
    32.4478
    >>> round(float(free_space_db(550e3, 20e9)), 2)   # LEO zenith at 20 GHz
    173.28
    """
    check_positive(distance=distance, frequency=frequency)
    d = np.asarray(distance, dtype=float)
    f = np.asarray(frequency, dtype=float)
    with np.errstate(over="ignore", divide="ignore"):
        out = 20.0 * np.log10(4.0 * np.pi * d * f / SPEED_OF_LIGHT)
    check_no_overflow([out], "distance, frequency")
    return _out(out)


def power_law_db(distance, exponent, reference_distance=1.0, reference_loss_db=0.0):
    r"""Power-law (log-distance) path loss :math:`PL_0 + 10\alpha\log_{10}(d/d_0)` [dB].

    Parameters
    ----------
    distance : array_like
        Distance :math:`d` [m], > 0.
    exponent : array_like
        Path-loss exponent :math:`\alpha` [-], > 0 (finite).
    reference_distance : array_like, optional
        Reference distance :math:`d_0` [m], > 0; default 1 m.
    reference_loss_db : array_like, optional
        Loss at the reference distance :math:`PL_0` [dB] (finite); default 0 dB, i.e. the
        unit-gain law :math:`(d/d_0)^{-\alpha}` of stochastic-geometry analyses.

    Returns
    -------
    ndarray or float
        Path loss [dB], broadcast over the inputs (negative below :math:`d_0` when
        :math:`PL_0 = 0`: the law is not a physical model in the near field).

    Raises
    ------
    ValueError
        If a distance, the exponent or the reference distance is not positive, or an input
        is not finite.

    Notes
    -----
    .. math:: PL(d) = PL_0 + 10\,\alpha\log_{10}(d/d_0),
       \qquad g(d) = 10^{-PL/10} = 10^{-PL_0/10}(d/d_0)^{-\alpha}.

    The linear gain :math:`d^{-\alpha}` (:math:`d_0` = 1 m, :math:`PL_0` = 0) is the
    path-loss law of the stochastic-geometry coverage analysis of Andrews, Baccelli and
    Ganti [1]_. With :math:`\alpha` = 3.76 and :math:`PL_0` = 15.3 dB at 1 m it is the
    3GPP macro-cell law :math:`128.1 + 37.6\log_{10}(d/\mathrm{km})` [2]_.

    References
    ----------
    .. [1] J. G. Andrews, F. Baccelli, R. K. Ganti, "A tractable approach to coverage and
       rate in cellular networks", IEEE Trans. Commun. 59(11):3122-3134, 2011,
       doi:10.1109/TCOMM.2011.100411.100541.
    .. [2] 3GPP TR 36.814 V9.0.0, "Further advancements for E-UTRA physical layer
       aspects", 2010, Table A.2.1.1-2 (macro-cell path loss at 2 GHz).

    Examples
    --------
    >>> float(power_law_db(10.0, 4.0))
    40.0
    >>> round(float(power_law_db(1000.0, 3.76, reference_loss_db=15.3)), 6)  # 128.1 dB at 1 km
    128.1
    """
    d = check_in_range("distance", distance, 0.0, None, low_open=True)
    a = check_in_range("exponent", exponent, 0.0, None, low_open=True)
    d0 = check_in_range("reference_distance", reference_distance, 0.0, None, low_open=True)
    pl0 = check_in_range("reference_loss_db", reference_loss_db)
    check_finite(distance=d, exponent=a, reference_distance=d0, reference_loss_db=pl0)
    with np.errstate(over="ignore", invalid="ignore"):
        out = pl0 + 10.0 * a * np.log10(np.asarray(d, float) / d0)
    if not np.all(np.isfinite(out)):
        raise ValueError("exponent, distance and reference_distance give a non-finite path "
                         "loss (values too large or too small)")
    return _out(out)


def breakpoint_distance(frequency, h_bs, h_ut, h_e=_H_E):
    r"""TR 38.901 breakpoint distance :math:`d'_{BP} = 4(h_{BS}-h_E)(h_{UT}-h_E)f_c/c` [m].

    Parameters
    ----------
    frequency : array_like
        Carrier frequency :math:`f_c` [Hz], > 0.
    h_bs, h_ut : array_like
        Antenna heights of the BS and UT [m]; both must exceed ``h_e``.
    h_e : array_like, optional
        Effective environment height :math:`h_E` [m], default 1 m (UMi always; UMa with
        probability :math:`1/(1+C(d_{2D},h_{UT}))`, which is 1 for :math:`h_{UT} < 13` m).

    Returns
    -------
    ndarray or float
        :math:`d'_{BP}` [m], with :math:`c = 3.0\times10^8` m/s as in Table 7.4.1-1, Note 1.

    Examples
    --------
    >>> float(breakpoint_distance(3.5e9, 10.0, 1.5))
    210.0
    """
    check_positive(frequency=frequency)
    h_bs, h_ut, h_e = (check_real_array(n, v) for n, v in
                       (("h_bs", h_bs), ("h_ut", h_ut), ("h_e", h_e)))
    check_in_range("h_bs", h_bs - h_e, 0.0, None, low_open=True,
                   what="(h_bs - h_e, m: the BS must be above the effective environment height)")
    check_in_range("h_ut", h_ut - h_e, 0.0, None, low_open=True,
                   what="(h_ut - h_e, m: the UT must be above the effective environment height)")
    with np.errstate(over="ignore", invalid="ignore"):
        out = (4.0 * (h_bs - h_e) * (h_ut - h_e) * np.asarray(frequency, float)
               / TR38901_SPEED_OF_LIGHT)
    check_no_overflow([out], "frequency, h_bs, h_ut, h_e")
    return _out(out)


def los_probability_umi(d_2d):
    r"""LoS probability of TR 38.901 UMi-Street Canyon (Table 7.4.2-1).

    Parameters
    ----------
    d_2d : array_like
        Outdoor 2-D BS-UT distance :math:`d_{2D}` [m], >= 0.

    Returns
    -------
    ndarray or float
        :math:`P_{LOS} \in (0, 1]`.

    Notes
    -----
    .. math::

       P_{LOS} = \begin{cases} 1, & d_{2D} \le 18\text{ m} \\
       \frac{18}{d_{2D}} + e^{-d_{2D}/36}\left(1 - \frac{18}{d_{2D}}\right), & d_{2D} > 18\text{ m}
       \end{cases}

    Examples
    --------
    >>> float(los_probability_umi(10.0))
    1.0
    >>> round(float(los_probability_umi(100.0)), 6)
    0.230985
    """
    d = check_real_array("d_2d", d_2d, 0.0)
    ds = np.maximum(d, 18.0)
    p = 18.0 / ds + np.exp(-ds / 36.0) * (1.0 - 18.0 / ds)
    return _out(np.where(d <= 18.0, 1.0, p))


def los_probability_uma(d_2d, h_ut=1.5):
    r"""LoS probability of TR 38.901 UMa (Table 7.4.2-1), including the :math:`C'(h_{UT})` term.

    Parameters
    ----------
    d_2d : array_like
        Outdoor 2-D BS-UT distance :math:`d_{2D}` [m], >= 0.
    h_ut : array_like, optional
        UT height [m], in [1.5, 23] (default 1.5 m, the TR 38.901 outdoor UT height).

    Returns
    -------
    ndarray or float
        :math:`P_{LOS} \in (0, 1]`.

    Notes
    -----
    For :math:`d_{2D} > 18` m,

    .. math::

       P_{LOS} = \left[\frac{18}{d_{2D}} + e^{-d_{2D}/63}\left(1-\frac{18}{d_{2D}}\right)\right]
       \left(1 + C'(h_{UT})\frac{5}{4}\left(\frac{d_{2D}}{100}\right)^3 e^{-d_{2D}/150}\right),

    :math:`C'(h_{UT}) = 0` for :math:`h_{UT} \le 13` m and :math:`((h_{UT}-13)/10)^{1.5}` for
    :math:`13 < h_{UT} \le 23` m; :math:`P_{LOS} = 1` for :math:`d_{2D} \le 18` m.

    Examples
    --------
    >>> round(float(los_probability_uma(100.0)), 6)
    0.347671
    >>> bool(los_probability_uma(100.0, h_ut=20.0) > los_probability_uma(100.0))
    True
    """
    d = check_real_array("d_2d", d_2d, 0.0)
    h = check_real_array("h_ut", h_ut, 1.5, 23.0)
    ds = np.maximum(d, 18.0)
    c_h = np.where(h <= 13.0, 0.0, (np.maximum(h, 13.0) - 13.0) / 10.0) ** 1.5
    # beyond 100 km the C' term is below 1e-280 and 1 + term == 1 exactly: the distance is
    # capped there so that (d/100)^3 cannot overflow (inf * 0 = NaN for absurd distances)
    dc = np.minimum(ds, 1e5)
    p = (18.0 / ds + np.exp(-ds / 63.0) * (1.0 - 18.0 / ds)) * (
        1.0 + c_h * 1.25 * (dc / 100.0) ** 3 * np.exp(-dc / 150.0))
    return _out(np.where(d <= 18.0, 1.0, p))


def _los_state(los, scenario):
    """Return ('fixed', bool array) or ('probabilistic', None)."""
    if isinstance(los, str):
        check_choice("los", los, ("probabilistic",))
        return "probabilistic", None
    arr = np.asarray(los)
    if arr.dtype == bool:
        return "fixed", arr
    if np.issubdtype(arr.dtype, np.integer) and np.all((arr == 0) | (arr == 1)):
        return "fixed", arr.astype(bool)
    raise ValueError(f"los must be True/False (or a boolean array) or 'probabilistic' for "
                     f"the {scenario} model, got {los!r}")


def _tr38901(scenario, d_2d, frequency, los, h_bs, h_ut, rng):
    check_in_range("d_2d", d_2d, *_D2D_RANGE,
                   what="(TR 38.901 Table 7.4.1-1 applicability, m)")
    check_in_range("frequency", frequency, *_F_RANGE, what="(TR 38.901 scope, Hz)")
    check_in_range("h_ut", h_ut, *_HUT_RANGE, what="(TR 38.901 Table 7.4.1-1, m)")
    check_real_array("h_bs", h_bs, _H_E, None, low_open=True,
                     what="(must exceed the effective environment height h_E = 1 m)")
    mode, state = _los_state(los, scenario)
    d, f, hb, hu = (np.asarray(v, dtype=float) for v in (d_2d, frequency, h_bs, h_ut))

    d_3d = np.sqrt(d**2 + (hb - hu) ** 2)
    log_d3 = np.log10(d_3d)
    log_f = np.log10(f / 1e9)
    d_bp = 4.0 * (hb - _H_E) * (hu - _H_E) * f / TR38901_SPEED_OF_LIGHT
    if scenario == "umi":
        pl1 = 32.4 + 21.0 * log_d3 + 20.0 * log_f
        pl2 = 32.4 + 40.0 * log_d3 + 20.0 * log_f - 9.5 * np.log10(d_bp**2 + (hb - hu) ** 2)
        pl_nlos_p = 35.3 * log_d3 + 22.4 + 21.3 * log_f - 0.3 * (hu - 1.5)
    else:
        pl1 = 28.0 + 22.0 * log_d3 + 20.0 * log_f
        pl2 = 28.0 + 40.0 * log_d3 + 20.0 * log_f - 9.0 * np.log10(d_bp**2 + (hb - hu) ** 2)
        pl_nlos_p = 13.54 + 39.08 * log_d3 + 20.0 * log_f - 0.6 * (hu - 1.5)
    pl_los = np.where(d <= d_bp, pl1, pl2)
    pl_nlos = np.maximum(pl_los, pl_nlos_p)
    sf_los = SHADOW_FADING_STD_DB[(scenario, True)]
    sf_nlos = SHADOW_FADING_STD_DB[(scenario, False)]

    if mode == "probabilistic":
        p_los = los_probability_umi(d) if scenario == "umi" else los_probability_uma(d, hu)
        if rng is None:
            # Average linear gain over the LoS state (no shadow fading).
            gain = p_los * 10.0 ** (-pl_los / 10.0) + (1.0 - p_los) * 10.0 ** (-pl_nlos / 10.0)
            with np.errstate(divide="ignore"):
                pl = -10.0 * np.log10(gain)
            check_no_overflow([pl], "h_bs")
            return _out(pl)
        gen = as_generator(rng)
        shape = np.broadcast_shapes(pl_los.shape, np.shape(p_los))
        state = gen.random(shape) < p_los
    else:
        gen = as_generator(rng) if rng is not None else None
    pl = np.where(state, pl_los, pl_nlos)
    if gen is not None:
        sigma = np.where(state, sf_los, sf_nlos)
        pl = pl + sigma * gen.standard_normal(np.shape(pl))
    check_no_overflow([pl], "h_bs")
    return _out(pl)


_COMMON_PARAMS = r"""
    Parameters
    ----------
    d_2d : array_like
        2-D (ground) BS-UT distance :math:`d_{2D}` [m], in [10, 5000] (the table's range;
        shorter distances are **rejected**, not clipped: clip explicitly with
        ``np.maximum(d_2d, 10.0)`` if that is the intended model).
    frequency : array_like
        Carrier frequency :math:`f_c` [Hz], in [0.5e9, 100e9] (the TR 38.901 scope).
    los : bool, array_like of bool, or "probabilistic", optional
        Propagation condition. ``True`` (default): LoS; ``False``: NLoS; a boolean array
        selects per link. ``"probabilistic"``: without ``rng``, the path loss of the
        LoS-probability-averaged **linear** gain,
        :math:`-10\log_{10}(P_{LOS}10^{-PL_{LOS}/10} + (1-P_{LOS})10^{-PL_{NLOS}/10})`;
        with ``rng``, a LoS state drawn per link with probability :math:`P_{LOS}` (then shadow
        fading of that state).
    h_bs : array_like, optional
        BS antenna height [m], > 1 m (``h_E``). Default: the table's value for the scenario.
    h_ut : array_like, optional
        UT antenna height [m], in [1.5, 22.5]. Default 1.5 m.
    rng : numpy.random.Generator, int or None, optional
        If given, log-normal shadow fading :math:`\mathcal{N}(0,\sigma_{SF}^2)` [dB] is added
        (:data:`SHADOW_FADING_STD_DB`); if None (default) the median path loss is returned.

    Returns
    -------
    ndarray or float
        Path loss [dB] (positive), broadcast over ``d_2d``, ``frequency``, ``los``, ``h_bs``,
        ``h_ut``.

    Raises
    ------
    ValueError
        If an input is outside the ranges above or ``los`` is not boolean/"probabilistic".
"""


def tr38901_umi(d_2d, frequency, los=True, h_bs=10.0, h_ut=1.5, *, rng=None):
    r"""TR 38.901 UMi-Street Canyon path loss (Table 7.4.1-1) [dB].
    {params}
    Notes
    -----
    With :math:`d_{3D} = \sqrt{d_{2D}^2 + (h_{BS}-h_{UT})^2}`, :math:`f_c` in GHz in the
    formulas and :math:`d'_{BP}` from :func:`breakpoint_distance` (:math:`h_E = 1` m):

    .. math::

       PL_{LOS} = \begin{cases} 32.4 + 21\log_{10}d_{3D} + 20\log_{10}f_c,
       & d_{2D} \le d'_{BP} \\
       32.4 + 40\log_{10}d_{3D} + 20\log_{10}f_c - 9.5\log_{10}\bigl(d'^2_{BP}
       + (h_{BS}-h_{UT})^2\bigr), & d_{2D} > d'_{BP}\end{cases}

       PL_{NLOS} = \max\bigl(PL_{LOS},\ 35.3\log_{10}d_{3D} + 22.4 + 21.3\log_{10}f_c
       - 0.3(h_{UT}-1.5)\bigr)

    :math:`\sigma_{SF}` = 4 dB (LoS), 7.82 dB (NLoS). The defaults :math:`h_{BS} = 10` m and
    :math:`h_{UT} = 1.5` m are the table's values. The table's optional NLoS formula is not
    implemented.

    References
    ----------
    .. [1] 3GPP TR 38.901 V16.1.0/V17.0.0, Table 7.4.1-1.

    Examples
    --------
    >>> round(float(tr38901_umi(100.0, 5e9)), 4)          # ns-3 reference: 88.4122 dB
    88.4122
    >>> round(float(tr38901_umi(100.0, 5e9, los=False)), 4)
    107.9432
    """
    return _tr38901("umi", d_2d, frequency, los, h_bs, h_ut, rng)


def tr38901_uma(d_2d, frequency, los=True, h_bs=25.0, h_ut=1.5, *, rng=None):
    r"""TR 38.901 UMa path loss (Table 7.4.1-1) [dB].
    {params}
    Notes
    -----
    With :math:`d_{3D}`, :math:`f_c` [GHz] and :math:`d'_{BP}` as for :func:`tr38901_umi`:

    .. math::

       PL_{LOS} = \begin{cases} 28.0 + 22\log_{10}d_{3D} + 20\log_{10}f_c,
       & d_{2D} \le d'_{BP} \\
       28.0 + 40\log_{10}d_{3D} + 20\log_{10}f_c - 9\log_{10}\bigl(d'^2_{BP}
       + (h_{BS}-h_{UT})^2\bigr), & d_{2D} > d'_{BP}\end{cases}

       PL_{NLOS} = \max\bigl(PL_{LOS},\ 13.54 + 39.08\log_{10}d_{3D} + 20\log_{10}f_c
       - 0.6(h_{UT}-1.5)\bigr)

    :math:`\sigma_{SF}` = 4 dB (LoS), 6 dB (NLoS); defaults :math:`h_{BS} = 25` m,
    :math:`h_{UT} = 1.5` m from the table. The effective environment height is fixed at
    :math:`h_E = 1` m: this is exact for :math:`h_{UT} < 13` m; for :math:`13 \le h_{UT}` the
    standard draws :math:`h_E \in \{12, 15, \ldots, h_{UT}-1.5\}` with probability
    :math:`C(d_{2D},h_{UT})/(1+C)`, which is **not** modelled (deterministic simplification).

    References
    ----------
    .. [1] 3GPP TR 38.901 V16.1.0/V17.0.0, Table 7.4.1-1.

    Examples
    --------
    >>> round(float(tr38901_uma(1000.0, 5e9)), 4)         # ns-3 reference: 109.7252 dB
    109.7252
    >>> round(float(tr38901_uma(1000.0, 5e9, los=False)), 4)
    144.7641
    """
    return _tr38901("uma", d_2d, frequency, los, h_bs, h_ut, rng)


for _f in (tr38901_umi, tr38901_uma):
    if _f.__doc__:  # docstrings are stripped under python -OO
        _f.__doc__ = _f.__doc__.replace("{params}", _COMMON_PARAMS)
del _f
