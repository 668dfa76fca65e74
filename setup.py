"""Build script: computes the package list; every other setting is in ``pyproject.toml``.

The studies live in the repository's top-level ``studies/`` folder and are installed as the
subpackage ``wirelesseff.studies`` (``[tool.setuptools] package-dir`` in ``pyproject.toml``).
setuptools' declarative ``packages.find`` cannot prefix the packages it finds in ``studies/``
with ``wirelesseff.``, so the list is computed here: every folder of ``wirelesseff/`` holding an
``__init__.py`` and every folder of ``studies/`` holding a ``.py`` file ships, including study
folders added later (no list to keep up to date).
"""

from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).resolve().parent


def study_packages(root: Path = HERE / "studies") -> list[str]:
    """``wirelesseff.studies`` and one subpackage per folder of ``studies/`` holding scripts."""
    out = []
    for folder in sorted([root, *(p for p in root.rglob("*") if p.is_dir())]):
        parts = folder.relative_to(root).parts
        if any(not part.isidentifier() or part == "__pycache__" for part in parts):
            continue
        if folder == root or any(folder.glob("*.py")):
            out.append(".".join(("wirelesseff", "studies", *parts)))
    return out


setup(packages=find_packages(include=["wirelesseff", "wirelesseff.*"]) + study_packages())
