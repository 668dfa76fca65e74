"""Studies of NOMA codebooks (:mod:`wirelesseff.noma`)."""
