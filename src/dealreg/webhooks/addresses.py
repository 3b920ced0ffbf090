"""Which webhook URLs dealreg may call: a receiver on the public internet, never the operator's
own network (loopback, private, link-local, …) unless the installation allows it.

The host is resolved when the endpoint is saved and again at every attempt, and the attempt
connects to an address it has just checked (`Target.pinned`), so a name that answers one way to
the check and another to the connection (DNS rebinding) reaches nothing inside."""

import asyncio
import ipaddress
import re
import socket
from urllib.parse import urlsplit, urlunsplit

import msgspec

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# The only IPv6 space routed on the internet (RFC 4291 global unicast). Outside it, ::/8 holds
# IPv4-compatible (::a.b.c.d, deprecated), IPv4-mapped and IPv4-translated (RFC 2765) forms,
# fec0::/10 was site-local, and 64:ff9b:1::/48 is a NAT64 prefix for local use (RFC 8215) whose
# IPv4 part sits where the operator's prefix length puts it: none of them is a public receiver,
# although `ipaddress` counts several as global.
_GLOBAL_UNICAST = ipaddress.ip_network("2000::/3")
# The well-known NAT64 prefix (RFC 6052): a public translator to the IPv4 address in the last
# 32 bits, which is what must be public.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
# ISATAP interface identifiers (RFC 5214): the last 32 bits are an IPv4 tunnel end point of the
# prefix's site, perhaps the operator's own.
_ISATAP_IDS = (0x00005EFE, 0x02005EFE)


class UnsafeUrl(ValueError):
    """A URL dealreg will not call; the message says why."""


def _low_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address:
    return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)


def _embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses that IPv6 transition schemes inside global unicast route `address` to."""
    found: list[ipaddress.IPv4Address] = []
    if address.sixtofour is not None:
        found.append(address.sixtofour)
    if address.teredo is not None:
        found.extend(address.teredo)
    if (int(address) >> 32) & 0xFFFFFFFF in _ISATAP_IDS:
        found.append(_low_ipv4(address))
    return found


def forbidden(address: IpAddress) -> bool:
    """Whether `address`, or an IPv4 address it carries, is not a public unicast one."""
    if isinstance(address, ipaddress.IPv4Address):
        return not address.is_global or address.is_multicast
    if address in _NAT64:
        return forbidden(_low_ipv4(address))
    if address not in _GLOBAL_UNICAST or not address.is_global:
        return True
    return any(forbidden(ipv4) for ipv4 in _embedded_ipv4(address))


class Target(msgspec.Struct, frozen=True):
    """A URL's host and port, and the address to connect to (None: let the client resolve)."""

    scheme: str
    host: str
    port: int
    address: str | None

    def pinned(self, url: str) -> tuple[str, dict[str, str], dict[str, str]]:
        """The URL to request, with the headers and request extensions that keep the original
        host's name for HTTP and TLS while connecting to the checked address."""
        if self.address is None:
            return url, {}, {}
        parts = urlsplit(url)
        literal = f"[{self.address}]" if ":" in self.address else self.address
        netloc = f"{literal}:{self.port}"
        default = 443 if self.scheme == "https" else 80
        host = self.host if self.port == default else f"{self.host}:{self.port}"
        extensions = {"sni_hostname": self.host} if self.scheme == "https" else {}
        return urlunsplit(parts._replace(netloc=netloc)), {"host": host}, extensions


# A host name as DNS carries it once IDNA has encoded it (underscores occur in real names).
_DNS_NAME = re.compile(r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.?")


def _check_host(host: str, bracketed: bool) -> None:
    """An IPv6 literal in brackets, or a name DNS can carry: labels of 1 to 63 octets, 253 in
    all. Checked here, not left to the resolver, which raises UnicodeError on such a name."""
    if bracketed:
        try:
            ipaddress.IPv6Address(host)
        except ValueError as exc:
            raise UnsafeUrl("the host in brackets is not an IPv6 address") from exc
        return
    try:
        encoded = host.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise UnsafeUrl("the host name has an empty label or one longer than 63 octets") from exc
    if len(encoded.rstrip(".")) > 253 or not _DNS_NAME.fullmatch(encoded):
        raise UnsafeUrl("the host is neither an IP address nor a DNS name")


def check_form(url: str) -> Target:
    """The parts of an http(s) URL without credentials; UnsafeUrl otherwise."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # an unbalanced bracket, or brackets around no IPv6 address
        raise UnsafeUrl("the URL's host is not readable: brackets enclose an IPv6 address") from exc
    if parts.scheme not in ("https", "http"):
        raise UnsafeUrl("an endpoint URL is https:// (or http://)")
    if not parts.hostname:
        raise UnsafeUrl("an endpoint URL names a host")
    _check_host(parts.hostname, bracketed="[" in parts.netloc)
    if parts.username or parts.password:
        raise UnsafeUrl("an endpoint URL carries no credentials: the signature authenticates")
    if parts.fragment:
        raise UnsafeUrl("an endpoint URL has no #fragment")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise UnsafeUrl("the URL's port is not a number from 0 to 65535") from exc
    return Target(scheme=parts.scheme, host=parts.hostname, port=port, address=None)


async def resolve(url: str, *, allow_private: bool) -> Target:
    """The URL's target, refused when its host resolves to no address or to one dealreg must not
    call (every address is checked: one inside is enough to refuse)."""
    target = check_form(url)
    if allow_private:
        return target  # any address will do: the HTTP client resolves the name itself
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(
            target.host, target.port, type=socket.SOCK_STREAM
        )
    except socket.gaierror as exc:
        raise UnsafeUrl(f"{target.host} does not resolve") from exc
    addresses = [ipaddress.ip_address(info[4][0]) for info in infos]
    if not addresses or any(forbidden(address) for address in addresses):
        # Which address is not said: that would map the operator's network for a tenant.
        raise UnsafeUrl(
            f"{target.host} resolves to a loopback, private, link-local or otherwise non-public "
            "address: not called unless the installation allows it "
            "(DEALREG_WEBHOOKS_ALLOW_PRIVATE)"
        )
    return msgspec.structs.replace(target, address=str(addresses[0]))
