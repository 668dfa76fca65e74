"""Studies of fluid-antenna systems (:mod:`wirelesseff.fas`)."""
