/** The arguments of an OAI-PMH request, checked as the protocol says (section 3.1). */

export const VERBS = [
  'Identify',
  'ListMetadataFormats',
  'ListSets',
  'GetRecord',
  'ListIdentifiers',
  'ListRecords',
] as const
export type Verb = (typeof VERBS)[number]

/** Arguments each verb allows, and which it requires (without a resumption token). */
const ALLOWED: Record<Verb, { allowed: string[]; required: string[] }> = {
  Identify: { allowed: [], required: [] },
  ListMetadataFormats: { allowed: ['identifier'], required: [] },
  ListSets: { allowed: ['resumptionToken'], required: [] },
  GetRecord: {
    allowed: ['identifier', 'metadataPrefix'],
    required: ['identifier', 'metadataPrefix'],
  },
  ListIdentifiers: {
    allowed: ['metadataPrefix', 'from', 'until', 'set', 'resumptionToken'],
    required: ['metadataPrefix'],
  },
  ListRecords: {
    allowed: ['metadataPrefix', 'from', 'until', 'set', 'resumptionToken'],
    required: ['metadataPrefix'],
  },
}

export type Checked =
  | { ok: true; verb: Verb; args: Record<string, string> }
  | { ok: false; code: 'badVerb' | 'badArgument'; message: string }

export function checkArguments(entries: readonly (readonly [string, string])[]): Checked {
  const verbs = entries.filter(([key]) => key === 'verb').map(([, value]) => value)
  if (verbs.length === 0)
    return { ok: false, code: 'badVerb', message: 'No verb: say verb=Identify, ListRecords, …' }
  if (verbs.length > 1)
    return { ok: false, code: 'badVerb', message: 'The verb is given more than once' }
  const verb = verbs[0] as string
  if (!(VERBS as readonly string[]).includes(verb))
    return { ok: false, code: 'badVerb', message: `No such verb: ${verb}` }
  const rule = ALLOWED[verb as Verb]
  const args: Record<string, string> = {}
  for (const [key, value] of entries) {
    if (key === 'verb') continue
    if (!rule.allowed.includes(key))
      return { ok: false, code: 'badArgument', message: `${verb} takes no argument ${key}` }
    if (Object.hasOwn(args, key))
      return { ok: false, code: 'badArgument', message: `${key} is given more than once` }
    args[key] = value
  }
  if (args['resumptionToken'] !== undefined) {
    const others = Object.keys(args).filter((key) => key !== 'resumptionToken')
    if (others.length > 0)
      return { ok: false, code: 'badArgument', message: 'resumptionToken is an exclusive argument' }
  } else {
    for (const key of rule.required) {
      if (args[key] === undefined)
        return { ok: false, code: 'badArgument', message: `${verb} needs ${key}` }
    }
  }
  return { ok: true, verb: verb as Verb, args }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/
const SECOND = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/

/** from/until as instants (inclusive), or what is wrong with them. */
export function checkDates(
  from: string | undefined,
  until: string | undefined,
): { from?: string; until?: string } | string {
  const parse = (value: string, end: boolean): string | undefined => {
    if (DAY.test(value)) {
      const time = Date.parse(`${value}T${end ? '23:59:59.999' : '00:00:00.000'}Z`)
      return Number.isNaN(time) ? undefined : new Date(time).toISOString()
    }
    if (SECOND.test(value)) {
      const time = Date.parse(value) + (end ? 999 : 0)
      return Number.isNaN(time) ? undefined : new Date(time).toISOString()
    }
    return undefined
  }
  const out: { from?: string; until?: string } = {}
  if (from !== undefined) {
    const parsed = parse(from, false)
    if (parsed === undefined) return `from is not YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ: ${from}`
    out.from = parsed
  }
  if (until !== undefined) {
    const parsed = parse(until, true)
    if (parsed === undefined) return `until is not YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ: ${until}`
    out.until = parsed
  }
  if (from !== undefined && until !== undefined && from.length !== until.length) {
    return 'from and until have different granularities'
  }
  if (out.from !== undefined && out.until !== undefined && out.from > out.until)
    return 'from is after until'
  return out
}
