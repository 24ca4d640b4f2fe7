"""Importers of the catalog: offers from the documented CSV/JSON format, programmes from DUO files."""
