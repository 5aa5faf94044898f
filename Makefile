# Échoppe — `make demo` runs the demo marketplace, `make test` runs the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_SHOPS ?= 66
DEMO_PRODUCTS_PER_SHOP ?= 10

.PHONY: demo demo-card demo-offline demo-data production test install install-demo install-dev serve messages check vendor bench-seed bench-checkout bench-search bench lighthouse clean

# The demo takes cards without a Stripe account: localstripe (a fake Stripe server) and the local
# Connect stand-in (payments/local_connect.py) run beside the site, started and stopped here; every
# demo shop is connected. `make demo-offline` runs it without card payments (payment on site only).
DEMO_STRIPE = STRIPE_SECRET_KEY=sk_test_echoppe_demo STRIPE_PUBLISHABLE_KEY=pk_test_echoppe_demo \
	STRIPE_WEBHOOK_SECRET=whsec_echoppe_demo STRIPE_API_BASE=http://127.0.0.1:8421 \
	STRIPE_JS_URL=http://127.0.0.1:8421/js.stripe.com/v3/ SITE_URL=http://$(HOST):$(PORT)

demo: install-demo demo-data
	$(DEMO_STRIPE) $(BIN)/python manage.py run_local_stripe & trap "kill $$!" EXIT; \
	$(DEMO_STRIPE) $(BIN)/python manage.py connect_demo_shops && \
	echo "Échoppe demo (test card 4242424242424242, 3-D Secure 4000000000003220): http://$(HOST):$(PORT)/" && \
	$(DEMO_STRIPE) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# The former name of the demo with cards.
demo-card: demo

demo-offline: install demo-data
	@echo "Échoppe demo, without card payments: http://$(HOST):$(PORT)/"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

demo-data:
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py import_communes
	$(BIN)/python manage.py seed_demo --shops $(DEMO_SHOPS) --products-per-shop $(DEMO_PRODUCTS_PER_SHOP)

# Production on this machine: the Procfile's web server (gunicorn + whitenoise), Celery worker and
# Celery beat, after the deployment checks, migrations and static files. Needs the environment of the
# README's production section (DEBUG=0, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL…).
# Redis is a service of its own (shared by every app server, outliving them), never started here;
# without a broker, beat and the worker could not reach each other and periodic work would never run.
production: install
	@[ -n "$${CELERY_BROKER_URL:-$$REDIS_URL}" ] || { echo "make production needs REDIS_URL (or CELERY_BROKER_URL): see the README's Production section." >&2; exit 1; }
	$(BIN)/python manage.py check --deploy --fail-level WARNING
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput -v0
	PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/honcho start -f Procfile

test: install-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

install: $(VENV)/.installed
install-demo: $(VENV)/.installed-demo
install-dev: $(VENV)/.installed-dev

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-demo: requirements-demo.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -r requirements-demo.txt
	@touch $@

$(VENV)/.installed-dev: requirements-dev.txt package-lock.json $(VENV)/.installed-demo
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@# axe-core for the accessibility test; without npm that test is skipped (CI requires it).
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent; else echo "npm not found: the accessibility test will be skipped"; fi
	@touch $@

serve: install
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Refresh the vendored front-end files (fonts, Leaflet, icons) from npm at the lock file's versions;
# the copies in themes/static/themes/vendor are committed so that `make demo` needs no npm.
vendor:
	npm ci --no-audit --no-fund --silent
	$(BIN)/python themes/vendor.py

# Regenerate the French catalogues after changing user-facing strings (needs GNU gettext).
messages: install
	$(BIN)/python manage.py makemessages --locale fr --ignore "$(VENV)/*" --ignore "var/*" --ignore "node_modules/*" --no-obsolete
	$(BIN)/python manage.py makemessages --locale fr --domain djangojs --ignore "$(VENV)/*" --ignore "var/*" --ignore "node_modules/*" --no-obsolete
	$(BIN)/python manage.py compilemessages --locale fr --ignore "$(VENV)/*"

check: install
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

# Seeds 1,000 shops and 100,000 products into a throwaway SQLite database and prints the time.
bench-seed: install
	rm -rf var/bench && mkdir -p var/bench
	DATABASE_URL=sqlite:///$(CURDIR)/var/bench/bench.sqlite3 MEDIA_ROOT=$(CURDIR)/var/bench/media sh -c '\
	  $(BIN)/python manage.py migrate --noinput -v0 && \
	  $(BIN)/python manage.py import_communes && \
	  $(BIN)/python manage.py seed_demo --shops 1000 --products-per-shop 100'

# Search latencies (p50/p95 per query kind) and full-reindex throughput on 1,000 shops / 100,000
# products. The database engine on PostgreSQL: make bench-search BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/echoppe_bench
# (the database must exist); the in-memory OpenSearch-compatible server is measured too (dev requirements).
BENCH_DATABASE_URL ?= sqlite:///$(CURDIR)/var/bench/search.sqlite3
bench-search: install-dev
	mkdir -p var/bench
	DATABASE_URL=$(BENCH_DATABASE_URL) MEDIA_ROOT=$(CURDIR)/var/bench/media sh -c '\
	  $(BIN)/python manage.py migrate --noinput -v0 && \
	  $(BIN)/python manage.py import_communes && \
	  $(BIN)/python manage.py bench_search --shops 1000 --products-per-shop 100 --queries 300 --osmem'

# The site benchmark (issue 8): 1,000 shops / 100,000 products on PostgreSQL, served by gunicorn,
# loaded at 1, 10 and 50 users, side by side with a stock django-oscar project on the same products;
# writes var/bench/report.md and prints it. The database is created if missing and reused after.
# About 15 minutes; a shorter run: make bench BENCH_ARGS="--duration 10 --levels 1,10 --skip-stock".
BENCH_SITE_DATABASE ?= echoppe_bench_site
BENCH_PG ?= postgres://postgres@127.0.0.1:5432
# Production's shared cache (emptied at the start of a run); BENCH_REDIS= measures the per-process cache.
BENCH_REDIS ?= redis://127.0.0.1:6379/14
BENCH_ARGS ?= --shops 1000 --products-per-shop 100
bench: install-dev
	mkdir -p var/bench
	createdb -h 127.0.0.1 -U postgres $(BENCH_SITE_DATABASE) 2>/dev/null || true
	DATABASE_URL=$(BENCH_PG)/$(BENCH_SITE_DATABASE) DEBUG=0 SECRET_KEY=bench-only-not-a-secret-$(BENCH_SITE_DATABASE)-0123456789abcdef \
	  ALLOWED_HOSTS=127.0.0.1,localhost MEDIA_ROOT=$(CURDIR)/var/bench/media STATIC_ROOT=$(CURDIR)/var/bench/static \
	  CELERY_BROKER_URL= REDIS_URL=$(BENCH_REDIS) LOG_LEVEL=WARNING \
	  $(BIN)/python manage.py bench_site $(BENCH_ARGS)

# Time and SQL queries to place a three-shop checkout, for 1, 5 and 20 lines per shop.
bench-checkout: install
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py bench_checkout

# Lighthouse 12 (npm, mobile preset) on home, search, map, a storefront, a product page, basket and
# checkout, the site served as in production (gunicorn + whitenoise, DEBUG=0) on a small demo seeded
# into a throwaway directory; prints the table (scores, LCP, CLS, CSS+JS kB). Figures, never a test.
CHROME_PATH ?= /usr/bin/chromium
LIGHTHOUSE_ARGS ?= --shops 6 --products-per-shop 4
lighthouse: install-dev
	@dir=$$(mktemp -d) && trap 'rm -rf "$$dir"' EXIT && \
	DATABASE_URL=sqlite:///$$dir/lighthouse.sqlite3 DEBUG=0 SECRET_KEY=lighthouse-only-not-a-secret-0123456789abcdef-0123456789 \
	  ALLOWED_HOSTS=127.0.0.1,localhost STATIC_ROOT=$$dir/static MEDIA_ROOT=$$dir/media MEDIA_STORAGE=local \
	  CELERY_BROKER_URL= REDIS_URL= SEARCH_ENGINE=database TRUSTED_PROXY_COUNT=0 SECURE_SSL_REDIRECT=0 LOG_LEVEL=WARNING \
	  $(BIN)/python manage.py measure_pages --chrome $(CHROME_PATH) $(LIGHTHOUSE_ARGS)

clean:
	rm -rf $(VENV) var
