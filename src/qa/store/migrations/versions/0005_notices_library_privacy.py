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


def downgrade() -> None:
    op.drop_index("ix_questions_user_id", "questions")
    op.drop_index("ix_questions_asked_at", "questions")
    with op.batch_alter_table("feedback") as batch:
        batch.drop_column("comment")
    op.drop_table("app_state")
    op.drop_table("notice_deliveries")
    op.drop_table("notices")
    op.drop_table("subscriptions")
