"""Plotting helpers: one house style and EE-curve/surface helpers used by every study.

Labels and units are taken from the dataset attributes (``long_name`` and ``units``) so that a
figure re-made from a saved ``.nc`` file is labelled exactly like the original. The helpers never
change matplotlib's global state: the house style is applied by :func:`style` (a context manager)
and by :func:`subplots`.

Examples
--------
>>> import numpy as np, xarray as xr
>>> da = xr.DataArray(np.arange(3.0), dims="M", coords={"M": [1, 2, 3]}, name="ee",
...                   attrs={"long_name": "energy efficiency", "units": "bit/J"})
>>> axis_label(da)
'energy efficiency [bit/J]'
"""

from __future__ import annotations

import contextlib
import numbers
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
import xarray as xr

from ._validation import (
    check_flag,
    check_integer,
    check_real_array,
    check_real_scalar,
)

__all__ = [
    "STYLE",
    "axis_label",
    "check_figure",
    "finish",
    "mark_point",
    "plot_curves",
    "plot_surface",
    "save_figure",
    "style",
    "subplots",
]

#: Largest number of panel rows or columns of :func:`subplots` (a 100 x 100 grid of axes).
MAX_PANELS = 100
#: Largest number of contour levels of :func:`plot_surface`.
MAX_LEVELS = 1000
#: Largest figure side of :func:`subplots` [inch] (matplotlib refuses figures of 2^16 pixels).
MAX_FIGURE_INCHES = 200.0

#: House style (matplotlib rcParams) shared by every study figure.
STYLE: dict[str, Any] = {
    "figure.dpi": 110,
    "savefig.dpi": 150,
    "savefig.bbox": "tight",
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.labelsize": 9,
    "legend.fontsize": 8,
    "legend.frameon": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "grid.linewidth": 0.6,
    "lines.linewidth": 1.5,
    "lines.markersize": 4,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": __import__("cycler").cycler(
        color=[
            "#0072B2",
            "#D55E00",
            "#009E73",
            "#CC79A7",
            "#E69F00",
            "#56B4E9",
            "#000000",
            "#F0E442",
        ]
    ),
    "image.cmap": "viridis",
}

_UNIT_SCALES = {  # prefixes used to keep tick labels short; chosen from the data range
    "bit/J": [(1e9, "Gbit/J"), (1e6, "Mbit/J"), (1e3, "kbit/J")],
    "bit/s": [(1e9, "Gbit/s"), (1e6, "Mbit/s"), (1e3, "kbit/s")],
    "bit/s/km^2": [(1e9, "Gbit/s/km^2"), (1e6, "Mbit/s/km^2")],
    "Hz": [(1e9, "GHz"), (1e6, "MHz"), (1e3, "kHz")],
}


@contextlib.contextmanager
def style() -> Iterator[None]:
    """Context manager applying the house style (restores the previous rcParams on exit)."""
    import matplotlib as mpl

    with mpl.rc_context(STYLE):
        yield


def subplots(nrows: int = 1, ncols: int = 1, *, figsize=None, projection=None, **kw):
    """Create a figure and axes in the house style.

    Parameters
    ----------
    nrows, ncols : int
        Grid of panels.
    figsize : (float, float), optional
        Figure size [inch]; default 3.6 x 2.8 inch per panel.
    projection : str, optional
        Axes projection for every panel (``"3d"`` for surfaces).
    **kw
        Passed to :func:`matplotlib.pyplot.subplots`.

    Returns
    -------
    (Figure, Axes or ndarray of Axes)

    Raises
    ------
    TypeError, ValueError
        If ``nrows``/``ncols`` is not an integer in [1, :data:`MAX_PANELS`] or ``figsize`` is
        not a pair of positive finite sizes.
    """
    import matplotlib.pyplot as plt

    nrows = check_integer("nrows", nrows, low=1, high=MAX_PANELS)
    ncols = check_integer("ncols", ncols, low=1, high=MAX_PANELS)
    if figsize is None:
        figsize = (3.6 * ncols + 0.4, 2.8 * nrows + 0.4)
    else:
        size = check_real_array("figsize", figsize, 0.0, MAX_FIGURE_INCHES, low_open=True)
        if size.shape != (2,):
            raise ValueError(f"figsize must be a pair (width, height) [inch], got shape "
                             f"{size.shape}")
        figsize = tuple(float(v) for v in size)
    subplot_kw = dict(kw.pop("subplot_kw", {}) or {})
    if projection is not None:
        subplot_kw["projection"] = projection
    with style():
        fig, axes = plt.subplots(
            nrows, ncols, figsize=figsize, subplot_kw=subplot_kw or None,
            layout=kw.pop("layout", "constrained"), **kw,
        )
    return fig, axes


def _check_axes(ax):
    from matplotlib.axes import Axes

    if not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes, got {type(ax).__name__}")


def _check_fig(fig):
    from matplotlib.figure import Figure

    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")


def _check_data(da, dims: dict[str, Any]) -> None:
    """``da`` is a DataArray and every named dimension argument is one of its dims."""
    if not isinstance(da, xr.DataArray):
        raise TypeError(f"da must be an xarray.DataArray, got {type(da).__name__}")
    for name, dim in dims.items():
        if dim is None:
            continue
        if not isinstance(dim, str) or dim not in da.dims:
            raise ValueError(f"{name} must name a dimension of da {tuple(da.dims)}, got {dim!r}")


def _scale_for(units: str, values: np.ndarray) -> tuple[float, str]:
    finite = np.abs(values[np.isfinite(values)]) if values.size else np.array([])
    if units not in _UNIT_SCALES or finite.size == 0:
        return 1.0, units
    peak = float(np.max(finite))
    for factor, label in _UNIT_SCALES[units]:
        if peak >= factor:
            return factor, label
    return 1.0, units


def axis_label(obj: xr.DataArray | xr.Variable, units: str | None = None) -> str:
    """Axis label ``"long_name [units]"`` from a DataArray's attrs (name if no long_name)."""
    attrs = getattr(obj, "attrs", {})
    name = attrs.get("long_name") or getattr(obj, "name", None) or ""
    units = attrs.get("units", "") if units is None else units
    # CF convention: "1" marks a dimensionless quantity; a count needs no unit in a label
    return f"{name} [{units}]" if units and units != "1" else str(name)


def _coord_text(da: xr.DataArray, dim: str, value: Any) -> str:
    units = da[dim].attrs.get("units", "") if dim in da.coords else ""
    if units == "1":  # dimensionless (CF convention): no unit after the value
        units = ""
    if isinstance(value, float | np.floating):
        text = f"{value:.4g}"
    else:
        text = str(value)
    label = da[dim].attrs.get("short_name", dim) if dim in da.coords else dim
    return f"{label} = {text}{(' ' + units) if units else ''}"


def plot_curves(
    ax,
    da: xr.DataArray,
    x: str,
    hue: str | None = None,
    *,
    logx: bool = False,
    logy: bool = False,
    scale_units: bool = True,
    labels: Sequence[str] | None = None,
    legend: bool = True,
    **kw,
):
    """Plot ``da`` against coordinate ``x``, one line per value of ``hue``.

    Axis labels and units come from the attrs; large SI values are shown with a prefix
    (e.g. Mbit/J) when ``scale_units`` is true.

    Parameters
    ----------
    ax : matplotlib Axes
    da : DataArray
        Values; after selecting ``hue`` it must be 1-D along ``x``.
    x : str
        Name of the x coordinate/dimension.
    hue : str, optional
        Dimension over which separate curves are drawn.
    logx, logy : bool
        Logarithmic axes.
    labels : sequence of str, optional
        Legend labels overriding the automatic ``"hue = value unit"`` labels.
    **kw
        Passed to :meth:`matplotlib.axes.Axes.plot`.

    Returns
    -------
    list of Line2D
    """
    _check_axes(ax)
    _check_data(da, {"x": x, "hue": hue})
    if labels is not None:
        if isinstance(labels, str) or not isinstance(labels, Sequence | np.ndarray):
            raise TypeError(f"labels must be a sequence of strings, got {type(labels).__name__}")
        n_curves = da.sizes[hue] if hue is not None else 1
        if len(labels) != n_curves:
            raise ValueError(f"labels must hold one label per curve ({n_curves}), got "
                             f"{len(labels)}")
    values = np.asarray(da.values, dtype=float)
    if scale_units:
        factor, units = _scale_for(da.attrs.get("units", ""), values)
    else:
        factor, units = 1.0, da.attrs.get("units", "")
    xs = da[x].values
    lines = []
    if hue is None:
        extra = [d for d in da.dims if d != x]
        if extra:
            raise ValueError(f"da has dims {da.dims}; give hue= for one of {extra}")
        lines += ax.plot(xs, np.asarray(da.transpose(x).values, float) / factor, **kw)
    else:
        for i, hv in enumerate(da[hue].values):
            sel = da.isel({hue: i})
            extra = [d for d in sel.dims if d != x]
            if extra:
                raise ValueError(f"after selecting {hue}, da still has dims {extra}")
            label = labels[i] if labels is not None else _coord_text(da, hue, hv)
            lines += ax.plot(xs, np.asarray(sel.values, float) / factor, label=label, **kw)
        if legend:
            ax.legend()
    if logx:
        ax.set_xscale("log")
    if logy:
        ax.set_yscale("log")
    ax.set_xlabel(axis_label(da[x]) if x in da.coords else x)
    ax.set_ylabel(axis_label(da, units))
    return lines


def plot_surface(
    ax,
    da: xr.DataArray,
    x: str,
    y: str,
    *,
    kind: str = "contourf",
    levels: int | Sequence[float] = 20,
    colorbar: bool = True,
    scale_units: bool = True,
    **kw,
):
    """Plot a 2-D DataArray as filled contours, a colour mesh or a 3-D surface.

    Parameters
    ----------
    ax : matplotlib Axes (3-D axes for ``kind="surface"``)
    da : DataArray
        2-D values over dims ``x`` and ``y``.
    x, y : str
        Dimension names for the horizontal axes.
    kind : {"contourf", "pcolormesh", "surface"}
    levels : int or sequence
        Contour levels (``contourf`` only).
    colorbar : bool
        Add a colour bar labelled from the attrs.

    Returns
    -------
    The matplotlib artist (QuadContourSet, QuadMesh or Poly3DCollection).
    """
    from ._validation import check_choice

    _check_axes(ax)
    _check_data(da, {"x": x, "y": y})
    check_choice("kind", kind, ("contourf", "pcolormesh", "surface"))
    if isinstance(levels, numbers.Number) or np.ndim(levels) == 0:
        levels = check_integer("levels", levels, low=1, high=MAX_LEVELS)
    else:
        lv = check_real_array("levels", levels, ndim=1, nonempty=True)
        if lv.size > MAX_LEVELS or np.any(np.diff(lv) <= 0):
            raise ValueError(f"levels must be at most {MAX_LEVELS} increasing values, got "
                             f"{lv.size} values")
    z = np.asarray(da.transpose(y, x).values, dtype=float)
    if scale_units:
        factor, units = _scale_for(da.attrs.get("units", ""), z)
    else:
        factor, units = 1.0, da.attrs.get("units", "")
    z = z / factor
    xs, ys = da[x].values, da[y].values
    if kind == "contourf":
        art = ax.contourf(xs, ys, np.ma.masked_invalid(z), levels=levels, **kw)
    elif kind == "pcolormesh":
        art = ax.pcolormesh(xs, ys, np.ma.masked_invalid(z), shading="auto", **kw)
    else:
        xx, yy = np.meshgrid(xs, ys)
        kw.setdefault("cmap", "viridis")
        kw.setdefault("linewidth", 0)
        kw.setdefault("antialiased", True)
        art = ax.plot_surface(xx, yy, np.where(np.isfinite(z), z, np.nan), **kw)
        ax.set_zlabel(axis_label(da, units))
    ax.set_xlabel(axis_label(da[x]) if x in da.coords else x)
    ax.set_ylabel(axis_label(da[y]) if y in da.coords else y)
    if colorbar and kind != "surface":
        cb = ax.figure.colorbar(art, ax=ax)
        cb.set_label(axis_label(da, units))
    return art


def mark_point(ax, x: float, y: float, text: str | None = None, z: float | None = None, **kw):
    """Mark and optionally annotate a point (an optimum, a published value) on an axes.

    ``x``, ``y`` (and ``z`` on 3-D axes) are finite data coordinates; ``text`` an optional
    label.
    """
    _check_axes(ax)
    x, y = check_real_scalar("x", x), check_real_scalar("y", y)
    z = None if z is None else check_real_scalar("z", z)
    if z is not None and getattr(ax, "name", "") != "3d":
        raise ValueError(f"z is only for 3-D axes (projection='3d'), got z={z} on {ax.name} axes")
    if text is not None and not isinstance(text, str):
        raise TypeError(f"text must be a string or None, got {type(text).__name__}")
    kw.setdefault("color", "#D55E00")
    kw.setdefault("marker", "*")
    kw.setdefault("markersize", 10)
    kw.setdefault("zorder", 5)
    if z is None:
        (art,) = ax.plot([x], [y], linestyle="none", **kw)
        if text:
            ax.annotate(text, (x, y), textcoords="offset points", xytext=(6, 6), fontsize=8)
    else:
        (art,) = ax.plot([x], [y], [z], linestyle="none", **kw)
        if text:
            ax.text(x, y, z, " " + text, fontsize=8)
    return art


def finish(fig, ds: xr.Dataset | None = None, title: str | None = None):
    """Add a title and a small provenance footer (study, source, version, seed) to ``fig``."""
    _check_fig(fig)
    if ds is not None and not isinstance(ds, xr.Dataset):
        raise TypeError(f"ds must be an xarray.Dataset or None, got {type(ds).__name__}")
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be a string or None, got {type(title).__name__}")
    if title:
        fig.suptitle(title)
    if ds is not None:
        a = ds.attrs
        parts = []
        if a.get("study"):
            parts.append(str(a["study"]))
        if a.get("source"):
            parts.append(str(a["source"]))
        if a.get("reconstruction"):
            parts.append("reconstruction")
        if a.get("wirelesseff_version"):
            parts.append(f"wirelesseff {a['wirelesseff_version']}")
        if "seed" in a and a.get("seed") != "":
            parts.append(f"seed {a['seed']}")
        if parts:
            # wrap=True: a long source line breaks at the figure edge instead of running past it
            footer = fig.text(0.005, 0.002, " | ".join(parts), fontsize=6, color="0.4",
                              ha="left", va="bottom", wrap=True)
            engine = fig.get_layout_engine()
            if engine is not None and hasattr(engine, "set") and "rect" in engine.get():
                engine.set(rect=(0, 0.035, 1, 0.965))  # leave room for the footer
                fig.draw_without_rendering()  # wraps the footer: reserve its real height
                height = footer.get_window_extent().height / fig.bbox.height + 0.012
                if height > 0.035:
                    engine.set(rect=(0, height, 1, 1 - height))
    return fig


def save_figure(fig, path) -> None:
    """Save ``fig`` in the house style, atomically, and close it.

    The format follows the extension of ``path`` (``.png``, ``.pdf``, ``.svg``). The figure is
    written to a unique temporary file in the same directory and renamed into place
    (:func:`wirelesseff.io.atomic_output`), so an interrupted save never leaves a partial image.
    """
    from pathlib import Path

    import matplotlib.pyplot as plt

    from .io import _check_path, atomic_output

    _check_fig(fig)
    path = Path(_check_path(path))
    fmt = path.suffix[1:].lower() or "png"
    try:
        with style(), atomic_output(path) as tmp:
            fig.savefig(tmp, format=fmt)
    finally:
        plt.close(fig)


def _drawn_tick_labels(ax) -> list:
    """Tick labels of ``ax`` that are drawn (their tick lies inside the view interval)."""
    out = []
    for axis in ax._axis_map.values() if hasattr(ax, "_axis_map") else (ax.xaxis, ax.yaxis):
        lo, hi = sorted(axis.get_view_interval())
        tol = 1e-9 * max(abs(hi - lo), 1e-300)
        for tick in axis.get_major_ticks() + axis.get_minor_ticks():
            if not tick.get_visible() or not (lo - tol <= tick.get_loc() <= hi + tol):
                continue
            for label in (tick.label1, tick.label2):
                if label.get_visible() and label.get_text().strip():
                    out.append(label)
    return out


def _label_texts(ax) -> list:
    """The axis labels, titles and drawn tick labels of one axes."""
    texts = [ax.xaxis.label, ax.yaxis.label, ax.title, ax._left_title, ax._right_title]
    if hasattr(ax, "zaxis"):
        texts.append(ax.zaxis.label)
    texts = [t for t in texts if t.get_visible() and t.get_text().strip()]
    return texts + _drawn_tick_labels(ax)


def _axes_name(fig, ax) -> str:
    index = fig.axes.index(ax)
    title = ax.get_title() or ax.get_ylabel() or ""
    return f"axes {index}" + (f" ({title!r})" if title else "")


def check_figure(fig, *, tolerance: float = 1.0, log_floor: bool = True) -> list[str]:
    """Problems a reader would see in a figure: text cut off, overlapping labels, clipped data.

    Three checks, on the figure as laid out for drawing (the layout engine runs first):

    1. **Text past the figure.** Every visible, non-empty text artist (titles, axis and tick
       labels, annotations, legend entries, figure texts) lies inside the figure.
    2. **Overlapping labels between axes.** No axis label, title or drawn tick label of one
       axes (colour bars included) overlaps one of another axes, or a figure-level text (a
       suptitle, a footer).
    3. **Lines clipped by a fixed y-limit.** In every axes whose y-limits were set by hand
       (autoscaling off), no plotted line has finite points above or below the limits within
       the visible x-range (data silently cut off). On a logarithmic y-axis a fixed lower
       limit is a deliberate floor (an outage probability below the plotted range, a curve
       tending to zero) and is not reported unless ``log_floor=False``.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to check (it is drawn once, without output, to lay it out).
    tolerance : float
        Overlap or overshoot [pixel] below which nothing is reported (anti-aliasing,
        rounding).
    log_floor : bool
        Accept points below a fixed lower limit of a logarithmic y-axis (check 3).

    Returns
    -------
    list of str
        One message per problem, naming the kind, the axes and the text or line; empty when
        the figure passes.

    Examples
    --------
    >>> import numpy as np
    >>> fig, ax = subplots()
    >>> _ = ax.plot(np.arange(5.0), [0.0, 1.0, 5.0, 1.0, 0.0], label="signal")
    >>> _ = ax.set_ylim(0.0, 2.0)   # a fixed limit that cuts off the peak
    >>> check_figure(fig)
    ["clipped line: axes 0, line 'signal' has 1 of 5 points outside the fixed y-limits [0, 2]"]
    """
    from matplotlib.text import Text

    try:  # 3-D texts are positioned only while drawn: their extent is not checkable here
        from mpl_toolkits.mplot3d.art3d import Text3D
    except ImportError:  # pragma: no cover
        Text3D = ()

    _check_fig(fig)
    tolerance = check_real_scalar("tolerance", tolerance, 0.0)
    log_floor = check_flag("log_floor", log_floor)
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    problems: list[str] = []
    fbox = fig.bbox

    # 1. text past the figure (tick labels only when drawn)
    tick_labels = {id(t) for ax in fig.axes
                   for axis in (ax._axis_map.values() if hasattr(ax, "_axis_map")
                                else (ax.xaxis, ax.yaxis))
                   for tick in axis.get_major_ticks() + axis.get_minor_ticks()
                   for t in (tick.label1, tick.label2)}
    drawn_ticks = [t for ax in fig.axes for t in _drawn_tick_labels(ax)]
    texts = [t for t in fig.findobj(Text) if id(t) not in tick_labels] + drawn_ticks
    seen = set()
    for t in texts:
        if (id(t) in seen or not t.get_visible() or not t.get_text().strip()
                or isinstance(t, Text3D)):
            continue
        seen.add(id(t))
        if t.axes is not None and not t.axes.get_visible():
            continue
        bb = t.get_window_extent(renderer)
        over = max(fbox.x0 - bb.x0, fbox.y0 - bb.y0, bb.x1 - fbox.x1, bb.y1 - fbox.y1)
        if over > tolerance:
            problems.append(f"text past the figure: {t.get_text()!r} extends {over:.0f} px "
                            "beyond the figure edge")

    # 2. overlapping labels between axes (and with figure-level texts)
    groups = [(_axes_name(fig, ax), _label_texts(ax)) for ax in fig.axes if ax.get_visible()]
    fig_texts = [t for t in fig.texts if t.get_visible() and t.get_text().strip()]
    for attr in ("_suptitle", "_supxlabel", "_supylabel"):
        t = getattr(fig, attr, None)
        if t is not None and t.get_visible() and t.get_text().strip():
            fig_texts.append(t)
    groups.append(("figure text", fig_texts))
    boxes = [(name, t, t.get_window_extent(renderer)) for name, ts in groups for t in ts]
    for i, (name_a, ta, a) in enumerate(boxes):
        for name_b, tb, b in boxes[i + 1:]:
            if name_a == name_b:
                continue
            dx = min(a.x1, b.x1) - max(a.x0, b.x0)
            dy = min(a.y1, b.y1) - max(a.y0, b.y0)
            if dx > tolerance and dy > tolerance:
                problems.append(f"overlapping labels: {ta.get_text()!r} of {name_a} overlaps "
                                f"{tb.get_text()!r} of {name_b}")

    # 3. lines clipped by a fixed y-limit
    for ax in fig.axes:
        if hasattr(ax, "zaxis") or not ax.get_visible() or ax.get_autoscaley_on():
            continue
        y0, y1 = sorted(ax.get_ylim())
        x0, x1 = sorted(ax.get_xlim())
        ytol = 1e-9 * (y1 - y0)
        for k, line in enumerate(ax.get_lines()):
            if not line.get_visible():
                continue
            x_data, y_data = line.get_transform().contains_branch_seperately(ax.transData)
            if not y_data:
                continue  # e.g. axvline: y in axes coordinates
            x = np.asarray(line.get_xdata(orig=False), dtype=float)
            y = np.asarray(line.get_ydata(orig=False), dtype=float)
            x, y = np.broadcast_arrays(x, y)
            keep = np.isfinite(y) & (np.isfinite(x) & (x >= x0) & (x <= x1) if x_data else True)
            below = y < y0 - ytol
            if log_floor and ax.get_yscale() == "log":
                below = np.zeros_like(below)
            outside = keep & (below | (y > y1 + ytol))
            if outside.any():
                label = line.get_label()
                name = label if label and not label.startswith("_") else f"#{k}"
                problems.append(
                    f"clipped line: {_axes_name(fig, ax)}, line {name!r} has "
                    f"{int(outside.sum())} of {int(keep.sum())} points outside the fixed "
                    f"y-limits [{y0:.4g}, {y1:.4g}]")
    return problems
