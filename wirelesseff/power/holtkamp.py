r"""Parameterized base-station power model of Holtkamp, Auer, Giannini and Haas (2013).

The full-load supply power of one sector with :math:`D` radio chains, bandwidth :math:`W` and
total maximum transmit power :math:`P_\mathrm{max}` is

.. math::

    P_1 = \frac{P_\mathrm{BB} + P_\mathrm{RF} + P_\mathrm{PA}}
               {(1-\sigma_\mathrm{DC})(1-\sigma_\mathrm{MS})(1-\sigma_\mathrm{cool})},
    \qquad
    P_\mathrm{PA} = \frac{P_\mathrm{max}}
                         {\eta_\mathrm{PA}(P_\mathrm{max}/D)\,(1-\sigma_\mathrm{feed})},

    P_\mathrm{BB} = D\,\frac{W}{10\,\mathrm{MHz}}\,P'_\mathrm{BB}, \qquad
    P_\mathrm{RF} = D\,\frac{W}{10\,\mathrm{MHz}}\,P'_\mathrm{RF},

with the PA-efficiency law :func:`~wirelesseff.power.components.holtkamp_pa_efficiency`
evaluated at the per-chain maximum output :math:`P_\mathrm{max}/D`.

[V] (verify before relying on it.) The paper's text was not available to this implementation.

* Constants: :math:`P'_\mathrm{BB}` = 29.4 W, :math:`P'_\mathrm{RF}` = 12.9 W,
  :math:`\sigma_\mathrm{feed}` = 0.5, :math:`\sigma_\mathrm{DC}` = 0.075,
  :math:`\sigma_\mathrm{MS}` = 0.075 (the EARTH tables list 0.09), :math:`\sigma_\mathrm{cool}`
  = 0.10, :math:`\eta_\mathrm{max}` = 0.36, :math:`\gamma` = 0.15, :math:`P_\mathrm{PA,limit}`
  = 80 W, 3 sectors, 40 W are those quoted for the macro preset and agree with the ``Macro``
  constants of an independent public re-implementation (apw804/EnergyModels,
  ``KISS/Holtkamp_Energy_Model.py``).
* Formula: **unverified**. The re-implementation's comments confirm only the constants; its
  code (version consulted) is no confirmation of the formula: it does evaluate
  :math:`\eta_\mathrm{PA}` at :math:`P_\mathrm{max}/D`, but its PA term
  :math:`(P_\mathrm{max}/D)\,\eta_\mathrm{PA}(1-\sigma_\mathrm{feed})` multiplies where the
  model above divides, its bandwidth scale is :math:`W/10` kHz, and its stored macro
  :math:`P_1` = 460.4 W is reproduced neither by this implementation nor by the variant below.
  In particular, evaluating :math:`\eta_\mathrm{PA}` at the per-chain :math:`P_\mathrm{max}/D`
  (the reading implemented here) is unverified: with it a 2-chain, 10 MHz, 40 W macro sector
  draws 522.1 W at full load, about 16 % above the EARTH macro figure (1344 W / 3 sectors =
  448 W); evaluating it at :math:`P_\mathrm{max}` would give 449.3 W.

Treat absolute values as indicative until checked against the paper.

References
----------
.. [1] H. Holtkamp, G. Auer, V. Giannini, H. Haas, "A parameterized base station power
   model", IEEE Commun. Lett. 17(11):2033-2035, 2013, doi:10.1109/LCOMM.2013.091213.131042,
   arXiv:1411.1571.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._validation import (
    check_in_range,
    check_integer,
    check_no_overflow,
    check_nonnegative,
    check_positive,
    check_real_array,
    renamed_parameters,
)
from .components import holtkamp_pa_efficiency

__all__ = [
    "HoltkampParams",
    "holtkamp_macro",
    "holtkamp_sector_breakdown",
    "holtkamp_sector_power",
    "holtkamp_site_power",
]


@dataclass(frozen=True)
class HoltkampParams:
    r"""Parameters of the Holtkamp et al. (2013) base-station model.

    Attributes
    ----------
    p_bb_prime : float
        Baseband power per radio chain per 10 MHz :math:`P'_\mathrm{BB}` [W].
    p_rf_prime : float
        RF power per radio chain per 10 MHz :math:`P'_\mathrm{RF}` [W].
    sigma_feed, sigma_dc, sigma_ms, sigma_cool : float
        Loss fractions of the feeder, DC-DC conversion, mains supply and cooling, in [0, 1).
    m_sec : int
        Number of sectors :math:`M_\mathrm{sec}`.
    p_max : float
        Maximum transmit power per sector :math:`P_\mathrm{max}` [W].
    n_chains : int
        Radio chains (antennas) per sector :math:`D`.
    bandwidth : float
        Bandwidth :math:`W` [Hz].
    eta_max, gamma, p_limit : float
        PA-efficiency law of :func:`holtkamp_pa_efficiency` (0.36, 0.15, 80 W).

    Examples
    --------
    >>> p = holtkamp_macro()
    >>> round(float(p.total()), 1)                  # holtkamp_sector_power(params=p)
    522.1
    >>> round(float(sum(p.breakdown().values())), 1)
    522.1
    """

    p_bb_prime: float = 29.4
    p_rf_prime: float = 12.9
    sigma_feed: float = 0.5
    sigma_dc: float = 0.075
    sigma_ms: float = 0.075
    sigma_cool: float = 0.10
    m_sec: int = 3
    p_max: float = 40.0
    n_chains: int = 2
    bandwidth: float = 10e6
    eta_max: float = 0.36
    gamma: float = 0.15
    p_limit: float = 80.0

    def __post_init__(self):
        check_nonnegative(p_bb_prime=self.p_bb_prime, p_rf_prime=self.p_rf_prime)
        for name in ("sigma_feed", "sigma_dc", "sigma_ms", "sigma_cool"):
            check_in_range(name, getattr(self, name), 0.0, 1.0, high_open=True)
        check_integer("m_sec", self.m_sec, low=1)
        check_integer("n_chains", self.n_chains, low=1)
        check_positive(p_max=self.p_max, bandwidth=self.bandwidth, p_limit=self.p_limit)
        check_in_range("eta_max", self.eta_max, 0.0, 1.0, low_open=True)
        check_nonnegative(gamma=self.gamma)

    def total(self, p_max=None, n_chains=None, bandwidth=None):
        """Full-load sector power [W]: :func:`holtkamp_sector_power` with these parameters.

        ``p_max``, ``n_chains`` and ``bandwidth`` default to the fields of ``self``.
        """
        return holtkamp_sector_power(p_max, n_chains, bandwidth, params=self)

    def breakdown(self, p_max=None, n_chains=None, bandwidth=None) -> dict:
        """Terms ``bb``, ``rf``, ``pa``, ``losses`` [W] of :meth:`total`
        (:func:`holtkamp_sector_breakdown` with these parameters)."""
        return holtkamp_sector_breakdown(p_max, n_chains, bandwidth, params=self)


def holtkamp_macro() -> HoltkampParams:
    r"""Macro base-station preset of Holtkamp et al. (2013) [V: verify before relying on it].

    :math:`P'_\mathrm{BB}` = 29.4 W and :math:`P'_\mathrm{RF}` = 12.9 W per chain per 10 MHz;
    :math:`\sigma_\mathrm{feed}` = 0.5, :math:`\sigma_\mathrm{DC}` = 0.075,
    :math:`\sigma_\mathrm{MS}` = 0.075 (some tables give 0.09), :math:`\sigma_\mathrm{cool}` =
    0.10; :math:`M_\mathrm{sec}` = 3 sectors, :math:`P_\mathrm{max}` = 40 W per sector,
    :math:`D` = 2 chains, :math:`W` = 10 MHz; PA law :math:`\eta_\mathrm{max}` = 0.36,
    :math:`\gamma` = 0.15, :math:`P_\mathrm{PA,limit}` = 80 W. The constants agree with an
    independent re-implementation (apw804/EnergyModels); the paper itself was not available
    and the model formula is unverified (module notes).

    Examples
    --------
    >>> p = holtkamp_macro()
    >>> (p.p_bb_prime, p.p_rf_prime, p.m_sec, p.p_max)
    (29.4, 12.9, 3, 40.0)
    """
    return HoltkampParams()


def _params(params) -> HoltkampParams:
    params = holtkamp_macro() if params is None else params
    if not isinstance(params, HoltkampParams):
        raise TypeError(f"params must be a HoltkampParams (e.g. holtkamp_macro()), got "
                        f"{type(params).__name__}")
    return params


def _terms(p_max, n_chains, bandwidth, params):
    params = _params(params)
    p_max = params.p_max if p_max is None else p_max
    n_chains = params.n_chains if n_chains is None else n_chains
    bandwidth = params.bandwidth if bandwidth is None else bandwidth
    check_positive(p_max=p_max, bandwidth=bandwidth)
    n_chains = check_real_array("n_chains", n_chains, 1.0)
    p_max, bandwidth = np.asarray(p_max, dtype=float), np.asarray(bandwidth, dtype=float)
    names = "p_max, n_chains, bandwidth, params"
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        scale = n_chains * bandwidth / 10e6
        p_bb = scale * params.p_bb_prime
        p_rf = scale * params.p_rf_prime
        per_chain = p_max / n_chains
    check_no_overflow([p_bb, p_rf], names)
    with renamed_parameters(p_out_max="p_max/n_chains"):
        eta = holtkamp_pa_efficiency(per_chain, p_limit=params.p_limit,
                                     eta_max=params.eta_max, gamma=params.gamma)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        p_pa = p_max / (np.asarray(eta) * (1.0 - params.sigma_feed))
    # NaN where the efficiency law is not positive (documented); inf is an overflow
    check_no_overflow([p_pa], names, allow_nan=True)
    loss = (1.0 - params.sigma_dc) * (1.0 - params.sigma_ms) * (1.0 - params.sigma_cool)
    return p_bb, p_rf, p_pa, loss, params


def holtkamp_sector_power(p_max=None, n_chains=None, bandwidth=None, *, params=None):
    r"""Full-load supply power of one sector, :math:`P_1` [W] (Holtkamp et al. 2013).

    Parameters
    ----------
    p_max : array_like, optional
        Maximum transmit power of the sector :math:`P_\mathrm{max}` [W]; default from
        ``params`` (40 W).
    n_chains : array_like, optional
        Radio chains :math:`D \ge 1`; default from ``params`` (2).
    bandwidth : array_like, optional
        Bandwidth :math:`W` [Hz]; default from ``params`` (10 MHz).
    params : HoltkampParams, optional
        Model parameters; default :func:`holtkamp_macro`.

    Returns
    -------
    ndarray or float
        :math:`P_1` [W] (formula in the module docstring), broadcast over the inputs; NaN where
        the PA-efficiency law is not positive (per-chain output below about 0.79 W).

    Notes
    -----
    [V] The formula, in particular the PA term :math:`P_\mathrm{max}/(\eta_\mathrm{PA}
    (P_\mathrm{max}/D)(1-\sigma_\mathrm{feed}))` with the efficiency at the per-chain maximum
    output, is **unverified**: the paper was not available, and the public re-implementation
    consulted confirms only the constants (module notes). Evaluating the efficiency at
    :math:`P_\mathrm{max}` would give 449.3 W instead of 522.1 W for the macro preset.

    Examples
    --------
    >>> round(float(holtkamp_sector_power()), 1)   # (58.8 + 25.8 + 40/(0.252*0.5)) / 0.77006
    522.1
    """
    p_bb, p_rf, p_pa, loss, _ = _terms(p_max, n_chains, bandwidth, params)
    with np.errstate(over="ignore"):
        out = np.asarray((p_bb + p_rf + p_pa) / loss, dtype=float)
    check_no_overflow([out], "p_max, n_chains, bandwidth, params", allow_nan=True)
    return out[()]


def holtkamp_sector_breakdown(p_max=None, n_chains=None, bandwidth=None, *, params=None) -> dict:
    r"""Terms of :func:`holtkamp_sector_power` [W]: ``bb``, ``rf``, ``pa`` and ``losses``.

    ``losses`` is the DC-DC, mains-supply and cooling overhead; the four terms sum to
    :math:`P_1`. [V] Same unverified formula as :func:`holtkamp_sector_power` (the ``pa`` term
    uses the PA efficiency at :math:`P_\mathrm{max}/D`).

    Examples
    --------
    >>> terms = holtkamp_sector_breakdown()
    >>> round(float(terms["bb"]), 1), round(float(terms["rf"]), 1)
    (58.8, 25.8)
    """
    p_bb, p_rf, p_pa, loss, _ = _terms(p_max, n_chains, bandwidth, params)
    with np.errstate(over="ignore", invalid="ignore"):
        load = p_bb + p_rf + p_pa
        extra = load / loss - load
    check_no_overflow([load, extra], "p_max, n_chains, bandwidth, params", allow_nan=True)
    return {"bb": np.asarray(p_bb)[()], "rf": np.asarray(p_rf)[()], "pa": np.asarray(p_pa)[()],
            "losses": np.asarray(extra)[()]}


def holtkamp_site_power(p_max=None, n_chains=None, bandwidth=None, *, params=None):
    r"""Full-load supply power of a site, :math:`M_\mathrm{sec} P_1` [W].

    [V] Built on the unverified sector formula of :func:`holtkamp_sector_power`.

    Examples
    --------
    >>> round(float(holtkamp_site_power()), 1)
    1566.3
    """
    params = _params(params)
    p1 = holtkamp_sector_power(p_max, n_chains, bandwidth, params=params)
    with np.errstate(over="ignore"):
        out = params.m_sec * np.asarray(p1, dtype=float)
    check_no_overflow([out], "p_max, n_chains, bandwidth, params", allow_nan=True)
    return out[()]
