"""Leads: vendors forward them, partners accept or reject them with a reason and report their
dispositions under SLA; metrics per partner and campaign."""
