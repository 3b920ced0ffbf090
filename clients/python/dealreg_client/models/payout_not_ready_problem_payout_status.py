from enum import StrEnum

class PayoutNotReadyProblemPayoutStatus(StrEnum):
    BUILDING = "building"
    PAID = "paid"
    READY = "ready"

    def __str__(self) -> str:
        return str(self.value)
