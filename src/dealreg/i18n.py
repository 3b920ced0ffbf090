"""The languages dealreg's answers speak: English, the source language, and Romanian.

Messages live in a gettext catalogue (src/dealreg/locale/<lang>/LC_MESSAGES/messages.po, compiled
to the .mo beside it and committed, so an install from a fresh clone has them). The English source
text is the message id; `N_` and `Np_` mark text for extraction where it is declared, and it is
translated where it is shown, in the language the request asked for (`negotiate`).
`python tools/catalogue.py` extracts, updates and compiles the catalogue; tests/test_i18n.py fails
when it is stale or a translation is missing.
"""

from functools import cache
from pathlib import Path
from typing import Any

from babel.core import negotiate_locale
from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"
DEFAULT_LANGUAGE = "en"
LANGUAGES = ("en", "ro")


def N_(message: str) -> str:
    """Mark `message` for the catalogue; it is translated where it is shown."""
    return message


def Np_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a message with a plural form for the catalogue (translated by `ngettext`)."""
    return singular, plural


@cache
def translations(language: str) -> NullTranslations:
    """The compiled catalogue of `language` (English, the source language, needs none)."""
    if language == DEFAULT_LANGUAGE:
        return NullTranslations()
    return Translations.load(str(LOCALE_DIR), [language], DOMAIN)


def negotiate(accept_language: str | None) -> str:
    """The language to answer in for an Accept-Language header (RFC 9110 §12.5.4): the shipped one
    the client weighs highest; English when none is acceptable or the header is absent."""
    ranges: list[tuple[float, int, str]] = []
    for index, item in enumerate((accept_language or "").split(",")):
        tag, _, params = item.strip().partition(";")
        weight = 1.0
        name, _, value = params.strip().partition("=")
        if name.strip().lower() == "q":
            try:
                weight = float(value)
            except ValueError:
                continue
        if tag and weight > 0:
            # Highest weight first; among equal weights, the order the client gave.
            ranges.append((-weight, index, tag.strip().lower().replace("-", "_")))
    preferred = [tag for _, _, tag in sorted(ranges)]
    return negotiate_locale(preferred, LANGUAGES) or DEFAULT_LANGUAGE


def gettext(language: str, message: str, **params: Any) -> str:
    """`message` in `language`, its `%(name)s` placeholders filled from `params`."""
    text = translations(language).gettext(message)
    return text % params if params else text


def ngettext(language: str, forms: tuple[str, str], count: int, **params: Any) -> str:
    """The plural form of `forms` for `count` in `language`, placeholders filled from `params`
    (which always include `count`)."""
    text = translations(language).ngettext(forms[0], forms[1], count)
    return text % {"count": count, **params}
