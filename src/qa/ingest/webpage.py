"""The main text of a web page: the article, without the site's menus, sidebars and footers.

trafilatura does the extraction, chosen over readability-lxml, jusText and newspaper4k: it
scores best on the published comparisons of main-content extractors (ScrapingHub's article
extraction benchmark; Bevendorff et al., SIGIR 2023), falls back to readability and jusText
itself when its own heuristics find little, needs no per-site rules and no language model
(Vietnamese portals work as they are), keeps headings, lists and tables, reads the title from
the page's metadata, and is actively released. readability-lxml keeps one container and
loses a table's structure; newspaper4k drags in NLP packages for features not needed here.

trafilatura's HTML output is then read by the same reader as a ``.html`` file, so headings
become "#" lines, paragraphs one line each and table rows "a | b" lines. On a page without an
article (a menu, a list of links) trafilatura falls back to whatever text there is; such a
page is told apart by having no sentences: link titles and menu items end without a stop.
"""

from __future__ import annotations

import re

import trafilatura

from qa import messages
from qa.ingest.readers import Extracted, IngestError, read_html

MIN_SENTENCE_WORDS = 20  # words in lines ending as a sentence does that make a main text
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


def main_text(data: bytes, url: str, charset: str | None = None) -> Extracted:
    """The article of a page (``charset`` as the server declared it), headed by its title.

    Raises IngestError when the page has no main text (only menus, links or pictures).
    """
    page: str | bytes = data
    if charset:
        try:
            page = data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            page = data  # trafilatura then reads the charset from the page itself
    article = trafilatura.extract(
        page,
        url=url,
        output_format="html",
        include_tables=True,
        include_formatting=True,
        include_comments=False,
        include_images=False,
        include_links=False,
    )
    if not article:
        raise IngestError(messages.LINK_NO_MAIN_TEXT)
    text = read_html(article.encode("utf-8")).text
    if not _has_sentences(text):
        raise IngestError(messages.LINK_NO_MAIN_TEXT)
    metadata = trafilatura.extract_metadata(page, default_url=url)
    title = metadata.title.strip() if metadata and metadata.title else None
    if title and not text.startswith("#"):
        text = f"# {title}\n{text}"
    return Extracted(text, title)


def _has_sentences(text: str) -> bool:
    lines = (line.strip() for line in text.splitlines() if not line.startswith("#"))
    words = sum(len(line.split()) for line in lines if _SENTENCE_END.search(line))
    return words >= MIN_SENTENCE_WORDS
