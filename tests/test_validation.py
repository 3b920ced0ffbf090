"""validation.py: every way a body misses its schema, coded, at once."""

import uuid
from datetime import date
from typing import Annotated, Literal

import msgspec

from dealreg.fields import Instant
from dealreg.validation import MAX_ISSUES, Issue, body_issues


class Line(msgspec.Struct, forbid_unknown_fields=True):
    sku: Annotated[str, msgspec.Meta(max_length=8)]
    quantity: Annotated[int, msgspec.Meta(gt=0, le=100)]


class Body(msgspec.Struct, forbid_unknown_fields=True):
    lines: Annotated[list[Line], msgspec.Meta(min_length=1)]
    kind: Literal["a", "b"]
    day: date
    owner: uuid.UUID | None = None
    note: Annotated[str, msgspec.Meta(pattern="^[a-z]*$")] | None = None


class Timed(msgspec.Struct):
    at: Instant


def test_every_issue_is_found_in_one_pass() -> None:
    body = {
        "lines": [{"sku": "TOO-LONG-SKU", "quantity": 0}, {"quantity": 101, "colour": "red"}],
        "kind": "c",
        "day": "2026-02-30",
        "owner": "nobody",
        "note": "UPPER",
        "extra": 1,
    }
    assert sorted(body_issues(Body, body), key=lambda issue: issue.pointer) == [
        Issue("/day", "format", {"format": "date"}),
        Issue("/extra", "unknown_field", {}),
        Issue("/kind", "enum", {"allowed": ["a", "b"]}),
        Issue("/lines/0/quantity", "minimum", {"exclusive_minimum": 0}),
        Issue("/lines/0/sku", "too_long", {"max_length": 8}),
        Issue("/lines/1/colour", "unknown_field", {}),
        Issue("/lines/1/quantity", "maximum", {"maximum": 100}),
        Issue("/lines/1/sku", "required", {}),
        Issue("/note", "pattern", {"pattern": "^[a-z]*$"}),
        Issue("/owner", "format", {"format": "uuid"}),
    ]


def test_a_value_of_no_alternatives_type_names_them_all() -> None:
    body = {"lines": [{"sku": "A", "quantity": 1}], "kind": "a", "day": "2026-01-01", "owner": 7}
    assert body_issues(Body, body) == [Issue("/owner", "type", {"expected": ["null", "string"]})]


def test_a_valid_body_has_no_issues() -> None:
    body = {"lines": [{"sku": "A", "quantity": 1}], "kind": "b", "day": "2026-01-01"}
    assert body_issues(Body, body) == []


def test_issues_stop_at_the_cap() -> None:
    body = {f"x{i}": i for i in range(MAX_ISSUES * 2)}
    assert len(body_issues(Body, body)) == MAX_ISSUES


def test_a_rule_no_schema_says_is_left_to_msgspec() -> None:
    # An instant without an offset is a date-time to JSON Schema; msgspec refuses it.
    assert body_issues(Timed, {"at": "2026-05-04T09:30:00"}) == []
    assert body_issues(Timed, {"at": "yesterday"}) == [
        Issue("/at", "format", {"format": "date-time"})
    ]


def test_a_pointer_escapes_slash_and_tilde() -> None:
    assert body_issues(Line, {"sku": "A", "quantity": 1, "a/b~c": 1}) == [
        Issue("/a~1b~0c", "unknown_field", {})
    ]
