"""Which webhook URLs dealreg may call: a receiver on the public internet, never the operator's
own network (loopback, private, link-local, …) unless the installation allows it.

The host is resolved when the endpoint is saved and again before every delivery, so a name that
later points inside (DNS rebinding) is refused then too."""

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit


class UnsafeUrl(ValueError):
    """A URL dealreg will not call; the message says why."""


def _forbidden(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return not address.is_global or address.is_multicast


def check_form(url: str) -> tuple[str, int]:
    """The host and port of an http(s) URL without credentials; UnsafeUrl otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http"):
        raise UnsafeUrl("an endpoint URL is https:// (or http://)")
    if not parts.hostname:
        raise UnsafeUrl("an endpoint URL names a host")
    if parts.username or parts.password:
        raise UnsafeUrl("an endpoint URL carries no credentials: the signature authenticates")
    if parts.fragment:
        raise UnsafeUrl("an endpoint URL has no #fragment")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise UnsafeUrl("the URL's port is not a number from 0 to 65535") from exc
    return parts.hostname, port


async def check_reachable(url: str, *, allow_private: bool) -> None:
    """Refuse a URL whose host resolves to an address dealreg must not call (or to none)."""
    host, port = check_form(url)
    if allow_private:
        return  # any address will do: the HTTP client resolves the name itself
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise UnsafeUrl(f"{host} does not resolve") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if _forbidden(address):
            raise UnsafeUrl(
                f"{host} resolves to {address}, a loopback, private or link-local address: "
                "not called unless the installation allows it (DEALREG_WEBHOOKS_ALLOW_PRIVATE)"
            )
