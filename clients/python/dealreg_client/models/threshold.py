from enum import StrEnum

class Threshold(StrEnum):
    AT_RISK = "at_risk"
    BREACHED = "breached"
    REMINDER = "reminder"

    def __str__(self) -> str:
        return str(self.value)
