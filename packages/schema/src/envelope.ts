/** The envelope every record kind shares, and the checks that span its fields. */
import * as z from 'zod'
import { DEFAULT_LICENSE, LIMITS, SCHEMA_VERSION } from './constants.js'
import {
  attachment,
  link,
  list,
  longText,
  place,
  relation,
  shortText,
  titleField,
} from './fields.js'
import * as f from './formats.js'
import { once } from './lazy.js'
import { ld } from './ld.js'
import { THEMES } from './vocabularies/themes.js'
import { codesOf } from './vocabularies/vocabulary.js'

export const themeCode = () => z.enum(codesOf(THEMES))

/** Fields that identify a record and its version; a tombstone keeps only these. */
export const identityShape = once(() => ({
  id: ld(f.recordId(), { '@id': 'schema:identifier' }),
  schemaVersion: ld(z.literal(SCHEMA_VERSION), { '@id': 'schema:schemaVersion' }),
  author: ld(f.did(), { '@id': 'schema:author', '@type': '@id' }),
  created: ld(f.dateTime(), { '@id': 'schema:dateCreated', '@type': 'xsd:dateTime' }),
  updated: ld(f.dateTime(), { '@id': 'schema:dateModified', '@type': 'xsd:dateTime' }),
  version: ld(z.number().int().min(1).max(Number.MAX_SAFE_INTEGER), { '@id': 'schema:version' }),
}))

/** The envelope: identity plus the descriptive fields every kind has (built once, shared). */
export const envelopeShape = once(() => ({
  ...identityShape(),
  languages: ld(z.array(f.languageTag()).min(1).max(LIMITS.languages), {
    '@id': 'schema:inLanguage',
  }),
  license: ld(f.spdx().default(DEFAULT_LICENSE), { '@id': 'schema:license' }),
  title: titleField(),
  summary: shortText('schema:description').optional(),
  body: longText('schema:text').optional(),
  themes: ld(list(themeCode(), LIMITS.themes).default([]), { '@id': 'schema:about' }),
  tags: ld(list(f.name()).default([]), { '@id': 'schema:keywords' }),
  places: ld(list(place()).default([]), {
    '@id': 'schema:spatialCoverage',
    nodeType: 'schema:Place',
  }),
  links: ld(list(link()).default([]), { '@id': 'schema:relatedLink' }),
  attachments: ld(list(attachment(), LIMITS.attachments).default([]), {
    '@id': 'schema:associatedMedia',
    nodeType: 'schema:MediaObject',
  }),
  relations: list(relation(), LIMITS.relations).default([]),
}))

type Issue = Parameters<z.core.$RefinementCtx<unknown>['addIssue']>[0]

/** Adds a problem whose message is looked up by its key in problems.ts. */
export function problem(
  ctx: z.core.$RefinementCtx<unknown>,
  key: string,
  path: (string | number)[],
  params: Record<string, unknown> = {},
): void {
  const issue: Issue = { code: 'custom', path, message: key, params: { problem: key, ...params } }
  ctx.addIssue(issue)
}

interface Identity {
  created: string
  updated: string
}

interface Envelope extends Identity {
  languages: string[]
  title: Record<string, string>
  relations: { type: string; target: string }[]
}

/** `updated` is never before `created`. */
export function checkIdentity(record: Identity, ctx: z.core.$RefinementCtx<unknown>): void {
  // NaN (a malformed time, reported on its own) compares false
  if (Date.parse(record.updated) < Date.parse(record.created)) {
    problem(ctx, 'updated-before-created', ['updated'])
  }
}

/** Checks across envelope fields: times in order, a title in every declared language. */
export function checkEnvelope(record: Envelope, ctx: z.core.$RefinementCtx<unknown>): void {
  checkIdentity(record, ctx)
  const languages = new Set(record.languages)
  if (languages.size !== record.languages.length) problem(ctx, 'duplicate-language', ['languages'])
  for (const language of languages) {
    if (!Object.hasOwn(record.title, language)) {
      problem(ctx, 'title-missing-language', ['title'], { language })
    }
  }
  const seen = new Set<string>()
  record.relations.forEach((relation, index) => {
    const key = `${relation.type} ${relation.target}`
    if (seen.has(key)) problem(ctx, 'duplicate-relation', ['relations', index])
    seen.add(key)
  })
}

/** Requires at least one relation of a type (a lesson is a lesson of something). */
export function requireRelation(
  record: Envelope,
  type: string,
  ctx: z.core.$RefinementCtx<unknown>,
): void {
  if (!record.relations.some((relation) => relation.type === type)) {
    problem(ctx, 'relation-required', ['relations'], { type })
  }
}

/** `endDate`, when given, is not before `startDate`. */
export function checkPeriod(
  record: { startDate?: string | undefined; endDate?: string | undefined },
  ctx: z.core.$RefinementCtx<unknown>,
): void {
  // compared only when both are dates: a malformed one has its own problem
  const isDate = (value: string | undefined): value is string =>
    value !== undefined && /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value)
  if (isDate(record.startDate) && isDate(record.endDate) && record.endDate < record.startDate) {
    problem(ctx, 'end-before-start', ['endDate'])
  }
}
