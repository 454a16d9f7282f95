/** RFC 9457 problem details: the one shape every API error takes (its schema: @polder/api). */
import type { ProblemDocument } from '@polder/api'

/** Problem types are URNs: stable names, not links to a site that may not exist. */
const BASE = 'urn:polder:problem:'

export function problem(
  status: number,
  slug: string,
  title: string,
  extra: Partial<Pick<ProblemDocument, 'detail' | 'problems'>> = {},
): ProblemDocument {
  return { type: `${BASE}${slug}`, title, status, ...extra }
}
