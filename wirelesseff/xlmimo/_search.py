"""Private numerical helpers shared by the XL-MIMO models."""

from __future__ import annotations

import numpy as np

__all__ = ["golden_max"]


def golden_max(f, lo, hi, n_grid=25, n_iter=48):
    """Vectorised maximisation of f over [lo, hi] (elementwise): grid then golden section.

    ``f`` maps an array of abscissae (shape of lo) to objective values; NaN counts as -inf.
    """
    lo = np.asarray(lo, dtype=float)
    hi = np.asarray(hi, dtype=float)
    t = np.linspace(0.0, 1.0, n_grid)
    xs = lo[..., None] + (hi - lo)[..., None] * t
    vals = np.stack([f(xs[..., i]) for i in range(n_grid)], axis=-1)
    vals = np.where(np.isnan(vals), -np.inf, vals)
    i = np.argmax(vals, axis=-1)
    step = (hi - lo) / (n_grid - 1)
    x0 = np.take_along_axis(xs, i[..., None], axis=-1)[..., 0]
    a = np.maximum(lo, x0 - step)
    b = np.minimum(hi, x0 + step)
    r = (np.sqrt(5.0) - 1.0) / 2.0
    c = b - r * (b - a)
    d = a + r * (b - a)
    fc = np.nan_to_num(f(c), nan=-np.inf)
    fd = np.nan_to_num(f(d), nan=-np.inf)
    for _ in range(n_iter):
        left = fc >= fd  # maximum in [a, d]
        b = np.where(left, d, b)
        a = np.where(left, a, c)
        new_c = b - r * (b - a)
        new_d = a + r * (b - a)
        c_next = np.where(left, new_c, d)
        d_next = np.where(left, c, new_d)
        f_new = np.nan_to_num(f(np.where(left, new_c, new_d)), nan=-np.inf)
        fc, fd = np.where(left, f_new, fd), np.where(left, fc, f_new)
        c, d = c_next, d_next
    x = np.where(fc >= fd, c, d)
    v = np.maximum(fc, fd)
    better = vals.max(axis=-1) > v
    return np.where(better, x0, x)
