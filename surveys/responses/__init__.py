"""Responses no one can trace: moving submitted drafts into the response table (mixing)."""
