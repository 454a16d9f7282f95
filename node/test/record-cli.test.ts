import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runPolder } from './cli.js'
import { type InProcessNode, startInProcess } from './in-process.js'

let dir: string
let home: string
/** The node the CLI talks to runs in this process; the CLI in its own. */
let node: InProcessNode
let env: NodeJS.ProcessEnv

const polder = (args: string[], input?: string) =>
  runPolder(args, { env, ...(input === undefined ? {} : { input }) })

const practice = (title: string) => ({
  kind: 'practice',
  languages: ['nl', 'en'],
  title: { nl: title, en: `${title} (en)` },
  status: 'pilot',
  places: [{ name: 'Zwolle', country: 'NL', municipality: 'GM0193' }],
})

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'polder-cli-'))
  home = join(dir, 'home')
  node = await startInProcess(home, {}, { demo: true })
  // the CLI finds the node through POLDER_API: give it the port the node took
  env = { POLDER_HOME: home, POLDER_API: node.url.replace('http://', '') }
}, 60_000)

afterAll(async () => {
  await node?.close()
  await rm(dir, { recursive: true, force: true })
})

// every test runs several CLI processes: generous under a loaded machine
describe('the record commands against a running node', { timeout: 60_000 }, () => {
  it('shows the node’s status, in words and as JSON', async () => {
    const human = await polder(['status'])
    expect(human.code).toBe(0)
    expect(human.stdout).toMatch(/did\s+did:key:z6Mk/)
    expect(human.stdout).toMatch(/search\s+(ready|rebuilding)/)
    const json = await polder(['status', '--json'])
    expect(JSON.parse(json.stdout)).toMatchObject({ records: expect.any(Number) })
  })

  it('publishes from a file and from stdin, shows, edits and retracts', async () => {
    const file = join(dir, 'one.json')
    await writeFile(file, JSON.stringify(practice('Slimme bankjes')))
    const one = await polder(['publish', file, '--json'])
    expect(one.code, one.stderr).toBe(0)
    const { id } = JSON.parse(one.stdout) as { id: string }

    const many = await polder(
      ['publish', '-'],
      JSON.stringify([practice('Deelfietsen'), practice('Groene daken')]),
    )
    expect(many.code, many.stderr).toBe(0)
    expect(many.stdout).toContain('Published 2 records.')

    const shown = await polder(['show', id])
    expect(shown.code).toBe(0)
    expect(shown.stdout).toContain('Slimme bankjes')
    expect(shown.stdout).toContain('places   Zwolle')

    const changes = join(dir, 'changes.json')
    await writeFile(changes, JSON.stringify({ status: 'scaled' }))
    const edited = await polder(['edit', id, changes])
    expect(edited.code, edited.stderr).toBe(0)
    expect(edited.stdout).toContain('now version 2')
    // null removes a field (JSON Merge Patch): version 3 has no places
    await writeFile(changes, JSON.stringify({ places: null }))
    expect((await polder(['edit', id, changes])).stdout).toContain('now version 3')
    expect((await polder(['show', id])).stdout).not.toContain('places')
    const history = await polder(['show', id, '--history', '--json'])
    expect((JSON.parse(history.stdout) as { versions: unknown[] }).versions).toHaveLength(3)

    const retracted = await polder(['retract', id, '--reason', 'Dubbel ingevoerd'])
    expect(retracted.code, retracted.stderr).toBe(0)
    expect((await polder(['show', id])).stdout).toContain('retracted (Dubbel ingevoerd)')
  })

  it('searches with filters, and finds what was just published', async () => {
    const found = await polder(['search', 'deelfietsen', '--kind', 'practice', '--json'])
    expect(found.code, found.stderr).toBe(0)
    const answer = JSON.parse(found.stdout) as { total: number; hits: { title: { nl: string } }[] }
    expect(answer.hits[0]?.title.nl).toBe('Deelfietsen')
    const human = await polder(['search', 'hittestress', '--province', 'PV23'])
    expect(human.code).toBe(0)
    expect(human.stdout).toMatch(/^\d+ found/)
    expect(human.stdout).toContain('polder://did:key:')
    const none = await polder(['search', 'zzzqqqxxx'])
    expect(none.stdout.trim()).toBe('Nothing found.')
  })

  it('shows a finding with its author’s name, researchers, DOI, themes and attachments', async () => {
    // a demo finding of TU Delft, by <did>/<id> without polder://
    const ref =
      'did:key:z6Mkk78S3EHvRGWZgRsgTbN6jJ5FnSqXCRx5oAAwcb4p94W9/01GY772GM0K23W5Y43D8T8MGXV'
    const shown = await polder(['show', ref])
    expect(shown.code, shown.stderr).toBe(0)
    expect(shown.stdout).toMatch(/^author {3}Technische Universiteit Delft \(did:key:z6Mkk78S3/m)
    expect(shown.stdout).toMatch(/^researchers {2}Marleen Bosch.*; Jeroen Wijnands/m)
    expect(shown.stdout).toContain('doi      10.5555/polder-demo.heat.2023.01')
    expect(shown.stdout).toMatch(/^themes {3}Klimaatadaptatie \(hitte, water\), Gezonde/m)
    expect(shown.stdout).toMatch(
      /^ {2}fietsmetingen-zwolle-2022-07\.csv {2}\d+(\.\d)? (B|kB|MB) {2}text\/csv$/m,
    )
    expect(shown.stdout).toMatch(/^ {4}baf[a-z2-7]+ {2}\(polder fetch baf/m)
    const english = await polder(['show', `polder://${ref}`, '--lang', 'en'])
    expect(english.stdout).toMatch(/^themes {3}Climate adaptation \(heat, water\), /m)
    expect(
      (
        await polder([
          'show',
          'did:key:z6Mkk78S3EHvRGWZgRsgTbN6jJ5FnSqXCRx5oAAwcb4p94W9/01GY772GM0K23W5Y43D8T8MGXW',
        ])
      ).stderr,
    ).toContain('No such record')
  })

  it('prints organisation names and labels in search results, not DIDs and codes', async () => {
    const found = await polder(['search', 'hittestress'])
    expect(found.code, found.stderr).toBe(0)
    expect(found.stdout).toMatch(
      /\[(Goede praktijk|Onderzoeksresultaat|Geleerde les|Initiatief|Living lab)[^\]]*\]/,
    )
    expect(found.stdout).toMatch(
      /^ {5}(Gemeente|TU Delft|TNO|Provincie)[^\n]* {2}polder:\/\/did:key:/m,
    )
    expect(found.stdout).toMatch(/^themes: .*Klimaatadaptatie \(hitte, water\) \d+/m)
    expect(found.stdout).not.toMatch(/climate-adaptation \d+/)
  })

  it('prints the viewer’s address with the token in its fragment', async () => {
    const opened = await polder(['open', '--print'])
    expect(opened.code).toBe(0)
    const token = (await readFile(join(home, 'api-token'), 'utf8')).trim()
    expect(opened.stdout.trim()).toBe(`${node.url}/#token=${token}`)
  })

  it('prints every problem of every record of a refused publish, and publishes none', async () => {
    const file = join(dir, 'five.json')
    const before = (await node.api.listRecords()).total
    await writeFile(
      file,
      JSON.stringify([
        practice('Een'),
        practice('Twee'),
        { ...practice('Drie'), title: {} },
        practice('Vier'),
        { ...practice('Vijf'), status: 'misschien', languages: 'nl' },
      ]),
    )
    const human = await polder(['publish', file])
    expect(human.code).toBe(1)
    const lines = human.stderr.split('\n')
    expect(lines[0]).toMatch(/^polder: 2 of 5 records are invalid/)
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}record 2: \/title: /))
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}record 4: \/status: /))
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}record 4: \/languages: /))
    expect(human.stderr).not.toContain('more problems')
    expect(human.stderr).toContain('Nothing was published.')
    const dutch = await polder(['publish', file, '--lang', 'nl'])
    expect(dutch.stderr).toMatch(/record 4: \/status: .*moet een van/i)

    const json = await polder(['publish', file, '--json'])
    expect(json.code).toBe(1)
    const document = JSON.parse(json.stdout) as { type: string; problems: { path: string }[] }
    expect(document.type).toBe('urn:polder:problem:invalid-record')
    expect(document.problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['/2/title', '/4/status', '/4/languages']),
    )
    expect((await node.api.listRecords()).total).toBe(before)

    // records the contract refuses (no kind, an unknown kind): every one named, not "Invalid input"
    await writeFile(
      file,
      JSON.stringify([practice('Zes'), { kind: 'nope', title: {} }, practice('Zeven'), {}]),
    )
    const kinds = await polder(['publish', file])
    expect(kinds.code).toBe(1)
    expect(kinds.stderr).toMatch(/^ {2}record 1: \/kind: .*practice \(Good practice\)/m)
    expect(kinds.stderr).toMatch(/^ {2}record 3: \/kind: /m)
    expect(kinds.stderr).not.toContain('Invalid input')
    expect((await node.api.listRecords()).total).toBe(before)
  })

  it('asks for --force to publish content the organisation has published already', async () => {
    const file = join(dir, 'twice.json')
    await writeFile(file, JSON.stringify(practice('Tweemaal')))
    const first = await polder(['publish', file, '--json'])
    expect(first.code, first.stderr).toBe(0)
    const { id } = JSON.parse(first.stdout) as { id: string }
    const again = await polder(['publish', file])
    expect(again.code).toBe(1)
    expect(again.stderr).toContain(`says the same as record ${id} of this organisation`)
    expect(again.stderr).toContain('Publish anyway with --force.')
    const forced = await polder(['publish', file, '--force'])
    expect(forced.code, forced.stderr).toBe(0)
    expect(forced.stdout).toMatch(/^Published practice /)
  })

  it('refuses an edit that changes nothing, or the kind or id, and makes no version', async () => {
    const file = join(dir, 'edit-me.json')
    await writeFile(file, JSON.stringify(practice('Ongewijzigd')))
    const { id } = JSON.parse((await polder(['publish', file, '--json'])).stdout) as { id: string }
    const changes = join(dir, 'same.json')
    await writeFile(changes, JSON.stringify({ status: 'pilot' }))
    const same = await polder(['edit', id, changes])
    expect(same.code).toBe(1)
    expect(same.stderr).toMatch(/^polder: No change/)
    const problem = await node.api
      .editRecord({ params: { id }, body: { status: 'pilot' } })
      .catch((err: unknown) => err as { status: number; problem: { type: string } })
    expect(problem).toMatchObject({
      status: 409,
      problem: { type: 'urn:polder:problem:no-change' },
    })
    await writeFile(changes, JSON.stringify({ kind: 'lesson', id: '01JD0000000000000000000009' }))
    const kind = await polder(['edit', id, changes])
    expect(kind.code).toBe(1)
    expect(kind.stderr).toContain('/kind: the kind of a record cannot change')
    expect(kind.stderr).toContain('/id: the id of a record cannot change')
    const history = await polder(['show', id, '--history', '--json'])
    expect((JSON.parse(history.stdout) as { versions: unknown[] }).versions).toHaveLength(1)
  })

  it('says what went wrong, with exit code 1, and --help on every command', async () => {
    const invalid = join(dir, 'invalid.json')
    await writeFile(
      invalid,
      JSON.stringify({ kind: 'practice', languages: ['nl'], title: { nl: 'x' } }),
    )
    const refused = await polder(['publish', invalid])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('/status')
    const notJson = join(dir, 'not.json')
    await writeFile(notJson, '{ nope')
    expect((await polder(['publish', notJson])).stderr).toMatch(/is not JSON/)
    const missing = await polder(['show', '01JD0000000000000000000000'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('No such record')
    const wait = await polder(['sync', '--wait', '1'])
    expect(wait.code).toBe(1)
    expect(wait.stderr).toContain('nothing to wait for')
    for (const command of [
      'status',
      'publish',
      'edit',
      'retract',
      'show',
      'search',
      'open',
      'sync',
    ]) {
      const help = await polder([command, '--help'])
      expect(help.code, command).toBe(0)
      expect(help.stdout).toContain('--json')
    }
    // a home on which no node runs: the configured address, where nothing answers
    const down = await runPolder(['status'], {
      env: { ...env, POLDER_HOME: join(dir, 'no-node'), POLDER_API: '127.0.0.1:9' },
    })
    expect(down.code).toBe(1)
    expect(down.stderr).toContain('start one with `polder start`')
  })
})
