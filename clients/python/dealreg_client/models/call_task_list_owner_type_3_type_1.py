from enum import StrEnum

class CallTaskListOwnerType3Type1(StrEnum):
    ME = "me"

    def __str__(self) -> str:
        return str(self.value)
