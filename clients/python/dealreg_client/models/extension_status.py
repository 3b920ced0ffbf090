from enum import StrEnum

class ExtensionStatus(StrEnum):
    GRANTED = "granted"
    PENDING = "pending"
    REFUSED = "refused"

    def __str__(self) -> str:
        return str(self.value)
