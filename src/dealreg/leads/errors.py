"""What goes wrong with leads, as problems."""

from dealreg.errors import Conflict, FieldError, InvalidInput, NotFound


class LeadNotFound(NotFound):
    type = "lead-not-found"


class InvalidLead(InvalidInput):
    type, title = "invalid-lead", "The lead does not meet the vendor's rules"


class BelowThreshold(InvalidInput):
    type, title = "lead-below-threshold", "The lead's score is below the forwarding threshold"


class AcceptDeadlinePassed(Conflict):
    type, title = "lead-accept-deadline-passed", "The lead's accept deadline has passed"


def field_error(pointer: str, detail: str) -> FieldError:
    return FieldError(pointer=pointer, detail=detail)
