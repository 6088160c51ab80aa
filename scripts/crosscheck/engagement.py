#!/usr/bin/env python3
"""Independent re-computation of shopmetrics' survey metrics (NPS, CSAT, CES) and review metrics, for checking its numbers.

Written from the definitions in the survey and review briefs (windows, time zones, score cells,
scale detection, NPS standard error, CSAT top box, CES direction, "latest" dedupe; positive
reviews, unrated, spam, review ids) and ../shared/reference/engagement-inputs.md §2, §5 and §7,
not from the TypeScript code. Python 3 standard library only (xml.etree.ElementTree for Heureka).
Gives the expected values in fixtures/surveys/expected.json, fixtures/reviews/expected.json and
fixtures/reviews/olist-expected.json. Usage:

  python3 scripts/crosscheck/engagement.py survey FILE \\
      --format surveymonkey|typeform|google-forms|fairing|generic \\
      --tz Europe/Prague --as-of 2026-06-30 --days 365 \\
      [--previous] [--encoding cp1250] [--delimiter ';'] \\
      [--ces-direction agree|effort] [--dedupe none|latest]
  python3 scripts/crosscheck/engagement.py reviews FILE \\
      --format judgeme|trustpilot|heureka-shop|heureka-products|olist|generic \\
      --tz Europe/Prague --as-of 2026-06-30 --days 365 \\
      [--previous] [--delimiter ';'] [--dedupe id|none]
  python3 scripts/crosscheck/engagement.py expected [--write]
      runs every fixture of fixtures/surveys/ (FIXTURES below) and fixtures/reviews/
      (REVIEW_FIXTURES) for 365d and 90d --previous, and the Olist runs of olist_expected(), and
      writes fixtures/surveys/expected.json, fixtures/reviews/expected.json and
      fixtures/reviews/olist-expected.json (or prints them as one JSON object keyed by path)

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
"""
import argparse
import csv
import json
import math
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
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
    e = sub.add_parser("expected")
    e.add_argument("--write", action="store_true")
    args = ap.parse_args(argv)
    if args.cmd in ("survey", "reviews"):
        args.zone = ZoneInfo(args.tz)
    return args


def main(argv=None):
    args = parse(argv)
    if args.cmd == "expected":
        expected(args.write)
        return
    if args.cmd == "reviews":
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
