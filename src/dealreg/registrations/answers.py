"""Checking answers to a program's extra questions, at submission and when the partner answers
again (approvals/service.py)."""

import math
import uuid
from datetime import date

from dealreg.errors import FieldError
from dealreg.orgs.service import ExtraField
from dealreg.registrations.schemas import Answer

MAX_ANSWER_LENGTH = 2000


def field_error(pointer: str, detail: str, vendor_id: uuid.UUID | None = None) -> FieldError:
    return FieldError(pointer=pointer, detail=detail, vendor_id=vendor_id)


def _is_iso_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _check_answer(
    field: ExtraField, value: Answer, pointer: str, vendor_id: uuid.UUID
) -> FieldError | None:
    def wrong(expected: str) -> FieldError:
        return field_error(pointer, f"'{field.label}' takes {expected}", vendor_id)

    match field.type:
        case "text":
            if not isinstance(value, str) or not value.strip():
                return wrong("non-empty text")
            if len(value) > MAX_ANSWER_LENGTH or "\x00" in value:
                return wrong(f"text of at most {MAX_ANSWER_LENGTH} characters")
        case "number":
            if isinstance(value, bool) or not isinstance(value, int | float):
                return wrong("a number")
            if not math.isfinite(value):
                return wrong("a finite number")
        case "boolean":
            if not isinstance(value, bool):
                return wrong("true or false")
        case "date":
            if not isinstance(value, str) or not _is_iso_date(value):
                return wrong("a date (YYYY-MM-DD)")
        case "choice":
            if value not in (field.choices or []):
                return wrong("one of: " + ", ".join(field.choices or []))
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
    errors = []
    known = {field.key: field for field in fields}
    for key in answers:
        if key not in known:
            errors.append(field_error(f"{base}/{key}", f"{vendor_name} asks no '{key}'", vendor_id))
    for field in fields:
        if field.key in answers:
            problem = _check_answer(field, answers[field.key], f"{base}/{field.key}", vendor_id)
            if problem:
                errors.append(problem)
        elif field.required:
            errors.append(
                field_error(
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
