"""Importers, one module per source format; each yields ObservationIn rows to store."""
