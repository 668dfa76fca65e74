"""Adversarial-input fuzzing of every public callable of wirelesseff.

How it works
------------
1. **Public callables**: every callable named in the ``__all__`` of a public module of the
   package (every module whose dotted path has no ``_``-prefixed part; the bundled studies are
   scripts, not API). A callable re-exported under several names is fuzzed once, under the
   first name found (:func:`public_callables`).
2. **Baselines**: a valid call of each callable is *recorded* by running the doctest examples of
   every wirelesseff module with recording wrappers in place (the first call whose result is
   finite wins), plus ``MANUAL_BASELINES`` of ``exceptions.py``. A callable without a baseline
   and not listed in ``NOT_FUZZED`` (with its reason) fails the test; so does a baseline that
   fails when it is replayed.
3. **Targets**: every parameter of the baseline call, every parameter with a default (``None``
   included: the adversarial values are then chosen from the parameter's declared type, from
   its annotation or its numpydoc line), keyword-only parameters, the entries of ``**kwargs``,
   and the fields of dataclass values (configurations such as ``params=...``, replaced with
   :func:`dataclasses.replace`, so a configuration that validates itself answers for them).
4. **Cases**: adversarial values replace the valid one, one target at a time: a fixed
   catalogue chosen by the type of the valid value (NaN, ±inf, negative, zero, huge, tiny,
   huge integers, fractions, numeric strings, complex for real, empty, wrong-shaped and
   NaN-holding arrays, unknown model names, non-callables for callables, bad ``rng`` seeds,
   ...) plus values drawn by `hypothesis` (deterministic: ``derandomize=True``, no database).
5. **Verdict** of a call (:func:`verdict`): *clean result* (it returns, and every output that
   was finite in the baseline's result is finite again, compared output by output); *clean
   error* (``ValueError``/``TypeError`` whose message names the fuzzed parameter as a word,
   or for a configuration field the field); anything else is a failure: another exception type,
   an error message that does not name the parameter, a silent NaN/inf output, or a call
   using more than :data:`CALL_TIMEOUT_S` of CPU time (the worker process is killed and
   restarted after the offending case). ``exceptions.py`` lists the deliberate exceptions, each
   with its reason.

Workers are subprocesses (``python harness.py --worker NAMES...``) that print one JSON line per
case, so that a hanging or crashing call can be killed without losing the other results; their
data segment is capped (:data:`WORKER_MEMORY_BYTES`) so that an unbounded allocation fails
instead of exhausting the machine. The pytest entry point is
``tests/fuzz/test_fuzz_public_api.py``; ``python tests/fuzz/harness.py [NAME...]`` prints the
verdict counts, the callables without a baseline and every failing case.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import doctest
import importlib
import importlib.util
import inspect
import io
import json
import math
import os
import pkgutil
import re
import signal
import subprocess
import sys
import threading
import time
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent


def _load_exceptions():
    # loaded from its file under a private name: a module called ``exceptions`` on sys.path
    # would shadow the Python 2 compatibility imports of third-party packages
    spec = importlib.util.spec_from_file_location("_wirelesseff_fuzz_exceptions",
                                                  HERE / "exceptions.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


_EXC = _load_exceptions()
EXCEPTIONS: dict[tuple[str, str, str], str] = _EXC.EXCEPTIONS
PENDING: dict[str, str] = getattr(_EXC, "PENDING", {})
NOT_FUZZED: dict[str, str] = _EXC.NOT_FUZZED
MANUAL_BASELINES: dict = _EXC.MANUAL_BASELINES

#: A single call using more CPU time than this is a failure (the call is killed) [s].
CALL_TIMEOUT_S = 10.0
#: Wall-clock backstop for calls that block without using the CPU [s].
WALL_TIMEOUT_FACTOR = 6.0
#: Baseline calls slower than this get only the values that must be rejected up front [s].
SLOW_BASELINE_S = 0.5
#: Extra values drawn by hypothesis per target (scalars and strings).
HYPOTHESIS_EXAMPLES = 8
#: Statuses of an outcome whose values must be finite; any other status (e.g. "infeasible")
#: may mark undefined values with NaN/inf.
OK_STATUSES = ("optimal", "optimal_inaccurate")
#: Cap of a worker's data segment: an allocation beyond it raises MemoryError [bytes].
WORKER_MEMORY_BYTES = 6 * 2**30


# ------------------------------------------------------------------------------ discovery
def public_modules() -> list[str]:
    """``wirelesseff`` and every module whose dotted path has no ``_``-prefixed part."""
    import wirelesseff

    out = ["wirelesseff"]
    for info in pkgutil.walk_packages(wirelesseff.__path__, "wirelesseff."):
        parts = info.name.split(".")[1:]
        if parts[0] == "studies" or any(p.startswith("_") for p in parts):
            continue
        out.append(info.name)
    return out


def public_callables() -> dict[str, Any]:
    """``{public name: object}`` of every callable in a public ``__all__`` (first name wins)."""
    out: dict[str, Any] = {}
    seen: set[int] = set()
    for modname in public_modules():
        try:
            mod = importlib.import_module(modname)
        except ImportError:
            continue
        for name in getattr(mod, "__all__", []):
            obj = getattr(mod, name, None)
            if obj is None or inspect.ismodule(obj) or not callable(obj) or id(obj) in seen:
                continue
            seen.add(id(obj))
            out[f"{modname}.{name}"] = obj
    return out


def _is_exception_class(obj) -> bool:
    return inspect.isclass(obj) and issubclass(obj, BaseException)


# ------------------------------------------------------------------------------ finiteness
def _kind(arr) -> bool | str:
    """True if every entry is finite, else which non-finite values occur: "nan", "inf" or
    "nan+inf"."""
    arr = np.asarray(arr)
    if bool(np.all(np.isfinite(arr))):
        return True
    nan, inf = bool(np.any(np.isnan(arr))), bool(np.any(np.isinf(arr)))
    return "nan+inf" if nan and inf else ("nan" if nan else "inf")


def _leaf_finite(obj) -> bool | str | None:
    """Finiteness of a leaf value (True, or the kind of non-finite values it holds), or None
    if ``obj`` is a container to descend into."""
    if isinstance(obj, bool | str | bytes | type(None) | np.bool_):
        return True
    if isinstance(obj, int | float | complex | np.number):
        return _kind(obj)
    if isinstance(obj, np.ndarray):
        if obj.dtype.kind in "fc":
            return _kind(obj)
        if obj.dtype == object:
            return None
        return True
    return None


def finite_leaves(obj, path: str = "", depth: int = 0, out: dict | None = None) -> dict:
    """``{path: True or kind}`` of every output in a result (numbers, arrays, containers,
    dataclasses, xarray objects): True when finite, else "nan", "inf" or "nan+inf"; the unit
    of comparison of the silent-non-finite verdict."""
    out = {} if out is None else out
    if depth > 6:
        return out
    status = getattr(obj, "status", None) if not isinstance(obj, dict) else obj.get("status")
    if isinstance(status, str) and status not in OK_STATUSES:
        # an outcome that says it failed ("infeasible", "solver_error", ...) marks its
        # undefined values with NaN/inf by contract: not a silent non-finite result
        out[path] = True
        return out
    leaf = _leaf_finite(obj)
    if leaf is not None:
        out[path] = leaf
        return out
    if isinstance(obj, np.ndarray):  # object arrays
        for i, x in enumerate(obj.ravel()[:200]):
            finite_leaves(x, f"{path}[{i}]", depth + 1, out)
        return out
    mod = type(obj).__module__ or ""
    if mod.startswith("xarray"):
        if hasattr(obj, "data_vars"):
            for k, v in obj.data_vars.items():
                finite_leaves(np.asarray(v.values), f"{path}.{k}", depth + 1, out)
        else:
            finite_leaves(np.asarray(getattr(obj, "values", None)), path, depth + 1, out)
        return out
    if isinstance(obj, dict):
        for k, v in list(obj.items())[:200]:
            finite_leaves(v, f"{path}[{k!r}]", depth + 1, out)
        return out
    if isinstance(obj, list | tuple):
        for i, v in enumerate(obj[:200]):
            finite_leaves(v, f"{path}[{i}]", depth + 1, out)
        return out
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            finite_leaves(getattr(obj, f.name, None), f"{path}.{f.name}", depth + 1, out)
        return out
    out[path] = True  # opaque objects (figures, operators, ...)
    return out


def _finite(obj) -> bool:
    return all(v is True for v in finite_leaves(obj).values())


def new_nonfinite(baseline: dict, result: dict) -> list[tuple[str, str]]:
    """``[(output, kind)]`` of outputs that are NaN/inf in ``result`` but were finite in the
    baseline's result.

    Outputs that do not exist in the baseline (another shape of result) are compared with the
    baseline's overall finiteness.
    """
    overall = all(v is True for v in baseline.values()) if baseline else True
    return [(p, kind) for p, kind in result.items()
            if kind is not True and baseline.get(p, overall) is True]


# ------------------------------------------------------------------------------ baselines
def _clone(x):
    try:
        return copy.deepcopy(x)
    except Exception:
        return x


def record_baselines(names: dict[str, Any]) -> dict[str, tuple[tuple, dict]]:
    """Run every wirelesseff doctest with recording wrappers; first finite call per callable."""
    import wirelesseff

    found: dict[str, tuple[tuple, dict]] = {}
    patches: list[tuple[Any, str, Any]] = []

    def wrap(name, fn):
        def recorder(*args, **kwargs):
            if name in found:
                return fn(*args, **kwargs)
            a, k = _clone(args), _clone(kwargs)
            out = fn(*args, **kwargs)
            if name not in found and _finite(out):
                found[name] = (a, k)
            return out

        recorder.__wrapped__ = fn
        return recorder

    modules = [wirelesseff]
    for info in pkgutil.walk_packages(wirelesseff.__path__, "wirelesseff."):
        if ".studies" in info.name:
            continue
        try:
            modules.append(importlib.import_module(info.name))
        except Exception:
            continue
    # collect the examples first: doctest only looks at objects defined in their module
    finder = doctest.DocTestFinder(exclude_empty=True)
    tests = []
    for mod in modules:
        try:
            tests.extend(finder.find(mod, mod.__name__))
        except Exception:
            continue
    # then route every public callable the examples can reach through a recorder
    wrapped: dict[int, Any] = {}
    for name, obj in names.items():
        if inspect.isclass(obj):
            if _is_exception_class(obj) or "__init__" not in vars(obj):
                continue  # named tuples and the like: a manual baseline if needed
            init = obj.__init__
            rec = wrap(name, init)

            def cls_init(self, *a, _rec=rec, **k):
                return _rec(self, *a, **k)

            patches.append((obj, "__init__", init))
            obj.__init__ = cls_init
        else:
            wrapped[id(obj)] = wrap(name, obj)
    for mod in modules:
        for attr, val in list(vars(mod).items()):
            if id(val) in wrapped:
                patches.append((mod, attr, val))
                setattr(mod, attr, wrapped[id(val)])
    try:
        runner = doctest.DocTestRunner(verbose=False, optionflags=doctest.ELLIPSIS)
        for t in tests:
            for k, v in list(t.globs.items()):
                if id(v) in wrapped:
                    t.globs[k] = wrapped[id(v)]
            with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    # keep the globals: functions defined in an example are replayed later
                    runner.run(t, out=lambda s: None, clear_globs=False)
                except Exception:
                    pass
    finally:
        for owner, attr, val in reversed(patches):
            setattr(owner, attr, val)
    # class baselines recorded the bound ``self``: drop it
    for name, (a, k) in list(found.items()):
        if inspect.isclass(names[name]) and a:
            found[name] = (a[1:], k)
    for name, make in MANUAL_BASELINES.items():
        if name in names and name not in found:
            found[name] = make()
    return found


# ------------------------------------------------------------------------------ values
class _Weird:
    """An object of no expected type."""

    def __repr__(self):
        return "<object>"


def _float_catalogue(value: float) -> list[tuple[str, Any]]:
    return [("nan", math.nan), ("inf", math.inf), ("-inf", -math.inf), ("negative", -1.0),
            ("zero", 0.0), ("huge", 1e308), ("tiny", 1e-308), ("str", repr(float(value))),
            ("complex", 1.0 + 1.0j), ("empty", np.array([])), ("object", _Weird())]


def _int_catalogue(value: int) -> list[tuple[str, Any]]:
    return [("nan", math.nan), ("inf", math.inf), ("negative", -1), ("zero", 0),
            ("huge-int", 10**12), ("huge-float", 1e308), ("fraction", 2.5),
            ("str", str(int(value))), ("bool", True), ("array", np.array([1, 2])),
            ("object", _Weird())]


def _str_catalogue(value: str) -> list[tuple[str, Any]]:
    out = [("unknown-choice", "no-such-choice"), ("empty-str", ""), ("number", 3),
           ("nan", math.nan), ("array", np.array(["x"])), ("object", _Weird())]
    if value.strip() and value.upper() != value:
        out.append(("upper-case", value.upper()))
    return out


RNG_CATALOGUE: list[tuple[str, Any]] = [
    ("str", "seed"), ("negative", -1), ("fraction", 0.5), ("nan", math.nan),
    ("huge-seed", 2**200), ("bool", True), ("object", _Weird())]

CALLABLE_CATALOGUE: list[tuple[str, Any]] = [
    ("not-callable", 3.0), ("unknown-choice", "no-such-model"), ("object", _Weird())]

GENERIC_CATALOGUE: list[tuple[str, Any]] = [("nan", math.nan), ("str", "x"),
                                            ("object", _Weird())]


def catalogue(value) -> list[tuple[str, Any]]:
    """Adversarial replacements for a valid ``value``, chosen by its type."""
    if isinstance(value, bool | np.bool_):
        return [("str", "yes"), ("nan", math.nan), ("object", _Weird())]
    if isinstance(value, str):
        return _str_catalogue(value)
    if isinstance(value, int | np.integer):
        return _int_catalogue(int(value))
    if isinstance(value, float | np.floating):
        return _float_catalogue(float(value))
    if isinstance(value, complex | np.complexfloating):
        return [("nan", complex(math.nan, 0)), ("inf", complex(math.inf, 0)), ("zero", 0j),
                ("str", "1+1j"), ("empty", np.array([]))]
    if isinstance(value, np.ndarray | list | tuple) and _numeric_seq(value):
        arr = np.asarray(value)
        out: list[tuple[str, Any]] = [("empty", np.empty((0,) + arr.shape[1:], arr.dtype))]
        if arr.size:
            if arr.dtype.kind in "fc":
                bad = arr.astype(arr.dtype, copy=True).ravel()
                bad[0] = np.nan
                out.append(("nan-entry", bad.reshape(arr.shape)))
                inf = arr.astype(arr.dtype, copy=True).ravel()
                inf[-1] = np.inf
                out.append(("inf-entry", inf.reshape(arr.shape)))
            out.append(("negated", -arr if arr.dtype.kind in "ifc" else arr))
            out.append(("str-array", arr.astype(str)))
            if arr.ndim >= 1:
                out.append(("extra-axis", arr[..., None]))
                if arr.shape[-1] > 1:
                    out.append(("truncated", arr[..., :-1]))
            if arr.dtype.kind in "if":
                out.append(("complex-array", arr + 1j))
        return out
    if isinstance(value, np.random.Generator | np.random.SeedSequence):
        return list(RNG_CATALOGUE)
    if callable(value) and not inspect.isclass(value):
        return list(CALLABLE_CATALOGUE)
    if value is None:
        return []
    return [("none", None), ("str", "x")]


def _numeric_seq(value) -> bool:
    try:
        arr = np.asarray(value)
    except Exception:
        return False
    return arr.dtype.kind in "biufc"


_WORD = r"(?<![A-Za-z0-9_]){}(?![A-Za-z0-9_])"


def declared_type(obj, pname: str) -> str:
    """The declared type of parameter ``pname``: its annotation, else its numpydoc line."""
    target = obj.__init__ if inspect.isclass(obj) else obj
    try:
        p = inspect.signature(obj).parameters.get(pname)
    except (TypeError, ValueError):
        p = None
    if p is not None and p.annotation is not inspect.Parameter.empty:
        return str(p.annotation)
    for src in (obj, target):
        doc = inspect.getdoc(src) or ""
        m = re.search(r"^\s*(?:[\w*]+\s*,\s*)*" + re.escape(pname)
                      + r"(?:\s*,\s*[\w*]+)*\s*:\s*(.+)$", doc, re.M)
        if m:
            return m.group(1)
    return ""


def catalogue_for_none(obj, pname: str) -> list[tuple[str, Any]]:
    """Adversarial values for a parameter whose valid value is ``None``, by declared type."""
    text = declared_type(obj, pname).lower()
    words = set(re.findall(r"[a-z_]+", text))
    if pname == "rng" or "generator" in text:
        return list(RNG_CATALOGUE)
    if "callable" in words:
        return list(CALLABLE_CATALOGUE)
    if words & {"dict", "mapping", "path", "pathlike", "folder", "directory", "dataset",
                "figure", "axes"}:
        return list(GENERIC_CATALOGUE)
    numeric = words & {"float", "array_like", "arraylike", "ndarray", "array", "real",
                       "number", "complex"}
    if numeric:
        return _float_catalogue(1.0)
    if words & {"int", "integer"}:
        return _int_catalogue(4)
    if "str" in words:
        return _str_catalogue("")
    if words & {"bool"}:
        return [("str", "yes"), ("nan", math.nan), ("object", _Weird())]
    return list(GENERIC_CATALOGUE)


#: Labels of values that must be rejected before any expensive work (used for slow callables).
MUST_REJECT = {"nan", "inf", "-inf", "str", "nan-entry", "inf-entry", "object", "huge-int",
               "huge-float", "unknown-choice", "not-callable", "huge-seed"}


def hypothesis_values(value, n: int) -> list[tuple[str, Any]]:
    """``n`` extra replacements drawn by hypothesis (deterministic) for a value's type."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    if n <= 0 or isinstance(value, bool | np.bool_):
        return []
    if isinstance(value, str):
        strat = st.text(max_size=12)
    elif isinstance(value, int | np.integer):
        strat = st.one_of(st.integers(-(2**63), 2**63), st.floats(allow_nan=True))
    elif isinstance(value, float | np.floating):
        strat = st.floats(allow_nan=True, allow_infinity=True)
    else:
        return []
    drawn: list = []

    @settings(max_examples=n, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(strat)
    def collect(x):
        drawn.append(x)

    collect()
    return [(f"hypothesis:{x!r}", x) for x in drawn[:n]]


# ------------------------------------------------------------------------------ cases
@dataclasses.dataclass(frozen=True)
class Target:
    """One fuzzed input: a parameter, an entry of ``**kwargs`` or a field of a dataclass."""

    name: str  # as reported: "p", "kwargs_key" or "params.field"
    param: str  # the parameter of the signature
    field: str | None = None  # the dataclass field, or the ``**kwargs`` key
    kind: str = "param"  # "param" | "varkw" | "field"

    def names(self) -> set[str]:
        """Names an error message may use for this target."""
        out = {self.param, self.param.lstrip("_")}
        if self.field:
            out |= {self.field, f"{self.param}.{self.field}"}
        return {n for n in out if n}


def _signature(obj):
    try:
        return inspect.signature(obj)
    except (TypeError, ValueError):
        return None


def targets_for(obj, baseline) -> list[tuple[Target, Any]]:
    """``[(target, valid value)]`` of one callable given its baseline call."""
    args, kwargs = baseline
    sig = _signature(obj)
    if sig is None:
        return []
    try:
        bound = sig.bind(*args, **kwargs)
    except TypeError:
        return []
    params = sig.parameters
    out: list[tuple[Target, Any]] = []
    for p in params.values():
        if p.kind == p.VAR_POSITIONAL:
            continue
        if p.kind == p.VAR_KEYWORD:
            for key, v in bound.arguments.get(p.name, {}).items():
                out.append((Target(key, p.name, key, "varkw"), v))
            continue
        if p.name in bound.arguments:
            v = bound.arguments[p.name]
        elif p.default is not inspect.Parameter.empty:
            v = p.default
        else:
            continue
        out.append((Target(p.name, p.name), v))
        if dataclasses.is_dataclass(v) and not isinstance(v, type):
            for f in dataclasses.fields(v):
                if f.init and not f.name.startswith("_"):
                    out.append((Target(f"{p.name}.{f.name}", p.name, f.name, "field"),
                                getattr(v, f.name)))
    return out


def cases_for(obj, baseline, *, hypothesis: bool = True) -> list[tuple[Target, str, Any]]:
    """``[(target, label, adversarial value)]`` for one callable."""
    out = []
    for target, v in targets_for(obj, baseline):
        if v is None:
            values = (catalogue_for_none(obj, target.param) if target.kind == "param"
                      else [])
        else:
            values = catalogue(v)
            if hypothesis and target.kind != "field":
                values = values + hypothesis_values(v, HYPOTHESIS_EXAMPLES)
        out.extend((target, label, bad) for label, bad in values)
    return out


def call_with(obj, baseline, target: Target, bad):
    """Call ``obj`` with its baseline arguments and ``bad`` in place of ``target``."""
    args, kwargs = baseline
    sig = inspect.signature(obj)
    bound = sig.bind(*_clone(args), **_clone(kwargs))
    if target.kind == "varkw":
        bound.arguments[target.param] = dict(bound.arguments[target.param],
                                             **{target.field: bad})
    elif target.kind == "field":
        current = bound.arguments.get(target.param, sig.parameters[target.param].default)
        bound.arguments[target.param] = dataclasses.replace(current, **{target.field: bad})
    else:
        bound.arguments[target.param] = bad
    return obj(*bound.args, **bound.kwargs)


def names_parameter(message: str, names: set[str]) -> bool:
    """Whether ``message`` names one of ``names`` as a word (``M`` does not match "Must")."""
    return any(re.search(_WORD.format(re.escape(n)), message) for n in names)


def verdict(target: Target | str, exc: BaseException | None, result,
            baseline_leaves: dict) -> tuple[str, str]:
    """``(verdict, detail)`` of one call (see the module docstring)."""
    if isinstance(target, str):
        target = Target(target, target)
    if exc is None:
        bad = new_nonfinite(baseline_leaves, finite_leaves(result))
        if bad:
            kinds = {k for _, k in bad}
            kind = kinds.pop() if len(kinds) == 1 else "nan+inf"
            return "silent-nonfinite", f"{kind} in output(s): " + ", ".join(
                p or "<result>" for p, _ in bad[:4])
        return "clean-result", ""
    text = f"{type(exc).__name__}: {exc}"[:300]
    if isinstance(exc, ValueError | TypeError):
        if names_parameter(str(exc), target.names()):
            return "clean-error", text
        return "unnamed-error", text
    return f"bad-exception:{type(exc).__name__}", text


# ------------------------------------------------------------------------------ worker
def _limit_memory() -> None:
    with contextlib.suppress(Exception):
        import resource

        resource.setrlimit(resource.RLIMIT_DATA, (WORKER_MEMORY_BYTES, WORKER_MEMORY_BYTES))


def worker(names: list[str]) -> None:
    """Run the cases of ``names`` and print one JSON line per case (and per missing baseline)."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    import matplotlib

    matplotlib.use("Agg")
    _limit_memory()
    # callables that write (checkpoints, figures, datasets) write into the parent's scratch
    # folder, removed when the run ends
    import tempfile

    os.chdir(os.environ.get("FUZZ_SCRATCH") or tempfile.mkdtemp(prefix="wirelesseff-fuzz-"))
    all_names = public_callables()
    baselines = record_baselines(all_names)
    resume = os.environ.get("FUZZ_RESUME_AFTER")  # "name|index" of the last case seen
    resume_name, resume_index = (resume.rsplit("|", 1) if resume else (None, "-1"))
    if resume_name is not None and resume_name in names:
        names = names[names.index(resume_name):]
    emit = lambda rec: print(json.dumps(rec), flush=True)  # noqa: E731
    for name in names:
        obj = all_names.get(name)
        if obj is None or _is_exception_class(obj) or name in NOT_FUZZED:
            continue
        resuming = name == resume_name
        if name not in baselines:
            if not resuming:
                emit({"event": "no-baseline", "name": name})
            continue
        base = baselines[name]
        t = time.perf_counter()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ref = obj(*_clone(base[0]), **_clone(base[1]))
            ref_leaves = finite_leaves(ref)
        except Exception as exc:  # a recorded baseline that fails on replay
            if not resuming:
                emit({"event": "baseline-fails", "name": name,
                      "error": f"{type(exc).__name__}: {exc}"[:300]})
            continue
        slow = time.perf_counter() - t > SLOW_BASELINE_S
        cases = cases_for(obj, base, hypothesis=not slow)
        if not resuming:
            emit({"event": "callable", "name": name, "slow": slow})
        for i, (target, label, bad) in enumerate(cases):
            if resuming and i <= int(resume_index):
                continue
            if slow and label not in MUST_REJECT:
                continue
            key = f"{name}|{i}"
            emit({"event": "start", "key": key, "name": name, "param": target.name,
                  "label": label})
            exc, res = None, None
            c0 = time.process_time()
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                try:
                    res = call_with(obj, base, target, bad)
                except BaseException as e:  # every outcome is classified
                    if isinstance(e, KeyboardInterrupt):
                        raise
                    exc = e
            v, detail = verdict(target, exc, res, ref_leaves)
            emit({"event": "case", "key": key, "name": name, "param": target.name,
                  "label": label, "verdict": v, "error": detail,
                  "cpu": round(time.process_time() - c0, 4)})
            del res


# ------------------------------------------------------------------------------ parent
def _cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system, all threads) of a process, from /proc (Linux)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def _watchdog(proc, state, killed, timeout):
    """Kill the worker's process group when one case uses more than ``timeout`` CPU seconds
    (or ``WALL_TIMEOUT_FACTOR`` times that in wall time): CPU time is what a hanging call
    burns, and it does not grow while a loaded machine keeps the worker waiting."""
    while proc.poll() is None:
        key = state["key"]
        if key is not None:
            cpu = _cpu_seconds(proc.pid)
            wall = time.monotonic() - state["t"]
            used = wall if cpu is None or state["cpu"] is None else cpu - state["cpu"]
            if used > timeout or wall > WALL_TIMEOUT_FACTOR * timeout:
                killed.set()
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                return
        time.sleep(0.1)


def run(names: list[str], n_workers: int = 2, timeout: float = CALL_TIMEOUT_S,
        python: str = sys.executable) -> list[dict]:
    """Fuzz ``names`` in ``n_workers`` subprocesses; returns every record (cases and events)."""
    import tempfile

    chunks = [names[i::n_workers] for i in range(n_workers)]
    records: list[dict] = []
    lock = threading.Lock()
    scratch = tempfile.TemporaryDirectory(prefix="wirelesseff-fuzz-")

    def drive(chunk):
        resume = None
        while True:
            env = dict(os.environ, PYTHONUNBUFFERED="1", MPLBACKEND="Agg",
                       OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1",
                       NUMBA_NUM_THREADS="1")
            env.pop("FUZZ_RESUME_AFTER", None)
            env["FUZZ_SCRATCH"] = os.path.join(scratch.name, f"worker-{chunk[0]}")
            os.makedirs(env["FUZZ_SCRATCH"], exist_ok=True)
            if resume:
                env["FUZZ_RESUME_AFTER"] = resume
            proc = subprocess.Popen([python, str(Path(__file__)), "--worker", *chunk],
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                    env=env, start_new_session=True)
            current = None
            state = {"key": None, "t": time.monotonic(), "cpu": None}
            killed = threading.Event()
            wd = threading.Thread(target=_watchdog, args=(proc, state, killed, timeout),
                                  daemon=True)
            wd.start()
            try:
                for line in proc.stdout:
                    try:
                        rec = json.loads(line)
                    except ValueError:
                        continue
                    if rec.get("event") == "start":
                        current = rec
                        state["cpu"] = _cpu_seconds(proc.pid)
                        state["t"] = time.monotonic()
                        state["key"] = current["key"]
                        continue
                    state["key"] = None
                    if rec.get("event") == "case":
                        current = None
                    with lock:
                        records.append(rec)
            finally:
                if proc.poll() is None:  # the parent is interrupted: leave nothing behind
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                wd.join(timeout=1)
            if current is not None and (killed.is_set() or proc.returncode not in (0, None)):
                verdict_ = "timeout" if killed.is_set() else f"crash:{proc.returncode}"
                error = (f"more than {timeout:g} s of CPU time" if killed.is_set()
                         else "the worker process died")
                with lock:
                    records.append(dict(current, event="case", verdict=verdict_, error=error))
                resume = current["key"]
                continue
            return

    threads = [threading.Thread(target=drive, args=(c,)) for c in chunks if c]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    scratch.cleanup()
    return records


def _verdict_matches(pattern: str, rec: dict) -> bool:
    verdict_ = rec.get("verdict")
    if pattern in ("*", verdict_):
        return True
    # "silent-nan" / "silent-inf": a silent non-finite result holding only NaN / only inf
    if verdict_ == "silent-nonfinite" and pattern in ("silent-nan", "silent-inf"):
        return rec.get("error", "").startswith(pattern.split("-")[1] + " in ")
    return False


def allowed(rec: dict) -> str | None:
    """The reason a non-clean record is a deliberate exception, or None.

    A key of :data:`EXCEPTIONS` is ``(public name, parameter or "*", verdict or "*")``; the
    parameter may carry a label (``"x=zero"``) to allow one adversarial value only; the
    verdict ``"silent-nan"`` (``"silent-inf"``) allows a silent non-finite result only when
    its non-finite outputs hold NaN only (inf only).
    """
    key = allowed_key(rec)
    return None if key is None else EXCEPTIONS[key]


def allowed_key(rec: dict) -> tuple[str, str, str] | None:
    """The key of :data:`EXCEPTIONS` that allows a non-clean record, or None."""
    if rec.get("verdict") in ("clean-result", "clean-error"):
        return None
    for key in EXCEPTIONS:
        name, param, verdict_ = key
        if name != rec.get("name") or not _verdict_matches(verdict_, rec):
            continue
        p, _, label = param.partition("=")
        if p in ("*", rec.get("param")) and (not label or label == rec.get("label")):
            return key
    return None


def summarize(records: list[dict], names: list[str], seconds: float) -> dict:
    """Figures of one run, as written to ``docs/_data/fuzz.json``."""
    cases = [r for r in records if r.get("event") == "case"]
    counts = Counter(r["verdict"] for r in cases)
    used = sorted({f"{r['name']} ({r['param']}: {r['verdict']})" for r in cases
                   if r["verdict"] not in ("clean-result", "clean-error") and allowed(r)})
    failing = [r for r in cases
               if r["verdict"] not in ("clean-result", "clean-error") and not allowed(r)]
    pending_failures = Counter(r["name"] for r in failing if pending(r["name"]))
    covered = sorted({r["name"] for r in records if r.get("event") == "callable"})
    return {
        "public_callables": len(names),
        "callables_covered": len(covered),
        "not_fuzzed": len([n for n in names if n in NOT_FUZZED]),
        "exception_classes": len([n for n in names if n not in NOT_FUZZED
                                  and _is_exception_class(_object(n))]),
        "cases_tried": len(cases),
        "clean_errors": counts.get("clean-error", 0),
        "clean_results": counts.get("clean-result", 0),
        "deliberate_exceptions": sum(1 for r in cases if r["verdict"] not in
                                     ("clean-result", "clean-error") and allowed(r)),
        "deliberate_exception_entries": len(EXCEPTIONS),
        "exceptions_used": used,
        "failures": len(failing) - sum(pending_failures.values()),
        "pending_modules": dict(PENDING),
        "pending_failures": dict(sorted(pending_failures.items())),
        "verdicts": dict(sorted(counts.items())),
        "no_baseline": sorted({r["name"] for r in records
                               if r.get("event") == "no-baseline"}),
        "baseline_fails": sorted({r["name"] for r in records
                                  if r.get("event") == "baseline-fails"}),
        "call_timeout_cpu_s": CALL_TIMEOUT_S,
        "wall_time_s": round(seconds, 1),
        "hypothesis_examples_per_target": HYPOTHESIS_EXAMPLES,
    }


def _object(dotted: str):
    mod, _, attr = dotted.rpartition(".")
    return getattr(importlib.import_module(mod), attr, None)


def pending(name: str) -> str | None:
    """The reason a callable's module is pending (owned by a branch in flight), or None."""
    for prefix, reason in PENDING.items():
        if name == prefix or name.startswith(prefix + "."):
            return reason
    return None


def failures(records: list[dict], *, include_pending: bool = False) -> list[dict]:
    """Case records that are neither clean nor a listed deliberate exception (cases of
    pending modules only with ``include_pending``)."""
    return [r for r in records if r.get("event") == "case"
            and r["verdict"] not in ("clean-result", "clean-error") and not allowed(r)
            and (include_pending or not pending(r["name"]))]


def main(argv: list[str]) -> int:
    wanted = argv or None
    names = sorted(public_callables())
    if wanted:
        names = [n for n in names if any(n == w or n.startswith(w + ".") for w in wanted)]
    t0 = time.time()
    recs = run(names)
    summary = summarize(recs, names, time.time() - t0)
    bad = failures(recs, include_pending=True)
    print(json.dumps({k: v for k, v in summary.items() if k != "exceptions_used"}, indent=1))
    for r in sorted(recs, key=lambda r: r.get("key", r.get("name", ""))):
        if r.get("event") in ("no-baseline", "baseline-fails"):
            print(f"{r['event']:>20}  {r['name']} {r.get('error', '')}")
    for r in sorted(bad, key=lambda r: (r["name"], r["param"])):
        print(f"{r['verdict']:>20}  {r['name']}({r['param']}={r['label']}): {r['error'][:160]}")
    slow = sorted((r for r in recs if r.get("cpu", 0) > 1.0), key=lambda r: -r["cpu"])[:15]
    for r in slow:
        print(f"{'slow ' + str(r['cpu']) + ' s':>20}  {r['name']}({r['param']}={r['label']})")
    return 1 if failures(recs) else 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(sys.argv[2:])
    else:
        sys.exit(main(sys.argv[1:]))
