"""Oscar's customer app, forked for the marketplace's account rules.

What differs from Oscar: logging out takes a POST; signing up with an address that already has an
account answers like a new sign-up and e-mails the owner instead (no account discovery); stock alerts
are for signed-in customers only; logins are throttled per account and per address (django-axes,
``login_throttle.py``) and a password reset by e-mail lifts an account's lock.
"""
