/**
 * The overview the strategy asks for: initiatives (or practices, adoptions) and their
 * budgets by theme, funding source, province and year; the map; the replication graph.
 */
import { useCallback, useMemo, useState } from 'react'
import { GroupChart } from '../charts/group-chart'
import { NlMap } from '../charts/nl-map'
import { ReplicationChart } from '../charts/replication-chart'
import { ErrorNote, Loading } from '../components/status'
import { countByArea, type MapLevel, type PlaceCounts } from '../lib/map-data'
import { formatMoney, fromMinor } from '../lib/money'
import { groupBy, totals, UNKNOWN } from '../lib/overview'
import { replicationGraph } from '../lib/replication'
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
  const records = useMemo(
    () =>
      (all.data ?? []).filter((record) =>
        shown === 'all'
          ? (BUDGETED as readonly string[]).includes(record.kind)
          : record.kind === shown,
      ),
    [all.data, shown],
  )
  const labelOf = useCallback(
    (list: 'themes' | 'fundingSources' | 'provinces') => (key: string) =>
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
  const byTheme = useMemo(() => groupBy(records, 'theme'), [records])
  const byFunding = useMemo(() => groupBy(records, 'funding'), [records])
  const byProvince = useMemo(() => groupBy(records, 'province', provinceOf), [records, provinceOf])
  const byYear = useMemo(() => groupBy(records, 'year'), [records])
  const areas = useMemo(
    () => countByArea(all.data ?? [], level, provinceOf),
    [all.data, level, provinceOf],
  )
  const graph = useMemo(() => replicationGraph(all.data ?? []), [all.data])

  const sum = totals(records)
  const euros = sum.budget.get(CURRENCY) ?? 0n
  const others = [...sum.budget].filter(([code]) => code !== CURRENCY)

  return (
    <div className="overview">
      <h1>{t('overview.title')}</h1>
      <p>{t('overview.intro')}</p>
      {all.error ? (
        <ErrorNote error={all.error} />
      ) : all.isPending ? (
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
                count: sum.count,
                budget: formatMoney(fromMinor(euros, CURRENCY), locale),
              })}
              {others.length > 0 &&
                ` · ${t('overview.otherCurrencies', {
                  amounts: others
                    .map(([code, minor]) => formatMoney(fromMinor(minor, code), locale))
                    .join(', '),
                })}`}
            </p>
            <div className="chart-grid">
              <GroupChart
                title={t('overview.byTheme')}
                groups={byTheme}
                labelOf={themeLabel}
                currency={CURRENCY}
                note={t('overview.multiTheme')}
              />
              <GroupChart
                title={t('overview.byFunding')}
                groups={byFunding}
                labelOf={fundingLabel}
                currency={CURRENCY}
              />
              <GroupChart
                title={t('overview.byRegion')}
                groups={byProvince}
                labelOf={provinceLabel}
                currency={CURRENCY}
              />
              <GroupChart
                title={t('overview.byYear')}
                groups={byYear}
                labelOf={yearLabel}
                currency={CURRENCY}
              />
            </div>
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
