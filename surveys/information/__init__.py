"""The information sheets ("Informasjon om Lærlingundersøkelsen"): the PDFs handed out to
apprentices and supervisors (sheets), and the pages that serve them (views)."""
