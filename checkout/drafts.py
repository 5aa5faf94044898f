"""A checkout in progress, kept in the session for its basket: the customer's choices and address.

Saved at every submission (valid or not) and as the customer types (checkout.js posts the form to
the draft view), loaded as the checkout form's initial values. Only the form's own fields are kept,
as typed (nothing is trusted from it: the form checks it all again when it is submitted), and only
for the basket being checked out; the acceptance of the terms is never kept.
"""

from __future__ import annotations

SESSION_KEY = "checkout-draft"
NOT_KEPT = {"terms"}
LONGEST_VALUE = 200


def save(request, form) -> None:
    """Keep the values ``form`` was submitted with, for the request's basket."""
    values = {
        name: str(form.data.get(name, ""))[:LONGEST_VALUE]
        for name in form.fields
        if name not in NOT_KEPT and name in form.data
    }
    request.session[SESSION_KEY] = {"basket": request.basket.pk, "values": values}


def load(request) -> dict:
    """The values kept for the request's basket, or none."""
    draft = request.session.get(SESSION_KEY)
    if not isinstance(draft, dict) or draft.get("basket") != request.basket.pk or not isinstance(draft.get("values"), dict):
        return {}
    return draft["values"]
