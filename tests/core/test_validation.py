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
