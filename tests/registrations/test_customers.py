"""Who the end customer is: the same company written two ways must come out the same, and two
different companies must not."""

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from publicsuffixlist import PublicSuffixList

from dealreg.registrations.customers import (
    InvalidDomain,
    name_key,
    normalised_name,
    registrable_domain,
)

# --- registrable_domain ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "acme.com",
        "ACME.COM",
        "Acme.Com",
        "www.acme.com",
        "shop.eu.acme.com",
        "acme.com.",
        "  acme.com\n",
        "https://acme.com",
        "http://www.acme.com/",
        "HTTPS://WWW.ACME.COM/Contact?ref=x#top",
        "https://acme.com:8443/a/b",
        "acme.com:443",
        "acme.com/path",
        "acme.com?q=1",
        "acme.com#frag",
        "https://user:secret@www.acme.com/",
        "joe@acme.com",
    ],
)
def test_every_way_of_writing_a_domain_or_url_gives_its_registrable_domain(written: str) -> None:
    assert registrable_domain(written) == "acme.com"


@pytest.mark.parametrize(
    ("written", "registrable"),
    [
        ("https://shop.Acme.co.uk/x", "acme.co.uk"),
        ("www.acme.co.uk", "acme.co.uk"),
        ("acme.co.uk", "acme.co.uk"),
        ("a.b.c.example.com.au", "example.com.au"),
        ("portal.acme.co.jp", "acme.co.jp"),
        ("sales.acme.com.br", "acme.com.br"),
        # A private suffix of the list: each customer of the host is a registrable domain.
        ("acme.github.io", "acme.github.io"),
        ("docs.acme.github.io", "acme.github.io"),
    ],
)
def test_multi_level_public_suffixes_keep_one_label_more(written: str, registrable: str) -> None:
    assert registrable_domain(written) == registrable


def test_different_companies_under_one_public_suffix_stay_apart() -> None:
    assert registrable_domain("acme.co.uk") != registrable_domain("globex.co.uk")
    assert registrable_domain("acme.co.uk") != registrable_domain("acme.com")
    assert registrable_domain("acme.github.io") != registrable_domain("globex.github.io")


@pytest.mark.parametrize(
    "written",
    ["müller.de", "MÜLLER.de", "https://www.Müller.de/impressum", "xn--mller-kva.de"],
)
def test_an_international_domain_comes_out_as_its_ascii_form(written: str) -> None:
    assert registrable_domain(written) == "xn--mller-kva.de"


def test_an_international_domain_under_a_multi_level_suffix() -> None:
    assert registrable_domain("https://shop.bücher.co.uk") == "xn--bcher-kva.co.uk"
    assert registrable_domain("例え.jp") == "xn--r8jz45g.jp"


def test_an_eszett_domain_is_not_the_double_s_one() -> None:
    # faß.de and fass.de are two registrations at DENIC; browsers (UTS #46 non-transitional,
    # IDNA 2008) resolve faß.de to xn--fa-hia.de. Python's "idna" codec is IDNA 2003, which maps
    # ß to ss and so makes two customers one.
    assert registrable_domain("faß.de") == "xn--fa-hia.de"
    assert registrable_domain("faß.de") != registrable_domain("fass.de")


@pytest.mark.parametrize(
    "written",
    [
        "",
        "   ",
        "http://",
        "acme..com",
        "-acme.com",
        "acme-.com",
        "acme_corp.com",
        "ac me.com",
        "acme.com\\evil",
        "a" * 64 + ".com",
        "[::1]",
        "http://[2001:db8::1]/",
        "acme.com\x00",
    ],
)
def test_what_is_not_a_domain_name_is_invalid(written: str) -> None:
    with pytest.raises(InvalidDomain):
        registrable_domain(written)


@pytest.mark.parametrize(
    "written", ["com", "co.uk", "CO.UK", "https://co.uk/", "co.uk.", "github.io", "localhost"]
)
def test_a_public_suffix_alone_is_not_a_companys_domain(written: str) -> None:
    with pytest.raises(InvalidDomain, match="public suffix"):
        registrable_domain(written)


def test_invalid_domain_is_a_value_error() -> None:
    assert issubclass(InvalidDomain, ValueError)


@pytest.mark.parametrize("written", ["10.0.0.1", "192.168.0.1", "https://8.8.8.8/"])
def test_an_ip_address_is_not_a_companys_domain(written: str) -> None:
    # An address has no registrable domain: "10.0.0.1" and "192.168.0.1" would otherwise both
    # become "0.1", and two unrelated customers one.
    with pytest.raises(InvalidDomain):
        registrable_domain(written)


_SUFFIXES = PublicSuffixList()
LABEL = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?", fullmatch=True)
SUFFIX = st.sampled_from(["com", "org", "de", "co.uk", "com.au", "co.jp", "io"])


def _randomly_cased(text: str, flips: list[bool]) -> str:
    """`text` with the characters that `flips` says in upper case."""
    return "".join(
        ch.upper() if index < len(flips) and flips[index] else ch for index, ch in enumerate(text)
    )


@settings(max_examples=200)
@given(
    name=LABEL.filter(lambda label: not label.isdigit()),
    suffix=SUFFIX,
    subdomains=st.lists(LABEL, max_size=3),
    scheme=st.sampled_from(["", "http://", "https://", "HTTPS://"]),
    port=st.one_of(st.just(""), st.integers(1, 65535).map(lambda p: f":{p}")),
    tail=st.sampled_from(["", "/", "/a/b?c=d#e", "?x", "#y"]),
    dot=st.booleans(),
    flips=st.lists(st.booleans(), max_size=60),
)
def test_the_registrable_domain_ignores_how_a_url_is_written(
    name: str,
    suffix: str,
    subdomains: list[str],
    scheme: str,
    port: str,
    tail: str,
    dot: bool,
    flips: list[bool],
) -> None:
    registrable = f"{name}.{suffix}"
    host = ".".join([*subdomains, registrable])
    # Some names are themselves suffixes of the list's private section (x0.com is a hosting
    # provider's): under those a customer's domain has one label more, as with github.io.
    assume(_SUFFIXES.privatesuffix(host) == registrable)
    host += "." if dot else ""
    written = scheme + _randomly_cased(host, flips) + port + tail
    assert registrable_domain(written) == registrable


# --- name_key ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "Acme",
        "ACME",
        "acme",
        "Acme, Inc.",
        "ACME Incorporated",
        "Acme Inc",
        "Acme Corp.",
        "Acme Corporation",
        "Acme LLC",
        "Acme Ltd",
        "Acme Limited",
        "Acme GmbH",
        "Acme AG",
        "Acme SARL",
        "Acme Co., Ltd.",
        "Acme Pty. Ltd.",
        "  acme   inc ",
        "Acme-Inc",
        "Ácmé",
        "\uff21\uff23\uff2d\uff25 Inc",  # full-width letters,
    ],
)
def test_case_accents_punctuation_and_legal_forms_do_not_change_the_name_key(
    written: str,
) -> None:
    assert name_key(written, "US") == "acme|US"


def test_an_ampersand_is_the_word_and() -> None:
    assert name_key("Smith & Sons Ltd", "GB") == name_key("Smith and Sons Limited", "GB")
    assert name_key("Smith&Sons", "GB") == name_key("smith and sons", "GB")
    assert normalised_name("Smith & Sons") == "smith and sons"


def test_accents_are_removed_and_letters_fold() -> None:
    assert normalised_name("Société Générale") == "societe generale"
    assert normalised_name("Straße AG") == normalised_name("STRASSE AG") == "strasse"
    assert normalised_name("Müller GmbH") == "muller"


def test_the_country_tells_two_companies_of_the_same_name_apart() -> None:
    assert name_key("Acme Ltd", "GB") != name_key("Acme Inc", "US")
    assert name_key("Acme Ltd", "gb") == name_key("Acme Ltd", "GB") == "acme|GB"


def test_a_name_that_is_only_a_legal_form_is_kept() -> None:
    # Nothing would be left to tell the company by.
    assert normalised_name("Inc.") == "inc"
    assert normalised_name("Co") == "co"
    assert normalised_name("Inc Ltd") == "inc"


def test_only_trailing_legal_forms_are_removed() -> None:
    assert normalised_name("Limited Editions Ltd") == "limited editions"
    assert normalised_name("Acme Holdings") == "acme holdings"
    assert normalised_name("Acme Company Limited") == "acme"


def test_different_names_keep_different_keys() -> None:
    assert name_key("Acme", "US") != name_key("Acme Holdings", "US")
    assert name_key("Acme", "US") != name_key("Acne", "US")
    assert name_key("Acme Sons", "US") != name_key("Acme and Sons", "US")


@pytest.mark.parametrize(
    ("dotted", "plain"),
    [
        ("Acme L.L.C.", "Acme LLC"),
        ("Acme S.A.", "Acme SA"),
        ("Philips N.V.", "Philips NV"),
        ("Acme B.V.", "Acme BV"),
        ("Acme S.p.A.", "Acme SpA"),
        ("Acme S.A.R.L.", "Acme SARL"),
    ],
)
def test_a_dotted_legal_form_is_the_same_legal_form(dotted: str, plain: str) -> None:
    assert name_key(dotted, "FR") == name_key(plain, "FR")


def test_an_underscore_is_punctuation_like_any_other() -> None:
    assert name_key("Acme_Sons", "US") == name_key("Acme Sons", "US")
    assert name_key("Acme_Inc", "US") == name_key("Acme Inc", "US")


# Latin letters a rep might type either case of (the Turkish dotless i, U+0131, whose upper
# case is the ASCII I, is a different letter, so it is left out).
WORD = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzäöüßéèêàçñøæå0123456789", min_size=1, max_size=12
)
LEGAL = st.sampled_from(["", "Inc", "Inc.", "Ltd", "GmbH", "LLC", "Corporation", "Co., Ltd."])
# No bare "." between words: between single letters it makes an abbreviation (A.B.C. is abc).
SEPARATOR = st.sampled_from(
    [" ", "  ", "\t", ", ", " - ", "-", ". ", " / ", "; ", ": ", " (", ") "]
)
EDGE = st.sampled_from(["", " ", "  ", ".", ",", "\n", "!", '"', "("])


@settings(max_examples=300)
@given(
    words=st.lists(WORD, min_size=1, max_size=5),
    legal=LEGAL,
    separators=st.lists(SEPARATOR, min_size=6, max_size=6),
    edges=st.tuples(EDGE, EDGE),
    flips=st.lists(st.booleans(), max_size=80),
    country=st.sampled_from(["US", "GB", "DE", "FR"]),
)
def test_the_name_key_is_stable_under_case_whitespace_and_punctuation_noise(
    words: list[str],
    legal: str,
    separators: list[str],
    edges: tuple[str, str],
    flips: list[bool],
    country: str,
) -> None:
    clean = " ".join([*words, legal]).strip()
    parts = [*words, legal] if legal else words
    noisy = edges[0] + parts[0]
    for separator, part in zip(separators, parts[1:], strict=False):
        noisy += separator + part
    noisy = _randomly_cased(noisy + edges[1], flips)
    assert name_key(noisy, country.lower()) == name_key(clean, country)


@given(st.text(max_size=40))
def test_normalising_a_normalised_name_changes_nothing(name: str) -> None:
    once = normalised_name(name)
    assert normalised_name(once) == once
    assert name_key(once, "US") == name_key(name, "US")
