"""Which addresses a webhook may reach: only public ones, whatever the spelling (IPv4-compatible,
-mapped, -translated, site-local, 6to4, NAT64, Teredo and ISATAP forms of an inside address
included), every address of a name checked, and the attempt connecting to the address checked,
not to a second lookup's answer."""

import ipaddress
import socket
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from dealreg.webhooks import addresses, service, tasks

Resolved = list[tuple[Any, ...]]


def _answers(*ips: str) -> Resolved:
    return [(socket.AF_INET6 if ":" in ip else socket.AF_INET, 1, 6, "", (ip, 443)) for ip in ips]


@pytest.fixture
def dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, Resolved]:
    """A resolver answering from this table (names not in it do not resolve)."""
    table: dict[str, Resolved] = {}

    async def getaddrinfo(self: Any, host: str, port: int, **_: Any) -> Resolved:
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "no such name")
        return table[host]

    monkeypatch.setattr("asyncio.base_events.BaseEventLoop.getaddrinfo", getaddrinfo)
    return table


INSIDE = [
    # IPv4 and its special ranges
    "127.0.0.1",
    "10.1.2.3",
    "172.16.0.9",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",  # noqa: S104 - an address to refuse, not one to bind
    "192.0.0.1",
    "198.18.0.1",
    "240.0.0.1",
    "255.255.255.255",
    "224.0.0.1",
    # IPv6 outside global unicast
    "::",
    "::1",
    "fe80::1",
    "fc00::1",
    "fd12:3456::1",
    "fec0::1",  # site-local (deprecated, RFC 3879)
    "feff:ffff::1",
    "ff02::1",
    "ff0e::1",
    "100::1",
    "4000::1",
    # IPv4-compatible (::a.b.c.d, deprecated): refused whatever the IPv4 part
    "::127.0.0.1",
    "::169.254.169.254",
    "::10.0.0.1",
    "::93.184.215.14",
    # IPv4-mapped and IPv4-translated (RFC 2765)
    "::ffff:127.0.0.1",
    "::ffff:169.254.169.254",
    "::ffff:93.184.215.14",
    "::ffff:0:127.0.0.1",
    "::ffff:0:10.0.0.1",
    "::ffff:0:93.184.215.14",
    # 6to4 of an inside IPv4
    "2002:7f00:1::",
    "2002:a9fe:a9fe::1",
    "2002:c0a8:101::1",
    "2002:a00:1:1::1",
    # NAT64, well-known prefix, of an inside IPv4; the local-use prefix always
    "64:ff9b::a00:5",
    "64:ff9b::127.0.0.1",
    "64:ff9b::169.254.169.254",
    "64:ff9b::192.168.0.1",
    "64:ff9b:1::93.184.215.14",
    "64:ff9b:1:a00:1::",
    # Teredo
    "2001:0:4136:e378:8000:63bf:f5ff:fffe",
    "2001:0:4136:e378:8000:63bf:80ff:fffe",
    # ISATAP interface identifiers carrying an inside IPv4, under a public prefix
    "2606:2800:21f:cb07:0:5efe:10.0.0.1",
    "2606:2800:21f:cb07:200:5efe:127.0.0.1",
    "2606:2800:21f:cb07:200:5efe:169.254.169.254",
    # documentation and other special blocks inside 2000::/3
    "2001:db8::1",
    "2001:2::1",
]

OUTSIDE = [
    "93.184.215.14",
    "8.8.8.8",
    "2606:2800:21f:cb07:6820:80da:af6b:8b2c",
    "2a00:1450:4001:80b::200e",
    "2002:5db8:d70e::1",  # 6to4 of a public IPv4
    "64:ff9b::93.184.215.14",  # NAT64 of a public IPv4
    "2606:2800:21f:cb07:200:5efe:93.184.215.14",  # ISATAP of a public IPv4
]


@pytest.mark.parametrize("ip", INSIDE)
def test_an_inside_address_in_any_spelling_is_forbidden(ip: str) -> None:
    assert addresses.forbidden(ipaddress.ip_address(ip))


@pytest.mark.parametrize("ip", OUTSIDE)
def test_a_public_address_is_allowed(ip: str) -> None:
    assert not addresses.forbidden(ipaddress.ip_address(ip))


@pytest.mark.parametrize("ip", [ip for ip in INSIDE if ":" in ip])
async def test_an_inside_ipv6_literal_is_refused_by_the_check_of_creation_and_delivery(
    ip: str,
) -> None:
    """The literal itself resolves to itself: no resolver in the way, as a tenant would send it."""
    with pytest.raises(addresses.UnsafeUrl, match="non-public"):
        await addresses.resolve(f"http://[{ip}]/hook", allow_private=False)


async def test_one_inside_address_among_a_names_answers_is_enough_to_refuse(
    dns: dict[str, Resolved],
) -> None:
    dns["mixed.example"] = _answers("93.184.215.14", "10.0.0.7")
    with pytest.raises(addresses.UnsafeUrl) as refused:
        await addresses.resolve("https://mixed.example/hook", allow_private=False)
    # The address itself is not told: that would map the operator's network.
    assert "10.0.0.7" not in str(refused.value)


async def test_the_attempt_connects_to_the_address_checked_keeping_the_name(
    dns: dict[str, Resolved],
) -> None:
    dns["receiver.example"] = _answers("93.184.215.14")
    target = await addresses.resolve("https://receiver.example:8443/in?x=1", allow_private=False)
    url, headers, extensions = target.pinned("https://receiver.example:8443/in?x=1")
    assert url == "https://93.184.215.14:8443/in?x=1"
    assert headers == {"host": "receiver.example:8443"}
    assert extensions == {"sni_hostname": "receiver.example"}
    dns["v6.example"] = _answers("2606:2800:21f:cb07:6820:80da:af6b:8b2c")
    target = await addresses.resolve("http://v6.example/in", allow_private=False)
    url, headers, extensions = target.pinned("http://v6.example/in")
    assert url == "http://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]:80/in"
    assert (headers, extensions) == ({"host": "v6.example"}, {})


async def test_an_attempt_to_a_name_now_pointing_inside_is_refused_then(
    dns: dict[str, Resolved],
) -> None:
    """Saved while the name pointed outside; by the attempt it points at the metadata service."""
    dns["rebinding.example"] = _answers("169.254.169.254")
    claim = service.Claim(
        delivery_id=uuid.uuid4(),
        url="https://rebinding.example/hook",
        body=b"{}",
        headers={},
        token=datetime.now(UTC),
    )
    outcome = await tasks.Sender(allow_private=False).send(claim)
    assert outcome.status_code is None
    assert outcome.error is not None
    assert "non-public" in outcome.error


@pytest.mark.parametrize(
    "url",
    [
        "https://a..example.com/hook",
        "https://.example.com/hook",
        f"https://{'a' * 64}.example.com/hook",
        f"https://{'a' * 63}.{'b' * 63}.{'c' * 63}.{'d' * 63}.example/hook",
        "https://a b.example/hook",
        "https://[::1/hook",
        "https://example.com]/hook",
        "https://[not-an-address]/hook",
        "https://[v1.x]/hook",
    ],
)
@pytest.mark.parametrize("allow_private", [False, True])
async def test_a_host_no_resolver_could_take_is_refused_before_any_lookup(
    dns: dict[str, Resolved], url: str, allow_private: bool
) -> None:
    with pytest.raises(addresses.UnsafeUrl):
        await addresses.resolve(url, allow_private=allow_private)


@pytest.mark.parametrize(
    "url",
    ["https://bücher.example/in", "https://under_score.example./in", "http://[2606:2800::1]/"],
)
async def test_names_idna_and_dns_take_are_accepted(url: str) -> None:
    assert addresses.check_form(url).host
