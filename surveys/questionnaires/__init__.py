"""Questionnaires: the shipped versions (data, loading), answer scales, which items continue
a time series (comparability), how a version is shown on pages (presentation), their admin
and Udir's preview."""
