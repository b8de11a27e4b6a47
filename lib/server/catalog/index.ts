import "server-only";
// The catalog (docs/README.md#words, docs/order-of-checks.md#3-catalog-and-environment). Later issues need only resolveCatalogCall.
export { resolveCatalogCall, type CatalogRefusal, type CatalogResolution } from "./resolve";
export { defaultsFromAnnotations, classifyTool } from "./tool-defaults";
export { listServers, getServer } from "./servers";
