/**
 * OAI-PMH 2.0 (https://www.openarchives.org/OAI/openarchivesprotocol.html): every verb,
 * every error condition, `oai_dc` metadata, sets by kind, theme and organisation,
 * retractions as deleted records (persistent), resumption tokens of 100 records.
 */
import { formatRef, isTombstone, type RecordState } from '@polder/schema'
import { addDataCiteResource } from '../citations/datacite.js'
import { XmlDocument, type XmlElement } from '../xml-builder.js'
import { checkArguments, checkDates, type Verb } from './arguments.js'
import { dublinCore } from './dublin-core.js'
import { OAI_DATACITE, OAI_FORMATS, type OaiPrefix } from './metadata-formats.js'
import { decodeToken, encodeToken, type ResumptionState } from './resumption.js'
import type { OaiRepository } from './types.js'

const OAI = 'http://www.openarchives.org/OAI/2.0/'
const XSI = 'http://www.w3.org/2001/XMLSchema-instance'
export const OAI_PAGE_SIZE = 100

/** OAI-PMH's granularity: whole seconds, UTC. A stored time is already `toISOString()`'s form. */
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/
const seconds = (iso: string) =>
  `${(ISO_UTC.test(iso) ? iso : new Date(iso).toISOString()).slice(0, 19)}Z`

class OaiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** The set specs a record is in. */
export function setSpecsOf(state: RecordState): string[] {
  const specs = [`kind:${state.kind}`, `org:${state.author}`]
  if (!isTombstone(state)) for (const theme of state.themes) specs.push(`theme:${theme}`)
  return specs
}

function header(parent: XmlElement, state: RecordState, repo: OaiRepository): void {
  const element = parent.ele('header')
  if (isTombstone(state)) element.att('status', 'deleted')
  element.ele('identifier').txt(repo.iris.record(state))
  element.ele('datestamp').txt(seconds(state.updated))
  for (const spec of setSpecsOf(state)) element.ele('setSpec').txt(spec)
}

function record(
  parent: XmlElement,
  state: RecordState,
  repo: OaiRepository,
  prefix: OaiPrefix,
): void {
  const element = parent.ele('record')
  header(element, state, repo)
  if (isTombstone(state)) return
  const metadata = element.ele('metadata')
  if (prefix === OAI_DATACITE.prefix) addDataCiteResource(metadata, state, citationInit(repo))
  else dublinCore(metadata, state, repo)
}

/** What DataCite needs of the repository: IRIs and organisation names. */
const citationInit = (repo: OaiRepository) => ({
  iris: repo.iris,
  authorName: (did: string) => {
    const organization = repo.organization(did)
    return organization?.title['nl'] ?? Object.values(organization?.title ?? {})[0]
  },
})

function checkPrefix(prefix: string): OaiPrefix {
  const known = OAI_FORMATS.find((format) => format.prefix === prefix)
  if (known === undefined)
    throw new OaiError(
      'cannotDisseminateFormat',
      `${OAI_FORMATS.map((format) => format.prefix).join(' and ')} are offered, not ${prefix}`,
    )
  return known.prefix
}

function lookup(identifier: string, repo: OaiRepository): RecordState {
  const ref = repo.iris.refOf(identifier)
  const state = ref === undefined ? undefined : repo.get(ref)
  if (state === undefined) throw new OaiError('idDoesNotExist', `No record ${identifier}`)
  return state
}

function list(
  verb: Verb,
  args: Record<string, string>,
  body: XmlElement,
  repo: OaiRepository,
): void {
  let state: Omit<ResumptionState, 'after' | 'cursor'> &
    Partial<Pick<ResumptionState, 'after' | 'cursor'>>
  const token = args['resumptionToken']
  if (token !== undefined) {
    const decoded = decodeToken(token)
    if (decoded === undefined || !OAI_FORMATS.some((format) => format.prefix === decoded.prefix))
      throw new OaiError('badResumptionToken', 'This resumption token is not valid')
    state = decoded
  } else {
    const prefix = args['metadataPrefix'] as string
    checkPrefix(prefix)
    const dates = checkDates(args['from'], args['until'])
    if (typeof dates === 'string') throw new OaiError('badArgument', dates)
    state = { prefix, ...dates, ...(args['set'] === undefined ? {} : { set: args['set'] }) }
    if (
      state.set !== undefined &&
      !repo.sets().some((set) => set.spec === state.set) &&
      !state.set.startsWith('org:')
    ) {
      throw new OaiError('noRecordsMatch', `No set ${state.set}`)
    }
  }
  const { after, cursor = 0, prefix, ...query } = state
  const page = repo.page({
    ...query,
    ...(after === undefined ? {} : { after }),
    limit: OAI_PAGE_SIZE + 1,
  })
  if (page.length === 0 && token === undefined)
    throw new OaiError('noRecordsMatch', 'No records match')
  const items = page.slice(0, OAI_PAGE_SIZE)
  const container = body.ele(verb)
  const metadataPrefix = checkPrefix(prefix)
  for (const item of items)
    if (verb === 'ListRecords') record(container, item, repo, metadataPrefix)
    else header(container, item, repo)
  const last = items.at(-1)
  if (page.length > OAI_PAGE_SIZE && last !== undefined) {
    const next = encodeToken({
      prefix,
      ...query,
      after: { updated: last.updated, ref: formatRef(last) },
      cursor: cursor + items.length,
    })
    container.ele('resumptionToken').att('cursor', String(cursor)).txt(next)
  } else if (token !== undefined) {
    container.ele('resumptionToken').att('cursor', String(cursor))
  }
}

function answer(
  verb: Verb,
  args: Record<string, string>,
  body: XmlElement,
  repo: OaiRepository,
  baseUrl: string,
): void {
  switch (verb) {
    case 'Identify': {
      const identify = body.ele('Identify')
      identify.ele('repositoryName').txt(repo.repositoryName)
      identify.ele('baseURL').txt(baseUrl)
      identify.ele('protocolVersion').txt('2.0')
      identify.ele('adminEmail').txt(repo.adminEmail)
      identify.ele('earliestDatestamp').txt(seconds(repo.earliestDatestamp()))
      identify.ele('deletedRecord').txt('persistent')
      identify.ele('granularity').txt('YYYY-MM-DDThh:mm:ssZ')
      return
    }
    case 'ListMetadataFormats': {
      if (args['identifier'] !== undefined) lookup(args['identifier'], repo)
      const formats = body.ele('ListMetadataFormats')
      for (const known of OAI_FORMATS) {
        const format = formats.ele('metadataFormat')
        format.ele('metadataPrefix').txt(known.prefix)
        format.ele('schema').txt(known.schema)
        format.ele('metadataNamespace').txt(known.namespace)
      }
      return
    }
    case 'ListSets': {
      if (args['resumptionToken'] !== undefined)
        throw new OaiError('badResumptionToken', 'ListSets is never resumed')
      const sets = body.ele('ListSets')
      for (const set of repo.sets()) {
        const element = sets.ele('set')
        element.ele('setSpec').txt(set.spec)
        element.ele('setName').txt(set.name)
      }
      return
    }
    case 'GetRecord': {
      const prefix = checkPrefix(args['metadataPrefix'] as string)
      const state = lookup(args['identifier'] as string, repo)
      record(body.ele('GetRecord'), state, repo, prefix)
      return
    }
    default:
      list(verb, args, body, repo)
  }
}

/**
 * The XML answer to one OAI-PMH request (its arguments as given, repeats included).
 * Errors are OAI-PMH errors in the document, never exceptions.
 */
export function oaiRespond(
  entries: readonly (readonly [string, string])[],
  repo: OaiRepository,
  baseUrl: string,
  now: Date = new Date(),
): string {
  const doc = new XmlDocument()
  const root = doc
    .ele(OAI, 'OAI-PMH')
    .att(XSI, 'xsi:schemaLocation', `${OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd`)
  root.ele('responseDate').txt(seconds(now.toISOString()))
  const request = root.ele('request')
  const checked = checkArguments(entries)
  if (!checked.ok) {
    request.txt(baseUrl)
    root.ele('error').att('code', checked.code).txt(checked.message)
    return doc.end()
  }
  request.att('verb', checked.verb)
  for (const [key, value] of Object.entries(checked.args)) request.att(key, value)
  request.txt(baseUrl)
  try {
    // every error is thrown before anything of the answer is added
    answer(checked.verb, checked.args, root, repo, baseUrl)
  } catch (error) {
    if (!(error instanceof OaiError)) throw error
    // the protocol: after badArgument the request element carries the base URL only
    if (error.code === 'badArgument') request.removeAtt(['verb', ...Object.keys(checked.args)])
    root.ele('error').att('code', error.code).txt(error.message)
  }
  return doc.end()
}
