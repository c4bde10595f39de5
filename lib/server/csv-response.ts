import 'server-only'
import { csvRow, type CsvValue } from '@/lib/privacy/csv'

/**
 * A streamed CSV download: the header, then one line per row as the iterator yields it. The first
 * row is read before the answer starts, so a failing query is an error status, not a cut-off file.
 */
export async function csvResponse(
  header: readonly string[],
  rows: AsyncIterable<readonly CsvValue[]>,
  filename: string,
  where: string,
): Promise<Response> {
  const encoder = new TextEncoder()
  const iterator = rows[Symbol.asyncIterator]()
  let pending: IteratorResult<readonly CsvValue[]> | null = await iterator.next()
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvRow(header)))
    },
    async pull(controller) {
      try {
        const next = pending ?? (await iterator.next())
        pending = null
        if (next.done) controller.close()
        else controller.enqueue(encoder.encode(csvRow(next.value)))
      } catch (cause) {
        console.error(`[${where}] failed`, cause)
        controller.error(cause)
      }
    },
  })
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
    },
  })
}

/** Each row of `rows` through `map`, lazily. */
export async function* mapRows<T>(rows: AsyncIterable<T>, map: (row: T) => readonly CsvValue[]): AsyncIterable<readonly CsvValue[]> {
  for await (const row of rows) yield map(row)
}
