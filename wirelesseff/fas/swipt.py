r"""Variant B: multiuser SWIPT sum-rate energy efficiency with fluid antennas.

A base station with :math:`M` active transmit ports serves :math:`K` information receivers
(IRs, channels :math:`h_k`, rows of ``H_info``) and :math:`L \ge 0` energy receivers (ERs,
channels :math:`g_l`, rows of ``G_energy``) with beams :math:`w_k` (covariances
:math:`W_k = w_kw_k^H`) and an optional energy covariance :math:`W_E`. With
:math:`H_k = h_kh_k^H`, :math:`G_l = g_lg_l^H` (gain :math:`|h^Hw|^2`, fas spec §1):

.. math::
    \mathrm{SINR}_k = \frac{\mathrm{tr}(H_kW_k)}{\sum_{j\ne k}\mathrm{tr}(H_kW_j)
        + \mathrm{tr}(H_kW_E)[\text{not cancelled}] + \sigma_k^2},\qquad
    P_l^\mathrm{in} = \sum_k \mathrm{tr}(G_lW_k) + \mathrm{tr}(G_lW_E),

    \mathrm{EE} = \frac{\sum_k B\log_2(1+\mathrm{SINR}_k)}
        {(\sum_k\mathrm{tr}W_k + \mathrm{tr}W_E)/\xi + P_c}\ [\mathrm{bit/J}],

maximised subject to :math:`\mathrm{SINR}_k \ge \gamma_k`, :math:`\Phi(P_l^\mathrm{in}) \ge
e_l` (:math:`\Leftrightarrow P_l^\mathrm{in} \ge \Phi^{-1}(e_l)`, linear) and the power budget
(fas spec §8; the standard SWIPT EE problem, cf. Boshkovska et al. 2015 and Ng, Lo, Schober,
IEEE TWC 13(12), 2014, doi:10.1109/TWC.2014.2314654, for the energy-efficient SWIPT
formulation).

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
    check_integer,
    check_nonnegative,
    check_positive,
)
from ..optimize import ParametricProblem, ProblemCache, dinkelbach, gaussian_randomization
from .harvesting import LinearEH
from .wet import _herm, _power_params, _solver_chain

__all__ = ["SwiptEEResult", "optimize_swipt_ee", "swipt_ee", "select_receive_ports"]

_RANK_ONE_TOL = 1e-6
_LN2 = math.log(2.0)


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
    r"""Evaluate SINRs, ER powers and EE of given beams (fas spec §8).

    Parameters
    ----------
    beamformers : array_like, shape (M, K)
        Information beams (columns) [√W].
    energy_covariance : array_like, shape (M, M) or None
        Energy covariance [W].
    H_info : array_like, shape (K, M)
        IR channels (rows :math:`h_k`; gain :math:`|h_k^Hw|^2`).
    G_energy : array_like, shape (L, M)
        ER channels (rows :math:`g_l`).
    noise_power : float or array_like, shape (K,)
        IR noise powers [W].
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
    Wb = np.asarray(beamformers, dtype=complex)
    H = np.atleast_2d(np.asarray(H_info, dtype=complex))
    G = np.asarray(G_energy, dtype=complex).reshape(-1, H.shape[1])
    m, k = Wb.shape
    WE = np.zeros((m, m), complex) if energy_covariance is None else np.asarray(
        energy_covariance, dtype=complex)
    s2 = np.broadcast_to(np.asarray(noise_power, dtype=float), (k,))
    xi, pc = _power_params(power_model, m)
    eh = LinearEH(0.5) if eh_model is None else eh_model
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


def _channels(H_info, G_energy):
    """Validated IR channels ``H`` (K, M) and ER channels ``G`` (L, M), complex and finite."""
    H = np.asarray(H_info, dtype=complex)
    if H.ndim != 2 or 0 in H.shape:
        raise ValueError(
            f"H_info must be a 2-D array of shape (K, M) (one row per IR; for one IR pass "
            f"h[None, :]), got shape {H.shape}"
        )
    m = H.shape[1]
    G = np.asarray(G_energy, dtype=complex)
    if G.size == 0:
        G = np.zeros((0, m), dtype=complex)  # no ER: [], np.zeros((0, M)), ...
    elif G.ndim != 2 or G.shape[1] != m:
        raise ValueError(
            f"G_energy must have shape (L, M) = (L, {m}) (one row per ER, M from H_info), "
            f"got shape {G.shape}"
        )
    check_finite(H_info=H, G_energy=G)
    return H, G


def _per_receiver(name, value, n, symbol):
    """A scalar or an (n,) array as a float array of shape (n,)."""
    arr = np.asarray(value, dtype=float)
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
    G = np.asarray(channels)
    if G.ndim != 3:
        raise ValueError(f"channels must have shape (K, N, M), got {G.shape}")
    ports = np.argmax(np.sum(np.abs(G) ** 2, axis=-1), axis=-1)
    return ports, G[np.arange(G.shape[0]), ports]


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
    n_randomizations=200,
    tol=1e-4,
    max_dinkelbach=20,
    max_sca=30,
    rng=None,
    solver="CLARABEL",
):
    r"""Maximise the SWIPT sum-rate energy efficiency (Dinkelbach + SCA + SDR).

    Parameters
    ----------
    H_info : array_like, shape (K, M)
        IR channels (rows :math:`h_k`). Must be 2-D: a single IR is ``h[None, :]`` (a 1-D
        array is rejected rather than guessed to be K = 1 or M = 1).
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
        As in :func:`~wirelesseff.fas.wet.optimize_wet_efficiency` (defaults: §9 affine model,
        ``LinearEH(0.5)``).
    bandwidth_hz : float, optional
        :math:`B` [Hz] (default 1 Hz: EE in bit/J per Hz).
    energy_beam : bool, optional
        Optimise a dedicated energy covariance :math:`W_E` (default True).
    energy_cancellation : bool, optional
        IRs cancel :math:`W_E` (default False: it interferes).
    n_randomizations : int, optional
        Gaussian randomisations if the relaxed beams are not rank one (default 200, [L10]_).
    tol : float, optional
        Relative tolerance of Dinkelbach and of the SCA gain (default 1e-4).
    max_dinkelbach, max_sca : int, optional
        Iteration limits (default 20, 30).
    rng : Generator, int or None, optional
        Random source of the randomisation.
    solver : str, optional
        First conic solver (Clarabel; SCS as fallback).

    Returns
    -------
    SwiptEEResult

    Notes
    -----
    1. IR channels are normalised by :math:`\sigma_k` and the covariances by :math:`P_\max`;
       the power-minimisation SDP under all constraints gives :math:`W^{(0)}`, or
       ``"infeasible"`` if its power exceeds :math:`P_\max` (also if some
       :math:`e_l \ge \Phi(\infty)`).
    2. Dinkelbach [D67]_ from :math:`\lambda_0 = \mathrm{EE}(W^{(0)})` with
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
    H, G = _channels(H_info, G_energy)
    k, m = H.shape
    n_er = G.shape[0]
    gam = _per_receiver("sinr_min", sinr_min, k, "K")
    e_t = _per_receiver("e_min", e_min, n_er, "L")
    s2 = _per_receiver("noise_power", noise_power, k, "K")
    check_positive(p_max=p_max, noise_power=s2, bandwidth_hz=bandwidth_hz, tol=tol)
    check_nonnegative(sinr_min=gam, e_min=e_t)
    check_finite(p_max=p_max, sinr_min=gam, e_min=e_t, noise_power=s2,
                 bandwidth_hz=bandwidth_hz)
    max_dink = check_integer("max_dinkelbach", max_dinkelbach, low=1)
    max_sca = check_integer("max_sca", max_sca, low=1)
    n_rand = check_integer("n_randomizations", n_randomizations, low=0)
    eh = LinearEH(0.5) if eh_model is None else eh_model
    xi, pc = _power_params(power_model, m)
    p_max, B = float(p_max), float(bandwidth_hz)
    rng = as_generator(rng)

    def fail(status, message):
        return SwiptEEResult(
            beamformers=np.full((m, k), np.nan, complex), energy_covariance=np.zeros((m, m),
                                                                                     complex),
            ee=0.0, ee_relaxed=math.nan, sum_rate=0.0, sinr=np.full(k, np.nan),
            p_in=np.full(n_er, np.nan), p_harvested=np.zeros(n_er), p_tx=0.0, p_total=math.nan,
            iterations=0, sca_iterations=0, rank_one=False, status=status, message=message,
        )

    p_need = np.asarray(eh.inverse(e_t), dtype=float).reshape(-1) if n_er else np.zeros(0)
    if np.any(~np.isfinite(p_need)):
        return fail("infeasible", "an energy target e_l is at or above the EH saturation")

    # necessary conditions (each receiver alone with the whole budget): cheap infeasibility
    nh2_all = np.real(np.sum(H.conj() * H, axis=1))
    if np.any(gam > p_max * nh2_all / s2 * (1 + 1e-12)):
        return fail("infeasible", "an SINR target exceeds the single-user bound "
                                  "P_max |h_k|^2 / sigma_k^2")
    if n_er and np.any(p_need > p_max * np.real(np.sum(G.conj() * G, axis=1)) * (1 + 1e-12)):
        return fail("infeasible", "an energy target exceeds the single-ER bound P_max |g_l|^2")

    # normalised data: W~ = W / P_max, h~ = h / sigma, g~ = g * sqrt(P_max / Phi^-1(e))
    # IR i: a_i = P_max |h_i|^2 / sigma_i^2 and unit-trace H^_i = h_i h_i^H / |h_i|^2, so that
    # S_i / a_i = tr(H^_i (sum_j W~_j + W~_E)) + 1/a_i is O(1) for the conic solver.
    nh2 = np.maximum(np.real(np.sum(H.conj() * H, axis=1)), 1e-300)
    a_ir = p_max * nh2 / s2
    Hn = [_herm(np.outer(H[i], H[i].conj()) / nh2[i]) for i in range(k)]
    Gn = []
    for l_ in range(n_er):
        g2 = max(float(np.vdot(G[l_], G[l_]).real), 1e-300)
        scale = p_max / p_need[l_] if p_need[l_] > 0 else 1.0 / g2
        Gn.append(_herm(scale * np.outer(G[l_], G[l_].conj())))
    er_rhs = (p_need > 0).astype(float)
    pmin, sca = _problems(m, k, n_er, bool(energy_beam), bool(energy_cancellation), solver)
    base = {f"H{i}": Hn[i] for i in range(k)}
    base.update({f"G{i}": Gn[i] for i in range(n_er)})
    base["cgam"] = gam / a_ir
    base.update({f"GH{i}": _herm(gam[i] * Hn[i]) for i in range(k)})
    if n_er:
        base["er"] = er_rhs
    r0 = pmin.solve(**base)
    if r0.status == "infeasible" or (r0.ok and r0.value > 1.0 + 1e-7):
        return fail("infeasible", f"minimum power {p_max * r0.value if r0.ok else math.inf:.6g} "
                                  f"W exceeds p_max={p_max:.6g} W or constraints conflict")
    if not r0.ok:
        return fail(r0.status, r0.message)

    def unpack(vars_):
        Ws = [np.asarray(vars_[f"W{i}"]) for i in range(k)]
        WE = np.asarray(vars_["WE"]) if energy_beam else np.zeros((m, m), complex)
        return Ws, WE

    def parts(Ws, WE):
        """S_k, I_k (normalised) and total normalised trace."""
        S = np.empty(k)
        I_ = np.empty(k)
        eint = 0.0
        for i in range(k):
            rx = [float(np.real(np.trace(Hn[i] @ Wj))) for Wj in Ws]
            eint = 0.0 if not energy_beam or energy_cancellation else float(
                np.real(np.trace(Hn[i] @ WE)))
            S[i] = a_ir[i] * (sum(rx) + eint) + 1.0
            I_[i] = S[i] - a_ir[i] * rx[i]
        tr = float(sum(np.real(np.trace(Wj)) for Wj in Ws) + np.real(np.trace(WE)))
        return S, I_, tr

    def numerator(x):
        S, I_, _ = parts(*unpack(x))
        return B * float(np.sum(np.log2(S) - np.log2(I_)))

    def denominator(x):
        _, _, tr = parts(*unpack(x))
        return p_max * tr / xi + pc

    state = {"x": dict(r0.variables), "sca": 0, "status": "optimal"}

    def inner(lam):
        x = state["x"]
        f_old = numerator(x) - lam * denominator(x)
        for _ in range(max_sca):
            _, I_, _ = parts(*unpack(x))
            params = dict(base)
            params["d"] = 1.0 / a_ir
            for i in range(k):
                params[f"A{i}"] = _herm(Hn[i] * (a_ir[i] / I_[i]))
            # objective scaled by ln2/B: sum log S - sum I/I0 - lam' tr
            params["lam"] = lam * p_max / xi * _LN2 / B
            res = sca.solve(**params)
            state["sca"] += 1
            if not res.ok:
                if state["sca"] == 1:
                    return res
                break
            if res.status == "optimal_inaccurate":
                state["status"] = "optimal_inaccurate"
            x_new = dict(res.variables)
            f_new = numerator(x_new) - lam * denominator(x_new)
            if f_new < f_old - 1e-12 * max(abs(f_old), 1.0):
                break  # numerical non-improvement: keep the previous point
            gain = f_new - f_old
            x, f_old = x_new, f_new
            if gain <= tol * max(abs(numerator(x)), 1e-12):
                break
        state["x"] = x
        return x

    lam0 = numerator(r0.variables) / denominator(r0.variables)
    dres = dinkelbach(inner, numerator, denominator, tol=tol, max_iter=max_dink, lambda0=lam0)
    if not dres.ok:
        return fail(dres.status, dres.message)
    def recover(variables):
        """Rank-one beams from a relaxed solution: (best, WE, rank_one)."""
        Ws_n, WE_n = unpack(variables)
        Ws = []
        for Wj in Ws_n:
            ev_, U_ = np.linalg.eigh(p_max * 0.5 * (Wj + Wj.conj().T))
            Ws.append((U_ * np.clip(ev_, 0.0, None)) @ U_.conj().T)
        WE = p_max * 0.5 * (WE_n + WE_n.conj().T)
        lam_e, U_e = np.linalg.eigh(WE)
        WE = (U_e * np.clip(lam_e, 0.0, None)) @ U_e.conj().T

        # rank-one recovery
        eig = [np.linalg.eigh(Wj) for Wj in Ws]
        traces = np.array([float(np.sum(np.clip(ev, 0.0, None))) for ev, _ in eig])
        ratios = np.array([ev[-1] / t if t > 0 else 1.0 for (ev, _), t in zip(eig, traces)])
        rank_one = bool(np.all(ratios >= 1.0 - _RANK_ONE_TOL))
        principal = np.stack([math.sqrt(max(ev[-1], 0.0)) * U[:, -1] for ev, U in eig], axis=1)

        def evaluate(Wb):
            return swipt_ee(Wb, WE if energy_beam else None, H, G, s2, power_model, eh,
                            bandwidth_hz=B, energy_cancellation=energy_cancellation)

        def feasible(out):
            ok = np.all(out["sinr"] >= gam * (1 - 1e-6))
            if n_er:
                ok &= bool(np.all(out["p_in"] >= p_need * (1 - 1e-6)))
            return bool(ok) and out["p_tx"] <= p_max * (1 + 1e-6)

        def repair(dirs):
            """Min-power LP over beam powers for unit directions dirs (M, K)."""
            g = np.abs(H.conj() @ dirs) ** 2  # (K, K)
            eint = (np.zeros(k) if not energy_beam or energy_cancellation else
                    np.real(np.einsum("km,mn,kn->k", H.conj(), WE, H)))
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
                    b_ub.append(-(p_need[l_] - ee_[l_]))
            a_ub.append(np.ones(k))
            b_ub.append(p_max - float(np.real(np.trace(WE))))
            sol = linprog(np.ones(k), A_ub=np.array(a_ub), b_ub=np.array(b_ub),
                          bounds=[(0, None)] * k, method="highs")
            if sol.status != 0:
                return None
            return dirs * np.sqrt(np.clip(sol.x, 0.0, None))

        best = None
        if rank_one:
            out = evaluate(principal)
            if feasible(out):
                best = (out["ee"], principal)
            else:
                rep = repair(principal / np.maximum(np.linalg.norm(principal, axis=0), 1e-300))
                if rep is not None:
                    best = (evaluate(rep)["ee"], rep)
        if best is None or (not rank_one and n_rand > 0):
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
                out = evaluate(Wb)
                if not feasible(out):
                    Wb = repair(dirs)
                    if Wb is None:
                        return None
                    out = evaluate(Wb)
                    if not feasible(out):
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
        return best, WE, rank_one

    best, WE, rank_one = recover(dres.variables)
    ee_relaxed = float(dres.value)
    history = list(dres.history)
    iterations = dres.iterations
    if best is not None and best[0] > ee_relaxed * (1 + 1e-9):
        # The recovered rank-one point is feasible for the relaxation and better than the SCA
        # stationary point: warm-start one more Dinkelbach pass from it (polishing).
        Wb0 = best[1]
        x1 = {f"W{i}": np.outer(Wb0[:, i], Wb0[:, i].conj()) / p_max for i in range(k)}
        if energy_beam:
            x1["WE"] = WE / p_max
        state["x"] = x1
        d2 = dinkelbach(inner, numerator, denominator, tol=tol, max_iter=max_dink,
                        lambda0=numerator(x1) / denominator(x1))
        if d2.ok:
            best2, WE2, rank2 = recover(d2.variables)
            ee_relaxed = max(ee_relaxed, float(d2.value))
            history += [v for v in d2.history if v > history[-1]]
            iterations += d2.iterations
            if best2 is not None and best2[0] >= best[0]:
                best, WE, rank_one = best2, WE2, rank2
    if best is None:
        return fail("infeasible", "no rank-one point meeting the constraints was recovered")
    Wb = best[1]
    out = swipt_ee(Wb, WE if energy_beam else None, H, G, s2, power_model, eh, bandwidth_hz=B,
                   energy_cancellation=energy_cancellation)
    # Solver tolerances can leave a constraint a hair (< 1e-3 relative) short; scaling every
    # covariance by s >= 1 raises all SINRs and ER powers, so the smallest sufficient s makes
    # the point exactly feasible if the power budget allows it.
    sig = np.abs(np.einsum("km,mk->k", H.conj(), Wb)) ** 2
    rest = out["sinr"]  # sig / (interf + s2)
    interf = np.where(rest > 0, sig / np.where(rest > 0, rest, 1.0) - s2, 0.0)
    need = [1.0]
    for i in range(k):
        if gam[i] > 0:
            margin = sig[i] - gam[i] * interf[i]
            need.append(gam[i] * s2[i] / margin if margin > 0 else np.inf)
    if n_er:
        need.extend(p_need / np.maximum(out["p_in"], 1e-300))
    s_fix = max(need) * (1 + 1e-10)
    if 1.0 < s_fix <= 1.0 + 1e-3 and s_fix * out["p_tx"] <= p_max * (1 + 1e-9):
        Wb = Wb * math.sqrt(s_fix)
        WE = WE * s_fix
        out = swipt_ee(Wb, WE if energy_beam else None, H, G, s2, power_model, eh,
                       bandwidth_hz=B, energy_cancellation=energy_cancellation)
    status = "optimal_inaccurate" if state["status"] == "optimal_inaccurate" else dres.status
    return SwiptEEResult(
        beamformers=Wb, energy_covariance=WE, ee=out["ee"], ee_relaxed=ee_relaxed,
        sum_rate=out["sum_rate"], sinr=out["sinr"], p_in=out["p_in"],
        p_harvested=out["p_harvested"], p_tx=out["p_tx"], p_total=out["p_total"],
        iterations=iterations, sca_iterations=state["sca"], rank_one=rank_one,
        status=status, lambda_history=np.asarray(history), message=dres.message,
    )
