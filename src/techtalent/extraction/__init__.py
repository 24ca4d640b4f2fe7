"""Skill and occupation extraction: a pure engine (engine/), readers, services, batch, API, pages, CLI."""
