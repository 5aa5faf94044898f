"""Production mode: deployment checks, shared media storage, structured logs."""

import json
import logging
import os
import subprocess
import sys

from marketplace.logs import JsonFormatter
from tests.unit.test_settings import PROCESS_ONLY_VARIABLES, PROJECT, read_settings

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-production-secret-key-that-is-long-enough-and-random-0123456789",
    "ALLOWED_HOSTS": "echoppe.example.fr",
    "CSRF_TRUSTED_ORIGINS": "https://echoppe.example.fr",
    "REDIS_URL": "redis://cache.internal:6379/0",
}


def test_production_settings_pass_the_deployment_checks_with_no_warning():
    env = {key: value for key, value in os.environ.items() if key not in PROCESS_ONLY_VARIABLES}
    env.update(PRODUCTION, DJANGO_SETTINGS_MODULE="marketplace.settings")
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_several_app_servers_share_cache_sessions_and_media():
    result = read_settings(
        "settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE, settings.STORAGES['default']['BACKEND'], "
        "settings.STORAGES['default']['OPTIONS']['bucket_name'], settings.STORAGES['default']['OPTIONS']['endpoint_url']",
        **PRODUCTION, MEDIA_STORAGE="s3", S3_BUCKET="echoppe-media", S3_ENDPOINT_URL="https://s3.fr-par.scw.cloud",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "marketplace.cache.ResilientRedisCache", "django.contrib.sessions.backends.cached_db",
        "storages.backends.s3.S3Storage", "echoppe-media", "https://s3.fr-par.scw.cloud",
    ]


def test_media_stay_on_local_disk_by_default_and_a_wrong_storage_is_refused():
    assert read_settings("settings.STORAGES['default']['BACKEND']").stdout.strip() == "django.core.files.storage.FileSystemStorage"
    refused = read_settings("settings.STORAGES", MEDIA_STORAGE="ftp")
    assert refused.returncode != 0 and "MEDIA_STORAGE is local or s3" in refused.stderr


def test_json_logs_are_one_object_per_line_with_extra_fields():
    record = logging.LogRecord("payments.card", logging.WARNING, __file__, 1, "Paiement refusé pour %s", ("261123-AB",), None)
    record.checkout = "261123-AB"
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert (entry["level"], entry["logger"], entry["message"], entry["checkout"]) == ("WARNING", "payments.card", "Paiement refusé pour 261123-AB", "261123-AB")
    try:
        raise ValueError("boom")
    except ValueError:
        failed = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    assert "ValueError: boom" in json.loads(JsonFormatter().format(failed))["exception"]
