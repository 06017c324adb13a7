"""Backup and restore of a whole installation: the database and the stored originals in one archive.

The archive is a gzip-compressed tar file:

    database.sqlite3     the embedded database, copied with SQLite's online backup API, or
    database.dump        PostgreSQL's custom-format `pg_dump` (one exported snapshot)
    media/...            every file under MEDIA_ROOT
    manifest.json        format, database kind, applied migrations, time of the copy, and what
                         the restore checks the copy against: `counts` of the main tables,
                         `database_sha256` of the database member, `media` (path → SHA-256)

Both copies are consistent while the app keeps serving and writing: the SQLite backup step reads
one snapshot (WAL lets writers go on); on PostgreSQL the counts and migrations are read in one
repeatable-read transaction whose snapshot `pg_dump` shares. The database is copied before the
files, so every original the copied rows point at is already on disk.

A restore checks the whole archive before it touches anything — the checksums of the database and
of every file, that the database is MuniPlan's at a migration state this version knows, and that
its applied migrations and table counts are the ones the manifest records — refuses an
installation that holds data unless told to replace it, replaces the database in one step (SQLite
backup into the file; one `psql` transaction on PostgreSQL) and then puts the files in place.

Archives written before the manifest carried `counts`, `database_sha256` and `media` still
restore: their database must still be a MuniPlan database whose migrations match the manifest,
and files stored under their SHA-256 names are checked against the name; the rest cannot be.

Modules: `archive` (the format, the manifest's facts, checksums), `write` (the backup), `unpack`
(reading an archive back), `checks` (what an archive and the installation must pass before a
restore), `restore`, `sqlite` and `postgres` (each database kind's copy and load), `errors`.
"""

from .archive import (
    COUNTED,
    DATABASE_MEMBER,
    FORMAT,
    MANIFEST,
    MEDIA_PREFIX,
    VENDOR_NAMES,
    VERSION,
    DatabaseFacts,
)
from .checks import installation_contents
from .errors import BackupError
from .restore import RestoreResult, installation_restore
from .write import BackupResult, installation_backup

__all__ = [
    "COUNTED",
    "DATABASE_MEMBER",
    "FORMAT",
    "MANIFEST",
    "MEDIA_PREFIX",
    "VENDOR_NAMES",
    "VERSION",
    "BackupError",
    "BackupResult",
    "DatabaseFacts",
    "RestoreResult",
    "installation_backup",
    "installation_contents",
    "installation_restore",
]
