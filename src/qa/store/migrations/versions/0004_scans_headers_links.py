"""scanned pages, header fields, source links, OCR page cache, links between documents

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("pages", sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column("scanned_pages", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("place", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("signer", sa.String(length=300), nullable=True))
        batch.add_column(sa.Column("recipients", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("source_url", sa.String(length=2000), nullable=True))
    op.create_table(
        "ocr_pages",
        sa.Column("engine_key", sa.String(length=200), primary_key=True),
        sa.Column("content_hash", sa.String(length=64), primary_key=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "document_links",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("source_path", sa.String(length=1000), nullable=False, index=True),
        sa.Column("relation", sa.String(length=16), nullable=False),
        sa.Column("target_number", sa.String(length=100), nullable=False),
        sa.Column("target_type", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("source_path", "relation", "target_number"),
    )


def downgrade() -> None:
    op.drop_table("document_links")
    op.drop_table("ocr_pages")
    with op.batch_alter_table("documents") as batch:
        for column in ("source_url", "recipients", "signer", "place", "scanned_pages", "pages"):
            batch.drop_column(column)
