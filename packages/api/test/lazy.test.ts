/**
 * The contract builds its zod schemas on first use, as the record model and the search
 * query do: a restart loads it to add every route and answers `/v1/status` before any
 * route's schema is needed.
 */

import { watchSchemaBuilds } from '@polder/schema/testing'
import { describe, expect, it } from 'vitest'

describe('the contract', () => {
  it('builds no schema but lazy wrappers when it loads; a route’s at its first use', async () => {
    const built = watchSchemaBuilds()
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
