/** RFC 9457 problem details: the one shape every error answer of the API takes. */
import { lazySchema } from '@polder/schema'
import * as z from 'zod'

export const messageSchema = lazySchema(() => z.strictObject({ nl: z.string(), en: z.string() }))

/** One problem of a field, with its JSON Pointer (`/body/reason`, `/status`). */
export const fieldProblemSchema = lazySchema(() =>
  z.strictObject({
    path: z.string().describe('JSON Pointer to the field'),
    code: z.string(),
    message: messageSchema,
  }),
)

export const problemSchema = lazySchema(() =>
  z.strictObject({
    type: z.string().describe('urn:polder:problem:<slug>'),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string().optional(),
    problems: z.array(fieldProblemSchema).readonly().optional(),
  }),
)

export type ProblemDocument = z.output<typeof problemSchema>
