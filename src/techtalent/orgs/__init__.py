"""Organisations domain of techtalent."""
