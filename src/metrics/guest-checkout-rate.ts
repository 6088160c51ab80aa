import { defineMetric, NO_ORDERS, notes, ratio } from "./metric.js";

export default defineMetric({
  id: "guestCheckoutRate",
  label: "Guest checkout rate",
  unit: "rate",
  better: "neither",
  position: 90,
  definition:
    "Guest orders / counted orders in the window whose guest status is known. WooCommerce: customer_id 0 or empty is a guest; generic: the guest column. Shopify's orders export does not say, so the metric is null there.",
  needs: ["guest"],
  create() {
    let guests = 0;
    let known = 0;
    let count = 0;
    return {
      order(order) {
        count++;
        if (order.guest < 0) return;
        known++;
        if (order.guest === 1) guests++;
      },
      result() {
        if (count === 0) return { value: null, note: NO_ORDERS };
        const result = ratio(
          guests,
          known,
          "no counted order in the window has a known guest status (its guest cell is empty or unreadable)",
          "orders",
        );
        if (result.value === null || known === count) return result;
        const note = notes(`over the ${known} of ${count} orders whose guest status is known`, result.note);
        return { ...result, ...(note === undefined ? {} : { note }) };
      },
    };
  },
});
