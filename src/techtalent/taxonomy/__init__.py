"""The shared skills language: ESCO (nl/en) and the sector frameworks from the source documents."""
