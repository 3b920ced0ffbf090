from enum import StrEnum

class SlaGroupBy(StrEnum):
    APPROVER = "approver"
    ASSIGNEE = "assignee"
    PARTNER = "partner"
    PROGRAM = "program"
    VENDOR = "vendor"
    WEEK = "week"

    def __str__(self) -> str:
        return str(self.value)
