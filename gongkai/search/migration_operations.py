"""Migration operations that only touch PostgreSQL.

The search app's table must migrate on SQLite (the embedded default) although the GIN index
on its tsvector only exists on PostgreSQL. Subclassing AddIndex keeps the index in the
migration state, so the model's Meta stays the truth and makemigrations sees no change; only
the database work is skipped on other vendors.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db.migrations.operations import AddIndex


class AddIndexOnPostgres(AddIndex):
    """AddIndex that creates the index on PostgreSQL and does nothing elsewhere."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"{super().describe()} (PostgreSQL only)"


class TrigramExtensionOnPostgres(TrigramExtension):
    """TrigramExtension (pg_trgm) that does nothing elsewhere when unapplied too: Django's
    skips other vendors going forwards only."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
