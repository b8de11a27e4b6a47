// tsx compiles every module with esbuild's keepNames, which wraps each named closure in
// __name(fn, "name") — an Object.defineProperty on every function created, at every call of the
// function that creates it: about 0.1 ms of the console's CPU per gateway call, most of it in
// per-request closures (CPU profile of bench:gateway). For the project's own modules the helper
// becomes the identity, padded to the same length so that tsx's inline source maps (one line per
// module) stay exact. The price: such a closure (`const onAbort = () => …`) is anonymous, so a
// stack frame in it reads `<anonymous> (file.ts:line:col)`; declared functions, methods and
// classes keep their names, and nothing in the console reads a function's name.
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(`
      const HELPER = 'var __name=(target,value)=>__defProp(target,"name",{value,configurable:true});';
      const PLAIN = 'var __name=(target,value)=>target;'.padEnd(HELPER.length - 1, " ") + ";";
      const ROOT = ${JSON.stringify(new URL("../", import.meta.url).href)};
      export async function load(url, context, next) {
        const loaded = await next(url, context);
        if (!url.startsWith(ROOT) || url.includes("/node_modules/") || loaded.format !== "module" || loaded.source == null) return loaded;
        const source = typeof loaded.source === "string" ? loaded.source : Buffer.from(loaded.source).toString("utf8");
        const at = source.indexOf(HELPER);
        if (at === -1) return loaded;
        return { ...loaded, source: source.slice(0, at) + PLAIN + source.slice(at + HELPER.length) };
      }
    `),
  import.meta.url,
);
