#!/usr/bin/env python3
"""Independent re-computation of `shopmetrics cohorts` and `shopmetrics rfm` (issue 13), for checking its numbers.

Written from the issue-13 contract and docs/rules.md, never from the TypeScript code in src/.
Python 3 standard library only (csv, decimal, zoneinfo, datetime, json, argparse). The order
readers for Shopify and the UCI invoices are crosscheck.py's; the generic fixture format of
fixtures/analyses/ has its own small reader here (union-find identity). Usage:

  python3 scripts/crosscheck/analyses.py cohorts shopify|generic|online-retail FILE \\
      --as-of YYYY-MM-DD --tz ZONE [--period month|week|quarter] [--periods N] [--window FIRST..LAST]
  python3 scripts/crosscheck/analyses.py rfm shopify|generic|online-retail FILE \\
      --as-of YYYY-MM-DD --tz ZONE [--scale 5|4|3] [--segments default|rfm-package] [--window FIRST..LAST]
  python3 scripts/crosscheck/analyses.py expected [--write]
      runs every run of RUNS (below) and prints them, or writes fixtures/analyses/expected.json,
      keyed by run name: {"args": {...}, "argv": [...], "result": {...}}

Inputs:
  shopify        a Shopify orders export (crosscheck.shopify_orders: customer = lower-cased email)
  generic        the fixture format order_id,created_at,customer_id,email,total,refunded,currency,status
                 (one row per order; identity = normalised email or trimmed id, transitively)
  online-retail  the UCI invoices file InvoiceNo,InvoiceDate,CustomerID,TotalPrice (GBP, every row
                 one counted order, crosscheck.generic_orders' rule; shopmetrics reads it as generic
                 with --map created_at=InvoiceDate --map total=TotalPrice --map customer_id=CustomerID
                 --map order_id=InvoiceNo --currency GBP)

Both print {"groups": [...]}, one group per currency (by code, null last):
  cohorts: {currency, cohorts: [{cohort, start, end, customers, cells: [{offset, activeCustomers,
           retention, revenue, cumulativeRevenuePerCustomer, cumulativeOrdersPerCustomer, mature}]}]}
  rfm:     {currency, customers, segments: [{segment, customers, customerShare, revenue,
           revenueShare, meanRecencyDays, meanFrequency, aov}], list: [{customer, currency,
           recencyDays, frequency, monetary, r, f, m, segment, firstOrder, lastOrder}]}
Cohort money is JSON numbers; rfm money (monetary, revenue, aov) strings with two decimals.
The hand-worked fixtures and the choices the contract leaves open (customer key, groups,
--window with --periods, list order) are in fixtures/analyses/README.md.
"""
import argparse
import bisect
import csv
import json
import os
import sys
from collections import defaultdict
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import crosscheck  # noqa: E402  (its readers: shopify_orders, generic_orders, parse_instant, COUNTED)

COUNTED = crosscheck.COUNTED
REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
MISSING_IDS = {"", "0", "na", "n/a", "#n/a", "nan", "null", "none", "-"}  # docs/rules.md, identity

# ---------------------------------------------------------------------------------------------
# Readers: each yields {at, day, currency, revenue, customer, status}
# ---------------------------------------------------------------------------------------------


GENERIC_STATUSES = {"completed", "processing", "on-hold", "failed", "cancelled", "refunded",
                    "pending-payment", "draft"}


def generic_status(text):
    """docs/rules.md: WooCommerce's words (with or without wc-, any case; pending = pending-payment,
    checkout-draft = draft) and ours; anything else is unknown-status, counted as completed."""
    s = (text or "").strip().lower()
    s = s[3:] if s.startswith("wc-") else s
    s = {"pending": "pending-payment", "checkout-draft": "draft"}.get(s, s)
    return s if s in GENERIC_STATUSES else "completed"


def cent(text):
    """An amount read to the cent, half away from zero (each amount on its own, as docs/rules.md)."""
    return Decimal(text.strip()).quantize(Decimal("0.01"), ROUND_HALF_UP)


def generic_fixture_orders(path, zone):
    """The fixtures' generic format. Identity: union-find over every row (any status) of the
    normalised email (trim, lower-case) and the trimmed customer id. Key of a customer: the first
    normalised email of its rows in file order, else its first customer id."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra

    nodes = []
    for row in rows:
        email = (row.get("email") or "").strip().lower()
        cid = (row.get("customer_id") or "").strip()
        if cid.startswith("'"):
            cid = cid[1:]
        if cid.lower() in MISSING_IDS:
            cid = ""
        ns = ([("e", email)] if email else []) + ([("i", cid)] if cid else [])
        for n in ns:
            find(n)
        if len(ns) == 2:
            union(ns[0], ns[1])
        nodes.append(ns)
    key_of_root = {}
    for ns in nodes:  # first email in file order
        for kind, value in ns:
            if kind == "e":
                key_of_root.setdefault(find((kind, value)), value)
    for ns in nodes:  # clusters without any email: first id
        for kind, value in ns:
            key_of_root.setdefault(find((kind, value)), value)
    for row, ns in zip(rows, nodes):
        refunded = (row.get("refunded") or "").strip() or "0"
        yield {
            "at": crosscheck.parse_instant(row["created_at"], zone),
            "currency": (row.get("currency") or "").strip().upper() or None,
            "revenue": cent(row["total"]) - cent(refunded),
            "customer": key_of_root[find(ns[0])] if ns else None,
            "status": generic_status(row.get("status")),
        }


def online_retail_invoice_orders(path, zone):
    args = SimpleNamespace(date="InvoiceDate", total="TotalPrice", customer="CustomerID", currency="GBP")
    return crosscheck.generic_orders(path, zone, args)


READERS = {
    "shopify": crosscheck.shopify_orders,
    "generic": generic_fixture_orders,
    "online-retail": online_retail_invoice_orders,
}


def load(fmt, path, zone):
    orders = []
    for o in READERS[fmt](path, zone):
        o["day"] = o["at"].astimezone(zone).date()
        orders.append(o)
    return orders


def groups_of(orders):
    """Currency -> orders; every currency on any order of the file, by code, null last."""
    g = defaultdict(list)
    for o in orders:
        g[o["currency"]].append(o)
    return sorted(g.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))


# ---------------------------------------------------------------------------------------------
# Money: exact Decimal, rounded half away from zero to the cent
# ---------------------------------------------------------------------------------------------


def cents(d):
    c = d * 100
    if c != c.to_integral_value():
        raise ValueError(f"amount {d} has more than two decimals")
    return int(c)


def div_round(total, n):
    """total (Decimal, 2 dp) / n rounded half away from zero to the cent, exactly."""
    c = cents(total)
    q = (2 * abs(c) + n) // (2 * n)
    return Decimal(q if c >= 0 else -q).scaleb(-2)


def money(d):
    return str(d.quantize(Decimal("0.01")))


# ---------------------------------------------------------------------------------------------
# Periods: an integer index per period, with first/last day and label
# ---------------------------------------------------------------------------------------------


def period_index(d, kind):
    if kind == "month":
        return d.year * 12 + d.month - 1
    if kind == "quarter":
        return d.year * 4 + (d.month - 1) // 3
    return (d.toordinal() - 1) // 7  # week: date.fromordinal(1) = 0001-01-01 is a Monday


def period_bounds(i, kind):
    if kind == "month":
        y, m = divmod(i, 12)
        start = date(y, m + 1, 1)
        ny, nm = divmod(i + 1, 12)
        return start, date(ny, nm + 1, 1) - timedelta(days=1)
    if kind == "quarter":
        y, q = divmod(i, 4)
        start = date(y, 3 * q + 1, 1)
        ny, nq = divmod(i + 1, 4)
        return start, date(ny, 3 * nq + 1, 1) - timedelta(days=1)
    start = date.fromordinal(i * 7 + 1)
    return start, start + timedelta(days=6)


def period_label(i, kind):
    start, _ = period_bounds(i, kind)
    if kind == "month":
        return f"{start.year:04d}-{start.month:02d}"
    if kind == "quarter":
        return f"{start.year:04d}-Q{(start.month - 1) // 3 + 1}"
    iso = start.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


# ---------------------------------------------------------------------------------------------
# cohorts
# ---------------------------------------------------------------------------------------------


def cohorts_group(orders, as_of, kind, periods, window):
    used = [o for o in orders if o["status"] in COUNTED and o["day"] <= as_of and o["customer"] is not None]
    first = {}
    for o in used:
        c = o["customer"]
        if c not in first or o["day"] < first[c]:
            first[c] = o["day"]
    pa = period_index(as_of, kind)
    members = defaultdict(set)  # cohort period -> customers
    for c, d in first.items():
        if window and not (window[0] <= d <= window[1]):
            continue
        members[period_index(d, kind)].add(c)
    if periods is None and window is None:
        periods = 12
    shown = sorted(p for p in members if periods is None or pa - periods + 1 <= p <= pa)
    by_period = defaultdict(lambda: defaultdict(list))  # cohort -> period -> orders
    cohort_of = {c: p for p, cs in members.items() for c in cs}
    for o in used:
        p0 = cohort_of.get(o["customer"])
        if p0 is not None:
            by_period[p0][period_index(o["day"], kind)].append(o)
    out = []
    for c in shown:
        n = len(members[c])
        start, end = period_bounds(c, kind)
        cells, cum_rev, cum_orders = [], Decimal(0), 0
        for k in range(pa - c + 1):
            os_ = by_period[c].get(c + k, [])
            rev = sum((o["revenue"] for o in os_), Decimal(0))
            active = len({o["customer"] for o in os_})
            cum_rev += rev
            cum_orders += len(os_)
            cells.append({
                "offset": k,
                "activeCustomers": active,
                "retention": active / n,
                "revenue": float(rev),
                "cumulativeRevenuePerCustomer": float(div_round(cum_rev, n)),
                "cumulativeOrdersPerCustomer": cum_orders / n,
                "mature": period_bounds(c + k, kind)[1] <= as_of,
            })
        out.append({"cohort": period_label(c, kind), "start": start.isoformat(), "end": end.isoformat(),
                    "customers": n, "cells": cells})
    return out


def cohorts(orders, a):
    return {"groups": [{"currency": cur, "cohorts": cohorts_group(os_, a.as_of_day, a.period, a.periods, a.window_days)}
                       for cur, os_ in groups_of(orders)]}


# ---------------------------------------------------------------------------------------------
# rfm
# ---------------------------------------------------------------------------------------------


def grid5_default(r, f, m):
    fm2 = f + m  # 2 x FM
    return [
        ("Champions", r == 5 and fm2 >= 8),
        ("Loyal", 3 <= r <= 4 and fm2 >= 8),
        ("Active", 4 <= r <= 5 and 5 <= fm2 < 8),
        ("Needs attention", r == 3 and 5 <= fm2 < 8),
        ("New", r == 5 and fm2 < 5),
        ("Promising", 3 <= r <= 4 and fm2 < 5),
        ("Previously loyal", r <= 2 and fm2 >= 9),
        ("At risk", r <= 2 and 6 <= fm2 < 9),
        ("Almost lost", r <= 2 and 4 <= fm2 < 6),
        ("Dormant", r <= 2 and fm2 < 4),
    ]


def grid3_default(r, f, m):
    fm2 = f + m
    return [
        ("Champions", r == 3 and fm2 >= 5),
        ("Loyal", (r == 3 and 3 <= fm2 < 5) or (r == 2 and fm2 >= 5)),
        ("Recent", r == 3 and fm2 < 3),
        ("Needs attention", r == 2 and fm2 < 5),
        ("At risk", r == 1 and fm2 >= 4),
        ("Inactive", r == 1 and fm2 < 4),
    ]


PYMC = [
    ("Premium Customer", {"334", "443", "444", "344", "434", "433", "343", "333"}),
    ("Repeat Customer", {"244", "234", "232", "332", "143", "233", "243"}),
    ("Top Spender", {"424", "414", "144", "314", "324", "124", "224", "423", "413", "133", "323", "313", "134"}),
    ("At Risk Customer", {"422", "223", "212", "122", "222", "132", "322", "312", "412", "123", "214"}),
    ("Inactive Customer", {"411", "111", "113", "114", "112", "211", "311"}),
]


def grid4_default(r, f, m):
    code = f"{r}{f}{m}"
    return [(name, code in codes) for name, codes in PYMC]


RFM_PACKAGE = [  # name, (R lo, hi), (F lo, hi), (M lo, hi): R package rfm v0.3 defaults
    ("Champions", (5, 5), (5, 5), (5, 5)),
    ("Potential Loyalist", (3, 5), (3, 5), (2, 5)),
    ("Loyal Customers", (2, 4), (2, 4), (2, 4)),
    ("Promising", (3, 4), (1, 3), (3, 5)),
    ("New Customers", (4, 5), (1, 3), (1, 5)),
    ("Can't Lose Them", (1, 2), (3, 4), (4, 5)),
    ("At Risk", (1, 2), (2, 5), (4, 5)),
    ("Need Attention", (1, 3), (3, 5), (3, 5)),
    ("About To Sleep", (2, 3), (1, 3), (1, 4)),
    ("Lost", (1, 1), (1, 5), (1, 5)),
]


def grid5_package(r, f, m):
    return [(name, rr[0] <= r <= rr[1] and ff[0] <= f <= ff[1] and mm[0] <= m <= mm[1])
            for name, rr, ff, mm in RFM_PACKAGE]


GRIDS = {  # (scale, segments) -> (rules function, fallback name or None)
    (5, "default"): (grid5_default, None),
    (3, "default"): (grid3_default, None),
    (4, "default"): (grid4_default, "Other"),
    (5, "rfm-package"): (grid5_package, "Others"),
}


def segment_names(scale, segments):
    fn, fallback = GRIDS[(scale, segments)]
    return [name for name, _ in fn(1, 1, 1)] + ([fallback] if fallback else [])


def segment_of(r, f, m, scale, segments):
    fn, fallback = GRIDS[(scale, segments)]
    for name, hit in fn(r, f, m):
        if hit:
            return name
    if fallback is None:
        raise AssertionError(f"grid {scale}/{segments} has no segment for {r}{f}{m}")
    return fallback


def scores(values, worse, s):
    """score per customer: 1 + (s * W) // n, W = customers with a strictly worse value."""
    n = len(values)
    ordered = sorted(values.values())
    out = {}
    for c, v in values.items():
        if worse == "larger":  # recency: more days is worse
            w = n - bisect.bisect_right(ordered, v)
        else:  # frequency, monetary: less is worse
            w = bisect.bisect_left(ordered, v)
        out[c] = 1 + (s * w) // n
    return out


def rfm_group(cur, orders, as_of, scale, segments, window):
    per = defaultdict(list)
    for o in orders:
        if o["status"] not in COUNTED or o["customer"] is None or o["day"] > as_of:
            continue
        if window and not (window[0] <= o["day"] <= window[1]):
            continue
        per[o["customer"]].append(o)
    n = len(per)
    rec = {c: (as_of - max(o["day"] for o in os_)).days for c, os_ in per.items()}
    freq = {c: len(os_) for c, os_ in per.items()}
    mon = {c: sum((o["revenue"] for o in os_), Decimal(0)) for c, os_ in per.items()}
    rs = scores(rec, "larger", scale)
    fs = scores(freq, "smaller", scale)
    ms = scores({c: cents(v) for c, v in mon.items()}, "smaller", scale)
    rows = []
    for c in sorted(per):
        rows.append({
            "customer": c, "currency": cur, "recencyDays": rec[c], "frequency": freq[c],
            "monetary": money(mon[c]), "r": rs[c], "f": fs[c], "m": ms[c],
            "segment": segment_of(rs[c], fs[c], ms[c], scale, segments),
            "firstOrder": min(o["day"] for o in per[c]).isoformat(),
            "lastOrder": max(o["day"] for o in per[c]).isoformat(),
        })
    total = sum(cents(v) for v in mon.values())
    summary = []
    for name in segment_names(scale, segments):
        members = [row["customer"] for row in rows if row["segment"] == name]
        k = len(members)
        rev = sum(cents(mon[c]) for c in members)
        orders_ = sum(freq[c] for c in members)
        summary.append({
            "segment": name,
            "customers": k,
            "customerShare": k / n if n else None,
            "revenue": money(Decimal(rev).scaleb(-2)),
            "revenueShare": rev / total if total else None,
            "meanRecencyDays": sum(rec[c] for c in members) / k if k else None,
            "meanFrequency": orders_ / k if k else None,
            "aov": money(div_round(Decimal(rev).scaleb(-2), orders_)) if orders_ else None,
        })
    return {"currency": cur, "customers": n, "segments": summary, "list": rows}


def rfm(orders, a):
    return {"groups": [rfm_group(cur, os_, a.as_of_day, a.scale, a.segments, a.window_days)
                       for cur, os_ in groups_of(orders)]}


# ---------------------------------------------------------------------------------------------
# Command line and the expected runs
# ---------------------------------------------------------------------------------------------

F = "fixtures/analyses/"
SHOP = "fixtures/sample-shop/orders_export.csv"
UCI = "../shared/data/online_retail/online_retail_invoices__mwoitek.csv"
PRAGUE = ["--tz", "Europe/Prague"]
LONDON = ["--tz", "Europe/London"]
RUNS = [  # (name, argv); file paths relative to the repository root
    ("ties.csv cohorts month", ["cohorts", "generic", F + "ties.csv", "--as-of", "2025-06-30", *PRAGUE]),
    ("ties.csv rfm 5", ["rfm", "generic", F + "ties.csv", "--as-of", "2025-06-30", *PRAGUE]),
    ("ties.csv rfm 3", ["rfm", "generic", F + "ties.csv", "--as-of", "2025-06-30", *PRAGUE, "--scale", "3"]),
    ("ties.csv rfm 4", ["rfm", "generic", F + "ties.csv", "--as-of", "2025-06-30", *PRAGUE, "--scale", "4"]),
    ("ties.csv rfm 5 rfm-package", ["rfm", "generic", F + "ties.csv", "--as-of", "2025-06-30", *PRAGUE,
                                    "--segments", "rfm-package"]),
    ("refunded-first.csv cohorts month", ["cohorts", "generic", F + "refunded-first.csv", "--as-of", "2025-06-30", *PRAGUE]),
    ("refunded-first.csv rfm 5", ["rfm", "generic", F + "refunded-first.csv", "--as-of", "2025-06-30", *PRAGUE]),
    ("identity.csv cohorts month", ["cohorts", "generic", F + "identity.csv", "--as-of", "2025-06-30", *PRAGUE]),
    ("identity.csv cohorts quarter", ["cohorts", "generic", F + "identity.csv", "--as-of", "2025-06-30", *PRAGUE,
                                      "--period", "quarter"]),
    ("identity.csv rfm 5", ["rfm", "generic", F + "identity.csv", "--as-of", "2025-06-30", *PRAGUE]),
    ("two-currencies.csv cohorts month", ["cohorts", "generic", F + "two-currencies.csv", "--as-of", "2025-06-30", *PRAGUE]),
    ("two-currencies.csv rfm 5", ["rfm", "generic", F + "two-currencies.csv", "--as-of", "2025-06-30", *PRAGUE]),
    ("dst.csv cohorts month", ["cohorts", "generic", F + "dst.csv", "--as-of", "2025-11-30", *PRAGUE]),
    ("dst.csv rfm 5", ["rfm", "generic", F + "dst.csv", "--as-of", "2025-11-30", *PRAGUE]),
    ("immature.csv cohorts month", ["cohorts", "generic", F + "immature.csv", "--as-of", "2025-06-15", *PRAGUE]),
    ("immature.csv cohorts quarter", ["cohorts", "generic", F + "immature.csv", "--as-of", "2025-06-15", *PRAGUE,
                                      "--period", "quarter"]),
    ("immature.csv rfm 5", ["rfm", "generic", F + "immature.csv", "--as-of", "2025-06-15", *PRAGUE]),
    ("week-year-end.csv cohorts month", ["cohorts", "generic", F + "week-year-end.csv", "--as-of", "2025-01-12", *PRAGUE]),
    ("week-year-end.csv cohorts week 2025-01-12 --periods 3",
     ["cohorts", "generic", F + "week-year-end.csv", "--as-of", "2025-01-12", *PRAGUE, "--period", "week", "--periods", "3"]),
    ("week-year-end.csv cohorts week 2021-01-10 --periods 3",
     ["cohorts", "generic", F + "week-year-end.csv", "--as-of", "2021-01-10", *PRAGUE, "--period", "week", "--periods", "3"]),
    ("week-year-end.csv cohorts week 2021-01-10 --window 2021-01-01..2021-01-10",
     ["cohorts", "generic", F + "week-year-end.csv", "--as-of", "2021-01-10", *PRAGUE, "--period", "week",
      "--window", "2021-01-01..2021-01-10"]),
    ("week-year-end.csv cohorts week 2025-01-12 --window 2024-12-29..2025-01-12 --periods 2",
     ["cohorts", "generic", F + "week-year-end.csv", "--as-of", "2025-01-12", *PRAGUE, "--period", "week",
      "--window", "2024-12-29..2025-01-12", "--periods", "2"]),
    ("week-year-end.csv rfm 5", ["rfm", "generic", F + "week-year-end.csv", "--as-of", "2025-01-12", *PRAGUE]),
    ("week-year-end.csv rfm 5 --window 2024-12-23..2025-01-12",
     ["rfm", "generic", F + "week-year-end.csv", "--as-of", "2025-01-12", *PRAGUE, "--window", "2024-12-23..2025-01-12"]),
    ("sample-shop cohorts month --periods 12", ["cohorts", "shopify", SHOP, "--as-of", "2026-06-30", *PRAGUE,
                                                "--period", "month", "--periods", "12"]),
    ("sample-shop cohorts quarter --periods 8", ["cohorts", "shopify", SHOP, "--as-of", "2026-06-30", *PRAGUE,
                                                 "--period", "quarter", "--periods", "8"]),
    ("sample-shop rfm 5", ["rfm", "shopify", SHOP, "--as-of", "2026-06-30", *PRAGUE]),
    ("sample-shop rfm 5 rfm-package", ["rfm", "shopify", SHOP, "--as-of", "2026-06-30", *PRAGUE, "--segments", "rfm-package"]),
    ("online-retail cohorts month --periods 13", ["cohorts", "online-retail", UCI, "--as-of", "2011-12-09", *LONDON,
                                                  "--period", "month", "--periods", "13"]),
    ("online-retail cohorts week --periods 10", ["cohorts", "online-retail", UCI, "--as-of", "2011-12-09", *LONDON,
                                                 "--period", "week", "--periods", "10"]),
    ("online-retail rfm 5", ["rfm", "online-retail", UCI, "--as-of", "2011-12-09", *LONDON]),
    ("online-retail rfm 4", ["rfm", "online-retail", UCI, "--as-of", "2011-12-09", *LONDON, "--scale", "4"]),
]
COMPACT_LISTS = ("online-retail rfm",)  # runs whose per-customer lists are written as compact strings
COMPACT = "customer|r|f|m|recencyDays|frequency|monetary|segment"


def parse(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    for cmd in ("cohorts", "rfm"):
        s = sub.add_parser(cmd)
        s.add_argument("format", choices=list(READERS))
        s.add_argument("file")
        s.add_argument("--as-of", required=True)
        s.add_argument("--tz", required=True)
        s.add_argument("--window", help="FIRST..LAST (YYYY-MM-DD..YYYY-MM-DD)")
        if cmd == "cohorts":
            s.add_argument("--period", choices=["month", "week", "quarter"], default="month")
            s.add_argument("--periods", type=int)
        else:
            s.add_argument("--scale", type=int, choices=[5, 4, 3], default=5)
            s.add_argument("--segments", choices=["default", "rfm-package"], default="default")
    e = sub.add_parser("expected")
    e.add_argument("--write", action="store_true")
    a = ap.parse_args(argv)
    if a.cmd == "expected":
        return a
    a.zone = ZoneInfo(a.tz)
    a.as_of_day = date.fromisoformat(a.as_of)
    a.window_days = None
    if a.window:
        lo, sep, hi = a.window.partition("..")
        if not sep:
            ap.error("--window takes FIRST..LAST")
        a.window_days = (date.fromisoformat(lo), date.fromisoformat(hi))
        if a.window_days[0] > a.window_days[1]:
            ap.error("--window: FIRST is after LAST")
    if a.cmd == "cohorts" and a.periods is not None and a.periods < 1:
        ap.error("--periods must be at least 1")
    if a.cmd == "rfm" and a.segments == "rfm-package" and a.scale != 5:
        ap.error("--segments rfm-package is a scale-5 grid")
    return a


def run(argv):
    a = parse(argv)
    orders = load(a.format, a.file if os.path.isabs(a.file) else os.path.join(REPO, a.file), a.zone)
    return (cohorts if a.cmd == "cohorts" else rfm)(orders, a)


def effective_args(argv):
    """The run's options, defaults filled in (null = not given), for the TS test to replay."""
    a = parse(argv)
    out = {"command": a.cmd, "format": a.format, "file": a.file, "as-of": a.as_of, "tz": a.tz, "window": a.window}
    if a.cmd == "cohorts":
        out["period"] = a.period
        out["periods"] = a.periods if a.periods is not None else (None if a.window else 12)
    else:
        out["scale"] = a.scale
        out["segments"] = a.segments
    return out


def compact(result):
    for g in result["groups"]:
        rows = g.pop("list")
        g["listFormat"] = COMPACT
        g["list"] = ["|".join(str(row[k]) for k in COMPACT.split("|")) for row in rows]
    return result


def dumps(obj, indent="", key=None):
    """JSON with two-space indentation, except that an argv, a cohort cell and a per-customer
    row are written on one line each."""
    inner = indent + "  "
    if key == "argv" or (isinstance(obj, dict) and ("offset" in obj or "recencyDays" in obj)):
        return json.dumps(obj, ensure_ascii=False)
    if isinstance(obj, dict) and obj:
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {dumps(v, inner, k)}" for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(obj, list) and obj:
        return "[\n" + ",\n".join(inner + dumps(v, inner) for v in obj) + "\n" + indent + "]"
    return json.dumps(obj, ensure_ascii=False)


def expected(write):
    out = {}
    for name, argv in RUNS:
        result = run(argv)
        if name.startswith(COMPACT_LISTS):
            result = compact(result)
        out[name] = {"args": effective_args(argv), "argv": argv, "result": result}
    text = dumps(out) + "\n"
    if write:
        with open(os.path.join(REPO, "fixtures", "analyses", "expected.json"), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        sys.stderr.write(f"fixtures/analyses/expected.json: {len(out)} runs, {len(text.encode()):,} bytes\n")
    else:
        sys.stdout.write(text)


def main(argv=None):
    a = parse(argv)
    if a.cmd == "expected":
        expected(a.write)
        return
    json.dump(run(argv), sys.stdout, ensure_ascii=False, indent=2)
    print()


if __name__ == "__main__":
    main()
