import { isTombstone, type RecordKind, type RecordState, validateRecord } from '@polder/schema'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import {
  BOM,
  columnsOf,
  csvLines,
  csvTemplate,
  describeProblem,
  exportColumns,
  MAX_CSV_ROWS,
  readCsv,
} from '../src/index.js'
import { fixtureRecords } from './fixtures.js'

const records = fixtureRecords().map(({ record }) => record)
const bytes = (text: string) => new TextEncoder().encode(text)
const exportOf = (list: RecordState[], kind: RecordKind) =>
  [...csvLines(list, exportColumns([kind]))].join('')

/** The record a row gives back, with the original's identity. */
function asRecord(input: Record<string, unknown>, like: RecordState) {
  const { id, schemaVersion, author, created, updated, version } = like
  const result = validateRecord({ ...input, id, schemaVersion, author, created, updated, version })
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  return result.value
}

describe('CSV', () => {
  const kinds = [...new Set(records.map((r) => r.kind))] as RecordKind[]

  it.each(kinds)('export -> import gives back every %s fixture', (kind) => {
    const ofKind = records.filter((r) => r.kind === kind && !isTombstone(r))
    const csv = exportOf(ofKind, kind)
    expect(csv.startsWith(BOM)).toBe(true)
    const read = readCsv(bytes(csv), kind)
    expect(read.problems.map((p) => describeProblem(p, 'en'))).toEqual([])
    expect(read.records).toHaveLength(ofKind.length)
    read.records.forEach(({ input }, index) => {
      expect(asRecord(input, ofKind[index] as RecordState)).toEqual(ofKind[index])
    })
  })

  it('names columns by field, languages as title_nl/title_en, money as budget_amount', () => {
    const names = columnsOf('practice').map((c) => c.name)
    expect(names).toEqual(
      expect.arrayContaining([
        'kind',
        'id',
        'title_nl',
        'title_en',
        'budget_amount',
        'budget_currency',
        'themes',
        'places',
        'relations',
      ]),
    )
    const row = (
      parse(
        exportOf(
          records.filter((r) => r.kind === 'practice'),
          'practice',
        ),
        { bom: true, columns: true },
      ) as Record<string, string>[]
    )[0]
    expect(row?.themes).toMatch(/^[a-z-]+(; [a-z-]+)*$/)
  })

  it('escapes cells that start with = + - @ and reads them back', () => {
    const practice = records.find((r) => r.kind === 'practice' && !isTombstone(r))
    if (practice === undefined || isTombstone(practice)) throw new Error('no practice')
    const evil = {
      ...practice,
      title: { nl: '=HYPERLINK("http://x.example")', en: '+1 idea' },
      tags: ['@home', '-5'],
    }
    const csv = exportOf([evil as RecordState], 'practice')
    expect(csv).toContain(`"'=HYPERLINK(""http://x.example"")"`)
    expect(csv).toContain("'+1 idea")
    expect(csv).not.toMatch(/,[=+\-@]/)
    const [read] = readCsv(bytes(csv), 'practice').records
    expect(read?.input.title).toEqual(evil.title)
    expect(read?.input.tags).toEqual(['@home', '-5'])
  })

  it('writes a template with the columns and one example row that imports', () => {
    const example = records.find((r) => r.kind === 'finding')
    const template = csvTemplate('finding', example)
    const read = readCsv(bytes(template), 'finding')
    expect(read.problems).toEqual([])
    expect(read.records).toHaveLength(1)
    expect(template.split('\r\n')[0]).not.toContain(',id,')
  })

  it('reports every invalid row by row and column, in Dutch and English', () => {
    const header = 'title_nl,title_en,status,budget_amount,budget_currency,themes'
    const csv = `${header}\r\nGoed,Good,pilot,100.00,EUR,mobility\r\nSlecht,Bad,pilot,1.234,EUR,weather\r\nDrie,Three,running,,,\r\n`
    const read = readCsv(bytes(csv), 'practice')
    expect(read.records.map((r) => r.row)).toEqual([2])
    const en = read.problems.map((p) => describeProblem(p, 'en'))
    expect(en).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^row 3, column budget_amount: /),
        expect.stringMatching(/^row 3, column themes: /),
        expect.stringMatching(/^row 4, column status: /),
      ]),
    )
    const nl = read.problems.map((p) => describeProblem(p, 'nl'))
    expect(nl).toContainEqual(expect.stringMatching(/^rij 3, kolom budget_amount: /))
  })

  it('reads a semicolon-separated file as Dutch spreadsheets save it', () => {
    const read = readCsv(bytes(`${BOM}title_nl;status\r\nSlimme palen;pilot\r\n`), 'practice')
    expect(read.problems).toEqual([])
    expect(read.records[0]?.input).toMatchObject({
      title: { nl: 'Slimme palen' },
      languages: ['nl'],
    })
  })

  describe('bad files: one problem with its row or column, no records', () => {
    const cases: [string, Uint8Array, RegExp][] = [
      ['an empty file', bytes(''), /^row 1: the file is empty/],
      ['only a byte-order mark', bytes(`${BOM}\r\n`), /^row 1: the file is empty/],
      [
        'a wrong header (another kind)',
        bytes('title_nl,orgType\r\nX,company\r\n'),
        /^row 1, column orgType: not a field of a practice/,
      ],
      [
        'an unknown column',
        bytes('title_nl,status,colour\r\nX,pilot,blue\r\n'),
        /^row 1, column colour: unknown column/,
      ],
      [
        'a missing required column',
        bytes('title_nl\r\nX\r\n'),
        /^row 1, column status: required column missing/,
      ],
      [
        'a non-UTF-8 file',
        Uint8Array.from([...bytes('title_nl,status\r\nCaf'), 0xe9, ...bytes(',pilot\r\n')]),
        /^row 2: the file is not UTF-8/,
      ],
      [
        'a row with too many cells',
        bytes('title_nl,status\r\nX,pilot,extra\r\n'),
        /^row 2: 3 cells where the header has 2 columns/,
      ],
      ['an unclosed quote', bytes('title_nl,status\r\n"X,pilot\r\n'), /^row \d+: not valid CSV/],
    ]
    it.each(cases)('%s', (_name, file, message) => {
      const read = readCsv(file, 'practice')
      expect(read.records).toEqual([])
      expect(read.problems.map((p) => describeProblem(p, 'en'))).toContainEqual(
        expect.stringMatching(message),
      )
    })

    it(`more than ${MAX_CSV_ROWS} rows (200,000)`, () => {
      const file = bytes(`title_nl,status\r\n${'X,pilot\r\n'.repeat(200_000)}`)
      const read = readCsv(file, 'practice')
      expect(read.records).toEqual([])
      expect(describeProblem(read.problems[0] as never, 'en')).toBe(
        `row ${MAX_CSV_ROWS + 2}: more than 10,000 rows (200,000); split the file`,
      )
    })
  })
})
