/**
 * Uploading a file into a record's attachments: the node stores it in IPFS and answers
 * its CID, name, media type and size, which become a new item of the list.
 */
import { useId, useState } from 'react'
import { uploadFile } from '../lib/api'
import type { UploadedAttachment } from '../lib/types'
import { useI18n } from '../state/i18n'
import { useAuthorized } from '../state/token'

export function AttachmentUpload({
  onUploaded,
}: {
  readonly onUploaded: (attachment: UploadedAttachment) => void
}) {
  const { t } = useI18n()
  const authorized = useAuthorized()
  const id = useId()
  const [status, setStatus] = useState<string>('')
  const [busy, setBusy] = useState(false)

  const upload = async (file: File) => {
    setBusy(true)
    setStatus(t('publish.uploading', { name: file.name }))
    try {
      const attachment = await authorized(() => uploadFile(file))
      onUploaded(attachment)
      setStatus(t('publish.uploaded', { name: attachment.name }))
    } catch (error) {
      setStatus(t('publish.uploadFailed', { reason: (error as Error).message }))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="form-field attachment-upload">
      <label htmlFor={id}>{t('publish.upload')}</label>
      <input
        id={id}
        type="file"
        disabled={busy}
        onChange={(event) => {
          const file = event.target.files?.[0]
          event.target.value = '' // the same file can be chosen again
          if (file !== undefined) void upload(file)
        }}
      />
      <p className="upload-status" aria-live="polite">
        {status}
      </p>
    </div>
  )
}
