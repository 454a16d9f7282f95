/**
 * Peers and addresses a node refuses: offenders it cut off, addresses from which several
 * offenders came, and what its operator denied by hand (a misbehaving peer, an address,
 * or a partition on purpose).
 */
import { lazySchema } from '@polder/schema'
import * as z from 'zod'
import { json, route } from './route.js'

/** A libp2p peer id (base58btc multihash or CIDv1) or an IPv4/IPv6 address. */
const PEER_ID = /^(12D3Koo|Qm|bafz)[1-9A-HJ-NP-Za-km-z]{20,120}$/
const ip = lazySchema(() => z.union([z.ipv4(), z.ipv6()]))
const target = lazySchema(() =>
  z
    .string()
    .refine((value) => PEER_ID.test(value) || ip.safeParse(value).success, {
      message: 'expected a peer id (12D3KooW…) or an IPv4 or IPv6 address',
    })
    .describe('A peer id (12D3KooW…), or an IPv4 or IPv6 address'),
)

export const denialSchema = lazySchema(() =>
  z.strictObject({
    target: z.string(),
    kind: z.enum(['peer', 'address']),
    until: z.string().describe('When the denial ends (ISO 8601)'),
    source: z
      .enum(['offences', 'address-offences', 'operator'])
      .describe(
        'offences: a peer cut off for what it sent; address-offences: several such peers came from this address; operator: denied by hand',
      ),
    reason: z.string().optional(),
  }),
)

const targetParams = lazySchema(() => z.strictObject({ target }))

export const denyBody = lazySchema(() =>
  z
    .strictObject({
      minutes: z
        .number()
        .int()
        .min(1)
        .max(10_080)
        .optional()
        .describe('How long, 1 minute to a week; default 60'),
      reason: z.string().max(1_000).optional(),
    })
    .optional(),
)

const tags = ['collective']

export const denialRoutes = {
  listDenials: route({
    method: 'GET',
    path: '/v1/denied',
    summary: 'Peers and addresses this node refuses to connect with, and until when',
    tags,
    responses: { 200: json(lazySchema(() => z.strictObject({ denied: z.array(denialSchema) }))) },
  }),
  deny: route({
    method: 'PUT',
    path: '/v1/denied/{target}',
    summary: 'Refuse a peer or an address for a while, closing its connections now',
    tags,
    auth: true,
    params: targetParams,
    body: denyBody,
    responses: {
      200: json(
        lazySchema(() =>
          denialSchema.unwrap().extend({
            closed: z.number().int().min(0).describe('Connections closed'),
          }),
        ),
      ),
    },
  }),
  liftDenial: route({
    method: 'DELETE',
    path: '/v1/denied/{target}',
    summary: 'Lift a denial (of an operator or of offences)',
    tags,
    auth: true,
    params: targetParams,
    responses: { 204: { description: 'Lifted, or there was none' } },
  }),
} as const
