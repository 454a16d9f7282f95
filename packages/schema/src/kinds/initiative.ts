import * as z from 'zod'
import { checkEnvelope, checkPeriod, envelopeShape } from '../envelope.js'
import * as f from '../formats.js'
import { once } from '../lazy.js'
import { ld } from '../ld.js'
import { budgetShape, checkBudget } from './budget.js'
import { partnersField, periodShape } from './practice.js'
import { standardsShape } from './standards-field.js'

/** A programme or project with its budget, funders, period and partners. */
export const initiativeSchema = once(() =>
  z
    .strictObject({
      ...envelopeShape(),
      kind: z.literal('initiative'),
      ...periodShape(),
      ...standardsShape(),
      partners: partnersField(),
      ...budgetShape(),
      /** The programme it belongs to: "City Deal", "Horizon Europe", "Regio Deal". */
      programme: ld(f.name(), { '@id': 'schema:sponsor' }).optional(),
    })
    .superRefine((record, ctx) => {
      checkEnvelope(record, ctx)
      checkPeriod(record, ctx)
      checkBudget(record, ctx)
    }),
)
