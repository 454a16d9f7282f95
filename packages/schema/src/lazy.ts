/**
 * Schemas built on first use. A zod schema is dear to build (a few objects a field), and a
 * restart built every record kind's and every API route's at module load, though it
 * validates nothing before its API answers: the largest item of its main thread.
 */
import * as z from 'zod'

/** `build`'s value, built at the first call and the same object at every call after. */
export function once<T extends object>(build: () => T): () => T {
  let built: T | undefined
  return () => (built ??= build())
}

/**
 * A schema that builds `build`'s at its first use (a parse, a JSON Schema) and delegates to
 * it from then on. `build` runs once: zod's lazy calls its getter again on some paths, and
 * the JSON Schemas and the OpenAPI document name a schema by its identity.
 */
export const lazySchema = <T extends z.ZodType>(build: () => T): z.ZodLazy<T> => z.lazy(once(build))
