"""Partner engagement: a vendor's rubric, partners' scored engagements, and the call tasks a
crossing of the threshold makes for the vendor's channel team."""
