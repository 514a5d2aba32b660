"""Settings of the chat bots, from environment variables or a `.env` file (see the README)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.access import AccessPolicy
from bot.once import UPDATE_LEASE_SECONDS

Ids = Annotated[frozenset[str], NoDecode]  # "123, 456" in the environment


class BotSettings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", populate_by_name=True
    )

    # Who may use the bots: "open" to everyone, or "restricted" to the listed users and chats.
    access: Literal["open", "restricted"] = Field("open", alias="BOT_ACCESS")
    questions_per_minute: int = Field(10, alias="BOT_QUESTIONS_PER_MINUTE", ge=1)
    max_upload_mb: int = Field(20, alias="BOT_MAX_UPLOAD_MB", ge=1, le=2000)
    # a claimed update not renewed this long is taken over by a replica that gets it (bot.once)
    update_lease_seconds: float = Field(
        UPDATE_LEASE_SECONDS, alias="BOT_UPDATE_LEASE_SECONDS", gt=0
    )

    telegram_token: SecretStr | None = Field(None, alias="TELEGRAM_BOT_TOKEN")
    telegram_admin_ids: Ids = Field(frozenset(), alias="TELEGRAM_ADMIN_IDS")
    telegram_allowed_user_ids: Ids = Field(frozenset(), alias="TELEGRAM_ALLOWED_USER_IDS")
    telegram_allowed_chat_ids: Ids = Field(frozenset(), alias="TELEGRAM_ALLOWED_CHAT_IDS")
    telegram_base_url: str = Field("https://api.telegram.org", alias="TELEGRAM_BASE_URL")
    telegram_webhook_url: str | None = Field(None, alias="TELEGRAM_WEBHOOK_URL")
    telegram_webhook_secret: SecretStr | None = Field(None, alias="TELEGRAM_WEBHOOK_SECRET")
    telegram_webhook_listen: str = Field("127.0.0.1", alias="TELEGRAM_WEBHOOK_LISTEN")
    telegram_webhook_port: int = Field(8443, alias="TELEGRAM_WEBHOOK_PORT")

    zalo_token: SecretStr | None = Field(None, alias="ZALO_BOT_TOKEN")
    zalo_admin_ids: Ids = Field(frozenset(), alias="ZALO_ADMIN_IDS")
    zalo_allowed_user_ids: Ids = Field(frozenset(), alias="ZALO_ALLOWED_USER_IDS")
    zalo_base_url: str = Field("https://bot-api.zaloplatforms.com", alias="ZALO_BASE_URL")
    zalo_webhook_url: str | None = Field(None, alias="ZALO_WEBHOOK_URL")
    zalo_webhook_secret: SecretStr | None = Field(None, alias="ZALO_WEBHOOK_SECRET")
    zalo_webhook_listen: str = Field("127.0.0.1", alias="ZALO_WEBHOOK_LISTEN")
    zalo_webhook_port: int = Field(8444, alias="ZALO_WEBHOOK_PORT")

    # GET /health for the load balancer (bot.health); port 0 turns it off
    health_listen: str = Field("127.0.0.1", alias="BOT_HEALTH_LISTEN")
    health_port: int = Field(8080, alias="BOT_HEALTH_PORT", ge=0, le=65535)

    @field_validator(
        "telegram_admin_ids",
        "telegram_allowed_user_ids",
        "telegram_allowed_chat_ids",
        "zalo_admin_ids",
        "zalo_allowed_user_ids",
        mode="before",
    )
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return frozenset(part.strip() for part in value.split(",") if part.strip())
        return value

    @property
    def telegram_access(self) -> AccessPolicy:
        return AccessPolicy(
            open=self.access == "open",
            admins=self.telegram_admin_ids,
            users=self.telegram_allowed_user_ids,
            chats=self.telegram_allowed_chat_ids,
        )

    @property
    def zalo_access(self) -> AccessPolicy:
        return AccessPolicy(
            open=self.access == "open",
            admins=self.zalo_admin_ids,
            users=self.zalo_allowed_user_ids,
            chats=frozenset(),
        )

    def secrets(self) -> list[str]:
        """Values that must never appear in logs."""
        values = (
            self.telegram_token,
            self.telegram_webhook_secret,
            self.zalo_token,
            self.zalo_webhook_secret,
        )
        return [v.get_secret_value() for v in values if v is not None and v.get_secret_value()]
