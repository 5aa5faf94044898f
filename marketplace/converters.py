"""Path converters of the project's own URLs: what cannot name a row is no match (a 404), never a
query the database refuses.

Django's ``<int:…>`` takes any number of digits: ``/chambre/candidatures/99999999999999999999/``
overflowed SQLite's and PostgreSQL's integers (a 500). ``<id:…>`` takes up to 18 digits, below the
largest 64-bit integer, so every id fits the columns it is compared with. ``<order_number:…>``
takes what an order number is made of (letters, digits, hyphens), so no NUL byte or 10 kB string
reaches a query.
"""

from django.urls import register_converter

ID_MAX_DIGITS = 18
ORDER_NUMBER_MAX_LENGTH = 128  # Oscar's Order.number column


class ObjectIdConverter:
    regex = f"[0-9]{{1,{ID_MAX_DIGITS}}}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))


class OrderNumberConverter:
    regex = f"[0-9A-Za-z][0-9A-Za-z-]{{0,{ORDER_NUMBER_MAX_LENGTH - 1}}}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


def register() -> None:
    """Called once, when the marketplace app is ready (before any URLconf is read)."""
    register_converter(ObjectIdConverter, "id")
    register_converter(OrderNumberConverter, "order_number")
