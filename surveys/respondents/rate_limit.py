"""Wrong personal links, counted per IP address (IPv6: per /64) in Django's cache (Redis,
or files when embedded): after LINK_WRONG_LIMIT wrong tokens within LINK_WRONG_WINDOW
seconds an address gets 429 for LINK_BLOCK_SECONDS. Only wrong tokens are counted and only
wrong tokens are refused: apprentices at a gathering share one address, and a valid link
always works. The address is the visitor's, also behind proxies (accounts/client_address.py).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.core.cache import cache

from accounts import throttle


def _keys(address: str) -> tuple[str, str]:
    visitor = _visitor(address)
    return f"links:wrong:{visitor}", f"links:blocked:{visitor}"


def _visitor(address: str) -> str:
    """An IPv4 address, or the /64 of an IPv6 address: a household, a phone or a server gets
    a whole /64, so its addresses are one visitor. IPv4 written as IPv6 (::ffff:a.b.c.d, as
    a server listening on IPv6 sees it) is its IPv4 address."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped:
        return str(ip.ipv4_mapped)
    return str(ipaddress.IPv6Network((ip, 64), strict=False))


def is_blocked(address: str) -> bool:
    return cache.get(_keys(address)[1]) is not None


def record_wrong(address: str) -> bool:
    """Counts one wrong token from `address`; True if the address is (now) blocked."""
    count_key, block_key = _keys(address)
    counted = throttle.hit(
        count_key,
        block_key,
        limit=settings.LINK_WRONG_LIMIT,
        window=settings.LINK_WRONG_WINDOW,
        block=settings.LINK_BLOCK_SECONDS,
    )
    return counted is not throttle.Hit.COUNTED
