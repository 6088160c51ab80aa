#!/usr/bin/env python3
"""Independent re-computation of shopmetrics' survey metrics (NPS, CSAT, CES), for checking its numbers.

Written from the definitions in the survey brief (windows, time zones, score cells, scale
detection, NPS standard error, CSAT top box, CES direction, "latest" dedupe) and
../shared/reference/engagement-inputs.md §2 and §7, not from the TypeScript code. Python 3
standard library only. Gives the expected values in fixtures/surveys/expected.json. Usage:

  python3 scripts/crosscheck/engagement.py survey FILE \\
      --format surveymonkey|typeform|google-forms|fairing|generic \\
      --tz Europe/Prague --as-of 2026-06-30 --days 365 \\
      [--previous] [--encoding cp1250] [--delimiter ';'] \\
      [--ces-direction agree|effort] [--dedupe none|latest]
  python3 scripts/crosscheck/engagement.py expected [--write]
      runs every fixture of fixtures/surveys/ (FIXTURES below) for 365d and 90d --previous and
      prints (or writes) fixtures/surveys/expected.json

Prints JSON:
  {"window": {from, to},
   "nps":  {responses, promoters, passives, detractors, score, standardError, marginOfError95},
   "csat": {responses, satisfied, rate, meanScore, scale},
   "ces":  {responses, meanScore, easyRate, scale, direction},
   "rows": {read, skipped, partial, duplicates},
   "previous": {window, nps, csat, ces}, "significant": bool}
A kind the file has no question for is left out; "previous" and "significant" only with
--previous. Figures are unrounded floats; a figure over no responses is null.

Rules, in the order applied (every data row of the file, whatever the window):
  1. duplicates: a response id (SurveyMonkey Respondent ID, Typeform #, Fairing id) seen
     before counts once (the first row); later copies are counted in rows.duplicates.
  2. partial: Typeform Response Type "partial" rows are counted in rows.partial, nothing else.
  3. scale detection per question (CSAT: smallest of 3, 5, 7; CES: smallest of 5, 7) from the
     readable integers in 1..7 of the rows left after 1 and 2; NPS is 0..10.
  4. skipped: a row whose time is unreadable, whose type (generic) is unknown, or with a score
     cell that is not an integer (or a label starting with one) or outside its scale. The whole
     row goes, with all its answers. An empty cell is no answer, not a problem.
  5. window: [local midnight of as-of − days + 1, local midnight of as-of + 1) in --tz.
Times: Typeform Submit Date (UTC) is UTC; Fairing inserted_at and generic dates with an offset
as written; SurveyMonkey End Date (MM/DD/YYYY hh:mm:ss AM), Google Forms Timestamp (d.m.yyyy
when written with dots, m/d/yyyy with slashes) and generic dates without offset are wall times
in --tz; a date-only value is local midnight; a wall time in a DST gap is moved forward by the
gap (02:30 on a spring-forward night in Prague = 03:30 CEST); an ambiguous wall time (autumn)
takes its first occurrence.
"""
import argparse
import csv
import json
import math
import re
import sys
import unicodedata
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

KEYWORDS = {
    "nps": ("recommend", "doporuč", "odporuč", "ajánl"),
    "csat": ("satisf", "spokojen", "spokojn", "elégedett"),
    "ces": ("easy", "effort", "snadn", "jednoduch", "könnyű"),
}
KINDS = ("nps", "csat", "ces")
SCORE_RE = re.compile(r"^\s*([+-]?\d+)(?:\s*|\s*[-–—(:].*|\s+\D.*)$", re.S)


def norm(text):
    return unicodedata.normalize("NFC", text)


def kind_of(header):
    text = re.sub(r"<[^>]*>", "", norm(header)).lower()
    for kind in KINDS:
        if any(k in text for k in KEYWORDS[kind]):
            return kind
    return None


def parse_score(cell):
    """None for an empty cell, an int, or the string 'bad' when unreadable."""
    cell = cell.strip()
    if cell == "":
        return None
    m = SCORE_RE.match(cell)
    return int(m.group(1)) if m else "bad"


def localize(naive, zone):
    """Instant of a wall time in zone; a time in a DST gap is moved forward by the gap."""
    first = naive.replace(tzinfo=zone, fold=0)
    utc = first.astimezone(timezone.utc)
    if utc.astimezone(zone).replace(tzinfo=None) == naive:
        return utc  # exists (for an ambiguous time: its first occurrence, fold=0)
    # In a gap: fold=0 uses the offset in force before the transition, which moves the wall
    # time forward by the gap (02:30 CET = 01:30 UTC = 03:30 CEST). Asserted below.
    before = zone.utcoffset(naive - timedelta(hours=6))
    assert utc == (naive - before).replace(tzinfo=timezone.utc)
    return utc


def parse_time(text, fmt, zone):
    text = text.strip()
    try:
        if fmt == "surveymonkey":
            return localize(datetime.strptime(text, "%m/%d/%Y %I:%M:%S %p"), zone)
        if fmt == "typeform":
            return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=timezone.utc)
        if fmt == "google-forms":
            layout = "%d.%m.%Y %H:%M:%S" if "." in text.split(" ")[0] else "%m/%d/%Y %H:%M:%S"
            return localize(datetime.strptime(text, layout), zone)
        # fairing, generic: ISO 8601
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return localize(datetime.combine(date.fromisoformat(text), time(0)), zone)
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
        if dt.tzinfo is None:
            return localize(dt, zone)
        return dt.astimezone(timezone.utc)
    except ValueError:
        return None


def read_table(path, encoding, delimiter):
    with open(path, encoding=encoding, newline="") as f:
        return [[norm(c) for c in row] for row in csv.reader(f, delimiter=delimiter)]


def col(header, *names):
    low = [h.strip().lower() for h in header]
    for n in names:
        if n.lower() in low:
            return low.index(n.lower())
    return None


def records(fmt, table, zone):
    """(kinds present, records). A record: id, who, at, partial, answers {kind: raw}, bad_type."""
    out = []
    if fmt == "surveymonkey":
        h1, h2, data = table[0], table[1], table[2:]
        filled, last = [], ""
        for i, cell in enumerate(h1):
            last = cell if cell.strip() else (last if i >= 9 else cell)
            filled.append(last)
        qcols = {}
        for i in range(9, len(filled)):
            k = kind_of(filled[i])
            if k and k not in qcols:
                qcols[k] = i
        i_id, i_at, i_mail = col(h1, "Respondent ID"), col(h1, "End Date"), col(h1, "Email Address")
        for r in data:
            out.append(dict(id=r[i_id], who=r[i_mail], at=parse_time(r[i_at], fmt, zone), partial=False,
                            answers={k: r[i] for k, i in qcols.items()}, bad_type=False))
        return list(qcols), out
    if fmt in ("typeform", "google-forms"):
        header, data = table[0], table[1:]
        qcols = {}
        for i, h in enumerate(header):
            k = kind_of(h)
            if k and k not in qcols:
                qcols[k] = i
        if fmt == "typeform":
            i_id, i_at, i_type = col(header, "#"), col(header, "Submit Date (UTC)"), col(header, "Response Type")
            i_mail = col(header, "email")
        else:
            i_id, i_type = None, None
            i_at = col(header, "Timestamp", "Časová značka", "Időbélyeg")
            i_mail = next(i for i, h in enumerate(header) if "mail" in h.lower())
        for r in data:
            partial = i_type is not None and r[i_type].strip().lower() == "partial"
            at = None if partial else parse_time(r[i_at], fmt, zone)
            out.append(dict(id=r[i_id] if i_id is not None else None, who=r[i_mail], at=at, partial=partial,
                            answers={k: r[i] for k, i in qcols.items()}, bad_type=False))
        return list(qcols), out
    if fmt == "fairing":
        header, data = table[0], table[1:]
        ix = {n: col(header, n) for n in ("id", "question", "response", "email", "inserted_at")}
        kinds = set()
        for r in data:
            k = kind_of(r[ix["question"]])
            k = k if k == "nps" else None  # attribution questions carry no score
            if k:
                kinds.add(k)
            out.append(dict(id=r[ix["id"]], who=r[ix["email"]], at=parse_time(r[ix["inserted_at"]], fmt, zone),
                            partial=False, answers={k: r[ix["response"]]} if k else {}, bad_type=False))
        return [k for k in KINDS if k in kinds], out
    if fmt == "generic":
        header, data = table[0], table[1:]
        ix = {n: col(header, n) for n in ("date", "score", "type", "respondent")}
        kinds = set()
        for r in data:
            t = r[ix["type"]].strip().lower()
            ok = t in KINDS
            if ok:
                kinds.add(t)
            out.append(dict(id=None, who=r[ix["respondent"]] if ix["respondent"] is not None else "",
                            at=parse_time(r[ix["date"]], fmt, zone), partial=False,
                            answers={t: r[ix["score"]]} if ok else {}, bad_type=not ok))
        return [k for k in KINDS if k in kinds], out
    raise SystemExit("unknown format " + fmt)


def detect_scales(kinds, recs):
    scales = {"nps": 10}
    for kind, options in (("csat", (3, 5, 7)), ("ces", (5, 7))):
        if kind not in kinds:
            continue
        vals = [v for r in recs for v in [parse_score(r["answers"].get(kind, ""))]
                if isinstance(v, int) and 1 <= v <= 7]
        top = max(vals, default=options[0])
        scales[kind] = next((s for s in options if s >= top), options[-1])
    return scales


def in_scale(kind, v, scales):
    return 0 <= v <= 10 if kind == "nps" else 1 <= v <= scales[kind]


def prepare(fmt, table, zone):
    kinds, recs = records(fmt, table, zone)
    rows = dict(read=len(recs), skipped=0, partial=0, duplicates=0)
    seen, kept = set(), []
    for pos, r in enumerate(recs):
        r["pos"] = pos
        if r["id"] is not None and r["id"].strip():
            if r["id"].strip() in seen:
                rows["duplicates"] += 1
                continue
            seen.add(r["id"].strip())
        if r["partial"]:
            rows["partial"] += 1
            continue
        kept.append(r)
    scales = detect_scales(kinds, kept)
    good = []
    for r in kept:
        scores, bad = {}, r["at"] is None or r["bad_type"]
        for kind, raw in r["answers"].items():
            v = parse_score(raw)
            if v is None:
                continue
            if v == "bad" or not in_scale(kind, v, scales):
                bad = True
            else:
                scores[kind] = v
        if bad:
            rows["skipped"] += 1
            continue
        r["scores"] = scores
        good.append(r)
    return kinds, scales, rows, good


def window(as_of, days, zone):
    start = localize(datetime.combine(as_of - timedelta(days=days - 1), time(0)), zone)
    end = localize(datetime.combine(as_of + timedelta(days=1), time(0)), zone)
    return start, end


def values(kind, recs, start, end, dedupe):
    picked = [r for r in recs if kind in r["scores"] and start <= r["at"] < end]
    if dedupe == "latest":
        latest, anon = {}, []
        for r in picked:
            who = r["who"].strip().lower()
            if not who:
                anon.append(r)
                continue
            if who not in latest or (r["at"], r["pos"]) >= (latest[who]["at"], latest[who]["pos"]):
                latest[who] = r
        picked = sorted(anon + list(latest.values()), key=lambda r: r["pos"])
    return [r["scores"][kind] for r in picked]


def nps(vals):
    n = len(vals)
    p = sum(1 for v in vals if v >= 9)
    d = sum(1 for v in vals if v <= 6)
    out = dict(responses=n, promoters=p, passives=n - p - d, detractors=d,
               score=None, standardError=None, marginOfError95=None)
    if n:
        pp, dd = p / n, d / n
        se = 100 * math.sqrt(max(0.0, pp + dd - (pp - dd) ** 2) / n)
        out.update(score=100 * (p - d) / n, standardError=se, marginOfError95=1.96 * se)
    return out


def csat(vals, scale):
    top = {3: 3, 5: 4, 7: 6}[scale]
    sat = sum(1 for v in vals if v >= top)
    n = len(vals)
    return dict(responses=n, satisfied=sat, rate=sat / n if n else None,
                meanScore=sum(vals) / n if n else None, scale=scale)


def ces(vals, scale, direction):
    if direction == "effort":
        vals = [scale + 1 - v for v in vals]
    easy_from = {5: 4, 7: 5}[scale]
    n = len(vals)
    return dict(responses=n, meanScore=sum(vals) / n if n else None,
                easyRate=sum(1 for v in vals if v >= easy_from) / n if n else None,
                scale=scale, direction=direction)


def metrics(kinds, scales, recs, start, end, args):
    out = {"window": {"from": start.astimezone(args.zone).isoformat(), "to": end.astimezone(args.zone).isoformat()}}
    if "nps" in kinds:
        out["nps"] = nps(values("nps", recs, start, end, args.dedupe))
    if "csat" in kinds:
        out["csat"] = csat(values("csat", recs, start, end, args.dedupe), scales["csat"])
    if "ces" in kinds:
        out["ces"] = ces(values("ces", recs, start, end, args.dedupe), scales["ces"], args.ces_direction)
    return out


def survey(args):
    zone = args.zone
    delimiter = "\t" if args.delimiter == "\\t" else args.delimiter
    table = read_table(args.file, args.encoding, delimiter)
    kinds, scales, rows, recs = prepare(args.format, table, zone)
    start, end = window(date.fromisoformat(args.as_of), args.days, zone)
    out = metrics(kinds, scales, recs, start, end, args)
    out["rows"] = rows
    if args.previous:
        pstart = localize(datetime.combine(start.astimezone(zone).date() - timedelta(days=args.days), time(0)), zone)
        prev = metrics(kinds, scales, recs, pstart, start, args)
        out["previous"] = prev
        sig = False
        if "nps" in kinds and out["nps"]["responses"] and prev["nps"]["responses"]:
            se = math.sqrt(out["nps"]["standardError"] ** 2 + prev["nps"]["standardError"] ** 2)
            sig = abs(out["nps"]["score"] - prev["nps"]["score"]) > 1.96 * se
        out["significant"] = sig
    return out


AS_OF = ["--tz", "Europe/Prague", "--as-of", "2026-06-30"]
FIXTURES = [  # file, options, extra key suffix
    ("surveymonkey.csv", ["--format", "surveymonkey"], ""),
    ("typeform.csv", ["--format", "typeform"], ""),
    ("google-forms-cs-cp1250.csv", ["--format", "google-forms", "--encoding", "cp1250", "--delimiter", ";"], ""),
    ("google-forms-hu.csv", ["--format", "google-forms"], ""),
    ("google-forms-hu.csv", ["--format", "google-forms", "--dedupe", "latest"], "-dedupe-latest"),
    ("fairing.csv", ["--format", "fairing"], ""),
    ("generic-long.csv", ["--format", "generic"], ""),
    ("ces-effort.csv", ["--format", "generic", "--ces-direction", "effort"], ""),
]


def expected(write):
    import os
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "fixtures", "surveys")
    out = {}
    for name, opts, suffix in FIXTURES:
        entry = out.setdefault(name, {})
        for key, more in (("365d", ["--days", "365"]), ("90d", ["--days", "90", "--previous"])):
            args = parse(["survey", os.path.join(root, name)] + opts + AS_OF + more)
            entry[key + suffix] = survey(args)
    text = json.dumps(out, ensure_ascii=False, indent=2) + "\n"
    if write:
        with open(os.path.join(root, "expected.json"), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


def parse(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("survey")
    s.add_argument("file")
    s.add_argument("--format", required=True, choices=["surveymonkey", "typeform", "google-forms", "fairing", "generic"])
    s.add_argument("--tz", required=True)
    s.add_argument("--as-of", required=True)
    s.add_argument("--days", type=int, required=True)
    s.add_argument("--previous", action="store_true")
    s.add_argument("--encoding", default="utf-8-sig")
    s.add_argument("--delimiter", default=",")
    s.add_argument("--ces-direction", choices=["agree", "effort"], default="agree")
    s.add_argument("--dedupe", choices=["none", "latest"], default="none")
    e = sub.add_parser("expected")
    e.add_argument("--write", action="store_true")
    args = ap.parse_args(argv)
    if args.cmd == "survey":
        args.zone = ZoneInfo(args.tz)
    return args


def main(argv=None):
    args = parse(argv)
    if args.cmd == "expected":
        expected(args.write)
        return
    json.dump(survey(args), sys.stdout, ensure_ascii=False, indent=2)
    print()


if __name__ == "__main__":
    main()
