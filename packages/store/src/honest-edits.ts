/**
 * Edits and publishes that would mislead: an edit that changes nothing (a version that
 * says "changed" where nothing did), an edit of the fields that make a record what it is
 * (kind, id: silently ignored, they would look accepted), and a publish of content the
 * organisation has published already.
 */
import type { PolderRecord, Problem, RecordState } from '@polder/schema'
import { RecordValidationError } from '@polder/schema'
import { DuplicateRecordError, NoChangeError } from './errors.js'
import { type BatchView, contentKey, type OwnContent } from './own-content.js'

/** Fields an edit cannot change, and why, in English and Dutch. */
const FIXED: Record<string, { en: string; nl: string }> = {
  kind: {
    en: 'the kind of a record cannot change: publish a new record of the other kind and retract this one',
    nl: 'het soort record kan niet veranderen: publiceer een nieuw record van de andere soort en trek dit in',
  },
  id: {
    en: 'the id of a record cannot change: it is part of its reference',
    nl: 'de id van een record kan niet veranderen: die hoort bij de verwijzing ernaar',
  },
  author: {
    en: 'the author is the organisation that holds the record and cannot change',
    nl: 'de auteur is de organisatie die het record heeft en kan niet veranderen',
  },
  created: {
    en: 'the creation date is set at the first version and cannot change',
    nl: 'de aanmaakdatum is gezet bij de eerste versie en kan niet veranderen',
  },
  version: { en: 'the node numbers versions itself', nl: 'het knooppunt nummert versies zelf' },
  updated: { en: 'the node dates versions itself', nl: 'het knooppunt dateert versies zelf' },
  schemaVersion: {
    en: 'the node sets the schema version',
    nl: 'het knooppunt zet de schemaversie',
  },
}

/**
 * Refuses changes to the fields the node or the record's identity fixes. The same value
 * (an edited copy of `polder show --json`) is no change and passes.
 */
export function refuseFixedFields(previous: PolderRecord, changes: object): void {
  const problems: Problem[] = []
  for (const [field, value] of Object.entries(changes)) {
    const reason = FIXED[field]
    if (reason === undefined || value === (previous as Record<string, unknown>)[field]) continue
    problems.push({ path: `/${field}`, code: 'immutable', message: reason })
  }
  if (problems.length > 0) throw new RecordValidationError(problems)
}

/** Refuses a new version whose content equals the previous one's. */
export function refuseNoChange(previous: PolderRecord, next: PolderRecord): void {
  if (contentKey(previous) === contentKey(next)) throw new NoChangeError()
}

/**
 * Refuses new records whose content equals a live record of the organisation (committed,
 * or staged by an earlier operation of the writer's `batch`), or an earlier record of the
 * same publish; every one is named. Each record may come with its canonical bytes, from
 * which its content key is cut.
 */
export function refuseDuplicates(
  records: readonly { readonly state: RecordState; readonly bytes?: Uint8Array }[],
  own: OwnContent,
  batch?: BatchView,
): void {
  const bulk = records.length > 1
  const firstOf = new Map<string, number>()
  const problems: Problem[] = []
  records.forEach(({ state: record, bytes }, index) => {
    const path = bulk ? `/${index}` : ''
    const key = contentKey(record, bytes)
    const earlier = firstOf.get(key)
    if (earlier === undefined) firstOf.set(key, index)
    const same = own.sameAs(record, batch)
    if (same.length > 0) {
      problems.push({
        path,
        code: 'duplicate-record',
        message: {
          en: `${bulk ? `record ${index} says` : 'says'} the same as record ${same[0]} of this organisation`,
          nl: `${bulk ? `record ${index} zegt` : 'zegt'} hetzelfde als record ${same[0]} van deze organisatie`,
        },
      })
    } else if (earlier !== undefined) {
      problems.push({
        path,
        code: 'duplicate-record',
        message: {
          en: `record ${index} says the same as record ${earlier} of this publish`,
          nl: `record ${index} zegt hetzelfde als record ${earlier} van deze publicatie`,
        },
      })
    }
  })
  if (problems.length > 0) throw new DuplicateRecordError(problems)
}
