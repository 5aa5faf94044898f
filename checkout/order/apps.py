import oscar.apps.order.apps as apps


class OrderConfig(apps.OrderConfig):
    """Forked for the shop order's fulfilment (pickup slot or delivery), pickup code, checkout group and cancellation reason."""

    name = "checkout.order"
