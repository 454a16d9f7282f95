/**
 * An Apache ECharts chart (SVG renderer: sharp at any zoom, text a screen can read). Only
 * the chart types and components used are registered, to keep the bundle small.
 */
import { BarChart, GraphChart, MapChart } from 'echarts/charts'
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components'
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import { useEffect, useRef } from 'react'

echarts.use([
  BarChart,
  GraphChart,
  MapChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  SVGRenderer,
])

export { echarts }
export type ChartOption = echarts.EChartsCoreOption

export interface EChartProps {
  readonly option: ChartOption
  /** What the chart shows, for those who cannot see it (a table follows it too). */
  readonly label: string
  readonly height?: number
}

export function EChart({ option, label, height = 320 }: EChartProps) {
  const element = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts | undefined>(undefined)

  useEffect(() => {
    const node = element.current
    if (node === null) return
    const instance = echarts.init(node, undefined, { renderer: 'svg' })
    chart.current = instance
    const observer = new ResizeObserver(() => instance.resize())
    observer.observe(node)
    return () => {
      observer.disconnect()
      instance.dispose()
      chart.current = undefined
    }
  }, [])

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true })
  }, [option])

  return <div ref={element} className="chart" role="img" aria-label={label} style={{ height }} />
}
