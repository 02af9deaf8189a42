"""Which network addresses we may fetch from: public ones, and the allowed networks.

A host is refused when any of its addresses is not public, so that a name with
one public and one private address cannot be used to reach the private one.
"""

import ipaddress
import socket

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_PERMANENT_DNS_ERRORS = {
    getattr(socket, name)
    for name in ("EAI_NONAME", "EAI_NODATA")
    if hasattr(socket, name)
}


class AddressRefused(Exception):
    """A host we may not fetch from, or could not resolve, and why."""

    def __init__(self, reason: str, *, transient: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.transient = transient


def vetted_addresses(host: str, port: int) -> list[str]:
    """Return every address of host; refuse them all if one is not public."""
    # Reasons end up in 500-character fields: a long host name is cut short.
    shown = host if len(host) <= 100 else f"{host[:100]}…"
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        transient = getattr(error, "errno", None) not in _PERMANENT_DNS_ERRORS
        raise AddressRefused(
            f"the host name {shown} could not be resolved", transient=transient
        ) from error
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    for text in addresses:
        address = ipaddress.ip_address(text.partition("%")[0])
        if not is_allowed(address):
            named = shown if host == str(address) else f"{shown} ({address})"
            raise AddressRefused(
                f"refused: {named} is not a public address", transient=False
            )
    if not addresses:
        raise AddressRefused(f"the host name {shown} has no address", transient=True)
    return addresses


def is_allowed(address: Address) -> bool:
    return is_public(address) or any(
        address in network for network in allowed_networks()
    )


def allowed_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    try:
        return [
            ipaddress.ip_network(cidr, strict=False)
            for cidr in settings.SOURCES_FETCH_ALLOWED_NETWORKS
        ]
    except ValueError as error:
        raise ImproperlyConfigured(
            f"SOURCES_FETCH_ALLOWED_NETWORKS holds a bad network: {error}"
        ) from error


def is_public(address: Address) -> bool:
    """Say whether address, and any IPv4 address embedded in it, is global."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = [
            address.ipv4_mapped,
            address.sixtofour,
            address.teredo[1] if address.teredo else None,
        ]
        if address in _NAT64:
            embedded.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
        if any(v4 is not None and not is_public(v4) for v4 in embedded):
            return False
    # Python counts some multicast and reserved ranges as global.
    return address.is_global and not (address.is_multicast or address.is_reserved)
