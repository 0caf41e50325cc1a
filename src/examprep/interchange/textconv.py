"""Text between formats: Moodle HTML to bank Markdown and back, fenced code, slugs and tags."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_FENCED = re.compile(r"^(`{3,})[^\n`]*\n(.*?)\n?^\1[ \t]*$", re.DOTALL | re.MULTILINE)
_HTML_TAG = re.compile(
    r"</?(?:p|br|div|span|pre|code|b|i|u|strong|em|img|ul|ol|li|sub|sup|a|table|tr|td|th|h[1-6]|hr|tt)\b",
    re.IGNORECASE,
)
_MEDIA = re.compile(r"<(?:img|audio|video|object|embed|iframe)\b|@@PLUGINFILE@@", re.IGNORECASE)
_BLOCKS = {"p", "div", "ul", "ol", "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "hr"}
_INLINE_MARKS = {"b": "**", "strong": "**", "i": "*", "em": "*"}


class _ToMarkdown(HTMLParser):
    """Just enough HTML for question texts: paragraphs, breaks, lists, emphasis, code, links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.pre = 0
        self.href: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "pre":
            self.pre += 1
            self.out.append("\n\n```\n")
        elif tag in ("code", "tt") and not self.pre:
            self.out.append("`")
        elif tag in _INLINE_MARKS and not self.pre:
            self.out.append(_INLINE_MARKS[tag])
        elif tag == "br":
            self.out.append("\n")
        elif tag == "li":
            self.out.append("\n- ")
        elif tag == "img":
            alt = dict(attrs).get("alt") or "image"
            self.out.append(f"[image: {alt}]")
        elif tag == "a":
            self.href.append(dict(attrs).get("href"))
            self.out.append("[")
        elif tag in _BLOCKS:
            self.out.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre" and self.pre:
            self.pre -= 1
            self.out.append("\n```\n\n")
        elif tag in ("code", "tt") and not self.pre:
            self.out.append("`")
        elif tag in _INLINE_MARKS and not self.pre:
            self.out.append(_INLINE_MARKS[tag])
        elif tag == "a" and self.href:
            href = self.href.pop()
            self.out.append(f"]({href})" if href else "]")
        elif tag in _BLOCKS:
            self.out.append("\n\n")

    def handle_data(self, data: str) -> None:
        self.out.append(data if self.pre else re.sub(r"\s+", " ", data))


def html_to_markdown(text: str) -> str:
    """Moodle HTML as bank Markdown: structure kept, tags and entities gone, ``<pre>`` fenced."""
    parser = _ToMarkdown()
    parser.feed(text)
    parser.close()
    joined = "".join(parser.out).replace("\u00a0", " ")
    lines = [line.rstrip() for line in joined.split("\n")]
    tidy: list[str] = []
    in_code = False
    for line in lines:
        if line.startswith("```"):
            in_code = not in_code
        tidy.append(line if in_code else line.strip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(tidy)).strip()


def looks_like_html(text: str) -> bool:
    """Whether text in Moodle's auto format carries HTML markup worth converting."""
    return bool(_HTML_TAG.search(text)) or bool(re.search(r"&(?:[a-z]+|#\d+);", text))


def has_media(text: str) -> bool:
    """Whether a text refers to images, audio or attached files (which are not carried over)."""
    return bool(_MEDIA.search(text))


def fence(code: str) -> str:
    """``code`` as a fenced Markdown block whose fence no line of the code can close."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}\n{code.rstrip(chr(10))}\n{ticks}"


def extract_code(text: str) -> tuple[str, str | None]:
    """Split the only fenced code block out of a text: (text without it, code); else (text, None)."""
    blocks = list(_FENCED.finditer(text))
    if len(blocks) != 1:
        return text, None
    block = blocks[0]
    rest = (text[: block.start()].rstrip() + "\n\n" + text[block.end() :].lstrip()).strip()
    return rest, block.group(2) + "\n"


def with_code(stem: str, code: str | None) -> str:
    """A stem with its code appended as a fenced block (how code travels in other formats)."""
    return f"{stem.rstrip()}\n\n{fence(code)}" if code else stem


def inline_html(text: str) -> str:
    """One paragraph of bank Markdown as inline XHTML (code, bold, line breaks)."""
    escaped = html.escape(text, quote=False)
    escaped = re.sub(r"`([^`\n]+)`", r"<code>\1</code>", escaped)
    escaped = re.sub(r"\*\*([^*\n]+)\*\*", r"<strong>\1</strong>", escaped)
    return escaped.replace("\n", "<br/>")


def markdown_to_html(text: str) -> str:
    """Bank Markdown as XHTML: paragraphs, line breaks, inline code, bold, fenced code as ``<pre>``."""
    parts: list[str] = []
    pos = 0
    for block in _FENCED.finditer(text):
        parts.extend(_paragraphs(text[pos : block.start()]))
        parts.append(f"<pre><code>{html.escape(block.group(2), quote=False)}</code></pre>")
        pos = block.end()
    parts.extend(_paragraphs(text[pos:]))
    return "".join(parts)


def _paragraphs(text: str) -> list[str]:
    return [f"<p>{inline_html(p.strip())}</p>" for p in re.split(r"\n\s*\n", text) if p.strip()]


def slug(text: str, limit: int = 40) -> str:
    """Lower-case words joined by dashes, cut at a word boundary within ``limit`` characters."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > limit:
            break
        out = candidate
    return out or (words[0][:limit] if words else "")


def category_tags(path: str) -> list[str]:
    """Tags from a Moodle category path, without Moodle's own context and default segments."""
    tags: list[str] = []
    for part in path.split("/"):
        part = part.strip()
        if not part or (part.startswith("$") and part.endswith("$")) or part == "top":
            continue
        if part.lower().startswith("default for"):
            continue
        tag = slug(part)
        if tag and tag not in tags:
            tags.append(tag)
    return tags
