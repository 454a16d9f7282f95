/**
 * The overview the strategy asks for: initiatives (or practices, adoptions) and their
 * budgets by theme, funding source, province, year and more, as the node computes them
 * (`GET /v1/overview`: nothing is summed here), each table downloadable as CSV; joint
 * pilots and open questions; the map and the replication graph (counted from the records).
 */
import { useCallback, useMemo, useState } from 'react'
import { GroupChart } from '../charts/group-chart'
import { NlMap } from '../charts/nl-map'
import { ReplicationChart } from '../charts/replication-chart'
import { ErrorNote, Loading } from '../components/status'
import { countByArea, type MapLevel, type PlaceCounts } from '../lib/map-data'
import { formatMoney, fromMinor } from '../lib/money'
import { type Group, UNKNOWN } from '../lib/overview'
import { budgetMap, chartGroups } from '../lib/overview-groups'
import { replicationGraph } from '../lib/replication'
import { useOverview } from '../state/agenda-queries'
import { useI18n } from '../state/i18n'
import { useLabels } from '../state/labels'
import { useAllRecords } from '../state/queries'
import { useTitle } from './use-title'

const BUDGETED = ['initiative', 'practice', 'adoption'] as const
type Shown = (typeof BUDGETED)[number] | 'all'
/** Charts plot one currency; the collective budgets in euros. */
const CURRENCY = 'EUR'

export default function OverviewPage() {
  const { t, locale } = useI18n()
  const { label, vocabularies } = useLabels()
  useTitle(t('overview.title'))
  const all = useAllRecords()
  const [shown, setShown] = useState<Shown>('initiative')
  const [level, setLevel] = useState<MapLevel>('province')
  const [mapShow, setMapShow] = useState<keyof PlaceCounts>('running')

  const provinceOf = useMemo(
    () =>
      new Map((vocabularies?.municipalities ?? []).map((item) => [item.code, item.province ?? ''])),
    [vocabularies],
  )
  const overview = useOverview({ kind: shown === 'all' ? BUDGETED.join(',') : shown })
  const by = overview.data?.by
  const labelOf = useCallback(
    (
      list:
        | 'themes'
        | 'fundingSources'
        | 'provinces'
        | 'kinds'
        | 'municipalities'
        | 'standards'
        | 'organizationTypes',
    ) =>
      (key: string) =>
        key === UNKNOWN ? t('overview.unknown') : label(list, key),
    [label, t],
  )
  const themeLabel = useMemo(() => labelOf('themes'), [labelOf])
  const fundingLabel = useMemo(() => labelOf('fundingSources'), [labelOf])
  const provinceLabel = useMemo(() => labelOf('provinces'), [labelOf])
  const yearLabel = useCallback(
    (key: string) => (key === UNKNOWN ? t('overview.unknown') : key),
    [t],
  )
  const statusLabel = useCallback(
    (key: string) => {
      const practice = label('practiceStatuses', key)
      return practice !== key ? practice : label('questionStatuses', key)
    },
    [label],
  )
  const sdgLabel = useCallback((key: string) => `SDG ${key}`, [])
  const charts = useMemo(() => {
    const of = (groups: Parameters<typeof chartGroups>[0] | undefined, byKey = false): Group[] =>
      chartGroups(groups ?? [], byKey)
    return {
      theme: of(by?.theme),
      funding: of(by?.funding),
      province: of(by?.province),
      year: of(by?.year, true),
      kind: of(by?.kind),
      sdg: of(by?.sdg).sort((a, b) => Number(a.key) - Number(b.key)),
      municipality: of(by?.municipality).slice(0, 25),
      status: of(by?.status),
      standard: of(by?.standard),
      orgType: of(by?.orgType),
    }
  }, [by])
  const areas = useMemo(
    () => countByArea(all.data ?? [], level, provinceOf),
    [all.data, level, provinceOf],
  )
  const graph = useMemo(() => replicationGraph(all.data ?? []), [all.data])

  const totalBudget = budgetMap(overview.data?.total.budgets ?? [])
  const euros = totalBudget.get(CURRENCY) ?? 0n
  const others = [...totalBudget].filter(([code]) => code !== CURRENCY)
  const jointBudget = budgetMap(overview.data?.jointPilots.budgets ?? [])

  return (
    <div className="overview">
      <h1>{t('overview.title')}</h1>
      <p>{t('overview.intro')}</p>
      {overview.error ? (
        <ErrorNote error={overview.error} />
      ) : overview.isPending ? (
        <Loading />
      ) : (
        <>
          <section aria-labelledby="budgets-title">
            <h2 id="budgets-title" className="visually-hidden">
              {t('overview.budget')}
            </h2>
            <label htmlFor="overview-kind">{t('overview.kind')}</label>
            <select
              id="overview-kind"
              value={shown}
              onChange={(event) => setShown(event.target.value as Shown)}
            >
              {BUDGETED.map((kind) => (
                <option key={kind} value={kind}>
                  {label('kinds', kind)}
                </option>
              ))}
              <option value="all">
                {BUDGETED.map((kind) => label('kinds', kind)).join(' + ')}
              </option>
            </select>
            <p className="total" role="status">
              {t('overview.total', {
                count: overview.data.total.count,
                budget: formatMoney(fromMinor(euros, CURRENCY), locale),
              })}
              {others.length > 0 &&
                ` · ${t('overview.otherCurrencies', {
                  amounts: others
                    .map(([code, minor]) => formatMoney(fromMinor(minor, code), locale))
                    .join(', '),
                })}`}
            </p>
            <p className="muted small">{t('overview.countsInEach')}</p>
            <p role="status">
              {t('overview.jointPilots', { count: overview.data.jointPilots.count })}
              {jointBudget.size > 0 &&
                ` · ${[...jointBudget].map(([code, minor]) => formatMoney(fromMinor(minor, code), locale)).join(', ')}`}
            </p>
            <div className="chart-grid">
              {(
                [
                  ['theme', 'overview.byTheme', themeLabel],
                  ['funding', 'overview.byFunding', fundingLabel],
                  ['province', 'overview.byRegion', provinceLabel],
                  ['year', 'overview.byYear', yearLabel],
                  ['sdg', 'overview.bySdg', sdgLabel],
                  ['municipality', 'overview.byMunicipality', labelOf('municipalities')],
                  ['status', 'overview.byStatus', statusLabel],
                  ['standard', 'overview.byStandard', labelOf('standards')],
                  ['orgType', 'overview.byOrgType', labelOf('organizationTypes')],
                ] as const
              ).map(([key, title, labelFn]) => (
                <GroupChart
                  key={key}
                  title={t(title)}
                  groups={charts[key]}
                  labelOf={labelFn}
                  currency={CURRENCY}
                  csvName={`polder-overview-${shown}-${key}.csv`}
                  {...(key === 'theme' ? { note: t('overview.multiTheme') } : {})}
                />
              ))}
            </div>
            <OpenQuestions
              rows={overview.data.openQuestionsPerTheme}
              labelOf={themeLabel}
              title={t('overview.openQuestions')}
            />
          </section>
          <section aria-labelledby="map-title">
            <h2 id="map-title">{t('overview.map')}</h2>
            <div className="controls">
              <label htmlFor="map-level">{t('overview.mapLevel')}</label>
              <select
                id="map-level"
                value={level}
                onChange={(event) => setLevel(event.target.value as MapLevel)}
              >
                <option value="province">{t('overview.mapLevel.province')}</option>
                <option value="municipality">{t('overview.mapLevel.municipality')}</option>
              </select>
              <label htmlFor="map-show">{t('overview.mapShow')}</label>
              <select
                id="map-show"
                value={mapShow}
                onChange={(event) => setMapShow(event.target.value as keyof PlaceCounts)}
              >
                <option value="running">{t('overview.running')}</option>
                <option value="adopted">{t('overview.adopted')}</option>
              </select>
            </div>
            <NlMap
              level={level}
              counts={areas}
              show={mapShow}
              label={`${t('overview.map')}: ${t(mapShow === 'running' ? 'overview.running' : 'overview.adopted')}`}
            />
          </section>
          <section aria-labelledby="graph-title">
            <h2 id="graph-title">{t('overview.graph')}</h2>
            <ReplicationChart graph={graph} />
          </section>
        </>
      )}
    </div>
  )
}

/** Open questions per theme, from the node's overview of every kind. */
function OpenQuestions(props: {
  readonly rows: readonly { theme: string; count: number }[]
  readonly labelOf: (key: string) => string
  readonly title: string
}) {
  const all = useOverview({ kind: 'question' })
  const rows = all.data?.openQuestionsPerTheme ?? props.rows
  const { t } = useI18n()
  return (
    <section aria-labelledby="open-questions-title">
      <h3 id="open-questions-title">{props.title}</h3>
      {rows.length === 0 ? (
        <p className="muted">{t('overview.none')}</p>
      ) : (
        <table>
          <tbody>
            {rows.map((row) => (
              <tr key={row.theme}>
                <th scope="row">
                  <a href={`/questions?theme=${encodeURIComponent(row.theme)}`}>
                    {props.labelOf(row.theme)}
                  </a>
                </th>
                <td>{row.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
