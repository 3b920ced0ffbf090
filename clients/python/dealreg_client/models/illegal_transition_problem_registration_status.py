from enum import StrEnum

class IllegalTransitionProblemRegistrationStatus(StrEnum):
    APPROVED = "approved"
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    INFO_REQUESTED = "info_requested"
    IN_REVIEW = "in_review"
    LOST = "lost"
    REJECTED = "rejected"
    SUBMITTED = "submitted"
    WITHDRAWN = "withdrawn"
    WON = "won"

    def __str__(self) -> str:
        return str(self.value)
