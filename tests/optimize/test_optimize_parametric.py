"""ParametricProblem: DPP check, compile-once re-solves, parameter validation, fall-back."""

from __future__ import annotations

import pickle
import threading

import cvxpy as cp
import numpy as np
import pytest

from wirelesseff.optimize import ParametricProblem, normalize_solver_chain, precise_scs


def _projection_problem(n=3):
    """min ||x - a||^2 s.t. lo <= x <= 1: the projection of a onto a box."""
    x = cp.Variable(n, name="x")
    a = cp.Parameter(n, name="a")
    lo = cp.Parameter(name="lo")
    prob = cp.Problem(cp.Minimize(cp.sum_squares(x - a)), [x >= lo, x <= 1.0])
    return prob, x, a, lo


def test_solution_matches_closed_form_projection(rng):
    pp = ParametricProblem(_projection_problem()[0])
    for _ in range(5):
        a = rng.normal(0.5, 1.0, 3)
        res = pp.solve(a=a, lo=0.0)
        assert res.status == "optimal" and res.solver == "CLARABEL"
        np.testing.assert_allclose(res["x"], np.clip(a, 0.0, 1.0), atol=1e-7)
        assert res.value == pytest.approx(np.sum((np.clip(a, 0, 1) - a) ** 2), abs=1e-7)
        assert res.solve_time > 0 and res.iterations > 0


def test_compiled_once_across_many_solves(rng):
    pp = ParametricProblem(_projection_problem()[0])
    results = [pp.solve(a=rng.normal(size=3), lo=-0.5) for _ in range(25)]
    assert pp.n_solves == 25
    assert pp.n_compilations == 1
    assert pp.compilations == {"CLARABEL": 1}
    assert results[0].info["compiled"] and not any(r.info["compiled"] for r in results[1:])


def test_a_non_dpp_problem_recompiles_every_time_which_is_why_dpp_is_required():
    # Sanity check of the counter: a problem whose cache cvxpy cannot keep is recounted.
    x = cp.Variable(name="x")
    prob = cp.Problem(cp.Minimize(cp.square(x - 2.0)))
    pp = ParametricProblem(prob)
    for _ in range(3):
        assert pp.solve()["x"] == pytest.approx(2.0, abs=1e-6)
    assert 1 <= pp.n_compilations <= 3


def test_default_solve_does_not_depend_on_earlier_solves(rng):
    """Regression (bit-identical sweeps, docs/sweep.md): with warm starts SCS began at the
    previous, unrelated iterate, so the same parameter values gave different digits depending
    on the history."""
    pp = ParametricProblem(_projection_problem()[0], solvers="SCS")
    assert pp.warm_start is False
    a = np.array([2.0, -1.0, 0.3])
    first = pp.solve(a=a, lo=0.0)
    for _ in range(5):
        pp.solve(a=3.0 * rng.normal(size=3), lo=-0.5)
    again = pp.solve(a=a, lo=0.0)
    assert np.array_equal(again["x"], first["x"]) and again.value == first.value
    fresh = ParametricProblem(_projection_problem()[0], solvers="SCS").solve(a=a, lo=0.0)
    assert np.array_equal(fresh["x"], first["x"])


def test_warm_start_is_an_explicit_opt_in(rng):
    """warm_start=True still works (same optimum to solver tolerance), history-dependent."""
    pp = ParametricProblem(_projection_problem()[0], solvers="SCS", warm_start=True)
    for _ in range(3):
        a = rng.normal(0.5, 1.0, 3)
        np.testing.assert_allclose(pp.solve(a=a, lo=0.0)["x"], np.clip(a, 0.0, 1.0), atol=1e-4)


def test_parameters_keep_their_value_between_solves():
    pp = ParametricProblem(_projection_problem()[0])
    pp.solve(a=np.array([2.0, -1.0, 0.5]), lo=0.0)
    res = pp.solve(lo=0.75)  # a unchanged
    np.testing.assert_allclose(res["x"], [1.0, 0.75, 0.75], atol=1e-7)


def test_infeasible_parameter_value_gives_status_not_exception():
    pp = ParametricProblem(_projection_problem()[0])
    res = pp.solve(a=np.zeros(3), lo=2.0)  # 2 <= x <= 1
    assert res.status == "infeasible" and not res.ok
    assert res.value == np.inf
    assert np.all(np.isnan(res["x"]))
    # and the same problem is fine again afterwards, without recompiling
    assert pp.solve(lo=0.0).status == "optimal"
    assert pp.n_compilations == 1


def test_unbounded_status():
    x = cp.Variable(name="x")
    c = cp.Parameter(name="c")
    pp = ParametricProblem(cp.Problem(cp.Minimize(c * x), [x <= 1.0]))
    assert pp.solve(c=-1.0).status == "optimal"
    res = pp.solve(c=1.0)
    assert res.status == "unbounded" and res.value == -np.inf


def test_rejects_non_dpp_problem_naming_the_issue():
    x = cp.Variable()
    p, q = cp.Parameter(), cp.Parameter()
    with pytest.raises(ValueError, match="DPP"):
        ParametricProblem(cp.Problem(cp.Minimize(p * q * x), [x >= 0]))


def test_rejects_non_dcp_problem():
    x = cp.Variable()
    with pytest.raises(ValueError, match="DCP"):
        ParametricProblem(cp.Problem(cp.Maximize(cp.square(x)), [x <= 1]))


def test_rejects_non_problem():
    with pytest.raises(TypeError, match="problem"):
        ParametricProblem("min x")


def test_unknown_parameter_name_is_rejected_listing_valid_names():
    pp = ParametricProblem(_projection_problem()[0])
    with pytest.raises(ValueError, match="'b'.*'a', 'lo'"):
        pp.solve(b=1.0)


def test_wrong_shape_is_rejected_naming_the_parameter():
    pp = ParametricProblem(_projection_problem()[0])
    with pytest.raises(ValueError, match=r"parameter a must have shape \(3,\), got shape \(2,\)"):
        pp.solve(a=np.zeros(2), lo=0.0)


def test_non_finite_value_is_rejected():
    pp = ParametricProblem(_projection_problem()[0])
    with pytest.raises(ValueError, match="a must be finite"):
        pp.solve(a=np.array([0.0, np.nan, 1.0]), lo=0.0)


def test_missing_value_is_rejected():
    pp = ParametricProblem(_projection_problem()[0])
    with pytest.raises(ValueError, match="'lo'.*no value"):
        pp.solve(a=np.zeros(3))


def test_attribute_violation_is_rejected_and_old_values_restored():
    x = cp.Variable(name="x")
    s = cp.Parameter(name="s", nonneg=True)
    t = cp.Parameter(name="t")
    pp = ParametricProblem(cp.Problem(cp.Minimize(cp.square(x - t) + s * x)))
    pp.solve(s=1.0, t=0.0)
    with pytest.raises(ValueError, match="parameter s"):
        pp.solve(t=5.0, s=-1.0)
    assert pp.parameters["t"].value == 0.0 and pp.parameters["s"].value == 1.0


def test_duplicate_names_need_an_explicit_mapping():
    x = cp.Variable()
    p1, p2 = cp.Parameter(name="p"), cp.Parameter(name="p")
    prob = cp.Problem(cp.Minimize(cp.square(x - p1) + cp.square(x - p2)))
    with pytest.raises(ValueError, match="share the name 'p'"):
        ParametricProblem(prob)
    pp = ParametricProblem(prob, parameters={"p1": p1, "p2": p2}, variables={"x": x})
    assert pp.solve(p1=0.0, p2=2.0)["x"] == pytest.approx(1.0, abs=1e-6)


def test_fallback_after_iteration_limit_is_recorded():
    prob = _projection_problem()[0]
    pp = ParametricProblem(prob, solvers=[("CLARABEL", {"max_iter": 1}), "SCS"])
    for _ in range(3):
        res = pp.solve(a=np.array([2.0, -1.0, 0.5]), lo=0.0)
        assert res.solver == "SCS"
        assert res.ok
        np.testing.assert_allclose(res["x"], [1.0, 0.0, 0.5], atol=1e-3)
        first, second = res.info["attempts"]
        assert first["solver"] == "CLARABEL" and first["cvxpy_status"] == "user_limit"
        assert second["solver"] == "SCS"
        assert "fell back from CLARABEL" in res.message
    # each solver compiled its own copy exactly once: a fall-back never forces recompilation
    assert pp.compilations == {"CLARABEL": 1, "SCS": 1}


def test_fallback_over_a_solver_that_is_not_installed():
    installed = set(cp.installed_solvers())
    missing = [s for s in ("MOSEK", "GUROBI", "CPLEX", "XPRESS", "ECOS", "CVXOPT")
               if s not in installed]
    if not missing:
        pytest.skip("every candidate solver is installed")
    pp = ParametricProblem(_projection_problem()[0], solvers=[missing[0], "CLARABEL"])
    res = pp.solve(a=np.zeros(3), lo=0.0)
    assert res.status == "optimal" and res.solver == "CLARABEL"
    assert res.info["attempts"][0]["cvxpy_status"] == "not_installed"


def test_only_failing_solvers_give_solver_error_not_exception():
    pp = ParametricProblem(_projection_problem()[0], solvers=[("CLARABEL", {"max_iter": 1})])
    res = pp.solve(a=np.array([2.0, -1.0, 0.5]), lo=0.0)
    assert res.status == "solver_error" and not res.ok
    assert "limit" in res.message


def test_solve_with_other_chain_does_not_recompile_the_first():
    pp = ParametricProblem(_projection_problem()[0])
    pp.solve(a=np.zeros(3), lo=0.0)
    res = pp.solve_with([precise_scs(1e-8)], a=np.ones(3) * 2, lo=0.0)
    assert res.solver == "SCS" and res.status == "optimal"
    np.testing.assert_allclose(res["x"], 1.0, atol=1e-6)
    pp.solve(a=np.zeros(3))
    assert pp.compilations == {"CLARABEL": 1, "SCS": 1}


def test_answers_are_checked_against_the_constraints_a_posteriori():
    """An 'optimal' status means the constraints hold at the returned point to feasibility_tol
    (relative); SCS at its default tolerance (1e-4) misses x <= 1 by ~1e-5 and is not accepted
    as optimal, while a tight SCS or a looser stated tolerance is."""
    pp = ParametricProblem(_projection_problem()[0])
    res = pp.solve(a=np.ones(3) * 2, lo=0.0)
    assert res.status == "optimal" and res.info["violation"] <= 1e-6
    loose = pp.solve_with("SCS", a=np.ones(3) * 2, lo=0.0)
    viol = loose.info["attempts"][0]["violation"]
    if viol > 1e-6:
        assert loose.status == "solver_error" and not loose.ok
        assert "violates a constraint" in loose.message
        relaxed = ParametricProblem(_projection_problem()[0], feasibility_tol=10 * viol)
        assert relaxed.solve_with("SCS", a=np.ones(3) * 2, lo=0.0).ok
    else:
        assert loose.ok
    with pytest.raises(ValueError, match="feasibility_tol"):
        ParametricProblem(_projection_problem()[0], feasibility_tol=0.0)


def test_non_finite_constants_are_rejected_before_solving():
    y = cp.Variable(name="y")
    for bad in (np.nan, np.inf):
        with pytest.raises(ValueError, match="problem constant must be finite"):
            ParametricProblem(cp.Problem(cp.Minimize(y), [y >= bad]))


def test_solver_chain_validation():
    assert normalize_solver_chain("scs") == (("SCS", {}),)
    assert normalize_solver_chain(["CLARABEL"], {"clarabel": {"max_iter": 3}}) == (
        ("CLARABEL", {"max_iter": 3}),)
    with pytest.raises(ValueError, match="solvers must name cvxpy solvers"):
        normalize_solver_chain(["NOT_A_SOLVER"])
    with pytest.raises(ValueError, match="at least one"):
        normalize_solver_chain([])
    with pytest.raises(ValueError, match="solvers entries"):
        normalize_solver_chain([("SCS", {}, 1)])


def test_complex_parameters_and_variables():
    # min ||z||^2 s.t. Re(c^H z) >= 1 -> z = c / ||c||^2
    z = cp.Variable(2, complex=True, name="z")
    c = cp.Parameter(2, complex=True, name="c")
    pp = ParametricProblem(cp.Problem(cp.Minimize(cp.sum_squares(z)),
                                      [cp.real(cp.conj(c) @ z) >= 1.0]))
    cval = np.array([1.0 + 1.0j, 2.0 - 0.5j])
    res = pp.solve(c=cval)
    np.testing.assert_allclose(res["z"], cval / np.vdot(cval, cval).real, atol=1e-7)


def test_pickle_round_trip_keeps_working():
    pp = ParametricProblem(_projection_problem()[0])
    pp.solve(a=np.zeros(3), lo=0.0)
    clone = pickle.loads(pickle.dumps(pp))
    np.testing.assert_allclose(clone.solve(a=np.full(3, 3.0))["x"], 1.0, atol=1e-7)


def test_concurrent_solves_are_serialised_and_correct():
    pp = ParametricProblem(_projection_problem()[0])
    values = [np.full(3, v) for v in np.linspace(-1.0, 2.0, 8)]
    out = [None] * len(values)

    def work(i):
        out[i] = pp.solve(a=values[i], lo=0.0)["x"]

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(values))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for a, x in zip(values, out):
        np.testing.assert_allclose(x, np.clip(a, 0.0, 1.0), atol=1e-7)


def test_feasibility_tol_must_be_a_scalar_in_range():
    for bad in (np.array([]), np.nan, 2.0, [1e-6]):
        with pytest.raises((ValueError, TypeError), match="feasibility_tol"):
            ParametricProblem(_projection_problem()[0], feasibility_tol=bad)
    assert ParametricProblem(_projection_problem()[0], feasibility_tol=None).feasibility_tol \
        is None
