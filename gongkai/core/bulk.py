"""Inserting many rows fast (bulk imports): primary keys reserved up front, rows written
with one executemany.

QuerySet.bulk_create compiles an INSERT with a placeholder and a prepared value per field
and row, and reads the new keys back; for a batch of imported documents (forty columns
each, then their attachments, issuers and revisions) that Python work costs more than the
database's. Here each column's conversion is chosen once, values that need none pass as
they are, and the keys are known before the insert, so rows that point at each other
(a document and its revision) are built in one pass, with no UPDATE afterwards: foreign
keys are checked at commit (Django creates them DEFERRABLE INITIALLY DEFERRED).

Like bulk_create: no signals, no save(), no validation. Call inside transaction.atomic():
on SQLite the reservation relies on the IMMEDIATE transactions of the settings (the
writer holds the database from BEGIN), on PostgreSQL on the table's sequence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.db import connection, models

# Field classes whose Python value is what the database drivers take: no conversion.
_AS_IS = (
    models.AutoField,
    models.BigAutoField,
    models.BooleanField,
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.PositiveIntegerField,
    models.PositiveBigIntegerField,
    models.ForeignKey,
)
_DEFAULT_PRE_SAVE = models.Field.pre_save
# Field classes whose database value depends on the Python value alone (and is the same for
# equal values of one type): converted once per distinct value.
_BY_VALUE = (models.DateField, models.TimeField)  # DateTimeField is a DateField


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """``count`` new primary keys of ``model``, ascending, that no other row will take."""
    if count == 0:
        return []
    table, column = model._meta.db_table, model._meta.pk.column
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [quote(table), column, count],
            )
            return sorted(row[0] for row in cursor.fetchall())
        # AUTOINCREMENT never reuses a key, even a deleted row's: start above both.
        # Only the model's own (quoted) table and column names are formatted in.
        highest = f"SELECT max({quote(column)}) FROM {quote(table)}"  # noqa: S608
        sequence = "SELECT seq FROM sqlite_sequence WHERE name = %s"
        cursor.execute(f"SELECT max(coalesce(({sequence}), 0), coalesce(({highest}), 0))", [table])
        start = cursor.fetchone()[0] + 1
    return list(range(start, start + count))


def _value_of(field: models.Field) -> Callable[[models.Model], object]:
    """How to read one column's database value from an instance, as bulk_create does
    (pre_save, then get_db_prep_save), skipping the steps that change nothing."""
    attname = field.attname
    pre_save = type(field).pre_save is not _DEFAULT_PRE_SAVE
    as_is = type(field) in _AS_IS
    if as_is and not pre_save:
        return lambda obj: getattr(obj, attname)
    if isinstance(field, _BY_VALUE):
        return _converted_once(field, pre_save)

    def value(obj: models.Model) -> object:
        raw = field.pre_save(obj, True) if pre_save else getattr(obj, attname)
        return raw if as_is else field.get_db_prep_save(raw, connection)

    return value


def _converted_once(field: models.Field, pre_save: bool) -> Callable[[models.Model], object]:
    """Rows of a batch share most dates and times (the moment of the import, a few days of
    publication): each distinct value is converted once per insert."""
    attname = field.attname
    converted: dict[object, object] = {}

    def value(obj: models.Model) -> object:
        raw = field.pre_save(obj, True) if pre_save else getattr(obj, attname)
        key = (type(raw), raw)
        if key not in converted:
            converted[key] = field.get_db_prep_save(raw, connection)
        return converted[key]

    return value


def insert(objs: Sequence[models.Model]) -> None:
    """INSERT unsaved instances of one model. Either every instance has its primary key
    (from reserve_ids) or none has, and the database numbers the rows (not read back)."""
    if not objs:
        return
    meta = objs[0]._meta
    with_pk = objs[0].pk is not None
    fields = [f for f in meta.concrete_fields if with_pk or not f.primary_key]
    readers = [_value_of(field) for field in fields]
    rows = [tuple(read(obj) for read in readers) for obj in objs]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 (the model's own names)
        quote(meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias
