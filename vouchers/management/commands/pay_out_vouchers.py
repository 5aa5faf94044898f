"""Transfer to each shop what gift vouchers paid there and was not paid out yet (run it periodically)."""

from django.core.management.base import BaseCommand

from vouchers.payouts import pay_out_vouchers


class Command(BaseCommand):
    help = "Transfer to each shop what gift vouchers paid there and was not paid out yet."

    def handle(self, *args, **options):
        for payout in pay_out_vouchers():
            self.stdout.write(f"{payout.shop_id}\t{payout.amount}\t{payout.status}\t{payout.transfer_id or payout.failure_message}")
