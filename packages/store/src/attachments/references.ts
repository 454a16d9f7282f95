/**
 * Which records carry which attachment: from the current version of every record held,
 * kept up to date from the store's change events. It gives a download its media type and
 * name, and the pin policy its candidates.
 */
import { isTombstone, type RecordState } from '@polder/schema'
import { cidKey } from './cid.js'

export interface AttachmentRef {
  /** The record's author (an organisation's DID) and id. */
  readonly author: string
  readonly id: string
  readonly name: string
  readonly mediaType: string
  /** Bytes, as the record states them. */
  readonly size: number
  /** When the record's current version was made. */
  readonly updated: string
}

export class References {
  readonly #byCid = new Map<string, Map<string, AttachmentRef>>()
  readonly #byRecord = new Map<string, string[]>()

  /** Takes the attachments of a record's current state (none for a tombstone). */
  set(state: RecordState): void {
    const record = `${state.author}/${state.id}`
    this.#drop(record)
    if (isTombstone(state)) return
    const cids: string[] = []
    for (const attachment of state.attachments) {
      const cid = cidKey(attachment.cid)
      if (cid === undefined) continue
      const refs = this.#byCid.get(cid) ?? new Map<string, AttachmentRef>()
      refs.set(record, {
        author: state.author,
        id: state.id,
        name: attachment.name,
        mediaType: attachment.mediaType,
        size: attachment.size,
        updated: state.updated,
      })
      this.#byCid.set(cid, refs)
      cids.push(cid)
    }
    if (cids.length > 0) this.#byRecord.set(record, cids)
  }

  /** Forgets every record of an organisation (it was blocked). */
  dropAuthor(did: string): void {
    for (const record of [...this.#byRecord.keys()]) {
      if (record.startsWith(`${did}/`)) this.#drop(record)
    }
  }

  /** The records carrying a CID (a CIDv1 string from {@link cidKey}). */
  get(cid: string): AttachmentRef[] {
    return [...(this.#byCid.get(cid)?.values() ?? [])]
  }

  /** Every referenced CID with the records carrying it. */
  *entries(): Generator<[string, AttachmentRef[]]> {
    for (const [cid, refs] of this.#byCid) yield [cid, [...refs.values()]]
  }

  #drop(record: string): void {
    for (const cid of this.#byRecord.get(record) ?? []) {
      const refs = this.#byCid.get(cid)
      refs?.delete(record)
      if (refs?.size === 0) this.#byCid.delete(cid)
    }
    this.#byRecord.delete(record)
  }
}
