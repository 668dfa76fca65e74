r"""Variant B: multiuser SWIPT sum-rate energy efficiency with fluid antennas.

A base station with :math:`M` active transmit ports serves :math:`K` information receivers
(IRs, channels :math:`h_k`, rows of ``H_info``) and :math:`L \ge 0` energy receivers (ERs,
channels :math:`g_l`, rows of ``G_energy``) with beams :math:`w_k` (covariances
:math:`W_k = w_kw_k^H`) and an optional energy covariance :math:`W_E`. With
:math:`H_k = h_kh_k^H`, :math:`G_l = g_lg_l^H` (gain :math:`|h^Hw|^2`):

.. math::
    \mathrm{SINR}_k = \frac{\mathrm{tr}(H_kW_k)}{\sum_{j\ne k}\mathrm{tr}(H_kW_j)
        + \mathrm{tr}(H_kW_E)[\text{not cancelled}] + \sigma_k^2},\qquad
    P_l^\mathrm{in} = \sum_k \mathrm{tr}(G_lW_k) + \mathrm{tr}(G_lW_E),

    \mathrm{EE} = \frac{\sum_k B\log_2(1+\mathrm{SINR}_k)}
        {(\sum_k\mathrm{tr}W_k + \mathrm{tr}W_E)/\xi + P_c}\ [\mathrm{bit/J}],

maximised subject to :math:`\mathrm{SINR}_k \ge \gamma_k`, :math:`\Phi(P_l^\mathrm{in}) \ge
e_l` (:math:`\Leftrightarrow P_l^\mathrm{in} \ge \Phi^{-1}(e_l)`, linear) and the power budget
(docs/fas.md, "Variant B"; the standard SWIPT EE problem, cf. Boshkovska et al. 2015 and Ng,
Lo, Schober, IEEE TWC 13(12), 2014, doi:10.1109/TWC.2014.2314654, for the energy-efficient
SWIPT formulation).

References
----------
.. [D67] W. Dinkelbach, Management Science 13(7), 1967, doi:10.1287/mnsc.13.7.492.
.. [L10] Z.-Q. Luo, W.-K. Ma, A. M.-C. So, Y. Ye, S. Zhang, IEEE SPM 27(3), 2010,
   doi:10.1109/MSP.2010.936019.
.. [B15] E. Boshkovska, D. W. K. Ng, N. Zlatanov, R. Schober, IEEE Commun. Lett. 19(12), 2015,
   doi:10.1109/LCOMM.2015.2478460.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import cvxpy as cp
import numpy as np
from scipy.optimize import linprog

from .._validation import (
    as_generator,
    check_finite,
    check_in_range,
    check_integer,
    check_nonnegative,
    check_positive,
)
from ..optimize import (
    ParametricProblem,
    ProblemCache,
    dinkelbach,
    gaussian_randomization,
    project_psd,
)
from ._checks import check_no_overflow, complex_array, flag, real_scalar, verified_status
from .harvesting import resolve_eh
from .wet import _herm, _power_params, _solver_chain

__all__ = [
    "MAX_RECEIVERS",
    "min_power_port_score",
    "SwiptEEResult",
    "SwiptOptions",
    "optimize_swipt_ee",
    "select_receive_ports",
    "swipt_ee",
]

_RANK_ONE_TOL = 1e-6
_LN2 = math.log(2.0)
#: Upper bound on K, L and M of :func:`optimize_swipt_ee` (the SDP has K + 1 M x M variables).
MAX_RECEIVERS = 256
#: Upper bound on ``SwiptOptions.n_randomizations``.
MAX_RANDOMIZATIONS = 100_000
#: Upper bound on the iteration limits of :class:`SwiptOptions`.
MAX_ITERATIONS = 10_000


@dataclass(frozen=True)
class SwiptEEResult:
    r"""Outcome of :func:`optimize_swipt_ee`.

    Attributes
    ----------
    beamformers : ndarray, shape (M, K)
        Information beams :math:`w_k` (columns) [√W]; NaN if infeasible.
    energy_covariance : ndarray, shape (M, M)
        Energy covariance :math:`W_E` [W].
    ee : float
        Energy efficiency of the returned (rank-one) beams [bit/J] (0 if infeasible).
    ee_relaxed : float
        Energy efficiency of the relaxed (SDR) solution at convergence [bit/J].
    sum_rate : float
        :math:`\sum_k B\log_2(1+\mathrm{SINR}_k)` [bit/s].
    sinr : ndarray, shape (K,)
    p_in, p_harvested : ndarray, shape (L,)
        ER input and harvested power [W].
    p_tx, p_total : float
        Radiated and consumed power [W].
    iterations : int
        Dinkelbach iterations.
    sca_iterations : int
        Total SCA iterations.
    rank_one : bool
        Whether every relaxed :math:`W_k` was rank one (no randomisation needed).
    status : str
        ``"optimal"``, ``"optimal_inaccurate"``, ``"infeasible"`` or ``"solver_error"``.
    lambda_history : ndarray
        Non-decreasing Dinkelbach sequence [bit/J].
    message : str
    """

    beamformers: np.ndarray
    energy_covariance: np.ndarray
    ee: float
    ee_relaxed: float
    sum_rate: float
    sinr: np.ndarray
    p_in: np.ndarray
    p_harvested: np.ndarray
    p_tx: float
    p_total: float
    iterations: int
    sca_iterations: int
    rank_one: bool
    status: str
    lambda_history: np.ndarray = field(default_factory=lambda: np.empty(0))
    message: str = ""

    @property
    def feasible(self) -> bool:
        """True when beams meeting every constraint were returned."""
        return self.status in ("optimal", "optimal_inaccurate")


def swipt_ee(beamformers, energy_covariance, H_info, G_energy, noise_power, power_model=None,
             eh_model=None, *, bandwidth_hz=1.0, energy_cancellation=False):
    r"""Evaluate SINRs, ER powers and EE of given beams (docs/fas.md, "Variant B").

    Parameters
    ----------
    beamformers : array_like, shape (M, K)
        Information beams (columns) [√W] (finite).
    energy_covariance : array_like, shape (M, M) or None
        Energy covariance [W].
    H_info : array_like, shape (K, M)
        IR channels (rows :math:`h_k`; gain :math:`|h_k^Hw|^2`).
    G_energy : array_like, shape (L, M)
        ER channels (rows :math:`g_l`; any empty array for L = 0).
    noise_power : float or array_like, shape (K,)
        IR noise powers [W] (finite, > 0).
    power_model, eh_model
        As in :func:`optimize_swipt_ee`.
    bandwidth_hz : float, optional
        Bandwidth :math:`B` [Hz].
    energy_cancellation : bool, optional
        IRs cancel the energy signal.

    Returns
    -------
    dict
        ``sinr`` (K,), ``rate`` (K,) [bit/s], ``sum_rate``, ``p_in`` (L,), ``p_harvested`` (L,),
        ``p_tx``, ``p_total`` [W] and ``ee`` [bit/J].

    Examples
    --------
    >>> out = swipt_ee(np.array([[1.0], [0.0]]), None, np.array([[1.0, 0.0]]), np.zeros((0, 2)),
    ...                1.0, bandwidth_hz=1.0)
    >>> out["sinr"], round(out["ee"], 6)  # log2(2)/(1/0.35 + 0.03 + 0.02)
    (array([1.]), 0.343980)
    """
    Wb = complex_array("beamformers", beamformers)
    if Wb.ndim != 2 or 0 in Wb.shape:
        raise ValueError(f"beamformers must have shape (M, K), got {Wb.shape}")
    m, k = Wb.shape
    H, G = _channels(H_info, G_energy)
    if H.shape != (k, m):
        raise ValueError(f"H_info must have shape (K, M) = ({k}, {m}) like the beamformers "
                         f"(M, K), got {H.shape}")
    if energy_covariance is None:
        WE = np.zeros((m, m), complex)
    else:
        WE = complex_array("energy_covariance", energy_covariance)
        if WE.shape != (m, m):
            raise ValueError(f"energy_covariance must have shape (M, M) = ({m}, {m}), got "
                             f"{WE.shape}")
    s2 = _per_receiver("noise_power", noise_power, k, "K")
    check_positive(noise_power=s2)
    check_finite(noise_power=s2)
    bandwidth_hz = real_scalar("bandwidth_hz", bandwidth_hz, 0.0, None, low_open=True)
    energy_cancellation = flag("energy_cancellation", energy_cancellation)
    xi, pc = _power_params(power_model, m)
    eh = resolve_eh(eh_model)
    gains = np.abs(H.conj() @ Wb) ** 2  # (K IRs, K beams): |h_k^H w_j|^2
    e_int = np.real(np.einsum("km,mn,kn->k", H.conj(), WE, H))
    sig = np.diag(gains)
    interf = gains.sum(axis=1) - sig + (0.0 if energy_cancellation else e_int)
    sinr = sig / (interf + s2)
    rate = bandwidth_hz * np.log2(1.0 + sinr)
    p_in = (np.abs(G.conj() @ Wb) ** 2).sum(axis=1) + np.real(
        np.einsum("lm,mn,ln->l", G.conj(), WE, G))
    p_tx = float(np.sum(np.abs(Wb) ** 2) + np.real(np.trace(WE)))
    p_tot = p_tx / xi + pc
    p_h = np.asarray(eh.harvest(np.clip(p_in, 0.0, None)), dtype=float).reshape(-1)
    check_no_overflow([sinr, rate, p_in, p_tx, rate.sum() / p_tot],
                      "beamformers, energy_covariance, H_info, G_energy, noise_power and "
                      "bandwidth_hz")
    return {"sinr": sinr, "rate": rate, "sum_rate": float(rate.sum()), "p_in": p_in,
            "p_harvested": p_h, "p_tx": p_tx, "p_total": p_tot,
            "ee": float(rate.sum() / p_tot)}


# --------------------------------------------------------------------------------------------
# cached DPP problems
# --------------------------------------------------------------------------------------------
_CACHE = ProblemCache(maxsize=64)


def _problems(m, k, n_er, energy_beam, cancel, solver):
    """Power-minimisation SDP and SCA inner problem, both DPP, cached per shape."""
    key = (m, k, n_er, energy_beam, cancel, solver)

    def build():
        W = [cp.Variable((m, m), hermitian=True, name=f"W{i}") for i in range(k)]
        WE = cp.Variable((m, m), hermitian=True, name="WE") if energy_beam else None
        H = [cp.Parameter((m, m), hermitian=True, name=f"H{i}") for i in range(k)]
        A = [cp.Parameter((m, m), hermitian=True, name=f"A{i}") for i in range(k)]
        G = [cp.Parameter((m, m), hermitian=True, name=f"G{i}") for i in range(n_er)]
        cgam = cp.Parameter(k, nonneg=True, name="cgam")  # gamma_k / a_k
        d = cp.Parameter(k, nonneg=True, name="d")  # 1 / a_k
        lam = cp.Parameter(nonneg=True, name="lam")
        cons = [Wi >> 0 for Wi in W]
        if energy_beam:
            cons.append(WE >> 0)
        total = sum(W) + (WE if energy_beam else 0)
        tr_total = cp.real(cp.trace(total))

        def rx(Hk, X):
            return cp.real(cp.trace(Hk @ X))

        er = cp.Parameter(n_er, nonneg=True, name="er") if n_er else None
        GH = [cp.Parameter((m, m), hermitian=True, name=f"GH{i}") for i in range(k)]
        for i in range(k):  # SINR: tr(H_i W_i) >= tr(gamma_i H_i (sum_{j!=i} W_j + W_E)) + c_i
            interf = 0.0
            for j in range(k):
                if j != i:
                    interf = interf + rx(GH[i], W[j])
            if energy_beam and not cancel:
                interf = interf + rx(GH[i], WE)
            cons.append(rx(H[i], W[i]) >= interf + cgam[i])
        for l_ in range(n_er):
            cons.append(rx(G[l_], total) >= er[l_])
        # power minimisation (step 1); the budget is checked afterwards
        chain = _solver_chain(solver, relax_feas=True)
        # cached and shared by unrelated calls: no solver warm start (reproducible results)
        pmin = ParametricProblem(cp.Problem(cp.Minimize(tr_total), cons), solvers=chain,
                                 warm_start=False)
        # SCA inner problem (step 3): sum_k log S_k - sum_k A_k-linearised I_k - lam tr
        budget = cons + [tr_total <= 1.0]
        obj = 0
        for i in range(k):
            s_i = rx(H[i], total if not (energy_beam and cancel) else sum(W)) + d[i]
            i_i = 0.0
            for j in range(k):
                if j != i:
                    i_i = i_i + rx(A[i], W[j])
            if energy_beam and not cancel:
                i_i = i_i + rx(A[i], WE)
            obj = obj + cp.log(s_i) - i_i
        sca = ParametricProblem(cp.Problem(cp.Maximize(obj - lam * tr_total), budget),
                                solvers=chain, warm_start=False)
        return pmin, sca

    return _CACHE.get(key, build)


def _channels(H_info, G_energy, names=("H_info", "G_energy")):
    """Validated IR channels ``H`` (K, M) and ER channels ``G`` (L, M), complex and finite."""
    nh, ng = names
    H = complex_array(nh, H_info)
    if H.ndim != 2 or 0 in H.shape:
        raise ValueError(
            f"{nh} must be a 2-D array of shape (K, M) (one row per IR; for one IR pass "
            f"h[None, :]), got shape {H.shape}"
        )
    m = H.shape[1]
    G = complex_array(ng, G_energy)
    if G.size == 0:
        G = np.zeros((0, m), dtype=complex)  # no ER: [], np.zeros((0, M)), ...
    elif G.ndim != 2 or G.shape[1] != m:
        raise ValueError(
            f"{ng} must have shape (L, M) = (L, {m}) (one row per ER, M from {nh}), "
            f"got shape {G.shape}"
        )
    return H, G


def _per_receiver(name, value, n, symbol):
    """A scalar or an (n,) array as a float array of shape (n,)."""
    arr = check_in_range(name, value, allow_nan=True).astype(float)
    if arr.ndim > 1 or (arr.ndim == 1 and arr.shape[0] not in ((1, n) if n else (0, 1))):
        raise ValueError(f"{name} must be a scalar or have shape ({symbol},) = ({n},), got "
                         f"shape {arr.shape}")
    return np.broadcast_to(arr, (n,)).astype(float)


def select_receive_ports(channels):
    r"""Receiver-side FAS: each IR uses its strongest port.

    Parameters
    ----------
    channels : array_like, shape (K, N, M)
        Per-IR port channels: row ``channels[k, n]`` is the channel from the :math:`M` transmit
        antennas to port :math:`n` of IR :math:`k` (Jakes-correlated across ports).

    Returns
    -------
    ports : ndarray of int, shape (K,)
        :math:`n_k = \arg\max_n \|G_k[n]\|^2`.
    H_info : ndarray, shape (K, M)
        Selected channels (rows).

    Examples
    --------
    >>> G = np.array([[[1.0, 0.0], [2.0, 1.0]], [[0.0, 3.0], [1.0, 1.0]]])
    >>> ports, H = select_receive_ports(G)
    >>> ports.tolist(), H.tolist()
    ([1, 0], [[2.0, 1.0], [0.0, 3.0]])
    """
    G = complex_array("channels", channels)
    if G.ndim != 3 or 0 in G.shape:
        raise ValueError(f"channels must have shape (K, N, M) with K, N, M >= 1, got {G.shape}")
    ports = np.argmax(np.sum(np.abs(G) ** 2, axis=-1), axis=-1)
    out = G[np.arange(G.shape[0]), ports]
    return ports, out if np.iscomplexobj(channels) else out.real


def min_power_port_score(H_full, G_full, sinr_min, noise_power, e_min, eh_model=None):
    r"""Cheap score of a transmit-port subset for Variant B: minus the power of per-receiver MRT.

    For a subset :math:`S` of the transmit ports,

    .. math:: \mathrm{score}(S) = -\Big(\sum_k \frac{\gamma_k\sigma_k^2}{\|h_{k,S}\|^2}
              + \sum_l \frac{\Phi^{-1}(e_l)}{\|g_{l,S}\|^2}\Big),

    the total power that maximum-ratio beams need to meet every SINR and harvesting target
    alone (interference and cross-harvesting ignored). When the ERs' targets dominate the
    power, the EE-optimal subset tends to minimise it; pass the returned callable as
    ``score_fn`` to :func:`~wirelesseff.fas.select_ports` (``architecture="subset"``) and run
    :func:`optimize_swipt_ee` once on the selected ports (docs/fas.md, "Variant B").

    Parameters
    ----------
    H_full : array_like, shape (K, N)
        IR channels over all :math:`N` transmit ports.
    G_full : array_like, shape (L, N)
        ER channels over all ports (L = 0 allowed).
    sinr_min, noise_power : float or array_like, shape (K,)
        SINR targets [-] (linear) and IR noise powers [W].
    e_min : float or array_like, shape (L,)
        Harvested DC power targets [W], below the EH saturation.
    eh_model : optional
        EH model (default :func:`~wirelesseff.fas.default_eh_model`).

    Returns
    -------
    callable
        ``score(ports) -> float`` (higher is better; ``-inf`` if a selected channel is zero).

    Examples
    --------
    >>> H = np.array([[1.0, 0.1, 2.0]]); G = np.array([[0.5, 1.0, 0.1]])
    >>> score = min_power_port_score(H, G, 10.0, 1e-3, 0.01)
    >>> round(score((1, 2)), 4), round(score((0, 1)), 4)  # ports 1, 2 need less power
    (-0.0223, -0.0259)
    """
    H, G = _channels(H_full, G_full, ("H_full", "G_full"))
    k, n_er = H.shape[0], G.shape[0]
    gam = _per_receiver("sinr_min", sinr_min, k, "K")
    s2 = _per_receiver("noise_power", noise_power, k, "K")
    e_t = _per_receiver("e_min", e_min, n_er, "L")
    check_nonnegative(sinr_min=gam, e_min=e_t)
    check_positive(noise_power=s2)
    check_finite(sinr_min=gam, noise_power=s2, e_min=e_t)
    eh = resolve_eh(eh_model)
    p_need = np.asarray(eh.inverse(e_t), dtype=float).reshape(-1) if n_er else np.zeros(0)
    if np.any(~np.isfinite(p_need)):
        raise ValueError("e_min must be below the saturation of the EH model, got "
                         f"{e_t.tolist()}")
    gs2 = gam * s2
    H2, G2 = np.abs(H) ** 2, np.abs(G) ** 2

    def score(ports):
        S = list(ports)
        h2 = np.sum(H2[:, S], axis=1)
        g2 = np.sum(G2[:, S], axis=1)
        with np.errstate(divide="ignore"):
            return -float(np.sum(gs2 / h2) + np.sum(p_need / g2))

    return score


@dataclass(frozen=True)
class SwiptOptions:
    r"""Solver settings of :func:`optimize_swipt_ee`.

    Parameters
    ----------
    n_randomizations : int, optional
        Gaussian randomisations if the relaxed beams are not rank one, 0 …
        :data:`MAX_RANDOMIZATIONS` (default 200, Luo et al. 2010 [L10]_).
    tol : float, optional
        Relative tolerance of Dinkelbach and of the SCA gain, in (0, 1) (default 1e-4).
    max_dinkelbach : int, optional
        Dinkelbach iteration limit, 1 … :data:`MAX_ITERATIONS` (default 20).
    max_sca : int, optional
        SCA iteration limit per Dinkelbach step, 1 … :data:`MAX_ITERATIONS` (default 30).
    solver : str, optional
        First conic solver (default ``"CLARABEL"``; SCS at tight tolerances as fallback).
    feasibility_tol : float, optional
        Relative tolerance of the a-posteriori constraint check of the returned beams
        (SINR targets, harvested-power targets, power budget), in (0, 0.1] (default 1e-6).

    Examples
    --------
    >>> SwiptOptions(max_sca=10).max_sca
    10
    """

    n_randomizations: int = 200
    tol: float = 1e-4
    max_dinkelbach: int = 20
    max_sca: int = 30
    solver: str = "CLARABEL"
    feasibility_tol: float = 1e-6

    def __post_init__(self):
        object.__setattr__(self, "n_randomizations", check_integer(
            "n_randomizations", self.n_randomizations, low=0, high=MAX_RANDOMIZATIONS))
        object.__setattr__(self, "max_dinkelbach", check_integer(
            "max_dinkelbach", self.max_dinkelbach, low=1, high=MAX_ITERATIONS))
        object.__setattr__(self, "max_sca", check_integer(
            "max_sca", self.max_sca, low=1, high=MAX_ITERATIONS))
        check_in_range("tol", self.tol, 0.0, 1.0, low_open=True, high_open=True)
        check_in_range("feasibility_tol", self.feasibility_tol, 0.0, 0.1, low_open=True)
        if not isinstance(self.solver, str):
            raise TypeError(f"solver must be a solver name (str), got {self.solver!r}")


class _SwiptProblem:
    r"""Validated, normalised data of one SWIPT EE problem and its evaluation.

    Normalised data: :math:`\tilde W = W/P_\max`; IR :math:`i` has
    :math:`a_i = P_\max\|h_i\|^2/\sigma_i^2` and the unit-trace :math:`\hat H_i = h_ih_i^H/
    \|h_i\|^2`, so that :math:`S_i/a_i = \mathrm{tr}(\hat H_i(\sum_j\tilde W_j + \tilde W_E)) +
    1/a_i` is :math:`O(1)` for the conic solver; ER :math:`l` is scaled by
    :math:`P_\max/\Phi^{-1}(e_l)` (its right-hand side becomes 1).
    """

    def __init__(self, H, G, p_max, gam, p_need, s2, xi, pc, eh, power_model, bandwidth,
                 energy_beam, cancel):
        self.H, self.G, self.p_max, self.gam, self.p_need, self.s2 = H, G, p_max, gam, p_need, s2
        self.xi, self.pc, self.eh, self.power_model = xi, pc, eh, power_model
        self.B, self.energy_beam, self.cancel = bandwidth, energy_beam, cancel
        self.k, self.m = H.shape
        self.n_er = G.shape[0]
        k, n_er = self.k, self.n_er
        nh2 = np.maximum(np.real(np.sum(H.conj() * H, axis=1)), 1e-300)
        self.a_ir = p_max * nh2 / s2
        self.Hn = [_herm(np.outer(H[i], H[i].conj()) / nh2[i]) for i in range(k)]
        Gn = []
        for l_ in range(n_er):
            g2 = max(float(np.vdot(G[l_], G[l_]).real), 1e-300)
            scale = p_max / p_need[l_] if p_need[l_] > 0 else 1.0 / g2
            Gn.append(_herm(scale * np.outer(G[l_], G[l_].conj())))
        base = {f"H{i}": self.Hn[i] for i in range(k)}
        base.update({f"G{i}": Gn[i] for i in range(n_er)})
        base["cgam"] = gam / self.a_ir
        base.update({f"GH{i}": _herm(gam[i] * self.Hn[i]) for i in range(k)})
        if n_er:
            base["er"] = (p_need > 0).astype(float)
        self.base = base

    # normalised covariances --------------------------------------------------------------
    def unpack(self, variables):
        Ws = [np.asarray(variables[f"W{i}"]) for i in range(self.k)]
        WE = (np.asarray(variables["WE"]) if self.energy_beam
              else np.zeros((self.m, self.m), complex))
        return Ws, WE

    def parts(self, Ws, WE):
        """S_k, I_k (normalised) and the total normalised trace."""
        k, Hn, a_ir = self.k, self.Hn, self.a_ir
        S = np.empty(k)
        I_ = np.empty(k)
        for i in range(k):
            rx = [float(np.real(np.trace(Hn[i] @ Wj))) for Wj in Ws]
            eint = 0.0 if not self.energy_beam or self.cancel else float(
                np.real(np.trace(Hn[i] @ WE)))
            S[i] = a_ir[i] * (sum(rx) + eint) + 1.0
            I_[i] = S[i] - a_ir[i] * rx[i]
        tr = float(sum(np.real(np.trace(Wj)) for Wj in Ws) + np.real(np.trace(WE)))
        return S, I_, tr

    def numerator(self, x):
        S, I_, _ = self.parts(*self.unpack(x))
        return self.B * float(np.sum(np.log2(S) - np.log2(I_)))

    def denominator(self, x):
        _, _, tr = self.parts(*self.unpack(x))
        return self.p_max * tr / self.xi + self.pc

    # physical beams -----------------------------------------------------------------------
    def evaluate(self, Wb, WE):
        return swipt_ee(Wb, WE if self.energy_beam else None, self.H, self.G, self.s2,
                        self.power_model, self.eh, bandwidth_hz=self.B,
                        energy_cancellation=self.cancel)

    def shortfalls(self, out):
        """Largest relative SINR and harvesting shortfall and power excess of ``out``."""
        sinr = max((float(np.max(1.0 - out["sinr"] / self.gam[self.gam > 0]))
                    if np.any(self.gam > 0) else 0.0), 0.0)
        need = self.p_need > 0
        energy = max((float(np.max(1.0 - out["p_in"][need] / self.p_need[need]))
                      if np.any(need) else 0.0), 0.0)
        power = max(out["p_tx"] / self.p_max - 1.0, 0.0)
        return sinr, energy, power

    def feasible(self, out):
        ok = np.all(out["sinr"] >= self.gam * (1 - 1e-6))
        if self.n_er:
            ok &= bool(np.all(out["p_in"] >= self.p_need * (1 - 1e-6)))
        return bool(ok) and out["p_tx"] <= self.p_max * (1 + 1e-6)

    def energy_interference(self, WE):
        """tr(H_k W_E) of every IR (zero when the energy signal is absent or cancelled)."""
        H = self.H
        return (np.zeros(self.k) if not self.energy_beam or self.cancel else
                np.real(np.einsum("km,mn,kn->k", H.conj(), WE, H)))

    def fail(self, status, message):
        m, k, n_er = self.m, self.k, self.n_er
        return _failed_result(m, k, n_er, status, message)


def _failed_result(m, k, n_er, status, message):
    return SwiptEEResult(
        beamformers=np.full((m, k), np.nan, complex), energy_covariance=np.zeros((m, m), complex),
        ee=0.0, ee_relaxed=math.nan, sum_rate=0.0, sinr=np.full(k, np.nan),
        p_in=np.full(n_er, np.nan), p_harvested=np.zeros(n_er), p_tx=0.0, p_total=math.nan,
        iterations=0, sca_iterations=0, rank_one=False, status=status, message=message,
    )


class _ScaInner:
    """Dinkelbach inner step: SCA on the concave surrogate, warm-started (so F >= 0).

    ``self.x`` is the current normalised point, ``self.count`` the SCA solves so far and
    ``self.status`` ``"optimal_inaccurate"`` once a solve was inaccurate.
    """

    def __init__(self, pb, sca, x0, tol, max_sca):
        self.pb, self.sca, self.x, self.tol, self.max_sca = pb, sca, dict(x0), tol, max_sca
        self.count = 0
        self.status = "optimal"

    def __call__(self, lam):
        pb = self.pb
        x = self.x
        f_old = pb.numerator(x) - lam * pb.denominator(x)
        for _ in range(self.max_sca):
            _, I_, _ = pb.parts(*pb.unpack(x))
            params = dict(pb.base)
            params["d"] = 1.0 / pb.a_ir
            for i in range(pb.k):
                params[f"A{i}"] = _herm(pb.Hn[i] * (pb.a_ir[i] / I_[i]))
            # objective scaled by ln2/B: sum log S - sum I/I0 - lam' tr
            params["lam"] = lam * pb.p_max / pb.xi * _LN2 / pb.B
            res = self.sca.solve(**params)
            self.count += 1
            if not res.ok:
                if self.count == 1:
                    return res
                break
            if res.status == "optimal_inaccurate":
                self.status = "optimal_inaccurate"
            x_new = dict(res.variables)
            f_new = pb.numerator(x_new) - lam * pb.denominator(x_new)
            if f_new < f_old - 1e-12 * max(abs(f_old), 1.0):
                break  # numerical non-improvement: keep the previous point
            gain = f_new - f_old
            x, f_old = x_new, f_new
            if gain <= self.tol * max(abs(pb.numerator(x)), 1e-12):
                break
        self.x = x
        return x


def _repair_powers(pb, dirs, WE):
    r"""Min-power LP over the beam powers for unit directions ``dirs`` (M, K); None if none.

    Minimises :math:`\sum_k p_k` s.t. every SINR and harvesting target and the budget hold
    (``scipy.optimize.linprog``, HiGHS).
    """
    H, G, gam, s2, k, n_er = pb.H, pb.G, pb.gam, pb.s2, pb.k, pb.n_er
    g = np.abs(H.conj() @ dirs) ** 2  # (K, K)
    eint = pb.energy_interference(WE)
    a_ub, b_ub = [], []
    for i in range(k):
        row = gam[i] * g[i].copy()
        row[i] = -g[i, i]
        a_ub.append(row)
        b_ub.append(-gam[i] * (eint[i] + s2[i]))
    if n_er:
        ge = np.abs(G.conj() @ dirs) ** 2
        ee_ = np.real(np.einsum("lm,mn,ln->l", G.conj(), WE, G))
        for l_ in range(n_er):
            a_ub.append(-ge[l_])
            b_ub.append(-(pb.p_need[l_] - ee_[l_]))
    a_ub.append(np.ones(k))
    b_ub.append(pb.p_max - float(np.real(np.trace(WE))))
    sol = linprog(np.ones(k), A_ub=np.array(a_ub), b_ub=np.array(b_ub),
                  bounds=[(0, None)] * k, method="highs")
    if sol.status != 0:
        return None
    return dirs * np.sqrt(np.clip(sol.x, 0.0, None))


def _relaxed_covariances(pb, variables):
    """PSD projections of the relaxed covariances in watts: ``(Ws, WE)``."""
    Ws_n, WE_n = pb.unpack(variables)
    Ws = [project_psd(pb.p_max * Wj)[0] for Wj in Ws_n]
    return Ws, project_psd(pb.p_max * WE_n)[0]


def _recover(pb, variables, n_rand, rng):
    r"""Rank-one beams from a relaxed solution: ``(best, WE, rank_one)``.

    ``best`` is ``(ee, beams (M, K))`` of the best feasible point found (None if none):
    principal eigenvectors when every relaxed :math:`W_k` is rank one (powers repaired by the
    LP if a constraint is missed), else Gaussian randomisation [L10]_ of the directions with
    powers :math:`\mathrm{tr}W_k` and :math:`W_E` kept, infeasible draws repaired by the LP.
    """
    Ws, WE = _relaxed_covariances(pb, variables)
    eig = [np.linalg.eigh(Wj) for Wj in Ws]
    traces = np.array([float(np.sum(np.clip(ev, 0.0, None))) for ev, _ in eig])
    ratios = np.array([ev[-1] / t if t > 0 else 1.0 for (ev, _), t in zip(eig, traces)])
    rank_one = bool(np.all(ratios >= 1.0 - _RANK_ONE_TOL))
    principal = np.stack([math.sqrt(max(ev[-1], 0.0)) * U[:, -1] for ev, U in eig], axis=1)

    best = None
    if rank_one:
        out = pb.evaluate(principal, WE)
        if pb.feasible(out):
            best = (out["ee"], principal)
        else:
            rep = _repair_powers(
                pb, principal / np.maximum(np.linalg.norm(principal, axis=0), 1e-300), WE)
            if rep is not None:
                best = (pb.evaluate(rep, WE)["ee"], rep)
    if best is None or (not rank_one and n_rand > 0):
        best = _randomize(pb, Ws, WE, traces, principal, n_rand, rng, best)
    return best, WE, rank_one


def _randomize(pb, Ws, WE, traces, principal, n_rand, rng, best):
    """Gaussian randomisation of the beam directions (block-diagonal covariance)."""
    k, m = pb.k, pb.m
    blk = np.zeros((m * k, m * k), complex)
    for i in range(k):
        blk[i * m:(i + 1) * m, i * m:(i + 1) * m] = Ws[i]

    def score(v):
        dirs = v.reshape(k, m).T
        norms = np.linalg.norm(dirs, axis=0)
        if np.any(norms == 0):
            return None
        dirs = dirs / norms
        Wb = dirs * np.sqrt(traces)
        out = pb.evaluate(Wb, WE)
        if not pb.feasible(out):
            Wb = _repair_powers(pb, dirs, WE)
            if Wb is None:
                return None
            out = pb.evaluate(Wb, WE)
            if not pb.feasible(out):
                return None
        return out["ee"], Wb.T.reshape(-1)

    cands = [principal.T.reshape(-1)]
    sres = gaussian_randomization(blk, score, n_rand, rng)
    if sres.ok:
        cands.append(np.asarray(sres.variables["w"]))
    for c in cands:
        sc = score(c)
        if sc is not None and (best is None or sc[0] > best[0]):
            best = (sc[0], sc[1].reshape(k, m).T)
    return best


def _polish(pb, inner, best, WE, opts):
    """One more Dinkelbach pass warm-started at a recovered point that beats the SCA value.

    Returns ``(dinkelbach result or None, recovered (best, WE, rank_one) or None)``.
    """
    k, p_max = pb.k, pb.p_max
    Wb0 = best[1]
    x1 = {f"W{i}": np.outer(Wb0[:, i], Wb0[:, i].conj()) / p_max for i in range(k)}
    if pb.energy_beam:
        x1["WE"] = WE / p_max
    inner.x = x1
    d2 = dinkelbach(inner, pb.numerator, pb.denominator, tol=opts.tol,
                    max_iter=opts.max_dinkelbach, lambda0=pb.numerator(x1) / pb.denominator(x1))
    return d2


def _scale_to_feasibility(pb, Wb, WE, out):
    """Remove constraint shortfalls at solver tolerance by one uniform scaling ``s >= 1``.

    Scaling every covariance by :math:`s` raises all SINRs and ER powers; the smallest
    sufficient :math:`s` is used if it is at most :math:`1 + 10^{-3}` and the budget allows it.
    """
    gam, s2, k = pb.gam, pb.s2, pb.k
    sig = np.abs(np.einsum("km,mk->k", pb.H.conj(), Wb)) ** 2
    rest = out["sinr"]  # sig / (interf + s2)
    interf = np.where(rest > 0, sig / np.where(rest > 0, rest, 1.0) - s2, 0.0)
    need = [1.0]
    for i in range(k):
        if gam[i] > 0:
            margin = sig[i] - gam[i] * interf[i]
            need.append(gam[i] * s2[i] / margin if margin > 0 else np.inf)
    if pb.n_er:
        need.extend(pb.p_need / np.maximum(out["p_in"], 1e-300))
    s_fix = max(need) * (1 + 1e-10)
    if 1.0 < s_fix <= 1.0 + 1e-3 and s_fix * out["p_tx"] <= pb.p_max * (1 + 1e-9):
        Wb = Wb * math.sqrt(s_fix)
        WE = WE * s_fix
        out = pb.evaluate(Wb, WE)
    return Wb, WE, out


def _validated_inputs(H_info, G_energy, p_max, sinr_min, e_min, noise_power, bandwidth_hz):
    """Channels and per-receiver parameters, validated (ValueError/TypeError naming them)."""
    H, G = _channels(H_info, G_energy)
    k, m = H.shape
    n_er = G.shape[0]
    if k > MAX_RECEIVERS or n_er > MAX_RECEIVERS or m > MAX_RECEIVERS:
        raise ValueError(f"H_info and G_energy must have at most {MAX_RECEIVERS} rows and "
                         f"columns, got shapes {H.shape} and {G.shape}")
    real_scalar("p_max", p_max, 0.0, None, low_open=True)
    real_scalar("bandwidth_hz", bandwidth_hz, 0.0, None, low_open=True)
    gam = _per_receiver("sinr_min", sinr_min, k, "K")
    e_t = _per_receiver("e_min", e_min, n_er, "L")
    s2 = _per_receiver("noise_power", noise_power, k, "K")
    check_positive(p_max=p_max, noise_power=s2, bandwidth_hz=bandwidth_hz)
    check_nonnegative(sinr_min=gam, e_min=e_t)
    check_finite(p_max=p_max, sinr_min=gam, e_min=e_t, noise_power=s2,
                 bandwidth_hz=bandwidth_hz)
    return H, G, gam, e_t, s2


def _infeasibility(H, G, p_max, gam, s2, p_need):
    """Message of a cheap necessary condition that fails (each receiver alone), or ``""``."""
    if np.any(~np.isfinite(p_need)):
        return "an energy target e_l is at or above the EH saturation"
    nh2_all = np.real(np.sum(H.conj() * H, axis=1))
    if np.any(gam > p_max * nh2_all / s2 * (1 + 1e-12)):
        return "an SINR target exceeds the single-user bound P_max |h_k|^2 / sigma_k^2"
    if G.shape[0] and np.any(p_need > p_max * np.real(np.sum(G.conj() * G, axis=1))
                             * (1 + 1e-12)):
        return "an energy target exceeds the single-ER bound P_max |g_l|^2"
    return ""


def _final_result(pb, Wb, WE, out, ee_relaxed, history, iterations, inner, rank_one, status,
                  message, ftol):
    """The result, with the constraints checked a posteriori (``solver_error`` if violated)."""
    sinr_s, energy_s, power_s = pb.shortfalls(out)
    status, message = verified_status(
        status, message, {"SINR shortfall": sinr_s, "harvested-power shortfall": energy_s,
                          "power excess": power_s}, ftol)
    return SwiptEEResult(
        beamformers=Wb, energy_covariance=WE, ee=out["ee"], ee_relaxed=ee_relaxed,
        sum_rate=out["sum_rate"], sinr=out["sinr"], p_in=out["p_in"],
        p_harvested=out["p_harvested"], p_tx=out["p_tx"], p_total=out["p_total"],
        iterations=iterations, sca_iterations=inner.count, rank_one=rank_one,
        status=status, lambda_history=np.asarray(history), message=message,
    )


def optimize_swipt_ee(
    H_info,
    G_energy,
    p_max,
    sinr_min,
    e_min,
    noise_power,
    power_model=None,
    eh_model=None,
    *,
    bandwidth_hz=1.0,
    energy_beam=True,
    energy_cancellation=False,
    options=None,
    rng=None,
):
    r"""Maximise the SWIPT sum-rate energy efficiency (Dinkelbach + SCA + SDR).

    Parameters
    ----------
    H_info : array_like, shape (K, M)
        IR channels (rows :math:`h_k`). Must be 2-D: a single IR is ``h[None, :]`` (a 1-D
        array is rejected rather than guessed to be K = 1 or M = 1). At most
        :data:`MAX_RECEIVERS` rows and columns; finite.
    G_energy : array_like, shape (L, M)
        ER channels (rows :math:`g_l`; ``L = 0`` allowed: any empty array).
    p_max : float
        Power budget [W].
    sinr_min : float or array_like, shape (K,)
        SINR targets :math:`\gamma_k` [-] (linear, ≥ 0).
    e_min : float or array_like, shape (L,)
        Harvested DC power targets :math:`e_l` [W] (must be below the EH saturation).
    noise_power : float or array_like, shape (K,)
        IR noise powers :math:`\sigma_k^2` [W].
    power_model, eh_model
        As in :func:`~wirelesseff.fas.wet.optimize_wet_efficiency` (defaults:
        :func:`~wirelesseff.fas.default_power_model`,
        :func:`~wirelesseff.fas.default_eh_model`).
    bandwidth_hz : float, optional
        :math:`B` [Hz] (default 1 Hz: EE in bit/J per Hz).
    energy_beam : bool, optional
        Optimise a dedicated energy covariance :math:`W_E` (default True).
    energy_cancellation : bool, optional
        IRs cancel :math:`W_E` (default False: it interferes).
    options : SwiptOptions, optional
        Solver settings (randomisations, tolerances, iteration limits, solver); default
        ``SwiptOptions()``.
    rng : Generator, int or None, optional
        Random source of the randomisation.

    Returns
    -------
    SwiptEEResult
        ``status`` is ``"optimal"``/``"optimal_inaccurate"`` only if the returned beams were
        checked to meet every SINR target, every harvested-power target and the power budget
        within ``options.feasibility_tol`` (relative, default 1e-6); ``"infeasible"`` when no
        point meeting them exists or was recovered; ``"solver_error"`` otherwise (message in
        ``message``).

    Notes
    -----
    1. IR channels are normalised by :math:`\sigma_k` and the covariances by :math:`P_\max`;
       the power-minimisation SDP under all constraints gives :math:`W^{(0)}`, or
       ``"infeasible"`` if its power exceeds :math:`P_\max` (also if some
       :math:`e_l \ge \Phi(\infty)`).
    2. Dinkelbach [D67]_ (:func:`wirelesseff.optimize.dinkelbach`) from
       :math:`\lambda_0 = \mathrm{EE}(W^{(0)})` with
       :math:`R_k = \log_2 S_k - \log_2 I_k`,
       :math:`S_k = \sum_j\mathrm{tr}(H_kW_j) + \mathrm{tr}(H_kW_E)[\text{not cancelled}]
       + \sigma^2`, :math:`I_k = S_k - \mathrm{tr}(H_kW_k)`.
    3. Inner SCA: :math:`\log_2 I_k` is replaced by its first-order upper bound at the current
       point, giving the concave program :math:`\max B\sum_k\tilde R_k - \lambda P_\mathrm{tot}`
       (exponential and PSD cones, DPP, compiled once per shape); iterate until the gain is
       below ``tol``. Warm starts make :math:`F(\lambda_i) \ge 0`, so :math:`\lambda` is
       non-decreasing.
    4. Rank one: principal eigenvectors when :math:`\lambda_\max/\mathrm{tr}W_k \ge 1-10^{-6}`
       for all :math:`k`; otherwise Gaussian randomisation [L10]_ of the directions with
       powers :math:`\mathrm{tr}W_k` and :math:`W_E` kept (any rank is realisable for energy
       signals); infeasible draws are repaired by the min-power LP over the beam powers
       (``scipy.optimize.linprog``, HiGHS); the best feasible EE is kept.
    5. A recovered point that beats the SCA stationary value warm-starts one more Dinkelbach
       pass; a final uniform scaling :math:`s \in (1, 1+10^{-3}]` of all covariances removes
       constraint shortfalls at solver tolerance; then every constraint is checked.

    Examples
    --------
    Single IR, no ER: the EE-optimal power follows the Lambert-W closed form
    (``lambertw_ratio_argmax``): :math:`a = \|h\|^2/\sigma^2 = 1250`,
    :math:`c = \xi P_c = 0.0175`, :math:`u^\star = e^{1+W_0((ac-1)/e)}`,
    :math:`p^\star = (u^\star-1)/a = 9.77` mW and
    :math:`\mathrm{EE} = \xi\log_2 u^\star/(p^\star + c) = 47.794` bit/J per Hz.

    >>> res = optimize_swipt_ee(np.array([[1.0, 0.5]]), np.zeros((0, 2)), 1.0, 1.0, [], 1e-3)
    >>> res.status, round(res.ee, 3), round(res.p_tx * 1e3, 2)
    ('optimal', 47.794, 9.77)
    """
    opts = SwiptOptions() if options is None else options
    if not isinstance(opts, SwiptOptions):
        raise TypeError(f"options must be a SwiptOptions, got {type(opts).__name__}")
    H, G, gam, e_t, s2 = _validated_inputs(H_info, G_energy, p_max, sinr_min, e_min,
                                           noise_power, bandwidth_hz)
    energy_beam = flag("energy_beam", energy_beam)
    energy_cancellation = flag("energy_cancellation", energy_cancellation)
    eh = resolve_eh(eh_model)
    k, m = H.shape
    n_er = G.shape[0]
    xi, pc = _power_params(power_model, m)
    p_max, B = float(p_max), float(bandwidth_hz)
    rng = as_generator(rng)

    p_need = np.asarray(eh.inverse(e_t), dtype=float).reshape(-1) if n_er else np.zeros(0)
    why = _infeasibility(H, G, p_max, gam, s2, p_need)
    if why:
        return _failed_result(m, k, n_er, "infeasible", why)
    pb = _SwiptProblem(H, G, p_max, gam, p_need, s2, xi, pc, eh, power_model, B,
                       bool(energy_beam), bool(energy_cancellation))
    try:
        return _solve(pb, opts, rng)
    except (ValueError, ArithmeticError, np.linalg.LinAlgError, cp.error.SolverError) as exc:
        # Inputs are validated above, so what fails here is numerics (overflowing data, a
        # solver answer violating its own constraints...): reported, never raised.
        return pb.fail("solver_error", f"numerical failure: {type(exc).__name__}: {exc}")


def _solve(pb, opts, rng):
    """Steps 1-5 of :func:`optimize_swipt_ee` after validation (may raise on numerics)."""
    m, k, n_er, p_max = pb.m, pb.k, pb.n_er, pb.p_max
    pmin, sca = _problems(m, k, n_er, pb.energy_beam, pb.cancel, opts.solver)
    r0 = pmin.solve(**pb.base)
    if r0.status == "infeasible" or (r0.ok and r0.value > 1.0 + 1e-7):
        return pb.fail("infeasible", f"minimum power {p_max * r0.value if r0.ok else math.inf:.6g}"
                                     f" W exceeds p_max={p_max:.6g} W or constraints conflict")
    if not r0.ok:
        return pb.fail(r0.status, r0.message)

    inner = _ScaInner(pb, sca, r0.variables, opts.tol, opts.max_sca)
    lam0 = pb.numerator(r0.variables) / pb.denominator(r0.variables)
    dres = dinkelbach(inner, pb.numerator, pb.denominator, tol=opts.tol,
                      max_iter=opts.max_dinkelbach, lambda0=lam0)
    if not dres.ok:
        return pb.fail(dres.status, dres.message)
    best, WE, rank_one = _recover(pb, dres.variables, opts.n_randomizations, rng)
    ee_relaxed = float(dres.value)
    history = list(dres.history)
    iterations = dres.iterations
    if best is not None and best[0] > ee_relaxed * (1 + 1e-9):
        # The recovered rank-one point is feasible for the relaxation and better than the SCA
        # stationary point: warm-start one more Dinkelbach pass from it (polishing).
        d2 = _polish(pb, inner, best, WE, opts)
        if d2.ok:
            best2, WE2, rank2 = _recover(pb, d2.variables, opts.n_randomizations, rng)
            ee_relaxed = max(ee_relaxed, float(d2.value))
            history += [v for v in d2.history if v > history[-1]]
            iterations += d2.iterations
            if best2 is not None and best2[0] >= best[0]:
                best, WE, rank_one = best2, WE2, rank2
    if best is None:
        return pb.fail("infeasible", "no rank-one point meeting the constraints was recovered")
    Wb, WE, out = _scale_to_feasibility(pb, best[1], WE, pb.evaluate(best[1], WE))
    status = "optimal_inaccurate" if inner.status == "optimal_inaccurate" else dres.status
    return _final_result(pb, Wb, WE, out, ee_relaxed, history, iterations, inner, rank_one,
                         status, dres.message, opts.feasibility_tol)
