import * as z from 'zod'
import { lazySchema, once } from '../lazy.js'
import { adoptionSchema } from './adoption.js'
import { endorsementSchema } from './endorsement.js'
import { findingSchema } from './finding.js'
import { initiativeSchema } from './initiative.js'
import { labSchema } from './lab.js'
import { lessonSchema } from './lesson.js'
import { organizationSchema } from './organization.js'
import { practiceSchema } from './practice.js'
import { questionSchema } from './question.js'
import { tombstoneObject } from './tombstone.js'
import { vouchSchema } from './vouch.js'

/** The schema of each record kind, by kind; each is built when first read (lazy.ts). */
export const KIND_SCHEMAS = {
  get practice() {
    return practiceSchema()
  },
  get lesson() {
    return lessonSchema()
  },
  get finding() {
    return findingSchema()
  },
  get initiative() {
    return initiativeSchema()
  },
  get lab() {
    return labSchema()
  },
  get adoption() {
    return adoptionSchema()
  },
  get organization() {
    return organizationSchema()
  },
  get vouch() {
    return vouchSchema()
  },
  get question() {
    return questionSchema()
  },
  get endorsement() {
    return endorsementSchema()
  },
}

export type RecordKind = keyof typeof KIND_SCHEMAS

/** Any live (not retracted) record: the union itself, built at the first call. */
export const recordUnion = once(() =>
  z.discriminatedUnion('kind', [
    practiceSchema(),
    lessonSchema(),
    findingSchema(),
    initiativeSchema(),
    labSchema(),
    adoptionSchema(),
    organizationSchema(),
    vouchSchema(),
    questionSchema(),
    endorsementSchema(),
  ]),
)

/** Any live (not retracted) record, as a schema that is built on first use. */
export const recordSchema = lazySchema(recordUnion)

/** What remains of a retracted record (see tombstone.ts). */
export const tombstoneSchema = lazySchema(tombstoneObject)

export type Practice = z.output<ReturnType<typeof practiceSchema>>
export type Lesson = z.output<ReturnType<typeof lessonSchema>>
export type Finding = z.output<ReturnType<typeof findingSchema>>
export type Initiative = z.output<ReturnType<typeof initiativeSchema>>
export type Lab = z.output<ReturnType<typeof labSchema>>
export type Adoption = z.output<ReturnType<typeof adoptionSchema>>
export type Organization = z.output<ReturnType<typeof organizationSchema>>
export type Vouch = z.output<ReturnType<typeof vouchSchema>>
export type Question = z.output<ReturnType<typeof questionSchema>>
export type Endorsement = z.output<ReturnType<typeof endorsementSchema>>
export type Tombstone = z.output<ReturnType<typeof tombstoneObject>>

/** A valid record of any kind, as validation returns it (defaults filled in). */
export type PolderRecord = z.output<ReturnType<typeof recordUnion>>
/** What a record may look like before validation (defaults may be left out). */
export type RecordInput = z.input<ReturnType<typeof recordUnion>>
/** One state of a record in the log: a live version or a tombstone. */
export type RecordState = PolderRecord | Tombstone

/** Whether a record state is a retraction. */
export function isTombstone(state: RecordState): state is Tombstone {
  return 'status' in state && state.status === 'retracted'
}
