/**
 * Validation problems: every one names the field (a JSON Pointer) and says what is wrong
 * in Dutch and English. Zod's issues are translated here, once.
 */
import type * as z from 'zod'
import { listValues } from './value-labels.js'

export interface Message {
  readonly en: string
  readonly nl: string
}

export interface Problem {
  /** JSON Pointer (RFC 6901) to the field: `/places/0/municipality`; `''` is the record. */
  readonly path: string
  /** Stable machine-readable code: `invalid_type`, `invalid_format:doi`, `funding-exceeds-budget`. */
  readonly code: string
  readonly message: Message
}

const FORMATS: Record<string, Message> = {
  did: { en: 'not an Ed25519 did:key (did:key:z6Mk…)', nl: 'geen Ed25519 did:key (did:key:z6Mk…)' },
  'record-id': {
    en: 'not a record id (26-character ULID)',
    nl: 'geen record-id (ULID van 26 tekens)',
  },
  'polder-ref': {
    en: 'not a Polder reference (polder://<did>/<record-id>)',
    nl: 'geen Polder-verwijzing (polder://<did>/<record-id>)',
  },
  'language-tag': {
    en: 'not a language tag (BCP 47, such as nl or en-GB)',
    nl: 'geen taalcode (BCP 47, zoals nl of en-GB)',
  },
  doi: { en: 'not a DOI (10.1234/…)', nl: 'geen DOI (10.1234/…)' },
  orcid: {
    en: 'not a valid ORCID iD (0000-0002-1825-0097)',
    nl: 'geen geldige ORCID iD (0000-0002-1825-0097)',
  },
  spdx: { en: 'not an SPDX licence id (CC-BY-4.0)', nl: 'geen SPDX-licentiecode (CC-BY-4.0)' },
  'media-type': {
    en: 'not a media type (application/pdf)',
    nl: 'geen mediatype (application/pdf)',
  },
  cid: { en: 'not an IPFS CID', nl: 'geen IPFS-CID' },
  currency: { en: 'not an ISO 4217 currency code (EUR)', nl: 'geen ISO 4217-valutacode (EUR)' },
  amount: {
    en: 'not an amount: digits with at most 4 decimals after a point, such as 1250000.50',
    nl: 'geen bedrag: cijfers met hoogstens 4 decimalen na een punt, zoals 1250000.50',
  },
  'municipality-code': {
    en: 'not a CBS municipality code (GM0363)',
    nl: 'geen CBS-gemeentecode (GM0363)',
  },
  'province-code': { en: 'not a CBS province code (PV27)', nl: 'geen CBS-provinciecode (PV27)' },
  'country-code': {
    en: 'not an ISO 3166 country code (NL)',
    nl: 'geen ISO 3166-landcode (NL)',
  },
  url: { en: 'not an http(s) URL', nl: 'geen http(s)-URL' },
  email: { en: 'not an e-mail address', nl: 'geen e-mailadres' },
  datetime: {
    en: 'not an ISO 8601 date and time with time zone (2026-11-28T14:00:00Z)',
    nl: 'geen ISO 8601-datum en -tijd met tijdzone (2026-11-28T14:00:00Z)',
  },
  date: { en: 'not an ISO 8601 date (2026-11-28)', nl: 'geen ISO 8601-datum (2026-11-28)' },
}

const CUSTOM: Record<string, (params: Record<string, unknown>) => Message> = {
  'language-map-empty': () => ({
    en: 'give the text in at least one language',
    nl: 'geef de tekst in minstens één taal',
  }),
  'language-map-too-many': () => ({ en: 'too many languages', nl: 'te veel talen' }),
  'updated-before-created': () => ({
    en: 'updated lies before created',
    nl: 'bijgewerkt ligt vóór aangemaakt',
  }),
  'duplicate-language': () => ({
    en: 'a language is listed twice',
    nl: 'een taal staat er dubbel in',
  }),
  'title-missing-language': (p) => ({
    en: `the title has no text in ${p.language}, which the record lists among its languages`,
    nl: `de titel heeft geen tekst in ${p.language}, terwijl het record die taal noemt`,
  }),
  'duplicate-relation': () => ({
    en: 'this relation is listed twice',
    nl: 'deze relatie staat er dubbel in',
  }),
  'relation-required': (p) => ({
    en: `needs at least one relation of type ${p.type}`,
    nl: `heeft minstens één relatie van het type ${p.type} nodig`,
  }),
  'end-before-start': () => ({
    en: 'the end date lies before the start date',
    nl: 'de einddatum ligt vóór de begindatum',
  }),
  'money-decimals': (p) => ({
    en: `${p.currency} has ${p.digits} decimals at most`,
    nl: `${p.currency} heeft hoogstens ${p.digits} decimalen`,
  }),
  'funding-currency': (p) => ({
    en: `contributions must be in the budget's currency, ${p.currency}`,
    nl: `bijdragen moeten in de valuta van het budget zijn, ${p.currency}`,
  }),
  'funding-exceeds-budget': () => ({
    en: 'the contributions add up to more than the budget',
    nl: 'de bijdragen zijn samen meer dan het budget',
  }),
  'lab-needs-place': () => ({
    en: 'a lab needs at least one place',
    nl: 'een lab heeft minstens één plaats nodig',
  }),
  'whole-number-range': (p) => ({
    en: `expected a whole number from ${p.min} to ${p.max}`,
    nl: `verwacht een geheel getal van ${p.min} tot en met ${p.max}`,
  }),
  'unknown-municipality': (p) => ({
    en: `${p.code} is not a Dutch municipality (CBS code list of 2025)${p.hint ?? ''}`,
    nl: `${p.code} is geen Nederlandse gemeente (CBS-codelijst 2025)${p.hint ?? ''}`,
  }),
  'unknown-province': (p) => ({
    en: `${p.code} is not a Dutch province; one of ${p.list}`,
    nl: `${p.code} is geen Nederlandse provincie; een van ${p.list}`,
  }),
  'province-mismatch': (p) => ({
    en: `${p.municipality} ${p.municipalityName} lies in ${p.actual} ${p.actualName}, not ${p.given}`,
    nl: `${p.municipality} ${p.municipalityName} ligt in ${p.actual} ${p.actualName}, niet in ${p.given}`,
  }),
  'unknown-facet-value': (p) => {
    const choices = p.choices as Message
    return {
      en: `${p.value} is not a value of ${p.facet}; expected ${choices.en}`,
      nl: `${p.value} is geen waarde van ${p.facet}; verwacht ${choices.nl}`,
    }
  },
  'endorse-own-question': () => ({
    en: 'an organisation cannot endorse its own question',
    nl: 'een organisatie kan haar eigen vraag niet onderschrijven',
  }),
  'endorsement-one-question': () => ({
    en: 'an endorsement endorses one question; publish one endorsement per question',
    nl: 'een onderschrijving onderschrijft één vraag; publiceer er één per vraag',
  }),
  'vouch-self': () => ({
    en: 'an organisation cannot vouch for itself',
    nl: 'een organisatie kan niet voor zichzelf instaan',
  }),
}

const ORIGINS: Record<string, Message> = {
  string: { en: 'characters', nl: 'tekens' },
  array: { en: 'items', nl: 'items' },
}

/** Names of JSON types with their article, as a reader says them. */
const TYPE_NAMES: Record<string, Message> = {
  string: { en: 'a string', nl: 'tekst' },
  number: { en: 'a number', nl: 'een getal' },
  int: { en: 'a whole number', nl: 'een geheel getal' },
  bigint: { en: 'a whole number', nl: 'een geheel getal' },
  boolean: { en: 'true or false', nl: 'true of false' },
  array: { en: 'an array', nl: 'een lijst' },
  object: { en: 'an object', nl: 'een object' },
  record: { en: 'an object', nl: 'een object' },
  null: { en: 'null', nl: 'null' },
  undefined: { en: 'nothing', nl: 'niets' },
  date: { en: 'a date', nl: 'een datum' },
  nan: { en: 'not a number', nl: 'geen getal' },
}

function typeName(type: string): Message {
  return TYPE_NAMES[type] ?? { en: type, nl: type }
}

function describeValue(input: unknown): string {
  if (input === null) return 'null'
  if (Array.isArray(input)) return 'array'
  if (typeof input === 'number' && Number.isNaN(input)) return 'nan'
  return typeof input
}

/** How a field the schema does not know is named: for records, requests and queries. */
export interface ProblemOptions {
  readonly unknownField?: Message
}

const UNKNOWN_FIELD: Message = {
  en: 'is not a known field here',
  nl: 'is hier geen bekend veld',
}

function limitMessage(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall): Message {
  const big = issue.code === 'too_big'
  const limit = String(big ? issue.maximum : issue.minimum)
  if (!big && limit === '1' && issue.origin === 'string') {
    return { en: 'must not be empty', nl: 'mag niet leeg zijn' }
  }
  if (!big && limit === '1' && issue.origin === 'array') {
    return { en: 'needs at least one item', nl: 'heeft minstens één item nodig' }
  }
  const unit = ORIGINS[issue.origin]
  const en = big ? 'at most' : 'at least'
  const nl = big ? 'hoogstens' : 'minstens'
  return unit === undefined
    ? { en: `must be ${en} ${limit}`, nl: `moet ${nl} ${limit} zijn` }
    : { en: `must have ${en} ${limit} ${unit.en}`, nl: `moet ${nl} ${limit} ${unit.nl} hebben` }
}

/** The JSON Pointer of a path. */
export function pointer(path: readonly PropertyKey[]): string {
  return path.map((key) => `/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('')
}

/** Translates one zod issue into problems (an unknown-keys issue gives one per key). */
export function problemsOf(issue: z.core.$ZodIssue, options: ProblemOptions = {}): Problem[] {
  const path = pointer(issue.path)
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) {
        return [{ path, code: 'required', message: { en: 'is required', nl: 'is verplicht' } }]
      }
      const expected = typeName(issue.expected)
      const got = typeName(describeValue(issue.input))
      return [
        {
          path,
          code: 'invalid_type',
          message: {
            en: `expected ${expected.en}, got ${got.en}`,
            nl: `verwacht ${expected.nl}, kreeg ${got.nl}`,
          },
        },
      ]
    }
    case 'too_big':
    case 'too_small':
      return [{ path, code: issue.code, message: limitMessage(issue) }]
    case 'invalid_format': {
      const known = FORMATS[issue.format]
      return [
        {
          path,
          code: `invalid_format:${issue.format}`,
          message: known ?? {
            en: `not a valid ${issue.format}`,
            nl: `geen geldige ${issue.format}`,
          },
        },
      ]
    }
    case 'invalid_value': {
      const values = listValues(issue.values)
      return [
        {
          path,
          code: 'invalid_value',
          message:
            issue.values.length === 1
              ? { en: `must be ${values.en}`, nl: `moet ${values.nl} zijn` }
              : { en: `must be one of ${values.en}`, nl: `moet een van ${values.nl} zijn` },
        },
      ]
    }
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        path: pointer([...issue.path, key]),
        code: 'unknown_field',
        message: options.unknownField ?? UNKNOWN_FIELD,
      }))
    case 'invalid_key':
    case 'invalid_element':
      return issue.issues.flatMap((inner) =>
        problemsOf({ ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue, options),
      )
    case 'invalid_union':
      return unionProblems(issue, path, options)
    case 'not_multiple_of':
      return [
        {
          path,
          code: issue.code,
          message: {
            en: `must be a multiple of ${issue.divisor}`,
            nl: `moet een veelvoud van ${issue.divisor} zijn`,
          },
        },
      ]
    case 'custom': {
      const key = typeof issue.params?.problem === 'string' ? issue.params.problem : undefined
      const message = key === undefined ? undefined : CUSTOM[key]
      return [
        {
          path,
          code: key ?? 'custom',
          message: message?.(issue.params ?? {}) ?? { en: issue.message, nl: issue.message },
        },
      ]
    }
    default:
      return [
        {
          path,
          code: (issue as z.core.$ZodIssueBase & { code: string }).code,
          message: { en: `is not valid here`, nl: `is hier niet geldig` },
        },
      ]
  }
}

/**
 * A value that matches no alternative of a union: when every alternative fails on the
 * value itself ("not a record id", "not a Polder reference"), the messages are joined with
 * "or"; otherwise the problems of the alternative that came closest are given.
 */
function unionProblems(
  issue: z.core.$ZodIssueInvalidUnion,
  path: string,
  options: ProblemOptions,
): Problem[] {
  const branches = issue.errors
    .map((issues) =>
      issues.flatMap((inner) =>
        problemsOf({ ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue, options),
      ),
    )
    .filter((problems) => problems.length > 0)
  if (branches.length === 0 && issue.discriminator !== undefined && 'options' in issue) {
    const values = listValues(issue.options ?? [])
    return [
      {
        path: pointer([...issue.path, issue.discriminator]),
        code: 'invalid_value',
        message: { en: `must be one of ${values.en}`, nl: `moet een van ${values.nl} zijn` },
      },
    ]
  }
  if (branches.length === 0) {
    return [
      {
        path,
        code: 'invalid_union',
        message: { en: 'is not valid here', nl: 'is hier niet geldig' },
      },
    ]
  }
  const own = branches.every((problems) => problems.length === 1 && problems[0]?.path === path)
  if (own) {
    const messages = branches.map((problems) => (problems[0] as Problem).message)
    return [
      {
        path,
        code: 'invalid_union',
        message: {
          en: [...new Set(messages.map((m) => m.en))].join(' or '),
          nl: [...new Set(messages.map((m) => m.nl))].join(' of '),
        },
      },
    ]
  }
  return branches.reduce((best, problems) => (problems.length < best.length ? problems : best))
}

/** A problem with the record as a whole. */
export function recordProblem(code: string, message: Message): Problem {
  return { path: '', code, message }
}
