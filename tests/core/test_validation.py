"""Shared validation helpers: messages name the parameter, the value and the valid range."""

from __future__ import annotations

import numpy as np
import pytest

from wirelesseff._validation import (
    as_generator,
    check_choice,
    check_finite,
    check_in_range,
    check_integer,
    check_nonnegative,
    check_positive,
    check_shape,
)


def test_in_range_messages():
    with pytest.raises(ValueError, match=r"^eta must be in \(0, 1\], got 0$"):
        check_in_range("eta", 0, 0.0, 1.0, low_open=True)
    with pytest.raises(ValueError, match=r"x must be in \[0, inf\), got -2 at index \(1,\)"):
        check_in_range("x", [1, -2], 0.0)
    with pytest.raises(ValueError, match=r"2 of 3 entries"):
        check_in_range("x", [5.0, -1.0, -2.0], 0.0)
    with pytest.raises(ValueError, match="for zero-forcing"):
        check_in_range("M", 3, 4, what="for zero-forcing")
    with pytest.raises(ValueError, match="got nan"):
        check_in_range("x", np.nan, 0.0)
    assert np.isnan(check_in_range("x", np.nan, 0.0, allow_nan=True))
    with pytest.raises(TypeError, match="numeric"):
        check_in_range("x", "abc", 0.0)
    with pytest.raises(TypeError, match="real-valued"):
        check_in_range("x", 1j, 0.0)


def test_positive_nonnegative_finite():
    check_positive(a=1.0, b=[2.0, 3.0])
    with pytest.raises(ValueError, match="b must be positive"):
        check_positive(a=1.0, b=[2.0, 0.0])
    with pytest.raises(ValueError, match="must be positive"):
        check_positive(a=np.nan)
    check_nonnegative(a=0.0)
    with pytest.raises(ValueError, match="a must be non-negative"):
        check_nonnegative(a=-1e-300)
    with pytest.raises(ValueError, match="x must be finite"):
        check_finite(x=[1.0, np.inf])


def test_integer_and_choice():
    assert check_integer("n", np.int64(4), low=1) == 4
    assert check_integer("n", 4.0) == 4
    with pytest.raises(TypeError, match="n must be an integer"):
        check_integer("n", 4.5)
    with pytest.raises(TypeError, match="boolean"):
        check_integer("n", True)
    with pytest.raises(ValueError, match=r"n must be an integer in \[1, 3\], got 5"):
        check_integer("n", 5, 1, 3)
    with pytest.raises(ValueError, match="<= 3"):
        check_integer("n", 5, high=3)
    assert check_choice("m", "a", ["a", "b"]) == "a"
    with pytest.raises(ValueError, match="m must be one of 'a', 'b', got 'c'"):
        check_choice("m", "c", ["a", "b"])


def test_shape():
    assert check_shape("H", np.zeros((2, 3, 4)), (3, None)).shape == (2, 3, 4)
    with pytest.raises(ValueError, match=r"H must have trailing shape \(3, any\)"):
        check_shape("H", np.zeros((2, 4)), (3, None))


def test_as_generator():
    g = np.random.default_rng(1)
    assert as_generator(g) is g
    assert as_generator(5).random() == np.random.default_rng(5).random()
    assert isinstance(as_generator(None), np.random.Generator)
    ss = np.random.SeedSequence(3)
    assert as_generator(ss).random() == np.random.default_rng(np.random.SeedSequence(3)).random()
    with pytest.raises(TypeError, match="rng must be"):
        as_generator("seed")
    with pytest.raises(TypeError, match="rng must be"):
        as_generator(True)


def test_positive_and_nonnegative_reject_infinity_unless_allowed():
    from wirelesseff._validation import check_nonnegative, check_positive

    with pytest.raises(ValueError, match="bandwidth must be finite, got inf"):
        check_positive(bandwidth=np.inf)
    with pytest.raises(ValueError, match="p_tx must be finite"):
        check_nonnegative(p_tx=[1.0, np.inf])
    check_positive(allow_inf=True, p_max=np.inf)
    check_nonnegative(allow_inf=True, p_tx=np.inf)


def test_non_numbers_and_ragged_input_are_type_errors_naming_the_parameter():
    with pytest.raises(TypeError, match="h must be numeric"):
        check_finite(h="1.0")
    with pytest.raises(TypeError, match="x must be array_like"):
        check_in_range("x", [[1.0], [1.0, 2.0]], 0.0)
    with pytest.raises(TypeError, match="x must be numeric"):
        check_in_range("x", "10", 0.0)


def test_integer_nan_and_inf_are_value_errors():
    for bad in (np.nan, np.inf, -np.inf):
        with pytest.raises(ValueError, match="n must be an integer"):
            check_integer("n", bad, low=1, high=10)
    with pytest.raises(ValueError, match=r"n must be an integer in \[1, 10\], got 1000000000000"):
        check_integer("n", 1e12, low=1, high=10)


def test_check_no_overflow_names_the_inputs_and_allows_documented_markers():
    from wirelesseff._validation import OverflowInputError, check_no_overflow

    with pytest.raises(OverflowInputError, match="p_out, efficiency must have physical"):
        check_no_overflow([np.array([1.0, np.inf])], "p_out, efficiency")
    assert issubclass(OverflowInputError, ValueError)
    check_no_overflow([np.array([np.nan])], "x", allow_nan=True)
    check_no_overflow([np.array([-np.inf])], "x", allow_neg_inf=True)
    with pytest.raises(ValueError):
        check_no_overflow([np.array([np.nan])], "x")


def test_renamed_parameters_names_the_callers_parameter_once():
    from wirelesseff._validation import renamed_parameters

    with pytest.raises(ValueError, match=r"^solver must name cvxpy solvers, got 'x'$"):
        with renamed_parameters(solvers="solver"):
            raise ValueError("solvers must name cvxpy solvers, got 'x'")
    with pytest.raises(KeyError, match="unrelated"):  # other exceptions pass unchanged
        with renamed_parameters(K="n_users"):
            raise KeyError("unrelated")


def test_lookup_value_error_is_a_value_error_and_a_key_error():
    from wirelesseff._validation import LookupValueError

    err = LookupValueError("no RIS element power for bits=7 in the table")
    assert isinstance(err, ValueError) and isinstance(err, KeyError)
    assert str(err) == "no RIS element power for bits=7 in the table"  # no KeyError quotes
