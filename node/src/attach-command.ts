/**
 * `polder attach FILE`, `polder fetch CID`, `polder attachments [CID]`: files over IPFS
 * through the running node. Uploads and downloads stream (never whole in memory), with a
 * progress bar on a terminal; a download that breaks off resumes with a Range request.
 */
import { createReadStream, createWriteStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { type IncomingMessage, request } from 'node:http'
import { basename, extname } from 'node:path'
import { Transform, type Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { pathOf, ROUTES } from '@polder/api'
import type { Command } from 'commander'
import { ClientError } from './client.js'
import { type NodeCommandOptions, nodeCommands, print } from './node-commands.js'

interface AttachOptions extends NodeCommandOptions {
  name?: string
  type?: string
}

interface FetchOptions extends NodeCommandOptions {
  output?: string
}

/** Media types by file extension, for the common kinds of attachment; else --type. */
const MEDIA_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.odt': 'application/vnd.oasis.opendocument.text',
  '.ods': 'application/vnd.oasis.opendocument.spreadsheet',
  '.zip': 'application/zip',
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
}

/** Times a broken download is resumed. */
const RESUMES = 3
/** How long the node may stay silent before a transfer is given up. */
const IDLE_TIMEOUT_MS = 120_000

export function addAttachmentCommands(
  program: Command,
  homeOf: (options: NodeCommandOptions) => string,
  homeFlag: readonly [string, string],
): void {
  const { command, client } = nodeCommands(program, homeOf, homeFlag)

  command('attach', 'upload a file to the node; prints the attachment to put in a record')
    .argument('<file>', 'the file (report, data set, photo)')
    .option('--name <name>', 'file name in the record (default: the file’s own)')
    .option('--type <media-type>', 'media type (default: from the extension)')
    .action(async (file: string, options: AttachOptions) => {
      const node = await client(options)
      const size = (await stat(file)).size
      const name = options.name ?? basename(file)
      const type =
        options.type ?? MEDIA_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
      const bar = progressBar(size, `attach ${name}`)
      const response = await send(
        `${node.url}${pathOf(ROUTES.uploadAttachment, { query: { name, type } })}`,
        {
          method: 'POST',
          headers: {
            'content-type': type,
            'content-length': String(size),
            ...(node.token === undefined ? {} : { authorization: `Bearer ${node.token}` }),
          },
        },
        (upload) => pipeline(createReadStream(file), counter(bar.update), upload),
      ).catch(async (err: unknown) => {
        // a node refusing a file at once (too large) answers and closes while the file is
        // still being sent: the write may fail before its answer is read, so ask again
        if (!brokenConnection(err)) throw err
        const { maxBytes } = await node.api.listAttachments()
        if (size <= maxBytes) throw err
        const { AttachmentTooLargeError } = await import('@polder/attachments')
        throw new ClientError(new AttachmentTooLargeError(maxBytes).message)
      })
      const attachment = ROUTES.uploadAttachment.responses[201].schema.parse(await json(response))
      bar.done()
      print(options, attachment, () => JSON.stringify(attachment, null, 2))
    })

  command('fetch', 'download a file by CID (from peers when the node does not have it)')
    .argument('<cid>', 'the CID')
    .option('-o, --output <file>', 'write to this file (default: standard output)')
    .action(async (cid: string, options: FetchOptions) => {
      const node = await client(options)
      let written = 0
      let size: number | undefined
      const bar = progressBar(undefined, `fetch ${cid.slice(0, 16)}…`)
      for (let attempt = 0; ; attempt++) {
        const range: Record<string, string> = written > 0 ? { range: `bytes=${written}-` } : {}
        try {
          const response = await send(
            `${node.url}${pathOf(ROUTES.downloadAttachment, { params: { cid } })}`,
            { method: 'GET', headers: range },
            async () => {},
          )
          if (response.statusCode !== 200 && response.statusCode !== 206) await json(response)
          size ??= Number(response.headers['content-length'])
          bar.total(size)
          const out: Writable =
            options.output === undefined
              ? process.stdout
              : createWriteStream(options.output, {
                  flags: written > 0 ? 'r+' : 'w',
                  start: written,
                })
          const before = written
          await pipeline(
            response,
            counter((n) => {
              written = before + n
              bar.update(written)
            }),
            out,
            { end: options.output !== undefined },
          )
          break
        } catch (err) {
          // only a file can be resumed: what went to standard output is gone
          if (err instanceof ClientError || options.output === undefined || attempt >= RESUMES)
            throw err instanceof ClientError
              ? err
              : new ClientError(`download broke off: ${(err as Error).message}`)
        }
      }
      bar.done()
      if (options.output !== undefined) {
        print(
          options,
          { cid, file: options.output, size: written },
          () => `${written} bytes to ${options.output}`,
        )
      }
    })

  command('attachments', 'pinned attachments and the pin budget, or where one file stands')
    .argument('[cid]', 'a CID: its status (pinned, local, fetching, unavailable)')
    .action(async (cid: string | undefined, options: NodeCommandOptions) => {
      const node = await client(options)
      if (cid !== undefined) {
        const status = await node.api.getAttachmentStatus({ params: { cid } })
        print(
          options,
          status,
          () => `${status.state}  ${status.localBytes} of ${status.size ?? '?'} bytes here`,
        )
        return
      }
      const pins = await node.api.listAttachments()
      print(options, pins, () =>
        [
          ...pins.pins.map((pin) => `${pin.cid}  ${pin.origin.padEnd(6)}  ${mb(pin.size)}`),
          `follow budget: ${mb(pins.budget.used)} of ${mb(pins.budget.bytes)} used`,
        ].join('\n'),
      )
    })
}

const brokenConnection = (err: unknown): boolean =>
  ['EPIPE', 'ECONNRESET'].includes((err as NodeJS.ErrnoException).code ?? '')

/** One HTTP request whose body `write` streams; resolves with the response. */
function send(
  url: string,
  options: { method: string; headers: Record<string, string> },
  write: (body: Writable) => Promise<void>,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ...options, timeout: IDLE_TIMEOUT_MS }, (response) => {
      // the node may answer (a refusal) before the upload is done: stop sending then
      response.once('end', () => {
        if (!req.writableFinished) req.destroy()
      })
      resolve(response)
    })
    req.on('timeout', () => req.destroy(new Error('the node stopped answering')))
    req.on('error', (err) =>
      reject(
        (err as NodeJS.ErrnoException).code === 'ECONNREFUSED'
          ? new ClientError(
              `no node running at ${new URL(url).origin}: start one with \`polder start\``,
            )
          : err,
      ),
    )
    write(req).then(
      () => req.end(),
      (err: Error) => req.destroy(err),
    )
  })
}

/** The body of a response as JSON; a problem document becomes a {@link ClientError}. */
async function json(response: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = []
  for await (const part of response) parts.push(part as Buffer)
  const text = Buffer.concat(parts).toString('utf8')
  const parsed = text === '' ? undefined : (JSON.parse(text) as { title?: string; detail?: string })
  if ((response.statusCode ?? 500) >= 400) {
    const detail = parsed?.detail === undefined ? '' : ` (${parsed.detail})`
    throw new ClientError(`${parsed?.title ?? `the node answered ${response.statusCode}`}${detail}`)
  }
  return parsed
}

function counter(onBytes: (bytes: number) => void): Transform {
  let bytes = 0
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length
      onBytes(bytes)
      callback(null, chunk)
    },
  })
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`

/** A progress bar on standard error when it is a terminal; silent otherwise. */
function progressBar(size: number | undefined, label: string) {
  const tty = process.stderr.isTTY === true
  const started = Date.now()
  let total = size
  let last = 0
  const draw = (bytes: number) => {
    if (!tty) return
    const now = Date.now()
    if (now - last < 100 && bytes !== total) return
    last = now
    const rate = bytes / Math.max((now - started) / 1000, 0.001)
    const share = total === undefined || total === 0 ? 0 : bytes / total
    const width = 30
    const filled = Math.round(share * width)
    process.stderr.write(
      `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.round(share * 100)}% ${mb(bytes)}${total === undefined ? '' : ` of ${mb(total)}`} ${mb(rate)}/s `,
    )
  }
  return {
    update: draw,
    total: (bytes: number) => {
      total = bytes
    },
    done: () => {
      if (tty) process.stderr.write('\n')
    },
  }
}
