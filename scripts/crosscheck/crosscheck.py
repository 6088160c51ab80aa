#!/usr/bin/env python3
"""Independent re-computation of shopmetrics' metrics (issue 2's core and issue 3's lifecycle), for checking its numbers.

Written separately from the TypeScript code, from the rules in docs/rules.md, with Python's
csv, decimal and zoneinfo modules. Used to derive the expected values of the tests that read
../shared/data (see test/e2e/shared-data.test.ts). Usage:

  python3 scripts/crosscheck/crosscheck.py shopify FILE --as-of YYYY-MM-DD --tz ZONE [--days N]
  python3 scripts/crosscheck/crosscheck.py generic FILE --date COL --total COL --customer COL --order COL \
      --currency CODE --as-of YYYY-MM-DD --tz ZONE [--days N]
  python3 scripts/crosscheck/crosscheck.py online-retail FILE --as-of YYYY-MM-DD --tz Europe/London --days 10000
  python3 scripts/crosscheck/crosscheck.py olist ORDERS --customers CUSTOMERS --as-of 2018-10-17 --tz America/Sao_Paulo --days 10000
"""
import argparse
import csv
import json
from collections import defaultdict
from datetime import date, datetime, time, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

SHOPIFY_STATUS = {
    "paid": "completed", "partially_refunded": "completed",
    "partially_paid": "processing", "pending": "processing",
    "authorized": "on-hold", "refunded": "refunded", "voided": "cancelled",
}
COUNTED = {"completed", "processing", "on-hold"}


def parse_instant(text, zone):
    text = text.strip()
    for fmt in ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%dT%H:%M:%S%z"):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            pass
    if len(text) == 10:
        return datetime.combine(date.fromisoformat(text), time(0), tzinfo=zone)
    return datetime.fromisoformat(text).replace(tzinfo=zone)


def shopify_orders(path, zone):
    orders = {}
    with open(path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            o = orders.setdefault(row["Name"], {})
            for k, v in row.items():  # forward-fill: first non-empty value wins
                if v and v.strip() and not o.get(k, "").strip():
                    o[k] = v
    for name, o in orders.items():
        status = "cancelled" if o.get("Cancelled at", "").strip() else SHOPIFY_STATUS.get(o.get("Financial Status", "").strip().lower(), "unknown")
        yield {
            "at": parse_instant(o["Created at"], zone),
            "currency": o.get("Currency", "").strip().upper() or None,
            "revenue": Decimal(o["Total"]) - Decimal(o.get("Refunded Amount") or "0"),
            "customer": (o.get("Email") or "").strip().lower() or None,
            "status": status,
        }


def generic_orders(path, zone, args):
    with open(path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            cid = row[args.customer].strip()
            yield {
                "at": parse_instant(row[args.date], zone),
                "currency": args.currency,
                "revenue": Decimal(row[args.total]).quantize(Decimal("0.01"), ROUND_HALF_UP),
                "customer": None if cid in ("", "0") else cid,
                "status": "completed",
            }


def lifecycle(os, start, end, pstart, margin, base):
    """Issue 3's metrics for one currency's counted orders, from the rules in docs/metrics.md."""
    history = defaultdict(list)
    for o in os:
        if o["customer"] is not None:
            history[o["customer"]].append(o)
    in_w = {c: [o for o in h if start <= o["at"] < end] for c, h in history.items()}
    in_p = {c: [o for o in h if pstart <= o["at"] < start] for c, h in history.items()}
    E = [c for c in history if in_w[c]]
    S = [c for c in history if in_p[c]]
    new = [c for c in E if start <= min(o["at"] for o in history[c]) < end]
    retained = [c for c in S if in_w[c]]
    reactivated = [c for c in E if not in_p[c] and c not in new]
    gaps = []
    for c, h in history.items():
        h = sorted(h, key=lambda o: o["at"])
        for prev, cur in zip(h, h[1:]):
            if start <= cur["at"] < end:
                # Exact instants: Python ignores the offsets when both sides share a tzinfo,
                # so go through UTC (a gap across a DST change is then an hour off a whole day).
                gaps.append((cur["at"].astimezone(timezone.utc) - prev["at"].astimezone(timezone.utc)).total_seconds() / 86400)
    gaps.sort()
    returning = [c for c in E if sum(1 for o in history[c] if o["at"] < end) >= 2]
    rep = [sum(o["revenue"] for o in in_w[c]) for c in E if len(in_w[c]) >= 2]
    one = [sum(o["revenue"] for o in in_w[c]) for c in E if len(in_w[c]) == 1]
    churn = (len(S) - len(retained)) / len(S) if S else None
    clv = None
    if churn and base["aov"] is not None and base["purchaseFrequency"] is not None:
        aov = base["revenue_exact"] / base["orders"]
        clv = str((aov * Decimal(base["purchaseFrequency"]) * Decimal(margin) / Decimal(churn)).quantize(Decimal("0.01"), ROUND_HALF_UP))
    mid = len(gaps) // 2
    return {
        "returningCustomerRate": len(returning) / len(E) if E else None,
        "customersAtStart": len(S),
        "retainedCustomers": len(retained),
        "reactivatedCustomers": len(reactivated),
        "retentionRate": (len(E) - len(new)) / len(S) if S else None,
        "churnRate": churn,
        "avgDaysBetweenPurchases": sum(gaps) / len(gaps) if gaps else None,
        "medianDaysBetweenPurchases": (gaps[mid] if len(gaps) % 2 else (gaps[mid - 1] + gaps[mid]) / 2) if gaps else None,
        "repeatCustomerRevenueMultiple": float((sum(rep) / len(rep)) / (sum(one) / len(one))) if rep and one and sum(one) else None,
        "clv": clv,
    }


def online_retail_orders(path, zone):
    """UCI line items as a GROUP BY InvoiceNo over the file's distinct rows (an exact repeat of a
    row counts once, as the rules say): an invoice's lines summed wherever they stand (quantity x
    unit price, exact, rounded once); its date and customer from its first line in the file;
    C and A invoices are not sales; NA or empty customer ids are unidentified; GBP."""
    seen_rows, invoices = set(), {}
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = next(reader)
        for cells in reader:
            if tuple(cells) in seen_rows:
                continue
            seen_rows.add(tuple(cells))
            row = dict(zip(header, cells))
            key = row.get("InvoiceNo") or row.get("Invoice")
            inv = invoices.get(key)
            if inv is None:
                text = row["InvoiceDate"].strip()
                if "-" in text:  # R-written copies: 2011-03-10 16:16:00
                    at = datetime.fromisoformat(text).replace(tzinfo=zone)
                else:  # the raw file: M/D/YY H:MM
                    m, d, y = text.split(" ")[0].split("/")
                    h, mi = text.split(" ")[1].split(":")
                    at = datetime(int(y) + (2000 if len(y) == 2 else 0), int(m), int(d), int(h), int(mi), tzinfo=zone)
                inv = invoices[key] = {"key": key, "total": Decimal(0), "at": at,
                                       "customer": (row.get("CustomerID") or row.get("Customer ID") or "").strip()}
            inv["total"] += int(row["Quantity"]) * Decimal(row.get("UnitPrice") or row["Price"])
    for inv in invoices.values():
        yield {
            "at": inv["at"],
            "currency": "GBP",
            "revenue": inv["total"].quantize(Decimal("0.01"), ROUND_HALF_UP),
            "customer": None if inv["customer"] in ("", "NA") else inv["customer"],
            "status": "cancelled" if inv["key"][0] in "CA" else "completed",
        }


OLIST_STATUS = {"delivered": "completed", "shipped": "completed", "invoiced": "processing",
                "approved": "processing", "processing": "processing", "created": "pending-payment",
                "canceled": "cancelled", "unavailable": "cancelled"}


def olist_orders(path, customers_path, zone):
    """Olist orders: a person is customer_unique_id, found through the customers file; no amounts."""
    unique = {r["customer_id"]: r["customer_unique_id"] for r in csv.DictReader(open(customers_path, newline=""))}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            yield {
                "at": datetime.fromisoformat(row["order_purchase_timestamp"]).replace(tzinfo=zone),
                "currency": "BRL",
                "revenue": Decimal(0),
                "customer": unique[row["customer_id"]],
                "status": OLIST_STATUS[row["order_status"]],
            }


def metrics(orders, start, end, pstart=None, margin="1"):
    groups = defaultdict(list)
    for o in orders:
        if o["status"] in COUNTED:
            groups[o["currency"]].append(o)
    out = {}
    for cur, os in sorted(groups.items(), key=lambda kv: (kv[0] is None, kv[0] or "")):
        inside = [o for o in os if start <= o["at"] < end]
        revenue = sum((o["revenue"] for o in inside), Decimal(0))
        per_customer = defaultdict(int)
        first = {}
        for o in os:
            if o["customer"] is None:
                continue
            first[o["customer"]] = min(first.get(o["customer"], o["at"]), o["at"])
        for o in inside:
            if o["customer"] is not None:
                per_customer[o["customer"]] += 1
        customers = len(per_customer)
        identified = sum(per_customer.values())
        base = {
            "orders": len(inside),
            "revenue_exact": revenue,
            "revenue": str(revenue),
            "aov": str((revenue / len(inside)).quantize(Decimal("0.01"), ROUND_HALF_UP)) if inside else None,
            "customers": customers,
            "newCustomers": sum(1 for t in first.values() if start <= t < end),
            "purchaseFrequency": identified / customers if customers else None,
            "repeatPurchaseRate": sum(1 for n in per_customer.values() if n >= 2) / customers if customers else None,
        }
        if pstart is not None:
            base.update(lifecycle(os, start, end, pstart, margin, base))
        del base["revenue_exact"]
        out[cur] = base
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("kind", choices=["shopify", "generic", "online-retail", "olist"])
    p.add_argument("file")
    p.add_argument("--as-of", required=True)
    p.add_argument("--tz", required=True)
    p.add_argument("--days", type=int, default=365)
    p.add_argument("--margin", default="1")
    for opt in ("date", "total", "customer", "order", "currency", "customers"):
        p.add_argument(f"--{opt}")
    args = p.parse_args()
    zone = ZoneInfo(args.tz)
    last = date.fromisoformat(args.as_of)
    # [local midnight of (as-of + 1 − N), local midnight of (as-of + 1))
    start = datetime.combine(last + timedelta(days=1 - args.days), time(0), tzinfo=zone)
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=zone)
    # P: the same number of days, ending where W starts
    pstart = datetime.combine(last + timedelta(days=1 - 2 * args.days), time(0), tzinfo=zone)
    readers = {
        "shopify": lambda: shopify_orders(args.file, zone),
        "generic": lambda: generic_orders(args.file, zone, args),
        "online-retail": lambda: online_retail_orders(args.file, zone),
        "olist": lambda: olist_orders(args.file, args.customers, zone),
    }
    orders = list(readers[args.kind]())
    print(json.dumps({"from": start.isoformat(), "to": end.isoformat(), "groups": metrics(orders, start, end, pstart, args.margin)}, indent=2))


if __name__ == "__main__":
    main()
