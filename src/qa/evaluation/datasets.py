"""Dev sets as (documents to index, questions with what counts as a hit)."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from qa.text import normalize_inline


@dataclass(frozen=True)
class EvalQuestion:
    id: str
    question: str
    kind: str
    evidence: str | None = None  # a hit is a passage containing it
    gold_documents: frozenset[str] = frozenset()  # or a passage of one of these documents
    pair: str | None = None

    @property
    def answerable(self) -> bool:
        return self.evidence is not None or bool(self.gold_documents)

    def is_hit(self, document_path: str, passage_text: str) -> bool:
        if self.evidence is not None:
            return self.evidence in normalize_inline(passage_text)
        return document_path in self.gold_documents


def load_party_questions(path: Path) -> list[EvalQuestion]:
    questions = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        evidence = normalize_inline(row["evidence"]) if row.get("evidence") else None
        questions.append(
            EvalQuestion(row["id"], row["question"], row["kind"], evidence, pair=row.get("pair"))
        )
    return questions


def write_party_collection(starter: Path, corpus: Path, target: Path) -> Path:
    """The starter collection plus the journal articles (eval only: not shipped)."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(starter, target)
    articles = target / "bai-viet"
    articles.mkdir()
    for line in (corpus / "party_admin_200.jsonl").read_text("utf-8").splitlines():
        row = json.loads(line)
        if row["kind"] == "party_politics_article":
            (articles / f"{row['doc_id']}.txt").write_text(row["text"], "utf-8")
    return target
