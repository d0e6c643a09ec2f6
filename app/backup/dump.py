"""Back up and restore the database: SQLite's online backup, pg_dump/pg_restore, or portable JSON.

SQLite copies page by page while the server keeps running (a consistent snapshot, WAL
included). PostgreSQL uses pg_dump's custom format when the client tools are installed. The JSON
form works on any database SQLAlchemy speaks: every table's rows, restored in dependency order.
"""

import base64
import json
import shutil
import sqlite3
import subprocess
from contextlib import closing
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import insert, select

from app.extensions import db

FORMAT_VERSION = 1


def kind_of(url: str) -> str:
    """Return 'sqlite', 'postgresql' or the dialect name of a database URL."""
    return url.split(":", 1)[0].split("+", 1)[0]


def default_format(url: str) -> str:
    """Return the best backup format for a database: native when possible, else JSON."""
    if kind_of(url) == "sqlite":
        return "sqlite"
    if kind_of(url) == "postgresql" and shutil.which("pg_dump") and shutil.which("pg_restore"):
        return "pg_dump"
    return "json"


def _sqlite_path(url: str) -> Path:
    return Path(url.split("///", 1)[1])


def _libpq_url(url: str) -> str:
    # pg_dump speaks libpq URLs: drop SQLAlchemy's driver suffix (postgresql+psycopg://).
    scheme, rest = url.split("://", 1)
    return f"{scheme.split('+', 1)[0]}://{rest}"


def backup(url: str, target: Path, fmt: str) -> None:
    """Write a backup of the database at `url` to `target`."""
    if fmt == "sqlite":
        _copy_sqlite(_sqlite_path(url), target)
    elif fmt == "pg_dump":
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", f"--file={target}", _libpq_url(url)],
            check=True,
        )
    else:
        target.write_text(json.dumps(_dump_rows(), ensure_ascii=False, default=_encode))


def restore(url: str, source: Path, fmt: str) -> None:
    """Replace the database at `url` with the backup in `source`."""
    db.session.remove()
    db.engine.dispose()
    if fmt == "sqlite":
        _check_sqlite_backup(source)
        _copy_sqlite(source, _sqlite_path(url))
    elif fmt == "pg_dump":
        subprocess.run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                f"--dbname={_libpq_url(url)}",
                str(source),
            ],
            check=True,
        )
    else:
        _load_rows(json.loads(source.read_text()))


def _copy_sqlite(source: Path, target: Path) -> None:
    """Copy one SQLite database onto another with the online backup API (a consistent copy)."""
    with closing(sqlite3.connect(source)) as origin, closing(sqlite3.connect(target)) as copy:
        origin.backup(copy)


def _check_sqlite_backup(path: Path) -> None:
    """Refuse a file that is not a Brugwerk SQLite backup before touching the live database."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    if not {"boards", "events", "users"} <= tables:
        raise ValueError(f"{path} is not a Brugwerk database backup")


def _encode(value):
    if isinstance(value, datetime | date):
        return {"$date": value.isoformat()}
    if isinstance(value, bytes):
        return {"$bytes": base64.b64encode(value).decode()}
    raise TypeError(f"cannot back up {type(value).__name__}")


def _decode(column, value):
    if isinstance(value, dict) and "$date" in value:
        parsed = datetime.fromisoformat(value["$date"])
        return parsed.date() if column.type.python_type is date else parsed
    if isinstance(value, dict) and "$bytes" in value:
        return base64.b64decode(value["$bytes"])
    return value


def _dump_rows() -> dict:
    tables = {}
    with db.engine.connect() as conn:
        for table in db.metadata.sorted_tables:
            rows = conn.execute(select(table)).mappings().all()
            tables[table.name] = [dict(row) for row in rows]
    return {"format": "brugwerk-json", "version": FORMAT_VERSION, "tables": tables}


def _load_rows(data: dict) -> None:
    if data.get("format") != "brugwerk-json":
        raise ValueError("not a Brugwerk JSON backup")
    with db.engine.begin() as conn:
        for table in reversed(db.metadata.sorted_tables):
            conn.execute(table.delete())
        for table in db.metadata.sorted_tables:
            rows = [
                {key: _decode(table.c[key], value) for key, value in row.items()}
                for row in data["tables"].get(table.name, [])
            ]
            if rows:
                conn.execute(insert(table), rows)
        if conn.dialect.name == "postgresql":  # ids go on after the restored ones
            for table in db.metadata.sorted_tables:
                serial = table.autoincrement_column  # None for a text key (hosts.id)
                if serial is not None:
                    conn.exec_driver_sql(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', '{serial.name}'), "
                        f"COALESCE((SELECT MAX({serial.name}) FROM {table.name}), 0) + 1, false)"
                    )
