/**
 * The contract builds its zod schemas on first use, as the record model and the search
 * query do: a restart loads it to add every route and answers `/v1/status` before any
 * route's schema is needed.
 */
import { describe, expect, it } from 'vitest'
import * as z from 'zod'

/** The type of every zod schema built from now on (zod hands each to this hook). */
function watchBuilds(): string[] {
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

describe('the contract', () => {
  it('builds no schema but lazy wrappers when it loads; a route’s at its first use', async () => {
    const built = watchBuilds()
    const { ROUTES } = await import('../src/index.js')
    expect(built.length).toBeGreaterThan(0)
    expect(new Set(built)).toEqual(new Set(['lazy']))

    const status = ROUTES.getStatus.responses[200].schema
    expect(status.safeParse({ version: '1' }).success).toBe(false)
    expect(built).toContain('object')
    const afterFirst = built.length
    expect(status.safeParse({ version: '1' }).success).toBe(false)
    expect(built.length).toBe(afterFirst)
  })
})
