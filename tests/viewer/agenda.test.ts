/**
 * The agenda in the viewer, end to end: a real node with the demo records
 * (`polder start --demo`), the real build in Chromium. The question board, a question's
 * page with its answers, endorsers and who could answer it, answering it from the form,
 * the standards page, and the overview's tables as CSV.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { TestNetwork, type TestNode } from '@polder/testnet'
import { distPath } from '@polder/viewer/dist-path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  browserAvailable,
  describeViolations,
  launch,
  screenshot,
  seriousViolations,
} from './browser.js'

const available = browserAvailable()
const WAIT = 20_000
/** The fields of one CSV line (quoted fields may hold commas). */
const fields = (line: string): string[] =>
  [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)]
    .map((m) => m[1] ?? '')
    .map((f) => (f.startsWith('"') ? f.slice(1, -1).replaceAll('""', '"') : f))

const HEAT = 'Hoe houden we oudere bewoners koel tijdens hittegolven zonder airco?'

describe.skipIf(!available)('the agenda in the viewer', () => {
  let network: TestNetwork
  let node: TestNode
  let browser: Browser
  let page: Page

  const nav = (name: string) =>
    page.getByRole('navigation').getByRole('link', { name, exact: true })

  const check = async (name: string) => {
    const violations = await seriousViolations(page)
    await screenshot(page, name)
    expect(violations, describeViolations(violations)).toEqual([])
  }

  beforeAll(async () => {
    if (!existsSync(join(distPath, 'index.html')))
      throw new Error(`The viewer is not built (${distPath}): run pnpm build first`)
    network = await TestNetwork.create({
      nodes: 1,
      node: () => ({ viewer: distPath, args: ['--demo'] }),
    })
    node = network.nodes[0] as TestNode
    browser = await launch()
    const context = await browser.newContext({
      locale: 'nl-NL',
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    })
    context.setDefaultTimeout(WAIT)
    page = await context.newPage()
    await page.goto(`${node.url}/#token=${node.token}`)
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await network?.[Symbol.asyncDispose]()
  }, 60_000)

  it('shows the open questions, most endorsed first, and narrows them by theme', async () => {
    await nav('Vragen').click()
    await page.getByRole('heading', { level: 1, name: 'Vragenbord' }).waitFor()
    const first = page.locator('.question-board > li').first()
    await expect
      .poll(() => first.locator('h2').textContent(), { timeout: WAIT })
      .toBe(
        'Hoe verdelen we schaarse netcapaciteit tussen laden, warmtepompen en woningbouw in nieuwe wijken?',
      )
    // Zwolle's heat question is in research, not open: it is not on the board
    expect(await page.getByText(HEAT).count()).toBe(0)
    await expect.poll(() => first.textContent()).toContain('2 onderschrijvingen')
    await page.selectOption('#board-theme', 'safety')
    await expect
      .poll(() => page.locator('.question-board > li h2').allTextContents(), { timeout: WAIT })
      .toEqual([
        'Hoe kopen we met andere gemeenten slimme lichtmasten in zonder leveranciersafhankelijkheid?',
        'Hoe meten we drukte bij evenementen in de hele stad zonder mensen te volgen?',
      ])
    await check('question-board')
  })

  it('shows a question with its answers, endorsers and who could answer it, and answers it', async () => {
    await page.goto(`${node.url}/?q=${encodeURIComponent('oudere bewoners koel')}`)
    await page.getByRole('link', { name: HEAT }).first().click()
    await page.getByRole('heading', { level: 1, name: HEAT }).waitFor()
    await page.getByRole('heading', { level: 2, name: 'Antwoorden' }).waitFor()
    await page
      .getByRole('link', { name: /Buitenzonwering en nachtventilatie/ })
      .first()
      .waitFor()
    await expect.poll(() => page.locator('.endorsers li').count(), { timeout: WAIT }).toBe(3)
    await expect.poll(() => page.locator('.answerers li').count()).toBeGreaterThan(0)
    await expect.poll(() => page.locator('.similar li').count()).toBeGreaterThan(0)
    await check('question')
    await page.getByRole('link', { name: /Beantwoord deze vraag \(Onderzoeksresultaat\)/ }).click()
    await page.waitForURL((url) => url.pathname === '/publish/finding')
    // the form starts with the answers relation to this question
    await expect
      .poll(() => page.locator('input[value^="polder://"]').first().inputValue(), { timeout: WAIT })
      .toMatch(/^polder:\/\/did:key:/)
  })

  it('shows the cost sharing of a joint pilot from its funding per partner', async () => {
    const title = 'Koele routes voor drie IJsselsteden'
    await page.goto(`${node.url}/?q=${encodeURIComponent(title)}`)
    await page.getByRole('link', { name: title }).first().click()
    await page
      .getByRole('heading', { level: 2, name: 'Gezamenlijke pilot: kostenverdeling' })
      .waitFor()
    const zwolle = page.locator('.cost-sharing tbody tr', { hasText: 'Gemeente Zwolle' })
    await expect.poll(() => zwolle.textContent(), { timeout: WAIT }).toContain('(partner)')
    expect(await zwolle.locator('td').nth(1).textContent()).toBe('25,9%')
    await check('joint-pilot')
  })

  it('counts per standard the practices using it and their adoptions', async () => {
    await nav('Standaarden').click()
    await page.getByRole('heading', { level: 1, name: 'Open standaarden' }).waitFor()
    const lorawan = page.locator('tbody tr', {
      has: page.getByRole('link', { name: 'LoRaWAN', exact: true }),
    })
    await expect
      .poll(() => lorawan.locator('td').nth(3).textContent(), { timeout: WAIT })
      .not.toBe('0')
    await expect.poll(() => lorawan.locator('td').nth(3).textContent()).not.toBe('0')
    expect(await page.locator('tbody tr').count()).toBeGreaterThanOrEqual(25)
    await check('standards')
  })

  it('charts the overview from the node and downloads a chart’s table as CSV', async () => {
    await nav('Overzicht').click()
    await page.getByText(/Gezamenlijke pilots: \d+/).waitFor()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download als CSV' }).first().click(),
    ])
    const path = await download.path()
    const csv = await readFile(path, 'utf8')
    const [header, ...rows] = csv.trim().split('\r\n')
    expect(header).toContain('code')
    expect(rows.length).toBeGreaterThan(3)
    // the node's figure for the first theme, as the CSV gives it
    const overview = (await (await fetch(`${node.url}/v1/overview?kind=initiative`)).json()) as {
      by: { theme: { value: string; count: number }[] }
    }
    const top = overview.by.theme[0]
    const [code, label, count] = fields(rows[0] ?? '')
    expect(code).toBe(top?.value)
    expect(label?.length).toBeGreaterThan(0)
    expect(count).toBe(String(top?.count))
    await check('overview-agenda')
  })
})
