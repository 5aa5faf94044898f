from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from oscar.apps.order import admin as oscar_admin
from oscar.apps.order.admin import *  # noqa: F401,F403

# A status changes only through checkout.lifecycle (the models refuse any other change): Django's
# admin shows it, in words, without letting anyone edit it.


@admin.display(description=_("Status"))
def status_in_words(obj) -> str:
    return obj.status_label


class LineInline(oscar_admin.LineInline):
    exclude = ("status",)
    readonly_fields = (status_in_words,)


class OrderAdmin(oscar_admin.OrderAdmin):
    exclude = ("status",)
    readonly_fields = (*oscar_admin.OrderAdmin.readonly_fields, status_in_words)
    list_display = (*oscar_admin.OrderAdmin.list_display, status_in_words)
    inlines = [LineInline]


class LineAdmin(oscar_admin.LineAdmin):
    exclude = ("status",)
    readonly_fields = (status_in_words,)


for model, model_admin in ((oscar_admin.Order, OrderAdmin), (oscar_admin.Line, LineAdmin)):
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
