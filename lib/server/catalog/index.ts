import "server-only";
// The catalog (SPEC §1, §3 step 3, §8). Later issues need only resolveCatalogCall.
export { resolveCatalogCall, type CatalogRefusal, type CatalogResolution } from "./resolve";
export { defaultsFromAnnotations, classifyTool } from "./tool-defaults";
export { listServers, getServer } from "./servers";
