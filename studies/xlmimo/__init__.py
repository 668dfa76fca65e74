"""Studies of XL-MIMO energy efficiency (:mod:`wirelesseff.xlmimo`)."""
