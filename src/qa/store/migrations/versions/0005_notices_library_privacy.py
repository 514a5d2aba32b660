"""subscriptions and new-document notices, feedback comments, app state (the journal's salt),
an index on when questions were asked (retention)

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "subscriptions",
        sa.Column("channel", sa.String(length=16), primary_key=True),
        sa.Column("chat_id", sa.String(length=64), primary_key=True),
        sa.Column("is_group", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("subscribed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "notices",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("build_id", sa.Integer(), nullable=False),
        sa.Column("documents", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "notice_deliveries",
        sa.Column(
            "notice_id",
            sa.Integer(),
            sa.ForeignKey("notices.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("channel", sa.String(length=16), primary_key=True),
        sa.Column("chat_id", sa.String(length=64), primary_key=True),
        sa.Column("status", sa.String(length=16), nullable=False, index=True),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
    )
    op.create_table(
        "app_state",
        sa.Column("key", sa.String(length=64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    with op.batch_alter_table("feedback") as batch:
        batch.add_column(sa.Column("comment", sa.Text(), nullable=True))
    op.create_index("ix_questions_asked_at", "questions", ["asked_at"])
    op.create_index("ix_questions_user_id", "questions", ["user_id"])
    _hash_journal_ids()


def _hash_journal_ids() -> None:
    """Questions and feedback stored before this revision hold the chat services' raw user
    and chat ids: replace them by the salted hashes stored from now on (qa.privacy)."""
    from qa.privacy import pseudonym, stored_salt
    from qa.settings import Settings

    connection = op.get_bind()
    stored = stored_salt(connection)  # created now, also when a salt is configured
    configured = Settings().journal_salt  # as qa.service.QAService.journal reads it
    salt = configured.get_secret_value() if configured else stored
    questions = sa.table(
        "questions",
        sa.column("id", sa.Integer),
        sa.column("channel", sa.String),
        sa.column("chat_id", sa.String),
        sa.column("user_id", sa.String),
    )
    feedback = sa.table(
        "feedback", sa.column("question_id", sa.Integer), sa.column("user_id", sa.String)
    )
    channels = {}
    for qid, channel, chat_id, user_id in connection.execute(
        sa.select(questions.c.id, questions.c.channel, questions.c.chat_id, questions.c.user_id)
    ).all():
        channels[qid] = channel
        connection.execute(
            sa.update(questions)
            .where(questions.c.id == qid)
            .values(
                chat_id=pseudonym(salt, channel, chat_id), user_id=pseudonym(salt, channel, user_id)
            )
        )
    for qid, user_id in connection.execute(
        sa.select(feedback.c.question_id, feedback.c.user_id)
    ).all():
        connection.execute(
            sa.update(feedback)
            .where(feedback.c.question_id == qid, feedback.c.user_id == user_id)
            .values(user_id=pseudonym(salt, channels[qid], user_id))
        )


def downgrade() -> None:
    op.drop_index("ix_questions_user_id", "questions")
    op.drop_index("ix_questions_asked_at", "questions")
    with op.batch_alter_table("feedback") as batch:
        batch.drop_column("comment")
    op.drop_table("app_state")
    op.drop_table("notice_deliveries")
    op.drop_table("notices")
    op.drop_table("subscriptions")
