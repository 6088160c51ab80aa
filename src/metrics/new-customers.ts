import { countCustomers, defineMetric } from "./metric.js";

// "New" looks at the whole file, not just the window: a customer is new in the window when
// their first counted order in this currency is inside it. An export that starts late makes
// old customers look new; the docs say so.
export default defineMetric({
  id: "newCustomers",
  label: "New customers",
  unit: "count",
  better: "higher",
  position: 50,
  definition: "Customers whose first counted order in this currency (anywhere in the file) falls in the window.",
  needs: ["identity"],
  create: countCustomers((customer, { window }) => customer.firstAt >= window.from && customer.firstAt < window.to),
});
