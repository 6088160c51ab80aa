#!/usr/bin/env python3
"""Independent re-computation of `--revenue net-sales` on a Shopify orders export (issue 9).

Written from docs/metrics.md ("Revenue basis") and docs/rules.md, not from the TypeScript code,
with Python's csv, decimal and zoneinfo modules. Per currency, over the counted orders created in
the window, it sums three amounts per order, each read from the order's rows by forward-filling
(an order-level cell is filled on its first row only; the first non-empty value wins):

  net sales       Subtotal                        (Shopify's Subtotal is after discounts)
  double-counted  Subtotal - Discount Amount      (what subtracting the discount again would give)
  total           Total - Refunded Amount         (--revenue total)

and prints them with the order count and each AOV (half away from zero, to the cent). Usage:

  python3 scripts/crosscheck/net_sales.py FILE --tz ZONE [--as-of YYYY-MM-DD --days N] [--currency CODE]

Without --as-of the whole file is the window. With it, the window is the N days (default 365)
ending with the as-of day, in the zone.
"""
import argparse
import csv
import json
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

# docs/rules.md, "Platforms": Shopify's Financial Status → ours; a Cancelled at date means cancelled.
STATUS = {
    "paid": "completed", "partially_refunded": "completed",
    "partially_paid": "processing", "pending": "processing",
    "authorized": "on-hold", "refunded": "refunded", "voided": "cancelled",
}
COUNTED = {"completed", "processing", "on-hold", "unknown"}


def money(text):
    return Decimal((text or "").strip() or "0")


def orders(path):
    by_name = {}
    with open(path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            o = by_name.setdefault(row["Name"].strip().lstrip("'"), {})
            for k, v in row.items():
                if v is not None and v.strip() and not o.get(k, "").strip():
                    o[k] = v
    return by_name.values()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--tz", required=True)
    ap.add_argument("--as-of")
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--currency", help="for orders without a Currency cell")
    a = ap.parse_args()
    zone = ZoneInfo(a.tz)
    start = end = None
    if a.as_of:
        last = date.fromisoformat(a.as_of)
        start = datetime.combine(last - timedelta(days=a.days - 1), time(0), tzinfo=zone)
        end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=zone)
    groups = {}
    for o in orders(a.file):
        at = datetime.strptime(o["Created at"].strip(), "%Y-%m-%d %H:%M:%S %z")
        if start is not None and not (start <= at < end):
            continue
        if "Financial Status" in o or "Cancelled at" in o:
            status = "cancelled" if o.get("Cancelled at", "").strip() else STATUS.get(o.get("Financial Status", "").strip().lower(), "unknown")
        else:
            status = "completed"  # no status column: every order is a sale
        if status not in COUNTED:
            continue
        currency = o.get("Currency", "").strip().upper() or a.currency
        g = groups.setdefault(currency, {"orders": 0, "net": Decimal(0), "double": Decimal(0), "total": Decimal(0)})
        g["orders"] += 1
        g["net"] += money(o.get("Subtotal"))
        g["double"] += money(o.get("Subtotal")) - money(o.get("Discount Amount"))
        g["total"] += money(o.get("Total")) - money(o.get("Refunded Amount"))

    def aov(s, n):
        return str((s / n).quantize(Decimal("0.01"), ROUND_HALF_UP)) if n else None

    print(json.dumps({
        c: {
            "orders": g["orders"],
            "netSales": str(g["net"]), "netSalesAov": aov(g["net"], g["orders"]),
            "subtotalMinusDiscount": str(g["double"]), "subtotalMinusDiscountAov": aov(g["double"], g["orders"]),
            "totalMinusRefunds": str(g["total"]), "totalMinusRefundsAov": aov(g["total"], g["orders"]),
        } for c, g in groups.items()
    }, indent=2))


if __name__ == "__main__":
    main()
