/**
 * Ingesting sources and serving their cards. Cards are rebuilt from stored
 * extractions when the set of sources changes (checked against a version key
 * in the database, so an upload on another instance is seen too).
 */
import type {
  CardsIndex,
  ExtractedDocument,
  RankedCards,
  SourceInput,
} from '../../shared/cards.ts';
import { CardsEngineError, type CardsEngine } from '../cards/engine.ts';
import { SourceRejectedError } from '../cards/errors.ts';
import { EXTRACTOR_VERSION } from '../cards/version.ts';
import { loadSamplePack } from '../cards/samples/index.ts';
import type { Logger } from '../logger.ts';
import { UniqueViolationError, type SqlClient } from '../storage/index.ts';
import { SourceStore, type SourceRecord } from './store.ts';

const SAMPLE_PACK_SETTING = 'sample_pack_loaded';

export class SourcesService {
  readonly store: SourceStore;
  private cache: { version: string; index: CardsIndex } | null = null;
  private building: Promise<{ version: string; index: CardsIndex }> | null = null;

  constructor(
    sql: SqlClient,
    /** Does the extraction and ranking, off the main thread. */
    private readonly engine: CardsEngine,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.store = new SourceStore(sql);
  }

  /**
   * Normalises, extracts and stores a source. The same text again (by content
   * hash) returns the stored source instead of a second copy.
   * Throws SourceRejectedError for input that is not usable text.
   */
  async ingest(
    input: SourceInput,
    createdBy: string | null,
  ): Promise<{ source: SourceRecord; created: boolean }> {
    const normalised = await this.engine.normalise(input);
    const existing = await this.store.byHash(normalised.contentHash);
    if (existing) return { source: existing, created: false };
    // Extraction first: nothing is stored unless all of it succeeded.
    const extracted: ExtractedDocument = await this.engine.extract(normalised);
    const record: SourceRecord = {
      id: normalised.id,
      title: normalised.title,
      filename: input.filename ?? null,
      format: normalised.format,
      contentHash: normalised.contentHash,
      chars: normalised.text.length,
      createdAt: this.now(),
      createdBy,
    };
    try {
      await this.store.insert(record, extracted, EXTRACTOR_VERSION);
    } catch (error) {
      if (error instanceof UniqueViolationError) {
        const raced = await this.store.byHash(normalised.contentHash);
        if (raced) return { source: raced, created: false };
      }
      throw error;
    }
    this.cache = null;
    return { source: record, created: true };
  }

  async remove(id: string): Promise<boolean> {
    const removed = await this.store.remove(id);
    if (removed) this.cache = null;
    return removed;
  }

  async cards(): Promise<CardsIndex> {
    return (await this.current()).index;
  }

  /** The index of the stored sources, and its version key, built if they changed. */
  private async current(): Promise<{ version: string; index: CardsIndex }> {
    const version = await this.store.version();
    if (this.cache?.version === version) return this.cache;
    this.building ??= (async () => {
      try {
        const index = await this.engine.build(version, await this.currentExtractions());
        this.cache = { version, index };
        return this.cache;
      } finally {
        this.building = null;
      }
    })();
    return this.building;
  }

  /**
   * Stored extractions, re-extracting (from the stored normalised text) any
   * made by an older version of the engine, so improvements reach old sources.
   */
  private async currentExtractions(): Promise<ExtractedDocument[]> {
    const out: ExtractedDocument[] = [];
    for (const stored of await this.store.extractions()) {
      if (stored.version === EXTRACTOR_VERSION) {
        out.push(stored.document);
        continue;
      }
      const { documentId, title, format, contentHash, text } = stored.document;
      const document = await this.engine.extract({
        id: documentId,
        title,
        format,
        contentHash,
        text,
      });
      await this.store.replaceExtraction(stored.id, { version: EXTRACTOR_VERSION, document });
      out.push(document);
    }
    return out;
  }

  async relevant(text: string): Promise<RankedCards> {
    const { version } = await this.current();
    const ranked = await this.engine.rank(version, text);
    if (ranked !== null) return ranked;
    // The engine's thread was replaced since it built the index: build it there again.
    await this.engine.build(version, await this.currentExtractions());
    const again = await this.engine.rank(version, text);
    if (again === null)
      throw new CardsEngineError('the cards engine lost its index twice in a row');
    return again;
  }

  /** Loads the sample pack once per database, so a new user sees cards at once. */
  async loadSamplePackOnce(): Promise<number> {
    if ((await this.store.setting(SAMPLE_PACK_SETTING)) !== null) return 0;
    let loaded = 0;
    for (const sample of loadSamplePack()) {
      try {
        if ((await this.ingest(sample, null)).created) loaded++;
      } catch (error) {
        if (!(error instanceof SourceRejectedError)) throw error;
        this.logger.warn('sample source rejected', { title: sample.title, error });
      }
    }
    await this.store.setOnce(SAMPLE_PACK_SETTING, new Date(this.now()).toISOString());
    if (loaded > 0) this.logger.info('loaded the sample source pack', { sources: loaded });
    return loaded;
  }
}
