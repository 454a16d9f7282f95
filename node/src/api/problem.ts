/** RFC 9457 problem details: the one shape every API error takes. */
import type { Problem as FieldProblem } from '@polder/schema'

export interface ProblemDetails {
  readonly type: string
  readonly title: string
  readonly status: number
  readonly detail?: string
  /** Field problems of an invalid record, each with its JSON Pointer and messages. */
  readonly problems?: readonly FieldProblem[]
}

/** Problem types are URNs: stable names, not links to a site that may not exist. */
const BASE = 'urn:polder:problem:'

export function problem(
  status: number,
  slug: string,
  title: string,
  extra: Partial<Pick<ProblemDetails, 'detail' | 'problems'>> = {},
): ProblemDetails {
  return { type: `${BASE}${slug}`, title, status, ...extra }
}
