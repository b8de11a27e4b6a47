// Lets the custom server load lib/server modules, which start with `import "server-only"`:
// outside Next's react-server bundles that marker would throw, so it resolves to its empty module.
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(`
      export async function resolve(specifier, context, next) {
        if (specifier === "server-only") return next(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
        return next(specifier, context);
      }
    `),
  import.meta.url,
);
