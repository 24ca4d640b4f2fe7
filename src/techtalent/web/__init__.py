"""The site's shell: base layout, home page, language switch and static files."""
