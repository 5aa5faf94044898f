"""Seed a demo marketplace for Provence-Alpes-Côte d'Azur.

Everything is derived from the shop's index with seeded random generators, so a re-run computes
the same plan, finds what exists by its demo code and creates only what is missing. Rows are
inserted in bulk, which lets benchmarks seed 1,000 shops and 100,000 products in a few minutes;
pictures are drawn once per catalogue item and shared by every product that sells it.
"""

from __future__ import annotations

import datetime
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.sites.models import Site
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model

from catalogue.renditions import make_renditions
from marketplace.french import french_contractions
from geography.models import Commune
from shops.listing import list_shops_that_can_sell
from shops.models import (
    ClickAndCollectOption,
    LegalForm,
    LocalDeliveryOption,
    OpeningPeriod,
    Shop,
    ShopStatus,
    VatRegime,
)
from shops.richtext import story_html
from shops.roles import ARTISAN_GROUP, CHAMBER_GROUP, artisan_group, chamber_group
from shops.validators import french_vat_number, luhn_is_valid
from themes.registry import THEMES

from .catalog import FIRST_NAMES, SURNAMES, TRADES, DemoProduct, DemoTrade
from .food import demo_food
from .images import draw_product_picture
from search import indexing as search_indexing
from shops.trades import Trade

THEME_CODES = tuple(THEMES)

Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
User = get_user_model()

PACA_DEPARTMENTS = ("04", "05", "06", "13", "83", "84")
CITY_ROWS_WITH_ARRONDISSEMENTS = ("13055", "69123", "75056")
DEMO_PASSWORD = "echoppe-demo"
DEMO_EMAIL_DOMAIN = "echoppe.demo"
CHAMBER_EMAIL = f"chambre@{DEMO_EMAIL_DOMAIN}"
CONSUMER_EMAIL = f"client@{DEMO_EMAIL_DOMAIN}"
PARTNER_CODE_PREFIX = "demo-"
PRODUCT_CLASS_NAME = "Produit artisanal"
IMAGE_FOLDER = "images/products/demo"
BATCH_SIZE = 2000
# One shop in thirty waits for the chamber's approval, so the review queue is never empty.
PENDING_EVERY = 30
# The first shops sit in chosen towns so that the demo's walk-through (around Gap, 05000) has
# neighbours at known distances; the rest are spread by population over the six departments.
ANCHORS: tuple[tuple[str, str], ...] = (
    ("miellerie", "05061"),  # Gap
    ("boulangerie", "05061"),  # Gap
    ("fromagerie", "05017"),  # La Bâtie-Neuve, about 10 km from Gap
    ("miellerie", "04209"),  # Sisteron, about 40 km from Gap
    ("savonnerie", "13206"),  # Marseille 6e
    ("poterie-ceramique", "04135"),  # Moustiers-Sainte-Marie
    ("verrerie", "06018"),  # Biot
    ("moulin-a-huile", "84003"),  # Apt
    ("santonnier", "13005"),  # Aubagne
    ("coutellerie", "83007"),  # Aups
    ("chocolaterie", "06088"),  # Nice
    ("brasserie-artisanale", "05023"),  # Briançon
)
_SIZE_VARIANTS = ("", " (grand format)", " (petit format)", " (coffret)", " (édition limitée)")
_VARIANT_PRICE_FACTORS = (Decimal("1"), Decimal("1.6"), Decimal("0.6"), Decimal("2.4"), Decimal("1.3"))


@dataclass(frozen=True)
class ShopPlan:
    index: int
    trade: DemoTrade
    commune: Commune
    name: str
    slug: str
    tagline: str
    story: str
    owner_first_name: str
    owner_last_name: str
    status: str

    @property
    def partner_code(self) -> str:
        return f"{PARTNER_CODE_PREFIX}{self.index:05d}"

    @property
    def owner_email(self) -> str:
        return f"artisan{self.index + 1}@{DEMO_EMAIL_DOMAIN}"


@dataclass
class SeedReport:
    shops_created: int = 0
    shops_total: int = 0
    products_created: int = 0
    products_total: int = 0
    images_drawn: int = 0
    logins: list[tuple[str, str, str]] = field(default_factory=list)


Progress = Callable[[str], None]


def _quiet(message: str) -> None:
    pass


def seed_demo(shop_count: int, products_per_shop: int, progress: Progress = _quiet) -> SeedReport:
    if shop_count < 1 or products_per_shop < 0:
        raise ValueError("The demo needs at least one shop and a non-negative number of products.")
    communes = _candidate_communes()
    if not communes:
        raise RuntimeError("No communes in the database: run `manage.py import_communes` first.")
    report = SeedReport()
    plans = plan_shops(shop_count, communes)
    # The search index is rebuilt once at the end rather than refreshed per product.
    with search_indexing.paused(), transaction.atomic():
        _configure_site()
        groups = _ensure_groups()
        report.logins = _ensure_staff_and_consumer(groups)
        report.shops_created = _create_missing_shops(plans, groups[ARTISAN_GROUP], progress)
        report.shops_total = Shop.objects.filter(partner__code__startswith=PARTNER_CODE_PREFIX).count()
        report.images_drawn, report.products_created = _create_missing_products(plans, products_per_shop, progress)
        report.products_total = Product.objects.filter(upc__startswith="DEMO").count()
        # Bulk inserts send no signals: the approved demo shops are listed by the same rule as any shop.
        list_shops_that_can_sell(Shop.objects.filter(partner__code__startswith=PARTNER_CODE_PREFIX).values_list("pk", flat=True))
        _ensure_chamber_curation()
        _ensure_gift_vouchers()
        report.logins += _ensure_collection_points(groups)
    if connection.vendor == "postgresql":
        # Statistics for the rows just bulk-inserted: without them the planner takes the tables for
        # empty ones and some pages take minutes until autovacuum passes.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    progress("Building the search index…")
    search_indexing.rebuild()
    report.logins += [(f"Artisan — {plan.name}", plan.owner_email, DEMO_PASSWORD) for plan in plans[:3]]
    return report


# --- Planning -------------------------------------------------------------------------------------


def _candidate_communes() -> dict[str, list[Commune]]:
    """PACA communes by department, without the city rows that their arrondissements repeat."""
    by_department: dict[str, list[Commune]] = {code: [] for code in PACA_DEPARTMENTS}
    communes = (
        Commune.objects.filter(department_code__in=PACA_DEPARTMENTS)
        .exclude(insee_code__in=CITY_ROWS_WITH_ARRONDISSEMENTS)
        .order_by("insee_code")
    )
    for commune in communes:
        by_department[commune.department_code].append(commune)
    return {code: communes for code, communes in by_department.items() if communes}


def _weighted_commune(rng: random.Random, communes: list[Commune]) -> Commune:
    # Square-root weights: artisans cluster in towns, but villages get their share too.
    weights = [math.sqrt(max(commune.population, 50)) for commune in communes]
    return rng.choices(communes, weights=weights, k=1)[0]


def plan_shops(shop_count: int, communes_by_department: dict[str, list[Commune]]) -> list[ShopPlan]:
    communes_by_code = {c.insee_code: c for communes in communes_by_department.values() for c in communes}
    trades_by_code = {trade.code: trade for trade in TRADES}
    departments = [code for code in PACA_DEPARTMENTS if code in communes_by_department]
    used_slugs: set[str] = set()
    plans = []
    for index in range(shop_count):
        rng = random.Random(f"echoppe-shop-{index}")
        anchor = ANCHORS[index] if index < len(ANCHORS) else None
        if anchor and anchor[1] in communes_by_code:
            trade, commune = trades_by_code[anchor[0]], communes_by_code[anchor[1]]
        else:
            trade = TRADES[index % len(TRADES)]
            commune = _weighted_commune(rng, communes_by_department[departments[index % len(departments)]])
        first_name, surname = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        place_name = commune.name.split(" ")[0] if commune.is_arrondissement else commune.name
        values = {"first_name": first_name, "surname": surname, "commune": place_name}
        name = french_contractions(rng.choice(trade.shop_name_patterns).format(**values))[:120]
        plans.append(
            ShopPlan(
                index=index,
                trade=trade,
                commune=commune,
                name=name,
                slug=_unique_slug(name if slugify(place_name) in slugify(name) else f"{name} {place_name}", used_slugs),
                tagline=rng.choice(trade.taglines),
                story=french_contractions(rng.choice(trade.stories).format(**values)),
                owner_first_name=first_name,
                owner_last_name=surname,
                status=ShopStatus.SUBMITTED if index % PENDING_EVERY == PENDING_EVERY - 1 else ShopStatus.APPROVED,
            )
        )
    return plans


def _unique_slug(text: str, used: set[str]) -> str:
    base = slugify(text)[:70].strip("-") or "boutique"
    slug, suffix = base, 2
    while slug in used:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    used.add(slug)
    return slug


# --- Accounts -------------------------------------------------------------------------------------


def _configure_site() -> None:
    Site.objects.update_or_create(pk=settings.SITE_ID, defaults={"domain": "127.0.0.1:8000", "name": "Échoppe"})


def _ensure_groups() -> dict[str, Group]:
    return {CHAMBER_GROUP: chamber_group(), ARTISAN_GROUP: artisan_group()}


def _ensure_user(email: str, first_name: str, last_name: str, **flags) -> User:
    user, created = User.objects.get_or_create(
        username=email, defaults={"email": email, "first_name": first_name, "last_name": last_name, **flags}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


FOOD_TRADES = {Trade.BAKERY, Trade.PASTRY, Trade.BUTCHER, Trade.CHEESE, Trade.CHOCOLATE, Trade.HONEY, Trade.BREWERY, Trade.OLIVE_OIL}
CHRISTMAS_TRADES = {Trade.SANTONS, Trade.CHOCOLATE, Trade.JEWELLERY, Trade.POTTERY, Trade.GLASS, Trade.PASTRY}

DEMO_LABELS = [
    ("Maître artisan", "maitre-artisan", "Titre décerné par la Chambre de métiers aux artisans d'expérience qui transmettent leur savoir-faire."),
    ("Artisan d'art", "artisan-d-art", "Métier de la liste officielle des métiers d'art, exercé avec un savoir-faire reconnu."),
    ("Entreprise du Patrimoine Vivant", "entreprise-du-patrimoine-vivant", "Label d'État des entreprises aux savoir-faire artisanaux rares et d'excellence."),
    ("Répar'acteur", "reparacteur", "Artisan engagé à réparer plutôt que remplacer."),
    ("Fait maison", "fait-maison", "Produits élaborés sur place à partir de produits bruts."),
]


def _ensure_chamber_curation() -> None:
    """Labels, a few granted; the current selection of featured producers; a campaign. Only what is
    missing: a demo the chamber already curated keeps its own choices."""
    from chamber.models import Campaign, Feature
    from marketplace.models import Label, LabelGrant

    labels = {slug: Label.objects.get_or_create(slug=slug, defaults={"name": name, "description": text})[0]
              for name, slug, text in DEMO_LABELS}
    shops = list(Shop.objects.filter(partner__code__startswith=PARTNER_CODE_PREFIX, status=ShopStatus.APPROVED).order_by("pk"))
    if not shops:
        return
    today = timezone.localdate()
    if not LabelGrant.objects.exists():
        food = [shop for shop in shops if shop.trade in FOOD_TRADES]
        crafts = [shop for shop in shops if shop.trade not in FOOD_TRADES]
        LabelGrant.objects.bulk_create(
            [LabelGrant(label=labels["fait-maison"], shop=shop, evidence="Visite de la chambre (démo)") for shop in food[::3]]
            + [LabelGrant(label=labels["artisan-d-art"], shop=shop, evidence="Inscription au répertoire (démo)") for shop in crafts[::3]]
            + [LabelGrant(label=labels["maitre-artisan"], shop=shop, evidence="Diplôme vérifié (démo)",
                          expires_on=today + datetime.timedelta(days=365)) for shop in shops[::7]]
        )
    if not Feature.objects.exists():
        Feature.objects.bulk_create([
            Feature(shop=shop, portrait=f"{shop.partner.name} : {shop.tagline or shop.get_trade_display()}. Un savoir-faire à découvrir.",
                    starts_on=today, ends_on=today + datetime.timedelta(days=30), position=index)
            for index, shop in enumerate(shops[:4])
        ])
    if not Campaign.objects.exists():
        campaign = Campaign.objects.create(
            title="Noël chez nos artisans", slug="noel-chez-nos-artisans", starts_on=today,
            ends_on=today + datetime.timedelta(days=45),
            text="<p>Santons, chocolats, bijoux et poteries : offrez des cadeaux faits près de chez vous.</p>",
        )
        campaign.shops.set([shop for shop in shops if shop.trade in CHRISTMAS_TRADES][:8])


def _ensure_staff_and_consumer(groups: dict[str, Group]) -> list[tuple[str, str, str]]:
    chamber = _ensure_user(CHAMBER_EMAIL, "Camille", "Chambre", is_staff=True)
    chamber.groups.add(groups[CHAMBER_GROUP])
    _ensure_user(CONSUMER_EMAIL, "Claire", "Client")
    return [
        ("Chambre des métiers (équipe)", CHAMBER_EMAIL, DEMO_PASSWORD),
        ("Client", CONSUMER_EMAIL, DEMO_PASSWORD),
    ]


GIFT_VOUCHER_SLUG = "pays-gapencais"


def _ensure_gift_vouchers() -> None:
    """The programme « Bons d'achat du Pays gapençais » (+20 %), the demo shops of the Hautes-Alpes
    taking it, and two vouchers in the demo customer's account; found again by its address on a re-run."""
    from vouchers import ledger, selling
    from vouchers.models import Participation, Programme, ProgrammeStatus, Voucher

    today = timezone.localdate()
    programme, _ = Programme.objects.get_or_create(
        slug=GIFT_VOUCHER_SLUG,
        defaults=dict(
            name="Bons d'achat du Pays gapençais", funder_name="Communauté d'agglomération Gap-Tallard-Durance",
            funder_kind="intercommunality", status=ProgrammeStatus.PUBLISHED, department_codes=["05"],
            fixed_values=["10.00", "20.00", "50.00"], bonus_percent=Decimal("20"), bonus_budget=Decimal("10000.00"),
            sale_starts_on=today - datetime.timedelta(days=7), sale_ends_on=today + datetime.timedelta(days=180),
            valid_until=today + datetime.timedelta(days=365), purchase_limit=Decimal("500.00"),
            terms=(
                "Bons d'achat valables chez les artisans participants des Hautes-Alpes, en ligne et au comptoir, "
                "jusqu'à leur date de fin. La Communauté d'agglomération Gap-Tallard-Durance ajoute 20 % à chaque bon, "
                "dans la limite de son budget. Ce qui reste sur un bon est gardé jusqu'à sa date de fin ; il n'est "
                "jamais remboursé en espèces. Un bon acheté en ligne et non utilisé peut être rétracté dans les 14 jours."
            ),
        ),
    )
    shops = Shop.objects.filter(partner__code__startswith=PARTNER_CODE_PREFIX, commune__department_code="05", status=ShopStatus.APPROVED)
    joined = set(Participation.objects.filter(programme=programme).values_list("shop_id", flat=True))
    Participation.objects.bulk_create([Participation(programme=programme, shop=shop) for shop in shops if shop.pk not in joined])
    customer = get_user_model().objects.get(email=CONSUMER_EMAIL)
    if Voucher.objects.filter(programme=programme, buyer=customer).exists() or selling.sale_refusal(programme, today):
        return
    for index, face_value in enumerate((Decimal("20.00"), Decimal("50.00")), start=1):
        voucher = selling.start_purchase(programme, customer, face_value, today=today)
        ledger.credit_purchase(voucher, payment_intent_id=f"pi_demo_voucher_{index}")


# Three shared collection points (collection/), each with its host account and served by nearby demo shops.
DEMO_COLLECTION_POINTS = [
    # slug, name, host kind, host, address, postcode, INSEE code, cold storage, capacity, hours [(weekday, opens, closes)],
    # sessions [(weekday, starts, ends, cutoff days before, cutoff, drop-off days before, drop-off)], host e-mail, department
    ("marche-de-gap", "Marché de Gap, samedi matin", "market_stall", "Stand de la chambre des métiers", "Place Jean-Marcellin",
     "05000", "05061", True, 40, [(5, (7, 0), (13, 0))], [(5, (9, 0), (12, 0), 2, (20, 0), 0, (8, 30))], "hote-gap@echoppe.demo", "05"),
    ("chambre-marseille", "Chambre des métiers, Marseille", "chamber_office", "Accueil de la chambre", "5 boulevard Pèbre",
     "13008", "13208", True, 30, [(day, (9, 0), (18, 30)) for day in range(0, 5)],
     [(2, (16, 0), (18, 30), 1, (18, 0), 0, (14, 0)), (4, (16, 0), (18, 30), 1, (18, 0), 0, (14, 0))], "hote-marseille@echoppe.demo", "13"),
    ("office-tourisme-aix", "Office de tourisme d'Aix-en-Provence", "tourist_office", "Office de tourisme", "300 avenue Giuseppe Verdi",
     "13100", "13001", False, 25, [(day, (9, 0), (18, 0)) for day in range(0, 6)], [(5, (10, 0), (13, 0), 2, (18, 0), 0, (9, 30))],
     "hote-aix@echoppe.demo", "13"),
]
SHOPS_PER_COLLECTION_POINT = 5


def _ensure_collection_points(groups) -> list[tuple[str, str, str]]:
    """The demo's collection points with their hours, sessions, hosts and serving shops; found again by
    their addresses on a re-run (only what is missing is added)."""
    from collection.models import CollectionPoint, CollectionSession, PointHost, PointOpeningPeriod, ShopSession

    logins = []
    for (slug, name, kind, host_name, address, postcode, insee, cold, capacity, hours, sessions, host_email, department) in DEMO_COLLECTION_POINTS:
        commune = Commune.objects.filter(insee_code=insee).first()
        if commune is None:
            continue
        point, created = CollectionPoint.objects.get_or_create(slug=slug, defaults=dict(
            name=name, host_kind=kind, host_name=host_name, address_line=address, postcode=postcode, commune=commune,
            latitude=commune.latitude, longitude=commune.longitude, has_cold_storage=cold, capacity_per_window=capacity,
            instructions="Donnez votre code de retrait à l'accueil : toutes vos commandes vous sont remises ensemble.",
            contact_email=host_email,
        ))
        if created:
            PointOpeningPeriod.objects.bulk_create([
                PointOpeningPeriod(point=point, weekday=day, opens_at=datetime.time(*opens), closes_at=datetime.time(*closes)) for day, opens, closes in hours
            ])
            for day, starts, ends, cutoff_days, cutoff, dropoff_days, dropoff in sessions:
                CollectionSession.objects.create(
                    point=point, weekday=day, starts_at=datetime.time(*starts), ends_at=datetime.time(*ends), cutoff_days_before=cutoff_days,
                    cutoff_time=datetime.time(*cutoff), dropoff_days_before=dropoff_days, dropoff_time=datetime.time(*dropoff),
                )
        host = _ensure_user(host_email, "Hôte", name.split(",")[0])
        if not PointHost.objects.filter(user=host).exists():
            PointHost.objects.create(point=point, user=host)
        logins.append((f"Hôte — {name}", host_email, DEMO_PASSWORD))
        shops = list(Shop.objects.filter(partner__code__startswith=PARTNER_CODE_PREFIX, commune__department_code=department,
                                         status=ShopStatus.APPROVED).order_by("pk")[:SHOPS_PER_COLLECTION_POINT])
        served = set(ShopSession.objects.filter(session__point=point).values_list("shop_id", "session_id"))
        ShopSession.objects.bulk_create([
            ShopSession(shop=shop, session=session) for session in point.sessions.all() for shop in shops if (shop.pk, session.pk) not in served
        ])
    return logins


# --- Shops ----------------------------------------------------------------------------------------


def _create_missing_shops(plans: list[ShopPlan], artisan_group: Group, progress: Progress) -> int:
    existing_codes = set(
        Partner.objects.filter(code__startswith=PARTNER_CODE_PREFIX).values_list("code", flat=True)
    )
    missing = [plan for plan in plans if plan.partner_code not in existing_codes]
    if not missing:
        return 0
    progress(f"Creating {len(missing)} shops and their artisans…")
    password = make_password(DEMO_PASSWORD)
    emails = [plan.owner_email for plan in missing]
    existing_users = set(User.objects.filter(username__in=emails).values_list("username", flat=True))
    User.objects.bulk_create(
        [
            User(username=plan.owner_email, email=plan.owner_email, password=password,
                 first_name=plan.owner_first_name, last_name=plan.owner_last_name)
            for plan in missing
            if plan.owner_email not in existing_users
        ],
        batch_size=BATCH_SIZE,
    )
    user_ids = dict(User.objects.filter(username__in=emails).values_list("username", "id"))
    Partner.objects.bulk_create(
        [Partner(code=plan.partner_code, name=plan.name) for plan in missing], batch_size=BATCH_SIZE
    )
    partner_ids = dict(
        Partner.objects.filter(code__in=[plan.partner_code for plan in missing]).values_list("code", "id")
    )
    Partner.users.through.objects.bulk_create(
        [Partner.users.through(partner_id=partner_ids[p.partner_code], user_id=user_ids[p.owner_email]) for p in missing],
        batch_size=BATCH_SIZE,
        ignore_conflicts=True,
    )
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=user_ids[p.owner_email], group_id=artisan_group.pk) for p in missing],
        batch_size=BATCH_SIZE,
        ignore_conflicts=True,
    )
    now = timezone.now()
    shops = []
    periods = []
    for plan in missing:
        shop = Shop(
            partner_id=partner_ids[plan.partner_code],
            slug=plan.slug,
            trade=plan.trade.code,
            tagline=plan.tagline,
            story=story_html(plan.story),
            status=plan.status,
            approved_at=now if plan.status == ShopStatus.APPROVED else None,
            submitted_at=now,
            postcode=plan.commune.main_postcode,
            email=plan.owner_email,
            # Without Stripe keys the demo still sells: every shop takes payment on site.
            accepts_payment_on_site=True,
            **_identity(plan),
        )
        shop.place_in(plan.commune)
        periods += _opening_periods(shop.partner_id, plan.trade)
        # bulk_create skips save(), which fills the search text; the plan knows the name already.
        shop.partner = Partner(pk=shop.partner_id, name=plan.name)
        shop.search_text = shop.build_search_text()
        shops.append(shop)
    Shop.objects.bulk_create(shops, batch_size=BATCH_SIZE)
    OpeningPeriod.objects.bulk_create(periods, batch_size=BATCH_SIZE)
    ClickAndCollectOption.objects.bulk_create(
        [ClickAndCollectOption(shop_id=shop.pk, is_active=True) for shop in shops], batch_size=BATCH_SIZE
    )
    # Food shops deliver around them; crafts are collected (or, later, shipped).
    LocalDeliveryOption.objects.bulk_create(
        [
            LocalDeliveryOption(
                shop_id=shop.pk, is_active=True, radius_km=Decimal("15"), flat_fee=Decimal("6.00"),
                distance_bands=[["5", "2.50"], ["10", "4.00"]], free_above=Decimal("60.00"), minimum_order=Decimal("15.00"),
            )
            for shop in shops
            if shop.trade in _FOOD_TRADES
        ],
        batch_size=BATCH_SIZE,
    )
    return len(missing)


# Most food is taxed at 5.5 % in France; beer and crafts at 20 %.
_REDUCED_VAT_TRADES = {"boulangerie", "patisserie", "boucherie-charcuterie", "fromagerie", "chocolaterie", "miellerie", "moulin-a-huile"}
REDUCED_VAT_RATE, STANDARD_VAT_RATE = Decimal("0.055"), Decimal("0.200")
_STREETS = ("rue de la République", "place du Marché", "avenue Jean-Jaurès", "rue des Artisans",
            "chemin des Oliviers", "Grand-Rue", "rue du Four", "place de l'Église", "cours Gambetta")
_COMPANY_FORMS = (LegalForm.SARL, LegalForm.EURL, LegalForm.SAS, LegalForm.SASU)
_FOOD_TRADES = {"boulangerie", "patisserie", "boucherie-charcuterie", "fromagerie", "chocolaterie"}


def _with_luhn_digit(prefix: str) -> str:
    """``prefix`` followed by the digit that makes the whole number pass the Luhn check."""
    return next(prefix + digit for digit in "0123456789" if luhn_is_valid(prefix + digit))


def _identity(plan: ShopPlan) -> dict:
    """A legal identity that passes every check (SIRET, VAT key), invented for the demo."""
    rng = random.Random(f"echoppe-identity-{plan.index}")
    siren = _with_luhn_digit(f"{rng.randint(10_000_000, 99_999_999)}")
    siret = _with_luhn_digit(f"{siren}{rng.randint(1, 9):04d}")
    department = plan.commune.department_code
    identity = {
        "siret": siret,
        "trades_register_number": f"{siren[:3]} {siren[3:6]} {siren[6:]} RM {department}",
        "address_line": f"{rng.randint(1, 60)} {rng.choice(_STREETS)}",
        "phone": f"+334{rng.randint(10_000_000, 99_999_999)}",
        "theme": THEME_CODES[plan.index % len(THEME_CODES)],
    }
    theme = THEMES[identity["theme"]]
    identity.update(primary_colour=theme.default_primary, accent_colour=theme.default_accent, font_pair=theme.default_font_pair)
    if rng.random() < 0.5:
        identity.update(legal_name=f"{plan.owner_first_name} {plan.owner_last_name}", legal_form=LegalForm.MICRO,
                        vat_regime=VatRegime.FRANCHISE, vat_number="")
    else:
        legal_form = rng.choice(_COMPANY_FORMS)
        identity.update(legal_name=f"{plan.name} {legal_form.label}", legal_form=legal_form,
                        vat_regime=VatRegime.REGISTERED, vat_number=french_vat_number(siren))
    return identity


def _opening_periods(shop_id: int, trade: DemoTrade) -> list[OpeningPeriod]:
    if trade.code in _FOOD_TRADES:
        days, morning, afternoon = range(1, 7), (datetime.time(7, 30), datetime.time(12, 30)), (datetime.time(15, 30), datetime.time(19, 0))
        sunday = [OpeningPeriod(shop_id=shop_id, weekday=6, opens_at=datetime.time(7, 30), closes_at=datetime.time(12, 30))]
    else:
        days, morning, afternoon = range(1, 6), (datetime.time(10, 0), datetime.time(12, 30)), (datetime.time(14, 0), datetime.time(19, 0))
        sunday = []
    return sunday + [
        OpeningPeriod(shop_id=shop_id, weekday=day, opens_at=opens, closes_at=closes)
        for day in days
        for opens, closes in (morning, afternoon)
    ]


# --- Products -------------------------------------------------------------------------------------


def _catalogue_item(trade: DemoTrade, shop_index: int, position: int) -> tuple[int, str, Decimal]:
    """Which item of the trade's catalogue the shop's n-th product is, its title and its price."""
    items = trade.products
    # A stride prime to the catalogue's length visits every item once per round, across its
    # sub-categories rather than down one of them.
    stride = next(step for step in (5, 7, 11, 13) if math.gcd(step, len(items)) == 1)
    item_index = (shop_index * 7 + position * stride) % len(items)
    round_number = position // len(items)
    item = items[item_index]
    if round_number == 0:
        return item_index, item.title, item.price
    if round_number < len(_SIZE_VARIANTS):
        factor = _VARIANT_PRICE_FACTORS[round_number]
        title = item.title + _SIZE_VARIANTS[round_number]
    else:
        factor, title = Decimal("1"), f"{item.title} (série n° {round_number})"
    return item_index, title, (item.price * factor).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _product_upc(shop_index: int, position: int) -> str:
    return f"DEMO{shop_index:05d}{position:05d}"


def _ensure_categories() -> dict[tuple[str, str], object]:
    categories = {}
    for trade in TRADES:
        for subcategory in sorted({item.category for item in trade.products}):
            categories[(trade.code, subcategory)] = create_from_breadcrumbs(f"{trade.category} > {subcategory}")
    return categories


def _ensure_picture(trade: DemoTrade, item_index: int) -> tuple[str, bool]:
    """The shared picture of one catalogue item: its storage path, and whether it was drawn now."""
    path = f"{IMAGE_FOLDER}/{trade.code}/{item_index:03d}.jpg"
    if default_storage.exists(path):
        return path, False
    item: DemoProduct = trade.products[item_index]
    picture = draw_product_picture(item.title, trade.motif, trade.palette, seed=item_index)
    target = Path(settings.MEDIA_ROOT) / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(picture)
    return path, True


def _create_missing_products(plans: list[ShopPlan], per_shop: int, progress: Progress) -> tuple[int, int]:
    if per_shop == 0:
        return 0, 0
    product_class, _created = ProductClass.objects.get_or_create(
        name=PRODUCT_CLASS_NAME, defaults={"requires_shipping": True, "track_stock": True}
    )
    categories = _ensure_categories()
    partner_ids = dict(
        Partner.objects.filter(code__in=[plan.partner_code for plan in plans]).values_list("code", "id")
    )
    existing_upcs = set(Product.objects.filter(upc__startswith="DEMO").values_list("upc", flat=True))

    pictures: dict[tuple[str, int], str] = {}
    images_drawn = 0
    pending = []  # (product, plan, position, item index)
    for plan in plans:
        for position in range(per_shop):
            upc = _product_upc(plan.index, position)
            item_index, title, price = _catalogue_item(plan.trade, plan.index, position)
            # Every picture of the demo is checked, so a re-run also redraws deleted files.
            if (plan.trade.code, item_index) not in pictures:
                path, drawn = _ensure_picture(plan.trade, item_index)
                # The web sizes an artisan's upload gets (catalogue.tasks): cards, the product page
                # and the search index read them, so the demo weighs what production weighs.
                make_renditions(path)
                pictures[(plan.trade.code, item_index)] = path
                images_drawn += drawn
            if upc in existing_upcs:
                continue
            item = plan.trade.products[item_index]
            product = Product(
                structure=Product.STANDALONE,
                product_class=product_class,
                title=title,
                slug=slugify(title)[:255] or "produit",
                description=f"<p>{item.description}</p>",
                upc=upc,
                is_public=True,
                is_discountable=True,
                is_perishable=item.is_perishable,
                vat_rate=REDUCED_VAT_RATE if plan.trade.code in _REDUCED_VAT_TRADES else STANDARD_VAT_RATE,
                is_made_to_order=item.is_made_to_order,
                **demo_food(plan.trade.code, item.category),
            )
            pending.append((product, plan, position, item_index, price))
    if not pending:
        return images_drawn, 0

    progress(f"Creating {len(pending)} products ({images_drawn} pictures drawn)…")
    for start in range(0, len(pending), BATCH_SIZE):
        batch = pending[start : start + BATCH_SIZE]
        Product.objects.bulk_create([entry[0] for entry in batch])
        _create_product_rows(batch, partner_ids, categories, pictures)
        progress(f"  {min(start + BATCH_SIZE, len(pending))}/{len(pending)} products")
    _refresh_category_hierarchy()
    return images_drawn, len(pending)


def _create_product_rows(batch, partner_ids, categories, pictures) -> None:
    stock_records, product_categories, images = [], [], []
    for product, plan, position, item_index, price in batch:
        rng = random.Random(f"echoppe-stock-{product.upc}")
        item = plan.trade.products[item_index]
        stock_records.append(
            StockRecord(
                product=product,
                partner_id=partner_ids[plan.partner_code],
                partner_sku=f"{plan.trade.code[:4].upper()}-{position + 1:04d}",
                price_currency=settings.OSCAR_DEFAULT_CURRENCY,
                price=price,
                # About one product in twelve is sold out, so listings show it.
                num_in_stock=0 if rng.random() < 0.08 else rng.randint(1, 40),
                low_stock_threshold=3,
            )
        )
        product_categories.append(ProductCategory(product=product, category=categories[(plan.trade.code, item.category)]))
        images.append(
            ProductImage(product=product, original=pictures[(plan.trade.code, item_index)], caption=product.title, display_order=0)
        )
    StockRecord.objects.bulk_create(stock_records)
    ProductCategory.objects.bulk_create(product_categories)
    ProductImage.objects.bulk_create(images)


def _refresh_category_hierarchy() -> None:
    # Oscar keeps a materialised view of product categories on PostgreSQL, refreshed by signals
    # that bulk inserts do not send.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("REFRESH MATERIALIZED VIEW catalogue_product_category_hierarchy;")
