/**
 * Request validation with zod: route schemas are zod types, compiled into Fastify
 * validators here, and every failure becomes a problem per field, in Dutch and English,
 * with a JSON Pointer that names the part of the request (`/query/limit`, `/body/reason`).
 */
import { type Problem, problemsOf } from '@polder/schema'
import type { FastifySchemaCompiler } from 'fastify'
import type * as z from 'zod'

/** The request does not have the shape the route takes; carries every problem. */
export class RequestValidationError extends Error {
  override readonly name = 'RequestValidationError'
  readonly problems: readonly Problem[]
  constructor(problems: readonly Problem[]) {
    const first = problems[0]
    super(
      first === undefined
        ? 'Invalid request'
        : `Invalid request: ${first.path || '(request)'} ${first.message.en}`,
    )
    this.problems = problems
  }
}

const PARTS: Record<string, string> = {
  body: '/body',
  querystring: '/query',
  params: '/params',
  headers: '/headers',
}

/**
 * A union none of whose branches fit says only "Invalid input". When exactly one branch
 * fits the value's type (a list of records where one record or a list is taken), that
 * branch's problems are the ones to name: every bad record, each at its index.
 */
function unfold(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue]
  const fitting = issue.errors.filter(
    (branch) => !branch.some((i) => i.code === 'invalid_type' && i.path.length === 0),
  )
  const [branch] = fitting
  if (fitting.length !== 1 || branch === undefined) return [issue]
  return branch.flatMap((inner) => unfold({ ...inner, path: [...issue.path, ...inner.path] }))
}

/** Fastify's validator compiler for zod schemas; the parsed (and transformed) value replaces the input. */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema, httpPart }) => {
  const prefix = PARTS[httpPart ?? ''] ?? ''
  return (data: unknown) => {
    // reportInput tells a missing field (required) from one of the wrong type
    const result = schema.safeParse(data, { reportInput: true })
    if (result.success) return { value: result.data }
    const problems = result.error.issues
      .flatMap(unfold)
      .flatMap((issue) => problemsOf(issue))
      .map((problem) => ({ ...problem, path: `${prefix}${problem.path}` }))
    return { error: new RequestValidationError(problems) }
  }
}
