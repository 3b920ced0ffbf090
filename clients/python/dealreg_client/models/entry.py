from enum import StrEnum

class Entry(StrEnum):
    EARNING = "earning"
    REVERSAL = "reversal"

    def __str__(self) -> str:
        return str(self.value)
