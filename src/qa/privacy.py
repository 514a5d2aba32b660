"""Members' ids as the journal keeps them: salted hashes, never the chat service's own ids.

The salt is QA_JOURNAL_SALT when set, else a random value generated once and kept in the
database's ``app_state`` table, so that every process on one database hashes alike.
"""

from __future__ import annotations

import hashlib
import secrets

import sqlalchemy as sa
from sqlalchemy import Connection

SALT_KEY = "journal_salt"

# Plain table objects rather than the ORM classes: migration 0005 uses these functions too.
_APP_STATE = sa.table("app_state", sa.column("key", sa.String), sa.column("value", sa.Text))


def pseudonym(salt: str, channel: str, raw_id: str) -> str:
    """The hash stored for a user or chat id of a channel (64 hex digits)."""
    return hashlib.sha256(f"{salt}:{channel}:{raw_id}".encode()).hexdigest()


def stored_salt(connection: Connection) -> str:
    """The database's own salt, created by the first caller."""
    found = connection.execute(
        sa.select(_APP_STATE.c.value).where(_APP_STATE.c.key == SALT_KEY)
    ).scalar()
    if found is not None:
        return found
    salt = secrets.token_hex(32)
    connection.execute(sa.insert(_APP_STATE).values(key=SALT_KEY, value=salt))
    return salt
