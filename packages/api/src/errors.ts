/** What the client throws. */
import type { ProblemDocument } from './problem.js'

/** The node answered with an error; its problem document (RFC 9457) is kept. */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly status: number
  readonly problem: ProblemDocument | undefined
  /** The answer as it came, for a problem document or anything else. */
  readonly body: unknown
  constructor(status: number, body: unknown, request: string) {
    const problem = isProblem(body) ? body : undefined
    // the title is constant per type (RFC 9457); the particulars are in detail
    super(
      problem === undefined
        ? `${request} answered ${status}`
        : problem.detail === undefined
          ? problem.title
          : `${problem.title} (${problem.detail})`,
    )
    this.status = status
    this.problem = problem
    this.body = body
  }
}

/** The node answered with something its contract does not allow. */
export class ResponseValidationError extends Error {
  override readonly name = 'ResponseValidationError'
  readonly issues: readonly unknown[]
  constructor(request: string, issues: readonly { path: PropertyKey[]; message: string }[]) {
    const first = issues[0]
    super(
      `${request}: the answer does not match the contract${
        first === undefined ? '' : ` at /${first.path.map(String).join('/')}: ${first.message}`
      }`,
    )
    this.issues = issues
  }
}

function isProblem(body: unknown): body is ProblemDocument {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { title?: unknown }).title === 'string' &&
    typeof (body as { type?: unknown }).type === 'string'
  )
}
