/** The node itself: liveness, status, metrics, this document, live events. */
import { LIMITS, langMap } from '@polder/schema'
import * as z from 'zod'
import { jsonObject } from './common.js'
import { json, route } from './route.js'

export const searchStatusSchema = z.strictObject({
  state: z.enum(['ready', 'rebuilding']),
  records: z.number().int().min(0).describe('Current records in the index'),
  progress: z
    .strictObject({ done: z.number().int().min(0), of: z.number().int().min(0) })
    .optional()
    .describe('While rebuilding: states indexed so far of about how many'),
})

export const statusSchema = z.strictObject({
  version: z.string(),
  did: z.string(),
  name: langMap(LIMITS.title)
    .optional()
    .describe('The organisation’s name, from its profile (none until it has one)'),
  peerId: z.string(),
  addresses: z.array(z.string()),
  peers: z.number().int().min(0),
  records: z.number().int().min(0),
  search: searchStatusSchema,
})

export const nodeRoutes = {
  getOpenApi: route({
    method: 'GET',
    path: '/openapi.json',
    summary: 'This document',
    tags: ['node'],
    responses: { 200: json(jsonObject, 'The OpenAPI 3.1 document') },
  }),
  getHealth: route({
    method: 'GET',
    path: '/health',
    summary: 'Liveness',
    tags: ['node'],
    responses: { 200: json(z.strictObject({ status: z.literal('ok'), version: z.string() })) },
  }),
  getStatus: route({
    method: 'GET',
    path: '/v1/status',
    summary: 'The node: organisation, peer id, addresses, peers, records, search index',
    tags: ['node'],
    responses: { 200: json(statusSchema) },
  }),
  getMetrics: route({
    method: 'GET',
    path: '/metrics',
    summary: 'Prometheus metrics',
    tags: ['node'],
    responses: {
      200: {
        description: 'The Prometheus text format',
        mediaType: 'text/plain',
        schema: z.string(),
      },
    },
  }),
} as const
