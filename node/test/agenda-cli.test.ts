/** The agenda commands (questions, question, endorse, overview) against a node with the demo. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runPolder } from './cli.js'
import { type InProcessNode, startInProcess } from './in-process.js'

let dir: string
/** The node the CLI talks to runs in this process; the CLI in its own. */
let node: InProcessNode
let env: NodeJS.ProcessEnv

const polder = (args: string[]) => runPolder(args, { env })

interface BoardJson {
  themes: {
    theme: string
    questions: { ref: string; endorsements: number; answers: number; kind: string }[]
  }[]
  complete: boolean
}

/** The demo record of this kind whose English title matches. */
async function demo(kind: string, title: RegExp): Promise<string> {
  const result = await node.api.searchRecords({ query: { kind, limit: '100' } })
  const hit = result.hits.find((h) => title.test(h.title.en ?? ''))
  if (hit === undefined) throw new Error(`no demo ${kind} ${title}`)
  return `polder://${hit.author}/${hit.id}`
}

/** Endorsements of each question, as the node's search facets count them. */
async function endorsementsCounted(): Promise<Map<string, number>> {
  const answer = await node.api.searchRecords({
    query: { kind: 'endorsement', facets: 'endorses', facetLimit: '1000', limit: '1' } as never,
  })
  return new Map((answer.facets.endorses ?? []).map((f) => [f.value, f.count]))
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'polder-agenda-cli-'))
  node = await startInProcess(join(dir, 'home'), {}, { demo: true })
  env = { POLDER_HOME: join(dir, 'home'), POLDER_API: node.url.replace('http://', '') }
  const deadline = Date.now() + 30_000
  while ((await node.api.getSearchStatus()).state !== 'ready' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}, 60_000)

afterAll(async () => {
  await node?.close()
  await rm(dir, { recursive: true, force: true })
})

// every test runs several CLI processes: generous under a loaded machine
describe('the agenda commands against a running node', { timeout: 90_000 }, () => {
  it('lists the open questions per theme, the most endorsed first, as the node counts them', async () => {
    const json = await polder(['questions', '--json'])
    expect(json.code, json.stderr).toBe(0)
    const board = JSON.parse(json.stdout) as BoardJson
    expect(board.complete).toBe(true)
    expect(board.themes.length).toBeGreaterThan(1)
    const counted = await endorsementsCounted()
    const open = await node.api.searchRecords({
      query: { kind: 'question', status: 'open', limit: '100' } as never,
    })
    const onBoard = new Set(board.themes.flatMap((t) => t.questions.map((q) => q.ref)))
    expect(onBoard.size).toBe(open.total)
    for (const { questions } of board.themes) {
      for (const q of questions) expect(q.endorsements).toBe(counted.get(q.ref) ?? 0)
      const order = questions.map((q) => q.endorsements)
      expect(order).toEqual([...order].sort((a, b) => b - a))
    }
    // the theme with most questions first
    const sizes = board.themes.filter((t) => t.theme !== '').map((t) => t.questions.length)
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a))

    const human = await polder(['questions', '--theme', 'data-standards', '--lang', 'en'])
    expect(human.code, human.stderr).toBe(0)
    expect(human.stdout).toMatch(/^Data and open standards \(\d+\)$/m)
    expect(human.stdout).toMatch(/^ +\d+ endorsed, \d+ answers {2}\S/m)
    // a question on that theme is listed there only, not under its other themes
    expect(human.stdout).not.toMatch(/^Digital infrastructure/m)
    const answered = await polder(['questions', '--status', 'in-research', '--lang', 'en'])
    expect(answered.stdout).toContain('keep older residents cool')
  })

  it('shows a question with its endorsers, its answers and who could answer it', async () => {
    const question = await demo('question', /keep older residents cool/)
    const shown = await polder(['question', question, '--lang', 'en'])
    expect(shown.code, shown.stderr).toBe(0)
    expect(shown.stdout).toMatch(/^question {2}/)
    expect(shown.stdout).toContain('Endorsed by (3)')
    expect(shown.stdout).toMatch(/^Answers \([1-9]\d*\)$/m)
    expect(shown.stdout).toMatch(/^ {2}\[Research finding\] /m)
    expect(shown.stdout).toContain('Could answer it')
    const json = JSON.parse((await polder(['question', question, '--json'])).stdout) as {
      endorsers: unknown[]
    }
    expect(json.endorsers).toHaveLength(3)

    const practice = await demo('practice', /Heat-stress map/)
    const notOne = await polder(['question', practice])
    expect(notOne.code).toBe(1)
    expect(notOne.stderr).toContain('is a practice, not a question')
  })

  it('endorses a question once: the board counts it, a second time and a practice are refused', async () => {
    const question = await demo('question', /procure smart lamp posts/)
    const before = (await endorsementsCounted()).get(question) ?? 0
    const endorsed = await polder(['endorse', question, '--why', 'Ook bij ons een probleem'])
    expect(endorsed.code, endorsed.stderr).toBe(0)
    expect(endorsed.stdout).toMatch(/^Vraag polder:\/\/.+ onderschreven \(record \w+\)\.$/m)
    expect((await endorsementsCounted()).get(question)).toBe(before + 1)
    const board = JSON.parse((await polder(['questions', '--json'])).stdout) as BoardJson
    const onBoard = board.themes.flatMap((t) => t.questions).find((q) => q.ref === question)
    expect(onBoard?.endorsements).toBe(before + 1)

    const twice = await polder(['endorse', question, '--lang', 'en'])
    expect(twice.code).toBe(1)
    expect(twice.stderr).toMatch(/relations\/0\/target/)
    const practice = await demo('practice', /Heat-stress map/)
    const wrong = await polder(['endorse', practice, '--lang', 'en'])
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toMatch(/relations\/0\/target/)
    // nothing of the refusals was published
    expect((await endorsementsCounted()).get(question)).toBe(before + 1)
  })

  it('prints the overview as tables, the same figures as GET /v1/overview', async () => {
    const api = await node.api.getOverview({ query: { theme: 'climate-adaptation' } as never })
    const json = await polder(['overview', '--theme', 'climate-adaptation', '--json'])
    expect(json.code, json.stderr).toBe(0)
    const printed = JSON.parse(json.stdout) as typeof api
    expect(printed.total).toEqual(api.total)
    expect(printed.by).toEqual(api.by)
    expect(printed.standards).toEqual(api.standards)

    const human = await polder(['overview', '--theme', 'climate-adaptation', '--lang', 'en'])
    expect(human.code, human.stderr).toBe(0)
    const total = new RegExp(`^Total +${api.total.count} +€[\\d,]+$`, 'm')
    expect(human.stdout).toMatch(total)
    expect(human.stdout).toMatch(/^By theme +records +budget$/m)
    expect(human.stdout).toMatch(/^Climate adaptation \(heat, water\) +\d+/m)
    expect(human.stdout).toMatch(/^By province +records/m)
    expect(human.stdout).toContain('Open standards: practices that use them')
    expect(human.stdout).toMatch(/^LoRaWAN +\d+ +\d+$/m)
    const dutch = await polder(['overview'])
    expect(dutch.stdout).toMatch(/^Per thema +records +budget$/m)
    // amounts as Dutch people write them
    expect(dutch.stdout).toMatch(/^Totaal +\d+ +€\s[\d.]+$/m)

    const wordsAndFilter = await polder(['overview', 'hittestress', '--kind', 'practice', '--json'])
    const searched = await node.api.searchRecords({
      query: { q: 'hittestress', kind: 'practice' } as never,
    })
    expect((JSON.parse(wordsAndFilter.stdout) as typeof api).total.count).toBe(searched.total)
  })

  it('names a wrong flag value of the overview as the node does', async () => {
    const wrong = await polder(['overview', '--budget-min', 'lots'])
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toContain('budgetMin')
    const unknown = await polder(['overview', '--province', 'Atlantis'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('Atlantis')
  })
})
