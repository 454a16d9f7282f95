/**
 * Whether two plain values (as decoded from DAG-CBOR, or as validation returns them) hold
 * the same data, whatever the order of their keys: then they encode to the same canonical
 * bytes. Only what a record holds is compared (plain objects, arrays, strings, numbers,
 * booleans, null); anything else is "not the same", so that a caller takes its longer way.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === null || typeof a !== 'object') {
    // -0 and 0 are not the same: -0 would be encoded as 0
    return typeof a !== 'bigint' && typeof a !== 'function' && Object.is(a, b)
  }
  if (b === null || typeof b !== 'object') return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false
    return true
  }
  if (
    Object.getPrototypeOf(a) !== Object.prototype ||
    Object.getPrototypeOf(b) !== Object.prototype
  )
    return false
  const left = a as Record<string, unknown>
  const right = b as Record<string, unknown>
  const keys = Object.keys(right)
  if (Object.keys(left).length !== keys.length) return false
  for (const key of keys) {
    // an undefined field (dropped by encoding) is not the same as no field: the long way
    if (!Object.hasOwn(left, key) || !sameValue(left[key], right[key])) return false
  }
  return true
}
