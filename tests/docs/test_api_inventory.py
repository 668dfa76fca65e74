"""Every name in the ``__all__`` of every public module has an entry in the built API reference.

Reads the Sphinx inventory of the built site (``docs/_build/html/objects.inv``); skipped until
the docs are built (the CI builds them first).
"""

from __future__ import annotations

import importlib
import sys

import pytest

from .conftest import DOCS

pytest.importorskip("sphinx", reason="the docs extra is not installed (pip install -e \".[docs]\")")
sys.path.insert(0, str(DOCS / "_ext"))
from wirelesseff_docs.api import public_modules


def test_public_modules_include_the_documented_layers():
    mods = set(public_modules())
    expected = {"wirelesseff", "wirelesseff.units", "wirelesseff.metrics", "wirelesseff.io",
                "wirelesseff.channel", "wirelesseff.channel.ntn", "wirelesseff.power",
                "wirelesseff.optimize", "wirelesseff.sweep", "wirelesseff.plotting",
                "wirelesseff.registry", "wirelesseff.cli", "wirelesseff.xlmimo",
                "wirelesseff.noma", "wirelesseff.fas", "wirelesseff.ris_leo"}
    assert expected <= mods, sorted(expected - mods)
    assert not any(m.split(".")[-1].startswith("_") for m in mods)


def test_every_public_name_is_in_the_built_inventory(site):
    inventory = pytest.importorskip("sphinx.util.inventory")
    with open(site / "objects.inv", "rb") as f:
        inv = inventory.InventoryFile.load(f, "", lambda base, uri: uri)
    data = getattr(inv, "data", inv)  # Sphinx >= 8.2 returns an _Inventory object
    documented = {name for role, entries in data.items() if role.startswith("py:")
                  for name in entries}
    missing = []
    for modname in public_modules():
        assert modname in documented, f"module {modname} has no API page"
        mod = importlib.import_module(modname)
        for name in mod.__all__:
            obj = getattr(mod, name)
            full = getattr(obj, "__name__", "") if isinstance(obj, type(mod)) else ""
            if f"{modname}.{name}" not in documented and full not in documented:
                missing.append(f"{modname}.{name}")
    assert not missing, f"{len(missing)} public names without an API entry: {missing}"
