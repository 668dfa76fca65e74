"""wirelesseff.plotting.check_figure: each of its three checks fires on a figure built to fail it
and stays silent on a clean one; finish() keeps a long provenance footer inside the figure."""

from __future__ import annotations

import numpy as np
import pytest
import xarray as xr

from wirelesseff import plotting


def _clean():
    fig, axes = plotting.subplots(1, 2)
    for ax in axes:
        ax.plot(np.arange(10.0), np.arange(10.0) ** 2, label="quadratic")
        ax.set_xlabel("x [m]")
        ax.set_ylabel("y [W]")
        ax.legend()
    return fig, axes


def test_clean_figure_passes():
    fig, _ = _clean()
    assert plotting.check_figure(fig) == []


def test_text_past_the_figure_is_reported():
    fig, _ = _clean()
    fig.text(0.8, 0.5, "a note that runs far beyond the right edge of the figure")
    problems = plotting.check_figure(fig)
    assert len(problems) == 1 and problems[0].startswith("text past the figure")


def test_overlapping_labels_of_two_axes_are_reported():
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(5, 3))
    a = fig.add_axes((0.2, 0.15, 0.25, 0.7))
    b = fig.add_axes((0.55, 0.15, 0.25, 0.7))
    a.set_title("energy efficiency of the left")  # the two titles run into each other
    b.set_title("spectral efficiency right")
    problems = plotting.check_figure(fig)
    assert len(problems) == 1 and problems[0].startswith("overlapping labels")
    assert "axes 0" in problems[0] and "axes 1" in problems[0]


def test_line_clipped_by_fixed_upper_limit_is_reported():
    fig, (a, b) = _clean()
    a.set_ylim(0.0, 50.0)   # quadratic reaches 81: cut off
    b.set_ylim(0.0, 100.0)  # fits
    problems = plotting.check_figure(fig)
    assert problems == ["clipped line: axes 0 ('y [W]'), line 'quadratic' has 2 of 10 points "
                        "outside the fixed y-limits [0, 50]"]


def test_log_floor_is_accepted_unless_asked():
    fig, ax = plotting.subplots()
    ax.semilogy(np.arange(5.0), [1.0, 1e-2, 1e-4, 1e-8, 1e-12])
    ax.axvline(2.0)  # y in axes coordinates: never a clipped line
    ax.set_ylim(1e-6, 2.0)
    assert plotting.check_figure(fig) == []
    assert len(plotting.check_figure(fig, log_floor=False)) == 1


def test_autoscaled_axes_are_never_clipped():
    fig, ax = plotting.subplots()
    ax.plot([0.0, 1.0], [0.0, 1e9])
    assert plotting.check_figure(fig) == []


@pytest.mark.parametrize("n_words", [5, 60])
def test_finish_keeps_a_long_footer_inside_the_figure(n_words):
    fig, axes = _clean()
    ds = xr.Dataset(attrs={"study": "demo", "source": " ".join(["Source"] * n_words),
                           "wirelesseff_version": "0", "seed": 0})
    plotting.finish(fig, ds)
    assert plotting.check_figure(fig) == []
