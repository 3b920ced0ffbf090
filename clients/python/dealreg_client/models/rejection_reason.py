from enum import StrEnum

class RejectionReason(StrEnum):
    DUPLICATE = "duplicate"
    EXISTING_DIRECT_OPPORTUNITY = "existing_direct_opportunity"
    INSUFFICIENT_INFORMATION = "insufficient_information"
    NOT_QUALIFIED = "not_qualified"
    OTHER = "other"
    PARTNER_NOT_ELIGIBLE = "partner_not_eligible"

    def __str__(self) -> str:
        return str(self.value)
