import * as z from 'zod'
import { checkEnvelope, envelopeShape } from '../envelope.js'
import * as f from '../formats.js'
import { once } from '../lazy.js'
import { ld } from '../ld.js'
import { QUESTION_STATUSES, URGENCIES } from '../vocabularies/lists.js'
import { codesOf } from '../vocabularies/vocabulary.js'

/**
 * An organisation's urgent knowledge question, for research (the NWA route "Smart
 * Liveable Cities") and for other cities to answer. Findings, practices and labs answer
 * it with an `answers` relation; other organisations endorse it with an `endorsement`.
 */
export const questionSchema = once(() =>
  z
    .strictObject({
      ...envelopeShape(),
      kind: z.literal('question'),
      status: ld(z.enum(codesOf(QUESTION_STATUSES)), { '@id': 'schema:creativeWorkStatus' }),
      urgency: ld(z.enum(codesOf(URGENCIES)), { '@id': 'schema:importance' }),
      /** The date by which an answer is needed (a decision, a tender, a budget round). */
      wantedBy: ld(f.date(), { '@id': 'schema:expires', '@type': 'xsd:date' }).optional(),
    })
    .superRefine((record, ctx) => {
      checkEnvelope(record, ctx)
    }),
)
