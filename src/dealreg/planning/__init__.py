"""Partner plans: a vendor's fiscal calendar and pipeline indexes, each partner's plan per fiscal
quarter, and the pipeline-to-plan report (issue #24)."""
