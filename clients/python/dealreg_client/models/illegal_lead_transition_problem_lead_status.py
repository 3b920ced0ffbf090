from enum import StrEnum

class IllegalLeadTransitionProblemLeadStatus(StrEnum):
    ACCEPTED = "accepted"
    DRAFT = "draft"
    FORWARDED = "forwarded"
    LOST = "lost"
    NO_DECISION = "no_decision"
    RECALLED = "recalled"
    REJECTED = "rejected"
    WON = "won"

    def __str__(self) -> str:
        return str(self.value)
