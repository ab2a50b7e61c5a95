"""The seed article as sections and numbered paragraphs, so citations can be checked against it."""
from __future__ import annotations

import re
from collections.abc import Mapping

HEADING_MARK = "[edit]"


HEADING_FORMS = ("a Markdown heading line '## Background' (the article's title as '# Title'), or, as Wikipedia "
                 "exports it, a line 'Background' followed by a line '[edit]'")
"""The two ways a seed may mark its section headings, as error messages describe them."""
_MARKDOWN_HEADING = re.compile(r"(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*")


def paragraphs(text: str) -> dict[str, list[str]]:
    """Map each section name to its paragraphs, numbered from 1 by list position + 1.

    Blocks are separated by blank lines; a heading is a Markdown line ``## Name`` or, in a Wikipedia
    export, a block followed by ``[edit]``. Before the first heading, the multi-line block is ``Infobox``
    and prose is ``Lead``. In ``Bibliography`` every line is its own paragraph.
    """
    text = text.replace("\r\n", "\n")
    markdown = _markdown_blocks(text)
    return _sections(markdown if markdown is not None else _wikipedia_blocks(text))


def has_headings(sections: Mapping[str, list[str]]) -> bool:
    """Whether a seed's text marked any section heading (else it is all Lead and Infobox)."""
    return any(name not in ("Lead", "Infobox") for name in sections)


def _markdown_blocks(text: str) -> list[str] | None:
    """A Markdown seed as the blocks of a Wikipedia export (title first, each heading then ``[edit]``)."""
    lines = text.split("\n")
    if not any(_MARKDOWN_HEADING.fullmatch(line) for line in lines):
        return None
    blocks: list[str] = [""]  # the title, when a '# Title' line gives it
    current: list[str] = []

    def flush() -> None:
        if current:
            blocks.append("\n".join(current).strip())
            current.clear()

    for line in lines:
        m = _MARKDOWN_HEADING.fullmatch(line)
        if m:
            flush()
            if len(m.group(1)) == 1 and blocks == [""] and not current:
                blocks[0] = m.group(2)
            else:
                blocks += [m.group(2), HEADING_MARK]
        elif line.strip():
            current.append(line)
        else:
            flush()
    flush()
    return blocks


def _wikipedia_blocks(text: str) -> list[str]:
    blocks: list[str] = []
    for raw in text.split("\n\n"):
        block = raw.strip()
        if block.startswith(HEADING_MARK + "\n"):  # a marker glued to the block after it
            blocks.append(HEADING_MARK)
            block = block[len(HEADING_MARK):].strip()
        if block:
            blocks.append(block)
    return blocks


def _sections(blocks: list[str]) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current: str | None = None
    for index, block in enumerate(blocks[1:], start=1):  # block 0 is the article title
        if block == HEADING_MARK:
            continue
        if index + 1 < len(blocks) and blocks[index + 1] == HEADING_MARK:
            current = block
            sections.setdefault(current, [])
            continue
        if current is None:
            sections.setdefault("Infobox" if "\n" in block else "Lead", []).append(block)
        elif current == "Bibliography":
            sections[current].extend(
                line.strip(" •") for line in block.splitlines() if line.strip(" •") not in ("", HEADING_MARK)
            )
        else:
            sections[current].append(block)
    return sections
