#!/usr/bin/env python3
"""The fuzz suite's CSV oracle: Python's csv module, written apart from shopmetrics' reader.

A persistent process: one JSON request per line on stdin, {"path": FILE, "encoding": LABEL|null,
"delimiter": CHAR|null}, one JSON answer per line on stdout. It applies the documented dialect
(docs/rules.md, "Reading the file") with the standard library only:

- encoding: a BOM says UTF-8 or UTF-16; else valid UTF-8 is UTF-8; else windows-1250. A file whose
  first 64 KiB are valid UTF-8 and which turns invalid later is `invalid_utf8_later` (exit 3 is
  promised). Without a forced encoding, single-byte text is decoded as latin-1 for counting:
  the CSV structure is ASCII, so the record count is the same as in windows-1250.
- delimiter: the most frequent of , ; TAB | in the header line outside quotes (forced when given).
- records: csv.reader(strict=True), skipinitialspace when the header puts a space after most
  delimiters (`a, "b"`); blank lines are not records. A strict
  error is a malformed file: the answer gives the line its record starts on and the line Python
  stopped on. A quoted cell left open at the end of the input that holds no line break is `cut`
  (a cut download: the reader promises TRUNCATED_ROW, not an error).
"""

import codecs
import csv
import json
import re
import sys

SAMPLE = 64 * 1024
LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")

csv.field_size_limit(1 << 30)


def decode(data, forced):
    """(text, encoding name, invalid_utf8_later)"""
    if forced:
        name = {"windows-1250": "cp1250", "utf-16le": "utf-16-le", "utf-16be": "utf-16-be"}.get(forced.lower(), forced)
        text = data.decode(name, errors="replace")
        if text.startswith("\ufeff"):
            text = text[1:]
        return text, forced, False
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8", False
    if data.startswith(codecs.BOM_UTF16_LE):
        return data[2:].decode("utf-16-le", errors="replace"), "utf-16le", False
    if data.startswith(codecs.BOM_UTF16_BE):
        return data[2:].decode("utf-16-be", errors="replace"), "utf-16be", False
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError as e:
        first_invalid = e.start
    sample_ok = True
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data[:SAMPLE], final=len(data) <= SAMPLE)
    except UnicodeDecodeError:
        sample_ok = False
    if sample_ok:
        # Valid UTF-8 sample, invalid later. Is the only invalid part a sequence cut at the end?
        cut_at_end = False
        try:
            codecs.getincrementaldecoder("utf-8")().decode(data, final=False)
            cut_at_end = True
        except UnicodeDecodeError:
            pass
        # The physical line of the first invalid byte (CRLF is one line end), which the error names.
        head = data[:first_invalid]
        line = 1 + head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n")
        return data.decode("utf-8", errors="replace"), "utf-8", {"cut_at_end": cut_at_end, "line": line}
    return data.decode("latin-1"), "windows-1250", False


def sniff(header_line):
    counts = {",": 0, ";": 0, "\t": 0, "|": 0}
    quoted = False
    for ch in header_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda c: counts[c])
    return best if counts[best] > 0 else ","


def is_spaced(header_line, delimiter):
    """The header puts a space after most delimiters (`a, "b"`): spaces before a field are dropped."""
    quoted = False
    delimiters = spaced = 0
    for i, ch in enumerate(header_line):
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in "\r\n":
            break
        elif not quoted and ch == delimiter:
            delimiters += 1
            if header_line[i + 1 : i + 2] == " ":
                spaced += 1
    return delimiters > 0 and spaced * 2 > delimiters


def width(header):
    """The header's cells, trailing empty ones aside (Shoptet ends every line with `;`)."""
    n = len(header)
    while n > 0 and header[n - 1].strip() == "":
        n -= 1
    return n


def physical_lines(text):
    return LINE.findall(text)


def analyse(request):
    with open(request["path"], "rb") as f:
        data = f.read()
    answer = {"bytes": len(data), "nul_in_sample": False}
    text, encoding, later = decode(data, request.get("encoding"))
    answer["encoding"] = encoding
    answer["invalid_utf8_later"] = later
    if encoding in ("utf-8", "windows-1250") or (request.get("encoding") or "").lower() in ("utf-8", "windows-1250"):
        answer["nul_in_sample"] = b"\x00" in data[:SAMPLE]
    lines = physical_lines(text)
    first = next((line for line in lines if line.strip("\r\n") != ""), "")
    delimiter = request.get("delimiter") or sniff(first.rstrip("\r\n"))
    answer["delimiter"] = delimiter
    spaced = is_spaced(first, delimiter)
    answer["spaced"] = spaced
    consumed = [0]

    def feed():
        for line in lines:
            consumed[0] += 1
            yield line

    reader = csv.reader(feed(), delimiter=delimiter, quotechar='"', strict=True, skipinitialspace=spaced)
    header = None
    short_before = False
    records = 0
    last = None
    error = None
    while True:
        start = consumed[0] + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            stop = consumed[0]
            error = {"message": str(e), "record_line": start, "stop_line": stop, "cut": False}
            if "end of data" in str(e) and consumed[0] >= len(lines):
                # Ended inside a quoted cell: cut when that cell holds no line break.
                rest = "".join(lines[start - 1 :])
                loose = next(csv.reader([rest], delimiter=delimiter, strict=False, skipinitialspace=spaced), [])
                tail = loose[-1] if loose else ""
                # A cell without a line break that is the last one lies on the last line: it opened there.
                error["cut"] = "\n" not in tail and "\r" not in tail
            break
        if not row or (spaced and row == [""]):
            continue  # blank lines (only spaces too, when spaces after a delimiter are dropped) are no records
        end_line = lines[consumed[0] - 1] if consumed[0] else ""
        if last is not None and header is not None and last["line"] > 1 and last["cells"] < width(header):
            short_before = True  # a data row before this one was short: the file writes short rows
        last = {"cells": len(row), "line": start, "line_end": end_line.endswith(("\n", "\r")), "short_before": short_before}
        if header is None:
            header = row
        else:
            records += 1
    answer["header"] = header
    answer["records"] = records
    answer["last"] = last
    answer["error"] = error
    answer["lines"] = len(lines)
    return answer


def main():
    for raw in sys.stdin:
        raw = raw.strip()
        if not raw:
            continue
        try:
            answer = analyse(json.loads(raw))
        except Exception as e:  # the oracle's own failure, reported, never hidden
            answer = {"oracle_error": f"{type(e).__name__}: {e}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
