/**
 * `polder status|publish|edit|retract|show|search|open`: the organisation's records and the
 * commons, through the running node's API (as `ipfs` talks to its daemon). `--json` prints
 * what the API answered; exit 1 when the node refuses or is not running.
 */
import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type ApiError, type InputOf, MAX_BULK, type OutputOf, type Routes } from '@polder/api'
import type { Command } from 'commander'
import { ClientError, reportRefusal } from './client.js'
import { kindLabel, type Lang, orgLabel, orgNames, size, themeLabel } from './labels.js'
import { type NodeCommandOptions, nodeCommands, print } from './node-commands.js'

type Options = NodeCommandOptions

type LangMap = Readonly<Record<string, string>>

/** A record (or tombstone) as the node answers with it. */
type Shown = OutputOf<Routes['getRecord']>

/** Records in one request of a bulk publish: the API's limit. */
const SLICE = MAX_BULK
/** Search (and overview) flags, and the URL parameter each sets. */
export const SEARCH_FLAGS = [
  ['kind', 'kind'],
  ['theme', 'theme'],
  ['place', 'place'],
  ['municipality', 'municipality'],
  ['province', 'province'],
  ['org', 'organization'],
  ['org-type', 'orgType'],
  ['status', 'status'],
  ['year', 'year'],
  ['funding', 'funding'],
  ['language', 'language'],
  ['barrier', 'barrier'],
  ['sdg', 'sdg'],
  ['standard', 'standard'],
  ['joint-pilot', 'jointPilot'],
] as const

/** The URL parameters of a search from its words and flags (the node checks them). */
export function searchParamsOf(
  words: readonly string[],
  options: Readonly<Record<string, unknown>>,
): Record<string, string> {
  const query: Record<string, string> = {}
  if (words.length > 0) query.q = words.join(' ')
  for (const [flag, facet] of SEARCH_FLAGS) {
    const key = flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())
    const value = options[key]
    if (typeof value === 'string') query[facet] = value
  }
  for (const name of ['budgetMin', 'budgetMax'] as const) {
    const value = options[name]
    if (typeof value === 'string') query[name] = value
  }
  return query
}

export const text = (map: LangMap | undefined, lang = 'nl') =>
  map === undefined ? '' : (map[lang] ?? Object.values(map)[0] ?? '')

type PublishBody = InputOf<Routes['publishRecords']>['body']

/** The answer of a publish of one record, and of many. */
const one = (answer: OutputOf<Routes['publishRecords']>): Shown => {
  if ('records' in answer) throw new ClientError('the node answered a list for one record')
  return answer
}
const many = (answer: OutputOf<Routes['publishRecords']>): Shown[] => {
  if (!('records' in answer)) throw new ClientError('the node answered one record for a list')
  return answer.records
}

/** JSON from a file, or from standard input for `-`. */
async function readJson(file: string): Promise<unknown> {
  let source: string
  if (file === '-') {
    const chunks: Buffer[] = []
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
    source = Buffer.concat(chunks).toString('utf8')
  } else {
    try {
      source = await readFile(file, 'utf8')
    } catch (err) {
      throw new ClientError(`cannot read ${file}: ${(err as Error).message}`)
    }
  }
  try {
    return JSON.parse(source) as unknown
  } catch (err) {
    throw new ClientError(
      `${file === '-' ? 'standard input' : file} is not JSON: ${(err as Error).message}`,
    )
  }
}

/** Search hit snippets mark matches with <mark>; a terminal gets them in bold. */
const terminalSnippet = (html: string) =>
  html
    .replace(/<mark>/g, process.stdout.isTTY ? '\u001b[1m' : '')
    .replace(/<\/mark>/g, process.stdout.isTTY ? '\u001b[22m' : '')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))

/** What `show` prints besides the record: names and labels in a language. */
interface Described {
  readonly lang: Lang
  /** The author's name, if the node knows it. */
  readonly authorName?: string
}

export function describeRecord(record: Shown, described: Described = { lang: 'nl' }): string {
  const { lang } = described
  if ('reason' in record) {
    return `${record.kind} ${record.id} v${record.version}: retracted (${text(record.reason, 'en')})`
  }
  const lines = [
    `${record.kind}  ${text(record.title, lang)}`,
    ...(record.title.en !== undefined && record.title.nl !== undefined
      ? [`  ${text(record.title, lang === 'nl' ? 'en' : 'nl')}`]
      : []),
    `ref      polder://${record.author}/${record.id}`,
    `author   ${described.authorName === undefined ? record.author : `${described.authorName} (${record.author})`}`,
    `version  ${record.version}, ${record.updated}`,
  ]
  if ('status' in record && record.status !== undefined) lines.push(`status   ${record.status}`)
  if (record.themes.length > 0)
    lines.push(`themes   ${record.themes.map((theme) => themeLabel(theme, lang)).join(', ')}`)
  if (record.places !== undefined && record.places.length > 0)
    lines.push(`places   ${record.places.map((p) => p.name).join(', ')}`)
  if ('budget' in record && record.budget !== undefined)
    lines.push(`budget   ${record.budget.currency} ${record.budget.amount}`)
  if ('researchers' in record) {
    const researchers = record.researchers.map((r) =>
      [
        r.name,
        r.orcid === undefined ? '' : ` (ORCID ${r.orcid})`,
        r.affiliation === undefined ? '' : `, ${r.affiliation}`,
      ].join(''),
    )
    lines.push(`researchers  ${researchers.join('; ')}`)
  }
  if ('doi' in record && record.doi !== undefined)
    lines.push(`doi      ${record.doi}  https://doi.org/${record.doi}`)
  if (record.attachments.length > 0) {
    lines.push('attachments')
    for (const file of record.attachments)
      lines.push(
        `  ${file.name}  ${size(file.size)}  ${file.mediaType}\n    ${file.cid}  (polder fetch ${file.cid})`,
      )
  }
  if (record.summary !== undefined) lines.push('', text(record.summary, lang))
  return lines.join('\n')
}

/** A global reference from what a user pastes: `did:key:…/ID` gets its `polder://`. */
export const refOf = (ref: string) => (/^did:[a-z]+:[^/]+\/./.test(ref) ? `polder://${ref}` : ref)

/** The browser to open the viewer in as an app window, if one is installed. */
const APP_BROWSERS = ['chromium', 'chromium-browser', 'google-chrome', 'microsoft-edge']

async function openInBrowser(url: string): Promise<string> {
  const tryRun = (command: string, args: string[]) =>
    new Promise<boolean>((resolve) => {
      const child = spawn(command, args, { detached: true, stdio: 'ignore' })
      child.once('error', () => resolve(false))
      child.once('spawn', () => {
        child.unref()
        resolve(true)
      })
    })
  for (const browser of APP_BROWSERS) {
    if (await tryRun(browser, [`--app=${url}`])) return browser
  }
  const opener =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open'
  if (await tryRun(opener, [url])) return opener
  throw new ClientError(`no browser found: open ${url.split('#')[0]} yourself`)
}

export function addRecordCommands(
  program: Command,
  homeOf: (options: Options) => string,
  homeFlag: readonly [string, string],
): void {
  const { command, client } = nodeCommands(program, homeOf, homeFlag)

  command('status', 'the running node: organisation, reachability, peers, records').action(
    async (options: Options) => {
      const status = await (await client(options)).api.getStatus()
      print(options, status, () =>
        [
          `Polder ${status.version}`,
          `organisation  ${status.name === undefined ? 'no profile yet (polder init --name …)' : text(status.name)}`,
          `did           ${status.did}`,
          `peer id       ${status.peerId}`,
          `addresses     ${status.addresses.join('\n              ')}`,
          `peers         ${status.peers}`,
          `records       ${status.records} of this organisation`,
          `search        ${status.search.state}, ${status.search.records} records indexed`,
          `reachability  ${status.network.reachability}`,
          `relays        ${status.network.relays.join('\n              ') || '(none)'}`,
          `connections   ${status.network.connections.length}`,
          ...status.network.connections.map(
            (c) => `  ${c.type.padEnd(9)} ${c.direction.padEnd(8)} ${c.peerId} ${c.address}`,
          ),
          ...(status.keyConflict === undefined
            ? []
            : [
                `WRITES REFUSED since ${status.keyConflict.since}: this key is in use on another machine`,
                `  (${status.keyConflict.evidence}); stop the other machine, then restart this node`,
              ]),
        ].join('\n'),
      )
    },
  )

  command('publish', 'publish records from a JSON file (one record or a list) or - for stdin')
    .argument('<file>', 'JSON file, or - to read standard input')
    .option('--force', 'publish records whose content equals one of this organisation’s')
    .option('--lang <lang>', 'language of the problems: en or nl', 'en')
    .action(async (file: string, options: Options & { force?: boolean; lang: string }) => {
      const input = await readJson(file)
      const node = await client(options)
      const query = options.force === true ? { force: 'true' as const } : {}
      const lang = options.lang === 'nl' ? 'nl' : 'en'
      const refused = (err: unknown, offset: number, published: number): never => {
        if (!(err instanceof Error) || err.name !== 'ApiError') throw err
        const error = err as ApiError
        const repeated = error.problem?.type.endsWith(':duplicate-record') === true
        reportRefusal(error, {
          json: options.json,
          lang,
          bulk: Array.isArray(input),
          offset,
          after: [
            ...(repeated ? ['Publish anyway with --force.'] : []),
            published === 0
              ? 'Nothing was published.'
              : `Published ${published} records before the refusal; the rest were not.`,
          ].join('\n'),
        })
      }
      if (!Array.isArray(input)) {
        const record = one(
          await node.api
            .publishRecords({ body: input as PublishBody, query })
            .catch((err: unknown) => refused(err, 0, 0)),
        )
        print(options, record, () => `Published ${record.kind} ${record.id} (version 1).`)
        return
      }
      const published: Shown[] = []
      for (let start = 0; start < input.length; start += SLICE) {
        const slice = input.slice(start, start + SLICE) as PublishBody
        const answer = await node.api
          .publishRecords({ body: slice, query })
          .catch((err: unknown) => refused(err, start, published.length))
        published.push(...many(answer))
        if (process.stderr.isTTY && input.length > SLICE)
          process.stderr.write(`\rpublished ${published.length} of ${input.length}`)
      }
      if (process.stderr.isTTY && input.length > SLICE) process.stderr.write('\n')
      print(options, { records: published }, () => `Published ${published.length} records.`)
    })

  command('edit', 'change fields of a record of this organisation: a new version')
    .argument('<id>', 'the record id')
    .argument('<file>', 'JSON with the fields to change, or - for stdin')
    .action(async (id: string, file: string, options: Options) => {
      const changes = await readJson(file)
      const record = await (await client(options)).api.editRecord({
        params: { id },
        body: changes as Record<string, unknown>,
      })
      print(
        options,
        record,
        () => `Edited ${record.kind} ${record.id}: now version ${record.version}.`,
      )
    })

  command('retract', 'retract a record of this organisation, with a reason')
    .argument('<id>', 'the record id')
    .requiredOption('--reason <text>', 'why it is retracted')
    .option('--lang <lang>', 'language of the reason', 'nl')
    .action(async (id: string, options: Options & { reason: string; lang: string }) => {
      const tombstone = await (await client(options)).api.retractRecord({
        params: { id },
        body: { reason: { [options.lang]: options.reason } },
      })
      print(options, tombstone, () => `Retracted ${id} (version ${tombstone.version}).`)
    })

  command('show', 'a record: of this organisation by id, or any by polder://<did>/<id>')
    .argument('<ref>', 'record id, or global reference (polder://<did>/<id> or <did>/<id>)')
    .option('--history', 'every version')
    .option('--lang <lang>', 'language of titles and labels: nl or en', 'nl')
    .action(async (given: string, options: Options & { history?: boolean; lang: string }) => {
      const { api } = await client(options)
      const ref = refOf(given)
      const lang: Lang = options.lang === 'en' ? 'en' : 'nl'
      if (options.history === true) {
        const { versions } = await api.getRecordHistory({ params: { id: ref } })
        print(options, { versions }, () =>
          versions.map((v) => describeRecord(v, { lang })).join('\n\n'),
        )
        return
      }
      const record = await api.getRecord({ params: { id: ref } })
      const names = options.json === true ? new Map<string, string>() : await orgNames(api, lang)
      const authorName = names.get(record.author)
      print(options, record, () =>
        describeRecord(record, { lang, ...(authorName === undefined ? {} : { authorName }) }),
      )
    })

  const search = command('search', 'search everything this node holds, with filters')
    .argument('[query...]', 'words, "phrases" and prefix*')
    .option('--sort <order>', 'relevance, date or budget')
    .option('--limit <n>', 'hits to show', '20')
    .option('--budget-min <amount>', 'budget at least (EUR)')
    .option('--budget-max <amount>', 'budget at most (EUR)')
    .option('--lang <lang>', 'language of titles and labels: nl or en', 'nl')
  for (const [flag] of SEARCH_FLAGS)
    search.option(`--${flag} <values>`, `only these (comma-separated)`)
  search.action(async (words: string[], options: Options & Record<string, string | undefined>) => {
    const query = searchParamsOf(words, options)
    for (const name of ['sort', 'limit'] as const) {
      const value = options[name]
      if (value !== undefined) query[name] = value
    }
    query.facets = 'kind,theme'
    const lang: Lang = options.lang === 'en' ? 'en' : 'nl'
    // the flags are checked by the node, which names a wrong one
    const { api } = await client(options)
    const answer = await api.searchRecords({ query: query as never })
    const names =
      options.json === true || answer.total === 0
        ? new Map<string, string>()
        : await orgNames(api, lang)
    print(options, answer, () => {
      if (answer.total === 0) return 'Nothing found.'
      const lines = answer.hits.map(
        (hit, i) =>
          `${String(i + 1).padStart(3)}. [${kindLabel(hit.kind, lang)}] ${text(hit.title, lang)}\n     ${orgLabel(names, hit.author)}  polder://${hit.author}/${hit.id}${
            hit.snippet === '' ? '' : `\n     ${terminalSnippet(hit.snippet)}`
          }`,
      )
      const label = { kind: kindLabel, theme: themeLabel }
      const facets = (name: 'kind' | 'theme') =>
        (answer.facets[name] ?? [])
          .map((f) => `${label[name](f.value, lang)} ${f.count}`)
          .join(', ')
      return [
        `${answer.total} found${answer.relaxed ? ' (with any of the words)' : ''}${
          answer.index.state === 'rebuilding' ? ' so far: the index is being rebuilt' : ''
        }`,
        ...lines,
        '',
        `kinds: ${facets('kind')}`,
        `themes: ${facets('theme')}`,
      ].join('\n')
    })
  })

  command('open', 'open the viewer in an app window (Chromium, Chrome or Edge; else the browser)')
    .option('--print', 'print the address (with the API token) instead of opening it')
    .action(async (options: Options & { print?: boolean }) => {
      const home = homeOf(options)
      const node = await client(options)
      await node.api.getHealth() // says so when no node runs
      // the token travels in the fragment, which browsers never send to a server
      const token = (await readFile(join(home, 'api-token'), 'utf8')).trim()
      const url = `${node.url}/#token=${encodeURIComponent(token)}`
      if (options.print === true) {
        process.stdout.write(`${url}\n`)
        return
      }
      const browser = await openInBrowser(url)
      process.stdout.write(`Opened the viewer at ${node.url} with ${browser}.\n`)
    })
}
