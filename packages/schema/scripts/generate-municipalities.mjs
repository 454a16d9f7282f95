#!/usr/bin/env node
// Generates src/vocabularies/regions.ts (the 2025 Dutch provinces and municipalities, each
// municipality with its province) from the CBS/PDOK TopoJSON files in data/nl/.
// Bron: CBS, PDOK (CC BY 4.0). See data/nl/README.md.
//
// Usage: node scripts/generate-municipalities.mjs   (from packages/schema, or anywhere)
// Then:  biome format --write packages/schema/src/vocabularies/regions.ts
//
// No dependencies beyond node: builtins. The output is deterministic.

import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dataDir = join(root, 'data', 'nl')
const outFile = join(root, 'src', 'vocabularies', 'regions.ts')

// ---------------------------------------------------------------------------
// TopoJSON decoding
// ---------------------------------------------------------------------------

/** Decodes all arcs of a topology into absolute [lon, lat] coordinates. */
function decodeArcs(topology) {
  const t = topology.transform
  return topology.arcs.map((arc) => {
    let x = 0
    let y = 0
    return arc.map((p) => {
      if (!t) return [p[0], p[1]]
      x += p[0]
      y += p[1]
      return [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]]
    })
  })
}

/** Stitches a ring (list of arc indices, ~i = arc i reversed) into a closed list of points. */
function stitchRing(arcs, indices) {
  const ring = []
  for (const i of indices) {
    const arc = i < 0 ? arcs[~i].slice().reverse() : arcs[i]
    // consecutive arcs share their end/start point: skip the duplicate
    for (let k = ring.length > 0 ? 1 : 0; k < arc.length; k++) ring.push(arc[k])
  }
  return ring
}

/** Returns the geometry as a list of polygons, each a list of rings (first = outer ring). */
function geometryPolygons(arcs, geometry) {
  const polygon = (rings) => rings.map((r) => stitchRing(arcs, r))
  if (geometry.type === 'Polygon') return [polygon(geometry.arcs)]
  if (geometry.type === 'MultiPolygon') return geometry.arcs.map(polygon)
  throw new Error(`unsupported geometry type ${geometry.type}`)
}

function readLayer(file, objectName) {
  const topology = JSON.parse(readFileSync(join(dataDir, file), 'utf8'))
  if (topology.type !== 'Topology') throw new Error(`${file}: not a TopoJSON Topology`)
  const object = topology.objects[objectName]
  if (!object) throw new Error(`${file}: no object ${objectName}`)
  const arcs = decodeArcs(topology)
  return object.geometries.map((g) => ({
    code: String(g.properties.statcode).trim(),
    name: String(g.properties.statnaam).trim(),
    polygons: geometryPolygons(arcs, g),
  }))
}

// ---------------------------------------------------------------------------
// Planar geometry (lon/lat; fine for point-in-polygon and choosing a centroid)
// ---------------------------------------------------------------------------

// x is scaled by cos(latitude) for distances, so that "nearest" is roughly metric.
const X_SCALE = Math.cos((52.2 * Math.PI) / 180)

function ringAreaAndCentroid(ring) {
  let a = 0
  let cx = 0
  let cy = 0
  const n = ring.length
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const [x0, y0] = ring[j]
    const [x1, y1] = ring[i]
    const f = x0 * y1 - x1 * y0
    a += f
    cx += (x0 + x1) * f
    cy += (y0 + y1) * f
  }
  a /= 2
  if (a === 0) return { area: 0, centroid: ring[0] }
  return { area: Math.abs(a), centroid: [cx / (6 * a), cy / (6 * a)] }
}

/** Ray casting (even-odd) against one ring. */
function inRing([px, py], ring) {
  let inside = false
  const n = ring.length
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const [xi, yi] = ring[i]
    const [xj, yj] = ring[j]
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** Inside the outer ring and outside every hole. */
function inPolygon(point, rings) {
  if (!inRing(point, rings[0])) return false
  for (let h = 1; h < rings.length; h++) if (inRing(point, rings[h])) return false
  return true
}

function inMultiPolygon(point, polygons) {
  return polygons.some((rings) => inPolygon(point, rings))
}

function segmentDistance2([px, py], [ax, ay], [bx, by]) {
  const x = px * X_SCALE
  const x0 = ax * X_SCALE
  const x1 = bx * X_SCALE
  const dx = x1 - x0
  const dy = by - ay
  const len2 = dx * dx + dy * dy
  let t = len2 === 0 ? 0 : ((x - x0) * dx + (py - ay) * dy) / len2
  t = Math.max(0, Math.min(1, t))
  const ex = x - (x0 + t * dx)
  const ey = py - (ay + t * dy)
  return ex * ex + ey * ey
}

function boundaryDistance(point, polygons) {
  let best = Number.POSITIVE_INFINITY
  for (const rings of polygons) {
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const d = segmentDistance2(point, ring[j], ring[i])
        if (d < best) best = d
      }
    }
  }
  return Math.sqrt(best)
}

/**
 * A point inside `rings` (a polygon with holes): the midpoint of the widest interior span
 * along horizontal scanlines through the polygon (the centroid's latitude first).
 */
function scanlinePoint(rings, preferredY) {
  let minY = Number.POSITIVE_INFINITY
  let maxY = Number.NEGATIVE_INFINITY
  for (const [, y] of rings[0]) {
    if (y < minY) minY = y
    if (y > maxY) maxY = y
  }
  const ys = [preferredY]
  const steps = 64
  for (let k = 1; k < steps; k++) ys.push(minY + ((maxY - minY) * k) / steps)
  let best = null
  for (const y of ys) {
    const xs = []
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]
        const [xj, yj] = ring[j]
        if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi)
      }
    }
    xs.sort((a, b) => a - b)
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const width = xs[k + 1] - xs[k]
      if (width > 0 && (!best || width > best.width)) {
        best = { width, point: [(xs[k] + xs[k + 1]) / 2, y] }
      }
    }
    // the centroid's own scanline is good enough if it yields a reasonable span
    if (y === preferredY && best) break
  }
  return best ? best.point : null
}

/** A representative interior point of a (multi)polygon. */
function representativePoint(polygons) {
  let largest = null
  for (const rings of polygons) {
    const { area, centroid } = ringAreaAndCentroid(rings[0])
    if (!largest || area > largest.area) largest = { area, centroid, rings }
  }
  if (inMultiPolygon(largest.centroid, polygons)) return { point: largest.centroid, moved: false }
  const p = scanlinePoint(largest.rings, largest.centroid[1])
  if (!p || !inMultiPolygon(p, polygons)) throw new Error('no interior point found')
  return { point: p, moved: true }
}

// ---------------------------------------------------------------------------
// Assignment
// ---------------------------------------------------------------------------

const byCode = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)

const provinces = readLayer('provincie_2025.topojson', 'provincie_2025').sort(byCode)
const municipalities = readLayer('gemeente_2025.topojson', 'gemeente_2025').sort(byCode)

for (const [label, list, pattern] of [
  ['province', provinces, /^PV\d\d$/],
  ['municipality', municipalities, /^GM\d{4}$/],
]) {
  const seen = new Set()
  for (const { code } of list) {
    if (!pattern.test(code)) throw new Error(`unexpected ${label} code ${code}`)
    if (seen.has(code)) throw new Error(`duplicate ${label} code ${code}`)
    seen.add(code)
  }
}

const notes = []
const rows = municipalities.map((m) => {
  const { point, moved } = representativePoint(m.polygons)
  if (moved) notes.push(`${m.code} ${m.name}: centroid outside, used interior point ${fmt(point)}`)
  const containing = provinces.filter((p) => inMultiPolygon(point, p.polygons))
  let province
  if (containing.length === 1) {
    province = containing[0]
  } else {
    if (containing.length > 1) {
      throw new Error(`${m.code} ${m.name}: point ${fmt(point)} lies in several provinces`)
    }
    let best = null
    for (const p of provinces) {
      const d = boundaryDistance(point, p.polygons)
      if (!best || d < best.d) best = { d, p }
    }
    province = best.p
    notes.push(
      `${m.code} ${m.name}: no province contains ${fmt(point)}; nearest boundary ` +
        `${province.code} ${province.name} (${(best.d * 111.2).toFixed(2)} km)`,
    )
  }
  return { code: m.code, name: m.name, province: province.code }
})

function fmt([x, y]) {
  return `(${x.toFixed(4)}, ${y.toFixed(4)})`
}

// ---------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------

/** A string literal the way Biome formats it (single quotes unless that needs more escapes). */
function str(s) {
  const single = (s.match(/'/g) || []).length
  const double = (s.match(/"/g) || []).length
  const q = double < single ? '"' : "'"
  const body = s
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(new RegExp(q, 'g'), `\\${q}`)
  return q + body + q
}

const lines = [
  '// Generated by scripts/generate-municipalities.mjs from CBS/PDOK 2025 data',
  '// (data/nl/provincie_2025.topojson, data/nl/gemeente_2025.topojson).',
  '// Bron: CBS, PDOK. Licensed under CC BY 4.0. Do not edit: re-run the generator instead.',
  '',
  '/** The 12 Dutch provinces of 2025 (CBS codes), sorted by code. */',
  'export const PROVINCES = [',
  ...provinces.map((p) => `  { code: ${str(p.code)}, name: ${str(p.name)} },`),
  '] as const',
  '',
  '/** The Dutch municipalities of 2025 (CBS codes) with their province, sorted by code. */',
  'export const MUNICIPALITIES = [',
  ...rows.map(
    (r) => `  { code: ${str(r.code)}, name: ${str(r.name)}, province: ${str(r.province)} },`,
  ),
  '] as const',
  '',
]
writeFileSync(outFile, lines.join('\n'))

const counts = new Map(provinces.map((p) => [p.code, 0]))
for (const r of rows) counts.set(r.province, counts.get(r.province) + 1)
console.log(`wrote ${outFile}: ${provinces.length} provinces, ${rows.length} municipalities`)
for (const p of provinces) console.log(`  ${p.code} ${p.name}: ${counts.get(p.code)}`)
for (const n of notes) console.log(`  note: ${n}`)
