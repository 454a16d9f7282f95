/**
 * `polder questions|question|endorse|overview`: the collective's agenda through the running
 * node's API. The question board is the viewer's: open questions per theme, the most
 * endorsed first (endorsements and answers counted by the node's search facets); the
 * overview is `GET /v1/overview` as tables. `--json` prints what the node answered.
 */
import type { ApiClient, OutputOf, Routes } from '@polder/api'
import type { Command } from 'commander'
import { ClientError } from './client.js'
import { dimensionLabel, type Lang, orgLabel, orgNames, themeLabel } from './labels.js'
import { type NodeCommandOptions, nodeCommands, print } from './node-commands.js'
import { formatOverview } from './overview-tables.js'
import { describeRecord, refOf, SEARCH_FLAGS, searchParamsOf, text } from './record-commands.js'

type Options = NodeCommandOptions & { lang?: string }
type Hit = OutputOf<Routes['searchRecords']>['hits'][number]

/** Open questions read for the board, a page of the API's largest at a time. */
const MAX_QUESTIONS = 1_000
const PAGE = '100'
/** Questions whose endorsements and answers the board counts (the viewer's limit). */
const TALLY_LIMIT = '1000'

const langOf = (options: Options): Lang => (options.lang === 'en' ? 'en' : 'nl')

/** A question on the board with what the node counted for it. */
export interface BoardQuestion extends Hit {
  readonly ref: string
  readonly endorsements: number
  readonly answers: number
}

/** One theme of the board: its questions, the most endorsed first. */
export interface BoardTheme {
  /** The theme's code; empty for questions that name no theme. */
  readonly theme: string
  readonly questions: readonly BoardQuestion[]
}

/**
 * The question board: per theme (most questions first), the questions with the filters
 * given (open unless `status` says otherwise), each with its endorsements and answers,
 * the most endorsed first. A question with two themes is on the board twice.
 */
async function board(
  api: ApiClient,
  filters: Readonly<Record<string, string>>,
): Promise<{ themes: BoardTheme[]; complete: boolean }> {
  const tallies = await api.searchRecords({
    query: {
      kind: 'endorsement,finding,practice,lab',
      facets: 'endorses,answers',
      facetLimit: TALLY_LIMIT,
      limit: '1',
    } as never,
  })
  const countOf = (facet: 'endorses' | 'answers') =>
    new Map((tallies.facets[facet] ?? []).map((entry) => [entry.value, entry.count]))
  const endorsements = countOf('endorses')
  const answers = countOf('answers')
  const asked = { status: 'open', ...filters, kind: 'question' }
  let complete = true
  /** Every question with `extra` filters, page by page (up to MAX_QUESTIONS). */
  const questions = async (extra: Record<string, string>): Promise<BoardQuestion[]> => {
    const hits: Hit[] = []
    let cursor: string | undefined
    do {
      const page = await api.searchRecords({
        query: {
          ...asked,
          ...extra,
          limit: PAGE,
          facets: 'kind',
          ...(cursor === undefined ? {} : { cursor }),
        } as never,
      })
      hits.push(...page.hits)
      cursor = page.cursor
    } while (cursor !== undefined && hits.length < MAX_QUESTIONS)
    if (cursor !== undefined) complete = false
    return hits
      .map((hit) => {
        const ref = `polder://${hit.author}/${hit.id}`
        const counted = { endorsements: endorsements.get(ref) ?? 0, answers: answers.get(ref) ?? 0 }
        return { ...hit, ref, ...counted }
      })
      .sort((a, b) => b.endorsements - a.endorsements || b.answers - a.answers)
  }
  const themeCounts = await api.searchRecords({
    query: { ...asked, facets: 'theme', facetLimit: '1000', limit: '1' } as never,
  })
  const wanted = filters.theme?.split(',')
  const themes: BoardTheme[] = []
  const onBoard = new Set<string>()
  for (const { value } of themeCounts.facets.theme ?? []) {
    // a question on a theme asked for also counts its other themes: those stay off
    if (wanted !== undefined && !wanted.includes(value)) continue
    const list = await questions({ theme: value })
    for (const q of list) onBoard.add(q.ref)
    themes.push({ theme: value, questions: list })
  }
  if (wanted === undefined) {
    const unthemed = (await questions({})).filter((q) => !onBoard.has(q.ref))
    if (unthemed.length > 0) themes.push({ theme: '', questions: unthemed })
  }
  return { themes, complete }
}

/** The board in words: per theme (most questions first), the most endorsed first. */
function describeBoard(
  themes: readonly BoardTheme[],
  names: ReadonlyMap<string, string>,
  lang: Lang,
): string {
  const words =
    lang === 'nl'
      ? { endorsed: 'onderschreven', answers: 'antwoorden', none: '(zonder thema)', q: 'vragen' }
      : { endorsed: 'endorsed', answers: 'answers', none: '(no theme)', q: 'questions' }
  const total = new Set(themes.flatMap((t) => t.questions.map((q) => q.ref))).size
  if (total === 0) return lang === 'nl' ? 'Geen vragen gevonden.' : 'No questions found.'
  const lines = [`${total} ${words.q}`]
  for (const { theme, questions } of themes) {
    lines.push('', `${theme === '' ? words.none : themeLabel(theme, lang)} (${questions.length})`)
    for (const q of questions) {
      lines.push(
        `  ${String(q.endorsements).padStart(3)} ${words.endorsed}, ${q.answers} ${words.answers}  ${text(q.title, lang)}`,
        `      ${orgLabel(names, q.author)}  ${q.ref}`,
      )
    }
  }
  return lines.join('\n')
}

export function addAgendaCommands(
  program: Command,
  homeOf: (options: NodeCommandOptions) => string,
  homeFlag: readonly [string, string],
): void {
  const { command, client } = nodeCommands(program, homeOf, homeFlag)

  command('questions', 'the question board: open questions per theme, the most endorsed first')
    .option('--theme <codes>', 'only these themes (comma-separated)')
    .option('--province <codes>', 'only in these provinces (code or name)')
    .option('--municipality <codes>', 'only in these municipalities (code or name)')
    .option('--status <statuses>', 'open (default), in-research, answered or closed')
    .option('--lang <lang>', 'language of titles and labels: nl or en', 'nl')
    .action(async (options: Options & Record<string, string | undefined>) => {
      const filters: Record<string, string> = {}
      for (const name of ['theme', 'province', 'municipality', 'status'] as const) {
        const value = options[name]
        if (value !== undefined) filters[name] = value
      }
      const lang = langOf(options)
      const { api } = await client(options)
      const { themes, complete } = await board(api, filters)
      const names =
        options.json === true || themes.length === 0
          ? new Map<string, string>()
          : await orgNames(api, lang)
      print(options, { themes, complete }, () =>
        [
          describeBoard(themes, names, lang),
          ...(complete ? [] : [`(the first ${MAX_QUESTIONS} per theme; narrow with --province)`]),
        ].join('\n'),
      )
    })

  command('question', 'a question with its answers, who endorsed it and who could answer it')
    .argument('<ref>', 'polder://<did>/<id>, <did>/<id>, or the id of a question of this node')
    .option('--lang <lang>', 'language of titles and labels: nl or en', 'nl')
    .action(async (given: string, options: Options) => {
      const { api } = await client(options)
      const ref = refOf(given)
      const record = await api.getRecord({ params: { id: ref } })
      if (record.kind !== 'question')
        throw new ClientError(`${given} is a ${record.kind}, not a question`)
      const agenda = await api.getSimilarRecords({ params: { id: ref }, query: {} })
      const incoming = (type: string) =>
        agenda.related.filter((r) => r.direction === 'incoming' && r.type === type)
      const endorsers = incoming('endorses')
      const answers = incoming('answers')
      const lang = langOf(options)
      const names = options.json === true ? new Map<string, string>() : await orgNames(api, lang)
      const shown = { record, endorsers, answers, answerers: agenda.answerers }
      print(options, shown, () => describeQuestion(shown, lang, names))
    })

  command('endorse', 'endorse another organisation’s question: "we have this question too"')
    .argument('<ref>', 'the question: polder://<did>/<id> or <did>/<id>')
    .option('--why <text>', 'why this organisation has the question too (its summary)')
    .option('--lang <lang>', 'language of --why and of the problems: nl or en', 'nl')
    .action(async (given: string, options: Options & { why?: string }) => {
      const lang = langOf(options)
      const { api } = await client(options)
      const target = refOf(given)
      const answer = await api.publishRecords({
        body: {
          kind: 'endorsement',
          languages: ['nl', 'en'],
          title: { nl: 'Deze vraag hebben wij ook', en: 'We have this question too' },
          ...(options.why === undefined ? {} : { summary: { [lang]: options.why } }),
          relations: [{ type: 'endorses', target }],
        } as never,
      })
      if ('records' in answer) throw new ClientError('the node answered a list for one record')
      print(options, answer, () =>
        lang === 'nl'
          ? `Vraag ${target} onderschreven (record ${answer.id}).`
          : `Endorsed ${target} (record ${answer.id}).`,
      )
    })

  const overview = command(
    'overview',
    'counts and budgets of what a search selects, by kind, theme, region, funding, year, …',
  )
    .argument('[query...]', 'words, as in polder search')
    .option('--budget-min <amount>', 'budget at least (EUR)')
    .option('--budget-max <amount>', 'budget at most (EUR)')
    .option('--lang <lang>', 'language of labels and amounts: nl or en', 'nl')
  for (const [flag] of SEARCH_FLAGS)
    overview.option(`--${flag} <values>`, 'only these (comma-separated)')
  overview.action(
    async (words: string[], options: Options & Record<string, string | undefined>) => {
      const { api } = await client(options)
      // the flags are checked by the node, which names a wrong one
      const answer = await api.getOverview({ query: searchParamsOf(words, options) as never })
      const lang = langOf(options)
      const names =
        options.json === true || answer.total.count === 0
          ? new Map<string, string>()
          : await orgNames(api, lang)
      print(options, answer, () => formatOverview(answer, lang, names))
    },
  )
}

interface QuestionAgenda {
  readonly record: Parameters<typeof describeRecord>[0]
  readonly endorsers: readonly { ref: string }[]
  readonly answers: readonly { ref: string; kind: string; title: Record<string, string> }[]
  readonly answerers: readonly { did: string; name?: Record<string, string>; records: number }[]
}

function describeQuestion(
  agenda: QuestionAgenda,
  lang: Lang,
  names: ReadonlyMap<string, string>,
): string {
  const words =
    lang === 'nl'
      ? {
          endorsers: 'Onderschreven door',
          answers: 'Antwoorden',
          answerers: 'Zou kunnen antwoorden',
          none: '  (nog niemand)',
          records: 'records over de thema’s',
        }
      : {
          endorsers: 'Endorsed by',
          answers: 'Answers',
          answerers: 'Could answer it',
          none: '  (none yet)',
          records: 'records on its themes',
        }
  const authorOf = (ref: string) => ref.slice('polder://'.length, ref.lastIndexOf('/'))
  const list = (items: string[]) => (items.length === 0 ? [words.none] : items)
  return [
    describeRecord(agenda.record, {
      lang,
      ...(names.has(agenda.record.author) ? { authorName: names.get(agenda.record.author) } : {}),
    }),
    '',
    `${words.endorsers} (${agenda.endorsers.length})`,
    ...list(agenda.endorsers.map((e) => `  ${orgLabel(names, authorOf(e.ref))}  ${e.ref}`)),
    '',
    `${words.answers} (${agenda.answers.length})`,
    ...list(
      agenda.answers.map(
        (a) => `  [${dimensionLabel('kind', a.kind, lang)}] ${text(a.title, lang)}  ${a.ref}`,
      ),
    ),
    '',
    words.answerers,
    ...list(
      agenda.answerers.map(
        (a) =>
          `  ${a.name === undefined ? a.did : text(a.name, lang)}  ${a.records} ${words.records}`,
      ),
    ),
  ].join('\n')
}
