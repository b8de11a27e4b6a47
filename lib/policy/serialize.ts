// Policy → YAML text (the UI's form → YAML sync). Keys come out in the documented order
// (version, rules; id, description, match, decision, constraints) and label lists in
// flow style, like the seed policy. parsePolicy(serializePolicy(p)) gives back p.
import { Document, isSeq } from "yaml";
import type { Policy } from "./types";
import { canonicalPolicy } from "./validate";

export function serializePolicy(policy: Policy): string {
  const canonical = canonicalPolicy(policy);
  const doc = new Document(canonical);
  canonical.rules.forEach((rule, i) => {
    const flowPaths = [
      ...Object.keys(rule.match.labels ?? {}).map((label) => ["rules", i, "match", "labels", label]),
      ["rules", i, "match", "mcp", "deny_servers_not_in"],
    ];
    for (const path of flowPaths) {
      const node = doc.getIn(path, true);
      if (isSeq(node)) node.flow = true;
    }
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
