"""How the site is found on the web: robots.txt, the sitemap, canonical addresses, sharing cards and
schema.org data (everything a search engine or a social network reads, nothing a visitor sees)."""
