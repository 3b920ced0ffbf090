"""What goes wrong with partner engagement and call tasks, as problems."""

from dealreg.errors import NotFound


class CallTaskNotFound(NotFound):
    type = "call-task-not-found"


class OfferNotFound(NotFound):
    type = "offer-not-found"
