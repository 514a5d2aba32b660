"""the kind of each reply: answer, refusal, out of scope, small talk

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("questions") as batch:
        batch.add_column(
            sa.Column("kind", sa.String(length=16), nullable=False, server_default="answer")
        )
    op.execute("UPDATE questions SET kind = 'refusal' WHERE NOT answered")


def downgrade() -> None:
    with op.batch_alter_table("questions") as batch:
        batch.drop_column("kind")
