"""A list or part marker alone on its line ("1.", "II.", "a)", "2.3.") joined to the line it
numbers: "I.\\nNội dung phong trào thi đua" reads "I. Nội dung phong trào thi đua", so the
part, the item and the heading are found as in any other document."""

from __future__ import annotations

import re

_BARE_MARKER = re.compile(r"^((?:[IVXLC]{1,5}|\d{1,2}(?:\.\d{1,2})*|[a-zđ])[.)])\n(?=\S)", re.M)


def attach_markers(text: str) -> str:
    return _BARE_MARKER.sub(r"\1 ", text)
