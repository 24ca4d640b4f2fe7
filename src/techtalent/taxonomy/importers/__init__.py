"""Readers of taxonomy source formats; they parse and validate, the services write."""
