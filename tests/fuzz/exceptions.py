"""Deliberate exceptions of the public-API fuzz test, in one place, each with its reason.

``EXCEPTIONS`` maps ``(public name, parameter or "*", verdict or "*")`` to the reason a
non-clean outcome is intended. ``NOT_FUZZED`` lists callables that take no numeric input worth
fuzzing, with the reason. ``MANUAL_BASELINES`` gives a valid call for callables that have no
runnable example to record one from.
"""

from __future__ import annotations

EXCEPTIONS: dict[tuple[str, str, str], str] = {}

NOT_FUZZED: dict[str, str] = {}

MANUAL_BASELINES: dict = {}
