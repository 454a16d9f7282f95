/**
 * `polder export --csv`, `polder template <kind>` and `polder import FILE.csv --kind`:
 * spreadsheets in and out. Import checks the whole file here first (every problem by row
 * and column, in the language of `--lang`) and writes through the node's bulk publish,
 * all or nothing; `--skip-invalid` writes the valid rows and reports the rest.
 */
import { constants, createReadStream, createWriteStream } from 'node:fs'
import { access, readFile } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { ARCHIVE_MEDIA_TYPE, type InputOf, pathOf, ROUTES, type Routes } from '@polder/api'
import type { Command } from 'commander'
import { ClientError, type NodeClient } from './client.js'
import { type NodeCommandOptions, nodeCommands, print } from './node-commands.js'

interface ExportOptions extends NodeCommandOptions {
  csv?: boolean
  q?: string
  kind?: string
  theme?: string
  org?: string
  province?: string
}

interface ImportOptions extends NodeCommandOptions {
  kind: string
  dryRun?: boolean
  skipInvalid?: boolean
  lang: string
}

const EXPORT_FILTERS = [
  ['kind', 'kind'],
  ['theme', 'theme'],
  ['org', 'organization'],
  ['province', 'province'],
] as const

export function addFormatCommands(
  program: Command,
  homeOf: (options: NodeCommandOptions) => string,
  homeFlag: readonly [string, string],
): void {
  const { command, client } = nodeCommands(program, homeOf, homeFlag)

  command(
    'export',
    'write everything the node holds as a whole-node archive (every log’s signed entries), or a search as CSV with --csv',
  )
    .argument('[file]', 'the file to write (default: standard output)')
    .option('--csv', 'CSV (UTF-8 with BOM), one row per record, instead of the archive')
    .option('--q <words>', 'with --csv: only records matching these words')
    .option('--kind <kinds>', 'with --csv: only these kinds (comma-separated)')
    .option('--theme <themes>', 'with --csv: only these themes (comma-separated)')
    .option('--org <dids>', 'with --csv: only these organisations (comma-separated)')
    .option('--province <codes>', 'with --csv: only these provinces (comma-separated)')
    .action(async (file: string | undefined, options: ExportOptions) => {
      const params = new URLSearchParams()
      if (options.q !== undefined) params.set('q', options.q)
      for (const [flag, facet] of EXPORT_FILTERS) {
        const value = options[flag]
        if (value !== undefined) params.set(facet, value)
      }
      if (options.csv !== true && params.size > 0)
        throw new ClientError('--q, --kind, --theme, --org and --province choose rows of --csv')
      const node = await client(options)
      const path =
        options.csv === true
          ? `${pathOf(ROUTES.exportCsv)}?${params}`
          : pathOf(ROUTES.exportArchive)
      const response = await request(node, path, { method: 'GET' })
      if (!response.ok || response.body === null) throw await refusal(response)
      const out = file === undefined ? process.stdout : createWriteStream(file)
      await pipeline(Readable.fromWeb(response.body), out, { end: file !== undefined })
      if (file !== undefined) process.stderr.write(`archive written to ${file}\n`)
    })

  command(
    'import-archive',
    'import a whole-node archive: every entry verified as replication verifies it, all or nothing',
  )
    .argument('<file>', 'an archive written by `polder export`')
    .action(async (file: string, options: NodeCommandOptions) => {
      try {
        await access(file, constants.R_OK)
      } catch {
        throw new ClientError(`cannot read ${file}`)
      }
      const node = await client(options)
      const response = await request(node, pathOf(ROUTES.importArchive), {
        method: 'POST',
        headers: { 'content-type': ARCHIVE_MEDIA_TYPE },
        body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>,
        duplex: 'half',
      } as RequestInit)
      if (!response.ok) throw await refusal(response)
      const answer = ROUTES.importArchive.responses[201].schema.parse(await response.json())
      print(options, answer, () =>
        answer.logs
          .map((log) =>
            log.blocked
              ? `${log.did}: blocked here, passed over`
              : `${log.did}: ${log.entries} entries joined, ${log.states} record versions`,
          )
          .join('\n'),
      )
    })

  command('template', 'write an empty CSV of a kind to stdout: its columns and one example row')
    .argument('<kind>', 'practice, lesson, finding, initiative, lab, adoption, organization, vouch')
    .action(async (kind: string) => {
      const { csvTemplate, isRecordKind } = await import('@polder/formats')
      if (!isRecordKind(kind)) throw new ClientError(`no record kind "${kind}"`)
      process.stdout.write(csvTemplate(kind, await exampleOf(kind)))
    })

  command('import', 'publish the rows of a CSV file as records, all or nothing')
    .argument('<file>', 'CSV file (UTF-8; comma or semicolon)')
    .requiredOption('--kind <kind>', 'the kind of every row')
    .option('--dry-run', 'check every row; write nothing')
    .option('--skip-invalid', 'write the valid rows and report the others')
    .option('--lang <lang>', 'language of the problems: nl or en', 'en')
    .action(async (file: string, options: ImportOptions) => {
      const { describeProblem, isRecordKind, readCsv } = await import('@polder/formats')
      if (!isRecordKind(options.kind)) throw new ClientError(`no record kind "${options.kind}"`)
      const lang = options.lang === 'nl' ? 'nl' : 'en'
      const read = readCsv(await readFile(file), options.kind)
      const lines = read.problems.map((problem) => `${file}: ${describeProblem(problem, lang)}`)
      if (lines.length > 0) process.stderr.write(`${lines.join('\n')}\n`)
      const skip = options.skipInvalid === true
      if (read.problems.length > 0 && !skip) {
        throw new ClientError(
          lang === 'nl'
            ? `${read.problems.length} problemen in ${file}: niets geschreven`
            : `${read.problems.length} problems in ${file}: nothing written`,
        )
      }
      if (options.dryRun === true || read.records.length === 0) {
        print(
          options,
          { rows: read.rows, valid: read.records.length, written: 0 },
          () =>
            `${read.records.length} of ${read.rows} rows valid; nothing written (${options.dryRun === true ? 'dry run' : 'no valid rows'})`,
        )
        return
      }
      const node = await client(options)
      // one bulk publish: all rows or none
      const body = read.records.map((record) => record.input) as PublishBody
      const answer = await node.api.publishRecords({ body })
      const written = 'records' in answer ? answer.records.length : 1
      print(
        options,
        { rows: read.rows, valid: read.records.length, written },
        () =>
          `${written} records written${skip && read.problems.length > 0 ? `; ${read.rows - read.records.length} rows skipped` : ''}`,
      )
    })
}

/** A request to the node with its token and no timeout but the user's: archives are large. */
async function request(node: NodeClient, path: string, init: RequestInit): Promise<Response> {
  const headers = new Headers(init.headers)
  if (node.token !== undefined) headers.set('authorization', `Bearer ${node.token}`)
  try {
    return await fetch(`${node.url}${path}`, { ...init, headers })
  } catch {
    throw new ClientError(`no node running at ${node.url}: start one with \`polder start\``)
  }
}

/** The node's problem document as the CLI's error (its title names the line and the reason). */
async function refusal(response: Response): Promise<ClientError> {
  const body = (await response.json().catch(() => ({}))) as { title?: string }
  return new ClientError(body.title ?? `the node answered ${response.status}`)
}

type PublishBody = InputOf<Routes['publishRecords']>['body']

/** A record of the kind from the demo fixtures, as the template's example row. */
async function exampleOf(kind: string) {
  const { validateRecord } = await import('@polder/schema')
  const url = import.meta.resolve('@polder/schema/fixtures/records/gemeente-eindhoven.json')
  const others = ['tu-delft', 'gemeente-rotterdam', 'gemeente-utrecht', 'gemeente-zwolle']
  for (const slug of ['gemeente-eindhoven', ...others]) {
    const records = JSON.parse(
      await readFile(new URL(url.replace('gemeente-eindhoven', slug)), 'utf8'),
    ) as {
      kind: string
    }[]
    const found = records.find((record) => record.kind === kind)
    if (found !== undefined) {
      const result = validateRecord(found)
      if (result.ok) return result.value
    }
  }
  return undefined
}
