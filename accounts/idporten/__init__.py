"""Login through ID-porten: allauth's OpenID Connect provider, extended (not forked).

allauth is pinned with == in pyproject.toml because this package subclasses its internals.
"""
