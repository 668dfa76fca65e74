"""Copy MathJax 3 into the built site so that equations render without network access.

The files come from the ``django-static-mathjax`` package of the ``docs`` extra (a plain copy
of MathJax 3; nothing of Django is used). Only the combined TeX/CHTML component, its fonts and
the components it may load lazily (TeX extensions, menu, accessibility) are copied (~3 MB);
``conf.py`` points ``mathjax_path`` at the copy.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.errors import ExtensionError

#: What is copied, relative to MathJax's ``es5`` directory.
PARTS = ("tex-chtml.js", "input/tex/extensions", "output/chtml/fonts/woff-v2", "ui", "a11y")


def mathjax_source() -> Path:
    """The ``es5`` directory of the installed MathJax copy."""
    try:
        import mathjax  # the django-static-mathjax distribution
    except ImportError as exc:  # pragma: no cover - docs extra not installed
        raise ExtensionError(
            "MathJax is not installed: pip install -e '.[docs]' (django-static-mathjax)"
        ) from exc
    es5 = Path(mathjax.__file__).resolve().parent / "static" / "mathjax" / "es5"
    if not (es5 / "tex-chtml.js").is_file():  # pragma: no cover
        raise ExtensionError(f"MathJax copy incomplete: {es5 / 'tex-chtml.js'} missing")
    return es5


def _copy(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    src = mathjax_source()
    dest = Path(app.outdir) / "_static" / "mathjax" / "es5"
    for part in PARTS:
        s, d = src / part, dest / part
        d.parent.mkdir(parents=True, exist_ok=True)
        if s.is_dir():
            shutil.copytree(s, d, dirs_exist_ok=True)
        elif not d.exists() or d.stat().st_size != s.stat().st_size:
            shutil.copy2(s, d)


def setup(app):
    app.connect("builder-inited", lambda app: mathjax_source())  # fail early when missing
    app.connect("build-finished", _copy)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
