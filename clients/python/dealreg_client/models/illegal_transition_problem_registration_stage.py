from enum import StrEnum

class IllegalTransitionProblemRegistrationStage(StrEnum):
    CLOSED_LOST = "closed_lost"
    CLOSED_WON = "closed_won"
    NEGOTIATION = "negotiation"
    PROPOSAL = "proposal"
    QUALIFIED = "qualified"

    def __str__(self) -> str:
        return str(self.value)
