"""The complex fields open at the reader's current point, and the bounds Word puts on them.

A complex field is a begin mark, its code (``w:instrText``), a separate mark, the result Word last
showed and an end mark, spread over runs and sometimes paragraphs. :class:`FieldStack` tracks the
fields begun and not yet ended, so the reader can leave out field codes and show results. A document
may leave a field open (no separate or end mark), so the reader bounds every field: its code ends
with the paragraph it began in (:meth:`FieldStack.stuck` names such begin marks, to be read again as
if absent) and its result with its table cell or section (:meth:`FieldStack.end_above`).
"""

from __future__ import annotations

MAX_FIELD_DEPTH = 50  # fields nested deeper are paired up by count, not read


class _Field:
    __slots__ = ("instruction", "in_result", "href", "paragraph", "begin")

    def __init__(self, paragraph: int, begin: int) -> None:
        self.instruction: list[str] = []
        self.in_result = False
        self.href: str | None = None
        self.paragraph = paragraph  # which paragraph reading it began in, and its begin mark's index there
        self.begin = begin


class FieldStack:
    """The fields begun and not yet ended, innermost last; true while any is open."""

    def __init__(self) -> None:
        self.frames: list[_Field] = []
        self.overflow = 0  # fields begun past MAX_FIELD_DEPTH and not yet ended
        self.paragraph = 0  # the paragraph reading in progress
        self.begin_count = 0  # begin marks met so far in it
        self.skip: set[int] = set()  # its begin marks to read as absent (their code never ended)

    def __bool__(self) -> bool:
        return bool(self.frames or self.overflow)

    def __len__(self) -> int:
        return len(self.frames)

    def showing(self) -> bool:
        """Whether text here is shown: every open field is in its result."""
        return not self.overflow and all(frame.in_result for frame in self.frames)

    def href(self) -> str | None:
        """The link of the innermost open HYPERLINK field, if any."""
        for frame in reversed(self.frames):
            if frame.href is not None:
                return frame.href
        return None

    def start_paragraph(self, skip: set[int]) -> None:
        """A (new or repeated) reading of one paragraph, with the begin marks to ignore."""
        self.begin_count = 0
        self.skip = skip

    def begin(self) -> None:
        index = self.begin_count
        self.begin_count += 1
        if index in self.skip:
            return
        if self.overflow or len(self.frames) >= MAX_FIELD_DEPTH:
            self.overflow += 1
        else:
            self.frames.append(_Field(self.paragraph, index))

    def separate(self) -> _Field | None:
        """The field whose result starts here (``None`` for a stray mark)."""
        if self.overflow or not self.frames:
            return None
        frame = self.frames[-1]
        frame.in_result = True
        return frame

    def end(self) -> None:
        if self.overflow:
            self.overflow -= 1
        elif self.frames:
            self.frames.pop()

    def instruction(self, text: str) -> None:
        if self.frames and not self.overflow and not self.frames[-1].in_result:
            self.frames[-1].instruction.append(text)

    def stuck(self) -> set[int]:
        """Begin marks of the current paragraph whose field code has not ended."""
        return {frame.begin for frame in self.frames if frame.paragraph == self.paragraph and not frame.in_result}

    def end_above(self, depth: int) -> int:
        """End the fields open above ``depth``; returns how many there were."""
        count = len(self.frames) - depth + self.overflow
        if count <= 0:
            return 0
        del self.frames[depth:]
        self.overflow = 0
        return count

    def state(self) -> tuple:
        """What :meth:`restore` needs to undo a paragraph's reading."""
        return [(frame, frame.in_result, len(frame.instruction), frame.href) for frame in self.frames], self.overflow

    def restore(self, state: tuple) -> None:
        frames, self.overflow = state
        self.frames = []
        for frame, in_result, instruction_length, href in frames:
            frame.in_result, frame.href = in_result, href
            del frame.instruction[instruction_length:]
            self.frames.append(frame)
