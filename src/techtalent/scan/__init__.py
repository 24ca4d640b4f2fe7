"""SME scans domain of techtalent."""
