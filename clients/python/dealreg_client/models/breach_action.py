from enum import StrEnum

class BreachAction(StrEnum):
    AUTO_APPROVE = "auto_approve"
    ESCALATE = "escalate"
    NONE = "none"

    def __str__(self) -> str:
        return str(self.value)
