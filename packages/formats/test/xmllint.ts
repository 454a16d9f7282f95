/**
 * Validation with xmllint (Debian libxml2-utils) against the official OAI-PMH 2.0, oai_dc
 * and DataCite kernel-4 XSDs.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const DIR = fileURLToPath(new URL('./fixtures/oai-pmh/', import.meta.url))
const DATACITE = fileURLToPath(
  new URL('./fixtures/datacite/kernel-4/metadata.xsd', import.meta.url),
)

/** '' when a DataCite XML document is valid against the official kernel-4 XSD. */
export function dataCiteErrors(xml: string): Promise<string> {
  return xsdErrors(xml, DATACITE)
}

/**
 * '' when the document is valid, else xmllint's complaints: an OAI-PMH response (with its
 * oai_dc and oai_datacite metadata) by default.
 */
export async function xsdErrors(
  xml: string,
  schema = join(DIR, 'oai-pmh-with-dc.xsd'),
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'polder-xmllint-'))
  const file = join(dir, 'response.xml')
  await writeFile(file, xml)
  try {
    return await new Promise((resolve, reject) => {
      execFile(
        'xmllint',
        ['--noout', '--nonet', '--schema', schema, file],
        { env: { ...process.env, XML_CATALOG_FILES: join(DIR, 'catalog.xml') }, timeout: 20_000 },
        (error, _stdout, stderr) => {
          if (error === null) return resolve('')
          if ((error as NodeJS.ErrnoException).code === 'ENOENT')
            return reject(new Error('xmllint is not installed: apt-get install -y libxml2-utils'))
          resolve(stderr)
        },
      )
    })
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
