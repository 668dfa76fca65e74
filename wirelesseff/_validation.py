"""Input validation and random-number helpers shared by every layer.

Every public function of wirelesseff validates its domain with these helpers, so that bad input
always produces the same kind of message: the parameter's name, the offending value and the valid
range, e.g. ``pa_efficiency must be in (0, 1], got 1.5``.

The helpers accept scalars and arrays. For arrays the message reports the first offending entry
(and its index) so that a failing element of a large grid can be found.

The contract they enforce (see docs/robustness.md):

- a string, an object or a complex number where a real number is expected is a ``TypeError``
  naming the parameter (``np.asarray("10", dtype=float)`` would silently parse it, so the
  checks run *before* any float conversion);
- NaN is a ``ValueError``; so is ±inf where a finite value is required (:func:`check_positive`,
  :func:`check_nonnegative`, :func:`check_real_array` and :func:`check_real_scalar` require
  one unless told otherwise);
- integer sizes, counts and iterations are checked by :func:`check_integer` against a
  documented upper bound before anything is allocated or looped over;
- a result that overflows float64 from finite inputs is a ``ValueError`` naming the inputs
  (:func:`check_no_overflow`), never a silent ``inf``.
"""

from __future__ import annotations

import contextlib
import math
import numbers
import re
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

__all__ = [
    "LookupValueError",
    "OverflowInputError",
    "as_generator",
    "check_flag",
    "check_complex_array",
    "check_real_array",
    "check_real_scalar",
    "check_choice",
    "check_in_range",
    "check_integer",
    "check_no_overflow",
    "check_nonnegative",
    "check_positive",
    "check_shape",
    "renamed_parameters",
    "check_finite",
]


def _fmt(value: Any) -> str:
    """Short representation of a scalar for error messages."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        text = f"{value:.6g}"
        if text.lstrip("-").isdigit():  # keep floats recognisable: -1.0, not -1
            text += ".0"
        return text
    return repr(value)


def _first_offender(arr: np.ndarray, bad: np.ndarray) -> str:
    """Describe the first entry of ``arr`` where ``bad`` is True."""
    if arr.ndim == 0:
        return _fmt(arr[()])
    idx = tuple(int(i) for i in np.argwhere(bad)[0])
    n_bad = int(np.count_nonzero(bad))
    extra = f" ({n_bad} of {arr.size} entries out of range)" if n_bad > 1 else ""
    return f"{_fmt(arr[idx])} at index {idx}{extra}"


def _as_array(name: str, value: Any) -> np.ndarray:
    """``np.asarray(value)`` with a ``TypeError`` naming ``name`` when numpy cannot build an
    array (ragged nesting, objects that refuse conversion)."""
    try:
        return np.asarray(value)
    except (TypeError, ValueError) as exc:
        raise TypeError(
            f"{name} must be array_like (a number or a regular nested sequence), "
            f"got {type(value).__name__}"
        ) from exc


def _as_real_array(name: str, value: Any) -> np.ndarray:
    arr = _as_array(name, value)
    if arr.dtype == object or not (
        np.issubdtype(arr.dtype, np.number) or np.issubdtype(arr.dtype, np.bool_)
    ):
        raise TypeError(f"{name} must be numeric, got {_fmt(value)} of type {type(value).__name__}")
    if np.iscomplexobj(arr):
        raise TypeError(f"{name} must be real-valued, got complex input")
    return arr


def check_in_range(
    name: str,
    value: Any,
    low: float | None = None,
    high: float | None = None,
    *,
    low_open: bool = False,
    high_open: bool = False,
    allow_nan: bool = False,
    what: str | None = None,
) -> np.ndarray:
    """Check that every entry of ``value`` lies in an interval.

    Parameters
    ----------
    name : str
        Parameter name used in the error message.
    value : array_like
        Value(s) to check (real).
    low, high : float or None
        Interval end points; ``None`` means unbounded.
    low_open, high_open : bool
        Whether the corresponding end point is excluded.
    allow_nan : bool
        Whether NaN entries are accepted (they are skipped by the range test).
    what : str, optional
        Extra context appended to the message (e.g. ``"for zero-forcing"``).

    Returns
    -------
    ndarray
        ``value`` as a numpy array (no copy when possible).

    Raises
    ------
    TypeError
        If ``value`` is not real and numeric.
    ValueError
        If an entry lies outside the interval; the message names ``name``, the offending value
        and the interval.

    Examples
    --------
    >>> check_in_range("pa_efficiency", 0.5, 0.0, 1.0, low_open=True)
    array(0.5)
    >>> check_in_range("pa_efficiency", 1.5, 0.0, 1.0, low_open=True)
    Traceback (most recent call last):
    ...
    ValueError: pa_efficiency must be in (0, 1], got 1.5
    """
    arr = _as_real_array(name, value)
    nan = np.isnan(arr) if np.issubdtype(arr.dtype, np.floating) else np.zeros(arr.shape, bool)
    bad = nan.copy() if not allow_nan else np.zeros(arr.shape, bool)
    with np.errstate(invalid="ignore"):
        if low is not None:
            bad |= ~nan & ((arr <= low) if low_open else (arr < low))
        if high is not None:
            bad |= ~nan & ((arr >= high) if high_open else (arr > high))
    if np.any(bad):
        lo = "(" if low_open else "["
        hi = ")" if high_open else "]"
        lo_s = "-inf" if low is None else f"{low:.6g}"
        hi_s = "inf" if high is None else f"{high:.6g}"
        if low is None:
            lo = "("
        if high is None:
            hi = ")"
        suffix = f" {what}" if what else ""
        raise ValueError(
            f"{name} must be in {lo}{lo_s}, {hi_s}{hi}{suffix}, got {_first_offender(arr, bad)}"
        )
    return arr


def check_positive(*, allow_inf: bool = False, **named: Any) -> None:
    """Check that every named value is strictly positive and finite (NaN rejected).

    ``allow_inf=True`` accepts ``+inf`` (where the docstring of the caller gives it a meaning,
    such as "no limit").

    Examples
    --------
    >>> check_positive(bandwidth=20e6, frequency=[3.5e9, 28e9])
    >>> check_positive(bandwidth=-1.0)
    Traceback (most recent call last):
    ...
    ValueError: bandwidth must be positive (> 0), got -1.0
    >>> check_positive(bandwidth=float("inf"))
    Traceback (most recent call last):
    ...
    ValueError: bandwidth must be finite, got inf
    """
    for name, value in named.items():
        arr = _as_real_array(name, value)
        with np.errstate(invalid="ignore"):
            bad = ~(arr > 0)
        if np.any(bad):
            raise ValueError(f"{name} must be positive (> 0), got {_first_offender(arr, bad)}")
        if not allow_inf:
            _check_not_inf(name, arr)


def check_nonnegative(*, allow_inf: bool = False, **named: Any) -> None:
    """Check that every named value is non-negative and finite (NaN rejected).

    ``allow_inf=True`` accepts ``+inf``.

    Examples
    --------
    >>> check_nonnegative(p_tx=0.0)
    >>> check_nonnegative(distance=[1.0, -2.0])
    Traceback (most recent call last):
    ...
    ValueError: distance must be non-negative (>= 0), got -2.0 at index (1,)
    """
    for name, value in named.items():
        arr = _as_real_array(name, value)
        with np.errstate(invalid="ignore"):
            bad = ~(arr >= 0)
        if np.any(bad):
            raise ValueError(
                f"{name} must be non-negative (>= 0), got {_first_offender(arr, bad)}"
            )
        if not allow_inf:
            _check_not_inf(name, arr)


def _check_not_inf(name: str, arr: np.ndarray) -> None:
    if arr.dtype.kind == "f":
        bad = np.isinf(arr)
        if np.any(bad):
            raise ValueError(f"{name} must be finite, got {_first_offender(arr, bad)}")


def check_finite(**named: Any) -> None:
    """Check that every named value is numeric (real or complex) and finite (no NaN or inf).

    Examples
    --------
    >>> check_finite(h=[1.0 + 1.0j, 2.0])
    >>> check_finite(h=[1.0, float("nan")])
    Traceback (most recent call last):
    ...
    ValueError: h must be finite, got nan at index (1,)
    >>> check_finite(h="1.0")
    Traceback (most recent call last):
    ...
    TypeError: h must be numeric, got '1.0' of type str
    """
    for name, value in named.items():
        arr = _as_array(name, value)
        if arr.dtype == object or arr.dtype.kind not in "biufc":
            raise TypeError(
                f"{name} must be numeric, got {_fmt(value)} of type {type(value).__name__}"
            )
        bad = ~np.isfinite(arr)
        if np.any(bad):
            raise ValueError(f"{name} must be finite, got {_first_offender(arr, bad)}")


def check_integer(
    name: str, value: Any, low: int | None = None, high: int | None = None
) -> int:
    """Check that ``value`` is a scalar integer in ``[low, high]`` and return it as ``int``.

    Integer-valued floats (``4.0``) are accepted; booleans are not; NaN and ±inf are a
    ``ValueError``. Sizes, counts and iteration limits pass a documented ``high`` so that
    nothing is allocated or looped over for an absurd value (``10**12`` antennas, ``1e308``
    iterations).

    Examples
    --------
    >>> check_integer("bits", 3, low=1)
    3
    >>> check_integer("bits", 0, low=1)
    Traceback (most recent call last):
    ...
    ValueError: bits must be an integer >= 1, got 0
    """
    if isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be an integer, got a boolean {value!r}")
    if isinstance(value, numbers.Integral):
        ival = int(value)
    elif isinstance(value, numbers.Real) and not math.isfinite(value):
        raise ValueError(f"{name} must be an integer, got {_fmt(value)}")
    elif isinstance(value, numbers.Real) and float(value).is_integer():
        ival = int(value)
    elif isinstance(value, np.ndarray) and value.ndim == 0:
        return check_integer(name, value.item(), low, high)
    else:
        raise TypeError(f"{name} must be an integer, got {_fmt(value)}")
    if (low is not None and ival < low) or (high is not None and ival > high):
        if low is not None and high is not None:
            rng = f"in [{low}, {high}]"
        elif low is not None:
            rng = f">= {low}"
        else:
            rng = f"<= {high}"
        raise ValueError(f"{name} must be an integer {rng}, got {ival}")
    return ival


def check_choice(name: str, value: Any, choices: Iterable[Any]) -> Any:
    """Check that ``value`` is one of ``choices`` (explicit model selection, never guessed).

    Examples
    --------
    >>> check_choice("scheme", "zf", ("zf", "mrt", "mmse"))
    'zf'
    >>> check_choice("scheme", "foo", ("zf", "mrt"))
    Traceback (most recent call last):
    ...
    ValueError: scheme must be one of 'zf', 'mrt', got 'foo'
    """
    choices = tuple(choices)
    if isinstance(value, np.ndarray | list | tuple | dict | set) or not _hashable(value):
        opts = ", ".join(repr(c) for c in choices)
        raise TypeError(f"{name} must be one of {opts}, got a {type(value).__name__}")
    if isinstance(value, float) and value != value:  # NaN never matches a choice
        opts = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {opts}, got nan")
    if not any(_same_choice(value, c) for c in choices):
        opts = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {opts}, got {value!r}")
    return value


def check_real_array(
    name: str,
    value: Any,
    low: float | None = None,
    high: float | None = None,
    *,
    low_open: bool = False,
    high_open: bool = False,
    finite: bool = True,
    allow_nan: bool = False,
    ndim: int | None = None,
    nonempty: bool = False,
    what: str | None = None,
) -> np.ndarray:
    """``value`` as a float64 array after checking that it is real, in range and finite.

    The check runs *before* any float conversion: ``np.asarray("100", dtype=float)`` would
    silently parse a string, so strings, objects and complex numbers raise ``TypeError`` naming
    ``name``; NaN (unless ``allow_nan``), infinity (unless ``finite=False``) and out-of-range
    entries raise ``ValueError`` naming it, with the valid range.

    Parameters
    ----------
    name : str
        Parameter name used in error messages.
    value : array_like
        The input.
    low, high, low_open, high_open, what
        Interval and context as in :func:`check_in_range`.
    finite : bool
        Reject ±inf (default). NaN is rejected unless ``allow_nan``.
    allow_nan : bool
        Accept NaN entries (they skip the range and finiteness tests).
    ndim : int, optional
        Required number of dimensions.
    nonempty : bool
        Reject an empty array.

    Returns
    -------
    ndarray of float64

    Examples
    --------
    >>> check_real_array("M", [10, 20], 1.0)
    array([10., 20.])
    >>> check_real_array("M", "100")
    Traceback (most recent call last):
    ...
    TypeError: M must be numeric, got '100' of type str
    """
    arr = check_in_range(name, value, low, high, low_open=low_open, high_open=high_open,
                         allow_nan=allow_nan, what=what)
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(f"{name} must be {ndim}-D, got an array of shape {arr.shape}")
    if nonempty and arr.size == 0:
        raise ValueError(f"{name} must not be empty")
    if finite:
        check_finite(**{name: arr[~np.isnan(arr)] if allow_nan and arr.dtype.kind == "f"
                        else arr})
    return np.asarray(arr, dtype=float)


def check_real_scalar(
    name: str,
    value: Any,
    low: float | None = None,
    high: float | None = None,
    *,
    low_open: bool = False,
    high_open: bool = False,
    finite: bool = True,
    what: str | None = None,
) -> float:
    """``value`` as a real ``float`` scalar in range (finite unless ``finite=False``).

    Like :func:`check_real_array`, and an array that is not 0-d raises ``TypeError``.

    Examples
    --------
    >>> check_real_scalar("tol", 1e-6, 0.0, low_open=True)
    1e-06
    >>> check_real_scalar("tol", [1e-6])
    Traceback (most recent call last):
    ...
    TypeError: tol must be a real scalar, got an array of shape (1,)
    """
    arr = check_real_array(name, value, low, high, low_open=low_open, high_open=high_open,
                           finite=finite, what=what)
    if arr.ndim != 0:
        raise TypeError(f"{name} must be a real scalar, got an array of shape {arr.shape}")
    return float(arr)


def check_complex_array(name: str, value: Any) -> np.ndarray:
    """``value`` as a finite complex128 array (``TypeError``/``ValueError`` naming ``name``).

    Examples
    --------
    >>> check_complex_array("h", [1, 1j])
    array([1.+0.j, 0.+1.j])
    >>> check_complex_array("h", [1, np.nan])
    Traceback (most recent call last):
    ...
    ValueError: h must be finite, got (nan+0j) at index (1,)
    """
    arr = _as_array(name, value)
    if arr.dtype.kind not in "biufc":
        raise TypeError(f"{name} must be a numeric array, got dtype {arr.dtype}")
    arr = arr.astype(complex, copy=False)
    check_finite(**{name: arr})
    return arr


def check_flag(name: str, value: Any) -> bool:
    """``value`` as a ``bool``: only ``True``/``False`` (numpy booleans too), else ``TypeError``.

    Examples
    --------
    >>> check_flag("exhaustive", True)
    True
    >>> check_flag("exhaustive", 1)
    Traceback (most recent call last):
    ...
    TypeError: exhaustive must be True or False, got 1
    """
    if not isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be True or False, got {value!r}")
    return bool(value)


def _same_choice(value: Any, choice: Any) -> bool:
    """Equality for model choices: no bool/number or str/number cross-matching."""
    if value is choice:
        return True
    if isinstance(value, str) or isinstance(choice, str):
        return isinstance(value, str) and isinstance(choice, str) and value == choice
    num = (numbers.Number, np.number)
    if isinstance(value, bool | np.bool_) or isinstance(choice, bool | np.bool_):
        return isinstance(value, bool | np.bool_) and isinstance(choice, bool | np.bool_) \
            and bool(value) == bool(choice)
    if isinstance(value, num) and isinstance(choice, num):
        return bool(value == choice)
    return type(value) is type(choice) and bool(value == choice)


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def check_shape(name: str, value: Any, shape: tuple[int | None, ...]) -> np.ndarray:
    """Check the trailing shape of an array; ``None`` entries match any length.

    ``shape`` describes the last ``len(shape)`` axes; leading (batch) axes are free.

    Examples
    --------
    >>> check_shape("H", np.zeros((3, 4, 8)), (4, None)).shape
    (3, 4, 8)
    >>> check_shape("H", np.zeros((4,)), (4, None))
    Traceback (most recent call last):
    ...
    ValueError: H must have trailing shape (4, any) (batch axes first), got shape (4,)
    """
    arr = np.asarray(value)
    ok = arr.ndim >= len(shape) and all(
        s is None or arr.shape[arr.ndim - len(shape) + i] == s for i, s in enumerate(shape)
    )
    if not ok:
        want = ", ".join("any" if s is None else str(s) for s in shape)
        if len(shape) == 1:
            want += ","
        raise ValueError(
            f"{name} must have trailing shape ({want}) (batch axes first), got shape {arr.shape}"
        )
    return arr


def as_generator(
    rng: np.random.Generator | int | np.random.SeedSequence | None,
) -> np.random.Generator:
    """Turn an ``rng`` argument into a :class:`numpy.random.Generator`.

    Parameters
    ----------
    rng : Generator, int, SeedSequence or None
        A generator is returned unchanged (so that callers can share one stream); an integer or
        a :class:`~numpy.random.SeedSequence` seeds a new PCG64 generator; ``None`` draws fresh
        OS entropy (not reproducible).

    Examples
    --------
    >>> bool(as_generator(0).integers(10) == as_generator(0).integers(10))
    True
    """
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None or isinstance(rng, numbers.Integral | np.random.SeedSequence):
        if isinstance(rng, bool | np.bool_):
            raise TypeError("rng must be a numpy Generator, an integer seed or None, got a bool")
        if isinstance(rng, numbers.Integral) and not 0 <= int(rng) < 2**128:
            raise ValueError(f"rng must be a non-negative integer seed below 2**128, got {rng}")
        return np.random.default_rng(rng)
    raise TypeError(
        f"rng must be a numpy Generator, an integer seed or None, got {type(rng).__name__}"
    )


class OverflowInputError(ValueError):
    """A result overflowed float64 because inputs have unphysical magnitudes."""


def check_no_overflow(arrays: Iterable[Any], names: str, allow_neg_inf: bool = False,
                      allow_nan: bool = False) -> None:
    """Raise :class:`OverflowInputError` naming ``names`` if a computed result overflowed.

    ``arrays`` are computed from finite, validated inputs; NaN (unless ``allow_nan``, for a
    documented NaN such as a model outside its validity range) and ``+inf`` in them (and
    ``-inf`` unless ``allow_neg_inf``) mean that inputs of unphysical magnitude (a power of
    1e308 W, a distance of 1e300 m) overflowed float64: an error naming the inputs that
    entered the computation, never a silent non-finite result.

    Examples
    --------
    >>> check_no_overflow([np.array([1.0, 2.0])], "p_out, efficiency")
    >>> check_no_overflow([np.array([np.inf])], "p_out, efficiency")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wirelesseff._validation.OverflowInputError: the result overflows float64: p_out, ...
    """
    for a in arrays:
        a = np.asarray(a)
        if a.dtype.kind not in "fc":
            continue
        if a.dtype.kind == "c":
            bad = np.isinf(a) | (np.isnan(a) & (not allow_nan))
        else:
            bad = ((np.isnan(a) & (not allow_nan)) | (a == np.inf)
                   | ((a == -np.inf) & (not allow_neg_inf)))
        if np.any(bad):
            raise OverflowInputError(f"the result overflows float64: {names} must have "
                                     f"physical magnitudes")


class LookupValueError(ValueError, KeyError):
    """A value that is not a key of a lookup table (a resolution missing from a power table).

    A ``ValueError`` (the kind of error of every bad input) that is also a ``KeyError`` for
    code written when table look-ups raised that.
    """

    __str__ = BaseException.__str__


@contextlib.contextmanager
def renamed_parameters(**names: str) -> Iterator[None]:
    """Errors of a delegated call name the *caller's* parameters: ``inner=outer`` pairs.

    A function that passes its ``n_users`` to a helper's ``K`` would otherwise report
    ``K must be ...``, a name its user never wrote. Inside this context a ``ValueError`` or
    ``TypeError`` whose message names an inner parameter (as a word) is re-raised with the
    outer name in place of its first mention, same type where possible, chained to the
    original.

    Examples
    --------
    >>> def inner(K):
    ...     raise ValueError(f"K must be >= 1, got {K}")
    >>> with renamed_parameters(K="n_users"):
    ...     inner(0)
    Traceback (most recent call last):
    ...
    ValueError: n_users must be >= 1, got 0
    """
    try:
        yield
    except (ValueError, TypeError) as exc:
        msg = str(exc)
        new = msg
        for inner, outer in names.items():
            # the first mention is the parameter the message is about (later ones may be
            # ordinary words: "solvers must name cvxpy solvers")
            new = re.sub(rf"(?<![A-Za-z0-9_.]){re.escape(inner)}(?![A-Za-z0-9_])", outer, new,
                         count=1)
        if new == msg:
            raise
        try:
            err = type(exc)(new)
        except Exception:  # an exception type with another constructor
            err = (ValueError if isinstance(exc, ValueError) else TypeError)(new)
        raise err from exc
