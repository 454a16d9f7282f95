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
const TU_DELFT = 'did:key:z6Mkk78S3EHvRGWZgRsgTbN6jJ5FnSqXCRx5oAAwcb4p94W9'
/** TU Delft's finding with a 92,434-byte CSV attached, a DOI, two researchers with ORCID iDs and one without. */
const BIKE_FINDING = '01GY772GM0K23W5Y43D8T8MGXV'
/** Amsterdam's lab with regulatory room ("Experimenteerruimte in regels"). */
const MARINETERREIN = '01E19CW2W0D8DF0PK4GFRM6YD9'
const BATTERY = 'Buurtbatterij en energiedelen in Stadshagen'
/** A DID no node in this test holds a key or a log of: only a vouch names it. */
const STRANGER = 'did:key:z6MkktM8CD4YDEdf3AKh9xhx7eXgGEViGKXTLdDhy8UFLkj4'

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

  it('shows a first-run guide on a node that holds nothing, not "Niets gevonden"', async () => {
    const fresh = await page.context().newPage()
    try {
      await fresh.goto(other.url)
      await fresh
        .getByRole('heading', { level: 2, name: 'Welkom: deze node heeft nog geen records' })
        .waitFor()
      await fresh.getByRole('link', { name: '1. Geef uw organisatie een naam' }).waitFor()
      await fresh.getByRole('link', { name: '2. Verbind met een andere node' }).waitFor()
      await fresh.getByRole('link', { name: '3. Volg organisaties' }).waitFor()
      await fresh.getByRole('link', { name: '4. Publiceer een eerste praktijk' }).waitFor()
      expect(await fresh.getByText('Niets gevonden').count()).toBe(0)
      const violations = await seriousViolations(fresh)
      await screenshot(fresh, 'first-run')
      expect(violations, describeViolations(violations)).toEqual([])
    } finally {
      await fresh.close()
    }
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
    await page.locator('.field-languages', { hasText: 'Nederlands' }).waitFor()
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

  it('links a finding’s DOI and its researchers’ ORCID iDs to doi.org and orcid.org', async () => {
    await page.goto(`${viewer.url}/records/${TU_DELFT}/${BIKE_FINDING}`)
    await page.getByRole('heading', { level: 1, name: /Fietsmetingen tonen/ }).waitFor()
    const doi = page.locator('.field-doi a', { hasText: '10.5555/polder-demo.heat.2023.01' })
    expect(await doi.getAttribute('href')).toBe('https://doi.org/10.5555/polder-demo.heat.2023.01')
    const orcid = page.locator('.field-researchers a', { hasText: '0000-0000-2037-481X' })
    expect(await orcid.getAttribute('href')).toBe('https://orcid.org/0000-0000-2037-481X')
    // the researcher without an iD has no link in that cell
    expect(await page.locator('.field-researchers a.identifier-orcid').count()).toBe(2)
    await check('record-finding')
  })

  it('offers attachments for download with a readable size, and wraps long labels', async () => {
    await page.goto(`${viewer.url}/records/${TU_DELFT}/${BIKE_FINDING}`)
    const download = page.getByRole('link', {
      name: 'fietsmetingen-zwolle-2022-07.csv downloaden (92,4 kB)',
    })
    await download.waitFor()
    expect(await download.textContent()).toBe('Downloaden')
    expect(await download.getAttribute('href')).toMatch(/^\/v1\/attachments\//)
    // the live indicator says what it shows
    await page.getByRole('img', { name: /^Live bijwerken: / }).waitFor()
    await check('record-attachments')
    // a long Dutch label stays within its column, even on a narrow screen
    await page.setViewportSize({ width: 420, height: 900 })
    try {
      await page.goto(`${viewer.url}/records/${AMSTERDAM}/${MARINETERREIN}`)
      const label = page.locator('.field-regulatoryRoom > dt')
      await label.waitFor()
      expect(await label.textContent()).toBe('Experimenteerruimte in regels')
      const fits = await label.evaluate((dt) => dt.scrollWidth <= dt.clientWidth)
      expect(fits).toBe(true)
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 })
    }
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
    // after a navigation the focus is on the new page's heading
    await expect
      .poll(() => page.evaluate('document.activeElement?.tagName'), { timeout: WAIT })
      .toBe('H1')
    await check('publish')
    await page.getByRole('link', { name: 'Goede praktijk' }).click()
    await page.getByRole('heading', { level: 1, name: 'Nieuw: Goede praktijk' }).waitFor()
    // languages by their names; the fields of an optional group are not "(verplicht)"
    await page.getByRole('checkbox', { name: 'Nederlands' }).waitFor()
    expect(await page.locator('label[for="field-budget-amount"]').textContent()).toBe('Bedrag')
    expect(await page.locator('label[for="field-title-nl"]').textContent()).toBe(
      'Titel (Nederlands)',
    )
    await check('publish-form')
    // an amount that cannot be read gets one message
    await page.locator('#field-budget-amount').fill('12,5,0')
    await page.getByRole('button', { name: 'Publiceren', exact: true }).click()
    await page.locator('.problem-summary').waitFor()
    // the node's own messages, in Dutch, at the field they are about; values with labels
    await expect
      .poll(() => page.locator('#field-status-error').textContent(), { timeout: WAIT })
      .toMatch(/moet een van .*scaled \(Opgeschaald\)/)
    expect(await page.locator('#field-title-error').textContent()).toMatch(/verplicht|titel/i)
    expect(await page.getAttribute('#field-status', 'aria-invalid')).toBe('true')
    expect(await page.locator('#field-budget-amount-error li').count()).toBe(1)
    await check('publish-problems')
    await page.getByLabel('Titel (Nederlands)').fill('Slimme lantaarnpalen in de viewer-test')
    await page.getByLabel('Status', { exact: false }).first().selectOption('pilot')
    // Dutch money input, and what it was read as
    await page.locator('#field-budget-amount').fill('€ 480.000,50')
    await page
      .locator('#field-budget-amount-understood', { hasText: 'Gelezen als 480.000,50' })
      .waitFor()
    await page.locator('#field-budget-currency').fill('EUR')
    // one place: "Plaats 1"; choosing a municipality fills in its province
    await page.getByRole('button', { name: 'Plaats toevoegen' }).click()
    await page.locator('legend', { hasText: /^Plaats 1$/ }).waitFor()
    await page.locator('#field-places-0-name').fill('Deventer')
    await page.locator('#field-places-0-country').fill('NL')
    await page.locator('#field-places-0-municipality').selectOption('GM0150')
    expect(await page.locator('#field-places-0-province').inputValue()).toBe('PV23')
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
    expect(first !== undefined && 'budget' in first ? first.budget : undefined).toEqual({
      amount: '480000.50',
      currency: 'EUR',
    })
    expect(first !== undefined && 'places' in first ? first.places[0] : undefined).toMatchObject({
      municipality: 'GM0150',
      province: 'PV23',
    })
    const [attachment] = first !== undefined && 'attachments' in first ? first.attachments : []
    expect(attachment).toMatchObject({ name: 'hittemeting.csv', mediaType: 'text/csv' })
    expect(attachment?.size).toBe(Buffer.byteLength(csv))
    const file = await fetch(`${viewer.url}/v1/attachments/${attachment?.cid}`)
    expect(await file.text()).toBe(csv)
    // edits it: a new version
    await page.getByRole('link', { name: 'Bewerken' }).click()
    await page.getByLabel('Titel (Nederlands)').fill('Slimme lantaarnpalen, tweede versie')
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
    // the history names the changed fields in Dutch
    await page.locator('.history li', { hasText: 'Reden' }).first().waitFor()
    expect(await page.locator('.history').textContent()).not.toMatch(/Reason/)
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

  it('names an organisation without a profile after the vouch, and says its log is not here', async () => {
    await viewer.client.vouch({ body: { subject: STRANGER, name: 'Gemeente Proefstad' } })
    await nav('Organisaties').click()
    await page.reload()
    const row = page.locator('tr', { hasText: 'Gemeente Proefstad' })
    await row.getByText('Naam uit de instaanverklaring van').waitFor()
    await row.getByRole('link', { name: 'Gemeente Proefstad' }).click()
    await page.getByRole('heading', { level: 1, name: 'Gemeente Proefstad' }).waitFor()
    await page.getByText('Naam uit de instaanverklaring van').waitFor()
    const held = page.locator('dl.fields > div', {
      has: page.locator('dt', { hasText: 'Het log op deze node' }),
    })
    expect(await held.locator('dd').textContent()).toBe('hier (nog) niet aanwezig')
    // a replicated organisation's log is here
    await page.goto(`${viewer.url}/orgs/${encodeURIComponent(AMSTERDAM)}`)
    await page.getByRole('heading', { level: 1, name: 'Gemeente Amsterdam' }).waitFor()
    expect(await held.locator('dd').textContent()).toBe('hier aanwezig')
    await check('org-named-by-vouch')
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
    // reachability as the node sees it (on loopback AutoNAT confirms no address, and there
    // is no relay: private), no relays, and the peer's connection over loopback TCP: direct
    await page.locator('dd', { hasText: 'privé: achter NAT, geen relay' }).waitFor()
    await page.locator('dd', { hasText: 'geen' }).first().waitFor()
    const row = page.locator('tr', { has: page.locator('td.mono', { hasText: other.peerId }) })
    await expect
      .poll(() => row.first().locator('td').nth(3).textContent(), { timeout: WAIT })
      .toBe('direct')
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
    // budgets of records with several themes count in each: said beside the chart
    await page.locator('.chart-note', { hasText: 'telt in elk daarvan mee' }).waitFor()
    // the charts describe themselves in the UI's language, never with NaN (ECharts writes
    // the description into the chart element's aria-label)
    const descriptions = () =>
      page
        .locator('.chart')
        .evaluateAll((elements) => elements.map((e) => e.getAttribute('aria-label')).join(' | '))
    await expect
      .poll(descriptions, { timeout: WAIT })
      .toMatch(/Per thema\. Records en budget per groep: .*Energie en klimaat: \d+ records/)
    expect(await descriptions()).not.toMatch(/NaN|This is a chart/)
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
