"""Buying across shops: one basket, one order per shop, each with its own fulfilment and lifecycle."""
