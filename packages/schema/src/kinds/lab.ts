import * as z from 'zod'
import { checkEnvelope, checkPeriod, envelopeShape, problem } from '../envelope.js'
import { longText, shortText } from '../fields.js'
import * as f from '../formats.js'
import { once } from '../lazy.js'
import { ld } from '../ld.js'
import { partnersField, periodShape } from './practice.js'
import { standardsShape } from './standards-field.js'

/** Room outside current rules granted to experiments, and on what terms. */
const regulatoryRoom = () =>
  z.strictObject({
    granted: ld(z.boolean(), { '@id': 'schema:value' }),
    description: shortText('schema:description').optional(),
  })

/** A living lab or other experiment environment; it has at least one place. */
export const labSchema = once(() =>
  z
    .strictObject({
      ...envelopeShape(),
      kind: z.literal('lab'),
      ...periodShape(),
      ...standardsShape(),
      partners: partnersField(),
      facilities: longText('schema:amenityFeature').optional(),
      regulatoryRoom: ld(regulatoryRoom(), {
        '@id': 'schema:additionalProperty',
        nodeType: 'schema:PropertyValue',
      }).optional(),
      contactEmail: ld(f.email(), { '@id': 'schema:email' }).optional(),
      website: ld(f.url(), { '@id': 'schema:url', '@type': '@id' }).optional(),
    })
    .superRefine((record, ctx) => {
      checkEnvelope(record, ctx)
      checkPeriod(record, ctx)
      if (record.places.length === 0) problem(ctx, 'lab-needs-place', ['places'])
    }),
)
