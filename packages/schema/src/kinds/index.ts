import * as z from 'zod'
import { adoptionSchema } from './adoption.js'
import { endorsementSchema } from './endorsement.js'
import { findingSchema } from './finding.js'
import { initiativeSchema } from './initiative.js'
import { labSchema } from './lab.js'
import { lessonSchema } from './lesson.js'
import { organizationSchema } from './organization.js'
import { practiceSchema } from './practice.js'
import { questionSchema } from './question.js'
import { tombstoneSchema } from './tombstone.js'
import { vouchSchema } from './vouch.js'

export { tombstoneSchema }

/** The schema of each record kind, by kind. */
export const KIND_SCHEMAS = {
  practice: practiceSchema,
  lesson: lessonSchema,
  finding: findingSchema,
  initiative: initiativeSchema,
  lab: labSchema,
  adoption: adoptionSchema,
  organization: organizationSchema,
  vouch: vouchSchema,
  question: questionSchema,
  endorsement: endorsementSchema,
} as const

export type RecordKind = keyof typeof KIND_SCHEMAS

/** Any live (not retracted) record. */
export const recordSchema = z.discriminatedUnion('kind', [
  practiceSchema,
  lessonSchema,
  findingSchema,
  initiativeSchema,
  labSchema,
  adoptionSchema,
  organizationSchema,
  vouchSchema,
  questionSchema,
  endorsementSchema,
])

export type Practice = z.output<typeof practiceSchema>
export type Lesson = z.output<typeof lessonSchema>
export type Finding = z.output<typeof findingSchema>
export type Initiative = z.output<typeof initiativeSchema>
export type Lab = z.output<typeof labSchema>
export type Adoption = z.output<typeof adoptionSchema>
export type Organization = z.output<typeof organizationSchema>
export type Vouch = z.output<typeof vouchSchema>
export type Question = z.output<typeof questionSchema>
export type Endorsement = z.output<typeof endorsementSchema>
export type Tombstone = z.output<typeof tombstoneSchema>

/** A valid record of any kind, as validation returns it (defaults filled in). */
export type PolderRecord = z.output<typeof recordSchema>
/** What a record may look like before validation (defaults may be left out). */
export type RecordInput = z.input<typeof recordSchema>
/** One state of a record in the log: a live version or a tombstone. */
export type RecordState = PolderRecord | Tombstone

/** Whether a record state is a retraction. */
export function isTombstone(state: RecordState): state is Tombstone {
  return 'status' in state && state.status === 'retracted'
}
