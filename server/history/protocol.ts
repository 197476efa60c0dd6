/**
 * Messages between the history renderer on the main thread and its worker.
 * The main thread only reads bytes from storage and revision rows; decoding,
 * applying, rendering and comparing happen on the other side.
 */
import type { WireBytes } from './slab.ts';

/** A point in the brief's history, as the worker needs it. */
export type PointSpec =
  | { kind: 'current' }
  | {
      kind: 'revision';
      id: number;
      stateVector: Uint8Array;
      /** Encoded ranges (deleteSets.ts) whose union is everything deleted at the revision. */
      deleted: Uint8Array[];
    };

/** A snapshot given directly: a state vector and the full encoded delete set. */
export interface RawPoint {
  stateVector: Uint8Array;
  deleted: Uint8Array;
}

export type Job =
  /** Only bring the copy up to date, ahead of the renders to come. */
  | { kind: 'warm' }
  | { kind: 'content'; at: PointSpec }
  | { kind: 'hash'; at: PointSpec }
  | {
      kind: 'compare';
      from: PointSpec;
      to: PointSpec;
      /** Yjs client id → the user who writes with it. */
      clientAuthors: Array<[number, string]>;
      /** Each revision's attribution between the two points: user id → base64 encoded ranges. */
      attribution: Array<Record<string, string>>;
      /** Deletions the live room tracked since its last revision: user id → encoded ranges. */
      live: Array<[string, Uint8Array]>;
    }
  | {
      /** What a new revision records from its content: what changed, and the content hash. */
      kind: 'summary';
      later: RawPoint;
      earlier: RawPoint | null;
    };

/**
 * Rendered documents travel as UTF-8 JSON in the shared slab (slab.ts): a
 * large object tree would be rebuilt on the main thread and then serialised
 * again for the response, and even a large string or buffer would be
 * allocated on the main thread's heap and drive its garbage collections —
 * each pause holding up relaying.
 */
export interface JobResults {
  warm: null;
  /** JSON of the ProseMirror document. */
  content: WireBytes;
  hash: string;
  /** `doc` is the JSON of the ProseMirror document with changes marked. */
  compare: { doc: WireBytes; authors: string[] };
  summary: {
    words: { added: number; removed: number };
    /** Some text or block was formatted differently. */
    formatted: boolean;
    contentHash: string;
  };
}

/**
 * What the worker lacks of the brief's stored document. `base` is the log
 * position the main thread believes the worker's copy is at (null: start a
 * new copy); the worker refuses the feed with `stale` when its copy is not
 * there (evicted, or the worker was restarted), and the main thread resends
 * from scratch.
 */
export interface Feed {
  base: number | null;
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** The log position the copy is at once the feed is applied. */
  seq: number;
}

export type RenderRequest =
  | {
      type: 'run';
      id: number;
      briefId: string;
      feed: Feed;
      job: Job;
    }
  | { type: 'forget'; briefId: string }
  /** The main thread is done with a slab region. */
  | { type: 'release'; offset: number };

export type RenderReply =
  | { type: 'ready' }
  | {
      type: 'done';
      id: number;
      result: unknown;
      /** Where the brief's copy now is. */
      seq: number;
      /** Briefs whose copies were dropped to stay within bounds. */
      evicted: string[];
    }
  | { type: 'stale'; id: number }
  | { type: 'failed'; id: number; message: string; name: string };
