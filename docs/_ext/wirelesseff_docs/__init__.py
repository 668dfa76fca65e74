"""Sphinx extensions that generate the wirelesseff documentation from the code and data.

* :mod:`.api` — API reference pages from the ``__all__`` of every public module;
* :mod:`.gallery` — one page per study, with its quick-mode figure and headline numbers;
* :mod:`.tables` — the validation table (published values) and the performance table;
* :mod:`.local_mathjax` — serves MathJax from the built site (no network needed).
"""
