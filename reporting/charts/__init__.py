"""Charts of the results pages, as geometry for SVG templates (no queries, no drawing)."""
