"""Who the end customer is, for finding conflicts: the same company written two ways by two reps
must come out the same.

- By domain, when given: its registrable domain (`https://shop.Acme.co.uk/x` → `acme.co.uk`),
  from the Public Suffix List bundled with `publicsuffixlist`.
- By name and country, always: the legal name without accents, case, punctuation or legal-form
  suffixes (`Acme, Inc.` and `ACME Incorporated` → `acme`), then the country.
"""

import ipaddress
import re
import unicodedata
from functools import cache

import idna
from publicsuffixlist import PublicSuffixList

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")
_DOTTED = re.compile(r"\b(?:\w\.){2,}(?:\w\b)?")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
# Legal forms that say nothing about which company it is, as they end a name.
_LEGAL_FORMS = frozenset(
    [
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "co",
        "company",
        "llc",
        "llp",
        "lp",
        "ltd",
        "limited",
        "plc",
        "pllc",
        "gmbh",
        "ag",
        "kg",
        "ug",
        "mbh",
        "sa",
        "sas",
        "sarl",
        "srl",
        "spa",
        "bv",
        "nv",
        "oy",
        "oyj",
        "ab",
        "as",
        "asa",
        "aps",
        "kk",
        "pty",
        "pvt",
        "pte",
    ]
)


class InvalidDomain(ValueError):
    pass


@cache
def _suffixes() -> PublicSuffixList:
    return PublicSuffixList()


def _is_ip_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def registrable_domain(domain_or_url: str) -> str:
    """The registrable domain of a host name or URL, in lower-case ASCII (IDNA)."""
    host = _SCHEME.sub("", domain_or_url.strip().lower())
    host = re.split(r"[/?#]", host, maxsplit=1)[0].rsplit("@", 1)[-1].split(":", 1)[0]
    host = host.rstrip(".")
    if _is_ip_address(host):
        raise InvalidDomain(f"'{domain_or_url}' is an IP address, not a company's domain")
    if not host.isascii():
        try:
            # IDNA 2008 with UTS #46 mapping, as browsers do: faß.de stays itself, not fass.de.
            host = idna.encode(host, uts46=True).decode("ascii")
        except idna.IDNAError as exc:
            raise InvalidDomain(f"'{domain_or_url}' is not a domain name") from exc
    if not all(_LABEL.match(label) for label in host.split(".")):
        raise InvalidDomain(f"'{domain_or_url}' is not a domain name")
    registrable = _suffixes().privatesuffix(host)
    if registrable is None:
        raise InvalidDomain(f"'{domain_or_url}' is a public suffix, not a company's domain")
    return str(registrable)


def normalised_name(legal_name: str) -> str:
    text = unicodedata.normalize("NFKD", legal_name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    # Dotless i (U+0131) has no case partner in casefold(): KIRMIZI and its lower case are one.
    text = text.replace("\u0131", "i").replace("&", " and ")
    # Dotted abbreviations are one word: L.L.C. is llc, S.p.A. is spa.
    text = _DOTTED.sub(lambda m: m[0].replace(".", ""), text)
    words = re.sub(r"[\W_]+", " ", text).split()
    core = list(words)
    while len(core) > 1 and core[-1] in _LEGAL_FORMS:
        core.pop()
    return " ".join(core or words)


def name_key(legal_name: str, country: str) -> str:
    return f"{normalised_name(legal_name)}|{country.upper()}"
