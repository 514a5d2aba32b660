"""The ``qa`` command: reindex, ask, search, docs, chat."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import click

from qa import messages
from qa.models import Answer, Hit, ReindexReport
from qa.settings import Settings

EXIT_ERROR = 1
EXIT_PARTIAL = 3  # reindex finished but some files could not be read


@contextmanager
def user_errors() -> Iterator[None]:
    """Known failures become one Vietnamese line on stderr and exit status 1, never a traceback."""
    from sqlalchemy.exc import OperationalError

    from qa.embed import EmbedderError
    from qa.index.build import DocumentsDirMissing
    from qa.index.lock import ReindexBusy
    from qa.service import QAError

    try:
        yield
    except (QAError, ReindexBusy, DocumentsDirMissing) as error:
        _fail(str(error))
    except EmbedderError as error:
        _fail(messages.EMBEDDER_ERROR.format(error=error))
    except OperationalError as error:  # the message of the driver may carry the password
        _fail(messages.DATABASE_ERROR.format(error=type(error.orig).__name__))
    except KeyboardInterrupt:
        sys.exit(130)


def _fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(EXIT_ERROR)


def service_of(ctx: click.Context):  # type: ignore[no-untyped-def]
    from qa.service import QAService

    if ctx.obj is None:
        ctx.obj = QAService(Settings())
    return ctx.obj


def hit_json(hit: Hit) -> dict[str, Any]:
    passage = hit.passage
    meta = passage.meta
    return {
        "document": passage.document_path,
        "title": meta.title,
        "type": meta.doc_type,
        "number": meta.number,
        "date": meta.issued.isoformat() if meta.issued else None,
        "section": passage.section,
        "text": passage.text,
        "score": round(hit.score, 6),
        "replaced_by": meta.replaced_by,
        "repealed_by": meta.repealed_by,
        "amended_by": list(meta.amended_by),
    }


def answer_json(answer: Answer) -> dict[str, Any]:
    return {
        "kind": answer.kind,
        "answered": answer.answered,
        "answer": answer.text,
        "citations": [{**hit_json(c.hit), "quote": c.quote} for c in answer.citations],
    }


def _print_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False))


@click.group()
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Hỏi đáp văn bản của Đảng: lập chỉ mục, hỏi, tìm kiếm, trò chuyện."""


@cli.command("reindex")
@click.option(
    "--full",
    is_flag=True,
    help="Đọc và nhúng lại tất cả, không dùng bộ nhớ đệm vectơ (trang quét đã nhận dạng chữ "
    "vẫn lấy từ bộ nhớ đệm OCR).",
)
@click.option("--im", "quiet", is_flag=True, help=messages.NOTIFY_OPTION_HELP)
@click.pass_context
def reindex_command(ctx: click.Context, full: bool, quiet: bool) -> None:
    """Lập chỉ mục thư mục văn bản (chỉ nhúng lại đoạn mới hoặc thay đổi)."""
    report = _reindex(ctx, full, notify=not quiet)
    click.echo(report.summary())
    if report.failed:
        sys.exit(EXIT_PARTIAL)


def _reindex(ctx: click.Context, full: bool, *, notify: bool = True) -> ReindexReport:
    from tqdm import tqdm

    with user_errors():
        bars = {"pages": messages.REINDEX_READING_BAR, "passages": messages.REINDEX_PROGRESS}
        units = {"pages": " trang", "passages": " đoạn"}
        bar = tqdm(desc=bars["pages"], unit=units["pages"], file=sys.stderr)

        def progress(done: int, total: int, unit: str) -> None:
            if bar.unit != units[unit]:  # pages read, now passages to embed
                bar.set_description_str(bars[unit], refresh=False)
                bar.unit = units[unit]
                bar.reset(total)
            bar.total = total
            bar.n = done
            bar.refresh()

        try:
            return service_of(ctx).reindex(full=full, progress=progress, notify=notify)
        finally:
            bar.close()


@cli.command("add")
@click.argument("url")
@click.pass_context
def add_command(ctx: click.Context, url: str) -> None:
    """Tải một trang web hoặc tệp từ đường liên kết, lưu vào thư mục văn bản (tu-lien-ket/)
    rồi lập chỉ mục."""
    from qa import by_link
    from qa.answer import describe
    from qa.ingest import IngestError
    from qa.ingest.intake import IntakeRejected

    with user_errors():
        settings = service_of(ctx).settings
        try:
            path = by_link.add(url, settings.documents_dir, by_link.limits(settings))
        except (IntakeRejected, IngestError) as error:
            _fail(messages.LINK_REJECTED.format(url=url, reason=error))
    report = _reindex(ctx, full=False)
    click.echo(report.summary())
    relative = path.relative_to(settings.documents_dir.resolve()).as_posix()
    with user_errors():
        found = [d for d in service_of(ctx).documents() if d.path == relative]
    if not found:
        sys.exit(EXIT_PARTIAL)
    click.echo(messages.UPLOAD_DONE.format(path=relative, passages=found[0].passages))
    click.echo(describe(found[0].meta))
    click.echo(f"{messages.FIELD_SOURCE_URL}: {found[0].meta.source_url}")


@cli.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
@click.option(
    "--document",
    metavar="PATH_OR_NUMBER",
    help="Chỉ tìm trong một văn bản: đường dẫn tệp trong thư mục văn bản, hoặc số văn bản "
    '(viết gọn cũng được: "05-CT/TU", "ct 05").',
)
@click.pass_context
def ask(ctx: click.Context, question: str, as_json: bool, document: str | None) -> None:
    """Hỏi một câu và nhận câu trả lời có trích dẫn."""
    with user_errors():
        service = service_of(ctx)
        path = service.find_document(document).path if document else None
        answer = service.ask(question, document=path)
    if as_json:
        _print_json(answer_json(answer))
    else:
        click.echo(answer.text)


@cli.command()
@click.argument("question", required=False)
@click.option("--top-k", default=5, show_default=True, type=click.IntRange(1, 100))
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
@click.pass_context
def search(ctx: click.Context, question: str | None, top_k: int, as_json: bool) -> None:
    """Các đoạn văn phù hợp nhất; không có câu hỏi thì đọc mỗi dòng một câu từ stdin."""
    with user_errors():
        service = service_of(ctx)
        if question is not None:
            _print_hits(service.search(question, top_k), as_json)
            return
        for line in sys.stdin:
            _print_hits(_search_or_empty(service, line, top_k), True)


def _search_or_empty(service, line: str, top_k: int) -> list[Hit]:  # type: ignore[no-untyped-def]
    from qa.service import BadQuestion

    try:
        return service.search(line, top_k)
    except BadQuestion:
        return []


def _print_hits(hits: list[Hit], as_json: bool) -> None:
    if as_json:
        _print_json([hit_json(hit) for hit in hits])
        return
    from qa.answer import describe

    for rank, hit in enumerate(hits, 1):
        passage = hit.passage
        click.echo(f"{rank}. [{hit.score:.4f}] {describe(passage.meta)} — {passage.section}")
        click.echo(f"   {passage.text[:300]}")


@cli.command()
@click.argument("words", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
@click.pass_context
def docs(ctx: click.Context, words: tuple[str, ...], as_json: bool) -> None:
    """Danh sách văn bản đã lập chỉ mục; có bộ lọc (loại, năm, cơ quan ban hành, ví dụ
    "chi thi 2021 quang tri") thì chỉ các văn bản theo bộ lọc, mới nhất trước."""
    from qa.answer import describe
    from qa.answer.compose import link_notices

    with user_errors():
        service = service_of(ctx)
        documents = (
            list(service.library(" ".join(words)).documents) if words else service.documents()
        )
    if as_json:
        _print_json(
            [
                {
                    "document": d.path,
                    "title": d.meta.title,
                    "type": d.meta.doc_type,
                    "number": d.meta.number,
                    "issuer": d.meta.issuer,
                    "date": d.meta.issued.isoformat() if d.meta.issued else None,
                    "replaced_by": d.meta.replaced_by,
                    "repealed_by": d.meta.repealed_by,
                    "amended_by": list(d.meta.amended_by),
                    "place": d.meta.place,
                    "signer": d.meta.signer,
                    "recipients": list(d.meta.recipients),
                    "source_url": d.meta.source_url,
                    "pages": d.meta.pages,
                    "scanned_pages": d.meta.scanned_pages,  # read by OCR
                    "passages": d.passages,
                }
                for d in documents
            ]
        )
        return
    if not documents:
        click.echo(messages.NO_DOCUMENTS)
    for d in documents:
        meta = d.meta
        issuer = f" — {meta.issuer}" if meta.issuer else ""
        click.echo(f"{describe(meta)}{issuer}\n   {d.path} ({d.passages} đoạn)")
        if meta.signer:
            click.echo(f"   {messages.FIELD_SIGNER}: {meta.signer}")
        for notice in link_notices(meta):
            click.echo(f"   ({notice})")
        if meta.source_url:
            click.echo(f"   {messages.FIELD_SOURCE_URL}: {meta.source_url}")


@cli.group("links", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
@click.pass_context
def links_command(ctx: click.Context, as_json: bool) -> None:
    """Văn bản thay thế, sửa đổi, bãi bỏ văn bản khác (tự phát hiện): xem, xác nhận, huỷ."""
    if ctx.invoked_subcommand is not None:
        return
    with user_errors():
        found = service_of(ctx).links()
    if as_json:
        _print_json(
            [
                {
                    "id": link.id,
                    "document": link.source_path,
                    "relation": link.relation,
                    "target_number": link.target_number,
                    "target_type": link.target_type,
                    "target_documents": list(link.target_paths),
                    "status": link.status,
                    "evidence": link.evidence,
                }
                for link in found
            ]
        )
        return
    header = messages.DOC_LINKS_HEADER.format(count=len(found))
    click.echo(header if found else messages.NO_DOC_LINKS)
    for link in found:
        click.echo(link.text())


@links_command.command("confirm")
@click.argument("link_id", type=int)
@click.pass_context
def confirm_link(ctx: click.Context, link_id: int) -> None:
    """Xác nhận một liên kết: câu trả lời từ văn bản cũ nói nó đã bị thay thế, sửa đổi."""
    from qa.index.links import CONFIRMED

    with user_errors():
        link = service_of(ctx).set_link_status(link_id, CONFIRMED)
    click.echo(messages.DOC_LINK_CONFIRMED.format(**link.fields()))


@links_command.command("undo")
@click.argument("link_id", type=int)
@click.pass_context
def undo_link(ctx: click.Context, link_id: int) -> None:
    """Huỷ một liên kết phát hiện sai: câu trả lời không nhắc đến nó nữa."""
    from qa.index.links import UNDONE

    with user_errors():
        link = service_of(ctx).set_link_status(link_id, UNDONE)
    click.echo(messages.DOC_LINK_UNDONE.format(**link.fields()))


@cli.group("report")
def report_command() -> None:
    """Những gì đảng viên cần: câu hỏi chưa trả lời được, câu trả lời bị đánh giá 👎."""


_DAYS = click.option(
    "--days", default=7, show_default=True, type=click.IntRange(1, 3650), help="Số ngày gần nhất."
)
_CSV = click.option("--csv", "as_csv", is_flag=True, help="In dạng CSV (có dòng tiêu đề).")


@report_command.command("unanswered")
@_DAYS
@_CSV
@click.pass_context
def report_unanswered(ctx: click.Context, days: int, as_csv: bool) -> None:
    """Câu hỏi chưa trả lời được, gộp các câu cùng nội dung, hỏi nhiều nhất trước."""
    from qa.reports import unanswered_rows, unanswered_text

    with user_errors():
        groups = service_of(ctx).reports.unanswered(days)
    if as_csv:
        _print_csv(unanswered_rows(groups))
    else:
        click.echo(unanswered_text(groups, days))


@report_command.command("feedback")
@_DAYS
@_CSV
@click.pass_context
def report_feedback(ctx: click.Context, days: int, as_csv: bool) -> None:
    """Câu trả lời bị đánh giá 👎: câu hỏi, nguồn đã trích, góp ý."""
    from qa.reports import feedback_rows, feedback_text

    with user_errors():
        items = service_of(ctx).reports.feedback(days)
    if as_csv:
        _print_csv(feedback_rows(items))
    else:
        click.echo(feedback_text(items, days))


def _print_csv(rows: list[list[str]]) -> None:
    import csv

    csv.writer(sys.stdout, lineterminator="\n").writerows(rows)


@cli.command("status")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
@click.pass_context
def status_command(ctx: click.Context, as_json: bool) -> None:
    """Tình trạng: chỉ mục đang dùng, cơ sở dữ liệu, lập chỉ mục đang chạy, câu hỏi gần nhất."""
    from qa.service import IndexNotBuilt
    from qa.status_report import status_json, status_lines

    with user_errors():
        service = service_of(ctx)
        if not service.database_reachable():
            _fail(messages.STATUS_DATABASE_DOWN)
        try:
            index = service.status()
        except IndexNotBuilt:
            index = None
        running, last = service.reindexing(), service.last_question_at()
    if as_json:
        _print_json(status_json(index, running, last))
    else:
        click.echo("\n".join(status_lines(index, running, last)))


@cli.command()
@click.pass_context
def chat(ctx: click.Context) -> None:
    """Trò chuyện hỏi đáp trong cửa sổ dòng lệnh."""
    with user_errors():
        service = service_of(ctx)
        service.snapshot()  # fail early, before the first prompt, if there is no index
    run_chat(service.ask, input_line=_read_line)


@cli.command()
@click.pass_context
def start(ctx: click.Context) -> None:
    """Lập chỉ mục những gì đã thay đổi, rồi chạy các bot đã có token (Telegram, Zalo);
    nếu chưa có token nào, mở trò chuyện trong dòng lệnh."""
    click.echo(_reindex(ctx, full=False).summary())
    for entry in entry_points(group="qa.serve"):  # the chat channels, if installed
        if entry.load()(service_of(ctx)):
            return
    ctx.invoke(chat)


def _read_line() -> str | None:
    try:
        return input(messages.CHAT_PROMPT)
    except EOFError:
        return None


def run_chat(ask_fn: Callable[[str], Answer], input_line: Callable[[], str | None]) -> None:
    from qa.service import QAError

    click.echo(messages.CHAT_WELCOME)
    while (line := input_line()) is not None:
        if line.strip().lower() in messages.CHAT_EXIT_WORDS:
            break
        try:
            click.echo(ask_fn(line).text + "\n")
        except QAError as error:
            click.echo(f"{error}\n")
        except Exception:  # one failed question must not end the conversation
            logging.getLogger(__name__).exception("answering failed")
            click.echo(f"{messages.UNEXPECTED_ERROR}\n")


@cli.command("eval")
@click.argument(
    "datasets",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option(
    "--corpus",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("../shared/corpus"),
    show_default=True,
    help="Thư mục chứa party_admin_200.jsonl (các bài báo chỉ dùng để đánh giá).",
)
@click.pass_context
def eval_command(ctx: click.Context, datasets: tuple[Path, ...], corpus: Path) -> None:
    """Đánh giá truy hồi (Hit@1/5/10, MRR@10) và từ chối trên bộ câu hỏi, so với BM25 và dense."""
    from qa.evaluation.datasets import is_scope_set, load_dev_set, load_scope_set
    from qa.evaluation.report import run_eval, run_scope_eval

    def progress(line: str) -> None:
        click.echo(line, err=True)

    starter = Settings().documents_dir
    with user_errors():
        for dataset in datasets:
            if is_scope_set(dataset):
                messages_ = load_scope_set(dataset)
                click.echo(
                    run_scope_eval(dataset.stem, messages_, starter, corpus, progress) + "\n"
                )
            else:
                click.echo(run_eval(load_dev_set(dataset, starter, corpus), progress) + "\n")


def main() -> None:
    for entry in entry_points(group="qa.commands"):  # e.g. "qa bot", from the bot package
        cli.add_command(entry.load())
    cli(prog_name="qa")
