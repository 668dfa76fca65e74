"""Studies of the shared layers (channel, power, optimization)."""
