"""Every study figure passes :func:`wirelesseff.plotting.check_figure` (quick mode).

No text cut off at the figure edge, no axis label or tick label on top of another axes' labels
or the footer, no line clipped by a fixed y-limit. The figures are redrawn with the study's own
``plot`` from the quick-mode datasets the documentation build writes (``docs/gallery/NAME.nc``,
the same runs the gallery shows), exactly as ``wirelesseff run`` draws them (house style and
provenance footer); re-running every study here would double the cost of the quick runs. The
test is skipped for a study whose gallery dataset is missing or stale: build the docs first
(the CI does, then runs ``tests/docs``).
"""

from __future__ import annotations

import json
import sys

import pytest

from wirelesseff import plotting
from wirelesseff.io import load_dataset
from wirelesseff.registry import find_studies, load_study

from .conftest import BUILD_COMMAND, DOCS

pytest.importorskip("sphinx", reason="the docs extra is not installed (pip install -e \".[docs]\")")
sys.path.insert(0, str(DOCS / "_ext"))
from wirelesseff_docs.gallery import cache_key

STUDIES = find_studies()


@pytest.mark.parametrize("name", list(STUDIES))
def test_study_figure_is_readable(name):
    info = STUDIES[name]
    gallery = DOCS / "gallery"
    nc, meta = gallery / f"{name}.nc", gallery / f"{name}.json"
    if not (nc.is_file() and meta.is_file()):
        pytest.skip(f"no quick-mode dataset in docs/gallery: run `{BUILD_COMMAND}` first")
    if json.loads(meta.read_text(encoding="utf-8")).get("key") != cache_key(info.path):
        pytest.skip(f"docs/gallery/{name}.nc is stale: rebuild the docs (`{BUILD_COMMAND}`)")
    module = load_study(name)
    ds = load_dataset(nc)
    try:
        with plotting.style():
            fig = module.plot(ds)
            plotting.finish(fig, ds)
        problems = plotting.check_figure(fig)
    finally:
        ds.close()
    assert not problems, f"{name}:\n  " + "\n  ".join(problems)
