import * as z from 'zod'
import { list } from '../fields.js'
import { once } from '../lazy.js'
import { ld } from '../ld.js'
import { STANDARDS } from '../vocabularies/standards.js'
import { codesOf } from '../vocabularies/vocabulary.js'

export const standardCode = () => z.enum(codesOf(STANDARDS))

/** The open standards a practice, adoption, lab or initiative uses, by code. */
export const standardsShape = once(() => ({
  standards: ld(list(standardCode(), STANDARDS.length).default([]), {
    '@id': 'dct:conformsTo',
  }),
}))
