/**
 * Source documents and their extracted facts. The extraction is stored with
 * the source, so cards are rebuilt from stored facts without re-running the
 * NLP, and a source is stored whole or not at all.
 */
import type { ExtractedDocument, SourceFormat } from '../../shared/cards.ts';
import type { SqlClient } from '../storage/index.ts';

export interface SourceRecord {
  id: string;
  title: string;
  filename: string | null;
  format: SourceFormat;
  contentHash: string;
  chars: number;
  createdAt: number;
  createdBy: string | null;
}

interface Row {
  id: string;
  title: string;
  filename: string | null;
  format: SourceFormat;
  content_hash: string;
  chars: number | string;
  created_at: number | string;
  created_by: string | null;
  extracted?: string;
}

/** The extraction and the version of the engine that made it. */
export interface StoredExtraction {
  version: number;
  document: ExtractedDocument;
}

const COLUMNS = 'id, title, filename, format, content_hash, chars, created_at, created_by';

export class SourceStore {
  constructor(private readonly sql: SqlClient) {}

  async list(): Promise<SourceRecord[]> {
    const rows = await this.sql.all<Row>(
      `SELECT ${COLUMNS} FROM sources ORDER BY created_at DESC, id`,
    );
    return rows.map(toRecord);
  }

  async byHash(hash: string): Promise<SourceRecord | null> {
    const row = await this.sql.one<Row>(`SELECT ${COLUMNS} FROM sources WHERE content_hash = ?`, [
      hash,
    ]);
    return row ? toRecord(row) : null;
  }

  async get(id: string): Promise<SourceRecord | null> {
    const row = await this.sql.one<Row>(`SELECT ${COLUMNS} FROM sources WHERE id = ?`, [id]);
    return row ? toRecord(row) : null;
  }

  /** The source's normalised text (what its facts' excerpts and offsets refer to), or null. */
  async text(id: string): Promise<string | null> {
    const row = await this.sql.one<{ extracted: string }>(
      'SELECT extracted FROM sources WHERE id = ?',
      [id],
    );
    return row ? (JSON.parse(row.extracted) as StoredExtraction).document.text : null;
  }

  async insert(record: SourceRecord, extracted: ExtractedDocument, version: number): Promise<void> {
    await this.sql.run(
      `INSERT INTO sources (id, title, filename, format, content_hash, chars, extracted, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        record.id,
        record.title,
        record.filename,
        record.format,
        record.contentHash,
        record.chars,
        JSON.stringify({ version, document: extracted } satisfies StoredExtraction),
        record.createdAt,
        record.createdBy,
      ],
    );
  }

  async remove(id: string): Promise<boolean> {
    return (await this.sql.run('DELETE FROM sources WHERE id = ?', [id])).changes > 0;
  }

  async extractions(): Promise<Array<StoredExtraction & { id: string }>> {
    const rows = await this.sql.all<{ id: string; extracted: string }>(
      'SELECT id, extracted FROM sources ORDER BY created_at, id',
    );
    return rows.map((r) => ({ id: r.id, ...(JSON.parse(r.extracted) as StoredExtraction) }));
  }

  async replaceExtraction(id: string, extraction: StoredExtraction): Promise<void> {
    await this.sql.run('UPDATE sources SET extracted = ? WHERE id = ?', [
      JSON.stringify(extraction),
      id,
    ]);
  }

  /** Changes whenever a source is added or removed: the cards cache key. */
  async version(): Promise<string> {
    const row = await this.sql.one<{ n: number | string; h: string | null }>(
      'SELECT COUNT(*) AS n, MAX(id) AS h FROM sources',
    );
    const sum = await this.sql.one<{ s: number | string | null }>(
      'SELECT SUM(created_at) AS s FROM sources',
    );
    return `${row?.n ?? 0}:${row?.h ?? ''}:${sum?.s ?? 0}`;
  }

  async setting(key: string): Promise<string | null> {
    const row = await this.sql.one<{ value: string }>('SELECT value FROM settings WHERE key = ?', [
      key,
    ]);
    return row?.value ?? null;
  }

  /** Sets a setting unless it is already set; returns whether this call set it. */
  async setOnce(key: string, value: string): Promise<boolean> {
    const result = await this.sql.run(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING',
      [key, value],
    );
    return result.changes > 0;
  }
}

function toRecord(row: Row): SourceRecord {
  return {
    id: row.id,
    title: row.title,
    filename: row.filename,
    format: row.format,
    contentHash: row.content_hash,
    chars: Number(row.chars),
    createdAt: Number(row.created_at),
    createdBy: row.created_by,
  };
}
