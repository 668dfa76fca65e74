"""Adversarial-input fuzzing of every public callable of wirelesseff.

How it works
------------
1. **Public callables**: every callable named in the ``__all__`` of a public subpackage
   (:data:`PUBLIC_MODULES`).
2. **Baselines**: a valid call of each callable is *recorded* by running the doctest examples of
   every wirelesseff module with recording wrappers in place (the first call that returns a
   finite result wins), plus :data:`exceptions.MANUAL_BASELINES`. A callable without a recorded
   baseline is reported, not silently skipped.
3. **Cases**: for each parameter of the baseline call (and each parameter with a non-``None``
   default), adversarial values replace the valid one, one parameter at a time: a fixed catalogue
   chosen by the type of the valid value (NaN, ±inf, negative, zero, huge, huge integers,
   strings, empty and wrong-shaped arrays, complex for real, ...) plus values drawn by
   `hypothesis` strategies (deterministic profile: ``derandomize=True``).
4. **Verdict** of a call: *clean result* (returns, and its result holds no NaN/inf unless the
   baseline result did); *clean error* (``ValueError``/``TypeError`` whose message names the
   parameter); anything else is a failure: another exception type, an error message without the
   parameter's name, a silent NaN/inf result, or a call running longer than
   :data:`CALL_TIMEOUT_S` (the worker process is killed and restarted).

Workers are subprocesses (``python harness.py --worker NAMES...``) that print one JSON line per
case, so that a hanging call can be killed without losing the other results. The pytest entry
point is ``tests/fuzz/test_fuzz_public_api.py``.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import doctest
import importlib
import inspect
import io
import json
import math
import os
import pkgutil
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from exceptions import EXCEPTIONS, MANUAL_BASELINES, NOT_FUZZED  # noqa: E402

#: Subpackages whose ``__all__`` is the public API.
PUBLIC_MODULES = (
    "wirelesseff",
    "wirelesseff.units",
    "wirelesseff.metrics",
    "wirelesseff.io",
    "wirelesseff.plotting",
    "wirelesseff.registry",
    "wirelesseff.channel",
    "wirelesseff.channel.ntn",
    "wirelesseff.power",
    "wirelesseff.optimize",
    "wirelesseff.sweep",
    "wirelesseff.xlmimo",
    "wirelesseff.noma",
    "wirelesseff.fas",
    "wirelesseff.ris_leo",
    "wirelesseff.network",
)

#: A single call longer than this is a failure (the call is killed) [s].
CALL_TIMEOUT_S = 10.0
#: Baseline calls slower than this get only the values that must be rejected up front [s].
SLOW_BASELINE_S = 0.5
#: Extra values drawn by hypothesis per callable.
HYPOTHESIS_EXAMPLES = 12


# ------------------------------------------------------------------------------ discovery
def public_callables() -> dict[str, Any]:
    """``{public name: object}`` of every callable in a public ``__all__`` (first name wins)."""
    out: dict[str, Any] = {}
    seen: set[int] = set()
    for modname in PUBLIC_MODULES:
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


# ------------------------------------------------------------------------------ baselines
def _finite(obj, depth=0) -> bool:
    """Whether a result holds no NaN/inf (numbers, arrays, containers, dataclasses, xarray)."""
    if depth > 6:
        return True
    if isinstance(obj, bool | str | bytes | type(None)):
        return True
    if isinstance(obj, int | float | complex | np.number):
        return bool(np.isfinite(obj))
    if isinstance(obj, np.ndarray):
        if obj.dtype.kind in "fc":
            return bool(np.all(np.isfinite(obj)))
        if obj.dtype == object:
            return all(_finite(x, depth + 1) for x in obj.ravel()[:1000])
        return True
    mod = type(obj).__module__
    if mod.startswith("xarray"):
        if hasattr(obj, "data_vars"):
            return all(_finite(v.values, depth + 1) for v in obj.data_vars.values())
        return _finite(getattr(obj, "values", None), depth + 1)
    if isinstance(obj, dict):
        return all(_finite(v, depth + 1) for v in obj.values())
    if isinstance(obj, list | tuple):
        return all(_finite(v, depth + 1) for v in obj[:1000])
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return all(_finite(getattr(obj, f.name), depth + 1) for f in dataclasses.fields(obj))
    return True


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
                    runner.run(t, out=lambda s: None)
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


def catalogue(value) -> list[tuple[str, Any]]:
    """Adversarial replacements for a valid ``value``, chosen by its type."""
    if isinstance(value, bool | np.bool_):
        return [("str", "yes"), ("nan", math.nan), ("object", _Weird())]
    if isinstance(value, str):
        return [("unknown-choice", "no-such-choice"), ("empty-str", ""), ("number", 3),
                ("array", np.array(["x"])), ("object", _Weird())]
    if isinstance(value, int | np.integer):
        return [("nan", math.nan), ("inf", math.inf), ("negative", -1), ("zero", 0),
                ("huge-int", 10**12), ("huge-float", 1e308), ("fraction", 2.5),
                ("str", str(int(value))), ("bool", True), ("array", np.array([1, 2])),
                ("object", _Weird())]
    if isinstance(value, float | np.floating):
        return [("nan", math.nan), ("inf", math.inf), ("-inf", -math.inf), ("negative", -1.0),
                ("zero", 0.0), ("huge", 1e308), ("tiny", 1e-308), ("str", repr(float(value))),
                ("complex", 1.0 + 1.0j), ("empty", np.array([])), ("object", _Weird())]
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
    if isinstance(value, np.random.Generator):
        return [("str", "seed"), ("negative", -1), ("float", 0.5)]
    return [("none", None), ("str", "x")] if value is not None else []


def _numeric_seq(value) -> bool:
    try:
        arr = np.asarray(value)
    except Exception:
        return False
    return arr.dtype.kind in "biufc"


#: Labels of values that must be rejected before any expensive work (used for slow callables).
MUST_REJECT = {"nan", "inf", "-inf", "str", "nan-entry", "inf-entry", "object", "huge-int",
               "unknown-choice"}


def hypothesis_values(value, n: int) -> list[tuple[str, Any]]:
    """``n`` extra replacements drawn by hypothesis (deterministic) for a value's type."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    if isinstance(value, bool | np.bool_):
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
def cases_for(name: str, obj, baseline) -> list[tuple[str, str, Any]]:
    """``[(parameter, label, value)]`` for one callable."""
    args, kwargs = baseline
    try:
        sig = inspect.signature(obj)
        bound = sig.bind(*args, **kwargs)
    except (TypeError, ValueError):
        return []
    params = sig.parameters
    values = dict(bound.arguments)
    for p in params.values():
        if p.name not in values and p.default is not inspect.Parameter.empty \
                and p.default is not None and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            values[p.name] = p.default
    out = []
    for pname, v in values.items():
        kind = params[pname].kind if pname in params else None
        if kind in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD):
            continue
        for label, bad in catalogue(v):
            out.append((pname, label, bad))
        for label, bad in hypothesis_values(v, HYPOTHESIS_EXAMPLES):
            out.append((pname, label, bad))
    return out


def call_with(obj, baseline, pname, bad):
    args, kwargs = baseline
    sig = inspect.signature(obj)
    bound = sig.bind(*_clone(args), **_clone(kwargs))
    bound.arguments[pname] = bad
    return obj(*bound.args, **bound.kwargs)


def verdict(pname: str, exc: BaseException | None, result, baseline_finite: bool) -> str:
    if exc is None:
        if baseline_finite and not _finite(result):
            return "silent-nonfinite"
        return "clean-result"
    if isinstance(exc, ValueError | TypeError):
        msg = str(exc)
        names = {pname, pname.lstrip("_")}
        if any(n and n in msg for n in names):
            return "clean-error"
        return "unnamed-error"
    return f"bad-exception:{type(exc).__name__}"


# ------------------------------------------------------------------------------ worker
def worker(names: list[str]) -> None:
    """Run the cases of ``names`` and print one JSON line per case (and per missing baseline)."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    import matplotlib

    matplotlib.use("Agg")
    all_names = public_callables()
    baselines = record_baselines(all_names)
    start_after = os.environ.get("FUZZ_RESUME_AFTER")
    skipping = bool(start_after)
    for name in names:
        obj = all_names.get(name)
        if obj is None or _is_exception_class(obj) or name in NOT_FUZZED:
            continue
        if name not in baselines:
            print(json.dumps({"name": name, "event": "no-baseline"}), flush=True)
            continue
        base = baselines[name]
        t = time.perf_counter()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ref = obj(*_clone(base[0]), **_clone(base[1]))
            base_ok, base_finite = True, _finite(ref)
        except Exception as exc:  # a recorded baseline that fails on replay
            base_ok, base_finite = False, True
            print(json.dumps({"name": name, "event": "baseline-fails",
                              "error": f"{type(exc).__name__}: {exc}"[:300]}), flush=True)
        slow = time.perf_counter() - t > SLOW_BASELINE_S
        if not base_ok:
            continue
        for i, (pname, label, bad) in enumerate(cases_for(name, obj, base)):
            key = f"{name}|{pname}|{i}"
            if skipping:
                skipping = key != start_after
                continue
            if slow and label not in MUST_REJECT:
                continue
            print(json.dumps({"event": "start", "key": key}), flush=True)
            exc, res = None, None
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    res = call_with(obj, base, pname, bad)
                except BaseException as e:  # every outcome is classified
                    if isinstance(e, KeyboardInterrupt):
                        raise
                    exc = e
            v = verdict(pname, exc, res, base_finite)
            print(json.dumps({
                "event": "case", "key": key, "name": name, "param": pname, "label": label,
                "verdict": v, "error": "" if exc is None else f"{type(exc).__name__}: {exc}"[:300],
            }), flush=True)


# ------------------------------------------------------------------------------ parent
def _watchdog(proc, state, killed, timeout):
    """Kill the worker's process group when one case runs longer than ``timeout``."""
    while proc.poll() is None:
        if state["key"] is not None and time.monotonic() - state["t"] > timeout:
            killed.set()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            return
        time.sleep(0.2)


def run(names: list[str], n_workers: int = 2, timeout: float = CALL_TIMEOUT_S,
        python: str = sys.executable) -> list[dict]:
    """Fuzz ``names`` in ``n_workers`` subprocesses; returns every case record."""
    chunks = [names[i::n_workers] for i in range(n_workers)]
    records: list[dict] = []
    import threading

    def drive(chunk):
        resume = None
        while True:
            env = dict(os.environ, PYTHONUNBUFFERED="1", MPLBACKEND="Agg",
                       OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", NUMBA_NUM_THREADS="1")
            if resume:
                env["FUZZ_RESUME_AFTER"] = resume
            proc = subprocess.Popen([python, str(Path(__file__)), "--worker", *chunk],
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                    env=env, start_new_session=True)
            current = None
            state = {"key": None, "t": time.monotonic()}
            killed = threading.Event()
            wd = threading.Thread(target=_watchdog, args=(proc, state, killed, timeout),
                                  daemon=True)
            wd.start()
            for line in proc.stdout:
                try:
                    rec = json.loads(line)
                except ValueError:
                    continue
                if rec.get("event") == "start":
                    current = rec["key"]
                    state["t"] = time.monotonic()
                    state["key"] = current
                    continue
                state["key"] = None
                records.append(rec)
            proc.wait()
            wd.join(timeout=1)
            if killed.is_set() and current is not None:
                name, pname, _ = current.split("|")
                records.append({"event": "case", "key": current, "name": name, "param": pname,
                                "label": "?", "verdict": "timeout",
                                "error": f"no answer within {timeout:g} s"})
                resume = current
                continue
            if proc.returncode not in (0, None) and current is not None and not killed.is_set():
                name, pname, _ = current.split("|")
                records.append({"event": "case", "key": current, "name": name, "param": pname,
                                "label": "?", "verdict": f"crash:{proc.returncode}",
                                "error": "the worker process died"})
                resume = current
                continue
            return

    threads = [threading.Thread(target=drive, args=(c,)) for c in chunks if c]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return records


def allowed(rec: dict) -> str | None:
    """The reason a non-clean record is a deliberate exception, or None."""
    for (name, param, verdict), reason in EXCEPTIONS.items():
        if (name == rec.get("name") and param in ("*", rec.get("param"))
                and verdict in ("*", rec.get("verdict"))):
            return reason
    return None


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(sys.argv[2:])
    else:
        names = sorted(public_callables())
        t0 = time.time()
        recs = run(names)
        cases = [r for r in recs if r.get("event") == "case"]
        bad = [r for r in cases if r["verdict"] not in ("clean-result", "clean-error")
               and not allowed(r)]
        from collections import Counter

        print(Counter(r["verdict"] for r in cases))
        print("no baseline:", [r["name"] for r in recs if r.get("event") == "no-baseline"])
        print("baseline fails:", [(r["name"], r["error"]) for r in recs
                                  if r.get("event") == "baseline-fails"])
        for r in bad:
            print(f"{r['verdict']:>20}  {r['name']}({r['param']}={r['label']}): {r['error'][:150]}")
        print(f"{len(cases)} cases, {len(bad)} failures, {time.time() - t0:.0f} s")
