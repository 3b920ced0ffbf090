"""Approval SLAs: per-vendor policies, business-time clocks (working hours, weekends, holidays,
time zones), thresholds swept by background jobs, breach records and breach reports."""
