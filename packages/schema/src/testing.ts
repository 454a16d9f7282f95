/**
 * Helpers for tests of the packages that build zod schemas (this one, the API contract, the
 * search query). Imported as `@polder/schema/testing`, never by code that runs in a node;
 * it imports nothing of the record model, so it can watch the model's own loading.
 */
import * as z from 'zod'

/** The type of every zod schema built from now on (zod hands each to this hook). */
export function watchSchemaBuilds(): string[] {
  const built: string[] = []
  // the hook `zod/compile` installs; its type is zod's internal config's
  const config = z.config() as z.core.$ZodConfig & {
    postProcessor?: (schema: z.ZodType) => void
  }
  config.postProcessor = (schema) => {
    built.push(schema._zod.def.type)
  }
  return built
}
