from enum import StrEnum

class PlanStatus(StrEnum):
    ACCEPTED = "accepted"
    PROPOSED = "proposed"

    def __str__(self) -> str:
        return str(self.value)
