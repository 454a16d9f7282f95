/**
 * How answers are written: as JSON, and — when asked (tests ask) — checked first against
 * the contract's schema for their status, so a test fails when the server sends what the
 * contract does not allow (a 500 problem instead, and the mismatch in the log).
 */
import type { FastifySerializerCompiler } from 'fastify'
import type * as z from 'zod'

/** An answer the contract does not allow: a bug in the node (or the contract). */
export class ResponseContractError extends Error {
  override readonly name = 'ResponseContractError'
  readonly issues: readonly z.core.$ZodIssue[]
  constructor(route: string, issues: readonly z.core.$ZodIssue[]) {
    const first = issues[0]
    super(
      `${route} answered what its contract does not allow${
        first === undefined ? '' : `: /${first.path.map(String).join('/')} ${first.message}`
      }`,
    )
    this.issues = issues
  }
}

export function responseSerializer(check: boolean): FastifySerializerCompiler<z.ZodType> {
  return ({ schema, method, url, httpStatus }) =>
    (data: unknown) => {
      if (check) {
        const result = schema.safeParse(data)
        if (!result.success)
          throw new ResponseContractError(`${method} ${url} ${httpStatus}`, result.error.issues)
      }
      return JSON.stringify(data)
    }
}
