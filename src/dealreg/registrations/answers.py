"""Checking answers to a program's extra questions, at submission and when the partner answers
again (approvals/service.py)."""

import math
import uuid
from datetime import date
from typing import Any

from dealreg.errors import FieldError
from dealreg.errors import field_error as coded_error
from dealreg.fields import NO_NUL
from dealreg.orgs.programs import ExtraField
from dealreg.registrations.schemas import Answer

MAX_ANSWER_LENGTH = 2000


def field_error(
    code: str, pointer: str, detail: str, vendor_id: uuid.UUID | None = None, **params: Any
) -> FieldError:
    """A deal's field error: its code, where, what the vendor's rule says, the limits."""
    return coded_error(code, pointer=pointer, detail=detail, vendor_id=vendor_id, **params)


def _is_iso_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _check_answer(
    field: ExtraField, value: Answer, pointer: str, vendor_id: uuid.UUID
) -> FieldError | None:
    def wrong(code: str, takes: str, **params: Any) -> FieldError:
        return field_error(code, pointer, f"'{field.label}' takes {takes}", vendor_id, **params)

    match field.type:
        case "text":
            if not isinstance(value, str):
                return wrong("type", "non-empty text", expected=["string"])
            if not value.strip():
                return wrong("too_short", "non-empty text", min_length=1)
            if len(value) > MAX_ANSWER_LENGTH:
                return wrong(
                    "too_long",
                    f"text of at most {MAX_ANSWER_LENGTH} characters",
                    max_length=MAX_ANSWER_LENGTH,
                )
            if "\x00" in value:
                return wrong("pattern", "text without NUL characters", pattern=NO_NUL)
        case "number":
            if isinstance(value, bool) or not isinstance(value, int | float):
                return wrong("type", "a number", expected=["number"])
            if not math.isfinite(value):
                return wrong("type", "a finite number", expected=["number"])
        case "boolean":
            if not isinstance(value, bool):
                return wrong("type", "true or false", expected=["boolean"])
        case "date":
            if not isinstance(value, str) or not _is_iso_date(value):
                return wrong("format", "a date (YYYY-MM-DD)", format="date")
        case "choice":
            allowed = [choice.value for choice in field.options()]
            if value not in allowed:
                return wrong("enum", "one of: " + ", ".join(allowed), allowed=allowed)
    return None


def check_answers(
    answers: dict[str, Answer],
    fields: list[ExtraField],
    *,
    base: str,
    vendor_id: uuid.UUID,
    vendor_name: str,
    missing_at: str | None = None,
) -> list[FieldError]:
    """What is wrong with `answers` to a program's extra `fields`: unknown keys, answers of the
    wrong type, required ones missing (pointed at `base`/<key>, or at `missing_at` when the
    client sent no answers object to point into)."""
    errors: list[FieldError] = []
    known = {field.key: field for field in fields}
    for key in answers:
        if key not in known:
            errors.append(
                field_error(
                    "unknown_field", f"{base}/{key}", f"{vendor_name} asks no '{key}'", vendor_id
                )
            )
    for field in fields:
        if field.key in answers:
            problem = _check_answer(field, answers[field.key], f"{base}/{field.key}", vendor_id)
            if problem:
                errors.append(problem)
        elif field.required:
            errors.append(
                field_error(
                    "required",
                    missing_at or f"{base}/{field.key}",
                    f"{vendor_name} requires '{field.key}' ({field.label})",
                    vendor_id,
                )
            )
    return errors


def stored_answers(answers: dict[str, Answer]) -> dict[str, Answer]:
    """Answers as kept: a whole number stays one (JSON's 800 decodes to 800.0 here, see
    `Answer`, and should read back as the 800 that was sent)."""
    return {
        key: int(value)
        if isinstance(value, float) and value.is_integer() and abs(value) < 2**53
        else value
        for key, value in answers.items()
    }
