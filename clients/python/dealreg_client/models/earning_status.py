from enum import StrEnum

class EarningStatus(StrEnum):
    APPROVED = "approved"
    IN_PAYOUT = "in_payout"
    PAID = "paid"
    REVERSED = "reversed"

    def __str__(self) -> str:
        return str(self.value)
