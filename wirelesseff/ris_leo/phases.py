r"""RIS phase design: closed form, discrete phases, double-RIS alternating optimisation and SDR.

Single RIS (see docs/ris_leo.md, 'Phase design'): the end-to-end channel is

.. math:: h(\theta) = h_d + \sum_{n=1}^N g_n e^{j\theta_n} h_n,

with direct channel :math:`h_d`, incident channels :math:`g_n` and reflected channels
:math:`h_n`. Double RIS (order Tx → A → B → Rx):

.. math:: h = h_d + r_a^T\Theta_a g_a + r_b^T\Theta_b g_b + r_b^T\Theta_b S\Theta_a g_a,

:math:`\Theta = \operatorname{diag}(e^{j\theta})`. Batch axes come first and elements last.

References
----------
.. [1] Q. Wu, R. Zhang, "Beamforming optimization for wireless network aided by intelligent
   reflecting surface with discrete phase shifts", IEEE Trans. Commun. 68(3):1838-1851, 2020,
   doi:10.1109/TCOMM.2019.2958916, arXiv:1906.03165.
.. [2] Q. Wu, R. Zhang, "Intelligent reflecting surface enhanced wireless network via joint
   active and passive beamforming", IEEE Trans. Wireless Commun. 18(11):5394-5409, 2019,
   doi:10.1109/TWC.2019.2936025 (SDR with Gaussian randomisation).
.. [3] Y. Han, S. Zhang, L. Duan, R. Zhang, "Cooperative double-IRS aided communication: beamforming
   design and power scaling", IEEE Wireless Commun. Lett. 9(8):1206-1210, 2020,
   doi:10.1109/LWC.2020.2986290.
.. [4] B. Zheng, C. You, R. Zhang, "Double-IRS assisted multi-user MIMO: cooperative passive
   beamforming design", IEEE Trans. Wireless Commun. 20(7):4513-4526, 2021, arXiv:2008.13701.
.. [5] B. Zheng, C. You, R. Zhang, "Efficient channel estimation for double-IRS aided multi-user
   MIMO system", IEEE JSAC 2022 (double-IRS survey/system model), arXiv:2201.02913.
"""

from __future__ import annotations

import numbers
import time
from dataclasses import dataclass, field

import numpy as np
from numba import njit

from .._validation import as_generator, check_choice, check_integer, renamed_parameters
from ..optimize.numerics import ProblemCache, precise_scs
from ..optimize.parametric import normalize_solver_chain
from ._checks import complex_array, real, real_scalar

__all__ = [
    "CONSTRAINT_TOL",
    "MAX_PHASE_BITS",
    "MAX_RANDOMIZATIONS",
    "MAX_SDR_ELEMENTS",
    "MAX_SWEEPS",
    "DoubleRISResult",
    "SDRResult",
    "SDR_SOLVERS",
    "alternating_double_ris",
    "discrete_refinement",
    "optimal_phases",
    "quantization_loss",
    "quantize_phases",
    "sdr_phases",
]

_TWO_PI = 2.0 * np.pi

#: Largest finite phase resolution [bit] (65 536 levels; :math:`1-\eta(16) < 10^{-9}`, so a
#: finer resolution is continuous for every purpose: pass ``inf``).
MAX_PHASE_BITS = 16
#: Largest number of sweeps / alternating iterations accepted.
MAX_SWEEPS = 100_000
#: Largest SDR size :math:`N` of :func:`sdr_phases` (the (N+1)² semidefinite variable makes
#: larger problems take hours with the open solvers).
MAX_SDR_ELEMENTS = 512
#: Largest number of Gaussian randomisations of :func:`sdr_phases`.
MAX_RANDOMIZATIONS = 1_000_000
#: Tolerance of the a-posteriori checks of :func:`sdr_phases` (diagonal of V equal to 1 and
#: V positive semidefinite, relative) and of :func:`alternating_double_ris` (phases on the
#: grid, reported gain reproduced) [-].
CONSTRAINT_TOL = 1e-6


def _is_continuous(bits):
    return bits is None or (np.ndim(bits) == 0 and not isinstance(bits, str | bytes)
                            and isinstance(bits, numbers.Real) and np.isinf(float(bits)))


def _check_bits(bits, name="bits"):
    """Phase resolution(s) as a float array: integers in [1, MAX_PHASE_BITS] or ``inf``."""
    if isinstance(bits, bool | np.bool_):
        raise TypeError(f"{name} must be an integer >= 1 or inf, got a boolean {bits!r}")
    b = np.asarray(real(name, bits, allow_inf=True))
    bad = (b < 1) | (np.isfinite(b) & ((b != np.round(b)) | (b > MAX_PHASE_BITS)))
    if np.any(bad):
        raise ValueError(f"{name} must be an integer in [1, {MAX_PHASE_BITS}] or inf, got "
                         f"{b[bad].ravel()[0]:g}")
    return b


def optimal_phases(h_direct, g, h):
    r"""Closed-form optimal phases of a single RIS [rad], in [0, 2π).

    Parameters
    ----------
    h_direct : array_like, shape (...)
        Direct channel :math:`h_d` (complex; 0 when there is none).
    g, h : array_like, shape (..., N)
        Incident and reflected channels.

    Returns
    -------
    ndarray, shape (..., N)
        :math:`\theta_n = \arg h_d - \arg(g_nh_n) \bmod 2\pi`, which co-phases every path with
        the direct one and attains :math:`|h| = |h_d| + \sum_n|g_nh_n|` (Wu & Zhang 2019,
        Eq. (7)). With :math:`h_d = 0` the reference phase is 0.

    Raises
    ------
    ValueError
        For NaN/inf channel entries or shapes that do not broadcast.
    TypeError
        For non-numeric channels.

    Examples
    --------
    >>> g = np.array([1j, -1.0]); h = np.array([1.0, 1.0])
    >>> th = optimal_phases(0.0, g, h)
    >>> round(float(abs(np.sum(g * np.exp(1j * th) * h))), 12)
    2.0
    """
    hd, w = _channels(h_direct, g, h)
    return np.mod(np.angle(hd)[..., None] - np.angle(w), _TWO_PI)


def _channels(h_direct, g, h):
    """Checked ``(h_d, g*h)`` of a single-RIS link (finite complex, broadcast shapes)."""
    hd = complex_array("h_direct", h_direct)
    g = complex_array("g", g)
    h = complex_array("h", h)
    if g.ndim == 0 or h.ndim == 0:
        raise ValueError(f"g and h must have a trailing element axis, got shapes {g.shape} and "
                         f"{h.shape}")
    try:
        w = g * h
    except ValueError:
        raise ValueError(f"g and h must broadcast, got shapes {g.shape} and {h.shape}") from None
    try:
        np.broadcast_shapes(hd.shape, w.shape[:-1])
    except ValueError:
        raise ValueError(f"h_direct of shape {hd.shape} must broadcast with the batch shape "
                         f"{w.shape[:-1]} of g and h") from None
    if w.shape[-1] == 0:
        raise ValueError("g and h must have at least one element")
    return hd, w


def quantize_phases(phases, bits):
    r"""Round phases to the nearest of :math:`2^b` uniform levels :math:`2\pi l/2^b` [rad].

    Parameters
    ----------
    phases : array_like
        Phases [rad] (any real values).
    bits : int, inf, None or array_like
        Phase resolution :math:`b`, an integer in [1, :data:`MAX_PHASE_BITS`]; ``None`` or
        ``inf`` returns the input unchanged. An array broadcasts against ``phases`` (e.g. one
        resolution per element); its ``inf`` entries leave the corresponding phases unchanged.

    Returns
    -------
    ndarray
        Quantised phases in :math:`[0, 2\pi)` (unchanged where :math:`b = \infty`); the error
        is at most :math:`\pi/2^b`.

    Notes
    -----
    The level spacing is :math:`2\pi/2^b`; omitting the :math:`2\pi` factor quantises on the
    wrong grid (see docs/ris_leo.md, 'Pitfalls').

    Examples
    --------
    >>> quantize_phases([0.1, 1.7, 3.3], 2)
    array([0.        , 1.57079633, 3.14159265])
    >>> quantize_phases([0.1, 1.7], [1, np.inf])  # per-element resolution
    array([0. , 1.7])
    """
    ph = real("phases", phases)
    if _is_continuous(bits):
        return ph[()] if ph.ndim == 0 else ph
    b = _check_bits(bits)
    try:
        np.broadcast_shapes(ph.shape, b.shape)
    except ValueError:
        raise ValueError(f"bits of shape {b.shape} must broadcast with phases of shape "
                         f"{ph.shape}") from None
    finite = np.isfinite(b)
    step = _TWO_PI / np.power(2.0, np.where(finite, b, 1.0))
    q = np.where(finite, np.mod(np.round(ph / step) * step, _TWO_PI), ph)
    return q[()] if q.ndim == 0 else q


def quantization_loss(bits):
    r"""Average beamforming-gain loss of :math:`b`-bit phases, :math:`\eta(b) =
    (\sin(\pi/2^b)/(\pi/2^b))^2` [-].

    Parameters
    ----------
    bits : array_like
        Phase resolution :math:`b`, integers in [1, :data:`MAX_PHASE_BITS`], ``inf`` (or
        ``None``) for continuous phases.

    Returns
    -------
    ndarray or float
        :math:`\eta(b)` (Wu & Zhang 2020, Eq. (38)/Lemma 1: large-:math:`N` ratio of the
        received power with uniform quantisation error to the continuous optimum);
        :math:`\eta(\infty) = 1`. Two surfaces give :math:`\eta(b_1)\eta(b_2)`.

    Raises
    ------
    ValueError
        If ``bits`` is not an integer in [1, :data:`MAX_PHASE_BITS`] or ``inf``.

    Examples
    --------
    >>> round(float(quantization_loss(1)), 6)  # 4/pi^2
    0.405285
    >>> float(quantization_loss(np.inf))
    1.0
    """
    if bits is None:
        return 1.0
    b = _check_bits(bits)
    x = np.pi / np.power(2.0, b)
    with np.errstate(invalid="ignore"):
        eta = np.where(np.isinf(b), 1.0, (np.sin(x) / np.where(x == 0, 1.0, x)) ** 2)
    eta = np.asarray(eta, dtype=float)
    return eta[()] if eta.ndim == 0 else eta


# ---------------------------------------------------------------------------------------------
# Discrete refinement (coordinate ascent over the phase levels)
# ---------------------------------------------------------------------------------------------


@njit(cache=True)
def _refine_kernel(hd, w, levels, init_idx, max_sweeps):  # pragma: no cover - numba compiled
    n_batch, n = w.shape
    out = init_idx.copy()
    gains = np.empty(n_batch)
    n_lv = levels.shape[0]
    step = 2.0 * np.pi / n_lv
    for b in range(n_batch):
        total = hd[b]
        for i in range(n):
            total += w[b, i] * np.exp(1j * levels[out[b, i]])
        for _ in range(max_sweeps):
            changed = False
            for i in range(n):
                wi = w[b, i]
                cur = wi * np.exp(1j * levels[out[b, i]])
                c = total - cur
                if wi == 0:
                    continue
                target = np.angle(c) - np.angle(wi)
                li = int(np.round(target / step)) % n_lv
                if li < 0:
                    li += n_lv
                cand = wi * np.exp(1j * levels[li])
                if abs(c + cand) > abs(total) * (1.0 + 1e-13) + 1e-300:
                    out[b, i] = li
                    total = c + cand
                    changed = True
            if not changed:
                break
        gains[b] = abs(total) ** 2
    return out, gains


def _refine_numpy(hd, w, levels, init_idx, max_sweeps):
    """NumPy reference of :func:`_refine_kernel` (vectorised over the batch, loop over elements)."""
    idx = init_idx.copy()
    n_lv = levels.shape[0]
    step = _TWO_PI / n_lv
    rows = np.arange(w.shape[0])
    total = hd + np.sum(w * np.exp(1j * levels[idx]), axis=-1)
    active = np.ones(w.shape[0], bool)
    for _ in range(max_sweeps):
        changed = np.zeros(w.shape[0], bool)
        for i in range(w.shape[1]):
            wi = w[:, i]
            c = total - wi * np.exp(1j * levels[idx[:, i]])
            li = np.mod(np.round((np.angle(c) - np.angle(wi)) / step).astype(np.int64), n_lv)
            cand = c + wi * np.exp(1j * levels[li])
            better = active & (wi != 0) & (np.abs(cand) > np.abs(total) * (1 + 1e-13) + 1e-300)
            idx[rows[better], i] = li[better]
            total = np.where(better, cand, total)
            changed |= better
        active &= changed
        if not np.any(active):
            break
    return idx, np.abs(total) ** 2


def discrete_refinement(h_direct, g, h, bits, *, init=None, max_sweeps=20, backend="numba"):
    r"""Discrete-phase design by element-wise coordinate ascent (Wu & Zhang 2020, Sec. IV-B).

    Parameters
    ----------
    h_direct : array_like, shape (...)
        Direct channel.
    g, h : array_like, shape (..., N)
        Incident and reflected channels.
    bits : int
        Phase resolution :math:`b`, in [1, :data:`MAX_PHASE_BITS`] (levels :math:`2\pi l/2^b`).
    init : array_like, shape (..., N), optional
        Starting phases [rad] (finite; quantised first); default: the quantised closed form
        :func:`optimal_phases`.
    max_sweeps : int
        Maximum number of passes over the elements, in [1, :data:`MAX_SWEEPS`].
    backend : {"numba", "numpy"}
        Compiled kernel (default) or the NumPy reference implementation.

    Returns
    -------
    phases : ndarray, shape (..., N)
        Discrete phases [rad].
    gain : ndarray, shape (...)
        :math:`|h_d + \sum_n g_nh_ne^{j\theta_n}|^2`.

    Notes
    -----
    Each step sets :math:`\theta_n` to the level maximising :math:`|c_n + g_nh_ne^{j\theta}|`
    with :math:`c_n` the sum of all other paths; the best level is the one nearest to
    :math:`\arg c_n - \arg(g_nh_n)`. A level is changed only when the gain strictly increases,
    so the gain is monotone and the iteration stops after a sweep without change (a local
    optimum w.r.t. single-element changes; Wu & Zhang 2020, Sec. IV-B).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> g = rng.standard_normal(64) + 1j * rng.standard_normal(64)
    >>> h = rng.standard_normal(64) + 1j * rng.standard_normal(64)
    >>> th, gain = discrete_refinement(0.0, g, h, bits=1)
    >>> plain = abs(np.sum(g * h * np.exp(1j * quantize_phases(optimal_phases(0, g, h), 1))))**2
    >>> bool(gain >= plain)
    True
    """
    bits = check_integer("bits", bits, low=1, high=MAX_PHASE_BITS)
    max_sweeps = check_integer("max_sweeps", max_sweeps, low=1, high=MAX_SWEEPS)
    check_choice("backend", backend, ("numba", "numpy"))
    hd, w = _channels(h_direct, g, h)
    batch = np.broadcast_shapes(hd.shape, w.shape[:-1])
    w = np.broadcast_to(w, batch + w.shape[-1:])
    hd = np.broadcast_to(hd, batch)
    n_lv = 2**bits
    levels = _TWO_PI * np.arange(n_lv) / n_lv
    if init is None:
        start = _closed_form(hd, w, 1.0)
    else:
        start = real("init", init)
        try:
            start = np.broadcast_to(start, w.shape)
        except ValueError:
            raise ValueError(f"init of shape {start.shape} must broadcast to the channel shape "
                             f"{w.shape}") from None
    idx0 = np.mod(np.round(np.asarray(start, float) / (_TWO_PI / n_lv)), n_lv).astype(np.int64)
    batch = w.shape[:-1]
    w2 = np.ascontiguousarray(w.reshape(-1, w.shape[-1]))
    hd2 = np.ascontiguousarray(hd.reshape(-1))
    i2 = np.ascontiguousarray(idx0.reshape(-1, w.shape[-1]))
    fn = _refine_kernel if backend == "numba" else _refine_numpy
    idx, gain = fn(hd2, w2, levels, i2, max_sweeps)
    phases = levels[idx].reshape(w.shape)
    gain = gain.reshape(batch)
    return phases, (gain[()] if gain.ndim == 0 else gain)


# ---------------------------------------------------------------------------------------------
# SDR
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SDRResult:
    r"""Result of :func:`sdr_phases`.

    Attributes
    ----------
    phases : ndarray, shape (N,)
        Best randomised phases [rad].
    objective : float
        :math:`|h(\theta)|^2` at ``phases``.
    upper_bound : float
        SDR bound :math:`\operatorname{tr}(RV^\star)\ge` the optimum (nan if the solver failed).
    status : str
        ``wirelesseff.optimize`` status, checked a posteriori: ``"optimal"`` only if the
        solver reported it **and** :math:`V` satisfies its constraints within
        :data:`CONSTRAINT_TOL` (:math:`|V_{ii}-1|` and the most negative eigenvalue, relative
        to the largest) and ``objective`` does not exceed ``upper_bound`` by more than that
        tolerance; ``"optimal_inaccurate"`` if these checks hold within 1e-3 only (or the
        solver said so); ``"solver_error"`` otherwise (phases are then NaN).
    solve_time : float
        Wall-clock time of the whole call [s].
    solver : str
        Solver that answered.
    info : dict
        ``max_constraint_violation`` (of :math:`V`), ``n_candidates``, ``best_index``, or the
        solver ``message``.
    """

    phases: np.ndarray
    objective: float
    upper_bound: float
    status: str
    solve_time: float
    solver: str = ""
    info: dict = field(default_factory=dict)


#: Default solver chain of :func:`sdr_phases`: SCS (first-order, fast on these dense SDPs and
#: warm-started on re-solves) with tight tolerances, then Clarabel (interior point: accurate but
#: ~9 s for N = 32, whose real-embedded PSD block has 66 rows).
SDR_SOLVERS = (precise_scs(1e-7), "CLARABEL")


_SDR_CACHE = ProblemCache(maxsize=32)


def _sdr_problem(n: int, solver_key):
    """The SDR of size ``n`` as a ParametricProblem, compiled once per (size, solver chain)."""
    return _SDR_CACHE.get((n, repr(solver_key)), lambda: _build_sdr_problem(n, solver_key))


def _build_sdr_problem(n: int, solver_key):
    import cvxpy as cp

    from ..optimize import ParametricProblem

    v = cp.Variable((n, n), hermitian=True, name="V")
    # tr(RV) = vec(R^T) . vec(V): a vector parameter keeps the DPP map at n^2 non-zeros
    # (R @ V compiles an n^3 tensor and a matrix parameter in multiply() an n^4 one)
    c = cp.Parameter(n * n, complex=True, name="c")
    prob = cp.Problem(cp.Maximize(cp.real(c @ cp.vec(v, order="F"))),
                      [v >> 0, cp.real(cp.diag(v)) == 1])
    return ParametricProblem(prob, solvers=solver_key)


def sdr_phases(h_direct, g, h, *, R=None, n_randomizations=100, rng=None, solver=None):
    r"""Single-RIS phases by semidefinite relaxation with Gaussian randomisation.

    Parameters
    ----------
    h_direct : complex
        Direct channel :math:`h_d`.
    g, h : array_like, shape (N,)
        Incident and reflected channels (ignored when ``R`` is given, except for their length).
    R : ndarray, shape (N+1, N+1), optional
        Hermitian PSD objective matrix; default :math:`R = \bar w^*\bar w^T` with
        :math:`\bar w = [g\odot h;\ h_d]`, so that :math:`|h|^2 = x^HRx` for
        :math:`x = [e^{j\theta}; 1]`.
    n_randomizations : int
        Number of Gaussian draws :math:`\xi = U\Lambda^{1/2}r`, :math:`r\sim\mathcal{CN}(0,I)`,
        in [1, :data:`MAX_RANDOMIZATIONS`].
    rng : Generator, int or None
        Random source for the draws.
    solver : str or sequence, optional
        Solver chain for :class:`wirelesseff.optimize.ParametricProblem`; default
        :data:`SDR_SOLVERS` (SCS with tolerance 1e-7, then Clarabel).

    Returns
    -------
    SDRResult
        ``phases``, ``objective``, ``upper_bound``, ``status`` (checked a posteriori, see
        :class:`SDRResult`), ``solve_time``, ``solver``.

    Raises
    ------
    ValueError
        For NaN/inf channel or ``R`` entries, a non-Hermitian ``R``, or :math:`N >`
        :data:`MAX_SDR_ELEMENTS` (all before the solver runs).

    Notes
    -----
    Solves :math:`\max \operatorname{Re}\operatorname{tr}(RV)` s.t. :math:`V\succeq 0`,
    :math:`V_{ii} = 1`, then recovers phases :math:`\arg(\xi_{1:N}/\xi_{N+1})` and keeps the best
    draw (Wu & Zhang 2019, Sec. III-A). :math:`R` is normalised by its largest entry before the
    solve (numerical hygiene) and mapped back. For a single block :math:`R` has rank one and the
    relaxation is tight. The problem is compiled once per size and re-solved (DPP, warm start).
    ``upper_bound`` is the solver's :math:`\operatorname{tr}(RV^\star)`; with a first-order
    solver it is accurate to about its tolerance.

    Examples
    --------
    >>> g = np.exp(1j * np.arange(4.0)); h = np.ones(4)
    >>> res = sdr_phases(0.5, g, h, n_randomizations=20, rng=0)
    >>> round(res.objective, 4), res.status
    (20.25, 'optimal')
    """
    from ..optimize import gaussian_randomization

    t0 = time.perf_counter()
    n_randomizations = check_integer("n_randomizations", n_randomizations, low=1,
                                     high=MAX_RANDOMIZATIONS)
    gen = as_generator(rng)
    if solver is None:
        solver_key = SDR_SOLVERS
    else:  # checked before anything is solved; errors name ``solver``
        with renamed_parameters(solvers="solver"):
            solver_key = normalize_solver_chain(solver)
    if R is None:
        hd, w = _channels(h_direct, g, h)
        if w.ndim != 1 or hd.ndim != 0:
            raise ValueError(f"sdr_phases solves one link: g and h must be 1-D and h_direct a "
                             f"scalar, got shapes {w.shape} and {hd.shape}")
        _check_sdr_size(w.shape[0])
        wbar = np.concatenate([w, [complex(hd)]])
        R = np.outer(np.conj(wbar), wbar)
    R = complex_array("R", R)
    n = R.shape[0] if R.ndim else 0
    if R.shape != (n, n) or n < 2:
        raise ValueError(f"R must be a square matrix of size N+1 >= 2, got shape {R.shape}")
    _check_sdr_size(n - 1)
    if not np.allclose(R, R.conj().T, atol=1e-10 * max(1.0, np.abs(R).max())):
        raise ValueError("R must be Hermitian")
    scale = float(np.abs(R).max())
    if scale == 0.0:
        return SDRResult(np.zeros(n - 1), 0.0, 0.0, "optimal", time.perf_counter() - t0, "")
    pp = _sdr_problem(n, solver_key)
    res = pp.solve(c=(R.T / scale).ravel(order="F"))
    if not res.ok:
        return SDRResult(np.full(n - 1, np.nan), np.nan, np.nan, res.status,
                         time.perf_counter() - t0, res.solver, {"message": res.message})
    v = np.asarray(res["V"])
    if not np.all(np.isfinite(v)):
        return SDRResult(np.full(n - 1, np.nan), np.nan, np.nan, "solver_error",
                         time.perf_counter() - t0, res.solver,
                         {"message": "the solver returned a non-finite V"})
    v = 0.5 * (v + v.conj().T)
    upper = float(np.real(np.trace(R @ v)))
    eig = np.linalg.eigvalsh(v)
    lam_min = eig[0]
    violation = max(float(np.max(np.abs(np.real(np.diag(v)) - 1.0))),
                    max(0.0, -float(lam_min)) / max(1.0, float(eig[-1])))
    if lam_min < 0:  # solver round-off: shift onto the PSD cone before randomising
        v = v - lam_min * np.eye(n)

    nm1 = n - 1

    def score(xi):  # vectorised over candidates (rows)
        ref = xi[:, nm1:]
        ok = np.abs(ref[:, 0]) > 0
        ph = np.angle(xi[:, :nm1] / np.where(ok[:, None], ref, 1.0))
        x = np.concatenate([np.exp(1j * ph), np.ones((xi.shape[0], 1))], axis=1)
        vals = np.real(np.einsum("ki,ij,kj->k", np.conj(x), R, x))
        return np.where(ok, vals, -np.inf), x

    rnd = gaussian_randomization(v, score, n_randomizations, gen, vectorized=True)
    x_best = np.asarray(rnd["w"])
    phases = np.mod(np.angle(x_best[:nm1]), _TWO_PI)
    objective = float(rnd.value)
    # a-posteriori certificate: V feasible, and no feasible point above the relaxation bound
    excess = max(0.0, objective - upper) / max(abs(upper), np.finfo(float).tiny)
    worst = max(violation, excess)
    status = res.status
    if not np.all(np.isfinite(phases)) or worst > 1e-3:
        status = "solver_error"
        phases = np.full(nm1, np.nan)
    elif worst > CONSTRAINT_TOL and status == "optimal":
        status = "optimal_inaccurate"
    return SDRResult(phases, objective, upper, status, time.perf_counter() - t0,
                     res.solver, {"n_candidates": rnd.iterations,
                                  "best_index": rnd.info.get("best_index"),
                                  "max_constraint_violation": violation,
                                  "bound_excess": excess})


def _check_sdr_size(n):
    if n > MAX_SDR_ELEMENTS:
        raise ValueError(f"the SDR size N (number of elements) must be at most "
                         f"{MAX_SDR_ELEMENTS} (MAX_SDR_ELEMENTS), got {n}")


# ---------------------------------------------------------------------------------------------
# Double RIS: alternating optimisation
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DoubleRISResult:
    r"""Result of :func:`alternating_double_ris`.

    Attributes
    ----------
    theta_a, theta_b : ndarray
        Phases of RIS A (first bounce) and RIS B [rad].
    gain : float
        :math:`|h|^2` at the returned phases.
    history : ndarray
        Gain after the initialisation and after every A/B sweep (non-decreasing).
    n_iter : int
        Number of sweeps performed.
    converged : bool
        Whether the relative increase fell below ``tol`` before ``max_iter``.
    status : str
        ``"converged"`` (a stationary point of the block-coordinate ascent: every block is
        optimal given the other, which does not certify the global optimum, so the status is
        never ``"optimal"``), ``"iteration_limit"`` (``max_iter`` reached) or
        ``"solver_error"`` (the a-posteriori check failed: non-finite phases, phases off the
        :math:`2^b` grid, or a reported gain not reproduced within :data:`CONSTRAINT_TOL`).
    info : dict
        ``max_constraint_violation``: the largest distance of a phase from its grid [rad]
        (0 for continuous phases) and the relative error of the recomputed gain.
    """

    theta_a: np.ndarray
    theta_b: np.ndarray
    gain: float
    history: np.ndarray
    n_iter: int
    converged: bool
    status: str = "converged"
    info: dict = field(default_factory=dict)


def _double_channel(hd, g_a, r_a, g_b, r_b, S, ta, tb):
    ea = np.exp(1j * ta)
    eb = np.exp(1j * tb)
    return hd + np.sum(r_a * ea * g_a) + np.sum(r_b * eb * g_b) + (r_b * eb) @ (S @ (ea * g_a))


def _closed_form(hd, g, h):
    """:func:`optimal_phases` on checked inputs (inner loop of the alternating optimisation)."""
    return np.mod(np.angle(hd)[..., None] - np.angle(g * h), _TWO_PI)


def _block(hd, g, h, bits, block, current, rng, n_rand, solver):
    if block == "sdr":
        res = sdr_phases(hd, g, h, n_randomizations=n_rand, rng=rng, solver=solver)
        ph = res.phases
        if not np.all(np.isfinite(ph)):
            ph = _closed_form(hd, g, h)
        if not _is_continuous(bits):
            ph, _ = discrete_refinement(hd, g, h, int(bits), init=ph)
        return ph
    if _is_continuous(bits):
        return _closed_form(hd, g, h)
    ph, _ = discrete_refinement(hd, g, h, int(bits), init=current)
    return ph


def alternating_double_ris(
    h_direct,
    g_a,
    r_a,
    g_b,
    r_b,
    S,
    *,
    bits=None,
    block="closed_form",
    init="rank_one",
    tol=1e-10,
    max_iter=100,
    rng=None,
    n_randomizations=50,
    solver=None,
):
    r"""Alternating optimisation of the phases of a double-RIS link (Han et al. 2020).

    Parameters
    ----------
    h_direct : complex
        Direct channel :math:`h_d`.
    g_a, r_a : array_like, shape (N_a,)
        Tx → A and A → Rx channels (single bounce via A).
    g_b, r_b : array_like, shape (N_b,)
        Tx → B and B → Rx channels (single bounce via B).
    S : array_like, shape (N_b, N_a)
        A → B channel matrix.
    bits : int, optional
        Phase resolution in [1, :data:`MAX_PHASE_BITS`]; blocks then use
        :func:`discrete_refinement`. ``None`` or ``inf``: continuous phases.
    block : {"closed_form", "sdr"}
        Per-block update: the closed form :func:`optimal_phases` or :func:`sdr_phases`.
    init : {"rank_one", "random"} or (theta_a, theta_b)
        Start: from the dominant singular pair :math:`S\approx s_1uv^H`, set
        :math:`\Theta_a` = optimal_phases(0, g_a, v*) and :math:`\Theta_b` =
        optimal_phases(0, u, r_b); or uniform random phases; or given phases.
    tol : float
        Stop when the relative gain increase of a sweep is below ``tol``, in (0, 1).
    max_iter : int
        Maximum number of sweeps, in [1, :data:`MAX_SWEEPS`].
    rng : Generator, int or None
        Random source (``init="random"`` and SDR randomisation).
    n_randomizations : int
        Gaussian draws per SDR block.
    solver : str, optional
        Solver chain of the SDR blocks.

    Returns
    -------
    DoubleRISResult
        Phases, gain, history and a ``status`` checked a posteriori (never ``"optimal"``: the
        alternating optimisation reaches a stationary point).

    Raises
    ------
    ValueError
        For NaN/inf channels, mismatched shapes, out-of-range ``bits``, ``tol`` or
        ``max_iter`` (before any iteration).

    Notes
    -----
    Sweep: :math:`\Theta_a` = optimal_phases(:math:`h_d + r_b^T\Theta_bg_b,\ g_a,\ r_a +
    S^T\Theta_br_b`), then :math:`\Theta_b` = optimal_phases(:math:`h_d + r_a^T\Theta_ag_a,\
    g_b + S\Theta_ag_a,\ r_b`). Each block maximises :math:`|h|` exactly over its phases given the
    other, so the gain is non-decreasing (Han et al. 2020; Zheng et al. 2021). A block update
    that would lower the gain (possible with SDR randomisation) is rejected. For a rank-one
    :math:`S = \beta a_b a_a^H` without single-bounce paths the initialisation is already optimal:
    :math:`|h|^2 = |\beta|^2N_a^2N_b^2` for unit-modulus steering vectors.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> na, nb = 8, 6
    >>> def unit(n):
    ...     return np.exp(1j * rng.uniform(0, 2 * np.pi, n))
    >>> aa, ab, ga, rb = unit(na), unit(nb), unit(na), unit(nb)
    >>> S = 0.5 * np.outer(ab, aa.conj())
    >>> res = alternating_double_ris(0, ga, np.zeros(na), np.zeros(nb), rb, S)
    >>> round(res.gain, 6)  # |beta|^2 Na^2 Nb^2 = 0.25 * 64 * 36
    576.0
    """
    check_choice("block", block, ("closed_form", "sdr"))
    tol = real_scalar("tol", tol, 0.0, 1.0, low_open=True, high_open=True)
    max_iter = check_integer("max_iter", max_iter, low=1, high=MAX_SWEEPS)
    gen = as_generator(rng)
    h_direct = complex_array("h_direct", h_direct)
    if h_direct.ndim != 0:
        raise ValueError(f"h_direct must be a scalar, got shape {h_direct.shape}")
    hd = complex(h_direct)
    g_a, r_a, g_b, r_b = (complex_array(name, x).ravel() for name, x in
                          (("g_a", g_a), ("r_a", r_a), ("g_b", g_b), ("r_b", r_b)))
    S = complex_array("S", S)
    na, nb = g_a.size, g_b.size
    if na == 0 or nb == 0:
        raise ValueError(f"g_a and g_b must have at least one element, got {na} and {nb}")
    if r_a.size != na or r_b.size != nb:
        raise ValueError(f"g_a/r_a and g_b/r_b must have equal lengths, got {na}/{r_a.size} and "
                         f"{nb}/{r_b.size}")
    if S.shape != (nb, na):
        raise ValueError(f"S must have shape (N_b, N_a) = ({nb}, {na}), got {S.shape}")
    if not _is_continuous(bits):
        bits = check_integer("bits", bits, low=1, high=MAX_PHASE_BITS)
    if block == "sdr":
        _check_sdr_size(max(na, nb))

    if isinstance(init, str):
        check_choice("init", init, ("rank_one", "random"))
        if init == "rank_one":
            u, _, vh = np.linalg.svd(S)
            ta = _closed_form(0.0, g_a, vh[0])  # v* = conj(v) = vh[0]
            tb = _closed_form(0.0, u[:, 0], r_b)
        else:
            ta = gen.uniform(0, _TWO_PI, na)
            tb = gen.uniform(0, _TWO_PI, nb)
    else:
        if not isinstance(init, tuple | list) or len(init) != 2:
            raise TypeError(f"init must be 'rank_one', 'random' or a pair (theta_a, theta_b), "
                            f"got {init!r:.80}")
        ta, tb = (real(name, x).copy() for name, x in (("init[0]", init[0]),
                                                       ("init[1]", init[1])))
        if ta.shape != (na,) or tb.shape != (nb,):
            raise ValueError(f"init phases must have shapes ({na},) and ({nb},), got {ta.shape} "
                             f"and {tb.shape}")
    if not _is_continuous(bits):
        ta = quantize_phases(ta, bits)
        tb = quantize_phases(tb, bits)

    def gain_of(a, b):
        return abs(_double_channel(hd, g_a, r_a, g_b, r_b, S, a, b)) ** 2

    best = gain_of(ta, tb)
    history = [best]
    converged = False
    n_iter = 0
    for n_iter in range(1, max_iter + 1):  # noqa: B007 - n_iter is reported
        prev = best
        eb = np.exp(1j * tb)
        hd_a = hd + np.sum(r_b * eb * g_b)
        new_a = _block(hd_a, g_a, r_a + S.T @ (eb * r_b), bits, block, ta, gen,
                       n_randomizations, solver)
        val = gain_of(new_a, tb)
        if val >= best:
            ta, best = new_a, val
        ea = np.exp(1j * ta)
        hd_b = hd + np.sum(r_a * ea * g_a)
        new_b = _block(hd_b, g_b + S @ (ea * g_a), r_b, bits, block, tb, gen,
                       n_randomizations, solver)
        val = gain_of(ta, new_b)
        if val >= best:
            tb, best = new_b, val
        history.append(best)
        if best - prev <= tol * max(prev, 1e-300):
            converged = True
            break
    # a-posteriori check: finite phases on their grid, and the reported gain reproduced
    ta, tb = np.mod(ta, _TWO_PI), np.mod(tb, _TWO_PI)
    off_grid = 0.0
    if not _is_continuous(bits):
        step = _TWO_PI / 2**bits
        both = np.concatenate([ta, tb]) / step
        off_grid = float(np.max(np.abs(both - np.round(both)))) * step
    recomputed = gain_of(ta, tb)
    gain_err = abs(recomputed - best) / max(abs(best), np.finfo(float).tiny)
    ok = (np.all(np.isfinite(ta)) and np.all(np.isfinite(tb)) and np.isfinite(best)
          and off_grid <= CONSTRAINT_TOL and gain_err <= CONSTRAINT_TOL)
    status = ("solver_error" if not ok else "converged" if converged else "iteration_limit")
    info = {"max_constraint_violation": off_grid, "gain_relative_error": gain_err}
    return DoubleRISResult(ta, tb, float(best), np.asarray(history), n_iter, converged, status,
                           info)
