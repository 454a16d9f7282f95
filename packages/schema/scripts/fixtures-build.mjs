#!/usr/bin/env node
// Builds the demo and test data in packages/schema/fixtures/ from the readable content in
// scripts/fixtures-content-*.mjs:
//
//   fixtures/organizations.json        [{ slug, seedHex, did }] (public demo keys)
//   fixtures/records/<slug>.json       every record of one organisation, by creation time
//   fixtures/attachments/<file>        the attachment files the records name by CID
//   fixtures/attachments.json          [{ file, cid, mediaType, size }]
//
// Deterministic: keys come from sha256("polder-demo-fixture:" + slug), record ids from
// the creation time and sha256("polder-demo-fixture-id:" + key), so a rerun writes the same
// bytes. Every record is validated; any problem is printed and nothing is written.
//
// Usage: node packages/schema/scripts/fixtures-build.mjs   (after `pnpm build`; uses dist/)
// Then:  node packages/schema/scripts/fixtures-check.mjs

import { createHash, createPrivateKey, createPublicKey } from 'node:crypto'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CID } from 'multiformats/cid'
import { sha256 } from 'multiformats/hashes/sha2'
import { didFromEd25519PublicKey, formatRef, validateRecord } from '../dist/index.js'
import { ATTACHMENTS, logoSvg } from './fixtures-attachments.mjs'
import { FINDINGS, LESSONS } from './fixtures-content-knowledge.mjs'
import { ORGANIZATIONS, VOUCHES } from './fixtures-content-organizations.mjs'
import { PRACTICES } from './fixtures-content-practices.mjs'
import { ADOPTIONS, INITIATIVES, LABS } from './fixtures-content-programmes.mjs'

const fixturesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures')

/** DER prefix of a PKCS #8 Ed25519 private key; the 32-byte seed follows it. */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')
const ULID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const ENVELOPE_KEYS = new Set([
  'key',
  'org',
  'kind',
  'created',
  'updated',
  'version',
  'languages',
  'license',
  'title',
  'summary',
  'body',
  'themes',
  'tags',
  'places',
  'links',
  'attachments',
  'relations',
])

const sha256Bytes = (text) => createHash('sha256').update(text).digest()

/** The public demo key of an organisation: seed, DID. */
function demoKey(slug) {
  const seed = sha256Bytes(`polder-demo-fixture:${slug}`)
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  })
  const { x } = createPublicKey(privateKey).export({ format: 'jwk' })
  const publicKey = new Uint8Array(Buffer.from(x, 'base64url'))
  return { seedHex: seed.toString('hex'), did: didFromEd25519PublicKey(publicKey) }
}

/** A ULID whose time is `created` and whose random part is derived from the record key. */
function fixtureId(created, key) {
  let time = Date.parse(created)
  let timePart = ''
  for (let i = 0; i < 10; i++) {
    timePart = ULID_ALPHABET.charAt(time % 32) + timePart
    time = Math.floor(time / 32)
  }
  const bytes = sha256Bytes(`polder-demo-fixture-id:${key}`)
  let randomPart = ''
  for (let i = 0; i < 16; i++) randomPart += ULID_ALPHABET.charAt(bytes[i] & 31)
  return timePart + randomPart
}

/** Raw-codec CIDv1 (sha2-256) of bytes: what Helia gives a single-block file. */
async function rawCid(bytes) {
  return CID.create(1, 0x55, await sha256.digest(bytes)).toString()
}

function fail(message) {
  throw new Error(message)
}

async function main() {
  // Organisations and their keys.
  const orgs = new Map()
  for (const org of ORGANIZATIONS) {
    if (orgs.has(org.slug)) fail(`Duplicate organisation ${org.slug}`)
    orgs.set(org.slug, { ...org, ...demoKey(org.slug) })
  }

  // Attachment files: the content files plus one logo per organisation.
  const files = new Map()
  const addFile = async (file, mediaType, content) => {
    if (files.has(file)) fail(`Duplicate attachment ${file}`)
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content)
    files.set(file, { file, mediaType, bytes, cid: await rawCid(bytes), size: bytes.byteLength })
  }
  for (const { file, mediaType, content } of ATTACHMENTS) await addFile(file, mediaType, content)
  for (const org of orgs.values()) {
    await addFile(`logo-${org.slug}.svg`, 'image/svg+xml', logoSvg(org))
  }
  const attachmentOf = (file) => {
    const found = files.get(file) ?? fail(`Unknown attachment ${file}`)
    return { cid: found.cid, name: found.file, mediaType: found.mediaType, size: found.size }
  }

  // Every record spec, organisation profiles first.
  const specs = [
    ...ORGANIZATIONS.map(({ slug, initials, colour, ...profile }) => ({
      ...profile,
      key: `org:${slug}`,
      org: slug,
      kind: 'organization',
      logoFile: `logo-${slug}.svg`,
      attachments: [`logo-${slug}.svg`, ...(profile.attachments ?? [])],
    })),
    ...PRACTICES.map((spec) => ({ ...spec, kind: 'practice' })),
    ...LESSONS.map((spec) => ({ ...spec, kind: 'lesson' })),
    ...FINDINGS.map((spec) => ({ ...spec, kind: 'finding' })),
    ...INITIATIVES.map((spec) => ({ ...spec, kind: 'initiative' })),
    ...LABS.map((spec) => ({ ...spec, kind: 'lab' })),
    ...ADOPTIONS.map((spec) => ({ ...spec, kind: 'adoption' })),
    ...VOUCHES.map((spec) => ({ ...spec, kind: 'vouch' })),
  ]

  // Identities first, so that relations can point at any record.
  const identities = new Map()
  for (const spec of specs) {
    if (identities.has(spec.key)) fail(`Duplicate record key ${spec.key}`)
    const org = orgs.get(spec.org) ?? fail(`${spec.key}: unknown organisation ${spec.org}`)
    const created = new Date(spec.created).toISOString()
    const updated = new Date(spec.updated ?? spec.created).toISOString()
    const version = spec.version ?? 1
    if (version > 1 !== (updated !== created)) {
      fail(`${spec.key}: an edited record (version > 1) has updated after created, and only it`)
    }
    const id = fixtureId(created, spec.key)
    identities.set(spec.key, {
      id,
      author: org.did,
      created,
      updated,
      version,
      ref: formatRef({ author: org.did, id }),
    })
  }
  const refOf = (key) => (identities.get(key) ?? fail(`Unknown record key ${key}`)).ref
  const orgOf = (slug) => orgs.get(slug) ?? fail(`Unknown organisation ${slug}`)

  const records = []
  const problems = []
  for (const spec of specs) {
    const identity = identities.get(spec.key)
    const input = {
      id: identity.id,
      kind: spec.kind,
      schemaVersion: 1,
      author: identity.author,
      created: identity.created,
      updated: identity.updated,
      version: identity.version,
      languages: spec.languages ?? ['nl', 'en'],
      license: spec.license ?? 'CC-BY-4.0',
      title: spec.title,
      summary: spec.summary,
      body: spec.body,
      themes: spec.themes ?? [],
      tags: spec.tags ?? [],
      places: spec.places ?? [],
      links: spec.links ?? [],
      attachments: (spec.attachments ?? []).map(attachmentOf),
      relations: (spec.relations ?? []).map(({ type, to }) => ({ type, target: refOf(to) })),
    }
    for (const [field, value] of Object.entries(spec)) {
      if (ENVELOPE_KEYS.has(field) || field === 'logoFile' || field === 'subjectOrg') continue
      input[field] = value
    }
    if (spec.kind === 'organization') input.logo = attachmentOf(spec.logoFile).cid
    if (spec.kind === 'vouch') {
      const subject = orgOf(spec.subjectOrg)
      input.title = input.title ?? subject.title
      input.subject = subject.did
    }
    if (Array.isArray(input.partners)) {
      input.partners = input.partners.map(({ org, role, ...rest }) => {
        if (org === undefined) return { ...rest, ...(role === undefined ? {} : { role }) }
        const known = orgOf(org)
        const out = { name: known.title.nl, did: known.did, orgType: known.orgType }
        if (role !== undefined) out.role = role
        return out
      })
    }
    if (Array.isArray(input.datasets)) {
      input.datasets = input.datasets.map(({ file, ...rest }) => {
        if (file === undefined) return rest
        const { cid, mediaType } = attachmentOf(file)
        return { ...rest, cid, mediaType }
      })
    }
    for (const [field, value] of Object.entries(input)) if (value === undefined) delete input[field]

    const result = validateRecord(input)
    if (!result.ok) {
      for (const problem of result.problems) {
        problems.push(`${spec.org} ${spec.key} ${problem.path}: ${problem.message.en}`)
      }
      continue
    }
    // The validated value (defaults filled in) with the identity fields first.
    const { id, kind, schemaVersion, author, created, updated, version, ...rest } = result.value
    const record = { id, kind, schemaVersion, author, created, updated, version, ...rest }
    records.push({ org: spec.org, record })
  }
  if (problems.length > 0) {
    for (const problem of problems) console.error(problem)
    fail(`${problems.length} problem(s); nothing written`)
  }

  // Write everything.
  const write = (path, value) => writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`)
  rmSync(join(fixturesDir, 'records'), { recursive: true, force: true })
  rmSync(join(fixturesDir, 'attachments'), { recursive: true, force: true })
  mkdirSync(join(fixturesDir, 'records'), { recursive: true })
  mkdirSync(join(fixturesDir, 'attachments'), { recursive: true })

  write(
    join(fixturesDir, 'organizations.json'),
    [...orgs.values()].map(({ slug, seedHex, did }) => ({ slug, seedHex, did })),
  )
  for (const slug of orgs.keys()) {
    const own = records
      .filter((entry) => entry.org === slug)
      .map((entry) => entry.record)
      .sort((a, b) => a.created.localeCompare(b.created) || a.id.localeCompare(b.id))
    write(join(fixturesDir, 'records', `${slug}.json`), own)
  }
  const manifest = [...files.values()]
    .sort((a, b) => a.file.localeCompare(b.file))
    .map(({ file, cid, mediaType, size, bytes }) => {
      writeFileSync(join(fixturesDir, 'attachments', file), bytes)
      return { file, cid, mediaType, size }
    })
  write(join(fixturesDir, 'attachments.json'), manifest)

  console.log(
    `Wrote ${records.length} records of ${orgs.size} organisations and ${files.size} attachments to ${fixturesDir}`,
  )
}

await main()
