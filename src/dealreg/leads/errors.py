"""What goes wrong with leads, as problems."""

from typing import Any

from dealreg.errors import Conflict, FieldError, InvalidInput, NotFound
from dealreg.errors import field_error as coded_error


class LeadNotFound(NotFound):
    type = "lead-not-found"


class InvalidLead(InvalidInput):
    type, title = "invalid-lead", "The lead does not meet the vendor's rules"


class BelowThreshold(InvalidInput):
    type, title = "lead-below-threshold", "The lead's score is below the forwarding threshold"


class AcceptDeadlinePassed(Conflict):
    type, title = "lead-accept-deadline-passed", "The lead's accept deadline has passed"


def field_error(code: str, pointer: str, detail: str, **params: Any) -> FieldError:
    return coded_error(code, pointer=pointer, detail=detail, **params)
