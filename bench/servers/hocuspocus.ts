/**
 * Hocuspocus 3 as it ships: `new Server()` with its defaults (debounce 2 s,
 * maxDebounce 10 s, yDocOptions gc: true, unloadImmediately), quiet, on an
 * ephemeral port.
 *
 * Persistence: Hocuspocus has none by default. When BENCH_DOCS_DIR is set it
 * gets the equivalent of its `@hocuspocus/extension-database` `Database`
 * extension (not installed here; its 3.x source is a dozen lines: `fetch` on
 * onLoadDocument applied with Y.applyUpdate, `store` on the debounced
 * onStoreDocument with Y.encodeStateAsUpdate), storing one file per document.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import {
  Server,
  type Extension,
  type onLoadDocumentPayload,
  type onStoreDocumentPayload,
} from '@hocuspocus/server';
import { installBenchIpc } from './ipc.ts';

class FileDatabase implements Extension {
  constructor(private readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
  }

  private file(name: string): string {
    return path.join(this.dir, `${encodeURIComponent(name)}.bin`);
  }

  /** Database.fetch: the stored state, applied to the new document. */
  async onLoadDocument({ documentName, document }: onLoadDocumentPayload): Promise<void> {
    let update: Buffer | null = null;
    try {
      update = await fs.promises.readFile(this.file(documentName));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (update) Y.applyUpdate(document, update);
  }

  /** Database.store: the whole state, written atomically (temp file + rename). */
  async onStoreDocument({ documentName, document }: onStoreDocumentPayload): Promise<void> {
    const state = Buffer.from(Y.encodeStateAsUpdate(document));
    const file = this.file(documentName);
    await fs.promises.writeFile(file + '.tmp', state);
    await fs.promises.rename(file + '.tmp', file);
  }
}

const docsDir = process.env.BENCH_DOCS_DIR;
const server = new Server({
  port: 0,
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: false,
  extensions: docsDir ? [new FileDatabase(docsDir)] : [],
});
await server.listen();
installBenchIpc();
process.stdout.write(`Hocuspocus listening on http://127.0.0.1:${server.address.port}\n`);
