"""PostgreSQL only: French full-text search with folded accents, and trigrams for typos.

A generated tsvector column (title weighted A, keywords B, body C) with a GIN index, and a trigram
GIN index on title_text. The text search configuration ``french_unaccent`` is French stemming after
unaccent, so "crème", "creme" and "CRÈMES" meet on one lexeme. SQLite gets nothing here: its
matching reads search_text (see search/engines/database.py).
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
            CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
            ALTER TEXT SEARCH CONFIGURATION french_unaccent
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
        END IF;
    END $$""",
    """ALTER TABLE regional_search_searchentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('french_unaccent'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('french_unaccent'::regconfig, coalesce(keywords, '') || ' ' || coalesce(shop_name, '')), 'B')
        || setweight(to_tsvector('french_unaccent'::regconfig, coalesce(body, '')), 'C')
    ) STORED""",
    "CREATE INDEX search_entry_vector ON regional_search_searchentry USING gin (search_vector)",
    "CREATE INDEX search_entry_title_trigrams ON regional_search_searchentry USING gin (title_text gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_title_trigrams",
    "DROP INDEX IF EXISTS search_entry_vector",
    "ALTER TABLE regional_search_searchentry DROP COLUMN IF EXISTS search_vector",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("regional_search", "0001_initial")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
