/** Keys, DIDs and minimal valid records for the tests. */
import { generateKeyPairSync } from 'node:crypto'
import { createRecordId, type Did, didFromEd25519PublicKey } from '../src/index.js'

export function freshDid(): Did {
  const { publicKey } = generateKeyPairSync('ed25519')
  const jwk = publicKey.export({ format: 'jwk' })
  return didFromEd25519PublicKey(Buffer.from(jwk.x as string, 'base64url'))
}

export const AUTHOR = freshDid()
export const OTHER = freshDid()
const CREATED = '2026-03-01T09:00:00.000Z'

export function identity(author: Did = AUTHOR) {
  return {
    id: createRecordId(Date.parse(CREATED)),
    schemaVersion: 1,
    author,
    created: CREATED,
    updated: CREATED,
    version: 1,
    languages: ['nl', 'en'],
    title: { nl: 'Slimme lantaarnpalen', en: 'Smart street lights' },
  }
}

export const ref = (id: string, author: Did = OTHER) => `polder://${author}/${id}`

/** One minimal valid record of each kind. */
export function minimalRecords(): Record<string, Record<string, unknown>> {
  const target = ref(createRecordId())
  return {
    practice: { ...identity(), kind: 'practice', status: 'pilot' },
    lesson: {
      ...identity(),
      kind: 'lesson',
      relations: [{ type: 'lessonOf', target }],
    },
    finding: {
      ...identity(),
      kind: 'finding',
      researchers: [{ name: 'A. de Vries' }],
      abstract: { nl: 'Samenvatting', en: 'Abstract' },
    },
    initiative: { ...identity(), kind: 'initiative' },
    lab: {
      ...identity(),
      kind: 'lab',
      places: [{ name: 'Strijp-S', country: 'NL', municipality: 'GM0772' }],
    },
    adoption: {
      ...identity(),
      kind: 'adoption',
      status: 'pilot',
      relations: [{ type: 'replicates', target }],
    },
    organization: { ...identity(), kind: 'organization', orgType: 'municipality' },
    vouch: { ...identity(), kind: 'vouch', subject: OTHER },
    question: { ...identity(), kind: 'question', status: 'open', urgency: 'high' },
    endorsement: {
      ...identity(),
      kind: 'endorsement',
      relations: [{ type: 'endorses', target }],
    },
  }
}
