"""Tests of the RIS path-loss physics (P1-P6 of docs/ris_leo.md, 'RIS path loss'; Tang et al.
IEEE TWC 2021) and of the capture-fraction and element-gain pitfalls of docs/ris_leo.md."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import integrate

from wirelesseff.channel.nearfield import fraunhofer_distance
from wirelesseff.ris_leo import (
    LinkAntennas,
    RISSurface,
    capture_fraction,
    double_ris_path_loss,
    element_gain,
    element_pattern,
    feed_focusing_sum,
    pattern_gain,
    planar_array_gain,
    ris_side_count,
    tang_path_loss,
)
from wirelesseff.units import SPEED_OF_LIGHT


def db(x):
    return 10 * np.log10(x)


# --- patterns and gains -----------------------------------------------------------------------


@pytest.mark.parametrize("q", [0.0, 1.0, 2.0, 3.0, 5.5])
def test_pattern_gain_is_4pi_over_pattern_integral(q):
    # Tang et al. (2021): G(q) = 4 pi / \iint cos^q = 2(q+1)
    integral, _ = integrate.quad(lambda t: np.cos(t) ** q * np.sin(t), 0, np.pi / 2)
    assert pattern_gain(q) == pytest.approx(4 * np.pi / (2 * np.pi * integral), rel=1e-10)


def test_tang_cos3_gain_is_8_over_pi_times_the_flat_plate_gain():
    # docs/ris_leo.md, Pitfalls 11: G = 8 at lambda/2 spacing vs the aperture gain
    # 4 pi dx dy / lambda^2 = pi
    lam = 0.01
    g_tang = element_gain("tang")
    g_plate = element_gain("aperture", spacing=lam / 2, wavelength=lam)
    assert g_tang == 8.0
    assert g_tang / g_plate == pytest.approx(8 / np.pi, rel=1e-12)


def test_element_pattern_is_zero_behind_the_surface():
    th = np.linspace(-np.pi, np.pi, 101)
    f = element_pattern(th, 3.0)
    assert np.all(f[np.abs(th) > np.pi / 2] == 0)
    np.testing.assert_allclose(f[np.abs(th) <= np.pi / 2], np.cos(th[np.abs(th) <= np.pi / 2]) ** 3)


def test_ris_side_count_rounding():
    assert ris_side_count(0.25, 0.0075) == 33
    assert ris_side_count(0.3, 0.1) == 3
    assert ris_side_count(0.001, 0.0075) == 0


# --- P1 vs P2 vs P3 -------------------------------------------------------------------------

F = 20e9
LAM = SPEED_OF_LIGHT / F


@pytest.mark.parametrize("theta_t,theta_r,phi_r", [(0.0, 0.0, np.pi), (0.4, 0.7, 2.0),
                                                    (1.0, 0.2, np.pi)])
def test_general_equals_far_field_form_in_the_far_field(theta_t, theta_r, phi_r):
    n = 16
    aperture = np.sqrt(2) * n * LAM / 2
    d_f = 2 * aperture**2 / LAM
    d1, d2 = 30 * d_f, 50 * d_f
    kw = dict(theta_t=theta_t, theta_r=theta_r, phi_r=phi_r)
    p1 = tang_path_loss(d1, d2, n, n, F, **kw)
    p2 = tang_path_loss(d1, d2, n, n, F, form="far_field", **kw)
    assert abs(db(p1 / p2)) < 0.05


def test_general_gain_is_below_far_field_gain_deep_in_the_near_field():
    # P2 overestimates the gain (underestimates the loss) below ~2D^2/lambda
    d = np.array([0.02, 0.05, 0.1, 0.2])
    p1 = tang_path_loss(d, 1000.0, 33, 33, F)
    p2 = tang_path_loss(d, 1000.0, 33, 33, F, form="far_field")
    assert np.all(1 / p1 < 1 / p2)
    assert db(p1[0] / p2[0]) > 10  # far beyond 1 dB very close to the surface


def test_near_field_gain_peaks_while_far_field_falls_20db_per_decade():
    # far: -20 dB/decade; near: the focusing gain stops growing and peaks at a feed distance of
    # a fraction of the side (reflectarray f/D trade-off: illumination taper vs spill-over)
    d = np.logspace(-2, 2, 41)
    pg = 1 / tang_path_loss(d, 1000.0, 33, 33, F)
    slope_far = db(pg[-1] / pg[-11]) / np.log10(d[-1] / d[-11])
    assert slope_far == pytest.approx(-20, abs=0.3)
    i = int(np.argmax(pg))
    assert 0.02 < d[i] < 0.25
    assert np.all(np.diff(pg[i:]) < 0) and np.all(np.diff(pg[: i + 1]) > 0)
    # the peak gain stays well below the far-field extrapolation and near the aperture limit
    g_ris = 4 * np.pi * (33 * LAM / 2) ** 2 / LAM**2
    friis = 2 * (LAM / (4 * np.pi * 1000.0)) ** 2  # Rx gain 2, RIS aperture gain g_ris
    assert 0.1 < pg[i] / (friis * g_ris) < 8 / np.pi


def test_near_broadcast_form_is_free_space_over_d1_plus_d2():
    # P3 is Friis over the unfolded path length (mirror reflection)
    d1, d2 = 3.0, 7.0
    g_t = g_r = 2.0
    fspl = (4 * np.pi * (d1 + d2) / LAM) ** 2 / (g_t * g_r)
    assert tang_path_loss(d1, d2, 4, 4, F, form="near_broadcast") == pytest.approx(fspl)


def test_focusing_beats_steering_in_the_near_field_and_matches_it_far_away():
    near_f = tang_path_loss(0.3, 500.0, 33, 33, F, theta_t=0.2)
    near_s = tang_path_loss(0.3, 500.0, 33, 33, F, theta_t=0.2, phases="steer")
    assert near_s > 3 * near_f  # steering loses more than 5 dB in the near field
    far_f = tang_path_loss(400.0, 500.0, 8, 8, F, theta_t=0.2)
    far_s = tang_path_loss(400.0, 500.0, 8, 8, F, theta_t=0.2, phases="steer")
    assert abs(db(far_s / far_f)) < 0.01


def test_explicit_focus_phases_reproduce_focus_and_random_phases_lose(rng):
    n = 8
    d1, d2, th = 2.0, 300.0, 0.3
    k = 2 * np.pi / LAM
    from wirelesseff.channel.geometry import upa_positions

    pos = upa_positions(n, n, LAM / 2)
    tx = d1 * np.array([np.sin(th), 0, np.cos(th)])
    rx = d2 * np.array([-0.0, 0.0, 1.0])
    rt = np.linalg.norm(tx - pos, axis=1)
    rr = np.linalg.norm(rx - pos, axis=1)
    phases = (k * (rt + rr)).reshape(n, n).T  # (M, N) indexed [m, n]
    focus = tang_path_loss(d1, d2, n, n, F, theta_t=th, phi_r=0.0)
    given = tang_path_loss(d1, d2, n, n, F, theta_t=th, phi_r=0.0, phases=phases)
    assert given == pytest.approx(focus, rel=1e-9)
    rand = tang_path_loss(d1, d2, n, n, F, theta_t=th, phi_r=0.0,
                          phases=rng.uniform(0, 2 * np.pi, (n, n)))
    assert rand > focus


def test_far_field_path_gain_scales_with_n_squared():
    p = [tang_path_loss(1e3, 1e3, n, n, F, form="general") for n in (4, 8, 16)]
    assert p[0] / p[1] == pytest.approx(16, rel=1e-3)
    assert p[1] / p[2] == pytest.approx(16, rel=1e-3)


# --- capture fraction (P4) --------------------------------------------------------------------


@pytest.mark.parametrize("d,a", [(0.2, 0.25), (0.05, 0.25), (1.0, 0.5), (0.01, 0.1)])
def test_capture_fraction_is_the_solid_angle_fraction(d, a):
    spacing = a / 200
    exact = 4 * np.arcsin(a**2 / (a**2 + 4 * d**2)) / (4 * np.pi)
    kappa = capture_fraction(d, a, spacing)
    assert kappa <= 0.5
    assert kappa == pytest.approx(exact, rel=0.01)


def test_capture_fraction_tends_to_one_half_and_is_monotone():
    d = np.logspace(np.log10(0.005), 1, 25)
    kappa = capture_fraction(d, 0.25, 0.0005)
    assert np.all(np.diff(kappa) < 0)
    assert np.all(kappa <= 0.5) and kappa[0] > 0.47


def test_capture_without_obliquity_exceeds_one():
    # docs/ris_leo.md, Pitfalls 9: sum of dA/(4 pi r^2) without the cos factor is not a power
    # fraction
    assert capture_fraction(0.005, 0.5, 0.0025, element_q=0.0) > 1.0


def test_capture_of_a_directive_feed_is_larger():
    iso = capture_fraction(0.2, 0.25, 0.0025)
    cos = capture_fraction(0.2, 0.25, 0.0025, feed_q=1.0)
    assert cos > iso
    assert cos <= 1.0


# --- P5: common near-field array gain ---------------------------------------------------------


def test_planar_array_gain_limits():
    # tends to 1/3 for huge arrays and to N A_e / (4 pi d^2) for small ones
    assert planar_array_gain(1e16, 0.0125**2, 20.0) == pytest.approx(1 / 3, rel=1e-4)
    n, area, d = 16, 1e-4, 100.0
    assert planar_array_gain(n, area, d) == pytest.approx(n * area / (4 * np.pi * d**2),
                                                          rel=1e-6)


# --- focusing sum (P7) ------------------------------------------------------------------------


def test_feed_focusing_sum_continuum_limit():
    # Q -> (d / dA) \iint cos^{(q_f+q)/2 - 2} dOmega; for q_f + q = 4 it is d Omega / dA
    d, a, dx = 0.2, 0.25, 0.0025
    q = feed_focusing_sum(d, a, dx, feed_q=1.0, element_q=3.0)
    omega = 4 * np.arcsin(a**2 / (a**2 + 4 * d**2))
    assert q == pytest.approx(d * omega / dx**2, rel=0.01)


def test_feed_focusing_sum_with_quantised_phases_approaches_eta():
    from wirelesseff.ris_leo import quantization_loss

    d, a, dx = 0.2, 0.5, LAM / 2
    q0 = feed_focusing_sum(d, a, dx, 1.0, 3.0)
    for b in (1, 2, 3):
        qb = feed_focusing_sum(d, a, dx, 1.0, 3.0, bits=b, frequency=F, steer_angle=0.4)
        assert (qb / q0) ** 2 == pytest.approx(quantization_loss(b), rel=0.06)


# --- P6: double RIS -------------------------------------------------------------------------

KW6 = dict(theta_t=0.3, phi_t=0.5, theta_12_1=0.6, theta_12_2=0.4, phi_12_2=1.0,
           theta_r=0.25, phi_r=2.5)


def test_double_exact_middle_equals_far_field_form_in_the_far_field():
    n = 6
    aperture = np.sqrt(2) * n * LAM / 2
    d_f = float(fraunhofer_distance(aperture, LAM))
    ff = double_ris_path_loss(40 * d_f, 60 * d_f, 50 * d_f, n, n, F, form="far_field", **KW6)
    ex = double_ris_path_loss(40 * d_f, 60 * d_f, 50 * d_f, n, n, F, exact_middle=True, **KW6)
    fa = double_ris_path_loss(40 * d_f, 60 * d_f, 50 * d_f, n, n, F, **KW6)
    assert abs(db(ex / ff)) < 0.05
    assert abs(db(fa / ff)) < 0.05


def test_double_path_gain_scales_with_n1_n2_squared():
    pl = {n: double_ris_path_loss(50.0, 300.0, 80.0, n[0], n[1], F, form="far_field", **KW6)
          for n in [(4, 4), (8, 4), (8, 8)]}
    assert pl[(4, 4)] / pl[(8, 4)] == pytest.approx(16)  # N1: 16 -> 64
    assert pl[(8, 4)] / pl[(8, 8)] == pytest.approx(16)
    general = [double_ris_path_loss(500.0, 900.0, 700.0, n, n, F, **KW6) for n in (4, 8)]
    assert general[0] / general[1] == pytest.approx(256, rel=1e-3)


def test_double_factorised_equals_exact_when_middle_hop_is_far():
    # outer hops in the near field, middle hop far: factorised (rank one) = exact sum
    n = 8
    aperture = np.sqrt(2) * n * LAM / 2
    d_f = float(fraunhofer_distance(aperture, LAM))
    fa = double_ris_path_loss(0.04, 50 * d_f, 0.06, n, n, F, **KW6)
    ex = double_ris_path_loss(0.04, 50 * d_f, 0.06, n, n, F, exact_middle=True, **KW6)
    assert abs(db(ex / fa)) < 0.05
    # and the near-field outer hops make the far-field formula wrong there
    ff = double_ris_path_loss(0.04, 50 * d_f, 0.06, n, n, F, form="far_field", **KW6)
    assert abs(db(ff / fa)) > 1.0


def test_double_factorised_overestimates_gain_when_surfaces_are_close():
    n = 8
    fa = double_ris_path_loss(20.0, 0.05, 30.0, n, n, F, **KW6)
    ex = double_ris_path_loss(20.0, 0.05, 30.0, n, n, F, exact_middle=True, **KW6)
    assert 1 / ex < 1 / fa


def test_double_ris_far_field_is_two_tang_hops_sharing_the_middle_one():
    # reconstruction consistency: 1/PL6 = (1/PL_a)(1/PL_b)(4 pi d12/lambda)^2, where PL_a is
    # Tx -> RIS 1 -> unit-gain point at RIS 2 and PL_b unit-gain point at RIS 1 -> RIS 2 -> Rx
    d1, d12, d2 = 100.0, 400.0, 150.0
    kw = dict(theta_t=0.3, theta_12_1=0.5, theta_12_2=0.2, theta_r=0.4)
    ff = double_ris_path_loss(d1, d12, d2, (8, 6), (5, 7), F, form="far_field", **kw)
    pa = tang_path_loss(d1, d12, 8, 6, F, form="far_field", theta_t=0.3, theta_r=0.5,
                        antennas=LinkAntennas(rx_gain=1.0))
    pb = tang_path_loss(d12, d2, 5, 7, F, form="far_field", theta_t=0.2, theta_r=0.4,
                        antennas=LinkAntennas(tx_gain=1.0))
    assert 1 / ff == pytest.approx((4 * np.pi * d12 / LAM) ** 2 / (pa * pb), rel=1e-12)


# --- bad input --------------------------------------------------------------------------------


def test_rejects_bad_pathloss_input():
    with pytest.raises(ValueError, match="form"):
        tang_path_loss(1.0, 1.0, 4, 4, F, form="exact")
    with pytest.raises(ValueError, match="d1"):
        tang_path_loss(-1.0, 1.0, 4, 4, F)
    with pytest.raises(ValueError, match="n_x"):
        tang_path_loss(1.0, 1.0, 0, 4, F)
    with pytest.raises(ValueError, match="theta_t"):
        tang_path_loss(1.0, 1.0, 4, 4, F, theta_t=2.0)
    with pytest.raises(ValueError, match="phases"):
        tang_path_loss(1.0, 1.0, 4, 4, F, phases="random")
    with pytest.raises(ValueError, match="phases"):
        tang_path_loss(1.0, 1.0, 4, 4, F, phases=np.zeros((3, 4)))
    with pytest.raises(ValueError, match="element_gain"):
        tang_path_loss(1.0, 1.0, 4, 4, F, surface=RISSurface(element_gain="horn"))
    with pytest.raises(ValueError, match="distance"):
        capture_fraction(0.0, 0.25, 0.01)
    with pytest.raises(ValueError, match="form"):
        double_ris_path_loss(1.0, 1.0, 1.0, 2, 2, F, form="near_broadcast")
    with pytest.raises(ValueError, match="frequency"):
        double_ris_path_loss(1.0, 1.0, 1.0, 2, 2, -F)


# --- review fixes -------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [(1.0,), (1.0, 0.9, 0.8), [[1.0, 1.0]]])
def test_double_ris_rejects_an_amplitude_that_is_not_a_float_or_a_pair(bad):
    with pytest.raises(ValueError, match="amplitude"), pytest.warns(DeprecationWarning):
        double_ris_path_loss(1.0, 10.0, 1.0, 2, 2, F, amplitude=bad)
    with pytest.raises(ValueError, match="amplitude"):
        double_ris_path_loss(1.0, 10.0, 1.0, 2, 2, F, surface=RISSurface(amplitude=np.ones(2)))


def test_double_ris_amplitude_pair_multiplies_the_gain():
    base = double_ris_path_loss(1.0, 10.0, 1.0, 2, 2, F)
    pair = (RISSurface(amplitude=0.5), RISSurface(amplitude=0.8))
    assert double_ris_path_loss(1.0, 10.0, 1.0, 2, 2, F, surface=pair) == pytest.approx(
        base / (0.5 * 0.8) ** 2, rel=1e-12)


def test_double_ris_surface_pair_must_share_the_element_model():
    pair = (RISSurface(), RISSurface(element_q=1.0))
    with pytest.raises(ValueError, match="element_q"):
        double_ris_path_loss(1.0, 10.0, 1.0, 2, 2, F, surface=pair)


# --- configuration dataclasses and the deprecated keywords ---------------------------------


def test_legacy_keywords_still_work_and_give_identical_numbers():
    # research code written against the former 19/24-keyword signatures keeps working
    kw = dict(theta_t=0.3, theta_r=0.5)
    new = tang_path_loss(2.0, 80.0, 6, 5, F, surface=RISSurface(
        spacing=0.006, element_q=2.0, element_gain="aperture", amplitude=0.9),
        antennas=LinkAntennas(tx_gain=3.0, tx_q=1.0, rx_gain=5.0, rx_q=2.0), **kw)
    with pytest.warns(DeprecationWarning, match="surface=RISSurface"):
        old = tang_path_loss(2.0, 80.0, 6, 5, F, spacing=0.006, element_q=2.0,
                             element_gain="aperture", amplitude=0.9, tx_gain=3.0, tx_q=1.0,
                             rx_gain=5.0, rx_q=2.0, **kw)
    assert old == new
    kw6 = dict(KW6, exact_middle=True)
    new = double_ris_path_loss(1.0, 10.0, 2.0, 3, 4, F, surface=(
        RISSurface(amplitude=0.7), RISSurface(amplitude=0.6)),
        antennas=LinkAntennas(rx_gain=2.5), **kw6)
    with pytest.warns(DeprecationWarning, match="double_ris_path_loss"):
        old = double_ris_path_loss(1.0, 10.0, 2.0, 3, 4, F, amplitude=(0.7, 0.6), rx_gain=2.5,
                                   **kw6)
    assert old == new


def test_legacy_keyword_and_dataclass_together_or_unknown_keyword_raise_type_error():
    with pytest.raises(TypeError, match="not both"):
        tang_path_loss(1.0, 1.0, 2, 2, F, surface=RISSurface(), amplitude=0.5)
    with pytest.raises(TypeError, match="not both"):
        double_ris_path_loss(1.0, 1.0, 1.0, 2, 2, F, antennas=LinkAntennas(), tx_q=1.0)
    with pytest.raises(TypeError, match="amplitdue"):
        tang_path_loss(1.0, 1.0, 2, 2, F, amplitdue=0.5)
    with pytest.raises(TypeError, match="surface"):
        tang_path_loss(1.0, 1.0, 2, 2, F, surface="tang")


@pytest.mark.parametrize("field,bad,exc", [
    ("spacing", -0.1, ValueError), ("spacing", np.nan, ValueError), ("spacing", (1.0,), ValueError),
    ("element_q", -1.0, ValueError), ("element_q", np.inf, ValueError),
    ("element_q", "3", TypeError), ("element_gain", "horn", ValueError),
    ("element_gain", 0.0, ValueError), ("element_gain", True, TypeError),
    ("amplitude", 0.0, ValueError), ("amplitude", np.nan, ValueError),
])
def test_ris_surface_validates_every_field(field, bad, exc):
    with pytest.raises(exc, match=field):
        RISSurface(**{field: bad})


@pytest.mark.parametrize("field,bad,exc", [
    ("tx_gain", 0.0, ValueError), ("rx_gain", np.inf, ValueError), ("tx_q", -1.0, ValueError),
    ("rx_q", "2", TypeError),
])
def test_link_antennas_validate_every_field(field, bad, exc):
    with pytest.raises(exc, match=field):
        LinkAntennas(**{field: bad})


def test_element_counts_are_bounded_before_any_allocation():
    from wirelesseff.ris_leo import MAX_ELEMENT_PAIRS, MAX_RIS_ELEMENTS

    with pytest.raises(ValueError, match="n_x"):
        tang_path_loss(1.0, 1.0, 10**12, 1, F)
    with pytest.raises(ValueError, match="n_x \\* n_y"):
        tang_path_loss(1.0, 1.0, 2048, 1024, F)
    assert MAX_RIS_ELEMENTS == 2**20
    with pytest.raises(ValueError, match="n1"):
        double_ris_path_loss(1.0, 1.0, 1.0, 2048, 2, F)
    with pytest.raises(ValueError, match="exact_middle"):
        double_ris_path_loss(1.0, 1.0, 1.0, 64, 64, F, exact_middle=True)
    assert 64**4 > MAX_ELEMENT_PAIRS >= 32**4
    with pytest.raises(ValueError, match="side"):
        capture_fraction(0.2, 100.0, 0.001)
    with pytest.raises(ValueError, match="side"):
        feed_focusing_sum(0.2, 1e308, 0.001, 1.0)
    with pytest.raises(ValueError, match="side"):
        ris_side_count(1e308, 1e-3)


@pytest.mark.parametrize("form", ["general", "far_field", "near_broadcast"])
def test_tang_path_loss_broadcasts_an_array_frequency(form):
    # every argument broadcasts; an array frequency used to fail in float(frequency)
    f = np.array([2e9, 20e9, 28e9])
    d1 = np.array([[5.0], [50.0]])
    kw = dict(theta_t=0.3, theta_r=0.5, form=form)
    pl = tang_path_loss(d1, 80.0, 6, 6, f, **kw)
    assert pl.shape == (2, 3)
    for i in range(2):
        for j in range(3):
            assert pl[i, j] == tang_path_loss(float(d1[i, 0]), 80.0, 6, 6, float(f[j]), **kw)


def test_tang_path_loss_array_frequency_with_batched_phases(rng):
    f = np.array([10e9, 28e9])
    ph = rng.uniform(0, 2 * np.pi, (2, 4, 4))
    pl = tang_path_loss(3.0, 20.0, 4, 4, f, phases=ph)
    for j in range(2):
        assert pl[j] == tang_path_loss(3.0, 20.0, 4, 4, float(f[j]), phases=ph[j])


def test_double_ris_path_loss_broadcasts_an_array_frequency():
    f = np.array([10e9, 28e9])
    kw = dict(theta_t=0.3, theta_12_1=0.5, theta_12_2=0.4, theta_r=0.2)
    for exact in (False, True):
        pl = double_ris_path_loss(50.0, 80.0, 60.0, 3, 3, f, exact_middle=exact, **kw)
        ref = [double_ris_path_loss(50.0, 80.0, 60.0, 3, 3, float(x), exact_middle=exact, **kw)
               for x in f]
        np.testing.assert_array_equal(pl, ref)
    with pytest.raises(ValueError, match="frequency"):
        tang_path_loss(np.ones(3), 1.0, 2, 2, np.array([1e9, 2e9]))
    with pytest.raises(ValueError, match="frequency"):
        tang_path_loss(1.0, 1.0, 2, 2, np.array([1e9, -2e9]))
