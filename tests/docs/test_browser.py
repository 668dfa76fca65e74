"""Open every page of the built documentation in headless Chromium.

Marked ``browser`` (excluded from the default run): build the docs, then run
``python -m pytest -m browser tests/docs``. The site is served from ``docs/_build/html`` on a
random localhost port by the standard library's HTTP server; Debian's ``chromium`` is driven by
playwright (no browser download). A page fails on

* an HTTP error (404, ...) or a failed load of the page, an image, a script, a stylesheet or a
  font;
* an ``<img>`` that did not decode (``naturalWidth == 0``);
* a JavaScript console error or an uncaught exception;
* an internal link to a page that does not exist or to an anchor that is not on its page.

Screenshots of the landing page, one gallery page and one API page are saved under
``docs/_build/screenshots/``.
"""

from __future__ import annotations

import functools
import http.server
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest

from .conftest import SITE

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
#: Resource types whose failure to load fails the page.
CHECKED_TYPES = {"document", "image", "script", "stylesheet", "font"}
SCREENSHOTS = {"landing": "index.html", "gallery": "gallery/xlmimo-ee-surface.html",
               "api": "api/wirelesseff.xlmimo.html"}
SKIP_DIRS = {"_static", "_sources", "_downloads", "_images", "_modules"}


def _pages() -> list[str]:
    if not (SITE / "index.html").is_file():
        return []
    return sorted(str(p.relative_to(SITE)) for p in SITE.rglob("*.html")
                  if not SKIP_DIRS.intersection(p.relative_to(SITE).parts))


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key == "id" or (key == "name" and tag == "a"):
                self.ids.add(value or "")


@functools.cache
def _anchors(path: Path) -> frozenset[str]:
    parser = _Ids()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return frozenset(parser.ids)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def server(site):
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -e '.[docs]'")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} missing: apt-get install -y chromium")
    pw = sync_api.sync_playwright().start()
    try:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        pw.stop()


def _site_file(site: Path, url: str, base: str) -> Path | None:
    """The file of the site an internal URL points to (None for an external URL)."""
    if not url.startswith(base):
        return None
    path = unquote(urlsplit(url).path)[len(urlsplit(base).path):]
    target = site / path
    if not path or path.endswith("/"):
        target = target / "index.html"
    return target


_IMAGES_JS = """async () => {
    const imgs = [...document.images];
    for (const img of imgs) { img.loading = "eager"; }
    await Promise.all(imgs.map(img => img.decode().catch(() => null)));
    return imgs.filter(img => img.naturalWidth === 0).map(img => img.currentSrc || img.src);
}"""
_LINKS_JS = "() => [...document.querySelectorAll('a[href]')].map(a => a.href)"


@pytest.mark.parametrize("page_path", _pages())
def test_page_loads_cleanly(page_path, site, server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []

    def on_response(resp):
        if resp.status >= 400 and resp.request.resource_type in CHECKED_TYPES:
            problems.append(f"HTTP {resp.status}: {resp.url}")

    def on_failed(req):
        if req.resource_type in CHECKED_TYPES:
            problems.append(f"failed to load {req.resource_type} {req.url}: {req.failure}")

    page.on("response", on_response)
    page.on("requestfailed", on_failed)
    page.on("console", lambda msg: msg.type == "error"
            and problems.append(f"console error: {msg.text}"))
    page.on("pageerror", lambda exc: problems.append(f"uncaught exception: {exc}"))
    try:
        resp = page.goto(urljoin(server, page_path), wait_until="load", timeout=60_000)
        assert resp is not None and resp.ok, f"{page_path}: HTTP {resp and resp.status}"
        for src in page.evaluate(_IMAGES_JS):
            problems.append(f"image not rendered (naturalWidth 0): {src}")
        for href in page.evaluate(_LINKS_JS):
            target = _site_file(site, href, server)
            if target is None:
                continue  # external link: not fetched by this test
            url, fragment = urldefrag(href)
            if not target.is_file():
                problems.append(f"link to a missing page: {href}")
            elif fragment and target.suffix == ".html" and (
                    unquote(fragment) not in _anchors(target)):
                problems.append(f"link to a missing anchor: {href}")
        for name, shot in SCREENSHOTS.items():
            if shot == page_path:
                out = site.parent / "screenshots" / f"{name}.png"
                out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(out), full_page=False)
    finally:
        page.close()
    assert not problems, f"{page_path}:\n  " + "\n  ".join(dict.fromkeys(problems))


def test_screenshot_pages_exist(site):
    """The pages the screenshots are taken of exist (so the three screenshots are written)."""
    for name, shot in SCREENSHOTS.items():
        assert (site / shot).is_file(), f"{name} screenshot page {shot} missing"
