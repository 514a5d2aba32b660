"""Write src/qa/index/message_phrases.txt: the messages of the dev chat sets typed with
diacritics, one per line, from which diacritic restoration (qa.index.accents) learns how members
write besides how the documents do ("minh dang o ngoai duong" is "mình đang ở ngoài đường",
not "minh đảng …"; "van phai ngoi lam" is "vẫn phải ngồi làm", not "văn phải …").

    .venv/bin/python scripts/build_message_phrases.py

Held-out and measure-only sets (eval/README.md: chat_heldout, chat_party_heldout, chat_fresh6,
chat_fresh8) are never read. The scope classifier reads messages as restored: after a change
here, refit it (scripts/train_scope.py) and keep the refit only if `qa eval` on the chat sets
says so (the shipped one was fitted before this file existed; refitted on the new restoration, it
quoted documents for 2–8 points more of the small talk of five of the chat sets).
"""

from __future__ import annotations

from pathlib import Path

from qa.evaluation.datasets import chat_messages
from qa.index.accents import MESSAGE_PHRASES
from qa.text import has_diacritics

REPO = Path(__file__).resolve().parents[1]
DEV_CHAT_SETS = (
    "chat_dev", "chat_party_dev", "chat_fresh", "chat_fresh2", "chat_fresh3", "chat_fresh4",
    "chat_fresh5", "chat_fresh7",
)  # fmt: skip
HEADER = """\
# Messages members typed with diacritics (the dev chat sets, written by
# scripts/build_message_phrases.py): diacritic restoration (accents.py) learns how members write
# from them as well as from the collection and question_phrases.txt.
"""


def main() -> None:
    texts = [
        " ".join(m.text.split())
        for name in DEV_CHAT_SETS
        for m in chat_messages(REPO / "eval" / f"{name}.jsonl")
        if has_diacritics(m.text)
    ]
    lines = sorted(dict.fromkeys(texts))
    MESSAGE_PHRASES.write_text(HEADER + "\n".join(lines) + "\n", "utf-8")
    print(f"{len(lines)} messages written to {MESSAGE_PHRASES.relative_to(REPO)}")


if __name__ == "__main__":
    main()
