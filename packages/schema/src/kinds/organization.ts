import * as z from 'zod'
import { checkEnvelope, envelopeShape } from '../envelope.js'
import * as f from '../formats.js'
import { once } from '../lazy.js'
import { ld } from '../ld.js'
import { ORGANIZATION_TYPES } from '../vocabularies/lists.js'
import { codesOf } from '../vocabularies/vocabulary.js'

/** A node's own profile; its title is the organisation's name. */
export const organizationSchema = once(() =>
  z
    .strictObject({
      ...envelopeShape(),
      kind: z.literal('organization'),
      orgType: ld(z.enum(codesOf(ORGANIZATION_TYPES)), { '@id': 'schema:category' }),
      website: ld(f.url(), { '@id': 'schema:url', '@type': '@id' }).optional(),
      contactEmail: ld(f.email(), { '@id': 'schema:email' }).optional(),
      /** Logo image, as an attachment CID. */
      logo: ld(f.cid(), { '@id': 'schema:logo' }).optional(),
    })
    .superRefine((record, ctx) => {
      checkEnvelope(record, ctx)
    }),
)
