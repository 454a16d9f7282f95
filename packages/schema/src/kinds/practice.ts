import * as z from 'zod'
import { checkEnvelope, checkPeriod, envelopeShape } from '../envelope.js'
import { barriersField, list, outcome, partner } from '../fields.js'
import * as f from '../formats.js'
import { once } from '../lazy.js'
import { ld } from '../ld.js'
import { PRACTICE_STATUSES } from '../vocabularies/lists.js'
import { codesOf } from '../vocabularies/vocabulary.js'
import { budgetShape, checkBudget } from './budget.js'
import { standardsShape } from './standards-field.js'

export const practiceStatus = () => z.enum(codesOf(PRACTICE_STATUSES))

/** Shared by practices, initiatives, labs and adoptions. */
export const periodShape = once(() => ({
  startDate: ld(f.date(), { '@id': 'schema:startDate', '@type': 'xsd:date' }).optional(),
  endDate: ld(f.date(), { '@id': 'schema:endDate', '@type': 'xsd:date' }).optional(),
}))

export const partnersField = () =>
  ld(list(partner()).default([]), { '@id': 'schema:contributor', nodeType: 'schema:Organization' })

export const outcomesField = () =>
  ld(list(outcome()).default([]), { '@id': 'schema:result', nodeType: 'schema:PropertyValue' })

/** A solution or good practice, with what it cost and what it achieved. */
export const practiceSchema = once(() =>
  z
    .strictObject({
      ...envelopeShape(),
      kind: z.literal('practice'),
      status: ld(practiceStatus(), { '@id': 'schema:creativeWorkStatus' }),
      ...periodShape(),
      ...standardsShape(),
      partners: partnersField(),
      ...budgetShape(),
      outcomes: outcomesField(),
      /** Barriers met along the way (details belong in lessons). */
      barriers: barriersField(),
    })
    .superRefine((record, ctx) => {
      checkEnvelope(record, ctx)
      checkPeriod(record, ctx)
      checkBudget(record, ctx)
    }),
)
