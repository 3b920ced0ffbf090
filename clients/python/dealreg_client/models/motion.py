from enum import StrEnum

class Motion(StrEnum):
    DIGITAL = "digital"
    INSIDE_TEAM = "inside_team"
    NAMED_OWNER = "named_owner"

    def __str__(self) -> str:
        return str(self.value)
