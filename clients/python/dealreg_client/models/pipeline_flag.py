from enum import StrEnum

class PipelineFlag(StrEnum):
    BELOW_RISK_ADJUSTED_TARGET = "below_risk_adjusted_target"
    BELOW_TOTAL_TARGET = "below_total_target"
    NO_PLAN = "no_plan"

    def __str__(self) -> str:
        return str(self.value)
