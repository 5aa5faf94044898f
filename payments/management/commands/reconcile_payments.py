from django.core.management.base import BaseCommand

from payments.reconciliation import reconcile


class Command(BaseCommand):
    help = "Re-check the PaymentIntents and transfers of the last N days against Stripe and repair what webhooks missed."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=3)

    def handle(self, *args, days, **options):
        report = reconcile(days=days)
        for name, value in report.as_dict().items():
            if name != "problems":
                self.stdout.write(f"{name}: {value}")
        for problem in report.problems:
            self.stdout.write(self.style.WARNING(f"problem: {problem}"))
        if not report.problems:
            self.stdout.write(self.style.SUCCESS("Everything matches."))
