import * as z from 'zod'
import { checkEnvelope, envelopeShape, requireRelation } from '../envelope.js'
import { barriersField, longText } from '../fields.js'
import { once } from '../lazy.js'

/** What was learned from a practice or initiative: it has at least one `lessonOf` relation. */
export const lessonSchema = once(() =>
  z
    .strictObject({
      ...envelopeShape(),
      kind: z.literal('lesson'),
      worked: longText('schema:positiveNotes').optional(),
      didNotWork: longText('schema:negativeNotes').optional(),
      barriers: barriersField(),
      recommendations: longText('schema:usageInfo').optional(),
    })
    .superRefine((record, ctx) => {
      checkEnvelope(record, ctx)
      requireRelation(record, 'lessonOf', ctx)
    }),
)
