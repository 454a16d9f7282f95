import * as z from 'zod'
import { checkEnvelope, checkPeriod, envelopeShape, requireRelation } from '../envelope.js'
import { longText } from '../fields.js'
import { once } from '../lazy.js'
import { ld } from '../ld.js'
import { budgetShape, checkBudget } from './budget.js'
import { outcomesField, partnersField, periodShape, practiceStatus } from './practice.js'
import { standardsShape } from './standards-field.js'

/**
 * An organisation reports that it replicated another's practice, with its results:
 * it has at least one `replicates` relation.
 */
export const adoptionSchema = once(() =>
  z
    .strictObject({
      ...envelopeShape(),
      kind: z.literal('adoption'),
      status: ld(practiceStatus(), { '@id': 'schema:creativeWorkStatus' }),
      ...periodShape(),
      ...standardsShape(),
      partners: partnersField(),
      ...budgetShape(),
      /** What was changed to make it work here. */
      adaptations: longText('schema:usageInfo').optional(),
      outcomes: outcomesField(),
    })
    .superRefine((record, ctx) => {
      checkEnvelope(record, ctx)
      checkPeriod(record, ctx)
      checkBudget(record, ctx)
      requireRelation(record, 'replicates', ctx)
    }),
)
