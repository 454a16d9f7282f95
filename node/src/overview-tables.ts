/**
 * `GET /v1/overview` as readable tables for the terminal: totals, then one table per
 * grouping (value, records, budget), the standards in use, open questions per theme and
 * the most adopted practices and most endorsed questions. Labels and amounts in the
 * language asked; in a grouping a record counts in each of its values, as the node says.
 */
import type { OutputOf, Routes } from '@polder/api'
import { dimensionLabel, type Lang, money, orgLabel } from './labels.js'

type Overview = OutputOf<Routes['getOverview']>
type Money = Overview['total']['budgets'][number]

/** Rows of the per-target tallies shown (the node sends up to 100). */
const TALLY_ROWS = 10

const WORDS = {
  nl: {
    records: 'records',
    budget: 'budget',
    total: 'Totaal',
    joint: 'Gezamenlijke pilots (twee of meer gemeenten)',
    eachNote: 'Per groep telt een record (met zijn hele budget) mee bij elk van zijn waarden.',
    by: {
      kind: 'Per soort',
      theme: 'Per thema',
      sdg: 'Per SDG',
      province: 'Per provincie',
      municipality: 'Per gemeente',
      funding: 'Per financieringsbron',
      year: 'Per jaar',
      status: 'Per status',
      standard: 'Per standaard',
      orgType: 'Per soort organisatie',
    },
    standards: 'Open standaarden: praktijken die ze gebruiken, en hoe vaak die zijn overgenomen',
    practices: 'praktijken',
    adoptions: 'overnames',
    openQuestions: 'Open vragen per thema',
    questions: 'vragen',
    replicates: 'Meest overgenomen praktijken',
    endorses: 'Meest onderschreven vragen',
    answers: 'Vragen met de meeste antwoorden',
    count: 'aantal',
    none: 'Niets gevonden.',
  },
  en: {
    records: 'records',
    budget: 'budget',
    total: 'Total',
    joint: 'Joint pilots (two or more municipalities)',
    eachNote: 'In a grouping a record counts (with its whole budget) in each of its values.',
    by: {
      kind: 'By kind',
      theme: 'By theme',
      sdg: 'By SDG',
      province: 'By province',
      municipality: 'By municipality',
      funding: 'By funding source',
      year: 'By year',
      status: 'By status',
      standard: 'By standard',
      orgType: 'By organisation type',
    },
    standards: 'Open standards: practices that use them, and how often those were adopted',
    practices: 'practices',
    adoptions: 'adoptions',
    openQuestions: 'Open questions per theme',
    questions: 'questions',
    replicates: 'Most adopted practices',
    endorses: 'Most endorsed questions',
    answers: 'Questions with the most answers',
    count: 'count',
    none: 'Nothing found.',
  },
} as const

/** Columns padded to their widest cell; every column but the first aligned right. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd()
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

const budgetsOf = (budgets: readonly Money[], lang: Lang) =>
  budgets.map((b) => money(b.amount, b.currency, lang)).join(', ')

export function formatOverview(
  overview: Overview,
  lang: Lang,
  names: ReadonlyMap<string, string>,
): string {
  const w = WORDS[lang]
  if (overview.total.count === 0) return w.none
  const sections = [
    table(
      ['', w.records, w.budget],
      [
        [w.total, String(overview.total.count), budgetsOf(overview.total.budgets, lang)],
        [
          w.joint,
          String(overview.jointPilots.count),
          budgetsOf(overview.jointPilots.budgets, lang),
        ],
      ],
    ),
    w.eachNote,
  ]
  for (const [dimension, groups] of Object.entries(overview.by)) {
    if (groups.length === 0) continue
    const title = w.by[dimension as keyof typeof w.by] ?? dimension
    sections.push(
      table(
        [title, w.records, w.budget],
        groups.map((g) => [
          dimensionLabel(dimension, g.value, lang),
          String(g.count),
          budgetsOf(g.budgets, lang),
        ]),
      ),
    )
  }
  if (overview.standards.length > 0)
    sections.push(
      `${w.standards}\n${table(
        ['', w.practices, w.adoptions],
        overview.standards.map((s) => [
          dimensionLabel('standard', s.code, lang),
          String(s.practices),
          String(s.adoptions),
        ]),
      )}`,
    )
  if (overview.openQuestionsPerTheme.length > 0)
    sections.push(
      table(
        [w.openQuestions, w.questions],
        overview.openQuestionsPerTheme.map((q) => [
          dimensionLabel('theme', q.theme, lang),
          String(q.count),
        ]),
      ),
    )
  for (const tally of ['replicates', 'endorses', 'answers'] as const) {
    const rows = overview.tallies[tally].slice(0, TALLY_ROWS)
    if (rows.length === 0) continue
    const author = (ref: string) => ref.slice('polder://'.length, ref.lastIndexOf('/'))
    sections.push(
      table(
        [w[tally], w.count],
        rows.map((t) => [`${orgLabel(names, author(t.target))}  ${t.target}`, String(t.count)]),
      ),
    )
  }
  return sections.join('\n\n')
}
