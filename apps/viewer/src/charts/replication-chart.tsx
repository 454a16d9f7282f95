/** Practices travelling between organisations: a directed graph, and the same as a table. */
import { useMemo } from 'react'
import { Link } from 'react-router-dom'
import { RecordTitle } from '../components/record-title'
import { parseRef, recordPath } from '../lib/api'
import type { ReplicationGraph } from '../lib/replication'
import { useI18n } from '../state/i18n'
import { useLabels } from '../state/labels'
import { EChart } from './echart'

export function ReplicationChart({ graph }: { readonly graph: ReplicationGraph }) {
  const { t } = useI18n()
  const { orgName } = useLabels()
  const option = useMemo(
    () => ({
      aria: {
        enabled: true,
        label: {
          description: t('chart.graph', {
            organisations: graph.nodes.length,
            items: graph.edges
              .map((edge) =>
                t('chart.edge', {
                  from: orgName(edge.from),
                  to: orgName(edge.to),
                  count: edge.practices.length,
                }),
              )
              .join('; '),
          }),
        },
      },
      tooltip: {},
      series: [
        {
          type: 'graph',
          layout: 'circular',
          circular: { rotateLabel: false },
          roam: true,
          label: { show: true, position: 'right', color: '#0f172a' },
          symbolSize: 18,
          edgeSymbol: ['none', 'arrow'],
          edgeSymbolSize: 10,
          lineStyle: { color: '#1d4ed8', curveness: 0.2, opacity: 0.8 },
          itemStyle: { color: '#166534' },
          data: graph.nodes.map((did) => ({ id: did, name: orgName(did) })),
          links: graph.edges.map((edge) => ({
            source: edge.from,
            target: edge.to,
            value: edge.practices.length,
            lineStyle: { width: 1 + edge.practices.length },
          })),
        },
      ],
    }),
    [graph, orgName, t],
  )
  if (graph.edges.length === 0) return <p className="muted">{t('overview.noGraph')}</p>
  return (
    <>
      <p>{t('overview.graphIntro')}</p>
      <EChart option={option} label={t('overview.graph')} height={480} />
      <details>
        <summary>{t('overview.table')}</summary>
        <table>
          <caption className="visually-hidden">{t('overview.graph')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('overview.from')}</th>
              <th scope="col">{t('overview.to')}</th>
              <th scope="col">{t('overview.practice')}</th>
            </tr>
          </thead>
          <tbody>
            {graph.edges.flatMap((edge) =>
              edge.practices.map((practice) => {
                const ref = parseRef(practice)
                return (
                  <tr key={`${edge.from} ${edge.to} ${practice}`}>
                    <td>{orgName(edge.from)}</td>
                    <td>{orgName(edge.to)}</td>
                    <td>
                      {ref === undefined ? (
                        practice
                      ) : (
                        <Link to={recordPath(ref.author, ref.id)}>
                          <RecordTitle reference={practice} />
                        </Link>
                      )}
                    </td>
                  </tr>
                )
              }),
            )}
          </tbody>
        </table>
      </details>
    </>
  )
}
