/**
 * The viewer end to end: a real node seeded with the fixtures (`polder start --demo`),
 * a second real node whose records it replicates, the real build in Chromium. One node
 * pair and one browser page for the whole file; the steps build on each other.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { TestNetwork, type TestNode, waitFor } from '@polder/testnet'
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
/** Playwright's waits: generous for 2 busy cores, never unbounded. */
const WAIT = 20_000

// fixture organisations and records (packages/schema/fixtures)
const AMSTERDAM = 'did:key:z6MkvHqAzZXaCtjm8MPoBVi5dLrUVywYTnkWxzg9Zx3n9sg3'
const BATTERY = 'Buurtbatterij en energiedelen in Stadshagen'

describe.skipIf(!available)('the viewer', () => {
  let network: TestNetwork
  let viewer: TestNode
  let other: TestNode
  let browser: Browser
  let page: Page

  /** A link of the main navigation. */
  const nav = (name: string) =>
    page.getByRole('navigation').getByRole('link', { name, exact: true })

  /** Types a search and waits until its results are on screen (not the previous ones). */
  const searchFor = async (text: string) => {
    await page.getByRole('searchbox').fill(text)
    await page.waitForURL((url) => url.searchParams.get('q') === text)
    await expect
      .poll(() => page.locator('.result-count').textContent(), { timeout: WAIT })
      .not.toContain('…')
  }

  /** No serious or critical accessibility problem on the page as it is now; a screenshot. */
  const check = async (name: string) => {
    const violations = await seriousViolations(page)
    await screenshot(page, name)
    expect(violations, describeViolations(violations)).toEqual([])
  }

  beforeAll(async () => {
    if (!existsSync(join(distPath, 'index.html')))
      throw new Error(`The viewer is not built (${distPath}): run pnpm build first`)
    network = await TestNetwork.create({
      nodes: 2,
      topology: 'line',
      follow: [[0, 1]],
      // the nodes serve the built viewer (the node is told where it is)
      node: (index) => ({ viewer: distPath, ...(index === 0 ? { args: ['--demo'] } : {}) }),
    })
    ;[viewer, other] = network.nodes as [TestNode, TestNode]
    browser = await launch()
    const context = await browser.newContext({
      locale: 'nl-NL',
      viewport: { width: 1280, height: 900 },
    })
    context.setDefaultTimeout(WAIT)
    page = await context.newPage()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await network?.[Symbol.asyncDispose]()
  }, 60_000)

  it('is served by the node: the app for pages, problems for the API, cached assets', async () => {
    const html = { accept: 'text/html' }
    const deep = await fetch(`${viewer.url}/orgs/${AMSTERDAM}`, { headers: html })
    expect(deep.status).toBe(200)
    expect(deep.headers.get('cache-control')).toBe('no-cache')
    const shell = await deep.text()
    expect(shell).toContain('<div id="root">')
    const api = await fetch(`${viewer.url}/v1/no-such-route`, { headers: html })
    expect(api.status).toBe(404)
    expect(api.headers.get('content-type')).toContain('application/problem+json')
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(shell)?.[1]
    expect(script).toBeDefined()
    const asset = await fetch(`${viewer.url}${script}`)
    expect(asset.headers.get('cache-control')).toContain('immutable')
    const manifest = await (await fetch(`${viewer.url}/manifest.webmanifest`)).json()
    expect(manifest).toMatchObject({ name: 'Polder', display: 'standalone' })
    expect((await fetch(`${viewer.url}/sw.js`)).headers.get('cache-control')).toBe('no-cache')
  })

  it('takes the API token from the address and hides it', async () => {
    await page.goto(`${viewer.url}/#token=${viewer.token}`)
    await page.getByRole('heading', { level: 1, name: 'Zoek in de kennisbank' }).waitFor()
    expect(new URL(page.url()).hash).toBe('')
    expect(await page.evaluate(() => localStorage.getItem('polder.token'))).toBe(viewer.token)
  })

  it('searches as you type, filters by facet and clears the filters', async () => {
    const count = page.locator('.result-count')
    await expect.poll(() => count.textContent(), { timeout: WAIT }).toMatch(/^81 resultaten/)
    await page.getByRole('searchbox').fill('batterij')
    await page.locator('.hit-link', { hasText: BATTERY }).waitFor()
    await expect.poll(() => count.textContent(), { timeout: WAIT }).not.toMatch(/^81 /)
    expect(await page.locator('.snippet mark').count()).toBeGreaterThan(0)
    // a facet filter narrows the results and lands in the address
    const kind = page.locator('#facet-kind-lesson')
    await kind.check()
    await page.waitForURL(/kind=lesson/)
    await expect
      .poll(() => page.locator('.hit .badge').allTextContents(), { timeout: WAIT })
      .toEqual(expect.arrayContaining(['Geleerde les']))
    const badges = await page.locator('.hit .badge').allTextContents()
    expect(new Set(badges)).toEqual(new Set(['Geleerde les']))
    await page.getByRole('button', { name: 'Filters wissen' }).click()
    await page.waitForURL((url) => !url.search.includes('kind='))
    await page.locator('.hit-link', { hasText: BATTERY }).waitFor()
    // keyboard: ↓ from the box to the first result, ↓ to the next
    await page.getByRole('searchbox').focus()
    await page.keyboard.press('ArrowDown')
    const first = await page.evaluate('document.activeElement?.className')
    expect(first).toContain('hit-link')
    await page.keyboard.press('ArrowDown')
    expect(await page.evaluate('document.activeElement?.textContent')).toBe(
      await page.locator('.hit-link').nth(1).textContent(),
    )
    await check('search')
  })

  it('opens a record with every field, budget, partners, history and provenance', async () => {
    await searchFor('buurtbatterij stadshagen')
    await page.locator('.hit-link', { hasText: BATTERY }).first().click()
    await page.getByRole('heading', { level: 1, name: BATTERY }).waitFor()
    await page.locator('.field-budget', { hasText: '€\u00a0780.000' }).waitFor()
    await page.locator('.field-partners table', { hasText: 'Enexis Netbeheer' }).waitFor()
    await page.locator('.field-funding', { hasText: 'Provincie Overijssel' }).waitFor()
    await page.getByRole('heading', { name: 'Versiegeschiedenis' }).waitFor()
    await page.locator('.history li', { hasText: 'Versie 2' }).waitFor()
    await page.getByRole('heading', { name: 'Herkomst' }).waitFor()
    await page.locator('dd.ok', { hasText: 'Geverifieerd' }).waitFor()
    await page.locator('.markdown p').first().waitFor()
    await check('record')
    // a practice other cities adopted lists those adoptions
    await page.goto(`${viewer.url}/?q=${encodeURIComponent('regentonnen spangen')}`)
    await page.locator('.hit-link', { hasText: 'Slimme regentonnen in Spangen' }).first().click()
    await page.getByRole('heading', { name: 'Andere records hierover' }).waitFor()
    await page.locator('#relations-title ~ ul li', { hasText: 'Overname' }).first().waitFor()
  })

  it('switches between Dutch and English', async () => {
    await page.getByRole('button', { name: 'English' }).click()
    await nav('Organisations').waitFor()
    expect(await page.getAttribute('html', 'lang')).toBe('en')
    await page.getByRole('heading', { name: 'Version history' }).waitFor()
    await check('record-en')
    await page.getByRole('button', { name: 'Nederlands' }).click()
    await nav('Organisaties').waitFor()
    expect(await page.getAttribute('html', 'lang')).toBe('nl')
  })

  it('shows a field problem in the chosen language, then publishes through the form', async () => {
    await nav('Publiceren').click()
    await page.getByRole('heading', { level: 1, name: 'Publiceren' }).waitFor()
    await check('publish')
    await page.getByRole('link', { name: 'Goede praktijk' }).click()
    await page.getByRole('heading', { level: 1, name: 'Nieuw: Goede praktijk' }).waitFor()
    await check('publish-form')
    await page.getByRole('button', { name: 'Publiceren', exact: true }).click()
    await page.locator('.problem-summary').waitFor()
    // the node's own messages, in Dutch, at the field they are about
    await expect
      .poll(() => page.locator('#field-status-error').textContent(), { timeout: WAIT })
      .toContain('moet een van')
    expect(await page.locator('#field-title-error').textContent()).toMatch(/verplicht|titel/i)
    expect(await page.getAttribute('#field-status', 'aria-invalid')).toBe('true')
    await check('publish-problems')
    await page.getByLabel('Titel (nl)').fill('Slimme lantaarnpalen in de viewer-test')
    await page.getByLabel('Status', { exact: false }).first().selectOption('pilot')
    // a file uploaded into the attachments: the node answers its CID, size and type
    const csv = 'wijk,temperatuur\nCentrum,31.2\nStadshagen,28.4\n'
    await page.getByLabel('Een bestand als bijlage uploaden').setInputFiles({
      name: 'hittemeting.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    })
    await page.getByText('hittemeting.csv is geüpload').waitFor()
    await page.getByRole('button', { name: 'Publiceren', exact: true }).click()
    await page
      .getByRole('heading', { level: 1, name: 'Slimme lantaarnpalen in de viewer-test' })
      .waitFor()
    expect(page.url()).toContain(`/records/${viewer.did}/`)
    // the node holds it: the same record through the API, with the file
    const { total, records } = await viewer.client.listRecords({ query: { author: viewer.did } })
    expect(total).toBe(1)
    const first = records[0]
    const [attachment] = first !== undefined && 'attachments' in first ? first.attachments : []
    expect(attachment).toMatchObject({ name: 'hittemeting.csv', mediaType: 'text/csv' })
    expect(attachment?.size).toBe(Buffer.byteLength(csv))
    const file = await fetch(`${viewer.url}/v1/attachments/${attachment?.cid}`)
    expect(await file.text()).toBe(csv)
    // edits it: a new version
    await page.getByRole('link', { name: 'Bewerken' }).click()
    await page.getByLabel('Titel (nl)').fill('Slimme lantaarnpalen, tweede versie')
    await page.getByLabel('Trefwoorden', { exact: false }).fill('verlichting, sensoren')
    await page.getByRole('button', { name: 'Nieuwe versie opslaan' }).click()
    await page
      .getByRole('heading', { level: 1, name: 'Slimme lantaarnpalen, tweede versie' })
      .waitFor()
    await page.locator('.history li', { hasText: 'Versie 2' }).waitFor()
    await page.locator('.field-tags', { hasText: 'sensoren' }).waitFor()
    // and retracts it, with a reason
    await page.getByRole('button', { name: 'Intrekken' }).click()
    await page.getByLabel('Waarom wordt het ingetrokken?').fill('Dubbel ingevoerd')
    await page.getByRole('button', { name: 'Record intrekken' }).click()
    await page.getByRole('heading', { level: 1, name: 'Dit record is ingetrokken' }).waitFor()
    await page.getByText('Reden: Dubbel ingevoerd').waitFor()
    await check('retracted')
  })

  it('follows an organisation from the directory', async () => {
    await nav('Organisaties').click()
    await page.getByRole('heading', { level: 1, name: 'Organisaties' }).waitFor()
    // without the token the node refuses; the viewer asks for it and goes on
    await page.evaluate("localStorage.removeItem('polder.token')")
    await page.reload()
    await page.getByRole('button', { name: 'Volgen: Gemeente Amsterdam' }).click()
    const dialog = page.getByRole('dialog', { name: 'API-token nodig' })
    await dialog.waitFor()
    await check('token-dialog')
    await dialog.getByLabel('API-token').fill(viewer.token)
    await dialog.getByRole('button', { name: 'Token opslaan' }).click()
    await page.getByRole('button', { name: 'Ontvolgen: Gemeente Amsterdam' }).waitFor()
    expect(await page.evaluate("localStorage.getItem('polder.token')")).toBe(viewer.token)
    const org = await viewer.client.getOrg({ params: { did: AMSTERDAM } })
    expect(org.followed).toBe(true)
    await check('orgs')
    await page.getByRole('link', { name: 'Gemeente Amsterdam' }).click()
    await page.getByRole('heading', { level: 1, name: 'Gemeente Amsterdam' }).waitFor()
    await page.locator('.hit').first().waitFor()
    await check('org')
  })

  it('shows a record published on the other node as it arrives, without a reload', async () => {
    await nav('Zoeken').click()
    await page.getByRole('searchbox').fill('')
    await page.locator('.result-count').waitFor()
    const title = 'Warmtenet van de buren, live gerepliceerd'
    await other.publish([
      {
        kind: 'practice',
        languages: ['nl'],
        title: { nl: title },
        status: 'pilot',
        themes: ['energy-climate'],
        places: [{ name: 'Deventer', country: 'NL', municipality: 'GM0150' }],
      },
    ])
    await page.locator('.hit-link', { hasText: title }).waitFor({ timeout: 45_000 })
    await page.locator('.activity', { hasText: `Nieuw: ${title}` }).waitFor()
    // its provenance: signed by the other organisation, received from the other node
    await page.locator('.hit-link', { hasText: title }).click()
    await page.locator('dd.ok', { hasText: 'Geverifieerd' }).waitFor()
    await page.locator('dd.mono', { hasText: other.peerId }).waitFor()
    await check('record-replicated')
  })

  it('shows the network, its peers and the sync of the followed organisation', async () => {
    await nav('Netwerk').click()
    await page.getByRole('heading', { level: 1, name: 'Netwerk' }).waitFor()
    await page.locator('td.mono', { hasText: other.peerId }).first().waitFor()
    await waitFor(async () => (await page.locator('tbody th a').count()) > 0, {
      what: 'a replicated organisation on the network page',
      timeoutMs: WAIT,
    })
    await check('network')
  })

  it('says so when a page does not exist', async () => {
    await page.goto(`${viewer.url}/no/such/page`)
    await page.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' }).waitFor()
    await check('not-found')
  })

  it('charts the overview: budgets by theme, funding, province and year, the map and the graph', async () => {
    await nav('Overzicht').click()
    await page
      .getByRole('heading', { level: 1, name: 'Overzicht van activiteiten en budgetten' })
      .waitFor()
    await expect
      .poll(() => page.locator('.chart svg').count(), { timeout: WAIT })
      .toBeGreaterThanOrEqual(6)
    await page.locator('.attribution', { hasText: 'Bron: CBS, PDOK' }).waitFor()
    await page.locator('.total', { hasText: 'records, totaal budget' }).waitFor()
    await page.selectOption('#map-level', 'municipality')
    await page.selectOption('#map-show', 'adopted')
    await page.locator('.chart svg path').nth(300).waitFor() // the municipalities are drawn
    await check('overview')
  })

  it('opens offline from its service worker, and says the node does not answer', async () => {
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)')
    await page.context().setOffline(true)
    try {
      await page.reload()
      await nav('Overzicht').waitFor()
      await page.getByText('De node antwoordt niet').first().waitFor()
      await screenshot(page, 'offline')
    } finally {
      await page.context().setOffline(false)
    }
  })
})
