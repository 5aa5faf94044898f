"""Payments: paid on pickup or delivery now; Stripe Connect payouts come with the payments issue."""
