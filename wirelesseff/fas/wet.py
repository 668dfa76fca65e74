r"""Variant A: WET efficiency of a transmit-side fluid antenna serving one DR and one ER.

*Reconstruction* (docs/fas.md, "Variant A") of the system of Zhang et al. [Z25]_, whose full
text is not available: a base station with :math:`M` active fluid-antenna ports sends one
information beam :math:`w` (optionally plus an energy covariance :math:`W_E`) to a data
receiver (DR, channel :math:`h_D`) and an energy receiver (ER, channel :math:`h_E`). With
:math:`y = h^H x + n`:

.. math::
    \mathrm{SINR}_D = \frac{|h_D^H w|^2}{h_D^H W_E h_D\,[\text{interfering}] + \sigma^2},\qquad
    P_\mathrm{in} = |h_E^H w|^2 + h_E^H W_E h_E,

    P_\mathrm{tot} = (\|w\|^2 + \mathrm{tr}\,W_E)/\xi + P_c,\qquad
    \eta_\mathrm{WET} = \frac{(T-\tau)\,\Phi(P_\mathrm{in})}{(T-\tau)P_\mathrm{tot} + E_\mathrm{sw}}
    \;[\mathrm{J/J}],

with :math:`\Phi` the EH model, :math:`\xi` the PA efficiency, :math:`P_c` the circuit power,
:math:`T` the frame length and :math:`(\tau, E_\mathrm{sw})` the switching delay and energy of
the frame (:math:`\eta_\mathrm{WET} = 0` if :math:`\tau \ge T`).

References
----------
.. [Z25] L. Zhang, Y. Zhao, H. Yang, G. Liang, J. Hu, "Energy-Efficient Port Selection and
   Beamforming Design for Integrated Data and Energy Transfer Assisted by Fluid Antennas",
   arXiv:2503.04147, 2025 (abstract only; the model here is a reconstruction).
.. [D67] W. Dinkelbach, "On Nonlinear Fractional Programming", Management Science 13(7):492-498,
   1967, doi:10.1287/mnsc.13.7.492.
.. [HP10] Y. Huang, D. P. Palomar, "Rank-Constrained Separable Semidefinite Programming With
   Applications to Optimal Beamforming", IEEE Trans. Signal Process. 58(2):664-678, 2010,
   doi:10.1109/TSP.2009.2031732.
.. [L10] Z.-Q. Luo, W.-K. Ma, A. M.-C. So, Y. Ye, S. Zhang, "Semidefinite Relaxation of
   Quadratic Optimization Problems", IEEE Signal Process. Mag. 27(3):20-34, 2010,
   doi:10.1109/MSP.2010.936019.
.. [M15] O. Mehanna, K. Huang, B. Gopalakrishnan, A. Konar, N. D. Sidiropoulos, "Feasible Point
   Pursuit and Successive Approximation of Non-Convex QCQPs", IEEE Signal Process. Lett.
   22(7):804-808, 2015, doi:10.1109/LSP.2014.2370033.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import cvxpy as cp
import numpy as np

from .._validation import (
    as_generator,
    check_choice,
    check_finite,
    check_in_range,
    check_integer,
    check_nonnegative,
    check_positive,
)
from ..optimize import (
    ParametricProblem,
    ProblemCache,
    SolveResult,
    dinkelbach,
    gaussian_randomization,
    golden_section_max,
    precise_scs,
    project_psd,
)
from ..power import fas_reconstruction_defaults
from ._checks import check_no_overflow, complex_array, real_scalar, verified_status
from .harvesting import LinearEH, LogisticEH, resolve_eh
from .switching import SwitchEvent

__all__ = [
    "WetResult",
    "default_power_model",
    "wet_efficiency",
    "max_harvested_power",
    "pareto_beamformer",
    "optimize_wet_efficiency",
    "DEFAULT_PA_EFFICIENCY",
    "DEFAULT_STATIC_POWER",
    "DEFAULT_RF_CHAIN_POWER",
    "DEFAULT_FRAME_S",
]

_DEFAULT_PM = fas_reconstruction_defaults()  # the single source of the power preset
#: PA efficiency :math:`\xi` = 0.35 (reconstruction default, docs/fas.md, "Defaults"; read from
#: :func:`wirelesseff.power.fas_reconstruction_defaults`).
DEFAULT_PA_EFFICIENCY = _DEFAULT_PM.pa_efficiency
#: Static power :math:`P_\mathrm{static}` = 0.03 W (reconstruction default, same source).
DEFAULT_STATIC_POWER = _DEFAULT_PM.static_power
#: Power per active port / RF chain :math:`P_\mathrm{RF}` = 0.01 W (reconstruction default,
#: same source).
DEFAULT_RF_CHAIN_POWER = _DEFAULT_PM.per_chain_power
#: Frame length :math:`T` [s]: the 10 ms NR radio frame (3GPP TS 38.211 §4.3.1).
DEFAULT_FRAME_S = 0.01

_RANK_ONE_TOL = 1e-6
#: Upper bound on the active ports :math:`M` of :func:`optimize_wet_efficiency` (an M x M SDP).
MAX_BEAM_PORTS = 256
#: Upper bound on ``max_iter`` (Dinkelbach iterations) of :func:`optimize_wet_efficiency`.
MAX_ITERATIONS = 10_000
#: Upper bound on ``n_randomizations`` of :func:`optimize_wet_efficiency`.
MAX_RANDOMIZATIONS = 100_000
# SINR bound c_min = gamma sigma^2/(q |h_D|^2) above which the inner SDP is treated as
# degenerate and its exact optimum is used instead of a solver. At c_min = 1 only
# W = q u_D u_D^H is feasible (no strictly feasible point); as 1 - c_min approaches the
# solvers' feasibility tolerances Clarabel fails and SCS returns slightly indefinite covariances
# that violate the power budget or the SINR bound (observed from 1 - c_min ~ 1e-6 on, M = 4, 8).
_DEGENERATE_CMIN = 1.0 - 1e-6
# Relative tolerance of the final feasibility check of a returned beam (SINR and power budget).
_FEAS_TOL = 1e-6
_RHO_SLACK = 1e3  # FPP-SCA slack penalty (docs/fas.md, "optimize_wet_efficiency")
_SCA_TOL = 1e-5
_SCA_MAX_ITER = 30
_Q_GRID = 65


# --------------------------------------------------------------------------------------------
# power model
# --------------------------------------------------------------------------------------------
def default_power_model():
    r"""Affine BS power model with the fluid-antenna reconstruction defaults.

    Returns
    -------
    wirelesseff.power.AffinePowerModel
        :func:`wirelesseff.power.fas_reconstruction_defaults`: :math:`\xi = 0.35`,
        :math:`P_\mathrm{static} = 0.03` W, :math:`P_\mathrm{RF} = 0.01` W per active port, so
        :math:`P_c = 0.05` W at :math:`M = 2` (*reconstruction default*, docs/fas.md,
        "Defaults"; the values of [Z25]_ are unknown).

    Examples
    --------
    >>> pm = default_power_model()
    >>> pm.pa_efficiency, round(float(pm.circuit_power(2)), 12)
    (0.35, 0.05)
    """
    return fas_reconstruction_defaults()


def _power_params(power_model, n_active):
    """(xi, P_c) of a power model with ``pa_efficiency`` and ``circuit_power(n_rf)``."""
    pm = _DEFAULT_PM if power_model is None else power_model
    if not (hasattr(pm, "pa_efficiency") and hasattr(pm, "circuit_power")):
        raise TypeError(
            "power_model must have a pa_efficiency attribute and a circuit_power(n_rf) method, "
            f"got {type(pm).__name__}"
        )
    xi = real_scalar("power_model.pa_efficiency", pm.pa_efficiency, 0.0, 1.0, low_open=True)
    pc = real_scalar("power_model.circuit_power", pm.circuit_power(n_active), 0.0, None)
    return xi, pc


@dataclass(frozen=True)
class _FrameParams:
    """Validated scalar data of one Variant-A frame, in physical units.

    ``p_max`` [W], ``gamma`` (linear SINR target), ``sigma2`` [W], ``xi`` (PA efficiency),
    ``pc`` (circuit power [W] of the active ports), ``eh`` (EH model), ``T`` (frame [s]),
    ``tau`` / ``esw`` (switching delay [s] and energy [J] paid in the frame).
    """

    p_max: float
    gamma: float
    sigma2: float
    xi: float
    pc: float
    eh: object
    T: float
    tau: float = 0.0
    esw: float = 0.0

    def with_switch(self, delay_s, energy_j):
        """The same frame paying a switching delay and energy."""
        return replace(self, tau=delay_s, esw=energy_j)


@dataclass(frozen=True)
class _Link:
    """Per-frame link of Variant A whose circuit power depends on the number of active ports.

    ``frame(n_active)`` returns the :class:`_FrameParams` (power-model lookups cached).
    """

    p_max: float
    gamma: float
    sigma2: float
    power_model: object
    eh: object
    T: float
    _pc_cache: dict = field(default_factory=dict, compare=False, repr=False)

    def xi_pc(self, n_active):
        """(xi, P_c) of ``n_active`` ports (cached)."""
        out = self._pc_cache.get(n_active)
        if out is None:
            out = self._pc_cache[n_active] = _power_params(self.power_model, n_active)
        return out

    def frame(self, n_active, delay_s=0.0, energy_j=0.0):
        """:class:`_FrameParams` of a frame with ``n_active`` ports and a switching cost."""
        xi, pc = self.xi_pc(n_active)
        return _FrameParams(self.p_max, self.gamma, self.sigma2, xi, pc, self.eh, self.T,
                            delay_s, energy_j)


def _is_linear(eh):
    return bool(getattr(eh, "is_linear", False))


def _fast_harvest(eh):
    """Scalar harvest function without input validation (inner loops of the optimisers)."""
    if isinstance(eh, LinearEH):
        eta = float(eh.efficiency)
        return lambda x: eta * x
    if isinstance(eh, LogisticEH):
        a, b, m, om = float(eh.a), float(eh.b), float(eh.m_sat), eh.omega

        def phi(x):
            z = -a * (x - b)
            psi = m / (1.0 + math.exp(z)) if z < 700.0 else 0.0
            return (psi - m * om) / (1.0 - om)

        return phi
    return lambda x: float(eh.harvest(x))


# --------------------------------------------------------------------------------------------
# metric and closed forms
# --------------------------------------------------------------------------------------------
def wet_efficiency(p_harvested, p_total, frame_s=DEFAULT_FRAME_S, delay_s=0.0, switch_energy_j=0.0):
    r"""Short-term WET efficiency with switching costs (harvested / consumed energy).

    Parameters
    ----------
    p_harvested : array_like
        Harvested DC power :math:`\Phi(P_\mathrm{in})` [W] (finite, ≥ 0; all inputs
        broadcast).
    p_total : array_like
        Consumed power while transmitting :math:`P_\mathrm{tot}` [W] (> 0).
    frame_s : array_like, optional
        Frame length :math:`T` [s] (default 10 ms, 3GPP TS 38.211 §4.3.1).
    delay_s : array_like, optional
        Switching delay :math:`\tau` [s] (no transmission meanwhile).
    switch_energy_j : array_like, optional
        Switching energy :math:`E_\mathrm{sw}` [J].

    Returns
    -------
    ndarray or float
        :math:`\eta_\mathrm{WET} = (T-\tau)\Phi/[(T-\tau)P_\mathrm{tot} + E_\mathrm{sw}]` [J/J];
        0 where :math:`\tau \ge T` (*reconstruction*, docs/fas.md, "System model").

    Examples
    --------
    >>> float(wet_efficiency(0.01, 2.0))
    0.005
    >>> round(float(wet_efficiency(0.01, 2.0, 0.01, 0.001, 0.002)), 6)  # 9e-5 J / 0.02 J
    0.0045
    >>> float(wet_efficiency(0.01, 2.0, 0.01, 0.02))
    0.0
    """
    named = {"p_harvested": p_harvested, "p_total": p_total, "frame_s": frame_s,
             "delay_s": delay_s, "switch_energy_j": switch_energy_j}
    arrays = {k: check_in_range(k, v).astype(float) for k, v in named.items()}
    check_finite(**arrays)
    try:
        ph, pt, t, tau, e = np.broadcast_arrays(*arrays.values())
    except ValueError as exc:
        shapes = ", ".join(f"{k} {v.shape}" for k, v in arrays.items())
        raise ValueError(f"p_harvested, p_total, frame_s, delay_s, switch_energy_j must "
                         f"broadcast, got {shapes}") from exc
    check_nonnegative(p_harvested=ph, delay_s=tau, switch_energy_j=e)
    check_positive(p_total=pt, frame_s=t)
    return _efficiency(ph, pt, t, tau, e)


def _efficiency(ph, pt, t, tau, e):
    """Unchecked core of :func:`wet_efficiency` (inner loops of the optimisers)."""
    t_eff = np.maximum(t - tau, 0.0)
    den = t_eff * pt + e
    with np.errstate(invalid="ignore", divide="ignore"):
        eta = np.where(t_eff > 0, t_eff * ph / np.where(den > 0, den, 1.0), 0.0)
    return eta[()]


def _herm(x):
    """Exactly Hermitian copy (cvxpy rejects rounding-level asymmetry in Hermitian parameters)."""
    x = 0.5 * (x + x.conj().T)
    np.fill_diagonal(x, x.diagonal().real)
    return x


def _geometry(h_d, h_e):
    """u_D, alpha = u_D^H h_E, r = h_E - alpha u_D, beta = ||r|| (batched)."""
    nd = np.linalg.norm(h_d, axis=-1)
    u = h_d / np.where(nd > 0, nd, 1.0)[..., None]
    alpha = np.sum(u.conj() * h_e, axis=-1)
    r = h_e - alpha[..., None] * u
    beta = np.linalg.norm(r, axis=-1)
    return nd, u, alpha, r, beta


def max_harvested_power(h_d, h_e, p_tx, sinr_min, noise_power):
    r"""Closed-form maximal ER input power under a DR SINR constraint (one DR + one ER).

    Solves :math:`\max_w |h_E^H w|^2` s.t. :math:`\|w\|^2 = q`, :math:`|h_D^H w|^2/\sigma^2 \ge
    \gamma` exactly (no energy beam).

    Parameters
    ----------
    h_d, h_e : array_like, shape (..., M)
        DR and ER channels (complex, finite; batch axes first).
    p_tx : array_like
        Transmit power :math:`q` [W] (finite, ≥ 0; broadcasts with the batch shape).
    sinr_min : array_like
        SNR target :math:`\gamma \ge 0` [-] (linear, finite).
    noise_power : array_like
        DR noise power :math:`\sigma^2 > 0` [W] (finite).

    Returns
    -------
    p_in_max : ndarray or float
        :math:`P_\mathrm{in}^\star` [W]; NaN where infeasible
        (:math:`q\|h_D\|^2/\sigma^2 < \gamma`).
    w_opt : ndarray, shape (..., M)
        Optimal beamformer (NaN where infeasible).

    Notes
    -----
    With :math:`u_D = h_D/\|h_D\|`, :math:`\alpha = u_D^H h_E`, :math:`r = h_E - \alpha u_D`,
    :math:`\beta = \|r\|` and :math:`c_\min = \gamma\sigma^2/(q\|h_D\|^2)`, every useful beam is
    :math:`w(\theta) = \sqrt q(\cos\theta\, e^{j\angle\alpha}u_D + \sin\theta\, r/\beta)` with
    :math:`|h_E^H w|^2 = q(|\alpha|\cos\theta + \beta\sin\theta)^2` and
    :math:`|h_D^H w|^2 = q\|h_D\|^2\cos^2\theta`. The unconstrained maximiser is
    :math:`\theta_0 = \operatorname{atan2}(\beta, |\alpha|)` (MRT to the ER); if
    :math:`\cos^2\theta_0 < c_\min` the SINR constraint is active and
    :math:`\theta^\star = \arccos\sqrt{c_\min}`:

    .. math:: P_\mathrm{in}^\star = q\,(|\alpha|\cos\theta^\star + \beta\sin\theta^\star)^2.

    (*Reconstruction* of the per-frame beamforming problem of [Z25]_, docs/fas.md,
    "Closed-form oracle"; the same two-user geometry underlies the rank-one result of
    [HP10]_.) Since :math:`P_\mathrm{in}^\star(q)/q` is non-decreasing in :math:`q`, with a
    linear EH the WET efficiency is maximised at full power.

    Examples
    --------
    Orthogonal channels: MRT to the ER gives the DR nothing, so the SINR constraint splits the
    power (:math:`c_\min = 0.5`):

    >>> p, w = max_harvested_power([1.0, 0.0], [0.0, 1.0], 1.0, 0.5, 1.0)
    >>> round(float(p), 12), np.round(np.abs(w) ** 2, 12)
    (0.5, array([0.5, 0.5]))
    >>> float(max_harvested_power([1.0, 0.0], [0.0, 1.0], 1.0, 0.0, 1.0)[0])  # MRT
    1.0
    """
    h_d, h_e = _channel_pair(h_d, h_e)
    if (h_d.ndim == 1 and h_e.ndim == 1 and isinstance(p_tx, float | int)
            and isinstance(sinr_min, float | int) and isinstance(noise_power, float | int)
            and 0 <= p_tx < math.inf and 0 <= sinr_min < math.inf
            and 0 < noise_power < math.inf):
        return _mhp_1d(h_d, h_e, float(p_tx), float(sinr_min), float(noise_power))
    q = check_in_range("p_tx", p_tx, 0.0, None).astype(float)
    gamma = check_in_range("sinr_min", sinr_min, 0.0, None).astype(float)
    s2 = check_in_range("noise_power", noise_power, 0.0, None, low_open=True).astype(float)
    check_finite(p_tx=q, sinr_min=gamma, noise_power=s2)
    _check_batch("p_tx, sinr_min, noise_power", h_d.shape[:-1], q.shape, gamma.shape, s2.shape)
    p_in, w = _mhp(h_d, h_e, q, gamma, s2)
    return p_in[()], w


def _channel_pair(h_d, h_e):
    """Validated finite complex channels sharing the last (port) axis."""
    h_d = complex_array("h_d", h_d)
    h_e = complex_array("h_e", h_e)
    if h_d.shape[-1:] != h_e.shape[-1:] or h_d.ndim == 0 or h_d.shape[-1] == 0:
        raise ValueError(f"h_d and h_e must share the last (port) axis, of length >= 1, got "
                         f"shapes {h_d.shape} and {h_e.shape}")
    try:
        np.broadcast_shapes(h_d.shape, h_e.shape)
    except ValueError as exc:
        raise ValueError(f"h_d and h_e must broadcast, got shapes {h_d.shape} and "
                         f"{h_e.shape}") from exc
    return h_d, h_e


def _check_batch(names, *shapes):
    """The batch shapes must broadcast (ValueError naming the parameters otherwise)."""
    try:
        np.broadcast_shapes(*shapes)
    except ValueError as exc:
        raise ValueError(f"{names} must broadcast with the batch shape of the channels, got "
                         f"shapes {shapes[1:]} for batch shape {shapes[0]}") from exc


def _mhp_1d(h_d, h_e, q, gamma, s2):
    """Scalar fast path of :func:`max_harvested_power` (one channel pair, scalar q, gamma)."""
    m = h_d.size
    nd2 = np.vdot(h_d, h_d).real
    c = gamma * s2
    # infeasible only if the SINR target needs power (c > 0) that the DR cannot receive: the
    # same rule as the batch path (c = 0 is always feasible, even for h_D = 0 or q = 0)
    if c > 0 and (nd2 == 0 or q == 0 or c / (q * nd2) > 1.0 + 1e-12):
        return math.nan, np.full(m, np.nan, dtype=complex)
    cmin = c / (q * nd2) if c > 0 else 0.0
    u = h_d / math.sqrt(nd2) if nd2 > 0 else np.zeros(m, dtype=complex)
    alpha = np.vdot(u, h_e)
    r = h_e - alpha * u
    beta = math.sqrt(max(np.vdot(r, r).real, 0.0))
    abs_a = abs(alpha)
    theta = math.atan2(beta, abs_a)
    if math.cos(theta) ** 2 < cmin:
        theta = math.acos(math.sqrt(min(cmin, 1.0)))
    c, s = math.cos(theta), math.sin(theta)
    p_in = q * (abs_a * c + beta * s) ** 2
    phase = alpha / abs_a if abs_a > 0 else 1.0
    if beta > 0:
        w = math.sqrt(q) * (c * phase * u + (s / beta) * r)
    else:
        w = math.sqrt(q) * phase * u
    return p_in, w


def _mhp(h_d, h_e, q, gamma, s2, want_w=True):
    """Unchecked core of :func:`max_harvested_power` (arrays in, arrays out)."""
    h_d, h_e = np.broadcast_arrays(h_d, h_e)
    nd, u, alpha, r, beta = _geometry(h_d, h_e)
    with np.errstate(divide="ignore", invalid="ignore"):
        cmin = gamma * s2 / (q * nd**2)
    cmin = np.where(gamma * s2 == 0, 0.0, cmin)
    feasible = cmin <= 1.0 + 1e-12
    abs_a = np.abs(alpha)
    theta0 = np.arctan2(beta, abs_a)
    theta_c = np.arccos(np.sqrt(np.clip(cmin, 0.0, 1.0)))
    theta = np.where(np.cos(theta0) ** 2 >= cmin, theta0, theta_c)
    p_in = q * (abs_a * np.cos(theta) + beta * np.sin(theta)) ** 2
    p_in = np.where(feasible, p_in, np.nan)
    if not want_w:
        return p_in, None
    w = _pareto(h_d, h_e, q, theta)
    w = np.where(np.asarray(feasible)[..., None], w, np.nan)
    return p_in, w


def pareto_beamformer(h_d, h_e, p_tx, theta):
    r"""Beam on the DR/ER Pareto boundary at power :math:`q`: :math:`w(\theta)`.

    Parameters
    ----------
    h_d, h_e : array_like, shape (..., M)
        DR and ER channels (finite).
    p_tx : array_like
        Transmit power :math:`q` [W] (finite, ≥ 0).
    theta : array_like
        Angle :math:`\theta \in [0, \theta_0]` [rad]; 0 is MRT to the DR, :math:`\theta_0 =
        \operatorname{atan2}(\beta, |\alpha|)` MRT to the ER (see :func:`max_harvested_power`).
        Broadcasts with the batch shape.

    Returns
    -------
    ndarray, shape (..., M)
        :math:`w(\theta) = \sqrt q(\cos\theta\,e^{j\angle\alpha}u_D + \sin\theta\,r/\beta)`
        (:math:`\sqrt q e^{j\angle\alpha}u_D` when :math:`\beta = 0`).

    Examples
    --------
    >>> w = pareto_beamformer([1.0, 0.0], [1.0, 1.0], 2.0, 0.0)
    >>> np.round(w, 12)
    array([1.41421356+0.j, 0.        +0.j])
    """
    h_d, h_e = _channel_pair(h_d, h_e)
    q = check_in_range("p_tx", p_tx, 0.0, None).astype(float)
    th = check_in_range("theta", theta).astype(float)
    check_finite(p_tx=q, theta=th)
    h_d, h_e = np.broadcast_arrays(h_d, h_e)
    _check_batch("p_tx, theta", h_d.shape[:-1], q.shape, th.shape)
    return _pareto(h_d, h_e, q, th)


def _pareto(h_d, h_e, q, th):
    """Unchecked core of :func:`pareto_beamformer` (broadcast complex channels, float q, th)."""
    q = np.asarray(q, dtype=float)
    th = np.asarray(th, dtype=float)
    nd, u, alpha, r, beta = _geometry(h_d, h_e)
    phase = np.exp(1j * np.angle(alpha))
    rhat = r / np.where(beta > 0, beta, 1.0)[..., None]
    sin_t = np.where(beta > 0, np.sin(th), 0.0)
    cos_t = np.where(beta > 0, np.cos(th), 1.0)
    w = np.sqrt(q)[..., None] * (
        (cos_t * phase)[..., None] * u + np.asarray(sin_t)[..., None] * rhat
    )
    return w


# --------------------------------------------------------------------------------------------
# result
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class WetResult:
    r"""Outcome of :func:`optimize_wet_efficiency`.

    Attributes
    ----------
    beamformer : ndarray, shape (M,)
        Information beam :math:`w` [√W] (NaN if infeasible).
    covariance : ndarray, shape (M, M)
        Relaxed information covariance (SDR) or :math:`ww^H` [W].
    energy_covariance : ndarray, shape (M, M)
        Energy covariance :math:`W_E` [W] (zeros without an energy beam).
    efficiency : float
        :math:`\eta_\mathrm{WET}` [J/J] of the returned beam (0 if infeasible or no
        transmission).
    p_in, p_harvested, p_tx, p_total : float
        ER input power, harvested DC power, radiated power and consumed power [W].
    sinr : float
        DR SINR [-].
    dinkelbach_iterations : int
        Inner solves of Dinkelbach's algorithm.
    lambda_history : ndarray
        Non-decreasing Dinkelbach sequence :math:`\lambda_0, \lambda_1, \dots` [J/J].
    rank_one_ratio : float
        :math:`\lambda_\max/\mathrm{tr}\,W` of the relaxed solution (1 for rank-one methods).
    status : str
        Solver status (``"optimal"``, ``"optimal_inaccurate"``), ``"infeasible"``
        (:math:`P_\max\|h_D\|^2/\sigma^2 < \gamma`), ``"no_transmission"``
        (:math:`\tau \ge T`) or ``"solver_error"`` (a solver failed, or the recovered beam
        violates the SINR target or the power budget by more than 1e-6 relative; see
        ``message``).
    method : str
        ``"sdr"``, ``"fpp-sca"`` or ``"oracle"``.
    delay_s, switch_energy_j : float
        Switching cost paid in the frame.
    frame_s : float
        Frame length :math:`T` [s].
    message : str
        Solver diagnostics.
    """

    beamformer: np.ndarray
    covariance: np.ndarray
    energy_covariance: np.ndarray
    efficiency: float
    p_in: float
    p_harvested: float
    p_tx: float
    sinr: float
    dinkelbach_iterations: int
    lambda_history: np.ndarray
    rank_one_ratio: float
    status: str
    method: str = ""
    p_total: float = math.nan
    delay_s: float = 0.0
    switch_energy_j: float = 0.0
    frame_s: float = DEFAULT_FRAME_S
    message: str = ""
    info: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def feasible(self) -> bool:
        """True when a beam meeting the SINR target was returned."""
        return self.status in ("optimal", "optimal_inaccurate")

    @property
    def energy_harvested_j(self) -> float:
        """Harvested energy in the frame :math:`(T-\\tau)\\Phi(P_\\mathrm{in})` [J]."""
        t_eff = max(self.frame_s - self.delay_s, 0.0)
        return t_eff * self.p_harvested if self.feasible else 0.0

    @property
    def energy_consumed_j(self) -> float:
        """Consumed energy in the frame :math:`(T-\\tau)P_\\mathrm{tot} + E_\\mathrm{sw}` [J]."""
        t_eff = max(self.frame_s - self.delay_s, 0.0)
        p_tot = self.p_total if self.feasible else 0.0
        return t_eff * p_tot + self.switch_energy_j


# --------------------------------------------------------------------------------------------
# cached DPP problems
# --------------------------------------------------------------------------------------------
_CACHE = ProblemCache(maxsize=64)


def _solver_chain(solver, relax_feas=False):
    """Solver chain: ``solver`` first, then SCS with tight tolerances (1e-9).

    The tight SCS fallback keeps results independent of which solver answered. With
    ``relax_feas`` Clarabel's feasibility tolerance is relaxed from 1e-8 to 1e-7: on the
    Variant B SCA subproblems (exponential cones with steep linearised interference terms) it
    often stops at primal residuals of a few 1e-8 ("AlmostSolved"), still far more accurate
    than a default first-order answer.
    """
    scs = precise_scs(1e-9)
    if solver == "CLARABEL" and relax_feas:
        return (("CLARABEL", {"tol_feas": 1e-7}), scs)
    return (solver, scs)


def _sdp_problem(m, energy_beam, solver):
    r"""Normalised inner SDP (cached per (M, energy_beam, solver)).

    Variables :math:`\tilde W = W/P_\max` (and :math:`\tilde W_E`); parameters ``G`` (unit-trace
    :math:`\hat h_E\hat h_E^H`), ``UD`` (:math:`u_Du_D^H`), ``c`` (power price
    :math:`\lambda/(\xi\eta\|h_E\|^2)`), ``cmin`` (:math:`\gamma\sigma^2/(P_\max\|h_D\|^2)`),
    ``GUD`` (:math:`\gamma u_Du_D^H`, interfering energy beam) and ``qmax`` (:math:`q/P_\max`):

    maximise :math:`\mathrm{tr}(G(\tilde W+\tilde W_E)) - c\,\mathrm{tr}(\tilde W + \tilde W_E)`
    s.t. :math:`\mathrm{tr}(U_D\tilde W) \ge \gamma\,\mathrm{tr}(U_D\tilde W_E)[\text{int.}] +
    c_\min`, :math:`\mathrm{tr}(\tilde W+\tilde W_E) \le q_\max`, PSD. The instance is shared
    by all calls, so it does not warm-start the solver (results independent of call history).
    """

    def build():
        W = cp.Variable((m, m), hermitian=True, name="W")
        G = cp.Parameter((m, m), hermitian=True, name="G")
        UD = cp.Parameter((m, m), hermitian=True, name="UD")
        c = cp.Parameter(nonneg=True, name="c")
        cmin = cp.Parameter(nonneg=True, name="cmin")
        qmax = cp.Parameter(nonneg=True, name="qmax")
        cons = [W >> 0]
        total = W
        dr = cp.real(cp.trace(UD @ W))
        if energy_beam == "none":
            cons.append(dr >= cmin)
        else:
            WE = cp.Variable((m, m), hermitian=True, name="WE")
            cons.append(WE >> 0)
            total = W + WE
            if energy_beam == "interfering":  # GUD = gamma U_D (one parameter keeps DPP)
                GUD = cp.Parameter((m, m), hermitian=True, name="GUD")
                cons.append(dr >= cp.real(cp.trace(GUD @ WE)) + cmin)
            else:
                cons.append(dr >= cmin)
        tr = cp.real(cp.trace(total))
        cons.append(tr <= qmax)
        obj = cp.Maximize(cp.real(cp.trace(G @ total)) - c * tr)
        # cached and shared by unrelated calls: no solver warm start (reproducible results)
        return ParametricProblem(cp.Problem(obj, cons), solvers=_solver_chain(solver),
                                 warm_start=False)

    return _CACHE.get(("sdp", m, energy_beam, solver), build)


def _sca_problem(m, solver):
    r"""Normalised FPP-SCA SOCP (cached per M): variables :math:`\tilde w = w/\sqrt{P_\max}`, s.

    maximise :math:`2\Re(a_E^H\tilde w) - k_E - c\|\tilde w\|^2 - \rho_s s` s.t.
    :math:`2\Re(a_D^H\tilde w) - k_D \ge c_\min - s`, :math:`\|\tilde w\|^2 \le q_\max`, s ≥ 0,
    where :math:`a = \hat h(\hat h^H\tilde w^{(j)})` and :math:`k = |\hat h^H\tilde w^{(j)}|^2`
    (the linear minorant :math:`L_h` of [M15]_).
    """

    def build():
        w = cp.Variable(m, complex=True, name="w")
        s = cp.Variable(nonneg=True, name="s")
        aE = cp.Parameter(m, complex=True, name="aE")
        aD = cp.Parameter(m, complex=True, name="aD")
        kE = cp.Parameter(name="kE")
        kD = cp.Parameter(name="kD")
        c = cp.Parameter(nonneg=True, name="c")
        cmin = cp.Parameter(nonneg=True, name="cmin")
        qmax = cp.Parameter(nonneg=True, name="qmax")
        lin_e = 2 * cp.real(cp.conj(aE) @ w) - kE
        lin_d = 2 * cp.real(cp.conj(aD) @ w) - kD
        obj = cp.Maximize(lin_e - c * cp.sum_squares(w) - _RHO_SLACK * s)
        cons = [lin_d >= cmin - s, cp.sum_squares(w) <= qmax]
        return ParametricProblem(cp.Problem(obj, cons), solvers=_solver_chain(solver),
                                 warm_start=False)

    return _CACHE.get(("sca", m, solver), build)


# --------------------------------------------------------------------------------------------
# the optimiser
# --------------------------------------------------------------------------------------------
class _Frame:
    """Normalised data of one optimisation: channels and the frame's :class:`_FrameParams`."""

    def __init__(self, h_d, h_e, params, beam="none"):
        self.h_d, self.h_e = h_d, h_e
        self.m = h_d.size
        self.params = params
        self.p_max, self.gamma, self.sigma2 = params.p_max, params.gamma, params.sigma2
        self.xi, self.pc, self.eh = params.xi, params.pc, params.eh
        self.phi = _fast_harvest(params.eh)
        self.T, self.tau, self.esw = params.T, params.tau, params.esw
        self.t_eff = params.T - params.tau
        self.beam = beam
        self.nd = float(np.linalg.norm(h_d))
        self.ne = float(np.linalg.norm(h_e))
        self.u_d = h_d / self.nd
        self.e_hat = h_e / self.ne if self.ne > 0 else h_e
        self.cmin = (self.gamma * self.sigma2 / (self.p_max * self.nd**2) if self.gamma > 0
                     else 0.0)
        self.G = _herm(np.outer(self.e_hat, self.e_hat.conj()))
        self.UD = _herm(np.outer(self.u_d, self.u_d.conj()))

    # evaluation of a physical point -------------------------------------------------------
    def evaluate(self, w, WE=None):
        w = np.asarray(w, dtype=complex)
        p_in = abs(np.vdot(self.h_e, w)) ** 2
        p_tx = float(np.vdot(w, w).real)
        interf = 0.0
        if WE is not None:
            p_in += float(np.real(self.h_e.conj() @ WE @ self.h_e))
            p_tx += float(np.real(np.trace(WE)))
            if self.beam == "interfering":
                interf = float(np.real(self.h_d.conj() @ WE @ self.h_d))
        sinr = abs(np.vdot(self.h_d, w)) ** 2 / (interf + self.sigma2)
        p_h = float(self.eh.harvest(max(p_in, 0.0)))
        p_tot = p_tx / self.xi + self.pc
        eta = float(_efficiency(np.float64(p_h), np.float64(p_tot), np.float64(self.T),
                                np.float64(self.tau), np.float64(self.esw)))
        return {"p_in": float(p_in), "p_harvested": p_h, "p_tx": p_tx, "sinr": float(sinr),
                "p_total": p_tot, "efficiency": eta}

    def numerator_p(self, p_in):
        return self.t_eff * self.phi(max(p_in, 0.0))

    def denominator_q(self, q):
        return self.t_eff * (q / self.xi + self.pc) + self.esw

    def cmin_at(self, q):
        """SINR bound of the beam normalised to power q: gamma sigma^2 / (q |h_D|^2)."""
        return self.gamma * self.sigma2 / (q * self.nd**2) if self.gamma > 0 else 0.0

    def repair(self, w):
        """Restore the DR SINR and the power budget of a rank-one beam (no energy beam).

        Solver tolerances leave |h_D^H w|^2 a hair below gamma sigma^2 and ||w||^2 a hair above
        P_max; near an active bound the harvested power is very sensitive to both (sqrt
        behaviour of sin theta), so the power is capped at P_max, the component along u_D is
        set to its exact minimum and the orthogonal part rescaled.
        """
        w = np.asarray(w, dtype=complex)
        if self.beam != "none":
            return w
        q = float(np.vdot(w, w).real)
        if q > self.p_max:
            w = w * math.sqrt(self.p_max / q)
            q = self.p_max
        if self.gamma <= 0:
            return w
        need = self.gamma * self.sigma2 / self.nd**2  # |u_D^H w|^2 required
        a = np.vdot(self.u_d, w)
        if abs(a) ** 2 >= need:
            return w
        v = w - a * self.u_d
        nv2 = float(np.vdot(v, v).real)
        if abs(a) ** 2 < need * (1 - 1e-3):
            return w  # not a rounding issue: leave it (scored as infeasible)
        phase = a / abs(a) if abs(a) > 0 else 1.0
        if q <= need:  # power a hair below the minimum: all of it along u_D, at the minimum
            return math.sqrt(need) * phase * self.u_d
        v = v * math.sqrt((q - need) / nv2) if nv2 > 0 else v
        return math.sqrt(need) * phase * self.u_d + v

    def start(self):
        return math.sqrt(self.p_max) * self.u_d

    def start_ratio(self):
        w0 = self.start()
        return self.numerator_p(abs(np.vdot(self.h_e, w0)) ** 2) / self.denominator_q(self.p_max)


def _q_dinkelbach(fr, g, tol, max_iter):
    r"""Dinkelbach over the transmit power q with :math:`g(q) = \max P_\mathrm{in}` at power q.

    ``g(q)`` returns ``(p_in, extra)``; each Dinkelbach subproblem
    :math:`\max_q (T-\tau)\Phi(g(q)) - \lambda D(q)` is solved globally on a 65-point log
    grid refined by golden-section search. Returns ``(SolveResult, q_star, (p_in, extra))``.
    """
    q_lo = max(fr.cmin * fr.p_max, 1e-6 * fr.p_max)
    q_hi = fr.p_max
    grid = np.geomspace(q_lo, q_hi, _Q_GRID) if q_hi > q_lo * (1 + 1e-12) else np.array([q_hi])
    grid[-1] = q_hi
    cache: dict = {}

    def g_c(q):
        q = float(min(max(q, q_lo), q_hi))
        out = cache.get(q)
        if out is None:
            out = cache[q] = g(q)
        return out

    def num(q):
        return fr.numerator_p(g_c(q)[0])

    def den(q):
        return fr.denominator_q(q)

    grid_num = np.array([num(q) for q in grid])  # increasing q (warm starts)
    grid_den = fr.t_eff * (grid / fr.xi + fr.pc) + fr.esw

    def inner(lam):
        vals = grid_num - lam * grid_den
        i = int(np.argmax(vals))
        best_q, best_v = float(grid[i]), float(vals[i])
        if grid.size > 1:
            a = float(grid[max(i - 1, 0)])
            b = float(grid[min(i + 1, grid.size - 1)])
            # golden-section search in log q (relative bracket 1e-6)
            t_g, v_g = golden_section_max(
                lambda t: num(math.exp(float(t))) - lam * den(math.exp(float(t))),
                math.log(a), math.log(b), max_iter=100, xtol=1e-6, return_value=True,
            )
            q_g = math.exp(float(t_g))
            if v_g > best_v:
                best_q, best_v = q_g, v_g
        return {"q": best_q}

    res = dinkelbach(
        inner,
        lambda x: num(x["q"]),
        lambda x: den(x["q"]),
        tol=tol,
        max_iter=max_iter,
        lambda0=fr.start_ratio(),
    )
    q_star = float(res.variables["q"]) if res.ok else fr.p_max
    return res, q_star, g_c(q_star)


def _oracle_scalar(fr):
    """Scalar closed-form g(q) with the channel geometry precomputed (pure Python math)."""
    nd, _, alpha, _, beta = _geometry(fr.h_d, fr.h_e)
    a, b, nd2 = float(abs(alpha)), float(beta), float(nd) ** 2
    theta0 = math.atan2(b, a)
    c0 = math.cos(theta0) ** 2
    num_c = fr.gamma * fr.sigma2

    def g(q):
        cmin = num_c / (q * nd2) if num_c > 0 else 0.0
        if cmin > 1.0 + 1e-12:
            return -math.inf, None
        th = theta0 if c0 >= cmin else math.acos(math.sqrt(min(cmin, 1.0)))
        return q * (a * math.cos(th) + b * math.sin(th)) ** 2, None

    return g


def _oracle_best(h_d, h_e, params, tol=1e-6, max_iter=30):
    """Fast exact optimum with the closed-form oracle (no validation, no WetResult).

    ``params`` is the frame's :class:`_FrameParams`. Returns ``(efficiency, w, q)``;
    efficiency ``-inf`` (w None) if the SINR target is unreachable and 0 if ``tau >= T``.
    """
    p_max, gamma, s2, xi, pc = params.p_max, params.gamma, params.sigma2, params.xi, params.pc
    eh, T, tau, esw = params.eh, params.T, params.tau, params.esw
    if tau >= T:
        return 0.0, None, 0.0
    nd2 = float(np.vdot(h_d, h_d).real)
    if nd2 == 0 or p_max * nd2 / s2 < gamma * (1 - 1e-12):
        return -math.inf, None, 0.0
    if _is_linear(eh):
        p_in, w = _mhp(h_d, h_e, np.float64(p_max), np.float64(gamma), np.float64(s2))
        p_in = float(p_in)
        t_eff = T - tau
        eff = t_eff * float(eh.efficiency) * p_in / (t_eff * (p_max / xi + pc) + esw)
        return eff, w, p_max
    fr = _Frame(h_d, h_e, params)
    if fr.ne == 0:
        return 0.0, fr.start(), p_max
    res, q_star, _ = _q_dinkelbach(fr, _oracle_scalar(fr), tol, max_iter)
    if not res.ok:
        return -math.inf, None, 0.0
    _, w = _mhp(h_d, h_e, np.float64(q_star), np.float64(gamma), np.float64(s2))
    return float(res.value), w, q_star


def _linear_oracle_efficiency(h_d, h_e, params, tau, esw):
    """Vectorised optimum of the linear-EH problem (full power, closed-form beam).

    ``params`` is the :class:`_FrameParams` (linear EH) of the batch; ``tau`` and ``esw`` are
    the switching delays [s] and energies [J] of the batch entries (arrays).
    """
    p_max, gamma, s2, xi, pc, T = (params.p_max, params.gamma, params.sigma2, params.xi,
                                   params.pc, params.T)
    eta = float(params.eh.efficiency)
    p_in, _ = _mhp(np.asarray(h_d, dtype=complex), np.asarray(h_e, dtype=complex),
                   np.float64(p_max), np.float64(gamma), np.float64(s2), want_w=False)
    tau = np.asarray(tau, dtype=float)
    esw = np.asarray(esw, dtype=float)
    t_eff = np.maximum(T - tau, 0.0)
    eff = t_eff * eta * p_in / (t_eff * (p_max / xi + pc) + esw)
    eff = np.where(np.isnan(p_in), -np.inf, eff)
    return np.where(t_eff > 0, eff, 0.0)


def _closed_form_sdp(fr, q, c=0.0):
    r"""Exact optimum of the normalised inner SDP at power :math:`q`, without a solver.

    At fixed power the SDP (with or without an energy covariance) is tight: its optimum is
    :math:`\tilde W = \hat w\hat w^H`, :math:`\tilde W_E = 0`, with :math:`\hat w` the
    closed-form beam of :func:`max_harvested_power` divided by :math:`\sqrt q` (two linear
    constraints [HP10]_; an energy covariance cannot raise :math:`P_\mathrm{in}` at a given total
    power, since :math:`\tilde W + \tilde W_E` is itself feasible without one). Used where the
    SDP is (nearly) degenerate, :math:`c_\min(q) \ge 1 - 10^{-6}` (``_DEGENERATE_CMIN``):
    at :math:`c_\min = 1` it has no strictly feasible point, and close to it solvers return
    covariances that violate its constraints.
    """
    _, w = _mhp(fr.h_d, fr.h_e, np.float64(q), np.float64(fr.gamma), np.float64(fr.sigma2))
    wn = np.asarray(w, dtype=complex) / math.sqrt(q)
    variables = {"W": np.outer(wn, wn.conj())}
    if fr.beam != "none":
        variables["WE"] = np.zeros((fr.m, fr.m), dtype=complex)
    value = abs(np.vdot(fr.e_hat, wn)) ** 2 - c * float(np.vdot(wn, wn).real)
    return SolveResult(
        "optimal", float(value), variables, solver="closed_form",
        message=f"SINR bound c_min = {fr.cmin_at(q):.12g} leaves (almost) no strictly feasible "
                "point: exact optimum of the SDP used instead of a solver",
    )


def _sdp_at(fr, q, solver):
    """Solve the normalised fixed-power SDP at power q (exact optimum when degenerate)."""
    cmin = fr.cmin_at(q)
    if cmin >= _DEGENERATE_CMIN:
        return _closed_form_sdp(fr, q)
    prob = _sdp_problem(fr.m, fr.beam, solver)
    params = {"G": fr.G, "UD": fr.UD, "c": 0.0, "cmin": cmin, "qmax": 1.0}
    if fr.beam == "interfering":
        params["GUD"] = fr.gamma * fr.UD
    return prob.solve(**params)


def _sca_solve(fr, prob, w0, c, qmax, cmin):
    """FPP-SCA iterations at fixed price c, power bound qmax and SINR bound cmin (normalised)."""
    w = np.asarray(w0, dtype=complex)
    last = None
    iters = 0
    for iters in range(1, _SCA_MAX_ITER + 1):
        be = np.vdot(fr.e_hat, w)
        bd = np.vdot(fr.u_d, w)
        res = prob.solve(
            aE=fr.e_hat * be, kE=abs(be) ** 2, aD=fr.u_d * bd, kD=abs(bd) ** 2,
            c=c, cmin=cmin, qmax=qmax,
        )
        if not res.ok:
            return (w if last is not None else None), res, iters
        w_new = np.asarray(res.variables["w"], dtype=complex)
        last = res
        step = np.linalg.norm(w_new - w) / max(np.linalg.norm(w_new), 1e-300)
        w = w_new
        if step < _SCA_TOL:
            break
    return w, last, iters


def _sca_g(fr, solver):
    prob = _sca_problem(fr.m, solver)
    state = {"w": None}

    def g(q):  # beam normalised by sqrt(q): |w~|^2 <= 1, c_min(q)
        cmin = fr.cmin_at(q)
        w0 = state["w"]
        if w0 is None or abs(np.vdot(fr.u_d, w0)) ** 2 < cmin:
            w0 = fr.u_d.copy()
        w, res, _ = _sca_solve(fr, prob, w0, 0.0, 1.0, cmin)
        if w is None:
            return -math.inf, {"res": res}
        state["w"] = w / max(np.linalg.norm(w), 1e-300)
        p_in = fr.ne**2 * q * abs(np.vdot(fr.e_hat, w)) ** 2
        return float(p_in), {"w": w * math.sqrt(q), "res": res}

    return g


def _rank_one(fr, W_scaled, WE_scaled, n_rand, rng, scale=None):
    """Rank-one beam from the relaxed (normalised) solution; randomisation if needed.

    Returns ``(w, W, WE, ratio)`` with the PSD projections ``W``, ``WE`` of the relaxed
    covariances (physical units) and ``ratio`` = lambda_max / tr W.
    """
    scale = fr.p_max if scale is None else scale
    W, lam, U = project_psd(scale * np.asarray(W_scaled, dtype=complex))
    WE = None if WE_scaled is None else project_psd(
        scale * np.asarray(WE_scaled, dtype=complex))[0]
    tr = float(np.sum(lam))
    ratio = float(lam[-1] / tr) if tr > 0 else 1.0
    w_pr = math.sqrt(lam[-1]) * U[:, -1]
    if ratio >= 1.0 - _RANK_ONE_TOL or n_rand == 0:
        return w_pr, W, WE, ratio
    q_info = tr
    budget = scale - (0.0 if WE is None else float(np.real(np.trace(WE))))

    def score(v):
        nv = np.linalg.norm(v)
        if nv == 0:
            return None
        v = v * math.sqrt(q_info) / nv
        interf = 0.0
        if WE is not None and fr.beam == "interfering":
            interf = float(np.real(fr.h_d.conj() @ WE @ fr.h_d))
        need = fr.gamma * (interf + fr.sigma2)
        got = abs(np.vdot(fr.h_d, v)) ** 2
        if got < need * (1 - 1e-9):
            scale = need / got if got > 0 else math.inf
            if scale * q_info > budget * (1 + 1e-9):
                return None
            v = v * math.sqrt(scale)
        return fr.evaluate(v, WE)["efficiency"], v

    res = gaussian_randomization(W, score, n_rand, rng)
    w = np.asarray(res.variables["w"]) if res.ok else w_pr
    return w, W, WE, ratio


def _result(fr, w, W, WE, ratio, status, method, hist, iters, message="", info=None):
    ev = fr.evaluate(w, WE)
    m = fr.m
    # A point that violates the SINR target or the power budget (solver inaccuracy near a
    # feasibility boundary) is not a solution: it must not carry an optimal status.
    short = 1.0 - ev["sinr"] / fr.gamma if fr.gamma > 0 else 0.0
    over = ev["p_tx"] / fr.p_max - 1.0
    status, message = verified_status(
        status, message, {"SINR shortfall": short, "power excess": over}, _FEAS_TOL)
    if status in ("optimal", "optimal_inaccurate"):  # a solution's figures are finite
        check_no_overflow([ev[k] for k in ("efficiency", "p_in", "p_tx", "sinr", "p_total")],
                          "h_d, h_e, p_max, sinr_min, noise_power, frame_s")
    return WetResult(
        beamformer=w,
        covariance=W if W is not None else np.outer(w, w.conj()),
        energy_covariance=WE if WE is not None else np.zeros((m, m), dtype=complex),
        efficiency=ev["efficiency"],
        p_in=ev["p_in"],
        p_harvested=ev["p_harvested"],
        p_tx=ev["p_tx"],
        sinr=ev["sinr"],
        dinkelbach_iterations=int(iters),
        lambda_history=np.asarray(hist, dtype=float),
        rank_one_ratio=float(ratio),
        status=status,
        method=method,
        p_total=ev["p_total"],
        delay_s=fr.tau,
        switch_energy_j=fr.esw,
        frame_s=fr.T,
        message=message,
        info=info or {},
    )


def _empty_result(m, status, method, fr_T, tau, esw, p_total=math.nan, message=""):
    nanw = np.full(m, np.nan, dtype=complex)
    return WetResult(
        beamformer=nanw, covariance=np.full((m, m), np.nan, dtype=complex),
        energy_covariance=np.zeros((m, m), dtype=complex), efficiency=0.0, p_in=math.nan,
        p_harvested=0.0, p_tx=0.0, sinr=math.nan, dinkelbach_iterations=0,
        lambda_history=np.empty(0), rank_one_ratio=math.nan, status=status, method=method,
        p_total=p_total, delay_s=tau, switch_energy_j=esw, frame_s=fr_T, message=message,
    )


def optimize_wet_efficiency(
    h_d,
    h_e,
    p_max,
    sinr_min,
    noise_power,
    power_model=None,
    eh_model=None,
    switching=None,
    method="sdr",
    *,
    frame_s=DEFAULT_FRAME_S,
    energy_beam="none",
    tol=1e-6,
    max_iter=30,
    n_randomizations=200,
    solver="CLARABEL",
    rng=None,
):
    r"""Maximise the WET efficiency of one frame over the beamformer (Dinkelbach).

    Parameters
    ----------
    h_d, h_e : array_like, shape (M,)
        DR and ER channels of the active ports (complex, finite), 1 ≤ M ≤
        :data:`MAX_BEAM_PORTS`.
    p_max : float
        Transmit power budget :math:`P_\max` [W] (finite, > 0).
    sinr_min : float
        DR SINR target :math:`\gamma_\min \ge 0` [-] (linear, finite).
    noise_power : float
        DR noise power :math:`\sigma^2` [W] (finite, > 0).
    power_model : object, optional
        Has ``pa_efficiency`` (:math:`\xi`) and ``circuit_power(n_rf)`` [W]; :math:`P_c` is
        ``circuit_power(M)``. Default :func:`default_power_model` (reconstruction defaults).
    eh_model : LinearEH or LogisticEH, optional
        Default :func:`~wirelesseff.fas.default_eh_model` (``LinearEH(0.5)``, reconstruction
        default, docs/fas.md, "Defaults").
    switching : SwitchEvent, optional
        Switching cost paid in this frame (default none).
    method : {"sdr", "fpp-sca", "oracle"}, optional
        Inner solver: semidefinite relaxation (DPP, Clarabel) with rank-one recovery,
        feasible-point-pursuit SCA (SOCP) [M15]_, or the closed form of
        :func:`max_harvested_power` (``energy_beam="none"`` only).
    frame_s : float, optional
        Frame length :math:`T` [s] (default 10 ms, 3GPP TS 38.211 §4.3.1).
    energy_beam : {"none", "interfering", "cancelled"}, optional
        Add a dedicated energy covariance :math:`W_E` that interferes with the DR or is
        cancelled by it (``"sdr"`` only).
    tol : float, optional
        Dinkelbach tolerance: stop when :math:`F_i \le \mathrm{tol}\cdot N_i`, in (0, 1)
        (default 1e-6).
    max_iter : int, optional
        Maximum Dinkelbach iterations, 1 … :data:`MAX_ITERATIONS` (default 30).
    n_randomizations : int, optional
        Gaussian randomisations when the SDR solution is not rank one, 0 …
        :data:`MAX_RANDOMIZATIONS` (default 200, [L10]_).
    solver : str, optional
        First conic solver (default ``"CLARABEL"``, SCS as fallback).
    rng : Generator, int or None, optional
        Random source of the randomisation.

    Returns
    -------
    WetResult

    Notes
    -----
    Channels are normalised (:math:`\hat h_E = h_E/\|h_E\|`, :math:`u_D = h_D/\|h_D\|`,
    :math:`\tilde W = W/P_\max`) so that every solver sees :math:`O(1)` data. Dinkelbach [D67]_
    maximises :math:`N/D` with :math:`N = (T-\tau)\Phi(P_\mathrm{in})`,
    :math:`D = (T-\tau)(\mathrm{tr}W/\xi + P_c) + E_\mathrm{sw}`, starting from the ratio of
    the feasible :math:`w_0 = \sqrt{P_\max}u_D`.

    * **Linear EH, "sdr"**: the inner problem is the SDP
      :math:`\max \mathrm{tr}(GW) - c\,\mathrm{tr}W` s.t. :math:`W \succeq 0`,
      :math:`\mathrm{tr}(U_DW) \ge c_\min`, :math:`\mathrm{tr}W \le 1` with parameters
      :math:`G = \hat h_E\hat h_E^H`, :math:`c = \lambda/(\xi\eta\|h_E\|^2)` (the natural
      :math:`G = (T-\tau)\eta H_E`, :math:`c_P = \lambda(T-\tau)/\xi` divided by
      :math:`(T-\tau)\eta\|h_E\|^2 P_\max`), compiled once per :math:`(M,` energy beam) and
      re-solved. With two linear constraints a rank-one optimum exists [HP10]_; the principal
      eigenvector is used when :math:`\lambda_\max/\mathrm{tr}W \ge 1 - 10^{-6}`, else Gaussian
      randomisation [L10]_.
    * **Linear EH, "fpp-sca"**: each Dinkelbach step runs FPP-SCA [M15]_ (linear minorants
      :math:`L_h(w) = 2\Re\{(h^Hw^{(j)})^*(h^Hw)\} - |h^Hw^{(j)}|^2`, slack penalty
      :math:`\rho_s = 10^3`, stop at :math:`\|\Delta w\|/\|w\| < 10^{-5}` or 30 iterations),
      warm-started from the previous beam.
    * **Non-linear EH or "oracle"**: the problem is reparametrised by the transmit power
      :math:`q \in [\gamma\sigma^2/\|h_D\|^2, P_\max]` with :math:`g(q) = \max P_\mathrm{in}`
      at power :math:`q` (cached per call); each Dinkelbach subproblem
      :math:`\max_q (T-\tau)\Phi(g(q)) - \lambda D(q)` is solved globally on a 65-point log
      grid refined by golden-section search (relative tolerance 1e-6). With a logistic EH an
      interior :math:`q^\star < P_\max` can be optimal, often :math:`q^\star = q_\min` (SINR
      bound active at the lowest power). ``"fpp-sca"`` evaluates :math:`g` by FPP-SCA.
      ``"oracle"`` and ``"sdr"`` use the closed form of :func:`max_harvested_power`: at fixed
      power the SDP is tight, so the closed form *is* its optimal value (also with an energy
      covariance, which cannot raise :math:`P_\mathrm{in}` at a given total power for one
      DR and one ER), and it stays exact as :math:`q \to q_\min`, where the SDP has no
      strictly feasible point and conic solvers fail or return indefinite covariances.
      ``"sdr"`` then solves the fixed-power SDP once at :math:`q^\star` for the relaxed
      covariance(s), followed by the rank-one recovery above.
    * **Degenerate SDPs**: where the SINR bound leaves (almost) no room,
      :math:`c_\min \ge 1 - 10^{-6}`, the SDP's exact optimum (the closed-form beam, no
      energy covariance) replaces the solver; the ``message`` says so. Relaxed covariances are
      projected onto the PSD cone (negative eigenvalues clipped) before the rank-one step.

    Infeasibility (:math:`P_\max\|h_D\|^2/\sigma^2 < \gamma_\min`) returns
    ``status="infeasible"`` with efficiency 0 — never an exception. Every returned beam is
    checked against the SINR target and the power budget (relative tolerance 1e-6); a beam
    that violates them (solver inaccuracy) gets ``status="solver_error"``, as does any
    numerical failure of a solver or of the recovery (message in ``message``): after input
    validation the function does not raise.

    Examples
    --------
    The SINR constraint is inactive here, so the optimum is MRT to the ER at full power:
    :math:`\eta = 0.5\cdot\|h_E\|^2/(1/0.35 + 0.05) = 0.545/2.90714`.

    >>> h_d = np.array([1.0, 0.5j]) * 10; h_e = np.array([0.3, 1.0])
    >>> res = optimize_wet_efficiency(h_d, h_e, 1.0, 10.0, 1e-3, method="oracle")
    >>> res.status, round(res.efficiency, 6)
    ('optimal', 0.187469)
    """
    check_choice("method", method, ("sdr", "fpp-sca", "oracle"))
    check_choice("energy_beam", energy_beam, ("none", "interfering", "cancelled"))
    if method != "sdr" and energy_beam != "none":
        raise ValueError(
            f"energy_beam must be 'none' for method={method!r} (only 'sdr' optimises an energy "
            f"covariance), got {energy_beam!r}"
        )
    h_d = complex_array("h_d", h_d)
    h_e = complex_array("h_e", h_e)
    if h_d.ndim != 1 or h_d.shape != h_e.shape or h_d.size == 0:
        raise ValueError(
            f"h_d and h_e must be 1-D arrays of the same length M, got shapes {h_d.shape} and "
            f"{h_e.shape}"
        )
    if h_d.size > MAX_BEAM_PORTS:
        raise ValueError(f"h_d must have at most {MAX_BEAM_PORTS} active ports, got {h_d.size}")
    p_max = real_scalar("p_max", p_max, 0.0, None, low_open=True)
    gamma = real_scalar("sinr_min", sinr_min, 0.0, None)
    s2 = real_scalar("noise_power", noise_power, 0.0, None, low_open=True)
    T = real_scalar("frame_s", frame_s, 0.0, None, low_open=True)
    real_scalar("tol", tol, 0.0, 1.0, low_open=True, high_open=True)
    max_iter = check_integer("max_iter", max_iter, low=1, high=MAX_ITERATIONS)
    n_rand = check_integer("n_randomizations", n_randomizations, low=0, high=MAX_RANDOMIZATIONS)
    if not isinstance(solver, str):
        raise TypeError(f"solver must be a solver name (str), got {solver!r}")
    if switching is not None and not isinstance(switching, SwitchEvent):
        raise TypeError(f"switching must be a SwitchEvent or None, got {type(switching).__name__}")
    eh = resolve_eh(eh_model)
    m = h_d.size
    xi, pc = _power_params(power_model, m)
    tau = 0.0 if switching is None else float(switching.delay_s)
    esw = 0.0 if switching is None else float(switching.energy_j)

    if tau >= T:
        return _empty_result(m, "no_transmission", method, T, tau, esw, 0.0,
                             "switching delay exceeds the frame: nothing is transmitted")
    nd2 = float(np.vdot(h_d, h_d).real)
    if p_max * nd2 / s2 < gamma * (1 - 1e-12) or nd2 == 0:
        return _empty_result(
            m, "infeasible", method, T, tau, esw,
            message=f"SINR target {gamma:.6g} exceeds the maximum P_max|h_D|^2/sigma^2 = "
            f"{p_max * nd2 / s2:.6g}",
        )
    fr = _Frame(h_d, h_e, _FrameParams(p_max, gamma, s2, xi, pc, eh, T, tau, esw), energy_beam)
    if fr.ne == 0:  # nothing can be harvested: any feasible beam has efficiency 0
        w0 = fr.start()
        return _result(fr, w0, None, None, 1.0, "optimal", method, [0.0], 0,
                       "h_e = 0: nothing can be harvested")
    rng = as_generator(rng)
    try:
        return _optimize(fr, method, solver, tol, max_iter, n_rand, rng)
    except (ValueError, ArithmeticError, np.linalg.LinAlgError, cp.error.SolverError) as exc:
        # Inputs are validated above, so what fails here is numerics (a solver answer that
        # violates its own constraints, a singular system...): reported, never raised.
        return _empty_result(m, "solver_error", method, T, tau, esw,
                             message=f"numerical failure: {type(exc).__name__}: {exc}")


def _worse_status(*statuses):
    """The least certain of several OK statuses (``optimal_inaccurate`` wins)."""
    return "optimal_inaccurate" if "optimal_inaccurate" in statuses else statuses[0]


def _optimize(fr, method, solver, tol, max_iter, n_rand, rng):
    """Body of :func:`optimize_wet_efficiency` after validation (may raise on numerics)."""
    h_d, h_e, m = fr.h_d, fr.h_e, fr.m
    p_max, gamma, s2, eh = fr.p_max, fr.gamma, fr.sigma2, fr.eh
    T, tau, esw, energy_beam = fr.T, fr.tau, fr.esw, fr.beam
    xi = fr.xi

    if method == "oracle" and _is_linear(eh):
        # Linear EH: for every lambda <= lambda* the inner argmax is full power with the
        # closed-form beam (P_in*(q)/q is non-decreasing), so Dinkelbach's inner step is exact.
        p_full, w = _mhp(h_d, h_e, np.float64(p_max), np.float64(gamma), np.float64(s2))
        p_full = float(p_full)
        res = dinkelbach(
            lambda lam: {"q": p_max},
            lambda x: fr.numerator_p(p_full),
            lambda x: fr.denominator_q(x["q"]),
            tol=tol, max_iter=max_iter, lambda0=fr.start_ratio(),
        )
        return _result(fr, w, None, None, 1.0, res.status, method, res.history,
                       res.iterations, res.message, {"q_star": p_max})

    if method == "oracle" or (not _is_linear(eh) and method in ("sdr", "fpp-sca")):
        # g(q) = max P_in at power q. For "sdr" this is the optimal value of the fixed-power
        # SDP, known exactly (the SDP is tight, see _closed_form_sdp): evaluating it by the
        # closed form keeps the search exact down to q_min, where the SDP has no strictly
        # feasible point. The SDP itself is solved once, at q*, for the relaxed covariance.
        g = _sca_g(fr, solver) if method == "fpp-sca" else _oracle_scalar(fr)
        res, q_star, (p_star, extra) = _q_dinkelbach(fr, g, tol, max_iter)
        if not res.ok:
            return _empty_result(m, res.status, method, T, tau, esw, message=res.message)
        WE = None
        W = None
        ratio = 1.0
        status, message = res.status, res.message
        if method == "oracle":
            w = _mhp(h_d, h_e, np.float64(q_star), np.float64(gamma), np.float64(s2))[1]
        elif method == "fpp-sca":
            w = fr.repair(extra["w"])
        else:
            sres = _sdp_at(fr, q_star, solver)
            if not sres.ok or not np.all(np.isfinite(sres["W"])):
                return _empty_result(m, sres.status if not sres.ok else "solver_error", method,
                                     T, tau, esw, message=f"SDP at q* = {q_star:.6g} W: "
                                     f"{sres.message or sres.status}")
            WE_s = sres.variables.get("WE") if energy_beam != "none" else None
            w, W, WE, ratio = _rank_one(fr, sres["W"], WE_s, n_rand, rng, scale=q_star)
            w = fr.repair(w)
            status = _worse_status(status, sres.status)
            message = "; ".join(x for x in (message, sres.message) if x)
        return _result(fr, w, W, WE, ratio, status, method, res.history, res.iterations,
                       message, {"q_star": q_star})

    # linear EH, direct Dinkelbach over the beam
    eta_eh = float(eh.efficiency)
    price = 1.0 / (xi * eta_eh * fr.ne**2)
    if method == "sdr":
        prob = _sdp_problem(m, energy_beam, solver)

        def inner(lam):
            if fr.cmin >= _DEGENERATE_CMIN:  # (nearly) degenerate SDP: exact optimum
                return _closed_form_sdp(fr, p_max, lam * price)
            params = {"G": fr.G, "UD": fr.UD, "c": lam * price, "cmin": fr.cmin, "qmax": 1.0}
            if energy_beam == "interfering":
                params["GUD"] = gamma * fr.UD
            return prob.solve(**params)

        def total(x):
            t = x["W"] + (x["WE"] if "WE" in x else 0.0)
            return t

        def numerator(x):
            p_in = fr.ne**2 * p_max * float(np.real(np.trace(fr.G @ total(x))))
            return fr.numerator_p(p_in)

        def denominator(x):
            return fr.denominator_q(p_max * float(np.real(np.trace(total(x)))))

        res = dinkelbach(inner, numerator, denominator, tol=tol, max_iter=max_iter,
                         lambda0=fr.start_ratio())
        if not res.ok:
            return _empty_result(m, res.status, method, T, tau, esw, message=res.message)
        WE_s = res.variables.get("WE") if energy_beam != "none" else None
        w, W, WE, ratio = _rank_one(fr, res.variables["W"], WE_s, n_rand, rng)
        w = fr.repair(w)
        return _result(fr, w, W, WE, ratio, res.status, method, res.history, res.iterations,
                       res.message)

    # fpp-sca
    prob = _sca_problem(m, solver)
    state = {"w": fr.u_d.copy(), "sca_iterations": []}

    def inner_sca(lam):
        w, sres, iters = _sca_solve(fr, prob, state["w"], lam * price, 1.0, fr.cmin)
        state["sca_iterations"].append(iters)
        if w is None:
            return sres
        state["w"] = w
        return {"w": w}

    def num_w(x):
        return fr.numerator_p(fr.ne**2 * p_max * abs(np.vdot(fr.e_hat, x["w"])) ** 2)

    def den_w(x):
        return fr.denominator_q(p_max * float(np.vdot(x["w"], x["w"]).real))

    res = dinkelbach(inner_sca, num_w, den_w, tol=tol, max_iter=max_iter,
                     lambda0=fr.start_ratio())
    if not res.ok:
        return _empty_result(m, res.status, method, T, tau, esw, message=res.message)
    w = fr.repair(np.asarray(res.variables["w"], dtype=complex) * math.sqrt(p_max))
    return _result(fr, w, None, None, 1.0, res.status, method, res.history, res.iterations,
                   res.message, {"sca_iterations": tuple(state["sca_iterations"])})
