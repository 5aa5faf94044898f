"""Who did what to an order, in Oscar's order notes (shown in its dashboard and kept for disputes)."""

from oscar.core.loading import get_model

OrderNote = get_model("order", "OrderNote")


def record_note(order, actor, message: str) -> None:
    OrderNote.objects.create(order=order, user=actor if actor and actor.is_authenticated else None,
                             note_type=OrderNote.SYSTEM, message=message)
