/**
 * `fn` with its answers kept per key, for pure functions asked about a few distinct keys again and
 * again (scopes, URLs, field names). At `max` keys the table starts over: a bound on memory, not
 * an LRU. `fn` must not return undefined (null is kept like any other answer).
 */
export function memoize<K, V>(fn: (key: K) => V, max: number): (key: K) => V {
  const kept = new Map<K, V>();
  return (key) => {
    let value = kept.get(key);
    if (value === undefined) {
      value = fn(key);
      if (kept.size >= max) kept.clear();
      kept.set(key, value);
    }
    return value;
  };
}
