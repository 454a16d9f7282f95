import * as z from 'zod'
import { checkEnvelope, envelopeShape, problem } from '../envelope.js'
import * as f from '../formats.js'
import { once } from '../lazy.js'
import { ld } from '../ld.js'

/**
 * "This DID is the legitimate node of organisation X": a public, signed statement. The
 * title is X's name as the voucher knows it.
 */
export const vouchSchema = once(() =>
  z
    .strictObject({
      ...envelopeShape(),
      kind: z.literal('vouch'),
      subject: ld(f.did(), { '@id': 'schema:object', '@type': '@id' }),
    })
    .superRefine((record, ctx) => {
      checkEnvelope(record, ctx)
      if (record.subject === record.author) problem(ctx, 'vouch-self', ['subject'])
    }),
)
