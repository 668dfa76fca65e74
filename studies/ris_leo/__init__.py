"""Studies of RIS-assisted LEO links (:mod:`wirelesseff.ris_leo`)."""
