/** The title of a record named by its reference (fetched once, then cached). */
import { useI18n } from '../state/i18n'
import { useRecord } from '../state/queries'

export function RecordTitle({ reference }: { readonly reference: string }) {
  const { text } = useI18n()
  const record = useRecord(reference)
  if (record.data !== undefined && 'title' in record.data) return <>{text(record.data.title)}</>
  return <>{reference}</>
}
