"""Argument checks of the :mod:`wirelesseff.noma` sub-modules: the shared helpers of
:mod:`wirelesseff._validation` under short names."""

from __future__ import annotations

from .._validation import check_flag as flag
from .._validation import check_real_array as real_array
from .._validation import check_real_scalar as real_scalar

__all__ = ["flag", "real_array", "real_scalar"]
