"""Bring the message catalogue up to date with the code: extract, update, compile.

    python tools/catalogue.py           # then translate what is new in ro's .po, and run it again
    python tools/catalogue.py --check   # fails when the catalogue is stale (tests/test_i18n.py)

The messages are the text marked with `N_`/`Np_` in src/dealreg (Babel's extractor) and every
problem's title (each `DealRegError` subclass's, found by loading the app: titles are class
attributes, not calls an extractor sees). Each language's .po is updated from them (no file
locations, so moving code does not change it) and compiled to the committed .mo beside it.
"""

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "dealreg"
KEYWORDS = {"N_": None, "Np_": (1, 2)}


def _titles() -> set[str]:
    sys.path.insert(0, str(ROOT / "src"))
    import dealreg.app  # noqa: F401 - loads every module that declares a problem
    from dealreg.errors import DealRegError

    titles, pending = set(), [DealRegError]
    while pending:
        cls = pending.pop()
        titles.add(cls.title)
        pending.extend(cls.__subclasses__())
    return titles


def template() -> Catalog:
    """Every message the code shows, as a catalogue without translations."""
    catalog = Catalog(domain="messages", project="dealreg", fuzzy=False)
    for _, _, message, comments, context in extract_from_dir(
        SOURCE, method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        catalog.add(message, auto_comments=comments, context=context)
    for title in _titles():
        if title not in catalog:
            catalog.add(title)
    return catalog


def _po_path(language: str) -> Path:
    return SOURCE / "locale" / language / "LC_MESSAGES" / "messages.po"


def updated(language: str, source: Catalog) -> tuple[Catalog, bytes, bytes]:
    """`language`'s catalogue updated from `source`, with its .po and .mo files' bytes."""
    with _po_path(language).open("rb") as file:
        catalog = read_po(file, locale=language)
    source.creation_date = catalog.creation_date  # a header field the update would set to now
    catalog.update(source, no_fuzzy_matching=True, update_header_comment=False)
    po, mo = io.BytesIO(), io.BytesIO()
    write_po(
        po,
        catalog,
        width=100,
        no_location=True,
        omit_header=False,
        ignore_obsolete=True,
        sort_output=True,
    )
    write_mo(mo, catalog)
    return catalog, po.getvalue(), mo.getvalue()


def problems(language: str, catalog: Catalog, po: bytes, mo: bytes) -> list[str]:
    """What is wrong with `language`'s committed catalogue, given what it should be."""
    found = []
    path = _po_path(language)
    if path.read_bytes() != po:
        found.append(f"{path.relative_to(ROOT)} is not up to date with the code")
    if path.with_suffix(".mo").read_bytes() != mo:
        found.append(f"{path.with_suffix('.mo').relative_to(ROOT)} is not compiled from its .po")
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            found.append(f"{language}: no translation of {message.id!r}")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; fail when stale")
    args = parser.parse_args()
    source = template()
    found: list[str] = []
    for language in ("ro",):
        catalog, po, mo = updated(language, source)
        if args.check:
            found += problems(language, catalog, po, mo)
        else:
            _po_path(language).write_bytes(po)
            _po_path(language).with_suffix(".mo").write_bytes(mo)
            found += problems(language, catalog, po, mo)
    if found:
        sys.exit("\n".join(found))


if __name__ == "__main__":
    main()
