"""durable conversation state (members' threads and scopes, rate-limit events, updates
handled), reindex progress and heartbeat, index builds and source documents published
through the database

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "member_state",
        sa.Column("channel", sa.String(length=16), primary_key=True),
        sa.Column("chat_id", sa.String(length=64), primary_key=True),
        sa.Column("user_id", sa.String(length=64), primary_key=True),
        sa.Column("topic", sa.Text(), nullable=True),
        sa.Column("quotes", sa.JSON(), nullable=True),
        sa.Column("question_id", sa.Integer(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("scope_path", sa.String(length=1000), nullable=True),
        sa.Column("scope_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("shelf", sa.JSON(), nullable=True),
        sa.Column("card_path", sa.String(length=1000), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, index=True),
    )
    op.create_table(
        "rate_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Index("ix_rate_events_key_at", "key", "at"),
    )
    op.create_table(
        "handled_updates",
        sa.Column("channel", sa.String(length=16), primary_key=True),
        sa.Column("update_id", sa.String(length=64), primary_key=True),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "build_files",
        sa.Column(
            "build_id",
            sa.Integer(),
            sa.ForeignKey("index_builds.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("name", sa.String(length=200), primary_key=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
    )
    op.create_table(
        "source_files",
        sa.Column("path", sa.String(length=1000), primary_key=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=True),
        sa.Column("removed", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    with op.batch_alter_table("index_builds") as batch:
        batch.add_column(sa.Column("progress_done", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("progress_total", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("progress_unit", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("host", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("index_builds") as batch:
        for column in ("host", "heartbeat_at", "progress_unit", "progress_total", "progress_done"):
            batch.drop_column(column)
    op.drop_table("source_files")
    op.drop_table("build_files")
    op.drop_table("handled_updates")
    op.drop_table("rate_events")
    op.drop_table("member_state")
