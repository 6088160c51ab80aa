/** The customers push core, fed plain arrays. */
import { describe, expect, it } from "vitest";
import { IdentityGraph } from "../../../src/core/identity.js";
import { createCustomerReader } from "../../../src/io/customers/customer-reader.js";

function read(header: string[], rows: string[][], maps = new Map()) {
  const identity = new IdentityGraph();
  const reader = createCustomerReader(header, { file: "c.csv", strict: false, identity, maps });
  for (const [i, fields] of rows.entries()) reader.push({ line: i + 2, fields });
  return { identity, result: reader.end() };
}

describe("createCustomerReader", () => {
  it("joins a row's customer id and email into one customer, and skips a row with neither", () => {
    const { identity, result } = read(
      ["customer_id", "email", "registered"],
      [
        ["7", "Ann@X.cz", "yes"],
        ["", "", "no"],
        ["8", "", "no"],
      ],
    );
    expect(result.platform).toMatchObject({ value: { name: "generic" }, source: "content", line: 1 });
    expect(result.rowsRead).toBe(3);
    expect(result.nodes).toHaveLength(2);
    expect(result.problems.problems.map((p) => [p.line, p.code])).toEqual([[3, "NO_IDENTITY"]]);
    // id 7 and ann@x.cz (normalised) are now one node's customer; the reader registered only her.
    expect(identity.find(identity.link("ann@x.cz", null))).toBe(identity.find(identity.link(null, "7")));
    expect(result.registered).toEqual([result.nodes[0]]);
    expect(result.registrationUnknownReason).toBeNull();
  });

  it("a Shopify customers export lists guests too, so it can't tell who is registered", () => {
    const { result } = read(["Customer ID", "Email", "Total Orders"], [["1", "a@x.cz", "2"]]);
    expect(result.platform.value.name).toBe("shopify");
    expect(result.registered).toBeNull();
    expect(result.registrationUnknownReason).toBe("the Shopify customers export lists guest checkouts' customers too");
  });

  it("a --customers-map makes the file generic whatever its header", () => {
    const { result } = read(["Customer ID", "Email", "Total Orders", "uid"], [["1", "a@x.cz", "2", "u1"]], new Map([["email", "uid"]]));
    expect(result.platform).toEqual(expect.objectContaining({ reason: "--customers-map", source: "option" }));
  });
});
