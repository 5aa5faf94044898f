"""Publish the Celery tasks kept while the broker was away (marketplace/outbox.py).

Beat does it every minute and each worker when it connects to the broker; this is for an operator
who brought the broker back and wants the e-mails, refreshes and payouts out now. Exits non-zero while tasks wait.
"""

from django.core.management.base import BaseCommand, CommandError

from marketplace.outbox import flush


class Command(BaseCommand):
    help = "Publish the Celery tasks kept while the broker was unreachable."

    def handle(self, *args, **options):
        published, waiting = flush()
        self.stdout.write(f"{published} tasks published, {waiting} waiting.")
        if waiting:
            raise CommandError(f"{waiting} tasks still wait for the broker (see PendingTask.last_error).")
