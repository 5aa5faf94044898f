"""The search documents: one row per searchable product and shop, flattened for fast filtering.

This table is the database engine's index and the source the Elasticsearch/OpenSearch engine copies
from, so the fallback to the database always has current data. A row exists only for what the
public may find: products on sale (public, in stock or made without stock, of an approved shop) and
approved shops. On PostgreSQL a migration adds a generated ``search_vector`` (French full-text,
accents folded) with a GIN index, and a trigram index on ``title_text`` for typos.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .query import DocumentKind


class SearchEntry(models.Model):
    kind = models.CharField(_("kind"), max_length=7, choices=DocumentKind.choices)
    object_id = models.PositiveBigIntegerField(_("object"))
    shop_id = models.PositiveBigIntegerField(_("shop"), db_index=True)
    title = models.CharField(_("title"), max_length=255)
    shop_name = models.CharField(_("shop name"), max_length=255)
    shop_slug = models.CharField(_("shop address"), max_length=80)
    url = models.CharField(_("address"), max_length=255)
    image_url = models.CharField(_("picture"), max_length=255, blank=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    # Full text, as written: PostgreSQL's French configuration and Elasticsearch's analyzers read these.
    body = models.TextField(_("description"), blank=True)
    keywords = models.TextField(_("keywords"), blank=True)
    # Lower-case, accent-free, plural-folded words with a leading space, so " word" finds word starts
    # (the SQLite matching); title_text is the same for the title alone (ranking, typos, suggestions).
    search_text = models.TextField(_("search text"), blank=True)
    title_text = models.CharField(_("title search text"), max_length=600, blank=True)
    trade = models.CharField(_("trade"), max_length=40)
    category_id = models.PositiveBigIntegerField(_("category"), null=True, blank=True)
    category_name = models.CharField(_("category name"), max_length=255, blank=True)
    department_code = models.CharField(_("department"), max_length=3)
    commune_name = models.CharField(_("commune"), max_length=100, blank=True)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    price = models.DecimalField(_("price"), max_digits=12, decimal_places=2, null=True, blank=True)
    # Ready now: in stock (or not stock-tracked) and needing no making time.
    in_stock = models.BooleanField(_("available now"), default=True)
    pickup = models.BooleanField(_("click-and-collect"), default=False)
    delivery = models.BooleanField(_("local delivery"), default=False)
    on_vacation = models.BooleanField(_("on vacation"), default=False)
    # "|slug|slug|": one LIKE per label on any database, no join.
    labels = models.CharField(_("labels"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"))
    indexed_at = models.DateTimeField(_("indexed"), auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique_object")]
        indexes = [
            models.Index(fields=["kind", "latitude", "longitude"], name="search_entry_position"),
            models.Index(fields=["kind", "-created_at"], name="search_entry_newest"),
            models.Index(fields=["kind", "price"], name="search_entry_price"),
            models.Index(fields=["kind", "trade"], name="search_entry_trade"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"

    @property
    def label_slugs(self) -> tuple[str, ...]:
        return tuple(slug for slug in self.labels.split("|") if slug)
