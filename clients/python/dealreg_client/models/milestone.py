from enum import StrEnum

class Milestone(StrEnum):
    CLOSE = "close"
    NEGOTIATION = "negotiation"
    PROPOSAL = "proposal"
    REGISTRATION = "registration"

    def __str__(self) -> str:
        return str(self.value)
