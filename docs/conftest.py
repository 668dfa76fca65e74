"""pytest collects the documentation pages (``docs/*.md``) for their doctests only.

The Sphinx configuration, its extensions and everything the build generates are not tests.
"""

collect_ignore = ["conf.py"]
collect_ignore_glob = ["_build/*", "_ext/*", "api/*", "gallery/*", "_generated/*", "_data/*"]
