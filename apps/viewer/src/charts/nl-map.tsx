/**
 * The Netherlands by municipality or province from the CBS/PDOK boundaries shipped with
 * the viewer (TopoJSON, no tile server): where practices run or were adopted.
 */
import { useQuery } from '@tanstack/react-query'
import type { FeatureCollection } from 'geojson'
import { useMemo } from 'react'
import { feature } from 'topojson-client'
import { ErrorNote, Loading } from '../components/status'
import type { MapLevel, PlaceCounts } from '../lib/map-data'
import { useI18n } from '../state/i18n'
import { EChart, echarts } from './echart'

const FILES: Record<MapLevel, { file: string; object: string }> = {
  municipality: { file: '/data/gemeente_2025.topojson', object: 'gemeente_2025' },
  province: { file: '/data/provincie_2025.topojson', object: 'provincie_2025' },
}

type Topology = Parameters<typeof feature>[0]

/** Loads a boundary file once and registers it as an ECharts map named after the level. */
function useBoundaries(level: MapLevel) {
  return useQuery({
    queryKey: ['boundaries', level],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async ({ signal }) => {
      const { file, object } = FILES[level]
      const response = await fetch(file, { signal })
      if (!response.ok) throw new Error(`${file}: ${response.status}`)
      const topology = (await response.json()) as Topology
      const geometry = topology.objects[object]
      if (geometry === undefined) throw new Error(`${file} has no ${object}`)
      const geojson = feature(topology, geometry) as unknown as FeatureCollection
      echarts.registerMap(`nl-${level}`, geojson as never)
      const names = new Map<string, string>()
      for (const item of geojson.features)
        names.set(String(item.properties?.statcode), String(item.properties?.statnaam))
      return names
    },
  })
}

export interface NlMapProps {
  readonly level: MapLevel
  readonly counts: ReadonlyMap<string, PlaceCounts>
  readonly show: keyof PlaceCounts
  readonly label: string
}

export function NlMap({ level, counts, show, label }: NlMapProps) {
  const { t } = useI18n()
  const boundaries = useBoundaries(level)
  const names = boundaries.data
  const option = useMemo(() => {
    if (names === undefined) return undefined
    const data = [...names.keys()].map((code) => ({
      name: code,
      value: counts.get(code)?.[show] ?? 0,
    }))
    const max = Math.max(1, ...data.map((item) => item.value))
    const places = data
      .filter((item) => item.value > 0)
      .sort((a, b) => b.value - a.value)
      .map((item) => `${names.get(item.name) ?? item.name}: ${item.value}`)
    const description =
      places.length === 0
        ? t('chart.mapEmpty', { title: label })
        : t('chart.map', { title: label, items: places.join('; ') })
    return {
      aria: { enabled: true, label: { description } },
      tooltip: {
        trigger: 'item',
        formatter: (params: { name: string; value: number }) =>
          `${names.get(params.name) ?? params.name}: ${Number.isNaN(params.value) ? 0 : params.value}`,
      },
      visualMap: {
        min: 0,
        max,
        left: 8,
        bottom: 8,
        calculable: false,
        inRange: { color: ['#f1f5f9', '#86efac', '#166534'] },
        text: [String(max), '0'],
      },
      series: [
        {
          type: 'map',
          map: `nl-${level}`,
          nameProperty: 'statcode',
          roam: true,
          aspectScale: 0.62,
          itemStyle: { borderColor: '#64748b', borderWidth: level === 'province' ? 1 : 0.3 },
          emphasis: { label: { show: false }, itemStyle: { areaColor: '#fde68a' } },
          data,
        },
      ],
    }
  }, [names, counts, show, level, label, t])

  const listed = [...counts]
    .filter(([, value]) => value[show] > 0)
    .sort((a, b) => b[1][show] - a[1][show])
  return (
    <>
      {boundaries.error ? (
        <ErrorNote error={boundaries.error} />
      ) : option === undefined ? (
        <Loading />
      ) : (
        <EChart option={option} label={label} height={560} />
      )}
      <p className="attribution small">{t('overview.attribution')}</p>
      <details>
        <summary>{t('overview.table')}</summary>
        <table>
          <caption className="visually-hidden">{label}</caption>
          <thead>
            <tr>
              <th scope="col">
                {t(level === 'province' ? 'facet.province' : 'facet.municipality')}
              </th>
              <th scope="col">{t('overview.running')}</th>
              <th scope="col">{t('overview.adopted')}</th>
            </tr>
          </thead>
          <tbody>
            {listed.map(([code, value]) => (
              <tr key={code}>
                <th scope="row">{names?.get(code) ?? code}</th>
                <td>{value.running}</td>
                <td>{value.adopted}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  )
}
