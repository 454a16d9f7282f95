/**
 * The collective's agenda: `GET /v1/overview`, counts and budgets of what a search selects
 * (the same URL parameters as `GET /v1/search`), computed by the node; and
 * `GET /v1/records/{id}/similar`, related work of every kind and, for a question, the
 * organisations that could answer it.
 */
import { LIMITS, langMap, lazySchema, money, once } from '@polder/schema'
import { OVERVIEW_DIMENSIONS, OVERVIEW_TALLIES } from '@polder/search/query'
import * as z from 'zod'
import { recordParams } from './common.js'
import { searchStatusSchema } from './node-routes.js'
import { json, route } from './route.js'
import { searchHitSchema, searchParams } from './search-routes.js'

/** A count and summed budgets, the same two schemas wherever the agenda gives them. */
const parts = once(() => ({
  count: z.number().int().min(0),
  budgets: z.array(money()).describe('Summed budgets, one amount per currency'),
}))

export const overviewGroupSchema = lazySchema(() => {
  const { count, budgets } = parts()
  return z.strictObject({ value: z.string(), count, budgets })
})

export const overviewSchema = lazySchema(() => {
  const { count, budgets } = parts()
  return z.strictObject({
    total: z
      .strictObject({ count, budgets })
      .describe('Every selected record once, and its budget once'),
    by: z
      .strictObject(
        Object.fromEntries(
          OVERVIEW_DIMENSIONS.map((d) => [d, z.array(overviewGroupSchema)]),
        ) as Record<(typeof OVERVIEW_DIMENSIONS)[number], z.ZodArray<typeof overviewGroupSchema>>,
      )
      .describe('Counts and budgets per value, most first'),
    countsInEach: z
      .literal(true)
      .describe('In `by`, a record counts (with its whole budget) in each of its values'),
    tallies: z
      .strictObject(
        Object.fromEntries(
          OVERVIEW_TALLIES.map((t) => [t, z.array(z.strictObject({ target: z.string(), count }))]),
        ) as Record<
          (typeof OVERVIEW_TALLIES)[number],
          z.ZodArray<z.ZodObject<{ target: z.ZodString; count: typeof count }>>
        >,
      )
      .describe(
        'Selected records per target: endorsements per question, answers per question, adoptions per practice',
      ),
    openQuestionsPerTheme: z.array(z.strictObject({ theme: z.string(), count })),
    jointPilots: z
      .strictObject({ count, budgets })
      .describe('Initiatives and practices with two or more municipalities among their partners'),
    standards: z
      .array(z.strictObject({ code: z.string(), practices: count, adoptions: count }))
      .describe(
        'Per standard: selected practices that use it, and live adoptions of those practices',
      ),
    index: searchStatusSchema,
  })
})

export const relatedRecordSchema = lazySchema(() =>
  z.strictObject({
    ref: z.string(),
    type: z.string(),
    direction: z.enum(['outgoing', 'incoming']),
    kind: z.string(),
    title: langMap(LIMITS.title),
  }),
)

export const answererSchema = lazySchema(() =>
  z.strictObject({
    did: z.string(),
    name: langMap(LIMITS.title).optional(),
    records: parts().count.describe(
      'Its findings, labs and practices on the question’s themes and region',
    ),
  }),
)

export const similarSchema = lazySchema(() =>
  z.strictObject({
    similar: z.array(searchHitSchema).describe('Records about the same, best first'),
    related: z.array(relatedRecordSchema).describe('Records it relates to, and that relate to it'),
    answerers: z
      .array(answererSchema)
      .describe('For a question: organisations whose work is on its themes in or near its region'),
  }),
)

export const similarQuery = lazySchema(() =>
  z.strictObject({
    limit: z
      .string()
      .regex(/^[1-9][0-9]?$/)
      .transform(Number)
      .optional()
      .describe('Similar records, 1-99; default 10'),
  }),
)

export const agendaRoutes = {
  getOverview: route({
    method: 'GET',
    path: '/v1/overview',
    summary:
      'Counts and budgets of the records a search selects, by kind, theme, SDG, region, funding, year, status, standard and organisation type',
    tags: ['search'],
    query: searchParams,
    responses: { 200: json(overviewSchema) },
  }),
  getSimilarRecords: route({
    method: 'GET',
    path: '/v1/records/{id}/similar',
    summary: 'Related work of every kind; for a question, who could answer it',
    tags: ['records'],
    params: recordParams,
    query: similarQuery,
    responses: { 200: json(similarSchema) },
  }),
} as const
