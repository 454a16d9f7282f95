import * as z from 'zod'
import { REFERENCE_SCHEME } from '../constants.js'
import { checkEnvelope, envelopeShape, problem, requireRelation } from '../envelope.js'
import { once } from '../lazy.js'

/**
 * "We have this question too": an organisation endorses another's knowledge question with
 * one `endorses` relation. Its summary may say why. Whether the target is a question, and
 * whether this organisation endorsed it before, the store checks when it is published.
 */
export const endorsementSchema = once(() =>
  z
    .strictObject({
      ...envelopeShape(),
      kind: z.literal('endorsement'),
    })
    .superRefine((record, ctx) => {
      checkEnvelope(record, ctx)
      requireRelation(record, 'endorses', ctx)
      const own = `${REFERENCE_SCHEME}${record.author}/`
      let endorsed = 0
      record.relations.forEach((relation, index) => {
        if (relation.type !== 'endorses') return
        endorsed++
        if (endorsed > 1) problem(ctx, 'endorsement-one-question', ['relations', index])
        if (relation.target.startsWith(own)) {
          problem(ctx, 'endorse-own-question', ['relations', index, 'target'])
        }
      })
    }),
)
