#!/usr/bin/env node

// Rewrites the Shopify orders export that scripts/generate-shop.mjs writes as the orders export of
// another platform, holding the same orders, so that the benchmark (issue 10) can time
// `shopmetrics report --platform woocommerce|shoptet` on files of the same shop and size, and check
// that they give the same metrics as the Shopify file.
//
//   node scripts/bench-variants.mjs --platform woocommerce|shoptet [--dates iso|day-first] IN OUT
//   import { writeVariant } from "./bench-variants.mjs"; await writeVariant(IN, "shoptet", OUT);
//
// Each variant is written the way its platform writes it (export-formats.md §5.2 and §7), with the
// platform's full set of columns, not only the ones shopmetrics reads:
//   - woocommerce: the "Customer/Order/Coupon Export" (SkyVerge) default format, 46 columns, one
//     row per order, items packed into `line_items` (`key:value|…`, items joined by `;`), PHP
//     fputcsv quoting (a field with a space, comma, quote or line break is quoted), LF, UTF-8,
//     `order_date` in site-local time without an offset, and the plugin's `'` before a cell that
//     starts with = + - @ (so phones read `'+420…`).
//   - shoptet: the orders export, 52 columns, windows-1250, `;`, every field quoted and a trailing
//     `;` on every line, CRLF, decimal comma with a no-break space between thousands, one row per
//     order item with the order's fields repeated on every row; shipping, payment, discount (and
//     partial refund) are item rows (itemCode SHIPPING…, BILLING…), dates local without an offset:
//     `2025-07-01 10:00:00` as export-formats.md §7 has the export write them, or, with
//     `dates: "day-first"`, `1.7.2025 10:00:00` as Czech Excel and Shoptet's admin pages write them.
//
// Same orders, same metrics. What shopmetrics reads from each file maps one to one:
//   - order key: Shopify `Name` without its `#` (order_id / code);
//   - instant: Shopify's `2025-07-01 10:00:00 +0200` becomes wall-clock time in Europe/Prague, the
//     zone the bench reports in (`--tz Europe/Prague`). That is the same instant, except in the hour
//     that repeats when summer time ends (the last Sunday of October, 02:00–02:59 twice): a local
//     time there is read as the earlier of the two instants, so an order placed in the second such
//     hour moves one hour back. No format of these exports can say which one was meant; the count of
//     such orders is in the returned stats (`foldHourOrders`), for the bench to report. Windows start
//     at local midnight, so no order changes window; what can change is a purchase gap (avg and
//     median days between purchases): the gaps before and after a moved order change by −1 h and
//     +1 h, which cancel in the mean unless the moved order is its customer's last in the window.
//     The generator places about 2 orders in 100,000 there (#1674 at 20k; #4367, #68335 at 100k).
//   - status: Shopify's Financial Status and Cancelled at become status texts that shopmetrics maps
//     to the same counted/excluded class (STATUS below; a Financial Status not in the table fails);
//   - money: WooCommerce has Shopify's total and refund as `order_total` and `refunded_total`.
//     Shoptet's export has no refund column and shopmetrics takes `totalPriceWithVat` as the
//     order's revenue, so a partly refunded order that still counts is written as the shop edits it
//     after a partial return: the total less the refund, with the refund as a negative item row.
//     Refunded and cancelled orders keep their total (they are excluded whatever it is).
//   - currency: order_currency / currencyCode; email: the same address, trimmed as both platforms
//     store it (shopmetrics trims and lower-cases anyway).
//   - customers: WooCommerce writes a customer id, `customer_id`, and 0 for a guest checkout. Here
//     70 % of the email addresses (by a hash of the address) are registered accounts, with one id
//     per address, so the id joins no orders the email does not. But it makes one metric differ on
//     purpose: guestCheckoutRate is null on Shopify and Shoptet (their exports can't tell) and a
//     number on WooCommerce.
//
// The input is streamed (it is 700 MB at 1M orders): records are read by a small quote-aware reader
// (quoted fields may hold commas, doubled quotes and line breaks, as Shopify's Notes do), one order
// (its rows together, as Shopify and the generator write them) is converted at a time, and output
// goes out in 1 MiB chunks, waiting for the file to drain. Memory holds one order, the chunk buffers
// and, for WooCommerce, one id per registered email address (so it grows with customers, not rows).

import { once } from "node:events";
import { createReadStream, createWriteStream, rmSync } from "node:fs";
import { pathToFileURL } from "node:url";

export const PLATFORMS = ["woocommerce", "shoptet"];
/** The zone the variants' local times are written in, and the one the bench must report in. */
export const ZONE = "Europe/Prague";

/**
 * Writes the `platform` variant of the Shopify orders export at `shopifyCsvPath` to `outPath`.
 * `options.dates` ("iso" or "day-first") sets how the Shoptet variant writes its dates.
 * Resolves to counts: orders, rows read and written, and the orders in the repeated DST hour.
 */
export async function writeVariant(shopifyCsvPath, platform, outPath, options = {}) {
  if (!PLATFORMS.includes(platform)) throw new Error(`platform must be one of ${PLATFORMS.join(", ")}, got ${JSON.stringify(platform)}`);
  const dates = options.dates ?? "iso";
  if (dates !== "iso" && dates !== "day-first") throw new Error(`dates must be iso or day-first, got ${JSON.stringify(dates)}`);
  const sink = new Sink(outPath, platform === "shoptet" ? encodeCp1250 : null);
  const stats = { platform, orders: 0, rowsRead: 0, rowsWritten: 0, foldHourOrders: 0, foldHourExamples: [] };
  let writer = null;
  let order = null;
  const finishOrder = () => {
    if (order === null) return;
    const created = localTime(order.first[writer.C["Created at"]], order.name);
    if (created.inFold) {
      stats.foldHourOrders++;
      if (stats.foldHourExamples.length < 5) stats.foldHourExamples.push(`${order.name} ${order.first[writer.C["Created at"]]}`);
    }
    stats.rowsWritten += writer.write(order, created, sink);
    stats.orders++;
  };
  try {
    for await (const records of readCsv(shopifyCsvPath)) {
      for (const row of records) {
        if (writer === null) {
          writer = platform === "woocommerce" ? new WooCommerceWriter(row) : new ShoptetWriter(row, dates);
          sink.push(writer.header());
          continue;
        }
        if (row.length === 1 && row[0] === "") continue; // a blank line
        stats.rowsRead++;
        const name = row[writer.C.Name];
        if (order !== null && name === order.name) {
          order.rows.push(row);
          continue;
        }
        finishOrder();
        if (row[writer.C.Total] === "") {
          throw new Error(
            `a line-item row of order ${name} comes before the row with its order fields, or apart from its order's rows: the input must hold each order's rows together`,
          );
        }
        order = { name, first: row, rows: [row] };
      }
      await sink.drain();
    }
    if (writer === null) throw new Error(`${shopifyCsvPath} is empty`);
    finishOrder();
    await sink.end();
  } catch (error) {
    sink.destroy();
    rmSync(outPath, { force: true }); // no half-written variant for a bench to time
    throw error;
  }
  return stats;
}

// ---------------------------------------------------------------- reading the Shopify export

/** The CSV records of the file, in batches (one per chunk read): arrays of field strings. */
async function* readCsv(path) {
  let rest = "";
  let first = true;
  for await (const chunk of createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 })) {
    let text = rest + chunk;
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    const records = [];
    rest = text.slice(parseRecords(text, false, records));
    yield records;
  }
  const records = [];
  if (rest !== "") parseRecords(rest, true, records);
  yield records;
}

/**
 * Parses the complete records of `s` into `out`, RFC 4180 (`,`, `"` doubled inside quotes, LF or
 * CRLF), and returns where the first incomplete one starts (all of `s` when `final`).
 */
function parseRecords(s, final, out) {
  const n = s.length;
  let i = 0;
  while (i < n) {
    const start = i;
    const fields = [];
    for (;;) {
      if (i < n && s.charCodeAt(i) === 34) {
        let value = "";
        let j = i + 1;
        for (;;) {
          const q = s.indexOf('"', j);
          if (q === -1 || (q + 1 === n && !final)) {
            if (final) throw new Error(`a quoted field never closes: ${JSON.stringify(s.slice(i, i + 60))}`);
            return start;
          }
          if (s.charCodeAt(q + 1) === 34) {
            value += s.slice(j, q + 1);
            j = q + 2;
            continue;
          }
          value += s.slice(j, q);
          i = q + 1;
          break;
        }
        fields.push(value);
      } else {
        let j = i;
        while (j < n) {
          const c = s.charCodeAt(j);
          if (c === 44 || c === 10 || c === 13) break;
          j++;
        }
        if (j === n && !final) return start;
        fields.push(s.slice(i, j));
        i = j;
      }
      if (i === n) {
        if (!final) return start;
        out.push(fields);
        return n;
      }
      const c = s.charCodeAt(i);
      if (c === 44) {
        i++;
        continue;
      }
      if (c === 13 && i + 1 === n && !final) return start;
      if (c === 13 || c === 10) {
        i += c === 13 && s.charCodeAt(i + 1) === 10 ? 2 : 1;
        out.push(fields);
        break;
      }
      throw new Error(`malformed CSV: ${JSON.stringify(s.slice(i, i + 30))} follows a quoted field`);
    }
  }
  return n;
}

/** The Shopify columns the variants are made from, by name → position; fails on a header that lacks one. */
function shopifyColumns(header) {
  const C = Object.fromEntries(header.map((h, i) => [h.trim(), i]));
  const missing = SHOPIFY_COLUMNS.filter((name) => C[name] === undefined);
  if (missing.length > 0) throw new Error(`not a Shopify orders export: no ${missing.join(", ")} column`);
  return C;
}
const SHOPIFY_COLUMNS = [
  "Name",
  "Email",
  "Financial Status",
  "Paid at",
  "Fulfillment Status",
  "Currency",
  "Subtotal",
  "Shipping",
  "Taxes",
  "Total",
  "Discount Code",
  "Discount Amount",
  "Shipping Method",
  "Created at",
  "Lineitem quantity",
  "Lineitem name",
  "Lineitem price",
  "Lineitem sku",
  "Lineitem taxable",
  "Billing Name",
  "Billing Address1",
  "Billing Address2",
  "Billing Company",
  "Billing City",
  "Billing Zip",
  "Billing Province",
  "Billing Country",
  "Billing Phone",
  "Shipping Name",
  "Shipping Address1",
  "Shipping Address2",
  "Shipping Company",
  "Shipping City",
  "Shipping Zip",
  "Shipping Province",
  "Shipping Country",
  "Notes",
  "Note Attributes",
  "Cancelled at",
  "Payment Method",
  "Refunded Amount",
  "Vendor",
  "Source",
  "Lineitem discount",
  "Tax 1 Name",
  "Phone",
];

/** The first non-empty value of a column over the order's rows (Shopify writes some only on the first). */
const firstOf = (order, i) => order.rows.find((r) => r[i] !== "")?.[i] ?? "";

// ---------------------------------------------------------------- statuses

// Shopify's Financial Status (with Cancelled at empty) → each platform's status text, and the
// class shopmetrics gives both (src/io/platforms/shopify.ts, woocommerce.ts, czech-slovak-statuses.ts).
// Paid orders are completed once fulfilled and processing before, as both platforms have it;
// either way they count. A cancelled order (Cancelled at set) is cancelled on both.
const STATUS = {
  //                   woocommerce (unfulfilled, fulfilled)  shoptet (unfulfilled, fulfilled)     class
  paid: { woocommerce: ["processing", "completed"], shoptet: ["Vyřizuje se", "Vyřízena"] }, // counted
  partially_refunded: { woocommerce: ["processing", "completed"], shoptet: ["Vyřizuje se", "Vyřízena"] }, // counted
  pending: { woocommerce: ["processing", "processing"], shoptet: ["Nevyřízená", "Nevyřízená"] }, // counted (cash on delivery)
  partially_paid: { woocommerce: ["on-hold", "on-hold"], shoptet: ["Vyřizuje se", "Vyřizuje se"] }, // counted
  authorized: { woocommerce: ["on-hold", "on-hold"], shoptet: ["Nevyřízená", "Nevyřízená"] }, // counted
  refunded: { woocommerce: ["refunded", "refunded"], shoptet: ["Vrácena", "Vrácena"] }, // excluded
  voided: { woocommerce: ["cancelled", "cancelled"], shoptet: ["Stornována", "Stornována"] }, // excluded
};
const CANCELLED = { woocommerce: "cancelled", shoptet: "Stornována" };

function statusOf(order, C, platform) {
  if (order.first[C["Cancelled at"]].trim() !== "") return CANCELLED[platform];
  const financial = order.first[C["Financial Status"]].trim().toLowerCase();
  const texts = STATUS[financial]?.[platform];
  if (!texts) throw new Error(`order ${order.name}: no ${platform} status for Financial Status ${JSON.stringify(financial)}`);
  return texts[order.first[C["Fulfillment Status"]] === "fulfilled" ? 1 : 0];
}

/** Whether shopmetrics counts the order: what decides if a partial refund must come off a Shoptet total. */
function counted(order, C) {
  const financial = order.first[C["Financial Status"]].trim().toLowerCase();
  return order.first[C["Cancelled at"]].trim() === "" && financial !== "refunded" && financial !== "voided";
}

// ---------------------------------------------------------------- time

/**
 * A Shopify timestamp (`2025-07-01 10:00:00 +0200`) as wall-clock time in Europe/Prague: its
 * civil fields, and whether it falls in the hour that repeats when summer time ends (its second
 * pass, which a local time without an offset can't name: shopmetrics reads the first).
 */
function localTime(text, orderName) {
  const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)$/.exec(text.trim());
  if (!m) throw new Error(`order ${orderName}: Created at ${JSON.stringify(text)} is not a Shopify timestamp (2025-07-01 10:00:00 +0200)`);
  const offset = (m[7] === "-" ? -1 : 1) * (Number(m[8]) * 3600 + Number(m[9]) * 60);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) / 1000 - offset;
  const [summerFrom, summerTo] = summerTime(new Date(t * 1000).getUTCFullYear());
  const local = new Date((t + (t >= summerFrom && t < summerTo ? 7200 : 3600)) * 1000);
  return {
    y: local.getUTCFullYear(),
    mo: local.getUTCMonth() + 1,
    d: local.getUTCDate(),
    h: local.getUTCHours(),
    mi: local.getUTCMinutes(),
    s: local.getUTCSeconds(),
    inFold: t >= summerTo && t < summerTo + 3600,
  };
}

const pad2 = (n) => (n < 10 ? `0${n}` : `${n}`);
const isoLocal = (l) => `${l.y}-${pad2(l.mo)}-${pad2(l.d)} ${pad2(l.h)}:${pad2(l.mi)}:${pad2(l.s)}`;
const dayFirstLocal = (l) => `${l.d}.${l.mo}.${l.y} ${pad2(l.h)}:${pad2(l.mi)}:${pad2(l.s)}`;

/**
 * Europe/Prague's summer time in `year`, as UTC seconds [from, to): the EU rule since 1996, from
 * the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC. Checked against the
 * zone data of this Node once per year, so a rule change can't pass unnoticed.
 */
function summerTime(year) {
  let span = SUMMER.get(year);
  if (span === undefined) {
    span = [lastSundayUtc(year, 2), lastSundayUtc(year, 9)];
    for (const t of [span[0] - 1, span[0], span[1] - 1, span[1]]) {
      const expected = t >= span[0] && t < span[1] ? "GMT+02:00" : "GMT+01:00";
      const actual = PRAGUE_OFFSET.formatToParts(new Date(t * 1000)).find((p) => p.type === "timeZoneName")?.value;
      if (actual !== expected)
        throw new Error(`${ZONE} at ${new Date(t * 1000).toISOString()} is ${actual}, not ${expected}: the DST rule here is out of date`);
    }
    SUMMER.set(year, span);
  }
  return span;
}
const SUMMER = new Map();
const PRAGUE_OFFSET = new Intl.DateTimeFormat("en-US", { timeZone: ZONE, timeZoneName: "longOffset" });
function lastSundayUtc(year, month0) {
  const last = new Date(Date.UTC(year, month0 + 1, 0));
  return Date.UTC(year, month0 + 1, -last.getUTCDay(), 1) / 1000;
}

// ---------------------------------------------------------------- money, in integer cents

function cents(text, what, orderName) {
  const t = text.trim();
  if (t === "") return 0;
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) throw new Error(`order ${orderName}: ${what} ${JSON.stringify(text)} is not an amount such as 12.50`);
  const value = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  return m[1] === "-" ? -value : value;
}

/** 1234.5 → "1234.50" (WooCommerce's wc_format_decimal(x, 2)). */
function dotMoney(c) {
  const a = Math.abs(c);
  return `${c < 0 ? "-" : ""}${Math.floor(a / 100)}.${pad2(a % 100)}`;
}

/** 1234.5 → "1 234,50" with a no-break space between thousands, as Shoptet writes money. */
function commaMoney(c) {
  const a = Math.abs(c);
  const whole = String(Math.floor(a / 100)).replace(/\B(?=(\d{3})+$)/g, "\u00a0");
  return `${c < 0 ? "-" : ""}${whole},${pad2(a % 100)}`;
}

/** The VAT rate in the order's tax line name ("DPH 21%", "DE MwSt 19%"), in percent; 0 when none. */
function vatRate(order, C) {
  const m = /(\d+(?:[.,]\d+)?)\s*%/.exec(order.first[C["Tax 1 Name"]]);
  return m ? Number(m[1].replace(",", ".")) : 0;
}
/** The VAT on a net amount, and the amount with it, rounded to the cent. */
const taxOn = (c, rate) => Math.round((c * rate) / 100);
const grossOf = (c, rate) => c + taxOn(c, rate);

// ---------------------------------------------------------------- identity

/** FNV-1a of the address: which addresses are registered accounts, the same on every run. */
function hashText(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
const REGISTERED_PERCENT = 70;
const normalisedEmail = (email) => email.trim().toLowerCase();

// ---------------------------------------------------------------- WooCommerce

// export-formats.md §5.2: the SkyVerge plugin's default orders format. (The plugin's own header
// labels two of these columns `date` and `download_permissions_granted`; shopmetrics detects a
// WooCommerce export by `order_date`, so the names here are the reference's.)
const WOOCOMMERCE_HEADER = [
  "order_id",
  "order_number",
  "order_number_formatted",
  "order_date",
  "status",
  "shipping_total",
  "shipping_tax_total",
  "fee_total",
  "fee_tax_total",
  "tax_total",
  "discount_total",
  "order_total",
  "refunded_total",
  "order_currency",
  "payment_method",
  "shipping_method",
  "customer_id",
  "billing_first_name",
  "billing_last_name",
  "billing_company",
  "billing_email",
  "billing_phone",
  "billing_address_1",
  "billing_address_2",
  "billing_postcode",
  "billing_city",
  "billing_state",
  "billing_country",
  "shipping_first_name",
  "shipping_last_name",
  "shipping_address_1",
  "shipping_address_2",
  "shipping_postcode",
  "shipping_city",
  "shipping_state",
  "shipping_country",
  "shipping_company",
  "customer_note",
  "line_items",
  "shipping_items",
  "fee_items",
  "tax_items",
  "coupon_items",
  "refunds",
  "order_notes",
  "download_permissions",
];

// Payment gateway ids of the WooCommerce plugins that take these payments.
const WOO_GATEWAY = {
  "Shopify Payments": "stripe",
  "PayPal Express Checkout": "ppcp-gateway",
  "Cash on Delivery (COD)": "cod",
  "Bank Deposit": "bacs",
  manual: "bacs",
  Cash: "pos_cash",
};
const WOO_STATUS_LABEL = {
  processing: "Processing",
  completed: "Completed",
  "on-hold": "On hold",
  cancelled: "Cancelled",
  refunded: "Refunded",
};

class WooCommerceWriter {
  constructor(header) {
    this.C = shopifyColumns(header);
    this.customerIds = new Map(); // normalised email of a registered account → its user id
    this.nextCustomerId = 2; // 1 is the shop's admin
    this.nextItemId = 1;
    this.productIds = new Map();
  }

  header() {
    return `${WOOCOMMERCE_HEADER.map(phpCsvField).join(",")}\n`;
  }

  /** The order as one row; returns the rows written (1). */
  write(order, created, sink) {
    const { C } = this;
    const f = order.first;
    const name = order.name;
    const status = statusOf(order, C, "woocommerce");
    const email = firstOf(order, C.Email).trim();
    const rate = vatRate(order, C);
    const shipping = cents(f[C.Shipping], "Shipping", name);
    const refunded = cents(f[C["Refunded Amount"]], "Refunded Amount", name);
    const number = name.replace(/^#/, "");
    const [billingFirst, billingLast] = splitName(f[C["Billing Name"]]);
    const [shippingFirst, shippingLast] = splitName(f[C["Shipping Name"]]);

    const lineItems = order.rows.map((r) => {
      const qty = Number(r[C["Lineitem quantity"]]);
      const subtotal = cents(r[C["Lineitem price"]], "Lineitem price", name) * qty;
      const total = subtotal - cents(r[C["Lineitem discount"]], "Lineitem discount", name);
      const taxable = r[C["Lineitem taxable"]].toLowerCase() === "true";
      return pipeItem({
        id: this.nextItemId++,
        name: r[C["Lineitem name"]],
        product_id: this.#productId(r[C["Lineitem sku"]] || r[C["Lineitem name"]]),
        sku: r[C["Lineitem sku"]],
        quantity: qty,
        subtotal: dotMoney(subtotal),
        subtotal_tax: dotMoney(taxable ? taxOn(subtotal, rate) : 0),
        total: dotMoney(total),
        total_tax: dotMoney(taxable ? taxOn(total, rate) : 0),
        refunded: "0.00",
        refunded_qty: 0,
        meta: "",
      });
    });
    const method = f[C["Shipping Method"]];
    const shippingItems = method
      ? pipeItem({
          id: this.nextItemId++,
          method_id: shipping === 0 ? "local_pickup" : "flat_rate",
          method_title: method,
          total: dotMoney(shipping),
        })
      : "";
    const taxes = cents(f[C.Taxes], "Taxes", name);
    const taxItems =
      taxes > 0
        ? pipeItem({
            id: this.nextItemId++,
            rate_id: 1 + (hashText(f[C["Tax 1 Name"]]) % 40),
            code: `${f[C["Billing Country"]] || "CZ"}-${f[C["Tax 1 Name"]]}-1`,
            title: f[C["Tax 1 Name"]],
            total: dotMoney(taxes),
            compound: "",
          })
        : "";
    const discount = cents(f[C["Discount Amount"]], "Discount Amount", name);
    const couponItems =
      discount > 0
        ? pipeItem({ id: this.nextItemId++, code: f[C["Discount Code"]].toLowerCase(), amount: dotMoney(discount), description: "" })
        : "";
    // Shopify does not say when a refund was made: the cancellation's date, else the order's.
    const refundDate = f[C["Cancelled at"]] ? isoLocal(localTime(f[C["Cancelled at"]], name)) : isoLocal(created);
    const refunds = refunded > 0 ? pipeItem({ id: this.nextItemId++, date: refundDate, amount: dotMoney(refunded), reason: "" }) : "";
    const notes =
      status === "completed"
        ? "Order status changed from Processing to Completed.|Order status changed from Pending payment to Processing."
        : `Order status changed from Pending payment to ${WOO_STATUS_LABEL[status]}.`;

    const cells = [
      number,
      number,
      "",
      isoLocal(created),
      status,
      dotMoney(shipping),
      dotMoney(taxOn(shipping, rate)),
      "0.00",
      "0.00",
      dotMoney(taxes),
      dotMoney(discount),
      dotMoney(cents(f[C.Total], "Total", name)),
      dotMoney(refunded),
      f[C.Currency],
      WOO_GATEWAY[f[C["Payment Method"]]] ?? f[C["Payment Method"]].toLowerCase().replace(/\W+/g, "_"),
      method,
      this.#customerId(email),
      billingFirst,
      billingLast,
      f[C["Billing Company"]],
      email,
      unapostrophe(f[C["Billing Phone"]]) || f[C.Phone],
      f[C["Billing Address1"]],
      f[C["Billing Address2"]],
      unapostrophe(f[C["Billing Zip"]]),
      f[C["Billing City"]],
      f[C["Billing Province"]],
      f[C["Billing Country"]],
      shippingFirst,
      shippingLast,
      f[C["Shipping Address1"]],
      f[C["Shipping Address2"]],
      unapostrophe(f[C["Shipping Zip"]]),
      f[C["Shipping City"]],
      f[C["Shipping Province"]],
      f[C["Shipping Country"]],
      f[C["Shipping Company"]],
      f[C.Notes],
      lineItems.join(";"),
      shippingItems,
      "",
      taxItems,
      couponItems,
      refunds,
      notes,
      f[C["Paid at"]] ? "1" : "0",
    ];
    sink.push(`${cells.map(phpCsvField).join(",")}\n`);
    return 1;
  }

  /** The account's user id, or 0 for a guest checkout (and for an order without an email). */
  #customerId(email) {
    const key = normalisedEmail(email);
    if (key === "" || hashText(key) % 100 >= REGISTERED_PERCENT) return 0;
    let id = this.customerIds.get(key);
    if (id === undefined) {
      id = this.nextCustomerId++;
      this.customerIds.set(key, id);
    }
    return id;
  }

  #productId(key) {
    let id = this.productIds.get(key);
    if (id === undefined) {
      id = 100 + 7 * this.productIds.size;
      this.productIds.set(key, id);
    }
    return id;
  }
}

/** "Jana Nováková" → ["Jana", "Nováková"]; "Anna de Vries" → ["Anna", "de Vries"]. */
function splitName(full) {
  const t = full.trim();
  const space = t.indexOf(" ");
  return space === -1 ? [t, ""] : [t.slice(0, space), t.slice(space + 1)];
}

/** Shopify's protective apostrophe (`'0812`, `'+420 …`) dropped. */
const unapostrophe = (s) => (s.startsWith("'") ? s.slice(1) : s);

/** An item packed as the SkyVerge plugin does: `key:value|…`, with `:`, `|` and `;` in values escaped by `\`. */
function pipeItem(item) {
  return Object.entries(item)
    .map(([k, v]) => `${k}:${String(v).replace(/[:|;]/g, "\\$&")}`)
    .join("|");
}

/**
 * One cell as the plugin writes it: a leading = + - @ gets a `'` (its guard against formulas), then
 * PHP's fputcsv quotes the cell when it holds the delimiter, a quote, a space, a tab, a line break
 * or a backslash, doubling quotes (the data here has no backslash before a quote, where fputcsv's
 * escape character would differ).
 */
function phpCsvField(value) {
  let s = String(value);
  if (/^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\s\\]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

// ---------------------------------------------------------------- Shoptet

// export-formats.md §7: the export tags (the orders export's columns), then the item columns.
const SHOPTET_HEADER = [
  "code",
  "date",
  "statusName",
  "currencyCode",
  "currencyExchangeRate",
  "customerGroupName",
  "email",
  "phone",
  "billFullName",
  "billCompany",
  "billStreet",
  "billHouseNumber",
  "billCity",
  "billZip",
  "billCountryName",
  "billCompanyId",
  "billVatId",
  "deliveryFullName",
  "deliveryCompany",
  "deliveryStreet",
  "deliveryHouseNumber",
  "deliveryCity",
  "deliveryZip",
  "deliveryCountryName",
  "customerIpAddress",
  "remark",
  "shopRemark",
  "referer",
  "packageNumber",
  "varchar1",
  "varchar2",
  "varchar3",
  "text1",
  "text2",
  "text3",
  "weight",
  "totalPriceWithVat",
  "totalPriceWithoutVat",
  "totalPriceVat",
  "totalPriceRounding",
  "totalPriceToPay",
  "paid",
  "sourceName",
  "paymentForm",
  "itemName",
  "itemAmount",
  "itemCode",
  "itemVariantName",
  "itemSupplier",
  "itemUnitPriceWithVat",
  "itemTotalPriceWithVat",
  "itemTotalPriceWithoutVat",
];
const SHOPTET_ITEM_COLUMNS = 8;

const COUNTRY_CS = {
  CZ: "Česká republika",
  SK: "Slovensko",
  DE: "Německo",
  AT: "Rakousko",
  PL: "Polsko",
  NL: "Nizozemsko",
  FR: "Francie",
  IT: "Itálie",
  BE: "Belgie",
};
const PAYMENT_CS = {
  "Shopify Payments": "Platba kartou",
  "PayPal Express Checkout": "PayPal",
  "Cash on Delivery (COD)": "Dobírka",
  "Bank Deposit": "Bankovním převodem",
  manual: "Bankovním převodem",
  Cash: "Hotově",
};
const SOURCE_CS = { web: "E-shop", pos: "Pokladna", shopify_draft_order: "Administrace" };
const EXCHANGE_RATE = { CZK: "1", EUR: "25" }; // the shop keeps its books in CZK (generate-shop.mjs: 25 CZK per EUR)

class ShoptetWriter {
  constructor(header, dates) {
    this.C = shopifyColumns(header);
    this.date = dates === "day-first" ? dayFirstLocal : isoLocal;
  }

  header() {
    return shoptetLine(SHOPTET_HEADER);
  }

  /** The order as its item rows (products, shipping, payment, discount, refund), order fields on each; returns how many. */
  write(order, created, sink) {
    const { C } = this;
    const f = order.first;
    const name = order.name;
    const rate = vatRate(order, C);
    const total = cents(f[C.Total], "Total", name);
    const refunded = cents(f[C["Refunded Amount"]], "Refunded Amount", name);
    const taxes = cents(f[C.Taxes], "Taxes", name);
    // shopmetrics reads totalPriceWithVat as the revenue: a partial refund on an order that counts
    // comes off it (the shop edits the order), as Total − Refunded Amount does on Shopify.
    const refund = counted(order, C) && refunded > 0 ? refunded : 0;
    const withVat = total - refund;
    const vat = total === 0 ? 0 : Math.round((taxes * withVat) / total);

    // item rows: [itemName, itemAmount, itemCode, itemVariantName, itemSupplier, unit, total with VAT, total without VAT]
    const items = order.rows.map((r) => {
      const qty = Number(r[C["Lineitem quantity"]]);
      const price = cents(r[C["Lineitem price"]], "Lineitem price", name);
      const itemRate = r[C["Lineitem taxable"]].toLowerCase() === "true" ? rate : 0;
      const unit = grossOf(price, itemRate);
      const [itemName, variant] = splitVariant(r[C["Lineitem name"]]);
      return [itemName, qty, r[C["Lineitem sku"]], variant, r[C.Vendor], unit, unit * qty, price * qty];
    });
    const method = f[C["Shipping Method"]];
    if (method) {
      const shipping = cents(f[C.Shipping], "Shipping", name);
      const gross = grossOf(shipping, rate);
      items.push([method, 1, `SHIPPING${1 + (hashText(method) % 30)}`, "", "", gross, gross, shipping]);
    }
    const payment = PAYMENT_CS[f[C["Payment Method"]]] ?? f[C["Payment Method"]];
    items.push([payment, 1, `BILLING${1 + (hashText(payment) % 12)}`, "", "", 0, 0, 0]);
    const discount = cents(f[C["Discount Amount"]], "Discount Amount", name);
    if (discount > 0) {
      const gross = grossOf(discount, rate);
      items.push([`Slevový kupón ${f[C["Discount Code"]]}`, 1, f[C["Discount Code"]], "", "", -gross, -gross, -discount]);
    }
    if (refund > 0) {
      const net = Math.round((refund * (total - taxes)) / Math.max(1, total));
      items.push(["Vrácení části objednávky (dobropis)", 1, "", "", "", -refund, -refund, -net]);
    }
    // Shopify rounds VAT once per order, the rows above per line: the difference is the document's rounding.
    const rounding = withVat - items.reduce((s, it) => s + it[6], 0);

    const status = statusOf(order, C, "shoptet");
    const fulfilled = f[C["Fulfillment Status"]] === "fulfilled";
    const source = f[C.Source];
    const h = hashText(name);
    const [billStreet, billHouse] = splitStreet(f[C["Billing Address1"]]);
    const [deliveryStreet, deliveryHouse] = splitStreet(f[C["Shipping Address1"]]);
    const orderCells = [
      name.replace(/^#/, ""),
      this.date(created),
      status,
      f[C.Currency],
      EXCHANGE_RATE[f[C.Currency]] ?? "",
      "",
      firstOf(order, C.Email).trim(),
      f[C.Phone] || unapostrophe(f[C["Billing Phone"]]),
      f[C["Billing Name"]],
      f[C["Billing Company"]],
      billStreet,
      billHouse,
      f[C["Billing City"]],
      unapostrophe(f[C["Billing Zip"]]),
      COUNTRY_CS[f[C["Billing Country"]]] ?? f[C["Billing Country"]],
      "",
      "",
      f[C["Shipping Name"]],
      f[C["Shipping Company"]],
      deliveryStreet,
      deliveryHouse,
      f[C["Shipping City"]],
      unapostrophe(f[C["Shipping Zip"]]),
      COUNTRY_CS[f[C["Shipping Country"]]] ?? f[C["Shipping Country"]],
      source === "pos" || source === "shopify_draft_order" ? "" : `198.51.${(h >>> 8) & 255}.${h & 255}`,
      f[C.Notes],
      "",
      "",
      fulfilled && method ? String(4000000000 + (h % 900000000)) : "",
      "",
      "",
      "",
      f[C["Note Attributes"]],
      "",
      "",
      "",
      commaMoney(withVat),
      commaMoney(withVat - vat),
      commaMoney(vat),
      commaMoney(rounding),
      commaMoney(withVat),
      f[C["Paid at"]] ? "1" : "0",
      SOURCE_CS[source] ?? "E-shop",
      payment,
    ];
    const prefix = shoptetFields(orderCells); // the order's fields, repeated on each of its rows
    for (const it of items) {
      const itemCells = [it[0], String(it[1]), it[2], it[3], it[4], commaMoney(it[5]), commaMoney(it[6]), commaMoney(it[7])];
      if (itemCells.length !== SHOPTET_ITEM_COLUMNS) throw new Error("internal: Shoptet item row width");
      sink.push(`${prefix};${shoptetFields(itemCells)};\r\n`);
    }
    return items.length;
  }
}

/** "Ethiopia Yirgacheffe - 250 g" → ["Ethiopia Yirgacheffe", "250 g"]; a name without a variant stays whole. */
function splitVariant(full) {
  const at = full.lastIndexOf(" - ");
  return at === -1 ? [full, ""] : [full.slice(0, at), full.slice(at + 3)];
}

/** "Korunní 12" → ["Korunní", "12"]: Shoptet keeps the house number apart. */
function splitStreet(address) {
  const m = /^(.*\S)\s+(\d+\w*(?:\/\d+\w*)?)$/.exec(address.trim());
  return m ? [m[1], m[2]] : [address.trim(), ""];
}

/** Fields as Shoptet writes them: every one quoted, `;` between. */
const shoptetFields = (cells) => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(";");
/** A Shoptet CSV line: its fields, a trailing `;`, CRLF. */
const shoptetLine = (cells) => `${shoptetFields(cells)};\r\n`;

// ---------------------------------------------------------------- windows-1250

// The windows-1250 byte of each character the code page has, by its UTF-16 code (0 where it has
// none; the highest is U+2122 ™). The code page comes from the WHATWG decoder that shopmetrics
// reads such files with, so the two agree.
const CP1250 = (() => {
  const decoder = new TextDecoder("windows-1250");
  const table = new Uint8Array(0x2123);
  for (let b = 0x80; b <= 0xff; b++) table[decoder.decode(Uint8Array.of(b)).charCodeAt(0)] = b;
  return table;
})();

/** Text → windows-1250 bytes; a character the code page lacks is an error that names it. */
function encodeCp1250(text) {
  const bytes = Buffer.allocUnsafe(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const byte = code < 0x80 ? code : (CP1250[code] ?? 0);
    if (byte === 0 && code !== 0) {
      const c = String.fromCodePoint(text.codePointAt(i));
      throw new Error(
        `${JSON.stringify(c)} (U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}) has no windows-1250 byte, in ${JSON.stringify(text.slice(Math.max(0, i - 40), i + 40))}`,
      );
    }
    bytes[i] = byte;
  }
  return bytes;
}

// ---------------------------------------------------------------- output

/** Text collected into ~1 MiB chunks, encoded (UTF-8, or `encode`), written waiting for the file to drain. */
class Sink {
  constructor(path, encode) {
    this.out = createWriteStream(path);
    this.encode = encode;
    this.parts = [];
    this.size = 0;
    this.failure = null;
    this.out.on("error", (error) => {
      this.failure = error;
    });
  }

  push(text) {
    this.parts.push(text);
    this.size += text.length;
  }

  /** Writes what has been collected once it is a chunk's worth, and waits while the file is behind. */
  async drain(force = false) {
    if (this.failure) throw this.failure;
    if (this.size < 1 << 20 && !force) return;
    const text = this.parts.join("");
    this.parts = [];
    this.size = 0;
    if (text === "") return;
    if (!this.out.write(this.encode ? this.encode(text) : text)) await this.#drained();
    if (this.failure) throw this.failure;
  }

  /** Resolves on the file's next drain, or on its failure (which the caller then throws). */
  #drained() {
    return new Promise((resolve) => {
      const done = () => {
        this.out.off("drain", done);
        this.out.off("error", done);
        resolve();
      };
      this.out.on("drain", done);
      this.out.on("error", done);
    });
  }

  async end() {
    await this.drain(true);
    this.out.end();
    await once(this.out, "finish");
    if (this.failure) throw this.failure;
  }

  destroy() {
    this.out.destroy();
  }
}

// ---------------------------------------------------------------- command line

const USAGE = "usage: node scripts/bench-variants.mjs --platform woocommerce|shoptet [--dates iso|day-first] SHOPIFY_CSV OUT";

async function main(argv) {
  let platform = null;
  let dates;
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--platform" || a === "--dates") {
      if (i + 1 >= argv.length) return fail(`${a} needs a value`);
      if (a === "--platform") platform = argv[++i];
      else dates = argv[++i];
    } else if (a === "--help" || a === "-h") {
      process.stdout.write(`${USAGE}\n`);
      return;
    } else if (a.startsWith("-")) return fail(`unknown option ${a}`);
    else files.push(a);
  }
  if (platform === null || files.length !== 2) return fail(USAGE);
  const stats = await writeVariant(files[0], platform, files[1], { dates });
  process.stderr.write(`${JSON.stringify(stats, null, 2)}\n`);
}

function fail(message) {
  process.stderr.write(`bench-variants: ${message}\n`);
  process.exitCode = 2;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`bench-variants: ${error.message}\n`);
    process.exitCode = 1;
  });
}
