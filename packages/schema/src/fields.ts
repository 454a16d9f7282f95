/** Field schemas shared by several record kinds. */
import * as z from 'zod'
import { LIMITS } from './constants.js'
import * as f from './formats.js'
import { ld } from './ld.js'
import { AMOUNT_PATTERN } from './money.js'
import { currencyMinorUnits } from './vocabularies/currencies.js'
import {
  BARRIERS,
  FUNDING_SOURCES,
  IMPACT_DIMENSIONS,
  ORGANIZATION_TYPES,
  RELATION_TYPES,
} from './vocabularies/lists.js'
import { codesOf } from './vocabularies/vocabulary.js'

/** Text in one or more languages, keyed by BCP 47 tag: `{ nl: '…', en: '…' }`. */
export function langMap(maxChars: number) {
  return z
    .record(f.languageTag(), z.string().trim().min(1).max(maxChars))
    .refine((map) => Object.keys(map).length >= 1, {
      params: { problem: 'language-map-empty' },
    })
    .refine((map) => Object.keys(map).length <= LIMITS.languages, {
      params: { problem: 'language-map-too-many' },
    })
}
export type LangMap = Readonly<Record<string, string>>

const langText = (iri: string, maxChars: number) =>
  ld(langMap(maxChars), { '@id': iri, '@container': '@language' })

export const titleField = () => langText('schema:name', LIMITS.title)
export const shortText = (iri: string) => langText(iri, LIMITS.summary)
export const longText = (iri: string) => langText(iri, LIMITS.body)

export const money = () =>
  z
    .strictObject({
      amount: ld(f.amount(), { '@id': 'schema:value', '@type': 'xsd:decimal' }),
      currency: ld(f.currency(), { '@id': 'schema:currency' }),
    })
    .superRefine((value, ctx) => {
      const digits = currencyMinorUnits(value.currency)
      const fraction = value.amount.split('.')[1] ?? ''
      // a malformed amount has its own problem; its decimals are not counted on top
      if (digits !== undefined && AMOUNT_PATTERN.test(value.amount) && fraction.length > digits) {
        ctx.addIssue({
          code: 'custom',
          path: ['amount'],
          message: `${value.currency} has ${digits} decimals`,
          params: { problem: 'money-decimals', currency: value.currency, digits },
        })
      }
    })
export type Money = z.infer<ReturnType<typeof money>>

export const point = () =>
  z.strictObject({
    lat: ld(z.number().min(-90).max(90), { '@id': 'schema:latitude' }),
    lon: ld(z.number().min(-180).max(180), { '@id': 'schema:longitude' }),
  })

export const place = () =>
  z.strictObject({
    name: ld(f.name(), { '@id': 'schema:name' }),
    /** ISO 3166-1 alpha-2. */
    country: ld(f.countryCode(), { '@id': 'schema:addressCountry' }),
    /** CBS municipality code (Dutch municipalities): `GM0363`. */
    municipality: ld(f.municipalityCode(), { '@id': 'schema:containedInPlace' }).optional(),
    /** CBS province code: `PV27`. */
    province: ld(f.provinceCode(), { '@id': 'schema:containedInPlace' }).optional(),
    point: ld(point(), { '@id': 'schema:geo', nodeType: 'schema:GeoCoordinates' }).optional(),
  })
export type Place = z.infer<ReturnType<typeof place>>

export const partner = () =>
  z.strictObject({
    name: ld(f.name(), { '@id': 'schema:name' }),
    /** The partner's Polder DID, when it runs a node. */
    did: ld(f.did(), { '@id': 'schema:sameAs', '@type': '@id' }).optional(),
    orgType: ld(z.enum(codesOf(ORGANIZATION_TYPES)), { '@id': 'schema:category' }).optional(),
    role: ld(f.name(), { '@id': 'schema:roleName' }).optional(),
  })
export type Partner = z.infer<ReturnType<typeof partner>>

export const fundingItem = () =>
  z.strictObject({
    source: ld(z.enum(codesOf(FUNDING_SOURCES)), { '@id': 'schema:category' }),
    /** Who funds, by name: "Europees Fonds voor Regionale Ontwikkeling", "RVO". */
    funder: ld(f.name(), { '@id': 'schema:funder' }).optional(),
    contribution: ld(money(), {
      '@id': 'schema:amount',
      nodeType: 'schema:MonetaryAmount',
    }).optional(),
  })
export type FundingItem = z.infer<ReturnType<typeof fundingItem>>

export const outcome = () =>
  z.strictObject({
    dimension: ld(z.enum(codesOf(IMPACT_DIMENSIONS)), { '@id': 'schema:category' }),
    description: shortText('schema:description'),
    /** What was measured: "kWh per year", "trips by bike". */
    indicator: ld(f.name(), { '@id': 'schema:propertyID' }).optional(),
    value: ld(z.number(), { '@id': 'schema:value' }).optional(),
    unit: ld(f.name(), { '@id': 'schema:unitText' }).optional(),
  })
export type Outcome = z.infer<ReturnType<typeof outcome>>

export const barrierNote = () =>
  z.strictObject({
    barrier: ld(z.enum(codesOf(BARRIERS)), { '@id': 'schema:category' }),
    description: shortText('schema:description').optional(),
  })

/** Barriers met, each with what happened: shared by practices and lessons. */
export const barriersField = () =>
  ld(list(barrierNote()).default([]), { '@id': 'schema:negativeNotes' })

export const link = () =>
  z.strictObject({
    url: ld(f.url(), { '@id': 'schema:url', '@type': '@id' }),
    label: ld(f.name(), { '@id': 'schema:name' }).optional(),
  })

export const attachment = () =>
  z.strictObject({
    cid: ld(f.cid(), { '@id': 'schema:identifier' }),
    name: ld(f.name(), { '@id': 'schema:name' }),
    mediaType: ld(f.mediaType(), { '@id': 'schema:encodingFormat' }),
    /** Bytes. */
    size: ld(z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), {
      '@id': 'schema:contentSize',
    }),
  })
export type Attachment = z.infer<ReturnType<typeof attachment>>

export const relationType = () => z.enum(codesOf(RELATION_TYPES))
export type RelationType = z.infer<ReturnType<typeof relationType>>

/** A typed link to another record; in JSON-LD each type becomes its own property. */
export const relation = () =>
  z.strictObject({
    type: relationType(),
    target: f.polderRef(),
  })
export type Relation = z.infer<ReturnType<typeof relation>>

/** `max` items at most; `description` names the list in messages. */
export const list = <T extends z.ZodType>(item: T, max: number = LIMITS.list) =>
  z.array(item).max(max)
