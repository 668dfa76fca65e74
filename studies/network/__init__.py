"""Studies of network-level energy efficiency (:mod:`wirelesseff.network`)."""
