from enum import StrEnum

class ExtraFieldInputType(StrEnum):
    BOOLEAN = "boolean"
    CHOICE = "choice"
    DATE = "date"
    NUMBER = "number"
    TEXT = "text"

    def __str__(self) -> str:
        return str(self.value)
