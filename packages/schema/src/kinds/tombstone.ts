import * as z from 'zod'
import { checkIdentity, identityShape } from '../envelope.js'
import { shortText } from '../fields.js'
import { once } from '../lazy.js'
import { ld } from '../ld.js'
import { RECORD_KINDS } from '../vocabularies/lists.js'
import { codesOf } from '../vocabularies/vocabulary.js'

export const recordKind = () => z.enum(codesOf(RECORD_KINDS))

/**
 * What remains of a retracted record: its identity, a raised version and the reason.
 * Viewers show the reason instead of the content; the log still holds earlier versions.
 */
export const tombstoneObject = once(() =>
  z
    .strictObject({
      ...identityShape(),
      kind: recordKind(),
      status: ld(z.literal('retracted'), { '@id': 'schema:creativeWorkStatus' }),
      reason: shortText('schema:description'),
    })
    .superRefine((record, ctx) => {
      checkIdentity(record, ctx)
    }),
)
