"""The seed article as sections and numbered paragraphs, so citations can be checked against it."""
from __future__ import annotations

from pathlib import Path

HEADING_MARK = "[edit]"


def paragraphs(text: str) -> dict[str, list[str]]:
    """Map each section name to its paragraphs, numbered from 1 by list position + 1.

    Blocks are separated by blank lines; a block followed by ``[edit]`` is a heading. Before the first
    heading, the multi-line block is ``Infobox`` and prose is ``Lead``. In ``Bibliography`` every line is
    its own paragraph.
    """
    blocks: list[str] = []
    for raw in text.replace("\r\n", "\n").split("\n\n"):
        block = raw.strip()
        if block.startswith(HEADING_MARK + "\n"):  # a marker glued to the block after it
            blocks.append(HEADING_MARK)
            block = block[len(HEADING_MARK):].strip()
        if block:
            blocks.append(block)
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


def load(path: Path) -> dict[str, list[str]]:
    """The sections and paragraphs of a UTF-8 seed file."""
    return paragraphs(path.read_text(encoding="utf-8"))
