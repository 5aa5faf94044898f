"""Bulk import of an artisan's products from a CSV file.

The file is read whole before anything is written: a file that is not a CSV we can read (encoding,
columns, quoting) is refused whole, with the line and the reason; a readable file gives one
checked row per product, each with its own errors, for the artisan to preview. The import then
writes the valid rows in a Celery task that reports its progress.

Rows are matched to existing products by their reference (the stock record's SKU) within the
shop, so importing the same file twice updates rather than duplicates.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model

from geography.text import normalize
from shops.partner.prices import MAXIMUM_PRICE, MINIMUM_PRICE, euros, price_problem

from .food import INGREDIENTS_MAX_LENGTH, NET_QUANTITY_MAX_LENGTH, STORAGE_MAX_LENGTH, Allergen, parse_allergens
from .models import ProductImport, VatRate

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
Category = get_model("catalogue", "Category")
StockRecord = get_model("partner", "StockRecord")

MAX_FILE_BYTES = 2 * 1024 * 1024
IMPORT_LEASE = datetime.timedelta(minutes=30)
MAX_ROWS = 5000
PROGRESS_EVERY = 50
DEFAULT_PRODUCT_CLASS = "Produit artisanal"

# Accepted headers (normalised), French first, then English.
COLUMNS = {
    "reference": ("reference", "ref", "sku"),
    "title": ("titre", "nom", "title", "name"),
    "price": ("prix ttc", "prix", "price"),
    "vat_rate": ("tva", "taux tva", "vat", "vat rate"),
    "stock": ("stock", "quantite", "quantity"),
    "description": ("description",),
    "category": ("categorie", "category"),
    "perishable": ("perissable", "perishable"),
    "made_to_order": ("sur commande", "made to order"),
    "lead_time_days": ("delai jours", "delai", "lead time days"),
    # Food information (EU regulation 1169/2011): shown on the product page of food products.
    "ingredients": ("ingredients",),
    "allergens": ("allergenes", "allergens"),
    "net_quantity": ("quantite nette", "poids net", "net quantity"),
    "storage_instructions": ("conservation", "storage"),
}
REQUIRED_COLUMNS = ("reference", "title", "price")
_TRUE = {"oui", "o", "yes", "y", "1", "vrai", "true", "x"}
_FALSE = {"non", "n", "no", "0", "faux", "false", ""}
_VAT_RATES = {Decimal(value) for value in VatRate.values}


class MalformedFile(Exception):
    """The file cannot be read as a product CSV; the message gives the line and the reason."""


@dataclass
class CheckedRow:
    line: int
    values: dict
    errors: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise MalformedFile(_("The file is neither UTF-8 nor Windows text: save it as “CSV UTF-8” and try again."))


def _header_map(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for position, name in enumerate(header):
        key = normalize(name).replace("_", " ")
        for column, aliases in COLUMNS.items():
            if key in aliases and column not in found:
                found[column] = position
    missing = [column for column in REQUIRED_COLUMNS if column not in found]
    if missing:
        names = ", ".join(COLUMNS[column][0] for column in missing)
        raise MalformedFile(_("Line 1: the columns %(columns)s are missing.") % {"columns": names})
    return found


def read_rows(data: bytes) -> list[dict]:
    """The file's rows as dicts (column → raw text), or MalformedFile for the whole file."""
    if len(data) > MAX_FILE_BYTES:
        raise MalformedFile(_("The file weighs more than 2 MB: split it in several files."))
    text = _decode(data)
    if "\x00" in text:
        raise MalformedFile(_("This is not a text file: export your sheet as CSV."))
    try:
        delimiter = csv.Sniffer().sniff(text[:4096], delimiters=";,\t").delimiter
    except csv.Error:
        delimiter = ";" if text.count(";") > text.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, quotechar='"', strict=True)
    try:
        header = next(reader, None)
        if not header or not any(cell.strip() for cell in header):
            raise MalformedFile(_("Line 1: the file is empty; it must start with a line of column names."))
        columns = _header_map(header)
        rows = []
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(header):
                raise MalformedFile(
                    _("Line %(line)d: %(found)d columns where the first line has %(expected)d (a separator too many?).")
                    % {"line": reader.line_num, "found": len(cells), "expected": len(header)}
                )
            rows.append({"line": reader.line_num, **{name: (cells[i].strip() if i < len(cells) else "") for name, i in columns.items()}})
            if len(rows) > MAX_ROWS:
                raise MalformedFile(_("More than %(limit)d products: split the file.") % {"limit": MAX_ROWS})
    except csv.Error as error:
        # Python's own message is English and technical: what it means for a spreadsheet user.
        raise MalformedFile(
            _("Line %(line)d: a quotation mark is not closed, or the line is badly cut.") % {"line": reader.line_num}
        ) from error
    if not rows:
        raise MalformedFile(_("The file has column names but no product."))
    return rows


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace("€", "").replace("\u00a0", "").replace(" ", "").replace(",", "."))


def _boolean(text: str, label: str, errors: list[str]) -> bool:
    value = normalize(text)
    if value in _TRUE:
        return True
    if value not in _FALSE:
        errors.append(_("%(column)s: answer oui or non, not “%(value)s”.") % {"column": label, "value": text})
    return False


def _category(text: str, categories: dict[str, object], errors: list[str]):
    if not text:
        return None
    category = categories.get(normalize(text.split(">")[-1]))
    if category is None:
        errors.append(_("Unknown category “%(category)s”.") % {"category": text})
    return category


def check_row(raw: dict, categories: dict[str, object], seen_references: set[str]) -> CheckedRow:
    errors: list[str] = []
    reference = raw.get("reference", "")
    title = raw.get("title", "")
    if not reference:
        errors.append(_("The reference is empty."))
    elif len(reference) > 128:
        errors.append(_("The reference is longer than 128 characters."))
    elif reference in seen_references:
        errors.append(_("The reference %(reference)s appears twice in the file.") % {"reference": reference})
    seen_references.add(reference)
    if not title:
        errors.append(_("The title is empty."))
    elif len(title) > 255:
        errors.append(_("The title is longer than 255 characters."))
    price = None
    try:
        price = _decimal(raw.get("price", ""))
        if not price.is_finite() or price != price.quantize(Decimal("0.01")):
            raise InvalidOperation
    except InvalidOperation:
        errors.append(_("Price “%(price)s”: give an amount in euros such as 4,50.") % {"price": raw.get("price", "")})
        price = None
    else:
        # The bounds of every price of the marketplace (the database refuses any other).
        if price_problem(price):
            errors.append(_("Price “%(price)s”: give an amount between %(minimum)s and %(maximum)s.")
                          % {"price": raw.get("price", ""), "minimum": euros(MINIMUM_PRICE), "maximum": euros(MAXIMUM_PRICE)})
            price = None
    vat_rate = Decimal("0.200")
    if raw.get("vat_rate"):
        try:
            given = _decimal(raw["vat_rate"].replace("%", ""))
            vat_rate = (given / 100 if given >= 1 else given).quantize(Decimal("0.001"))
            if vat_rate not in _VAT_RATES:
                raise InvalidOperation
        except InvalidOperation:
            errors.append(_("VAT “%(rate)s”: use 20, 10, 5,5, 2,1 or 0.") % {"rate": raw["vat_rate"]})
    stock = 0
    if raw.get("stock"):
        if raw["stock"].isascii() and raw["stock"].isdigit() and int(raw["stock"]) <= 100000:
            stock = int(raw["stock"])
        else:
            errors.append(_("Stock “%(stock)s”: give a whole number.") % {"stock": raw["stock"]})
    lead_time = 0
    if raw.get("lead_time_days"):
        if raw["lead_time_days"].isascii() and raw["lead_time_days"].isdigit() and int(raw["lead_time_days"]) <= 365:
            lead_time = int(raw["lead_time_days"])
        else:
            errors.append(_("Making time “%(days)s”: give a number of days.") % {"days": raw["lead_time_days"]})
    category = _category(raw.get("category", ""), categories, errors)
    allergens, unknown_allergens = parse_allergens(raw.get("allergens", ""))
    if unknown_allergens:
        errors.append(
            _("Allergens: “%(value)s” is not one of the 14 allergens to declare (%(allergens)s).")
            % {"value": ", ".join(unknown_allergens), "allergens": ", ".join(str(label).lower() for label in Allergen.labels)}
        )
    for column, limit, label in (("ingredients", INGREDIENTS_MAX_LENGTH, _("ingredients")),
                                 ("net_quantity", NET_QUANTITY_MAX_LENGTH, _("net quantity")),
                                 ("storage_instructions", STORAGE_MAX_LENGTH, _("storage and use-by"))):
        if len(raw.get(column, "")) > limit:
            errors.append(_("%(column)s: %(limit)d characters at most.") % {"column": capfirst(label), "limit": limit})
    values = {
        "reference": reference,
        "title": title,
        "description": raw.get("description", ""),
        "price": str(price) if price is not None else "",
        "vat_rate": str(vat_rate),
        "stock": stock,
        "category_id": category.pk if category else None,
        "category_name": category.name if category else "",
        "is_perishable": _boolean(raw.get("perishable", ""), _("perishable"), errors),
        "is_made_to_order": _boolean(raw.get("made_to_order", ""), _("made to order"), errors),
        "lead_time_days": lead_time,
        "ingredients": raw.get("ingredients", ""),
        "allergens": allergens,
        "net_quantity": raw.get("net_quantity", ""),
        "storage_instructions": raw.get("storage_instructions", ""),
    }
    return CheckedRow(line=raw["line"], values=values, errors=errors)


def categories_by_name() -> dict[str, object]:
    return {normalize(category.name): category for category in Category.objects.all()}


@transaction.atomic
def prepare_import(shop, user, uploaded_file) -> ProductImport:
    """Read and check the file; MalformedFile if it cannot be read at all."""
    data = uploaded_file.read(MAX_FILE_BYTES + 1)
    rows = read_rows(data)
    categories, seen = categories_by_name(), set()
    checked = [check_row(row, categories, seen) for row in rows]
    return ProductImport.objects.create(
        shop=shop,
        created_by=user,
        file_name=(getattr(uploaded_file, "name", "") or "import.csv")[:200],
        rows=[asdict(row) for row in checked],
        columns=sorted(set(rows[0]) - {"line"}),
        total_rows=len(checked),
        valid_rows=sum(row.is_valid for row in checked),
    )


def start_import(product_import: ProductImport) -> bool:
    """Queue the import once; False if it was already started."""
    from marketplace.outbox import enqueue_on_commit

    from .tasks import run_product_import

    started = ProductImport.objects.filter(pk=product_import.pk, status=ProductImport.Status.PREVIEW).update(
        status=ProductImport.Status.QUEUED
    )
    if started:
        enqueue_on_commit(run_product_import, product_import.pk)
    return bool(started)


def run_import(import_id: int) -> None:
    """Write the valid rows, a batch at a time, recording progress. Safe to run again.

    A run claims the import; a second delivery of the task finds it claimed and stops, unless the
    claim is older than IMPORT_LEASE (its worker died), in which case it starts over: rows are
    matched by reference, so writing them again changes nothing.
    """
    now = timezone.now()
    claimable = Q(status=ProductImport.Status.QUEUED) | Q(status=ProductImport.Status.RUNNING, started_at__lt=now - IMPORT_LEASE)
    if not ProductImport.objects.filter(claimable, pk=import_id).update(status=ProductImport.Status.RUNNING, started_at=now):
        return
    product_import = ProductImport.objects.select_related("shop__partner", "shop").get(pk=import_id)
    shop = product_import.shop
    product_class, _created = ProductClass.objects.get_or_create(
        name=DEFAULT_PRODUCT_CLASS, defaults={"requires_shipping": True, "track_stock": True}
    )
    # The catalogue's categories are named in the site's language, whoever runs the import.
    with translation.override(settings.LANGUAGE_CODE):
        default_category = create_from_breadcrumbs(str(shop.get_trade_display()))
    columns = set(product_import.columns)
    valid_rows = [row for row in product_import.rows if not row["errors"]]
    created = updated = 0
    for start in range(0, len(valid_rows), PROGRESS_EVERY):
        with transaction.atomic():
            for row in valid_rows[start : start + PROGRESS_EVERY]:
                was_created = _write_row(shop, product_class, default_category, row["values"], columns)
                created += was_created
                updated += not was_created
            ProductImport.objects.filter(pk=import_id).update(
                processed_rows=min(start + PROGRESS_EVERY, len(valid_rows)), created_count=created, updated_count=updated
            )
    ProductImport.objects.filter(pk=import_id).update(status=ProductImport.Status.DONE, finished_at=timezone.now())


def _write_row(shop, product_class, default_category, values: dict, columns: set[str]) -> bool:
    """Create or update the product with this reference; True when it was created.

    An existing product only takes the columns the file has.
    """
    stockrecord = (
        StockRecord.objects.select_for_update()
        .select_related("product")
        .filter(partner_id=shop.pk, partner_sku=values["reference"])
        .first()
    )
    is_new = stockrecord is None
    product = Product(product_class=product_class, structure=Product.STANDALONE) if is_new else stockrecord.product
    given = lambda column: is_new or column in columns  # noqa: E731
    if given("title"):
        product.title = values["title"]
        product.slug = slugify(values["title"])[:255] or "produit"
    for column, attribute in _PRODUCT_COLUMNS.items():
        # A row checked before a column existed (an import prepared before an update) lacks it.
        if given(column) and attribute in values:
            setattr(product, attribute, Decimal(values[attribute]) if attribute == "vat_rate" else values[attribute])
    product.save()
    if is_new:
        stockrecord = StockRecord(product=product, partner_id=shop.pk, partner_sku=values["reference"], price_currency="EUR")
    if given("price"):
        stockrecord.price = Decimal(values["price"])
    if given("stock"):
        stockrecord.num_in_stock = values["stock"]
    stockrecord.save()
    if is_new or values["category_id"]:
        ProductCategory.objects.get_or_create(product=product, category_id=values["category_id"] or default_category.pk)
    return is_new


# Column of the file → attribute of the product, for the optional columns.
_PRODUCT_COLUMNS = {
    "description": "description",
    "vat_rate": "vat_rate",
    "perishable": "is_perishable",
    "made_to_order": "is_made_to_order",
    "lead_time_days": "lead_time_days",
    "ingredients": "ingredients",
    "allergens": "allergens",
    "net_quantity": "net_quantity",
    "storage_instructions": "storage_instructions",
}


def error_report(product_import: ProductImport) -> tuple[list, list[list]]:
    """The lines the import skips, for the artisan to correct in their file: the line's number, its
    reference and title as read, and what is wrong (one problem per line of the cell).

    Header and rows for ``marketplace.csv_export``: a reference or a title is the artisan's own
    text, which the writer keeps from running as a formula.
    """
    header = [_("Line"), _("Reference"), _("Title"), _("Problems")]
    rows = [
        [row["line"], row["values"]["reference"], row["values"]["title"], "\n".join(row["errors"])]
        for row in product_import.rows
        if row["errors"]
    ]
    return header, rows
