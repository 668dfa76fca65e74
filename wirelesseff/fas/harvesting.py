r"""RF energy-harvesting (EH) models: RF input power [W] → DC output power [W].

Two models are provided:

* :class:`LinearEH` — constant RF-to-DC efficiency :math:`\eta`.
* :class:`LogisticEH` — the logistic (sigmoid) model of Boshkovska et al. [1]_, which captures
  the turn-on threshold and the saturation of practical rectifiers.

Both are frozen dataclasses with vectorised ``harvest``, ``inverse`` and ``derivative`` methods
(broadcasting over numpy arrays, scalar in → scalar out).

References
----------
.. [1] E. Boshkovska, D. W. K. Ng, N. Zlatanov, R. Schober, "Practical Non-Linear Energy
   Harvesting Model and Resource Allocation for SWIPT Systems", IEEE Commun. Lett.
   19(12):2082-2085, 2015, doi:10.1109/LCOMM.2015.2478460, arXiv:1509.02956.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.special import expit

from .._validation import check_nonnegative
from ._checks import flag, real_scalar

__all__ = [
    "DEFAULT_EH_EFFICIENCY",
    "LinearEH",
    "LogisticEH",
    "boshkovska2015",
    "default_eh_model",
    "logistic_alt",
]

#: RF-to-DC efficiency :math:`\eta` of the default (linear) harvester: 0.5, a reconstruction
#: default of the fluid-antenna module (docs/fas.md, "Defaults"; the value of Zhang et al.,
#: arXiv:2503.04147, is unknown). The single source of the default EH model.
DEFAULT_EH_EFFICIENCY = 0.5


@dataclass(frozen=True)
class LinearEH:
    r"""Linear energy harvester :math:`\Phi(x) = \eta x`.

    Parameters
    ----------
    efficiency : float, optional
        RF-to-DC conversion efficiency :math:`\eta \in (0, 1]` [-]. Default
        :data:`DEFAULT_EH_EFFICIENCY` = 0.5 (reconstruction default, docs/fas.md, "Defaults").

    Examples
    --------
    >>> eh = LinearEH(0.5)
    >>> float(eh.harvest(0.02)), float(eh.inverse(0.01))
    (0.01, 0.02)
    """

    efficiency: float = DEFAULT_EH_EFFICIENCY

    def __post_init__(self):
        object.__setattr__(self, "efficiency", real_scalar("efficiency", self.efficiency, 0.0,
                                                           1.0, low_open=True))

    @property
    def saturation(self) -> float:
        """Maximum DC output power [W] (``inf`` for the linear model)."""
        return np.inf

    @property
    def is_linear(self) -> bool:
        """True: :math:`\\Phi` is linear (the optimisers use the direct SDP)."""
        return True

    def harvest(self, p_in):
        """DC output power :math:`\\eta\\,p_\\mathrm{in}` [W] for RF input ``p_in`` [W] (≥ 0)."""
        p_in = np.asarray(p_in, dtype=float)
        check_nonnegative(p_in=p_in)
        return (self.efficiency * p_in)[()]

    def inverse(self, p_dc):
        """RF input power [W] needed for DC output ``p_dc`` [W] (≥ 0)."""
        p_dc = np.asarray(p_dc, dtype=float)
        check_nonnegative(p_dc=p_dc)
        return (p_dc / self.efficiency)[()]

    def derivative(self, p_in):
        """:math:`\\Phi'(p_\\mathrm{in}) = \\eta` [-]."""
        check_nonnegative(p_in=p_in)
        return np.broadcast_to(np.float64(self.efficiency), np.shape(p_in)).copy()[()]


@dataclass(frozen=True)
class LogisticEH:
    r"""Logistic (non-linear) energy harvester of Boshkovska et al. (IEEE Commun. Lett. 2015).

    The sigmoid model of [1]_, fitted to measured rectifiers.

    Parameters
    ----------
    a : float
        Steepness :math:`a > 0` [1/W].
    b : float
        Turn-on (inflection) input power :math:`b \ge 0` [W].
    m_sat : float
        Saturation output power :math:`M > 0` [W].
    name : str, optional
        Label of a preset (metadata, not compared).
    source_verified : bool, optional
        False for a preset whose primary source could not be traced (metadata).

    Notes
    -----
    [1]_, eqs. (4)-(5):

    .. math::
        \Psi(x) = \frac{M}{1 + e^{-a(x-b)}},\qquad \Omega = \frac{1}{1+e^{ab}},\qquad
        \Phi(x) = \frac{\Psi(x) - M\Omega}{1-\Omega},

    so :math:`\Phi(0) = 0`, :math:`\Phi(\infty) = M`, increasing, convex below :math:`b` and
    concave above it (inflection exactly at :math:`b`): neither convex nor concave. The inverse
    is :math:`\Phi^{-1}(e) = b + \operatorname{logit}(\beta'/M)/a` with
    :math:`\beta' = e(1-\Omega) + M\Omega`, finite for :math:`0 \le e < M` and :math:`+\infty`
    for :math:`e \ge M`.

    References
    ----------
    .. [1] E. Boshkovska, D. W. K. Ng, N. Zlatanov, R. Schober, IEEE Commun. Lett. 19(12), 2015,
       doi:10.1109/LCOMM.2015.2478460.

    Examples
    --------
    >>> eh = LogisticEH(a=150.0, b=0.014, m_sat=0.024)
    >>> float(eh.harvest(0.0))
    0.0
    >>> round(float(eh.harvest(0.014)) * 1e3, 4)  # at the inflection point [mW]
    10.5305
    >>> round(float(eh.inverse(eh.harvest(0.02))), 12)
    0.02
    """

    a: float
    b: float
    m_sat: float
    name: str = field(default="", compare=False)
    source_verified: bool = field(default=True, compare=False)

    def __post_init__(self):
        for name in ("a", "b", "m_sat"):
            object.__setattr__(self, name, real_scalar(name, getattr(self, name), 0.0, None,
                                                       low_open=name != "b"))
        if not isinstance(self.name, str):
            raise TypeError(f"name must be a str, got {self.name!r}")
        flag("source_verified", self.source_verified)

    @property
    def omega(self) -> float:
        r""":math:`\Omega = 1/(1+e^{ab})` [-]."""
        return float(expit(-self.a * self.b))

    @property
    def saturation(self) -> float:
        """Maximum DC output power :math:`M` [W]."""
        return float(self.m_sat)

    @property
    def is_linear(self) -> bool:
        """False: the optimisers reparametrise by transmit power."""
        return False

    def harvest(self, p_in):
        r"""DC output power :math:`\Phi(p_\mathrm{in})` [W] for RF input ``p_in`` [W] (≥ 0)."""
        p_in = np.asarray(p_in, dtype=float)
        check_nonnegative(p_in=p_in)
        om = self.omega
        psi = self.m_sat * expit(self.a * (p_in - self.b))
        return ((psi - self.m_sat * om) / (1.0 - om))[()]

    def inverse(self, p_dc):
        r"""RF input power [W] with :math:`\Phi(p) = ` ``p_dc``; ``inf`` for ``p_dc >= m_sat``.

        Raises
        ------
        ValueError
            If ``p_dc < 0``.
        """
        e = np.asarray(p_dc, dtype=float)
        check_nonnegative(p_dc=e)
        om = self.omega
        # logit(beta'/M) with 1 - beta'/M = (M - e)(1 - Omega)/M evaluated without cancellation
        beta = e * (1.0 - om) + self.m_sat * om
        with np.errstate(divide="ignore", invalid="ignore"):
            x = self.b + (np.log(beta) - np.log((self.m_sat - e) * (1.0 - om))) / self.a
        x = np.where(e >= self.m_sat, np.inf, np.maximum(x, 0.0))
        return x[()]

    def derivative(self, p_in):
        r"""Slope :math:`\Phi'(p_\mathrm{in}) = aM\sigma(1-\sigma)/(1-\Omega)` [-].

        Here :math:`\sigma = \mathrm{expit}(a(p_\mathrm{in}-b))`.
        """
        p_in = np.asarray(p_in, dtype=float)
        check_nonnegative(p_in=p_in)
        s = expit(self.a * (p_in - self.b))
        return (self.a * self.m_sat * s * (1.0 - s) / (1.0 - self.omega))[()]


#: Logistic EH fitted to a measured rectifier by Boshkovska et al. (IEEE Commun. Lett. 2015,
#: Sec. II): :math:`a = 150` 1/W, :math:`b = 0.014` W, :math:`M = 24` mW. The paper text could
#: not be retrieved to re-verify these values (docs/fas.md, "EH models").
boshkovska2015 = LogisticEH(a=150.0, b=0.014, m_sat=0.024, name="boshkovska2015")

#: Logistic EH with :math:`a = 6400` 1/W, :math:`b = 0.003` W, :math:`M = 20` mW, used with this
#: form in open-source SWIPT example code; the primary source is untraced
#: (``source_verified=False``).
logistic_alt = LogisticEH(
    a=6400.0, b=0.003, m_sat=0.02, name="logistic_alt", source_verified=False
)


def default_eh_model() -> LinearEH:
    r"""The energy-harvesting model used when an optimiser gets ``eh_model=None``.

    Returns
    -------
    LinearEH
        :math:`\Phi(x) = \eta x` with :math:`\eta` = :data:`DEFAULT_EH_EFFICIENCY` = 0.5
        (reconstruction default, docs/fas.md, "Defaults").

    Examples
    --------
    >>> default_eh_model()
    LinearEH(efficiency=0.5)
    """
    return LinearEH(DEFAULT_EH_EFFICIENCY)


def resolve_eh(eh_model):
    """``eh_model``, or the default model for None; TypeError without ``harvest``."""
    eh = default_eh_model() if eh_model is None else eh_model
    if not hasattr(eh, "harvest"):
        raise TypeError(f"eh_model must have a harvest(p_in) method, got {type(eh).__name__}")
    return eh
