"""Learning offers domain of techtalent."""
