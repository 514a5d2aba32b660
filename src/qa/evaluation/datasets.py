"""Dev sets as (documents to index, questions with what counts as a hit).

- the in-domain sets (``eval/party_dev.jsonl``, and ``eval/party_heldout.jsonl``, written
  apart from the tuning to check it): the starter collection plus the journal articles of
  ``../shared/corpus``; a hit is a passage containing the question's evidence;
- ALQAC 2023 (``alqac2023/train.json``): one document per law article; a hit is a passage
  of a gold article;
- UIT regulation QA (``uit_regulation/train_reg.json``): one document per paragraph; a hit
  is a passage of the question's paragraph.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
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
    key_points: tuple[str, ...] = ()  # verbatim phrases a complete answer quotes

    @property
    def answerable(self) -> bool:
        return self.evidence is not None or bool(self.gold_documents)

    def is_hit(self, document_path: str, passage_text: str) -> bool:
        if self.evidence is not None:
            return self.evidence in normalize_inline(passage_text)
        return document_path in self.gold_documents


@dataclass(frozen=True)
class DevSet:
    name: str
    questions: list[EvalQuestion]
    write_documents: Callable[[Path], None]  # writes the collection into an empty folder
    collection: str  # sets over the same collection share its index


def _slug(text: str) -> str:
    return re.sub(r"\W+", "-", text).strip("-").lower()


def party_dev_set(path: Path, starter: Path, corpus: Path) -> DevSet:
    """The starter collection plus the journal articles (evaluation only: not shipped)."""
    questions = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            evidence = normalize_inline(row["evidence"]) if row.get("evidence") else None
            questions.append(
                EvalQuestion(
                    row["id"],
                    row["question"],
                    row["kind"],
                    evidence,
                    pair=row.get("pair"),
                    key_points=tuple(normalize_inline(k) for k in row.get("key_points", ())),
                )
            )

    return DevSet(path.stem, questions, party_writer(starter, corpus), "party")


def party_writer(starter: Path, corpus: Path) -> Callable[[Path], None]:
    """Writes the in-domain collection: the starter documents and the journal articles."""

    def write(target: Path) -> None:
        shutil.copytree(starter, target, dirs_exist_ok=True)
        articles = target / "bai-viet"
        articles.mkdir(exist_ok=True)
        for line in (corpus / "party_admin_200.jsonl").read_text("utf-8").splitlines():
            row = json.loads(line)
            if row["kind"] == "party_politics_article":
                (articles / f"{row['doc_id']}.txt").write_text(row["text"], "utf-8")

    return write


def alqac_dev_set(train: Path) -> DevSet:
    laws = json.loads((train.parent / "law.json").read_text("utf-8"))

    def article_path(law: str, article: str) -> str:
        return f"{_slug(law)}/dieu-{article}.txt"

    questions = [
        EvalQuestion(
            row["question_id"],
            row["text"],
            row.get("question_type", "alqac"),
            gold_documents=frozenset(
                article_path(a["law_id"], a["article_id"]) for a in row["relevant_articles"]
            ),
        )
        for row in json.loads(train.read_text("utf-8"))
    ]

    def write(target: Path) -> None:
        for law in laws:
            for article in law["articles"]:
                path = target / article_path(law["id"], article["id"])
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(f"Điều {article['id']}. {article['text']}", "utf-8")

    return DevSet("alqac2023", questions, write, "alqac2023")


def uit_dev_set(train: Path) -> DevSet:
    data = json.loads(train.read_text("utf-8"))["data"]
    paragraphs: dict[str, str] = {}
    questions = []
    for doc_index, document in enumerate(data):
        for par_index, paragraph in enumerate(document["paragraphs"]):
            path = f"{doc_index:03d}-{_slug(document['title'])[:60]}/{par_index:03d}.txt"
            paragraphs[path] = paragraph["context"]
            questions += [
                EvalQuestion(qa["id"], qa["question"], "uit", gold_documents=frozenset({path}))
                for qa in paragraph["qas"]
            ]

    def write(target: Path) -> None:
        for path, text in paragraphs.items():
            (target / path).parent.mkdir(parents=True, exist_ok=True)
            (target / path).write_text(text, "utf-8")

    return DevSet("uit_regulation", questions, write, "uit_regulation")


@dataclass(frozen=True)
class ScopeMessage:
    """A message and the scope it belongs to ("documents", "out_of_scope", "small_talk")."""

    id: str
    text: str
    scope: str
    topic: str
    part: str  # "dev" (trained on) or "heldout" (never trained on)


# Everyday chat (eval/chat_*.jsonl) labels → scopes.
_CHAT_SCOPES = {"in_domain": "documents", "off_topic": "out_of_scope", "small_talk": "small_talk"}
WIKI_HELDOUT_EVERY = 4  # every 4th Wikipedia paragraph's questions are held out of training


def chat_messages(path: Path) -> list[ScopeMessage]:
    """An everyday-chat set; ``*_heldout.jsonl`` is the part never trained on."""
    part = "heldout" if path.stem.endswith("heldout") else "dev"
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return [
        ScopeMessage(row["id"], row["text"], _CHAT_SCOPES[row["label"]], row["topic"], part)
        for row in rows
    ]


def wiki_questions(path: Path) -> list[ScopeMessage]:
    """The UIT Wikipedia questions (general knowledge: out of scope); the questions of every
    ``WIKI_HELDOUT_EVERY``-th paragraph are held out of training."""
    data = json.loads(path.read_text("utf-8"))["data"]
    paragraphs = [p for document in data for p in document["paragraphs"]]
    return [
        ScopeMessage(
            qa["id"],
            qa["question"],
            "out_of_scope",
            "general_knowledge",
            "heldout" if index % WIKI_HELDOUT_EVERY == WIKI_HELDOUT_EVERY - 1 else "dev",
        )
        for index, paragraph in enumerate(paragraphs)
        for qa in paragraph["qas"]
    ]


def is_scope_set(path: Path) -> bool:
    return path.stem.startswith("chat_") or path.parent.name.startswith("uit_wiki")


def load_scope_set(path: Path) -> list[ScopeMessage]:
    return wiki_questions(path) if path.parent.name.startswith("uit_wiki") else chat_messages(path)


def load_dev_set(path: Path, starter: Path, corpus: Path) -> DevSet:
    """The dev set a file belongs to, recognised by its name."""
    if path.suffix == ".jsonl":
        return party_dev_set(path, starter, corpus)
    if path.parent.name.startswith("alqac"):
        return alqac_dev_set(path)
    if path.parent.name.startswith("uit"):
        return uit_dev_set(path)
    raise ValueError(
        f"{path}: not a known dev set (party *.jsonl, alqac2023/train.json, uit_regulation/train_reg.json)"
    )
