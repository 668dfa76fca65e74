"""Every published value of the registry in ``tests/reference_values`` is reproduced.

The documentation's validation page is generated from the same registry.
"""

from __future__ import annotations

import pytest

from tests.reference_values import all_references, check

REFS = all_references()


@pytest.mark.parametrize("ref", REFS, ids=[r.id for r in REFS])
def test_published_value_is_reproduced(ref):
    ours = ref.compute()
    verb = "does not reproduce" if ref.reproduced else "now reproduces (update the entry)"
    assert check(ref, ours) is ref.reproduced, (
        f"{ref.quantity}: ours {ours!r} {verb} published {ref.published_text()} "
        f"({ref.tolerance_text()}); source: {ref.source}"
    )


def test_registry_entries_are_well_formed():
    assert len(REFS) >= 10
    for ref in REFS:
        assert ref.source and ref.quantity and ref.units, ref.id
        assert ref.id == ref.id.lower() and " " not in ref.id, ref.id
