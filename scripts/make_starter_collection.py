"""Write the starter collection into documents/ from ../shared/corpus (run once; output is committed).

The Quảng Trị conference report and the 99 administrative documents, one UTF-8 text file per
document with a readable file name. The journal articles are not shipped (unclear rights).
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from qa.text import normalize, strip_accents

QUANG_TRI = "quang-tri-2021-07-01-so-ket-cong-tac-to-chuc-xay-dung-dang.txt"
QUANG_TRI_META = """\
# A report of the 1 July 2021 conference, not a numbered document: only what the text states.
type = "Báo cáo"
date = 2021-07-01
"""


def slug(title: str, limit: int = 90) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", strip_accents(title).lower()).split()
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > limit:
            break
        out = f"{out}-{word}" if out else word
    return out or "van-ban"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--out", type=Path, default=Path("documents"))
    args = parser.parse_args()

    report = args.out / "bao-cao"
    report.mkdir(parents=True, exist_ok=True)
    text = (args.corpus / QUANG_TRI).read_text("utf-8")
    text = text.replace("loading....", "")  # page-scraping residue, not part of the report
    (report / QUANG_TRI).write_text(normalize(text) + "\n", "utf-8")
    (report / QUANG_TRI.replace(".txt", ".meta.toml")).write_text(QUANG_TRI_META, "utf-8")

    admin = args.out / "van-ban-hanh-chinh"
    admin.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    count = 0
    for line in (args.corpus / "party_admin_200.jsonl").read_text("utf-8").splitlines():
        row = json.loads(line)
        if row["kind"] != "administrative_document":
            continue
        name = slug(row["title"])
        if name in used:
            name = f"{name}-{row['doc_id']}"
        used.add(name)
        (admin / f"{name}.txt").write_text(normalize(row["text"]) + "\n", "utf-8")
        count += 1
    print(f"wrote 1 report and {count} administrative documents under {args.out}")


if __name__ == "__main__":
    main()
