from enum import StrEnum

class Assigned(StrEnum):
    ME = "me"
    NOBODY = "nobody"

    def __str__(self) -> str:
        return str(self.value)
