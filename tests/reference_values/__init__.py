"""One registry of the published values the test suite checks.

Every entry names a quantity, the value a publication (or an independent reference
implementation) gives for it, the tolerance we hold ourselves to, the source, and a function
that computes *our* value with the public API. ``tests/test_reference_values.py`` asserts every
entry, and the documentation's validation page is generated from the same entries, so the page
cannot drift from what is tested.

Entries live in one submodule per area (``channel``, ``power``, ``xlmimo``, ...), each defining
a list ``REFERENCES``. Keep ``compute`` cheap (well under a second where possible; cache shared
work with :func:`functools.cache`).
"""

from __future__ import annotations

import importlib
import math
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["Reference", "all_references", "check"]


@dataclass(frozen=True)
class Reference:
    """A published value and how we reproduce it.

    Parameters
    ----------
    id : str
        Unique, stable identifier (``"bjornson2015-fig3-m-opt"``); the test id.
    quantity : str
        What is compared, in words (shown on the validation page).
    published : float or (float, float) or str
        The published value; a ``(low, high)`` pair for a published range or inequality
        (use ``math.inf``/``-math.inf`` for one-sided statements); a string only for a
        qualitative statement that ``compute`` turns into ``True``/``False``.
    compute : callable
        ``compute() -> float | bool``: our value, computed with the public API.
    source : str
        Authors, venue, year, table/figure/equation, DOI or arXiv id.
    rtol, atol : float
        Tolerance of a numeric comparison: ``|ours - published| <= atol + rtol |published|``.
    units : str
        Units of the value (``"bit/J"``, ``"dB"``, ``"1"``).
    module : str
        Area it belongs to (set from the submodule name).
    note : str
        Anything a reader must know (a reconstruction, a corrected reading, ...).
    reproduced : bool
        ``True`` (default) for a value we reproduce. ``False`` for a published statement a
        reconstruction is checked against and does *not* meet with its documented defaults: the
        test then asserts that it still deviates, so the validation page can never claim a
        match that does not hold (and a change that makes it hold is noticed).
    """

    id: str
    quantity: str
    published: float | tuple[float, float] | str
    compute: Callable[[], float | bool]
    source: str
    rtol: float = 0.0
    atol: float = 0.0
    units: str = ""
    module: str = ""
    note: str = ""
    reproduced: bool = True
    tags: tuple[str, ...] = field(default_factory=tuple)

    def tolerance_text(self) -> str:
        """The tolerance as a short human-readable string."""
        if isinstance(self.published, str):
            return "holds"
        if isinstance(self.published, tuple):
            return "within range"
        parts = []
        if self.atol:
            parts.append(f"± {self.atol:g}")
        if self.rtol:
            parts.append(f"± {self.rtol:g} rel.")
        return " + ".join(parts) if parts else "exact"

    def published_text(self) -> str:
        if isinstance(self.published, tuple):
            lo, hi = self.published
            if math.isinf(lo):
                return f"≤ {hi:g}"
            if math.isinf(hi):
                return f"≥ {lo:g}"
            return f"{lo:g} … {hi:g}"
        if isinstance(self.published, str):
            return self.published
        return f"{self.published:g}"


def check(ref: Reference, ours: float | bool) -> bool:
    """Whether ``ours`` reproduces ``ref.published`` within the entry's tolerance."""
    if isinstance(ref.published, str):
        return bool(ours) is True
    ours = float(ours)
    if not math.isfinite(ours):
        return False
    if isinstance(ref.published, tuple):
        lo, hi = ref.published
        return lo - ref.atol <= ours <= hi + ref.atol
    return abs(ours - ref.published) <= ref.atol + ref.rtol * abs(ref.published)


def all_references() -> list[Reference]:
    """Every entry of every submodule, in submodule order; ids are checked to be unique."""
    out: list[Reference] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"{__name__}.{info.name}")
        for ref in getattr(mod, "REFERENCES", []):
            if not ref.module:
                object.__setattr__(ref, "module", info.name)
            out.append(ref)
    ids = [r.id for r in out]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ValueError(f"duplicate reference ids: {dupes}")
    return out
