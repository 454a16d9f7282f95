/** Records and budget per group (theme, funding source, province, year): bars, and the table. */
import { useMemo } from 'react'
import { saveText, toCsv } from '../lib/csv'
import { formatCompactMoney, formatMoney, fromMinor, majorUnits } from '../lib/money'
import type { Group } from '../lib/overview'
import { csvRows } from '../lib/overview-groups'
import { useI18n } from '../state/i18n'
import { EChart } from './echart'

export interface GroupChartProps {
  readonly title: string
  readonly groups: readonly Group[]
  readonly labelOf: (key: string) => string
  readonly currency: string
  /** How to read the chart, shown under its title. */
  readonly note?: string
  /** File name of the table as CSV; without it, no download is offered. */
  readonly csvName?: string
}

export function GroupChart({ title, groups, labelOf, currency, note, csvName }: GroupChartProps) {
  const { t, locale } = useI18n()
  const option = useMemo(() => {
    const names = groups.map((group) => labelOf(group.key))
    // ECharts' own description is English and says "NaN" for a bar without a value
    const items = groups.map((group) => {
      const minor = group.budget.get(currency)
      return t('chart.group', {
        name: labelOf(group.key),
        count: group.count,
        budget: minor === undefined ? '—' : formatMoney(fromMinor(minor, currency), locale),
      })
    })
    const description = t('chart.groups', { title, items: items.join('; ') })
    return {
      aria: { enabled: true, label: { description } },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 36, containLabel: true },
      xAxis: {
        type: 'category',
        data: names,
        axisLabel: {
          interval: 0,
          rotate: names.length > 5 ? 30 : 0,
          width: 120,
          overflow: 'truncate',
        },
      },
      yAxis: [
        { type: 'value', name: t('overview.count'), minInterval: 1 },
        {
          type: 'value',
          name: t('overview.budget'),
          axisLabel: { formatter: (value: number) => formatCompactMoney(value, currency, locale) },
        },
      ],
      series: [
        {
          name: t('overview.count'),
          type: 'bar',
          data: groups.map((group) => group.count),
          itemStyle: { color: '#166534' },
        },
        {
          name: `${t('overview.budget')} (${currency})`,
          type: 'bar',
          yAxisIndex: 1,
          data: groups.map((group) => majorUnits(group.budget.get(currency) ?? 0n, currency)),
          itemStyle: { color: '#1d4ed8' },
          tooltip: {
            valueFormatter: (value: number) => formatCompactMoney(value, currency, locale),
          },
        },
      ],
    }
  }, [groups, labelOf, currency, t, locale, title])

  return (
    <figure className="chart-figure">
      <figcaption>
        <h3>{title}</h3>
        {note !== undefined && <p className="muted small chart-note">{note}</p>}
      </figcaption>
      {groups.length === 0 ? (
        <p className="muted">{t('overview.none')}</p>
      ) : (
        <>
          <EChart option={option} label={title} />
          {csvName !== undefined && (
            <button
              type="button"
              className="link"
              onClick={() => {
                const currencies = [...new Set(groups.flatMap((g) => [...g.budget.keys()]))].sort()
                const rows = csvRows(
                  groups,
                  labelOf,
                  currencies,
                  (minor, code) => fromMinor(minor, code).amount,
                )
                const header = [
                  'code',
                  title,
                  t('overview.count'),
                  ...currencies.map((c) => `${t('overview.budget')} (${c})`),
                ]
                saveText(csvName, toCsv(header, rows))
              }}
            >
              {t('overview.csv')}
            </button>
          )}
          <details>
            <summary>{t('overview.table')}</summary>
            <table>
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{title}</th>
                  <th scope="col">{t('overview.count')}</th>
                  <th scope="col">{t('overview.budget')}</th>
                </tr>
              </thead>
              <tbody>
                {groups.map((group) => (
                  <tr key={group.key}>
                    <th scope="row">{labelOf(group.key)}</th>
                    <td>{group.count}</td>
                    <td>
                      {[...group.budget]
                        .map(([code, minor]) => formatMoney(fromMinor(minor, code), locale))
                        .join(' + ') || '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </figure>
  )
}
