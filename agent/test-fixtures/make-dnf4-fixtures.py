#!/usr/bin/env python3
"""Writes the dnf 4 history fixtures from an installroot where real dnf ran.

    FLEETLAB_KEEP_DNF_ROOT=/tmp/dnf-root npm test -- agent/src/history/dnf-installroot
    python3 agent/test-fixtures/make-dnf4-fixtures.py /tmp/dnf-root

dnf4-history.sqlite
    The installroot's var/lib/dnf/history.sqlite with its WAL folded in (by SQLite),
    rewritten with 512-byte pages and a rollback journal to keep it small. Every row
    is the one dnf wrote.
dnf4-history-wal.sqlite and dnf4-history-wal.sqlite-wal
    The same rows split the way a live host can have them: transactions 1 to 4 in
    the database file, the later ones committed (one SQLite transaction each) to a
    WAL that was not checkpointed. Both files are written by SQLite itself.
"""

import os
import shutil
import sqlite3
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SPLIT_AFTER = 4


def compact(source, target):
    with tempfile.TemporaryDirectory() as tmp:
        work = os.path.join(tmp, "history.sqlite")
        reader = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        writer = sqlite3.connect(work)
        reader.backup(writer)
        reader.close()
        writer.execute("PRAGMA journal_mode=DELETE")
        writer.execute("PRAGMA page_size=512")
        writer.execute("VACUUM")
        writer.close()
        shutil.copyfile(work, target)


def split_into_wal(full, target):
    with tempfile.TemporaryDirectory() as tmp:
        work = os.path.join(tmp, "history.sqlite")
        shutil.copyfile(full, work)
        db = sqlite3.connect(work, isolation_level=None)
        later = [row[0] for row in db.execute("SELECT id FROM trans WHERE id > ? ORDER BY id", (SPLIT_AFTER,))]
        db.execute("DELETE FROM trans_item WHERE trans_id > ?", (SPLIT_AFTER,))
        db.execute("DELETE FROM console_output WHERE trans_id > ?", (SPLIT_AFTER,))
        db.execute("DELETE FROM trans WHERE id > ?", (SPLIT_AFTER,))
        db.execute("VACUUM")
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA wal_autocheckpoint=0")
        db.execute("ATTACH DATABASE ? AS full", (f"file:{full}?mode=ro",))
        for trans_id in later:
            db.execute("BEGIN")
            db.execute("INSERT INTO trans SELECT * FROM full.trans WHERE id = ?", (trans_id,))
            db.execute("INSERT INTO trans_item SELECT * FROM full.trans_item WHERE trans_id = ?", (trans_id,))
            db.execute("COMMIT")
        # Copied while the connection is open: closing it would checkpoint the WAL.
        shutil.copyfile(work, target)
        shutil.copyfile(f"{work}-wal", f"{target}-wal")
        db.close()


def main():
    root = sys.argv[1]
    history = os.path.join(root, "var", "lib", "dnf", "history.sqlite")
    full = os.path.join(HERE, "dnf4-history.sqlite")
    compact(history, full)
    split_into_wal(full, os.path.join(HERE, "dnf4-history-wal.sqlite"))


if __name__ == "__main__":
    main()
