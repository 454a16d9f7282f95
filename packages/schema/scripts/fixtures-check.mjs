#!/usr/bin/env node
// Checks the fixtures in packages/schema/fixtures/ on their own, without the content
// sources: keys, validation, ids, relations, partners, vouches, attachments, places, JSON
// form. Prints counts per kind and per organisation, and every problem found.
//
// Usage: node packages/schema/scripts/fixtures-check.mjs [fixtures-dir]
//        (after `pnpm build`; uses dist/; the directory defaults to packages/schema/fixtures)

import { createHash, createPrivateKey, createPublicKey } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CID } from 'multiformats/cid'
import { sha256 } from 'multiformats/hashes/sha2'
import {
  didFromEd25519PublicKey,
  encodeCanonical,
  formatRef,
  MUNICIPALITIES,
  PROVINCES,
  RECORD_KINDS,
  recordIdTime,
  validateRecord,
} from '../dist/index.js'

const fixturesDir =
  process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures')
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')
const EARLIEST = Date.parse('2019-01-01T00:00:00Z')
const LATEST = Date.parse('2026-11-01T00:00:00Z')
/** Which kinds a relation of each type may point at. */
const RELATION_TARGETS = {
  lessonOf: ['practice', 'initiative'],
  replicates: ['practice'],
  partOf: ['initiative', 'lab'],
  supersedes: null, // same kind as the source
  cites: null, // anything
}

const problems = []
const fail = (where, message) => problems.push(`${where}: ${message}`)

const readText = (...path) => readFileSync(join(fixturesDir, ...path), 'utf8')
/** Parses a JSON file and checks it is pretty-printed with 2 spaces and a final newline. */
function readJson(...path) {
  const text = readText(...path)
  const value = JSON.parse(text)
  if (`${JSON.stringify(value, null, 2)}\n` !== text) {
    fail(path.join('/'), 'not pretty-printed with 2 spaces (or a JSON round trip changes it)')
  }
  return value
}

function didOfSeed(seed) {
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  })
  const { x } = createPublicKey(privateKey).export({ format: 'jwk' })
  return didFromEd25519PublicKey(new Uint8Array(Buffer.from(x, 'base64url')))
}

/** Every language map in a record has exactly the record's languages. */
function checkLanguageMaps(value, languages, where, path = '') {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      checkLanguageMaps(item, languages, where, `${path}/${index}`)
    }
    return
  }
  if (value === null || typeof value !== 'object') return
  const keys = Object.keys(value)
  if (keys.some((key) => languages.includes(key))) {
    const sorted = [...keys].sort().join(',')
    if (sorted !== [...languages].sort().join(',')) {
      fail(where, `${path} is a language map with ${sorted}, not ${languages.join(',')}`)
    }
    return
  }
  for (const key of keys) checkLanguageMaps(value[key], languages, where, `${path}/${key}`)
}

function checkPlace(place, where) {
  if (place.country !== 'NL') return
  if (place.municipality !== undefined) {
    const found = MUNICIPALITIES.find((entry) => entry.code === place.municipality)
    if (found === undefined) fail(where, `unknown municipality ${place.municipality}`)
    else if (place.province !== undefined && place.province !== found.province) {
      fail(where, `${place.municipality} lies in ${found.province}, not ${place.province}`)
    }
  }
  if (place.province !== undefined && !PROVINCES.some((p) => p.code === place.province)) {
    fail(where, `unknown province ${place.province}`)
  }
  if (place.point !== undefined) {
    const { lat, lon } = place.point
    if (lat < 50.7 || lat > 53.6 || lon < 3.3 || lon > 7.3) {
      fail(where, `point ${lat},${lon} of ${place.name} lies outside the Netherlands`)
    }
  }
}

async function main() {
  // Organisations and their public demo keys.
  const organizations = readJson('organizations.json')
  const orgBySlug = new Map()
  const orgByDid = new Map()
  for (const org of organizations) {
    const seed = createHash('sha256').update(`polder-demo-fixture:${org.slug}`).digest()
    if (seed.toString('hex') !== org.seedHex) fail(org.slug, 'seedHex is not sha256 of the slug')
    if (didOfSeed(seed) !== org.did) fail(org.slug, 'did does not belong to the seed')
    if (orgBySlug.has(org.slug)) fail(org.slug, 'duplicate slug')
    if (orgByDid.has(org.did)) fail(org.slug, 'duplicate did')
    orgBySlug.set(org.slug, org)
    orgByDid.set(org.did, org)
  }

  // Attachment files.
  const manifest = readJson('attachments.json')
  const fileByCid = new Map()
  for (const entry of manifest) {
    const bytes = readFileSync(join(fixturesDir, 'attachments', entry.file))
    const cid = CID.create(1, 0x55, await sha256.digest(bytes)).toString()
    if (cid !== entry.cid)
      fail(`attachments/${entry.file}`, `CID is ${cid}, manifest says ${entry.cid}`)
    if (bytes.byteLength !== entry.size) fail(`attachments/${entry.file}`, 'size differs')
    fileByCid.set(entry.cid, entry)
  }
  for (const file of readdirSync(join(fixturesDir, 'attachments'))) {
    if (!manifest.some((entry) => entry.file === file))
      fail(`attachments/${file}`, 'not in attachments.json')
  }
  const usedFiles = new Set()

  // Records.
  const records = []
  for (const file of readdirSync(join(fixturesDir, 'records')).sort()) {
    const slug = file.replace(/\.json$/, '')
    const org = orgBySlug.get(slug)
    if (org === undefined) {
      fail(`records/${file}`, 'no organisation with this slug')
      continue
    }
    for (const record of readJson('records', file)) records.push({ slug, org, record })
  }
  for (const slug of orgBySlug.keys()) {
    if (!records.some((entry) => entry.slug === slug)) fail(slug, 'has no records file')
  }

  const byRef = new Map()
  const ids = new Set()
  for (const { slug, org, record } of records) {
    const where = `${slug} ${record.id} (${record.kind})`
    const result = validateRecord(record)
    if (!result.ok) {
      for (const problem of result.problems) fail(where, `${problem.path} ${problem.message.en}`)
      continue
    }
    if (!Buffer.from(encodeCanonical(record)).equals(Buffer.from(result.bytes))) {
      fail(where, 'differs from its validated form (a default or trimmed string is missing)')
    }
    if (record.author !== org.did) fail(where, `author is not ${slug}'s did`)
    if (ids.has(record.id)) fail(where, 'duplicate id')
    ids.add(record.id)
    if (recordIdTime(record.id).getTime() !== Date.parse(record.created)) {
      fail(
        where,
        `id encodes ${recordIdTime(record.id).toISOString()}, created is ${record.created}`,
      )
    }
    for (const field of ['created', 'updated']) {
      const time = Date.parse(record[field])
      if (time < EARLIEST || time >= LATEST)
        fail(where, `${field} ${record[field]} outside 2019 – 2026-10`)
      if (!record[field].endsWith('Z')) fail(where, `${field} is not in UTC (Z)`)
    }
    if (record.version > 1 && record.updated === record.created) {
      fail(where, 'an edited version (> 1) has updated equal to created')
    }
    if (record.version === 1 && record.updated !== record.created) {
      fail(where, 'version 1 has updated different from created')
    }
    if (record.languages.join(',') !== 'nl,en') fail(where, 'languages are not ["nl","en"]')
    checkLanguageMaps(record, record.languages, where)
    for (const place of record.places) checkPlace(place, where)
    for (const link of record.links) {
      if (!link.url.startsWith('https://')) fail(where, `link ${link.url} is not https`)
    }
    byRef.set(formatRef(record), { slug, record })
  }

  // Cross-record checks.
  const profiles = new Map()
  for (const { slug, record } of records) {
    if (record.kind !== 'organization') continue
    if (profiles.has(slug)) fail(slug, 'more than one organization record')
    profiles.set(slug, record)
  }
  for (const slug of orgBySlug.keys()) if (!profiles.has(slug)) fail(slug, 'no organization record')

  for (const { slug, record } of records) {
    const where = `${slug} ${record.id} (${record.kind})`
    for (const relation of record.relations) {
      const target = byRef.get(relation.target)
      if (target === undefined) {
        fail(where, `${relation.type} target ${relation.target} is not a fixture record`)
        continue
      }
      if (target.record === record) fail(where, `${relation.type} points at itself`)
      const allowed = RELATION_TARGETS[relation.type]
      if (allowed !== null && !allowed.includes(target.record.kind)) {
        fail(where, `${relation.type} points at a ${target.record.kind}`)
      }
      if (relation.type === 'supersedes' && target.record.kind !== record.kind) {
        fail(where, 'supersedes a record of another kind')
      }
      if (relation.type === 'replicates' && target.slug === slug) {
        fail(where, 'replicates a practice of its own organisation')
      }
      if (Date.parse(target.record.created) > Date.parse(record.updated)) {
        fail(where, `${relation.type} target was created after this version`)
      }
    }
    for (const partner of record.partners ?? []) {
      if (partner.did === undefined) continue
      const org = orgByDid.get(partner.did)
      if (org === undefined) fail(where, `partner ${partner.name} has an unknown did`)
      else if (profiles.get(org.slug)?.title.nl !== partner.name) {
        fail(where, `partner ${partner.name} is not named as ${org.slug}'s profile`)
      }
      if (partner.did === record.author) fail(where, 'the author is its own partner')
    }
    if (record.kind === 'vouch') {
      const subject = orgByDid.get(record.subject)
      if (subject === undefined) fail(where, 'vouches for an unknown did')
      else if (JSON.stringify(profiles.get(subject.slug)?.title) !== JSON.stringify(record.title)) {
        fail(where, `title is not the name of ${subject.slug}`)
      }
    }
    if (record.kind === 'organization' && record.logo !== undefined) {
      if (!record.attachments.some((a) => a.cid === record.logo))
        fail(where, 'logo is not an attachment')
    }
    const cids = [
      ...record.attachments.map((a) => ({ ...a, from: 'attachment' })),
      ...(record.datasets ?? [])
        .filter((d) => d.cid !== undefined)
        .map((d) => ({ ...d, from: 'dataset' })),
    ]
    for (const item of cids) {
      const file = fileByCid.get(item.cid)
      if (file === undefined) {
        fail(where, `${item.from} ${item.cid} is not a fixture file`)
        continue
      }
      usedFiles.add(file.file)
      if (item.from === 'attachment') {
        if (
          item.name !== file.file ||
          item.size !== file.size ||
          item.mediaType !== file.mediaType
        ) {
          fail(where, `attachment ${item.name} does not match attachments.json`)
        }
      } else if (item.mediaType !== undefined && item.mediaType !== file.mediaType) {
        fail(where, `dataset media type differs from ${file.file}`)
      }
    }
  }
  for (const entry of manifest) {
    if (!usedFiles.has(entry.file)) fail(`attachments/${entry.file}`, 'no record uses it')
  }

  // Counts.
  const kinds = RECORD_KINDS.map((kind) => kind.code)
  const perKind = Object.fromEntries(kinds.map((kind) => [kind, 0]))
  for (const { record } of records) perKind[record.kind]++
  for (const kind of kinds) if (perKind[kind] === 0) fail('fixtures', `no record of kind ${kind}`)
  const relationCount = {}
  for (const { record } of records) {
    for (const relation of record.relations)
      relationCount[relation.type] = (relationCount[relation.type] ?? 0) + 1
  }

  console.log(
    `${records.length} records, ${orgBySlug.size} organisations, ${manifest.length} attachments`,
  )
  console.log('\nPer kind:')
  for (const kind of kinds) console.log(`  ${kind.padEnd(14)} ${perKind[kind]}`)
  console.log('\nPer organisation:')
  for (const slug of orgBySlug.keys()) {
    const own = records.filter((entry) => entry.slug === slug)
    const detail = kinds
      .map((kind) => [kind, own.filter((entry) => entry.record.kind === kind).length])
      .filter(([, n]) => n > 0)
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', ')
    console.log(`  ${slug.padEnd(28)} ${String(own.length).padStart(2)}  (${detail})`)
  }
  console.log('\nRelations:')
  for (const [type, n] of Object.entries(relationCount)) console.log(`  ${type.padEnd(14)} ${n}`)
  console.log(
    `\nEdited records (version > 1): ${records.filter((entry) => entry.record.version > 1).length}`,
  )

  if (problems.length > 0) {
    console.error(`\n${problems.length} problem(s):`)
    for (const problem of problems) console.error(`  ${problem}`)
    process.exitCode = 1
  } else {
    console.log('\nAll checks passed.')
  }
}

await main()
