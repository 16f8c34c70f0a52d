"""Server-side SVG charts: geometry in Python, drawn by Django templates."""
