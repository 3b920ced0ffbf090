from enum import StrEnum

class ExtensionDecisionDecision(StrEnum):
    GRANT = "grant"
    REFUSE = "refuse"

    def __str__(self) -> str:
        return str(self.value)
