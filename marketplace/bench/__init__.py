"""The site benchmark behind ``manage.py bench_site`` (``make bench``): figures, never a test.

- ``load``: an asyncio load generator (aiohttp) with virtual users, cookies and CSRF; percentiles.
- ``weight``: what a page costs to transfer (HTML, CSS, JS, fonts; pictures listed apart).
- ``fixtures``: the bench database, the URLs to visit, the logged-in customers with a basket.
- ``queries``: SQL queries per page, in-process, for 24 and 48 listed items.
- ``servers``: gunicorn in its own process group, started and always stopped.
- ``stock_oscar``: a throwaway stock django-oscar project on the same products, for ratios.
- ``report``: the machine description and the Markdown report (var/bench/report.md).

The load generator, the weight and the report import no Django model: they are unit-tested alone.
"""
