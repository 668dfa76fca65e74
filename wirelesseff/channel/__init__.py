r"""The common channel model of wirelesseff.

Submodules
----------
:mod:`~wirelesseff.channel.geometry`
    Element positions (ULA/UPA), distances, azimuth/elevation conversions.
:mod:`~wirelesseff.channel.pathloss`
    Free-space path loss (the only implementation in the package) and 3GPP TR 38.901
    UMi-Street Canyon / UMa path loss and LoS probabilities.
:mod:`~wirelesseff.channel.fading`
    Rayleigh, Rician, correlated Rayleigh and shadowed-Rician (Abdi et al. 2003) fading.
:mod:`~wirelesseff.channel.arrays`
    Far-field steering vectors and exact near-field (spherical-wave) array responses.
:mod:`~wirelesseff.channel.nearfield`
    Exact planar-array channel gain (Björnson & Sanguinetti 2020), Fraunhofer distance,
    far-field beamforming loss and beam depth (Björnson, Demir & Sanguinetti 2021).
:mod:`~wirelesseff.channel.noise`
    Thermal noise power :math:`k_B T B F`.
:mod:`~wirelesseff.channel.ntn`
    Non-terrestrial (LEO) links: slant range, orbits, passes, Doppler, 3GPP TR 38.811 losses,
    shadowed-Rician presets, real passes from TLEs (extra ``orbits``), ITU-R attenuation
    (extra ``itur``).

Conventions
-----------
* **Units.** SI inside (m, Hz, W, rad); logarithmic quantities carry a suffix (``_db``).
  Path losses are returned in dB as positive losses.
* **Shapes: batch axes first, antennas last.** Channel vectors are ``(..., N)``; element
  positions ``(..., N, 3)``; covariances ``(..., N, N)``; points ``(..., 3)``. Every function
  broadcasts over its leading (batch) axes, and scalar inputs give scalar outputs.
* **Angles.** Azimuth from :math:`+x` towards :math:`+y` in the :math:`xy`-plane; elevation
  above the :math:`xy`-plane (see :mod:`~wirelesseff.channel.geometry`). Array layouts are
  centred on the origin, which is the phase reference of the array responses.
* **Randomness** only through ``rng`` (``numpy.random.Generator``, seed or None).

The LEO/NTN geometry, Doppler and TR 38.811 losses live in :mod:`wirelesseff.channel.ntn`
(``from wirelesseff.channel import ntn``).
"""

from __future__ import annotations

from . import arrays, fading, geometry, nearfield, noise, ntn, pathloss
from .arrays import nearfield_response, steering_vector, ula_steering
from .fading import (
    ShadowedRician,
    correlated_rayleigh,
    exponential_correlation,
    rayleigh,
    rician,
)
from .geometry import (
    azimuth_elevation,
    cartesian_to_spherical,
    direction_vector,
    distance,
    spherical_to_cartesian,
    ula_positions,
    upa_positions,
)
from .nearfield import (
    beam_depth_3db,
    beam_depth_factor,
    farfield_beamforming_gain,
    fraunhofer_distance,
    planar_array_gain,
    planar_array_gain_farfield,
    upa_diagonal,
)
from .noise import noise_power, noise_power_dbm
from .pathloss import (
    breakpoint_distance,
    free_space_db,
    los_probability_uma,
    los_probability_umi,
    power_law_db,
    tr38901_uma,
    tr38901_umi,
)

__all__ = [
    # submodules
    "arrays",
    "fading",
    "geometry",
    "nearfield",
    "noise",
    "ntn",
    "pathloss",
    # geometry
    "ula_positions",
    "upa_positions",
    "distance",
    "direction_vector",
    "spherical_to_cartesian",
    "cartesian_to_spherical",
    "azimuth_elevation",
    # path loss
    "free_space_db",
    "power_law_db",
    "breakpoint_distance",
    "tr38901_umi",
    "tr38901_uma",
    "los_probability_umi",
    "los_probability_uma",
    # fading
    "rayleigh",
    "rician",
    "correlated_rayleigh",
    "exponential_correlation",
    "ShadowedRician",
    # arrays
    "steering_vector",
    "ula_steering",
    "nearfield_response",
    # near field
    "planar_array_gain",
    "planar_array_gain_farfield",
    "fraunhofer_distance",
    "upa_diagonal",
    "farfield_beamforming_gain",
    "beam_depth_3db",
    "beam_depth_factor",
    # noise
    "noise_power",
    "noise_power_dbm",
]
