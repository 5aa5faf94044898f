import oscar.config


class EchoppeShopConfig(oscar.config.Shop):
    """Oscar's root app (the shop's URLs), whose password reset lifts the account's login lock.

    Oscar sets the password reset's form in ``ready``; this is its documented place to change it.
    """

    def ready(self):
        super().ready()
        from .forms import UnlockingSetPasswordForm

        self.set_password_form = UnlockingSetPasswordForm
