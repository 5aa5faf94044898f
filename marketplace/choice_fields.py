"""Form fields choosing rows by id that judge the id before asking the database.

Django's ModelChoiceField looks a submitted value up as it comes: ``shop=99999999999999999999``
overflowed SQLite's integers (a 500) where the chooser should have said "not one of the choices".
These fields refuse, as an invalid choice, any value that is not an id of at most 18 digits (the
bound of the URLs' ``<id:…>``), then look it up as Django does.
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError

from .converters import ID_MAX_DIGITS

_ID = re.compile(rf"[0-9]{{1,{ID_MAX_DIGITS}}}")


def is_id(value) -> bool:
    """Whether a submitted value can be a row's id (what the database can be asked about)."""
    return isinstance(value, int) or bool(_ID.fullmatch(str(value).strip()))


class IdChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not isinstance(value, self.queryset.model) and not is_id(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                  params={"value": str(value)[:40]})
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for pk in value or ():
            if not isinstance(pk, self.queryset.model) and not is_id(pk):
                raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                      params={"pk": str(pk)[:40]})
        return super()._check_values(value)
