"""The chat channels (Telegram, Zalo) on top of the ``qa`` core."""
