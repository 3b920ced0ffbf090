from enum import StrEnum

class CallTaskState(StrEnum):
    CLAIMED = "claimed"
    CLOSED = "closed"
    OPEN = "open"

    def __str__(self) -> str:
        return str(self.value)
