"""Deployments and user layouts on the torus (wirelesseff.network.layout)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats
from scipy.spatial import cKDTree

from wirelesseff.network import (
    SECTOR_AZIMUTHS_DEG,
    Deployment,
    hex_deployment,
    ppp_deployment,
    ppp_users,
    stack_tiers,
    torus_displacement,
    uniform_users,
    users_per_cell,
)


def test_hex_grid_on_torus_every_site_has_six_neighbours_at_isd():
    dep = hex_deployment(400.0, 6, 6)
    tree = cKDTree(dep.positions, boxsize=dep.box)
    d, _ = tree.query(dep.positions, k=8)
    np.testing.assert_allclose(d[:, 1:7], 400.0, rtol=1e-12)   # wrap-around: no edge
    assert np.all(d[:, 7] > 400.0 * 1.7)                          # next ring at sqrt(3) D
    assert dep.site_density == pytest.approx(2 / (np.sqrt(3) * 400.0**2), rel=1e-12)


def test_hex_sectors_share_sites_with_3gpp_boresights():
    dep = hex_deployment(500.0, 4, sectors=3)
    assert dep.n_cells == 3 * dep.n_sites
    np.testing.assert_allclose(np.rad2deg(dep.azimuth[:3]), SECTOR_AZIMUTHS_DEG)
    np.testing.assert_array_equal(dep.site[:6], [0, 0, 0, 1, 1, 1])
    assert not np.any(hex_deployment(500.0, 4).sectored) and np.all(dep.sectored)


def test_ppp_count_is_poisson(rng):
    lam, box = 2e-5, 500.0
    counts = np.array([ppp_deployment(lam, box, rng).n_cells for _ in range(400)])
    mean = lam * box * box
    assert abs(counts.mean() - mean) < 4 * np.sqrt(mean / counts.size)
    assert counts.var(ddof=1) == pytest.approx(mean, rel=0.2)


def test_ppp_positions_uniform(rng):
    dep = ppp_deployment(1e-4, 1000.0, rng)
    for k in range(2):
        assert stats.kstest(dep.positions[:, k] / 1000.0, "uniform").pvalue > 1e-3


def test_users_per_cell_fall_in_their_own_cell_and_fill_it_uniformly(rng):
    for dep in (hex_deployment(300.0, 5, 4), ppp_deployment(3e-5, 1500.0, rng)):
        n = 40
        users = users_per_cell(dep, n, rng)
        sites = dep.site_positions()
        _, owner = cKDTree(sites, boxsize=dep.box).query(users)
        np.testing.assert_array_equal(owner, np.repeat(np.arange(sites.shape[0]), n))
    # hexagon: the mean displacement from the site is 0 and the squared distance has the
    # hexagon's second moment 5 sqrt(3) R^4 / 8 / area = 5 R^2 / 12 (R = D / sqrt 3)
    dep = hex_deployment(300.0, 6, 6)
    users = users_per_cell(dep, 2000, rng)
    disp = torus_displacement(np.repeat(dep.site_positions(), 2000, axis=0), users, dep.box)
    r_hex = 300.0 / np.sqrt(3)
    assert np.abs(disp.mean(axis=0)).max() < 1.0
    assert np.mean(np.sum(disp**2, axis=1)) == pytest.approx(5 * r_hex**2 / 12, rel=0.01)


def test_uniform_and_ppp_users(rng):
    u = uniform_users(1000, (100.0, 50.0), rng)
    assert u.shape == (1000, 2) and u[:, 0].max() < 100 and u[:, 1].max() < 50
    assert ppp_users(1e-3, 100.0, rng).shape[1] == 2


def test_torus_displacement_is_minimal_image():
    d = torus_displacement([[0.5, 0.5]], [[9.5, 9.5]], 10.0)
    np.testing.assert_allclose(d, [[-1.0, -1.0]])
    d = torus_displacement([[0.0, 0.0]], [[5.0, 0.0]], 10.0)
    assert np.all(np.abs(d) <= 5.0)


def test_stack_tiers_and_custom_deployment():
    macro = hex_deployment(500.0, 4)
    small = Deployment(positions=[[10.0, 10.0], [-10.0, 3000.0]], box=macro.box, tx_power=1.0,
                       height=10.0, azimuth=np.nan, tier=1, site=None)
    het = stack_tiers(macro, small)
    assert het.n_cells == macro.n_cells + 2 and het.n_sites == macro.n_sites + 2
    assert np.all(het.positions >= 0) and np.all(het.positions < np.asarray(het.box))
    with pytest.raises(ValueError, match="window"):
        stack_tiers(macro, hex_deployment(400.0, 4))


def test_deployment_is_frozen():
    dep = hex_deployment(500.0, 4)
    with pytest.raises(ValueError):
        dep.positions[0, 0] = 1.0


@pytest.mark.parametrize("call,match", [
    (lambda: hex_deployment(0.0, 4), "inter_site_distance"),
    (lambda: hex_deployment(500.0, 1), "n_cols"),
    (lambda: hex_deployment(500.0, 4, 3), "even"),
    (lambda: hex_deployment(500.0, 4, sectors=2), "sectors"),
    (lambda: ppp_deployment(-1.0, 100.0), "density"),
    (lambda: ppp_deployment(1.0, 1e5), "bound"),
    (lambda: ppp_users(1.0, [100.0, np.nan]), "box"),
    (lambda: uniform_users(-1, 100.0), "n"),
    (lambda: Deployment(positions=[[0, 0]], box=10.0, tx_power=-1.0, height=1.0,
                        azimuth=np.nan, tier=0, site=None), "tx_power"),
])
def test_rejects_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()
