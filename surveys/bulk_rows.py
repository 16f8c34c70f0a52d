"""Writing many rows fast: COPY on PostgreSQL, executemany elsewhere (SQLite when embedded).

The sample import writes up to a few hundred thousand rows in one transaction. Django's
bulk_create builds a model instance and adapts every value in Python (about 0.4 ms a row
for a participant); COPY hands the rows to the server as a stream. Rows are plain tuples
of column values in a stated order; a column left out gets its field's default.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from itertools import islice

from django.db import connection, models
from django.utils import timezone

BATCH = 5000


def _default(field: models.Field):
    """A column's value when a row leaves it out, evaluated per row (a callable default
    such as a random key must differ from row to row)."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return timezone.now()
    if field.has_default():
        return field.get_default()
    return None if field.null else ""


def insert(model: type[models.Model], columns: list[str], rows: Iterable[tuple]) -> int:
    """Inserts the rows, each a tuple of Python values for `columns` (attnames); the
    model's other columns get their defaults. Returns how many rows."""
    given = [model._meta.get_field(name.removesuffix("_id")) for name in columns]
    rest = [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and field.attname not in columns
    ]
    fields = given + rest
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(field.column) for field in fields)
    count = 0
    if connection.vendor == "postgresql":
        json_at = [i for i, f in enumerate(given) if isinstance(f, models.JSONField)]
        dumped: dict = {}
        sql = f"COPY {table} ({names}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                if not json_at and not rest:
                    copy.write_row(row)
                    count += 1
                    continue
                values = list(row)
                for index in json_at:
                    value = values[index]
                    if value is not None:
                        # Few distinct values (warning lists): dump each once.
                        key = tuple(value) if isinstance(value, list) else repr(value)
                        if key not in dumped:
                            dumped[key] = json.dumps(value)
                        values[index] = dumped[key]
                if rest:
                    values.extend(_default(field) for field in rest)
                copy.write_row(values)
                count += 1
        return count
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table} ({names}) VALUES ({placeholders})"  # noqa: S608 - model names
    iterator = iter(rows)
    with connection.cursor() as cursor:
        while batch := list(islice(iterator, BATCH)):
            cursor.executemany(
                sql,
                [
                    [
                        field.get_db_prep_save(value, connection)
                        for field, value in zip(
                            fields, (*row, *(_default(field) for field in rest)), strict=True
                        )
                    ]
                    for row in batch
                ],
            )
            count += len(batch)
    return count


def update(model: type[models.Model], attnames: list[str], rows: Iterable[tuple]) -> None:
    """One UPDATE per row, sent with executemany; each row is (pk, *values of attnames).
    Django's bulk_update builds a CASE per field and row, which took minutes for 25,000
    rows on SQLite."""
    fields = [model._meta.get_field(name.removesuffix("_id")) for name in attnames]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    pk = quote(model._meta.pk.column)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {pk} = %s"  # noqa: S608
    iterator = iter(rows)
    with connection.cursor() as cursor:
        while batch := list(islice(iterator, BATCH)):
            cursor.executemany(
                sql,
                [
                    [
                        *(
                            field.get_db_prep_save(value, connection)
                            for field, value in zip(fields, values, strict=True)
                        ),
                        key,
                    ]
                    for key, *values in batch
                ],
            )
