"""Retrieval and refusal evaluation on dev sets (``qa eval``, refusal calibration)."""
