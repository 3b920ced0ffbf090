from enum import StrEnum

class CallTaskListOwnerType1(StrEnum):
    ME = "me"

    def __str__(self) -> str:
        return str(self.value)
