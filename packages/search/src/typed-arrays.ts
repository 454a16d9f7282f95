/** Growing the search index's typed-array columns. */

/** `array`, or a copy at least `size` long (doubling, so growth costs O(1) a slot). */
export function grown<T extends Uint8Array | Uint16Array | Uint32Array | Float64Array>(
  array: T,
  size: number,
): T {
  if (size <= array.length) return array
  let length = array.length
  while (length < size) length *= 2
  const next = new (array.constructor as new (n: number) => T)(length)
  next.set(array)
  return next
}
