"""Association and SINR of a network drop (wirelesseff.network.drop, .radio)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats
from scipy.spatial import cKDTree

from wirelesseff.channel import noise_power, power_law_db, tr38901_uma
from wirelesseff.network import (
    LinkModel,
    default_cutoff_radius,
    hex_deployment,
    link_uniforms,
    ppp_deployment,
    sector_gain_db,
    simulate_drop,
    stack_tiers,
    uniform_users,
    users_per_cell,
)
from wirelesseff.network.drop import _plan_block


def _dense_reference(dep, users, link, key, *, radius=np.inf, active=None, activity=None,
                     bias_db=None, sigma2=0.0):
    """Brute-force users x cells evaluation of the same drop (for small drops)."""
    n_u, n_c = users.shape[0], dep.n_cells
    on = np.ones(n_c, bool) if active is None else np.asarray(active, bool)
    act = np.ones(n_c) if activity is None else np.asarray(activity, float)
    box = np.asarray(dep.box)
    disp = users[:, None, :] - dep.positions[None, :, :]
    disp = np.mod(disp + box / 2, box) - box / 2
    d = np.hypot(disp[..., 0], disp[..., 1])
    uid, cid = np.meshgrid(np.arange(n_u), np.arange(n_c), indexing="ij")
    gain_db = link.mean_gain_db(d, h_bs=np.broadcast_to(dep.height, d.shape), link_key=key,
                                user_ids=uid, cell_ids=cid)
    sec = dep.sectored
    ang = np.arctan2(disp[..., 1], disp[..., 0]) - dep.azimuth[None, :]
    gain_db = gain_db + np.where(sec[None, :], sector_gain_db(np.nan_to_num(ang)), 0.0)
    rx_mean = dep.tx_power[None, :] * 10 ** (gain_db / 10)
    b = np.zeros(n_c) if bias_db is None else np.asarray(bias_db, float)
    valid = on[None, :] & (d <= radius)
    score = np.where(valid, rx_mean * 10 ** (b / 10), -np.inf)
    serving = np.argmax(score, axis=1)
    rx = rx_mean * link.fading_gain(key, uid, cid)
    sig = rx[np.arange(n_u), serving]
    w = np.where(valid, rx * act[None, :], 0.0)
    w[np.arange(n_u), serving] = 0.0
    return serving, sig, w.sum(axis=1)


@pytest.mark.parametrize("link", [
    LinkModel(),
    LinkModel(shadowing_std_db=8.0, fading="rayleigh"),
    LinkModel("uma", frequency=3.5e9, shadowing_std_db=None, fading="rayleigh"),
    LinkModel("umi", frequency=3.5e9, los=False, min_distance=10.0),
    LinkModel("free_space", fading="rayleigh"),
])
@pytest.mark.parametrize("sectors", [1, 3])
def test_drop_matches_dense_reference(link, sectors, rng):
    dep = hex_deployment(400.0, 4, 4, sectors=sectors)
    users = uniform_users(150, dep.box, rng)
    radius = 900.0
    drop = simulate_drop(dep, users, link, noise_power=1e-13, cutoff_radius=radius, rng=rng,
                         max_pairs=500)
    serv, sig, intf = _dense_reference(dep, users, link, drop.link_key, radius=radius)
    np.testing.assert_array_equal(drop.serving, serv)
    np.testing.assert_allclose(drop.signal, sig, rtol=1e-12)
    np.testing.assert_allclose(drop.interference, intf, rtol=1e-10)
    np.testing.assert_allclose(drop.sinr, sig / (intf + 1e-13), rtol=1e-10)


def test_drop_with_off_cells_activity_and_tier_bias_matches_dense_reference(rng):
    macro = hex_deployment(500.0, 4, 4)
    small = ppp_deployment(8e-6, macro.box, rng, tx_power=1.0, height=10.0, tier=1)
    dep = stack_tiers(macro, small)
    users = uniform_users(200, dep.box, rng)
    link = LinkModel(shadowing_std_db=6.0, fading="rayleigh")
    active = rng.random(dep.n_cells) > 0.2
    activity = rng.random(dep.n_cells)
    bias = np.where(dep.tier == 1, 6.0, 0.0)
    drop = simulate_drop(dep, users, link, noise_power=0.0, active=active, activity=activity,
                         bias_db={0: 0.0, 1: 6.0}, cutoff_radius=np.inf, rng=3)
    serv, sig, intf = _dense_reference(dep, users, link, drop.link_key, active=active,
                                       activity=activity, bias_db=bias)
    np.testing.assert_array_equal(drop.serving, serv)
    np.testing.assert_allclose(drop.interference, intf, rtol=1e-10)
    assert not np.any(np.isin(drop.serving, np.flatnonzero(~active)))
    # a positive small-cell bias offloads users to the small cells
    plain = simulate_drop(dep, users, link, active=active, cutoff_radius=np.inf, rng=3)
    assert np.sum(dep.tier[drop.serving] == 1) > np.sum(dep.tier[plain.serving] == 1)


def test_nearest_association_for_power_law(rng):
    dep = ppp_deployment(1e-5, 5000.0, rng)
    users = uniform_users(2000, dep.box, rng)
    drop = simulate_drop(dep, users, rng=rng)
    d, j = cKDTree(dep.positions, boxsize=dep.box).query(users)
    np.testing.assert_array_equal(drop.serving, j)
    np.testing.assert_allclose(drop.distance, d, rtol=1e-12)
    np.testing.assert_allclose(drop.signal, dep.tx_power[j] * 10 ** (
        -power_law_db(np.maximum(d, 10.0), 3.76, reference_loss_db=15.3) / 10), rtol=1e-12)


def test_block_size_and_key_do_not_change_a_drop(rng):
    dep = hex_deployment(300.0, 6, sectors=3)
    users = users_per_cell(dep, 10, rng)
    link = LinkModel("uma", frequency=2e9, shadowing_std_db=None, fading="rayleigh")
    a = simulate_drop(dep, users, link, rng=7)
    b = simulate_drop(dep, users, link, rng=7, max_pairs=37)
    np.testing.assert_array_equal(a.serving, b.serving)
    np.testing.assert_array_equal(a.signal, b.signal)
    np.testing.assert_allclose(a.interference, b.interference, rtol=1e-13)
    c = simulate_drop(dep, users, link, rng=8)
    assert c.link_key != a.link_key and not np.array_equal(c.signal, a.signal)
    # re-evaluating a subset of users with their global ids reproduces their links
    sub = np.arange(5, 60, 7)
    s = simulate_drop(dep, users[sub], link, link_key=a.link_key, user_ids=sub)
    np.testing.assert_array_equal(s.signal, a.signal[sub])


def test_block_plan_respects_the_pair_bound():
    for n_users, n_cells, per_user, bound in [(10**5, 10**4, 150.0, 2**20),
                                              (10**5, 10**4, 1e9, 2**20), (10, 5, 3.0, 1)]:
        block = _plan_block(n_users, n_cells, per_user, bound)
        assert block >= 1
        assert block == 1 or block * min(n_cells, per_user) <= bound


def test_drop_memory_stays_bounded_by_the_block_not_by_users_times_cells():
    # 10^4 users x ~2000 cells: a dense float64 users x cells matrix would take 160 MB; with
    # blocks of 2^14 pairs the traced peak stays within ~100 bytes per block pair plus the
    # per-user outputs, and it grows with max_pairs, not with users x cells
    import tracemalloc

    gen = np.random.default_rng(0)
    side = np.sqrt(2000) * 300.0
    dep = ppp_deployment(2000 / side**2, side, gen)
    users = uniform_users(10_000, side, gen)
    dense = users.shape[0] * dep.n_cells * 8
    peaks = []
    for max_pairs in (2**14, 2**18):
        tracemalloc.start()
        try:
            drop = simulate_drop(dep, users, rng=0, max_pairs=max_pairs)
            peaks.append(tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
        assert drop.n_links > 100 * users.shape[0]          # the drop did real work
    assert peaks[0] <= 100 * 2**14 + 80 * users.shape[0] < dense / 20
    assert peaks[1] > 4 * peaks[0]


def test_default_cutoff_omits_at_most_twice_the_stated_fraction_for_the_median_user(rng):
    eps = 0.01
    for alpha in (3.5, 4.0):
        link = LinkModel(exponent=alpha)
        for dep in (ppp_deployment(1e-5, 15_000.0, rng), hex_deployment(300.0, 24, 28)):
            users = uniform_users(800, dep.box, rng)
            cut = simulate_drop(dep, users, link, rng=1, omitted_fraction=eps)
            full = simulate_drop(dep, users, link, rng=1, cutoff_radius=np.inf,
                                 max_pairs=2**22)
            assert np.isfinite(cut.cutoff_radius) and cut.cutoff_radius < 0.5 * min(dep.box)
            share = 1 - cut.interference / full.interference
            assert np.median(share) <= 2 * eps
            np.testing.assert_array_equal(cut.serving, full.serving)


def test_default_cutoff_radius_rule():
    assert default_cutoff_radius(1e-6, 4.0, 0.01) == pytest.approx(5000.0)
    assert default_cutoff_radius(1e-6, 3.0, 0.1) == pytest.approx(5000.0)
    assert np.isinf(default_cutoff_radius(1e-6, None))
    dep = hex_deployment(500.0, 4)
    assert np.isinf(simulate_drop(dep, uniform_users(5, dep.box, 0),
                                  LinkModel("free_space"), rng=0).cutoff_radius)


def test_unserved_users_and_empty_networks(rng):
    dep = ppp_deployment(1e-8, 2000.0, np.random.default_rng(3))  # almost surely empty
    users = uniform_users(10, 2000.0, rng)
    drop = simulate_drop(dep, users, rng=0)
    if dep.n_cells == 0:
        assert np.all(drop.serving == -1) and np.all(drop.sinr == 0)
    far = hex_deployment(1000.0, 4)
    d = simulate_drop(far, uniform_users(50, far.box, rng), cutoff_radius=100.0, rng=0)
    assert np.all((d.serving == -1) == (np.nan_to_num(d.distance, nan=1e9) > 100.0))
    assert np.all(d.sinr[d.serving == -1] == 0)


def test_noise_power_default_is_thermal():
    dep = hex_deployment(500.0, 4)
    d = simulate_drop(dep, uniform_users(3, dep.box, 0), rng=0, bandwidth=20e6,
                      noise_figure_db=7.0)
    assert d.noise_power == pytest.approx(noise_power(20e6, 7.0))


def test_tr38901_links_beyond_5km_continue_the_far_field_slope():
    link = LinkModel("uma", frequency=3.5e9, los=False)
    g = link.mean_gain_db(np.array([4000.0, 5000.0, 10_000.0]), h_bs=25.0)
    assert g[1] == pytest.approx(-tr38901_uma(5000.0, 3.5e9, los=False), abs=1e-9)
    assert g[1] - g[2] == pytest.approx(39.08 * np.log10(2.0), abs=1e-9)


def test_power_law_linear_fast_path_equals_db_form():
    link = LinkModel(exponent=3.3, reference_loss_db=20.0, min_distance=1.0)
    d = np.logspace(0, 4, 50)
    np.testing.assert_allclose(link.mean_gain(d), 10 ** (link.mean_gain_db(d) / 10),
                               rtol=1e-13)


# ---------------------------------------------------------------- keyed randomness

def test_link_uniforms_are_uniform_and_independent_across_streams_and_links():
    users = np.repeat(np.arange(400), 250)
    cells = np.tile(np.arange(250), 400)
    u0 = link_uniforms(123, users, cells, 0)
    u1 = link_uniforms(123, users, cells, 1)
    assert stats.kstest(u0, "uniform").pvalue > 1e-3
    assert abs(np.corrcoef(u0, u1)[0, 1]) < 0.01
    assert abs(np.corrcoef(u0[:-1], u0[1:])[0, 1]) < 0.01          # neighbouring links
    assert abs(np.corrcoef(u0, link_uniforms(124, users, cells, 0))[0, 1]) < 0.01
    fading = LinkModel(fading="rayleigh").fading_gain(5, users, cells)
    assert fading.mean() == pytest.approx(1.0, abs=0.01)
    assert stats.kstest(fading, "expon").pvalue > 1e-3


def test_link_uniforms_reject_bad_keys():
    with pytest.raises(ValueError, match="link_key"):
        link_uniforms(-1, 0, 0, 0)
    with pytest.raises(ValueError, match="stream"):
        link_uniforms(1, 0, 0, 2**16)


# ---------------------------------------------------------------- bad input

@pytest.mark.parametrize("kw,match", [
    (dict(cutoff_radius=0.0), "cutoff_radius"),
    (dict(activity=1.5), "activity"),
    (dict(noise_power=-1.0), "noise_power"),
    (dict(max_pairs=0), "max_pairs"),
    (dict(user_ids=[0, 1]), "user_ids"),
    (dict(omitted_fraction=1.0), "omitted_fraction"),
])
def test_simulate_drop_rejects_bad_input(kw, match):
    dep = hex_deployment(500.0, 4)
    with pytest.raises(ValueError, match=match):
        simulate_drop(dep, uniform_users(3, dep.box, 0), rng=0, **kw)


def test_link_model_rejects_bad_input():
    with pytest.raises(ValueError, match="path_loss"):
        LinkModel("cost231")
    with pytest.raises(ValueError, match="min_distance"):
        LinkModel("uma", min_distance=1.0)
    with pytest.raises(ValueError, match="shadowing_std_db"):
        LinkModel(shadowing_std_db=None)
    with pytest.raises(ValueError, match="fading"):
        LinkModel(fading="rician")
    with pytest.raises(ValueError, match="users"):
        simulate_drop(hex_deployment(500.0, 4), np.zeros((3, 3)))
    with pytest.raises(ValueError, match="link_key"):
        LinkModel(shadowing_std_db=4.0).mean_gain_db(np.array([100.0]))
