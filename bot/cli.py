"""``qa bot telegram|zalo|all``: added to the ``qa`` command through an entry point, so that
the core never imports the channels."""

from __future__ import annotations

import sys

import click

from qa import messages

TOKENS = {"telegram": "TELEGRAM_BOT_TOKEN", "zalo": "ZALO_BOT_TOKEN"}
SECRETS = {"telegram": "TELEGRAM_WEBHOOK_SECRET", "zalo": "ZALO_WEBHOOK_SECRET"}


@click.command("bot")
@click.argument("channel", type=click.Choice(["telegram", "zalo", "all"]))
@click.pass_context
def bot_command(ctx: click.Context, channel: str) -> None:
    """Chạy bot Telegram, Zalo, hoặc cả hai (all) trong một tiến trình."""
    from bot.run import configured, run
    from bot.settings import BotSettings
    from qa.cli import service_of, user_errors

    settings = BotSettings()
    available = configured(settings)
    channels = available if channel == "all" else [channel]
    if not channels or not set(channels) <= set(available):
        names = " / ".join(TOKENS.values() if channel == "all" else [TOKENS[channel]])
        _fail(messages.BOT_TOKEN_MISSING.format(name=names))
    webhook = {"telegram": settings.telegram_webhook_url, "zalo": settings.zalo_webhook_url}
    secret = {"telegram": settings.telegram_webhook_secret, "zalo": settings.zalo_webhook_secret}
    for name in channels:
        if webhook[name] and secret[name] is None:
            _fail(messages.BOT_WEBHOOK_SECRET_MISSING.format(name=SECRETS[name]))
    with user_errors():
        service = service_of(ctx)
        service.snapshot()  # fail early, with the Vietnamese message, if there is no index
    run(service, settings, channels)


def _fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(1)
