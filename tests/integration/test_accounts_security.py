"""People: throttled logins, logout by POST, sign-up without account discovery, stock alerts for
signed-in customers, Oscar's reviews closed. Everything goes through the real views and middleware;
e-mails go to Django's test outbox."""

import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from django.contrib.messages import get_messages
from django.core import mail
from django.core.management import call_command
from django.test import Client
from oscar.core.loading import get_model

from marketplace.customer.client_address import client_address_settings
from marketplace.models import OutgoingEmail
from tests.factories import ProductFactory, UserFactory

ProductAlert = get_model("customer", "ProductAlert")
ProductReview = get_model("reviews", "ProductReview")
User = get_user_model()
pytestmark = pytest.mark.django_db

PASSWORD = "un-mot-de-passe-solide"  # the factories' password
LIMIT = 5


def customer_login(client, email, password, address="203.0.113.1", **extra):
    """Oscar's login-or-register page, as the checkout (and every login link) sends there."""
    data = {"login-username": email, "login-password": password, "login_submit": "1"}
    return client.post("/accounts/login/", data, REMOTE_ADDR=address, **extra)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail(client, email, times, *, addresses=None):
    for attempt in range(times):
        address = addresses[attempt] if addresses else "203.0.113.1"
        response = customer_login(client, email, f"wrong-{attempt}", address=address)
        assert response.status_code in (200, 429)


def assert_locked_in_french(response):
    assert response.status_code == 429
    page = response.content.decode()
    assert "Trop de tentatives de connexion ont échoué" in page
    assert "Vous pourrez réessayer dans 15 minutes." in page


# --- Login throttling -------------------------------------------------------------------------------


def test_failed_logins_lock_the_account_from_any_address(client):
    user = UserFactory()
    fail(client, user.email, LIMIT - 1, addresses=[f"198.51.100.{n}" for n in range(1, LIMIT)])
    assert customer_login(client, user.email, "still-wrong", address="198.51.100.99").status_code == 429  # the 5th locks

    response = customer_login(client, user.email, PASSWORD, address="192.0.2.50")  # right password, new address
    assert_locked_in_french(response)
    assert "Réinitialiser mon mot de passe" in response.content.decode()  # the account's lock: reset lifts it
    assert not signed_in(client)


def test_failed_logins_from_one_address_lock_it_for_every_account(client):
    victim = UserFactory()
    for n in range(LIMIT):
        customer_login(client, f"quelquun{n}@example.fr", "devine", address="198.51.100.7")

    response = customer_login(client, victim.email, PASSWORD, address="198.51.100.7")
    assert_locked_in_french(response)
    assert "seule l'attente lève cette suspension" in response.content.decode()
    assert not signed_in(client)
    # The account itself is not locked: from elsewhere its owner logs in.
    assert customer_login(client, victim.email, PASSWORD, address="192.0.2.8").status_code == 302
    assert signed_in(client)


def test_one_account_however_its_identifier_is_typed(client):
    user = UserFactory(username="camille", email="camille.martin@example.fr", is_staff=True)
    variants = ["Camille.Martin@example.fr", "CAMILLE.MARTIN@EXAMPLE.FR", " camille.martin@example.fr"]
    for n, identifier in enumerate(variants):
        customer_login(client, identifier, "devine", address=f"198.51.100.{n + 1}")
    # The admin's login takes the Django username: it counts against the same account.
    for n in range(2):
        client.post("/admin/login/", {"username": "camille", "password": "devine"}, REMOTE_ADDR=f"198.51.100.{n + 10}")

    assert_locked_in_french(customer_login(client, user.email.upper(), PASSWORD, address="192.0.2.1"))
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {"camille.martin@example.fr"}


@pytest.mark.parametrize(
    ("path", "fields"),
    [
        ("/accounts/login/", ("login-username", "login-password", {"login_submit": "1"})),
        ("/dashboard/login/", ("username", "password", {})),
        ("/admin/login/", ("username", "password", {"next": "/admin/"})),
    ],
)
def test_every_login_form_goes_through_the_throttle(client, path, fields):
    staff = UserFactory(is_staff=True)
    username_field, password_field, extra = fields
    for attempt in range(LIMIT):
        client.post(path, {username_field: staff.email, password_field: f"wrong-{attempt}", **extra}, REMOTE_ADDR=f"198.51.100.{attempt}")

    response = client.post(path, {username_field: staff.email, password_field: PASSWORD, **extra}, REMOTE_ADDR="192.0.2.1")
    assert_locked_in_french(response)
    assert not signed_in(client)


def test_the_checkout_sends_to_the_throttled_login_page(client):
    response = client.get("/checkout/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/?next=")


def test_failed_logins_never_store_the_password(client):
    customer_login(client, "camille@example.fr", "mon-secret-tape-par-erreur")
    client.post("/dashboard/login/", {"username": "camille@example.fr", "password": "autre-secret-tape"})
    stored = " ".join(AccessAttempt.objects.values_list("post_data", flat=True))
    assert AccessAttempt.objects.count() == 2
    assert "mon-secret-tape-par-erreur" not in stored and "autre-secret-tape" not in stored


def test_a_password_reset_by_email_unlocks_the_account(client):
    user = UserFactory()
    fail(client, user.email, LIMIT, addresses=[f"198.51.100.{n}" for n in range(LIMIT)])
    assert customer_login(client, user.email, PASSWORD, address="192.0.2.1").status_code == 429

    client.post("/password-reset/", {"email": user.email})
    link = re.search(r"https?://[^/\s]+(/password-reset/confirm/\S+/)", mail.outbox[-1].body).group(1)
    form_page = client.get(link)  # Django moves the token into the session, then shows the form
    assert form_page.status_code == 302
    response = client.post(form_page.url, {"new_password1": "Pain-au-levain-2026", "new_password2": "Pain-au-levain-2026"})
    assert response.status_code == 302 and response.url == "/password-reset/complete/"

    assert customer_login(client, user.email, "Pain-au-levain-2026", address="192.0.2.1").status_code == 302
    assert signed_in(client)


def test_axes_reset_command_unlocks_every_account(client):
    user = UserFactory()
    fail(client, user.email, LIMIT, addresses=[f"198.51.100.{n}" for n in range(LIMIT)])
    call_command("axes_reset")
    assert customer_login(client, user.email, PASSWORD, address="192.0.2.1").status_code == 302


def test_a_successful_login_forgives_the_account_failures_not_the_address_failures(client):
    user = UserFactory()
    fail(client, user.email, LIMIT - 1)
    assert customer_login(client, user.email, PASSWORD).status_code == 302
    client.post("/accounts/logout/")
    fail(client, user.email, LIMIT - 1)  # counted from zero again: not locked
    assert customer_login(client, user.email, PASSWORD).status_code == 302

    # An attacker's own successful login between guesses does not forgive their guesses at another account.
    client.post("/accounts/logout/")
    attacker, victim = UserFactory(), UserFactory()
    fail(client, victim.email, LIMIT - 1, addresses=["198.51.100.66"] * (LIMIT - 1))
    assert customer_login(client, attacker.email, PASSWORD, address="198.51.100.66").status_code == 302
    client.post("/accounts/logout/")
    customer_login(client, victim.email, "encore", address="198.51.100.66")
    assert customer_login(client, victim.email, PASSWORD, address="192.0.2.77").status_code == 429


def test_behind_the_proxy_the_client_address_is_the_one_the_proxy_saw(client, settings):
    """Production runs behind one TLS proxy that appends the caller's address to X-Forwarded-For."""
    for name, value in client_address_settings(1).items():
        setattr(settings, name, value)
    # The attacker forges a new first entry each time: the proxy's own entry still names them.
    for n in range(LIMIT):
        customer_login(client, f"compte{n}@example.fr", "devine", address="10.0.0.2", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.9")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}

    user = UserFactory()
    locked = customer_login(client, user.email, PASSWORD, address="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.200, 203.0.113.9")
    assert locked.status_code == 429
    # Another customer behind the same proxy is not locked with them.
    assert customer_login(client, user.email, PASSWORD, address="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.4").status_code == 302


def test_without_a_proxy_the_forwarded_header_is_ignored(client, settings):
    for name, value in client_address_settings(0).items():
        setattr(settings, name, value)
    customer_login(client, "camille@example.fr", "devine", address="203.0.113.5", HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.5"]


# --- Logout by POST only ----------------------------------------------------------------------------


def test_logging_out_takes_a_post_with_the_csrf_token():
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())

    page = client.get("/accounts/logout/")
    assert page.status_code == 200 and signed_in(client)  # a confirmation page, still signed in
    assert re.search(r'<form method="post" action="/accounts/logout/" id="logout_confirm_form">', page.content.decode())
    assert client.post("/accounts/logout/").status_code == 403 and signed_in(client)  # no token: refused

    home = client.get("/").content.decode()
    assert 'href="/accounts/logout/"' not in home
    token = re.search(r'id="logout_form" method="post" action="/accounts/logout/"[^>]*>\s*<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"', home).group(1)
    response = client.post("/accounts/logout/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302 and response.url == "/"
    assert not signed_in(client)


def test_the_dashboard_logout_refuses_a_get(client):
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/dashboard/logout/").status_code == 405
    assert signed_in(client)


# --- Sign-up without account discovery --------------------------------------------------------------

SIGN_UP_FORMS = {
    "registration page": ("/accounts/register/", lambda email: {"email": email, "password1": "Levain-2026-Gap", "password2": "Levain-2026-Gap"}),
    "login-or-register page": (
        "/accounts/login/",
        lambda email: {
            "registration-email": email,
            "registration-password1": "Levain-2026-Gap",
            "registration-password2": "Levain-2026-Gap",
            "registration_submit": "1",
        },
    ),
    "open my shop": (
        "/ouvrir-ma-boutique/",
        lambda email: {"first_name": "Jeanne", "last_name": "Martin", "email": email, "password1": "Levain-2026-Gap", "password2": "Levain-2026-Gap"},
    ),
}


def sign_up(path, data, django_capture_on_commit_callbacks):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path, data)
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    return client, response, messages


@pytest.mark.parametrize("form", SIGN_UP_FORMS)
def test_signing_up_with_an_address_in_use_answers_like_a_new_one_and_warns_its_owner(form, django_capture_on_commit_callbacks):
    path, data = SIGN_UP_FORMS[form]
    owner = UserFactory(email="jeanne@example.fr")

    newcomer, new_response, new_messages = sign_up(path, data("nouvelle@example.fr"), django_capture_on_commit_callbacks)
    intruder, taken_response, taken_messages = sign_up(path, data("Jeanne@Example.fr"), django_capture_on_commit_callbacks)

    # The same answer: status, redirect, message.
    assert (taken_response.status_code, taken_response.url) == (new_response.status_code, new_response.url)
    assert taken_messages == new_messages == ["Merci\xa0! Un message est en route vers votre adresse e-mail."]
    # The new address has its account, signed in and welcomed; the other visitor has nothing.
    assert signed_in(newcomer) and User.objects.filter(email="nouvelle@example.fr").count() == 1
    assert not signed_in(intruder)
    assert User.objects.filter(email__iexact="jeanne@example.fr").get() == owner
    received = {message.to[0]: message for message in mail.outbox}
    assert set(received) == {"nouvelle@example.fr", "jeanne@example.fr"}
    assert received["nouvelle@example.fr"].subject == "Bienvenue sur Échoppe"
    warning = received["jeanne@example.fr"]
    assert warning.subject == "Quelqu'un a essayé de créer un compte Échoppe avec votre adresse"
    assert "rien n'a été créé" in warning.body and "/password-reset/" in warning.body


@pytest.mark.parametrize("form", SIGN_UP_FORMS)
def test_sign_up_errors_are_the_same_whether_or_not_the_address_is_in_use(form, client):
    path, data = SIGN_UP_FORMS[form]
    UserFactory(email="jeanne@example.fr")
    weak = {key: ("123" if "password" in key else value) for key, value in data("jeanne@example.fr").items()}
    weak_new = {key: ("123" if "password" in key else value) for key, value in data("nouvelle@example.fr").items()}

    pages = [client.post(path, payload).content.decode() for payload in (weak, weak_new)]
    # Alike but for the address typed and the per-response tokens (CSRF, CSP nonces).
    pages = [re.sub(r'(csrfmiddlewaretoken" value|nonce)="[^"]*"', "", page) for page in pages]
    assert pages[0].replace("jeanne@example.fr", "X") == pages[1].replace("nouvelle@example.fr", "X")
    assert "existe déjà" not in pages[0] and "already" not in pages[0]


class CountingHasher(MD5PasswordHasher):
    """The tests' fast hasher, counting the passwords it hashes."""

    hashed = 0

    def encode(self, password, salt):
        CountingHasher.hashed += 1
        return super().encode(password, salt)


def test_both_answers_hash_the_password_so_they_take_about_as_long(settings, django_capture_on_commit_callbacks):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    UserFactory(email="jeanne@example.fr")
    path, data = SIGN_UP_FORMS["registration page"]
    hashed = []
    for email in ("nouvelle@example.fr", "jeanne@example.fr"):
        CountingHasher.hashed = 0
        sign_up(path, data(email), django_capture_on_commit_callbacks)
        hashed.append(CountingHasher.hashed)
    assert hashed == [1, 1]


def test_the_owner_is_warned_at_most_once_a_day(django_capture_on_commit_callbacks):
    UserFactory(email="jeanne@example.fr")
    path, data = SIGN_UP_FORMS["registration page"]
    for _ in range(3):
        sign_up(path, data("jeanne@example.fr"), django_capture_on_commit_callbacks)
    assert OutgoingEmail.objects.filter(template="account_sign_up_attempt").count() == 1
    assert len(mail.outbox) == 1


# --- Stock alerts for signed-in customers -----------------------------------------------------------


def test_stock_alerts_are_for_signed_in_customers_only(client):
    product = ProductFactory(shop__num_in_stock=0)

    page = client.get(product.get_absolute_url()).content.decode()
    assert 'id="alert_form"' in page and 'name="email"' not in page
    response = client.post(f"/accounts/alerts/create/{product.pk}/", {"email": "quelquun@example.fr"})
    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={product.get_absolute_url()}"
    assert not ProductAlert.objects.exists() and not mail.outbox

    customer = UserFactory()
    client.force_login(customer)
    response = client.post(f"/accounts/alerts/create/{product.pk}/", {"email": "quelquun@example.fr"})
    assert response.status_code == 302
    alert = ProductAlert.objects.get()
    assert (alert.user, alert.email, alert.status) == (customer, "", ProductAlert.ACTIVE)


# --- Oscar's reviews, closed ------------------------------------------------------------------------


@pytest.mark.parametrize("signed_in_customer", [False, True])
def test_no_review_can_be_posted_or_read(client, signed_in_customer):
    product = ProductFactory()
    if signed_in_customer:
        client.force_login(UserFactory())
    reviews = f"/catalogue/{product.slug}_{product.pk}/reviews/"
    review = {"title": "Super", "score": "5", "body": "Excellent", "name": "La boulangère d'en face", "email": "x@example.fr"}

    assert client.post(f"{reviews}add/", review).status_code == 404
    assert client.get(reviews).status_code == 404
    assert client.get(f"{reviews}add/").status_code == 404
    assert not ProductReview.objects.exists()
    page = client.get(product.get_absolute_url()).content.decode()
    assert "/reviews/" not in page and "addreview" not in page


def test_the_staff_still_lists_and_deletes_old_reviews(client):
    product = ProductFactory()
    review = ProductReview.objects.create(product=product, title="Arnaque", score=1, body="…", name="Anonyme", email="a@example.fr")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert "Arnaque" in client.get("/dashboard/reviews/").content.decode()
    assert client.post(f"/dashboard/reviews/{review.pk}/delete/").status_code == 302
    assert not ProductReview.objects.exists()
