"""PostgreSQL through its client tools: the dump into an archive, and the load of a dump."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from contextlib import closing
from pathlib import Path

from .archive import DatabaseFacts, counted_tables
from .errors import BackupError


def _pg_params(connection) -> dict[str, str]:
    params = connection.settings_dict
    values = {
        "host": params.get("HOST"),
        "port": params.get("PORT"),
        "user": params.get("USER"),
        "password": params.get("PASSWORD"),
        "dbname": params.get("NAME"),
    }
    return {k: str(v) for k, v in values.items() if v}


def _pg_environment(connection) -> dict[str, str]:
    names = {"host": "PGHOST", "port": "PGPORT", "user": "PGUSER", "password": "PGPASSWORD"}
    names["dbname"] = "PGDATABASE"
    return {**os.environ, **{names[k]: v for k, v in _pg_params(connection).items()}}


def _run_pg_tool(command: list[str], connection, what: str) -> None:
    """Run a PostgreSQL client; on failure `what` (a Russian sentence) leads the message and the
    tool's own output follows on the next line, for whoever has to find the cause."""
    if shutil.which(command[0]) is None:
        raise BackupError(
            f"Не найдена программа {command[0]}: установите клиент PostgreSQL той же "
            "версии, что и сервер (в Debian — пакет postgresql-client)."
        )
    done = subprocess.run(
        command,
        env=_pg_environment(connection),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    if done.returncode != 0:
        raise BackupError(f"{what}\nСообщение {command[0]}: {done.stderr.strip()}")


# --- backup ----------------------------------------------------------------------------------


def pg_dump(connection, target: Path, path: Path) -> DatabaseFacts:
    """Dump the snapshot the counts and migrations were read in (uncompressed: the whole archive
    is compressed once)."""
    raw = connection.Database.connect(**_pg_params(connection))
    try:
        raw.autocommit = True
        with closing(raw.cursor()) as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            facts = _pg_live_facts(cursor)
            _run_pg_tool(
                ["pg_dump", "--format=custom", "--compress=0", f"--snapshot={snapshot}"]
                + [f"--file={target}"],
                connection,
                f"Не удалось сделать копию базы PostgreSQL для {path.name}.",
            )
            cursor.execute("COMMIT")
    finally:
        raw.close()
    return facts


def _pg_live_facts(cursor) -> DatabaseFacts:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    tables = {row[0] for row in cursor.fetchall()}
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    migrations = [f"{app}.{name}" for app, name in cursor.fetchall()]
    counts = {}
    for label, table in counted_tables().items():
        if table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')
            counts[label] = cursor.fetchone()[0]
    return DatabaseFacts(migrations, counts, tables)


# --- restore ---------------------------------------------------------------------------------

_COPY = re.compile(r'COPY (?:"?\w+"?\.)?"?(\w+)"? \((.*)\) FROM stdin;')
_CREATE = re.compile(r'CREATE TABLE (?:"?\w+"?\.)?"?(\w+)"? \(')


def pg_script(connection, database: Path, script: Path, path: Path) -> DatabaseFacts:
    """Turn the dump into the SQL script the restore runs, and read from it what it would load."""
    _run_pg_tool(
        ["pg_restore", "--no-owner", "--no-privileges", f"--file={script}", str(database)],
        connection,
        f"{path.name}: база {database.name} не читается как копия PostgreSQL — копия повреждена.",
    )
    return _script_facts(script)


def _script_facts(script: Path) -> DatabaseFacts:
    """Tables, migrations and counts from a plain-SQL dump: one COPY line per row."""
    counted = {table: label for label, table in counted_tables().items()}
    tables, counts, migrations = set(), {}, None
    with open(script, encoding="utf-8") as lines:
        for line in lines:
            if created := _CREATE.match(line):
                tables.add(created.group(1))
            elif copied := _COPY.match(line):
                table = copied.group(1)
                columns = [c.strip('"') for c in copied.group(2).split(", ")]
                rows = _copy_rows(lines)
                if table in counted:
                    counts[counted[table]] = len(rows)
                if table == "django_migrations":
                    app, name = columns.index("app"), columns.index("name")
                    migrations = [f"{r[app]}.{r[name]}" for r in (r.split("\t") for r in rows)]
    return DatabaseFacts(migrations, counts, tables)


def _copy_rows(lines) -> list[str]:
    rows = []
    for line in lines:
        if line.rstrip("\n") == "\\.":
            break
        rows.append(line.rstrip("\n"))
    return rows


# Tables of the installation go first, so that the copy lands on an empty schema even when the
# installation was migrated by a newer version; the whole script is one transaction.
_PG_CLEAR = """
DO $$ DECLARE t record; BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
    EXECUTE format('DROP TABLE IF EXISTS %I CASCADE', t.tablename);
  END LOOP;
END $$;
"""


def pg_restore(connection, script: Path, path: Path) -> None:
    clear = script.with_name("clear.sql")
    clear.write_text(_PG_CLEAR, encoding="utf-8")
    _run_pg_tool(
        [
            "psql",
            "--no-psqlrc",
            "--quiet",
            "--set=ON_ERROR_STOP=1",
            "--single-transaction",
            f"--file={clear}",
            f"--file={script}",
        ],
        connection,
        f"Не удалось восстановить базу PostgreSQL из {path.name}; изменения отменены.",
    )
