r"""Parametrised convex problems compiled once and re-solved many times (cvxpy DPP).

A :class:`ParametricProblem` wraps a :class:`cvxpy.Problem` whose data enter through
:class:`cvxpy.Parameter` objects. Because the problem follows the rules of disciplined
parametrized programming (DPP, Agrawal et al. 2019), cvxpy compiles it once into an affine map
from parameter values to solver data; every later :meth:`ParametricProblem.solve` only evaluates
that map and calls the solver. A solver chain (default Clarabel, then SCS) is tried in order until
one returns a certified answer.
"""

from __future__ import annotations

import contextlib
import functools
import math
import signal
import threading
import time
import warnings
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import cvxpy as cp
import numpy as np

from .._validation import check_finite, check_real_scalar
from ._feasibility import DEFAULT_FEASIBILITY_TOL, constraint_violation
from .result import SolveResult, map_cvxpy_status

__all__ = ["DEFAULT_SOLVERS", "ParametricProblem", "normalize_solver_chain"]

#: Default solver chain: Clarabel (interior point, accurate) then SCS (first order, robust).
#: Both are open-source solvers installed with cvxpy.
DEFAULT_SOLVERS: tuple[str, ...] = ("CLARABEL", "SCS")

# cvxpy statuses that end the chain: a certified answer that another solver cannot improve on.
_FINAL = ("optimal", "infeasible", "unbounded")
# Preference among attempts when no solver gave a final answer (lower is better).
_RANK = {
    "optimal": 0,
    "optimal_inaccurate": 1,
    "infeasible": 2,
    "unbounded": 3,
    "infeasible_inaccurate": 4,
    "unbounded_inaccurate": 5,
    "infeasible_or_unbounded": 6,
    "user_limit": 7,
    "solver_error": 8,
    "not_installed": 9,
}


@functools.cache
def _installed_solvers() -> frozenset[str]:
    # cvxpy probes every solver package on each call (milliseconds); the answer is fixed for
    # the life of the process.
    return frozenset(cp.installed_solvers())


@functools.cache
def _known_solvers() -> frozenset[str]:
    return frozenset(getattr(cp.settings, "SOLVERS", ())) | _installed_solvers()


# Solvers whose C code installs its own SIGINT handler while it runs and drops the interrupt
# (SCS, OSQP and ECOS are built with a "ctrl-c listener"): a Ctrl-C during their solve would be
# lost, and a sweep or a study could not be stopped.
_SIGINT_GRABBING_SOLVERS = frozenset({"SCS", "OSQP", "ECOS", "ECOS_BB"})


@functools.cache
def _libc_sigaction():
    try:
        import ctypes

        return ctypes, ctypes.CDLL(None, use_errno=True).sigaction
    except (OSError, AttributeError, TypeError):  # pragma: no cover - no POSIX sigaction
        return None


@contextlib.contextmanager
def _keep_sigint_handler() -> Iterator[None]:
    """Keep the current SIGINT handler installed while a solver runs.

    A watcher thread puts the previous handler back whenever the solver replaces it (every
    2 ms; the solver releases the GIL while it iterates), so Ctrl-C reaches Python's handler
    and raises ``KeyboardInterrupt`` as soon as the solver returns. The handler is handled as
    an opaque ``struct sigaction`` (no layout assumed). A Ctrl-C that lands within 2 ms of the
    solver installing its handler can still be absorbed. Only in the main thread: other
    threads never receive ``KeyboardInterrupt``.
    """
    found = _libc_sigaction()
    if found is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    ctypes, sigaction = found
    original = ctypes.create_string_buffer(1024)  # larger than any struct sigaction
    if sigaction(int(signal.SIGINT), None, original) != 0:  # pragma: no cover
        yield
        return
    stop = threading.Event()

    def restore() -> None:
        current = ctypes.create_string_buffer(1024)
        if sigaction(int(signal.SIGINT), None, current) == 0 and current.raw != original.raw:
            sigaction(int(signal.SIGINT), original, None)

    def watch() -> None:
        while not stop.wait(0.002):
            restore()

    watcher = threading.Thread(target=watch, name="wirelesseff-sigint-keeper", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        stop.set()
        watcher.join()
        restore()


def normalize_solver_chain(
    solvers: str | Sequence[str | tuple[str, Mapping[str, Any]]] | None,
    solver_options: Mapping[str, Mapping[str, Any]] | None = None,
) -> tuple[tuple[str, dict[str, Any]], ...]:
    """Validate a solver chain and attach per-solver options.

    Parameters
    ----------
    solvers : str, sequence or None
        A solver name, or a sequence whose entries are names or ``(name, options)`` pairs;
        ``None`` gives :data:`DEFAULT_SOLVERS`. Names are case-insensitive cvxpy solver names.
    solver_options : dict, optional
        ``{name: {option: value}}`` merged into the options of that solver.

    Returns
    -------
    tuple of (str, dict)
        The chain as upper-case names with their keyword options for ``Problem.solve``.

    Raises
    ------
    ValueError
        If the chain is empty or names a solver cvxpy does not know.

    Examples
    --------
    >>> normalize_solver_chain(None)
    (('CLARABEL', {}), ('SCS', {}))
    >>> normalize_solver_chain([("clarabel", {"max_iter": 5}), "scs"])
    (('CLARABEL', {'max_iter': 5}), ('SCS', {}))
    """
    if solvers is None:
        solvers = DEFAULT_SOLVERS
    if isinstance(solvers, str):
        solvers = (solvers,)
    known = _known_solvers()
    extra = {str(k).upper(): dict(v) for k, v in (solver_options or {}).items()}
    chain = []
    for entry in solvers:
        if isinstance(entry, str):
            name, opts = entry, {}
        else:
            try:
                name, opts = entry
            except (TypeError, ValueError):
                raise ValueError(
                    f"solvers entries must be names or (name, options) pairs, got {entry!r}"
                ) from None
        name = str(name).upper()
        if name not in known:
            raise ValueError(
                f"solvers must name cvxpy solvers (one of {', '.join(sorted(known))}), "
                f"got {name!r}"
            )
        chain.append((name, {**dict(opts), **extra.get(name, {})}))
    if not chain:
        raise ValueError("solvers must name at least one solver, got an empty sequence")
    return tuple(chain)


def _key(solver: str, options: Mapping[str, Any]) -> tuple[str, str]:
    """Cache key of a (solver, options) pair.

    Each pair gets its own :class:`cvxpy.Problem`: cvxpy's warm-start path re-uses the
    solver object of the previous solve and only *adds* the new options to its old settings
    (e.g. Clarabel's ``update``), so sharing one problem between option sets would leak
    tolerances from one call into the next.
    """
    return solver, repr(sorted(options.items()))


def _named(kind: str, objs: Sequence[Any], given: Mapping[str, Any] | None) -> dict[str, Any]:
    """Map names to cvxpy leaves, checking that names are unique."""
    if given is not None:
        return dict(given)
    out: dict[str, Any] = {}
    for obj in objs:
        name = obj.name()
        if name in out and out[name] is not obj:
            raise ValueError(
                f"two {kind}s of the problem share the name {name!r}; give them distinct "
                f"names or pass {kind}s={{name: {kind}}} explicitly"
            )
        out[name] = obj
    return out


def _nan_like(var: cp.Variable) -> np.ndarray:
    dtype = complex if var.is_complex() else float
    return np.full(var.shape, np.nan, dtype=dtype)


class ParametricProblem:
    r"""A DPP cvxpy problem compiled once and re-solved for new parameter values.

    Parameters
    ----------
    problem : cvxpy.Problem
        Problem whose data enter through :class:`cvxpy.Parameter` objects. It must be DPP
        (``problem.is_dpp()``), so that cvxpy can cache its compilation.
    solvers : str or sequence, optional
        Solver chain tried in order (see :func:`normalize_solver_chain`); default
        ``("CLARABEL", "SCS")``. Entries may be ``(name, options)`` pairs, e.g.
        ``[("CLARABEL", {"max_iter": 50}), "SCS"]``.
    solver_options : dict, optional
        ``{solver_name: {option: value}}`` passed to ``Problem.solve`` for that solver.
    warm_start : bool, optional
        Pass ``warm_start`` to the solver. Default ``False``: every :meth:`solve` starts the
        solver from scratch, so its answer depends only on the parameter values (see Notes).
        ``True`` lets SCS start from the previous iterate and Clarabel update its solver
        object in place: a few iterations fewer per re-solve, at the price of history
        dependence. Opt in only when that is acceptable (e.g. a private instance re-solved
        along one continuation path), never for an instance shared between unrelated calls.
    parameters, variables : dict, optional
        ``{name: leaf}`` maps that fix the keyword names of :meth:`solve` and the keys of
        :attr:`SolveResult.variables`. By default the cvxpy names (``cp.Parameter(name=...)``)
        of all parameters and variables of ``problem``.
    feasibility_tol : float or None, optional
        Tolerance of the a posteriori check of every answer (see Notes), relative to the data
        of each constraint, in (0, 1]. Default 1e-6. ``None`` skips the check: only for
        callers that verify the answer themselves (e.g. an algorithm that clips its iterates
        into the feasible set and re-evaluates them).

    Raises
    ------
    TypeError
        If ``problem`` is not a :class:`cvxpy.Problem`.
    ValueError
        If the problem is not DCP, or DCP but not DPP (the message says which), two leaves
        share a name, or a constant of the problem is NaN or infinite.

    Notes
    -----
    **Compilation once.** cvxpy caches the affine map from parameters to the solver's conic
    data per target solver [1]_; switching the target solver of one :class:`cvxpy.Problem`
    discards that cache. This class therefore keeps one :class:`cvxpy.Problem` per
    (solver, options) pair of the chain, all sharing the same expression tree, parameters and
    variables, so a fall-back never forces a recompilation (and options of one call never
    leak into the warm-started solver of another). A compilation is counted (without timing)
    whenever cvxpy's cached parametric program of the solving problem changes identity during
    a solve; :attr:`compilations` counts them per solver name, so for a DPP problem
    :attr:`n_compilations` equals the number of (solver, options) pairs used so far, however
    many times :meth:`solve` is called.

    **Fall-back.** Solvers are tried in order; the chain stops at the first *certified* answer
    (cvxpy ``optimal``, ``infeasible`` or ``unbounded``). After an inaccurate answer, an
    iteration/time limit, a solver exception or a missing solver the next solver is tried; if
    no solver gives a certified answer the best attempt (ranked optimal_inaccurate >
    infeasible > unbounded > inaccurate certificates > limits > errors; ties go to the earlier
    solver) is returned. :attr:`SolveResult.solver` names the solver that answered and
    ``info["attempts"]`` lists every attempt. cvxpy statuses are mapped by
    :func:`~wirelesseff.optimize.result.map_cvxpy_status`.

    **A posteriori check.** A solver's ``optimal``/``optimal_inaccurate`` answer is accepted
    only if every constraint holds at the returned point within ``feasibility_tol``, relative
    to the size of its data (:math:`\max_i r_i/\max(1, s_i)` with :math:`r_i` the residual
    of component :math:`i` and :math:`s_i` the largest magnitude it compares). An answer that
    fails the check counts as a solver error (``info["attempts"]`` says by how much it missed)
    and the next solver of the chain is tried; so an ``"optimal*"`` status always means the
    constraints were checked to hold. ``info["violation"]`` is the measured violation of the
    accepted answer.

    **Reproducibility.** With the default ``warm_start=False`` a solve is a function of the
    parameter values alone: the same values give bit-identical results whatever was solved
    before, which module-level caches of compiled problems and the bit-identical sweeps of the
    sweep engine (docs/sweep.md) rely on. With ``warm_start=True`` SCS starts from the previous
    iterate and Clarabel re-uses its previous solver object (``update``), so the last digits
    of an answer -- and, near a feasibility boundary, its status -- depend on the history
    of the instance. The compile-once saving (the DPP affine map) does not depend on warm
    starts.

    **Thread safety.** Parameter assignment, solve and read-out happen under a per-instance
    lock, so a shared instance may be used from several threads (calls are serialised).

    References
    ----------
    .. [1] A. Agrawal, B. Amos, S. Barratt, S. Boyd, S. Diamond, J. Z. Kolter, "Differentiable
       convex optimization layers", Advances in Neural Information Processing Systems 32
       (NeurIPS), 2019, arXiv:1910.12430.

    Examples
    --------
    Projection of a parameter onto the interval [0, 1], compiled once:

    >>> import cvxpy as cp
    >>> x = cp.Variable(name="x")
    >>> a = cp.Parameter(name="a")
    >>> pp = ParametricProblem(cp.Problem(cp.Minimize(cp.square(x - a)), [x >= 0, x <= 1]))
    >>> [round(float(pp.solve(a=v)["x"]), 6) for v in (-1.0, 0.25, 3.0)]
    [0.0, 0.25, 1.0]
    >>> pp.n_compilations
    1
    """

    def __init__(
        self,
        problem: cp.Problem,
        *,
        solvers: str | Sequence[str | tuple[str, Mapping[str, Any]]] | None = None,
        solver_options: Mapping[str, Mapping[str, Any]] | None = None,
        warm_start: bool = False,
        parameters: Mapping[str, cp.Parameter] | None = None,
        variables: Mapping[str, cp.Variable] | None = None,
        feasibility_tol: float | None = DEFAULT_FEASIBILITY_TOL,
    ) -> None:
        if not isinstance(problem, cp.Problem):
            raise TypeError(f"problem must be a cvxpy.Problem, got {type(problem).__name__}")
        for const in problem.constants():
            value = const.value
            check_finite(**{"problem constant": getattr(value, "data", value)})  # sparse too
        self.feasibility_tol = None if feasibility_tol is None else check_real_scalar(
            "feasibility_tol", feasibility_tol, 0.0, 1.0, low_open=True)
        if not problem.is_dcp():
            raise ValueError(
                "problem must be DCP (disciplined convex); cvxpy reports it is not "
                "(check the curvature of the objective and constraints with .is_dcp())"
            )
        if not problem.is_dpp():
            raise ValueError(
                "problem must be DPP (disciplined parametrized programming) so that it can be "
                "compiled once: it is DCP but a parameter enters non-affinely, e.g. a product "
                "of two parameter-dependent expressions (p * q * x) or a parameter inside a "
                "nonlinear atom (cp.square(p)); fold such terms into a single cp.Parameter "
                "whose value you compute in numpy"
            )
        self.problem = problem
        self.parameters: dict[str, cp.Parameter] = _named(
            "parameter", problem.parameters(), parameters
        )
        self.variables: dict[str, cp.Variable] = _named(
            "variable", problem.variables(), variables
        )
        self._chain = normalize_solver_chain(solvers, solver_options)
        self.warm_start = bool(warm_start)
        self._problems: dict[tuple[str, str], cp.Problem] = {_key(*self._chain[0]): problem}
        self.compilations: dict[str, int] = {}
        self.n_solves = 0
        self._lock = threading.RLock()

    # -- bookkeeping ---------------------------------------------------------------------------
    @property
    def solvers(self) -> tuple[str, ...]:
        """Names of the default solver chain, in order."""
        return tuple(name for name, _ in self._chain)

    @property
    def n_compilations(self) -> int:
        """Number of times cvxpy compiled this problem (all solvers together)."""
        return sum(self.compilations.values())

    def __getstate__(self) -> dict[str, Any]:
        # Compiled solver objects (e.g. Clarabel's) are not picklable: ship a fresh problem on
        # the same leaves; the copy compiles again on first use (and counts it).
        state = self.__dict__.copy()
        del state["_lock"]
        state["problem"] = cp.Problem(self.problem.objective, self.problem.constraints)
        state["_problems"] = {_key(*self._chain[0]): state["problem"]}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.RLock()

    def __repr__(self) -> str:
        return (
            f"ParametricProblem(parameters={sorted(self.parameters)}, "
            f"variables={sorted(self.variables)}, solvers={list(self.solvers)}, "
            f"n_solves={self.n_solves}, n_compilations={self.n_compilations})"
        )

    def _problem_for(self, solver: str, options: dict[str, Any]) -> cp.Problem:
        key = _key(solver, options)
        prob = self._problems.get(key)
        if prob is None:
            # Same expression tree and leaves, separate compilation and solver caches.
            prob = cp.Problem(self.problem.objective, self.problem.constraints)
            self._problems[key] = prob
        return prob

    # -- parameters ----------------------------------------------------------------------------
    def _assign(self, values: Mapping[str, Any]) -> None:
        unknown = sorted(set(values) - set(self.parameters))
        if unknown:
            raise ValueError(
                f"unknown parameter(s) {', '.join(map(repr, unknown))}; this problem's "
                f"parameters are {', '.join(map(repr, sorted(self.parameters))) or 'none'}"
            )
        prepared = {}
        for name, value in values.items():
            param = self.parameters[name]
            arr = np.asarray(value)
            if arr.shape != param.shape:
                raise ValueError(
                    f"parameter {name} must have shape {param.shape}, got shape {arr.shape}"
                )
            if arr.dtype == object or not np.issubdtype(arr.dtype, np.number):
                raise TypeError(f"parameter {name} must be numeric, got dtype {arr.dtype}")
            check_finite(**{name: arr})
            prepared[name] = arr
        old = {name: self.parameters[name].value for name in prepared}
        try:
            for name, arr in prepared.items():
                try:
                    self.parameters[name].value = arr
                except ValueError as exc:
                    raise ValueError(f"parameter {name}: {exc}") from None
        except ValueError:
            for name, val in old.items():  # leave the problem as it was
                self.parameters[name].value = val
            raise
        missing = sorted(n for n, p in self.parameters.items() if p.value is None)
        if missing:
            raise ValueError(
                f"parameter(s) {', '.join(map(repr, missing))} have no value; pass them to "
                "solve()"
            )

    # -- solving -------------------------------------------------------------------------------
    def solve(self, /, **parameter_values: Any) -> SolveResult:
        """Assign parameter values and solve with the default solver chain.

        Parameters
        ----------
        **parameter_values : array_like
            New values by parameter name; each must have the parameter's shape and be finite.
            Parameters not given keep their current value.

        Returns
        -------
        SolveResult
            ``value`` is the objective value, ``variables`` the optimal point by variable
            name, ``solver`` the solver that answered, ``iterations`` its iteration count and
            ``info`` holds ``attempts`` (one dict per solver tried: ``solver``,
            ``cvxpy_status``, ``time`` [s], ``compiled``, ``error``), ``cvxpy_status``,
            ``solver_time`` (the solver's own time [s]) and ``compiled`` (whether this call
            compiled). Variables are ``nan`` when infeasible/unbounded; after an iteration
            limit (``"solver_error"``) they hold the solver's last, uncertified iterate.

        Raises
        ------
        ValueError
            If a name is unknown, a shape is wrong, a value is not finite or violates the
            parameter's attributes (``nonneg=True``...), or a parameter has no value.
        """
        return self._solve(parameter_values, self._chain)

    def solve_with(
        self,
        solvers: str | Sequence[str | tuple[str, Mapping[str, Any]]] | None,
        /,
        **parameter_values: Any,
    ) -> SolveResult:
        """Like :meth:`solve` but with another solver chain for this call only.

        Each solver keeps its own compiled problem, so alternating chains does not recompile.
        """
        return self._solve(parameter_values, normalize_solver_chain(solvers))

    def _solve(
        self, values: Mapping[str, Any], chain: tuple[tuple[str, dict[str, Any]], ...]
    ) -> SolveResult:
        t_start = time.perf_counter()
        installed = _installed_solvers()
        with self._lock:
            self._assign(values)
            self.n_solves += 1
            attempts: list[dict[str, Any]] = []
            best: dict[str, Any] | None = None
            for name, opts in chain:
                attempt: dict[str, Any] = {"solver": name, "compiled": False, "error": ""}
                if name not in installed:
                    attempt.update(cvxpy_status="not_installed", time=0.0,
                                   error=f"{name} is not installed")
                    attempts.append(attempt)
                    continue
                prob = self._problem_for(name, opts)
                cache = getattr(prob, "_cache", None)
                before = getattr(cache, "param_prog", None)
                t0 = time.perf_counter()
                try:
                    guard = (_keep_sigint_handler() if name in _SIGINT_GRABBING_SOLVERS
                             else contextlib.nullcontext())
                    with warnings.catch_warnings(), guard:
                        warnings.filterwarnings("ignore", message="Solution may be inaccurate")
                        prob.solve(solver=name, warm_start=self.warm_start, **opts)
                    raw = prob.status or "solver_error"
                except Exception as exc:  # any solver failure is reported, never raised
                    raw = "solver_error"
                    attempt["error"] = f"{type(exc).__name__}: {exc}"
                attempt["time"] = time.perf_counter() - t0
                if raw in ("optimal", "optimal_inaccurate") and self.feasibility_tol is not None:
                    raw = self._check(prob, raw, attempt)
                after = getattr(getattr(prob, "_cache", None), "param_prog", None)
                compiled = after is None or after is not before
                attempt["compiled"] = compiled
                if compiled:
                    self.compilations[name] = self.compilations.get(name, 0) + 1
                attempt["cvxpy_status"] = raw
                if raw != "solver_error" or not attempt["error"]:
                    attempt["value"] = prob.value
                    attempt["variables"] = {
                        vname: (np.array(var.value, copy=True) if var.value is not None
                                else _nan_like(var))
                        for vname, var in self.variables.items()
                    }
                    stats = prob.solver_stats
                    attempt["iterations"] = int(getattr(stats, "num_iters", None) or 0)
                    attempt["solver_time"] = getattr(stats, "solve_time", None)
                attempts.append(attempt)
                if best is None or _RANK.get(raw, 99) < _RANK.get(best["cvxpy_status"], 99):
                    best = attempt
                if raw in _FINAL:
                    break
        return self._result(best, attempts, time.perf_counter() - t_start)

    def _check(self, prob: cp.Problem, raw: str, attempt: dict[str, Any]) -> str:
        """A posteriori feasibility check of an optimal answer; ``solver_error`` if it fails."""
        viol = constraint_violation(prob.constraints)
        attempt["violation"] = viol
        if viol <= self.feasibility_tol:
            return raw
        attempt["error"] = (f"the {raw} answer violates a constraint by {viol:.3g} relative "
                            f"(tolerance {self.feasibility_tol:g})")
        return "solver_error"

    def _result(
        self, best: dict[str, Any] | None, attempts: list[dict[str, Any]], elapsed: float
    ) -> SolveResult:
        public_attempts = tuple(
            {k: a.get(k) for k in ("solver", "cvxpy_status", "time", "compiled", "error",
                                   "violation")}
            for a in attempts
        )
        info: dict[str, Any] = {
            "attempts": public_attempts,
            "compiled": any(a["compiled"] for a in attempts),
        }
        nan_vars = {name: _nan_like(var) for name, var in self.variables.items()}
        if best is None or "variables" not in best:
            errors = "; ".join(f"{a['solver']}: {a['error'] or a['cvxpy_status']}"
                               for a in attempts)
            info["cvxpy_status"] = None if best is None else best["cvxpy_status"]
            return SolveResult(
                "solver_error", math.nan, nan_vars, 0, elapsed,
                "" if best is None else best["solver"],
                message=f"no solver returned a result ({errors})", info=info,
            )
        status, message = map_cvxpy_status(best["cvxpy_status"])
        info["cvxpy_status"] = best["cvxpy_status"]
        info["solver_time"] = best.get("solver_time")
        info["violation"] = best.get("violation")
        if best is not attempts[0]:
            first = attempts[0]
            why = first["error"] or first["cvxpy_status"]
            note = f"fell back from {first['solver']} ({why}) to {best['solver']}"
            message = f"{message}; {note}" if message else note
        value = best["value"]
        value = math.nan if value is None or status == "solver_error" else float(value)
        variables = best["variables"] if status in ("optimal", "optimal_inaccurate",
                                                   "solver_error") else nan_vars
        return SolveResult(
            status, value, variables, best.get("iterations", 0), elapsed, best["solver"],
            message=message, info=info,
        )
