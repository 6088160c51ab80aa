#!/usr/bin/env python3
"""Independent re-computation of shopmetrics' engagement metrics (surveys, reviews, tickets, traffic), for checking its numbers.

Written from the definitions in the survey and review briefs (windows, time zones, score cells,
scale detection, NPS standard error, CSAT top box, CES direction, "latest" dedupe; positive
reviews, unrated, spam, review ids), the issue-12 contract (tickets, traffic) and
../shared/reference/engagement-inputs.md §2–§5, §7 and §8, not from the TypeScript code. Python 3
standard library only (xml.etree.ElementTree for Heureka, fractions for exact hours).
Gives the expected values in fixtures/surveys/expected.json, fixtures/reviews/expected.json,
fixtures/reviews/olist-expected.json, fixtures/tickets/expected.json and
fixtures/traffic/expected.json. Usage:

  python3 scripts/crosscheck/engagement.py survey FILE \\
      --format surveymonkey|typeform|google-forms|fairing|generic \\
      --tz Europe/Prague --as-of 2026-06-30 --days 365 \\
      [--previous] [--encoding cp1250] [--delimiter ';'] \\
      [--ces-direction agree|effort] [--dedupe none|latest]
  python3 scripts/crosscheck/engagement.py reviews FILE \\
      --format judgeme|trustpilot|heureka-shop|heureka-products|olist|generic \\
      --tz Europe/Prague --as-of 2026-06-30 --days 365 \\
      [--previous] [--delimiter ';'] [--dedupe id|none]
  python3 scripts/crosscheck/engagement.py tickets FILE... \\
      --format zendesk|freshdesk|osticket|liveagent|generic \\
      --tz Europe/Prague --as-of 2026-06-30 --days 365 \\
      [--previous] [--business-hours [CONFIG.json]] [--frt-target 24] [--delimiter ';'] [--encoding cp1250]
  python3 scripts/crosscheck/engagement.py traffic [FILE...] --orders orders.csv \\
      [--format ga4|ua|shopify|plausible|matomo|generic | --sessions N] [--web-orders-only] \\
      --tz Europe/Prague --as-of 2026-06-30 --days 365 [--previous] [--delimiter ';'] [--encoding utf-8]
  python3 scripts/crosscheck/engagement.py expected [--write]
      runs every fixture of fixtures/surveys/ (FIXTURES below) and fixtures/reviews/
      (REVIEW_FIXTURES) for 365d and 90d --previous, the Olist runs of olist_expected(), and
      the runs of TICKET_RUNS and TRAFFIC_RUNS (fixtures/tickets/, fixtures/traffic/: 365d, 90d
      --previous and EXTRA_WINDOWS), and writes fixtures/surveys/expected.json,
      fixtures/reviews/expected.json, fixtures/reviews/olist-expected.json,
      fixtures/tickets/expected.json and fixtures/traffic/expected.json (or prints them as one
      JSON object keyed by path)

survey prints JSON:
  {"window": {from, to},
   "nps":  {responses, promoters, passives, detractors, score, standardError, marginOfError95},
   "csat": {responses, satisfied, rate, meanScore, scale},
   "ces":  {responses, meanScore, easyRate, scale, direction},
   "rows": {read, skipped, partial, duplicates},
   "previous": {window, nps, csat, ces}, "significant": bool}
A kind the file has no question for is left out; "previous" and "significant" only with
--previous. Figures are unrounded floats; a figure over no responses is null.

Survey rules, in the order applied (every data row of the file, whatever the window):
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

reviews prints JSON:
  {"window": {from, to}, "reviews", "positiveReviews", "positiveRate", "meanRating", "unrated",
   "positiveGrowth", "rows": {read, skipped, excluded, duplicates},
   "previous": {window, reviews, positiveReviews, positiveRate, meanRating, unrated}}
"reviews" counts rated reviews created in the window, "positiveReviews" those rated >= 4
(Heureka 3.5 is not positive), positiveRate = positiveReviews / reviews, meanRating the mean
rating, "unrated" the reviews without a rating created in the window. positiveGrowth =
positiveReviews(W) / positiveReviews(P) - 1 (null when P has none), where P is the same number
of days just before W; it is always given, "previous" (the figures over P) only with
--previous. Figures are unrounded floats; a rate or mean over no rated review is null.

Review rules, in the order applied (every review of the file, whatever the window):
  1. duplicates: a review id (Trustpilot Review Id, Heureka rating_id, Olist review_id,
     generic id; Judge.me has none) seen before counts once (the first); later copies are
     counted in rows.duplicates. An empty id is never a duplicate. --dedupe none turns this off
     (Olist's reference counts rows).
  2. excluded: Judge.me curated = spam (any case), or a hidden column that is true/1/yes.
  3. skipped: an unreadable creation time, or a rating that is not a number (a decimal comma
     is read as a point) or lies outside 0..5 (Heureka) or 1..5 (the others).
  4. a review with no rating (an empty cell, an empty element or no rating element) is kept
     as unrated. A fully blank CSV line is no row.
Creation times (never the reply time): Judge.me review_date ending in " UTC" is UTC, a date
only is local midnight in --tz (anything else without an offset a wall time in --tz);
Trustpilot Review Created (UTC) is UTC; Heureka unix_timestamp is Unix seconds; Olist
review_creation_date and generic date (d.m.yyyy[ h:mm[:ss]] or yyyy-mm-dd[ hh:mm[:ss]]) are
wall times in --tz, a date only being local midnight; an ISO value with an offset is read as
written. A non-existent date (32.1.2026) is unreadable. A file that is not well-formed XML is
refused (exit 1, the parser's line and column on stderr).

tickets and traffic follow the issue-12 contract (definitions, formats, codes) and
../shared/reference/engagement-inputs.md §3, §4, §7, §8; the choices it leaves open are listed in
fixtures/tickets/README.md and fixtures/traffic/README.md. A refused run prints
{"refused": reason} and exits 3 (2 for the usage error "no business values, no businessHours").

tickets prints JSON:
  {"window": {from, to}, "tickets", "answered", "unanswered",
   "firstResponse": {meanHours, medianHours, p90Hours}, "withinTarget", "targetHours",
   "resolution": {resolved, medianHours, p90Hours}, "basis": "calendar"|"business",
   "channels": [{channel, tickets, answered, unanswered, firstResponse, withinTarget}],
   "rows": {read, skipped, excluded: {reason: n}, duplicates},
   "previous": {window, tickets ... resolution, channels}}   (previous only with --previous)
Hours are exact (Fractions) until printed; quantiles are type 7. A ticket counts in the window of
its creation. Per row, in order: excluded (deleted/trash/spam status, LiveAgent X/B or
date_deleted) -> DUPLICATE_TICKET -> EMPTY_DATE/UNREADABLE_DATE -> UNREADABLE_DURATION ->
ANSWERED_BEFORE_CREATED -> RESOLVED_BEFORE_CREATED; skipped includes the duplicates. Timestamps
without an offset are wall times in --tz (d.m.yyyy h:mm too). --business-hours: the file's
business column when every ticket with a time has it, the config's businessHours schedule
(DST-correct, holidays off) when none has it, refused when mixed.

traffic prints JSON:
  {"window": {from, to}, "sessions", "orders", "conversionRate", "ordersPerThousandSessions",
   "coveredDays", "windowDays", "visitors", "reportedConversionRate": {rate} (when the file has
   its own), "webOrdersOnly": {excludedOrders} (with --web-orders-only),
   "rows": {read, skipped, totals}, "previous": {window, sessions ... webOrdersOnly}}
coveredDays = window days the traffic gives that lie within the orders file's first..last order
day; orders = counted orders (completed, processing, on-hold, or an unknown status) on them.
"""
import argparse
import csv
import json
import math
import os
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from datetime import date, datetime, time, timedelta, timezone
from fractions import Fraction
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
            # Slovak sheets write `12. 5. 2026 10:15:32`: a space after each dot of the date.
            text = re.sub(r"^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})", r"\1.\2.\3", text)
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
            i_at = col(header, "Timestamp", "Časová značka", "Časová pečiatka", "Időbélyeg")
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


def survey_expected():
    import os
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "fixtures", "surveys")
    out = {}
    for name, opts, suffix in FIXTURES:
        entry = out.setdefault(name, {})
        for key, more in (("365d", ["--days", "365"]), ("90d", ["--days", "90", "--previous"])):
            args = parse(["survey", os.path.join(root, name)] + opts + AS_OF + more)
            entry[key + suffix] = survey(args)
    return {"fixtures/surveys/expected.json": out}


def expected(write):
    """Writes (or prints, as one JSON object keyed by path) every expected file."""
    import os
    repo = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    files = survey_expected()
    files.update(reviews_expected())
    files.update(tickets_expected())
    files.update(traffic_expected())
    if not write:
        json.dump(files, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return
    for rel, obj in files.items():
        with open(os.path.join(repo, rel), "w", encoding="utf-8", newline="\n") as f:
            f.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


# ---------------------------------------------------------------------------------------------
# Reviews (Judge.me, Trustpilot, Heureka shop and product XML, Olist, generic)
# ---------------------------------------------------------------------------------------------

RATING_RE = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
REVIEW_SCALE = {"heureka-shop": (0, 5), "heureka-products": (0, 5)}  # others: 1..5
TRUE_WORDS = ("true", "1", "yes", "y")


def parse_rating(text):
    """None for no rating (missing element or empty cell), a float, or 'bad' when unreadable."""
    if text is None:
        return None
    text = text.strip()
    if text == "":
        return None
    if not RATING_RE.match(text):
        return "bad"
    return float(text.replace(",", "."))


def local_date_time(text, zone):
    """yyyy-mm-dd[ hh:mm[:ss]] or d.m.yyyy[ h:mm[:ss]] as a wall time in zone (date only = midnight),
    or ISO 8601 with an offset as written; None when unreadable."""
    text = text.strip()
    m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?", text)
    try:
        if m:
            d, mo, y, hh, mm, ss = m.groups()
            naive = datetime(int(y), int(mo), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
            return localize(naive, zone)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return localize(datetime.combine(date.fromisoformat(text), time(0)), zone)
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?", text):
            return None
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return localize(dt, zone) if dt.tzinfo is None else dt.astimezone(timezone.utc)
    except ValueError:
        return None


def review_time(text, fmt, zone):
    if text is None:
        return None
    text = text.strip()
    if fmt in ("heureka-shop", "heureka-products"):
        return datetime.fromtimestamp(int(text), timezone.utc) if re.fullmatch(r"\d+", text) else None
    if fmt == "trustpilot":  # Review Created (UTC): a wall time in UTC
        return local_date_time(text, timezone.utc)
    if fmt == "judgeme" and text.upper().endswith(" UTC"):
        return local_date_time(text[:-4], timezone.utc)
    # judgeme without " UTC" (date-only: local midnight), olist, generic: wall times in --tz
    return local_date_time(text, zone)


def review_records(fmt, path, delimiter):
    """Records: id (or None), created (raw text), rating (raw text or None), excluded (bool)."""
    out = []
    if fmt in ("heureka-shop", "heureka-products"):
        root = ET.parse(path).getroot()  # a file that is not well-formed raises ParseError: refused
        tag = "total_rating" if fmt == "heureka-shop" else "rating"
        reviews = root.findall("review") if fmt == "heureka-shop" else root.findall("product/reviews/review")
        for rv in reviews:
            def text(name):
                el = rv.find(name)
                return None if el is None else norm(el.text or "")
            out.append(dict(id=text("rating_id"), created=text("unix_timestamp"), rating=text(tag), excluded=False))
        return out
    table = read_table(path, "utf-8-sig", delimiter)
    header, data = table[0], table[1:]
    names = {
        "judgeme": ("review_date", "rating", None),
        "trustpilot": ("Review Created (UTC)", "Review Stars", "Review Id"),
        "olist": ("review_creation_date", "review_score", "review_id"),
        "generic": ("date", "rating", "id"),
    }[fmt]
    i_at, i_rating = col(header, names[0]), col(header, names[1])
    i_id = col(header, names[2]) if names[2] else None
    i_curated, i_hidden = col(header, "curated"), col(header, "hidden")
    for r in data:
        if not any(c.strip() for c in r):
            continue  # a blank line is no row
        r = r + [""] * (len(header) - len(r))
        excluded = fmt == "judgeme" and (
            (i_curated is not None and r[i_curated].strip().lower() == "spam")
            or (i_hidden is not None and r[i_hidden].strip().lower() in TRUE_WORDS))
        out.append(dict(id=r[i_id] if i_id is not None else None, created=r[i_at], rating=r[i_rating],
                        excluded=excluded))
    return out


def prepare_reviews(fmt, path, delimiter, zone, dedupe):
    recs = review_records(fmt, path, delimiter)
    rows = dict(read=len(recs), skipped=0, excluded=0, duplicates=0)
    low, high = REVIEW_SCALE.get(fmt, (1, 5))
    seen, good = set(), []
    for r in recs:
        rid = (r["id"] or "").strip()
        if dedupe == "id" and rid:
            if rid in seen:
                rows["duplicates"] += 1
                continue
            seen.add(rid)
        if r["excluded"]:
            rows["excluded"] += 1
            continue
        at = review_time(r["created"], fmt, zone)
        rating = parse_rating(r["rating"])
        if at is None or rating == "bad" or (rating is not None and not low <= rating <= high):
            rows["skipped"] += 1
            continue
        good.append(dict(at=at, rating=rating))
    return rows, good


def review_window(recs, start, end, zone):
    inside = [r for r in recs if start <= r["at"] < end]
    ratings = [r["rating"] for r in inside if r["rating"] is not None]
    n = len(ratings)
    pos = sum(1 for v in ratings if v >= 4)
    return {"window": {"from": start.astimezone(zone).isoformat(), "to": end.astimezone(zone).isoformat()},
            "reviews": n, "positiveReviews": pos, "positiveRate": pos / n if n else None,
            "meanRating": sum(ratings) / n if n else None,
            "unrated": sum(1 for r in inside if r["rating"] is None)}


def previous_start(start, days, zone):
    return localize(datetime.combine(start.astimezone(zone).date() - timedelta(days=days), time(0)), zone)


def reviews(args):
    zone = args.zone
    delimiter = "\t" if args.delimiter == "\\t" else args.delimiter
    rows, recs = prepare_reviews(args.format, args.file, delimiter, zone, args.dedupe)
    start, end = window(date.fromisoformat(args.as_of), args.days, zone)
    pstart = previous_start(start, args.days, zone)
    out = review_window(recs, start, end, zone)
    prev = review_window(recs, pstart, start, zone)
    out["positiveGrowth"] = (out["positiveReviews"] / prev["positiveReviews"] - 1
                             if prev["positiveReviews"] else None)
    out["rows"] = rows
    if args.previous:
        out["previous"] = prev
    return out


REVIEW_FIXTURES = [  # file, options
    ("judgeme.csv", ["--format", "judgeme"]),
    ("trustpilot.csv", ["--format", "trustpilot"]),
    ("heureka-shop.xml", ["--format", "heureka-shop"]),
    ("heureka-products.xml", ["--format", "heureka-products"]),
    ("generic.csv", ["--format", "generic", "--delimiter", ";"]),
]
OLIST = "../shared/data/olist/olist_order_reviews_dataset__cab-g-subset.csv"
OLIST_REFERENCE = {  # ../shared/reference/engagement-inputs.md §5.1 (counts rows, not distinct ids)
    "rows": 8225, "distinctReviewIds": 8191,
    "scores": {"1": 2638, "2": 382, "3": 667, "4": 1184, "5": 3354},
    "positiveReviews": 4538, "positiveRate": 0.5517, "meanRating": 3.272,
    "months": {"2018-05": [351, 572], "2018-06": [280, 421], "2018-07": [275, 408], "2018-08": [416, 742]},
}


def olist_expected(path):
    """The Olist figures of fixtures/reviews/olist-expected.json, with and without the id dedupe."""
    import calendar
    base = ["reviews", path, "--format", "olist", "--tz", "America/Sao_Paulo"]
    out = {"file": OLIST, "options": "--format olist --tz America/Sao_Paulo", "reference": OLIST_REFERENCE}
    for dedupe in ("id", "none"):
        key = "dedupeId" if dedupe == "id" else "noDedupe"
        res = {}
        res["all"] = reviews(parse(base + ["--as-of", "2018-12-31", "--days", "100000", "--dedupe", dedupe]))
        res["2018-08-31-31d"] = reviews(parse(base + ["--as-of", "2018-08-31", "--days", "31", "--previous",
                                                      "--dedupe", dedupe]))
        months = {}
        for month in OLIST_REFERENCE["months"]:
            y, m = map(int, month.split("-"))
            last = calendar.monthrange(y, m)[1]
            r = reviews(parse(base + ["--as-of", f"{month}-{last:02d}", "--days", str(last), "--dedupe", dedupe]))
            months[month] = {"positiveReviews": r["positiveReviews"], "reviews": r["reviews"],
                             "positiveRate": r["positiveRate"], "meanRating": r["meanRating"]}
        res["months"] = months
        _, recs = prepare_reviews("olist", path, ",", ZoneInfo("America/Sao_Paulo"), dedupe)
        scores = {str(s): sum(1 for r in recs if r["rating"] == s) for s in range(1, 6)}
        res["scores"] = scores
        out[key] = res
    ids = {}
    for rec in read_table(path, "utf-8-sig", ",")[1:]:
        ids.setdefault(rec[0], []).append((rec[2], rec[5], rec[1]))  # score, creation date, order
    multi = [v for v in ids.values() if len(v) > 1]
    out["duplicateIds"] = {
        "ids": len(multi), "idsOnTwoRows": sum(1 for v in multi if len(v) == 2),
        "idsOnThreeRows": sum(1 for v in multi if len(v) == 3), "extraRows": sum(len(v) - 1 for v in multi),
        "copiesShareScoreAndDate": all(len({(a, b) for a, b, _ in v}) == 1 for v in multi),
        "copiesOnDifferentOrders": all(len({o for _, _, o in v}) == len(v) for v in multi),
    }
    ref, got = OLIST_REFERENCE, out["noDedupe"]
    checks = {
        "scores": got["scores"] == ref["scores"],
        "rows": got["all"]["rows"]["read"] == ref["rows"],
        "distinctReviewIds": out["dedupeId"]["all"]["rows"]["read"] - out["dedupeId"]["all"]["rows"]["duplicates"]
        == ref["distinctReviewIds"],
        "positiveReviews": got["all"]["positiveReviews"] == ref["positiveReviews"],
        "positiveRate": round(100 * got["all"]["positiveRate"], 2) == round(100 * ref["positiveRate"], 2),
        "meanRating": round(got["all"]["meanRating"], 3) == ref["meanRating"],
        "months": all([v["positiveReviews"], v["reviews"]] == ref["months"][k] for k, v in got["months"].items()),
    }
    out["noDedupeMatchesReference"] = checks
    return out


def reviews_expected():
    import os
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.join(here, "..", "..", "fixtures", "reviews")
    out = {}
    for name, opts in REVIEW_FIXTURES:
        entry = out.setdefault(name, {})
        for key, more in (("365d", ["--days", "365"]), ("90d", ["--days", "90", "--previous"])):
            entry[key] = reviews(parse(["reviews", os.path.join(root, name)] + opts + AS_OF + more))
    files = {"fixtures/reviews/expected.json": out}
    olist = os.path.join(here, "..", "..", OLIST)
    if os.path.exists(olist):
        files["fixtures/reviews/olist-expected.json"] = olist_expected(olist)
    else:
        sys.stderr.write(f"{OLIST} not found: fixtures/reviews/olist-expected.json left as it is\n")
    return files


# ---------------------------------------------------------------------------------------------
# Tickets (Zendesk, Freshdesk, osTicket, LiveAgent, generic): first response and resolution time
# ---------------------------------------------------------------------------------------------


class Refused(Exception):
    """A run the contract refuses: code 3 for the file (input error), 2 for the usage."""

    def __init__(self, reason, code=3):
        super().__init__(reason)
        self.reason, self.code = reason, code


TICKET_COLUMNS = {  # field -> header name; "unit" of the duration columns
    "zendesk": dict(id="Id", created="Created at", fr_dur="First reply time in minutes",
                    fr_bus="First reply time in minutes within business hours",
                    res_dur="Full resolution time in minutes",
                    res_bus="Full resolution time in minutes within business hours",
                    res_at="Solved at", channel="Via", status="Status", unit="minutes"),
    "freshdesk": dict(id="Ticket ID", created="Created time", fr_dur="First response time (in hrs)",
                      fr_at="Initial response time", res_dur="Resolution time (in hrs)", res_at="Resolved time",
                      channel="Source", status="Status", unit="hours"),
    "osticket": dict(id="Ticket Number", created="Date", answered="Answered", channel="Source",
                     status="Current Status"),
    "liveagent": dict(id="id", created="date_created", res_at="date_resolved", channel="channel_type",
                      status="status", deleted="date_deleted"),
    "generic": dict(id="id", created="created", fr_at="first_response", fr_dur="first_response_minutes",
                    fr_bus="first_response_business_minutes", res_at="resolved", channel="channel",
                    status="status", unit="minutes"),
}
LIVEAGENT_CHANNELS = {"E": "email", "B": "chat", "M": "contact form", "I": "invitation", "C": "call",
                      "W": "call button", "F": "facebook", "A": "facebook message", "T": "twitter",
                      "Q": "forum", "S": "suggestion"}
ANSWERED_YES = ("yes", "ano", "igen", "1", "true")
RESOLVED_STATUSES = ("closed", "resolved")  # osTicket Current Status
NUMBER_RE = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
HMS_RE = re.compile(r"^([+-]?)(\d+):([0-5]\d):([0-5]\d)$")
HOUR_US = 3_600_000_000  # microseconds in an hour
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def parse_duration(text, unit):
    """Hours as a Fraction, or 'bad'. Minutes (Zendesk, generic): a number; Freshdesk hours:
    hh:mm:ss (hours may exceed 24) or decimal hours with '.' or ','."""
    text = text.strip()
    if unit == "hours":
        m = HMS_RE.match(text)
        if m:
            sign = -1 if m.group(1) == "-" else 1
            return sign * Fraction(int(m.group(2)) * 3600 + int(m.group(3)) * 60 + int(m.group(4)), 3600)
    if not NUMBER_RE.match(text):
        return "bad"
    value = Fraction(text.replace(",", "."))
    return value / 60 if unit == "minutes" else value


def hours_between(a, b):
    return Fraction((b - a) // timedelta(microseconds=1), HOUR_US)


def after_hours(instant, hours):
    return instant + timedelta(microseconds=round(hours * HOUR_US))


def load_schedule(path, default_zone):
    """The config's businessHours, or None when the file has none (or no file was named)."""
    if not path:
        return None
    with open(path, encoding="utf-8-sig") as f:
        conf = json.load(f)
    bh = conf.get("businessHours")
    if bh is None:
        return None
    zone = ZoneInfo(bh["timezone"]) if bh.get("timezone") else default_zone
    week = {}
    for day in WEEKDAYS:
        spans = []
        for text in bh.get("week", {}).get(day, []):
            m = re.fullmatch(r"(\d{2}):(\d{2})-(\d{2}):(\d{2})", text.strip())
            h1, m1, h2, m2 = map(int, m.groups())
            spans.append((h1 * 60 + m1, h2 * 60 + m2))  # minutes after local midnight; 24:00 = 1440
        week[day] = spans
    return dict(zone=zone, week=week, holidays={date.fromisoformat(d) for d in bh.get("holidays", [])})


def wall(day, minutes, zone):
    """The instant of local day + minutes (1440 = the next midnight) in zone."""
    return localize(datetime.combine(day, time(0)) + timedelta(minutes=minutes), zone)


def business_hours(a, b, sched):
    """Length in hours of [a, b] within the schedule's open intervals (DST-correct, holidays off)."""
    zone, total = sched["zone"], Fraction(0)
    day, last = a.astimezone(zone).date() - timedelta(days=1), b.astimezone(zone).date()
    while day <= last:
        if day not in sched["holidays"]:
            for lo, hi in sched["week"][WEEKDAYS[day.weekday()]]:
                s, e = max(wall(day, lo, zone), a), min(wall(day, hi, zone), b)
                if e > s:
                    total += hours_between(s, e)
        day += timedelta(days=1)
    return total


def ticket_records(path, fmt, encoding, delimiter, zone):
    """(rows, kept records, has a channel column). Per row, in order: excluded (status) ->
    DUPLICATE_TICKET (an id seen on an earlier non-excluded row of this file) -> EMPTY_DATE /
    UNREADABLE_DATE (created, then the first-response and resolved timestamps) ->
    UNREADABLE_DURATION (any duration cell) -> ANSWERED_BEFORE_CREATED -> RESOLVED_BEFORE_CREATED."""
    cols = TICKET_COLUMNS[fmt]
    table = read_table(path, encoding, delimiter)
    header, data = table[0], table[1:]
    ix = {k: col(header, v) for k, v in cols.items() if k != "unit"}
    unit = cols.get("unit")
    rows = dict(read=0, skipped=0, excluded={}, duplicates=0, problems=[])
    seen, kept = set(), []
    for line, r in enumerate(data, 2):
        if not any(c.strip() for c in r):
            continue  # a blank line is no row
        rows["read"] += 1
        r = r + [""] * (len(header) - len(r))

        def cell(key):
            return r[ix[key]].strip() if ix.get(key) is not None else ""

        status = cell("status")
        s = status.lower()
        reason = None
        if s in ("deleted", "trash") or (fmt == "liveagent" and (status == "X" or cell("deleted"))):
            reason = "deleted"
        elif s == "spam" or (fmt == "liveagent" and status == "B"):
            reason = "spam"
        if reason:
            rows["excluded"][reason] = rows["excluded"].get(reason, 0) + 1
            continue
        tid = cell("id")
        code = None
        if tid and tid in seen:
            code = "DUPLICATE_TICKET"
        if tid:
            seen.add(tid)
        created = fr_at = res_at = None
        durs = {}
        if code is None:
            if not cell("created"):
                code = "EMPTY_DATE"
            else:
                created = local_date_time(cell("created"), zone)
                code = None if created else "UNREADABLE_DATE"
        for key in ("fr_at", "res_at"):
            if code is None and cell(key):
                at = local_date_time(cell(key), zone)
                if at is None:
                    code = "UNREADABLE_DATE"
                elif key == "fr_at":
                    fr_at = at
                else:
                    res_at = at
        for key in ("fr_dur", "fr_bus", "res_dur", "res_bus"):
            if code is None and cell(key):
                v = parse_duration(cell(key), unit)
                if v == "bad":
                    code = "UNREADABLE_DURATION"
                else:
                    durs[key] = v
        if code is None and ((fr_at is not None and fr_at < created)
                             or any(durs.get(k, 0) < 0 for k in ("fr_dur", "fr_bus"))):
            code = "ANSWERED_BEFORE_CREATED"
        if code is None and ((res_at is not None and res_at < created)
                             or any(durs.get(k, 0) < 0 for k in ("res_dur", "res_bus"))):
            code = "RESOLVED_BEFORE_CREATED"
        if code:
            rows["skipped"] += 1
            rows["duplicates"] += code == "DUPLICATE_TICKET"
            rows["problems"].append((line, code))
            continue
        fr_cal = durs.get("fr_dur", hours_between(created, fr_at) if fr_at else None)
        res_cal = durs.get("res_dur", hours_between(created, res_at) if res_at else None)
        if fmt == "osticket":
            answered, resolved = cell("answered").lower() in ANSWERED_YES, s in RESOLVED_STATUSES
        else:
            answered, resolved = fr_cal is not None, res_cal is not None
        channel = cell("channel")
        if fmt == "liveagent":
            channel = LIVEAGENT_CHANNELS.get(channel, channel)
        kept.append(dict(created=created, answered=answered, resolved=resolved, fr_cal=fr_cal, res_cal=res_cal,
                         fr_bus=durs.get("fr_bus"), res_bus=durs.get("res_bus"),
                         fr_end=fr_at or (after_hours(created, fr_cal) if fr_cal is not None else None),
                         res_end=res_at or (after_hours(created, res_cal) if res_cal is not None else None),
                         channel=channel or "(none)"))
    return rows, kept, ix.get("channel") is not None, (ix.get("fr_bus"), ix.get("res_bus"))


def apply_basis(path, recs, bus_cols, sched):
    """Sets fr and res (hours on the basis) on each record, for --business-hours."""
    for kind, has_col in (("fr", bus_cols[0] is not None), ("res", bus_cols[1] is not None)):
        timed = [r for r in recs if r[kind + "_cal"] is not None]
        filled = sum(1 for r in timed if r[kind + "_bus"] is not None)
        if has_col and timed and filled == len(timed):
            for r in recs:
                r[kind] = r[kind + "_bus"]
            continue
        if filled:
            what = "first response" if kind == "fr" else "resolution"
            raise Refused(f"{path}: the business-hours {what} column is filled for {filled} of the "
                          f"{len(timed)} tickets with a {what} time and empty for the others: the export "
                          "mixes tickets with and without a schedule")
        if timed and sched is None:
            raise Refused(f"{path}: the file has no business-hours values: add businessHours to the config", 2)
        for r in recs:
            r[kind] = business_hours(r["created"], r[kind + "_end"], sched) if r[kind + "_cal"] is not None else None


def quantile(xs, q):
    """Type 7 (numpy's default) on sorted xs, exactly (Fractions)."""
    h = (len(xs) - 1) * q
    lo = math.floor(h)
    return xs[lo] + (h - lo) * (xs[lo + 1] - xs[lo]) if lo + 1 < len(xs) else xs[lo]


def num(x):
    return None if x is None else float(x)


def hour_stats(times):
    xs = sorted(times)
    if not xs:
        return dict(meanHours=None, medianHours=None, p90Hours=None)
    return dict(meanHours=num(sum(xs) / len(xs)), medianHours=num(quantile(xs, Fraction(1, 2))),
                p90Hours=num(quantile(xs, Fraction(9, 10))))


def ticket_figures(recs, target):
    answered = [r for r in recs if r["answered"]]
    times = [r["fr"] for r in answered if r["fr"] is not None]
    within = sum(1 for t in times if t <= target)
    return dict(tickets=len(recs), answered=len(answered), unanswered=len(recs) - len(answered),
                firstResponse=hour_stats(times), withinTarget=num(Fraction(within, len(times))) if times else None)


def ticket_window(recs, start, end, target, has_channel, zone):
    inside = [r for r in recs if start <= r["created"] < end]
    out = {"window": {"from": start.astimezone(zone).isoformat(), "to": end.astimezone(zone).isoformat()}}
    out.update(ticket_figures(inside, target))
    out["targetHours"] = num(target)
    res = [r["res"] for r in inside if r["resolved"] and r["res"] is not None]
    rs = hour_stats(res)
    out["resolution"] = dict(resolved=sum(1 for r in inside if r["resolved"]), medianHours=rs["medianHours"],
                             p90Hours=rs["p90Hours"])
    if has_channel:
        names = sorted({r["channel"] for r in inside})
        chans = []
        for name in names:
            fig = ticket_figures([r for r in inside if r["channel"] == name], target)
            chans.append(dict(channel=name, **fig))
        out["channels"] = sorted(chans, key=lambda c: (-c["tickets"], c["channel"]))
    return out


def tickets(args):
    zone = args.zone
    delimiter = "\t" if args.delimiter == "\\t" else args.delimiter
    target = Fraction(args.frt_target)
    business = args.business_hours is not None
    sched = load_schedule(args.business_hours, zone) if business else None
    rows = dict(read=0, skipped=0, excluded={}, duplicates=0)
    recs, has_channel = [], False
    for path in args.files:
        frows, frecs, chan, bus_cols = ticket_records(path, args.format, args.encoding, delimiter, zone)
        if business:
            apply_basis(os.path.basename(path), frecs, bus_cols, sched)
        else:
            for r in frecs:
                r["fr"], r["res"] = r["fr_cal"], r["res_cal"]
        for k in ("read", "skipped", "duplicates"):
            rows[k] += frows[k]
        for k, n in frows["excluded"].items():
            rows["excluded"][k] = rows["excluded"].get(k, 0) + n
        recs += frecs
        has_channel = has_channel or chan
    start, end = window(date.fromisoformat(args.as_of), args.days, zone)
    out = ticket_window(recs, start, end, target, has_channel, zone)
    out["basis"] = "business" if business else "calendar"
    if "channels" in out:
        out["channels"] = out.pop("channels")  # after basis, as the contract lists them
    out["rows"] = dict(read=rows["read"], skipped=rows["skipped"], excluded=dict(sorted(rows["excluded"].items())),
                       duplicates=rows["duplicates"])
    if args.previous:
        prev = ticket_window(recs, previous_start(start, args.days, zone), start, target, has_channel, zone)
        del prev["targetHours"]
        out["previous"] = prev
    return out


def ticket_problems(path, fmt, encoding=None, delimiter=",", tz="Europe/Prague"):
    """[(line, code)] of the skipped rows of one file (for the fixture READMEs)."""
    return ticket_records(path, fmt, encoding or "utf-8-sig", delimiter, ZoneInfo(tz))[0]["problems"]


# ---------------------------------------------------------------------------------------------
# Traffic (GA4, UA, Shopify, Plausible, Matomo, generic) and orders: conversion rate
# ---------------------------------------------------------------------------------------------

TRAFFIC_COLUMNS = {  # field -> header names (trimmed, any case)
    "ga4": dict(date=("Date", "Datum", "Dátum"), sessions=("Sessions", "Relace", "Relácie", "Munkamenetek"),
                visitors=("Active users", "Aktivní uživatelé", "Aktívni používatelia", "Aktív felhasználók"),
                rate=("Session key event rate",)),
    "ua": dict(date=("Day Index",), sessions=("Sessions",), visitors=("Users",)),
    "shopify": dict(date=("Day",), sessions=("Sessions",), visitors=("Online store visitors",),
                    converted=("Sessions that completed checkout",)),
    "plausible": dict(date=("date",), sessions=("visits",), visitors=("visitors",)),
    "matomo": dict(date=("date",), sessions=("nb_visits",), visitors=("nb_uniq_visitors",),
                   converted=("nb_visits_converted",)),
    "generic": dict(date=("date",), sessions=("sessions",), visitors=("visitors",)),
}
TOTALS_LABELS = ("grand total", "total", "totals", "celkem", "celkový součet", "celkový súčet", "spolu",
                 "összesen", "végösszeg", "gesamtsumme")
PREAMBLE_RE = re.compile(r"^#(?: |-|$)")
COUNT_RE = re.compile(r"^-?(?:\d+|\d{1,3}(?:([ \u00a0\u202f',.])\d{3})(?:\1\d{3})*)$")
RATE_RE = re.compile(r"^(\d+(?:[.,]\d+)?)\s*(%?)$")
MAX_DAY_COUNT = 100_000_000
WEB_EXCLUDED_SOURCES = ("pos", "shopify_draft_order", "draft", "admin", "phone")
EXCLUDED_ORDER_STATUSES = ("pending", "pending-payment", "cancelled", "refunded", "failed", "draft",
                           "checkout-draft")


def decode(path, encoding):
    raw = open(path, "rb").read()
    if raw.startswith(b"\xff\xfe"):
        return raw[2:].decode("utf-16-le")
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be")
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    return raw.decode(encoding)


def split_tables(text):
    """Tables (header + data lines) with the '#' block before each: a table ends at a blank line
    or a '#' line; a '#' line after anything else starts a new block."""
    tables, pre, cur, in_pre = [], [], None, False
    for number, line in enumerate(re.split(r"\r\n|\n|\r", norm(text)), 1):
        if PREAMBLE_RE.match(line):
            if cur:
                tables.append(cur)
                cur = None
            if not in_pre:
                pre = []
            pre.append(line)
            in_pre = True
            continue
        in_pre = False
        if not line.strip():
            if cur:
                tables.append(cur)
                cur = None
            continue
        if cur is None:
            cur = dict(preamble=list(pre), lines=[], numbers=[])
        cur["lines"].append(line)
        cur["numbers"].append(number)
    if cur:
        tables.append(cur)
    return tables


def preamble_range(lines):
    ends = [m.group(1) for m in (re.match(r"^#.*:\s*(\d{8})\s*$", x) for x in lines) if m]
    if len(ends) >= 2:
        return tuple(datetime.strptime(x, "%Y%m%d").date() for x in ends[:2])
    for x in lines:
        m = re.match(r"^#\s*(\d{8})\s*-\s*(\d{8})\s*$", x)
        if m:
            return tuple(datetime.strptime(g, "%Y%m%d").date() for g in m.groups())
    return None


def parse_count(text):
    """An int, or 'bad'."""
    text = text.strip()
    if not COUNT_RE.match(text):
        return "bad"
    return int(re.sub(r"[ \u00a0\u202f',.]", "", text))


def parse_rate(text):
    m = RATE_RE.match(text.strip())
    if not m:
        return "bad"
    v = Fraction(m.group(1).replace(",", "."))
    return v / 100 if m.group(2) else v


def ua_order(cells):
    for c in cells:
        m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", c.strip())
        if m and int(m.group(1)) > 12:
            return "dmy"
        if m and int(m.group(2)) > 12:
            return "mdy"
    return None


def traffic_day(text, fmt, order):
    text = text.strip()
    try:
        if fmt == "ga4":
            return datetime.strptime(text, "%Y%m%d").date() if re.fullmatch(r"\d{8}", text) else None
        if fmt == "ua":
            m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", text)
            if not m:
                return None
            a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            y = y + 2000 if y < 100 else y
            return date(y, a, b) if order == "mdy" else date(y, b, a)
        return date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    except ValueError:
        return None


def traffic_file(path, fmt, encoding, delimiter, earlier_days):
    """{days: {day: {sessions, visitors, converted, weighted}}, aggregate, rows, has_reported}."""
    names = TRAFFIC_COLUMNS[fmt]
    parsed = []
    for t in split_tables(decode(path, encoding)):
        head = t["lines"][0]
        delim = delimiter or (";" if head.count(";") > head.count(",") else "\t" if "\t" in head else ",")
        table = list(csv.reader(t["lines"], delimiter=delim))
        ix = {k: col(table[0], *v) for k, v in names.items()}
        parsed.append((t, table, ix))
    used = next((p for p in parsed if p[2]["date"] is not None and p[2]["sessions"] is not None), None)
    aggregate = None
    if used is None:
        used = next((p for p in parsed if p[2]["sessions"] is not None), None)
        if used is None:
            raise Refused(f"{path}: no table with a sessions column")
        rng = preamble_range(used[0]["preamble"])
        if rng is None:
            raise Refused(f"{path}: a table without a date column and no date range in the preamble")
        aggregate = dict(first=rng[0], last=rng[1])
    t, table, ix = used
    header, data = table[0], table[1:]
    rows = dict(read=0, skipped=0, totals=0, problems=[])
    order = None
    if fmt == "ua" and aggregate is None:
        order = ua_order(r[ix["date"]] for r in data if len(r) > ix["date"])
        if order is None:
            raise Refused(f"{path}: no Day Index settles day/month order")
    days, agg_rows = {}, []
    for line, r in zip(t["numbers"][1:], data):
        rows["read"] += 1
        r = r + [""] * (len(header) - len(r))
        first = r[ix["date"]] if aggregate is None else r[0]
        if (aggregate is None and not first.strip()) or first.strip().lower() in TOTALS_LABELS:
            rows["totals"] += 1
            continue
        day, code = None, None
        if aggregate is None:
            day = traffic_day(first, fmt, order)
            code = None if day else "UNREADABLE_DATE"
        vals = {}
        for key in ("sessions", "visitors", "converted"):
            if code is None and ix.get(key) is not None:
                v = parse_count(r[ix[key]])
                if v == "bad":
                    code = "UNREADABLE_COUNT"
                elif not 0 <= v <= MAX_DAY_COUNT:
                    code = "COUNT_OUT_OF_RANGE"
                vals[key] = v
        if code is None and ix.get("rate") is not None:
            vals["rate"] = parse_rate(r[ix["rate"]])
            if vals["rate"] == "bad":
                code = "UNREADABLE_RATE"  # not in the contract; no fixture has one
        if code is None and day in earlier_days:
            code = "DUPLICATE_DAY"
        if code:
            rows["skipped"] += 1
            rows["problems"].append((line, code))
            continue
        rec = dict(sessions=vals["sessions"], visitors=vals.get("visitors"), converted=vals.get("converted"),
                   weighted=vals["rate"] * vals["sessions"] if "rate" in vals else None)
        if aggregate is not None:
            agg_rows.append(rec)
        elif day in days:  # a breakdown by another dimension: summed, visitors unknown
            d = days[day]
            d["sessions"] += rec["sessions"]
            d["visitors"] = None
            for k in ("converted", "weighted"):
                d[k] = None if d[k] is None or rec[k] is None else d[k] + rec[k]
        else:
            days[day] = rec
    if aggregate is not None:
        aggregate["sessions"] = sum(x["sessions"] for x in agg_rows)
        aggregate["visitors"] = agg_rows[0]["visitors"] if len(agg_rows) == 1 else None
    has_reported = ix.get("rate") is not None or ix.get("converted") is not None
    return dict(days=days, aggregate=aggregate, rows=rows, has_reported=has_reported)


def read_orders(path, zone):
    table = read_table(path, "utf-8-sig", ",")
    header, data = table[0], table[1:]
    i_at, i_status, i_source = col(header, "created_at"), col(header, "status"), col(header, "source")
    out = []
    for r in data:
        if not any(c.strip() for c in r):
            continue
        at = local_date_time(r[i_at], zone)
        if at is None:
            continue  # an unreadable order date (none in the fixtures)
        status = r[i_status].strip().lower() if i_status is not None else ""
        status = status[3:] if status.startswith("wc-") else status
        out.append(dict(day=at.astimezone(zone).date(),
                        counted=i_status is None or status not in EXCLUDED_ORDER_STATUSES,
                        source=r[i_source].strip().lower() if i_source is not None else ""))
    return out


def traffic_window(first, last, start, end, traffic, orders, args, zone, main):
    win = {first + timedelta(days=i) for i in range((last - first).days + 1)}
    span = (min(o["day"] for o in orders), max(o["day"] for o in orders)) if orders else None
    out = {"window": {"from": start.astimezone(zone).isoformat(), "to": end.astimezone(zone).isoformat()}}
    sessions, visitors, reported = 0, None, None
    if args.sessions is not None:
        covered = win if main else set()
        sessions = args.sessions if main else 0
    elif traffic["aggregate"] is not None:
        agg = traffic["aggregate"]
        if main and (agg["first"], agg["last"]) != (first, last):
            raise Refused(f"aggregate traffic for {agg['first']}..{agg['last']}, not the report's window "
                          f"{first}..{last}")
        covered = {d for d in win if span and span[0] <= d <= span[1]} if main else set()
        sessions, visitors = (agg["sessions"], agg["visitors"]) if main else (0, None)
    else:
        covered = {d for d in win if d in traffic["days"] and span and span[0] <= d <= span[1]}
        got = [traffic["days"][d] for d in sorted(covered)]
        sessions = sum(d["sessions"] for d in got)
        if got and all(d["visitors"] is not None for d in got):
            visitors = sum(d["visitors"] for d in got)
        if traffic["has_reported"]:
            parts = [d["converted"] if d["converted"] is not None else d["weighted"] for d in got]
            reported = {"rate": num(Fraction(sum(parts)) / sessions) if sessions and None not in parts else None}
    in_days = [o for o in orders if o["counted"] and o["day"] in covered]
    excluded = [o for o in in_days if o["source"] in WEB_EXCLUDED_SOURCES] if args.web_orders_only else []
    n = len(in_days) - len(excluded)
    out.update(sessions=sessions, orders=n, conversionRate=n / sessions if sessions else None,
               ordersPerThousandSessions=1000 * n / sessions if sessions else None,
               coveredDays=len(covered), windowDays=len(win), visitors=visitors)
    if reported is not None:
        out["reportedConversionRate"] = reported
    if args.web_orders_only:
        out["webOrdersOnly"] = {"excludedOrders": len(excluded)}
    return out


def traffic(args):
    zone = args.zone
    delimiter = None if args.delimiter is None else "\t" if args.delimiter == "\\t" else args.delimiter
    merged = dict(days={}, aggregate=None, has_reported=False)
    rows = dict(read=0, skipped=0, totals=0)
    for path in args.files:
        t = traffic_file(path, args.format, args.encoding, delimiter, set(merged["days"]))
        merged["days"].update(t["days"])
        merged["aggregate"] = merged["aggregate"] or t["aggregate"]
        merged["has_reported"] = merged["has_reported"] or t["has_reported"]
        for k in rows:
            rows[k] += t["rows"][k]
    orders = read_orders(args.orders, zone)
    as_of = date.fromisoformat(args.as_of)
    start, end = window(as_of, args.days, zone)
    first = as_of - timedelta(days=args.days - 1)
    out = traffic_window(first, as_of, start, end, merged, orders, args, zone, True)
    out["rows"] = rows
    if args.previous:
        pfirst = first - timedelta(days=args.days)
        out["previous"] = traffic_window(pfirst, first - timedelta(days=1), previous_start(start, args.days, zone),
                                         start, merged, orders, args, zone, False)
    return out


CONFIG = "fixtures/config/business-hours.config.json"  # paths in RUNS: fixtures/tickets/ or fixtures/traffic/
TICKET_RUNS = [  # key in fixtures/tickets/expected.json, files, options (each also run as 365d and 90d --previous)
    ("zendesk.csv", ["zendesk.csv"], ["--format", "zendesk"]),
    ("zendesk.csv --business-hours", ["zendesk.csv"], ["--format", "zendesk", "--business-hours", CONFIG]),
    ("zendesk.csv --business-hours (no config)", ["zendesk.csv"], ["--format", "zendesk", "--business-hours"]),
    ("zendesk-business.csv", ["zendesk-business.csv"], ["--format", "zendesk"]),
    ("zendesk-business.csv --business-hours", ["zendesk-business.csv"], ["--format", "zendesk", "--business-hours"]),
    ("zendesk-mixed.csv", ["zendesk-mixed.csv"], ["--format", "zendesk"]),
    ("zendesk-mixed.csv --business-hours", ["zendesk-mixed.csv"], ["--format", "zendesk", "--business-hours", CONFIG]),
    ("freshdesk.csv", ["freshdesk.csv"], ["--format", "freshdesk"]),
    ("freshdesk.csv --frt-target 8", ["freshdesk.csv"], ["--format", "freshdesk", "--frt-target", "8"]),
    ("freshdesk-decimal.csv", ["freshdesk-decimal.csv"], ["--format", "freshdesk"]),
    ("freshdesk.csv + freshdesk-decimal.csv", ["freshdesk.csv", "freshdesk-decimal.csv"], ["--format", "freshdesk"]),
    ("osticket-cs.csv", ["osticket-cs.csv"], ["--format", "osticket", "--delimiter", ";"]),
    ("liveagent.csv", ["liveagent.csv"], ["--format", "liveagent"]),
    ("generic.csv", ["generic.csv"], ["--format", "generic"]),
    ("business-hours-dst.csv", ["business-hours-dst.csv"], ["--format", "generic"]),
    ("business-hours-dst.csv --business-hours", ["business-hours-dst.csv"],
     ["--format", "generic", "--business-hours", CONFIG]),
]
TRAFFIC_RUNS = [  # key in fixtures/traffic/expected.json, files, options (all with --orders orders.csv)
    ("ga4-cs.csv", ["ga4-cs.csv"], ["--format", "ga4"]),
    ("ga4-cs.csv --web-orders-only", ["ga4-cs.csv"], ["--format", "ga4", "--web-orders-only"]),
    ("ga4-en.csv", ["ga4-en.csv"], ["--format", "ga4"]),
    ("ga4-aggregate.csv", ["ga4-aggregate.csv"], ["--format", "ga4"]),
    ("ga4-aggregate-month.csv", ["ga4-aggregate-month.csv"], ["--format", "ga4"]),
    ("ua.csv", ["ua.csv"], ["--format", "ua"]),
    ("shopify-sessions.csv", ["shopify-sessions.csv"], ["--format", "shopify"]),
    ("shopify-sessions.csv --web-orders-only", ["shopify-sessions.csv"], ["--format", "shopify", "--web-orders-only"]),
    ("plausible-visitors.csv", ["plausible-visitors.csv"], ["--format", "plausible"]),
    ("matomo.csv", ["matomo.csv"], ["--format", "matomo"]),
    ("generic.csv", ["generic.csv"], ["--format", "generic"]),
    ("generic.csv + generic-overlap.csv", ["generic.csv", "generic-overlap.csv"], ["--format", "generic"]),
    ("generic-overlap.csv + generic.csv", ["generic-overlap.csv", "generic.csv"], ["--format", "generic"]),
    ("--sessions 40000", [], ["--sessions", "40000"]),
]
WINDOWS = (("365d", ["--days", "365"]), ("90d", ["--days", "90", "--previous"]))
EXTRA_WINDOWS = {  # run key -> more (window key, options) beside 365d and 90d
    "ga4-aggregate-month.csv": [("30d", ["--days", "30"])],  # June 2026: the file's range
    "plausible-visitors.csv": [("7d-as-of-2026-07-05", ["--as-of", "2026-07-05", "--days", "7"])],
}


def run_json(argv):
    """What the subcommand prints: its figures, or {"refused": reason}."""
    args = parse(argv)
    try:
        return tickets(args) if args.cmd == "tickets" else traffic(args)
    except Refused as e:
        return {"refused": e.reason}


def runs_expected(cmd, runs, folder, more):
    repo = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    root = os.path.join(repo, "fixtures", folder)
    out = {}
    for key, files, opts in runs:
        opts = [os.path.join(repo, o) if o == CONFIG else o for o in opts]
        base = [cmd] + [os.path.join(root, f) for f in files] + opts + more
        entry = out.setdefault(key, {})
        for wkey, wopts in list(WINDOWS) + EXTRA_WINDOWS.get(key, []):
            as_of = [] if "--as-of" in wopts else ["--as-of", "2026-06-30"]
            entry[wkey] = run_json(base + ["--tz", "Europe/Prague"] + as_of + wopts)
    return {f"fixtures/{folder}/expected.json": out}


def tickets_expected():
    return runs_expected("tickets", TICKET_RUNS, "tickets", [])


def traffic_expected():
    repo = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    orders = os.path.join(repo, "fixtures", "traffic", "orders.csv")
    return runs_expected("traffic", TRAFFIC_RUNS, "traffic", ["--orders", orders])


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
    r = sub.add_parser("reviews")
    r.add_argument("file")
    r.add_argument("--format", required=True,
                   choices=["judgeme", "trustpilot", "heureka-shop", "heureka-products", "olist", "generic"])
    r.add_argument("--tz", required=True)
    r.add_argument("--as-of", required=True)
    r.add_argument("--days", type=int, required=True)
    r.add_argument("--previous", action="store_true")
    r.add_argument("--delimiter", default=",")
    r.add_argument("--dedupe", choices=["id", "none"], default="id")
    t = sub.add_parser("tickets")
    t.add_argument("files", nargs="+")
    t.add_argument("--format", required=True, choices=list(TICKET_COLUMNS))
    t.add_argument("--business-hours", nargs="?", const="", default=None, metavar="CONFIG.json")
    t.add_argument("--frt-target", default="24")
    t.add_argument("--tz", required=True)
    t.add_argument("--as-of", required=True)
    t.add_argument("--days", type=int, required=True)
    t.add_argument("--previous", action="store_true")
    t.add_argument("--delimiter", default=",")
    t.add_argument("--encoding", default="utf-8-sig")
    f = sub.add_parser("traffic")
    f.add_argument("files", nargs="*")
    f.add_argument("--orders", required=True)
    f.add_argument("--format", choices=list(TRAFFIC_COLUMNS))
    f.add_argument("--sessions", type=int)
    f.add_argument("--web-orders-only", action="store_true")
    f.add_argument("--tz", required=True)
    f.add_argument("--as-of", required=True)
    f.add_argument("--days", type=int, required=True)
    f.add_argument("--previous", action="store_true")
    f.add_argument("--delimiter", default=None)
    f.add_argument("--encoding", default="utf-8")
    e = sub.add_parser("expected")
    e.add_argument("--write", action="store_true")
    args = ap.parse_args(argv)
    if args.cmd in ("survey", "reviews", "tickets", "traffic"):
        args.zone = ZoneInfo(args.tz)
    if args.cmd == "traffic" and (args.sessions is None) == (not args.files):
        ap.error("traffic: give FILE... with --format, or --sessions N")
    if args.cmd == "traffic" and args.files and not args.format:
        ap.error("traffic: FILE... needs --format")
    return args


def main(argv=None):
    args = parse(argv)
    if args.cmd == "expected":
        expected(args.write)
        return
    if args.cmd in ("tickets", "traffic"):
        try:
            out = tickets(args) if args.cmd == "tickets" else traffic(args)
        except Refused as e:
            print(json.dumps({"refused": e.reason}, ensure_ascii=False, indent=2))
            sys.exit(e.code)
    elif args.cmd == "reviews":
        try:
            out = reviews(args)
        except ET.ParseError as e:  # not well-formed XML: the file is refused
            sys.stderr.write(f"{args.file}: not well-formed XML: {e}\n")
            sys.exit(1)
    else:
        out = survey(args)
    json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
    print()


if __name__ == "__main__":
    main()
