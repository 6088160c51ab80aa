/**
 * WooCommerce "Customer/Order/Coupon Export" (SkyVerge), default format, export-formats.md §5.2.
 * One row per order; `customer_id` is 0 for guest checkout; `order_date` is site-local time.
 */
import { type OrderPlatform, VOCABULARY } from "./order-platform.js";

export const woocommerce: OrderPlatform = {
  name: "woocommerce",
  label: "WooCommerce order export",
  grain: "order",
  signatures: [["order_id", "order_date", "order_total"]],
  columns: {
    order_id: ["order_id"],
    created_at: ["order_date"],
    customer_id: ["customer_id", "customer_user"],
    email: ["billing_email"],
    total: ["order_total"],
    refunded: ["refunded_total"],
    // For --revenue net-sales. The WebToffee export (export-formats.md §5.3; its basic exporter's
    // source) writes order_subtotal = WC_Order::get_subtotal(), the lines before discounts and
    // without tax, and discount_total = get_total_discount(), without tax. SkyVerge's has no subtotal.
    subtotal: ["order_subtotal"],
    discount: ["discount_total"],
    currency: ["order_currency"],
    status: ["status"],
    // Order attribution (WooCommerce 8.5+), as the export plugins write its meta, or Analytics' column.
    source: [
      "_wc_order_attribution_utm_source",
      "meta:_wc_order_attribution_utm_source",
      "_wc_order_attribution_source_type",
      "meta:_wc_order_attribution_source_type",
      "Attribution",
    ],
    discount_code: ["coupon_items", "coupons", "Coupon(s)"],
  },
  required: ["order_id", "created_at", "total"],
  guest: { kind: "customer-id-zero" },
  statuses: VOCABULARY,
};
