from dealreg.errors import Conflict, DealRegError, InvalidInput


class IdempotencyKeyInUse(Conflict):
    type, title = "idempotency-key-in-use", "Request in progress"

    def __init__(self) -> None:
        super().__init__(
            "A request with this Idempotency-Key is still being processed; retry shortly.",
            headers={"Retry-After": "1"},
        )


class IdempotencyKeyReused(InvalidInput):
    type, title = "idempotency-key-reused", "Idempotency-Key reused"


class InvalidIdempotencyKey(DealRegError):
    status, type, title = 400, "invalid-idempotency-key", "Invalid Idempotency-Key"
