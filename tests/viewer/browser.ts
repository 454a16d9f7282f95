/**
 * Debian's Chromium through playwright-core (no browser download). Without Chromium the
 * browser tests skip with a hint, except in CI (`CI=true`), where they must fail.
 */
import { existsSync } from 'node:fs'
import { mkdir, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Browser, chromium, type Page } from 'playwright-core'

const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
].filter((path): path is string => path !== undefined && path !== '')

export const chromiumPath: string | undefined = CANDIDATES.find((path) => existsSync(path))

export const INSTALL_HINT =
  'Chromium is missing: install it with `apt-get install -y chromium` (or set CHROMIUM_PATH) to run the viewer tests'

/** Run the browser tests? Throws in CI when Chromium is missing. */
export function browserAvailable(): boolean {
  if (chromiumPath !== undefined) return true
  if (process.env.CI === 'true') throw new Error(INSTALL_HINT)
  console.warn(`[viewer tests skipped] ${INSTALL_HINT}`)
  return false
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    timeout: 30_000,
  })
}

export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), 'artifacts')

/** A full-page screenshot in tests/viewer/artifacts (git-ignored), for people to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true })
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true, timeout: 20_000 })
}

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

export interface Violation {
  readonly id: string
  readonly impact: string | null
  readonly help: string
  readonly nodes: readonly { target: readonly string[]; html: string }[]
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ content: await axeSource })
  // an expression, evaluated in the page (whose globals these tests do not type)
  const violations = (await page.evaluate(
    "axe.run(document, { resultTypes: ['violations'] }).then((result) => result.violations)",
  )) as Violation[]
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

/** A readable list of violations for a failure message. */
export const describeViolations = (violations: readonly Violation[]): string =>
  violations
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n${v.nodes
          .slice(0, 5)
          .map((n) => `  ${n.target.join(' ')}  ${n.html.slice(0, 160)}`)
          .join('\n')}`,
    )
    .join('\n')
