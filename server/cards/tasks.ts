/**
 * The cards engine's work, as tasks the CardsEngine sends to its worker
 * thread (or runs here when the worker cannot start). Each function keeps
 * the cards index it last built, so that ranking a brief's text — asked for
 * again after every pause in typing — does not rebuild or resend it.
 */
import type {
  CardsIndex,
  ExtractedDocument,
  NormalisedSource,
  RankedCards,
  SourceInput,
} from '../../shared/cards.ts';
import { buildCards } from './cards.ts';
import { SourceRejectedError, type SourceRejectReason } from './errors.ts';
import { extractFacts } from './facts.ts';
import { normaliseSource } from './normalise.ts';
import { rankCardsForText } from './rank.ts';

export type CardsTask =
  | { kind: 'normalise'; input: SourceInput }
  | { kind: 'extract'; source: NormalisedSource }
  | { kind: 'build'; version: string; extractions: ExtractedDocument[] }
  | { kind: 'rank'; version: string; text: string };

export type CardsTaskResult =
  | { kind: 'normalised'; source: NormalisedSource }
  /** Input that is not usable text: an answer, not a failure (see SourceRejectedError). */
  | { kind: 'rejected'; reason: SourceRejectReason; message: string }
  | { kind: 'extracted'; document: ExtractedDocument }
  | { kind: 'built'; index: CardsIndex }
  | { kind: 'ranked'; cards: RankedCards }
  /** The index of that version is not held here (a new thread): build it first. */
  | { kind: 'stale' };

export function createCardsTasks(): (task: CardsTask) => CardsTaskResult {
  let built: { version: string; index: CardsIndex } | null = null;
  return (task) => {
    switch (task.kind) {
      case 'normalise':
        try {
          return { kind: 'normalised', source: normaliseSource(task.input) };
        } catch (error) {
          if (!(error instanceof SourceRejectedError)) throw error;
          return { kind: 'rejected', reason: error.reason, message: error.message };
        }
      case 'extract':
        return { kind: 'extracted', document: extractFacts(task.source) };
      case 'build': {
        built = { version: task.version, index: buildCards(task.extractions) };
        return { kind: 'built', index: built.index };
      }
      case 'rank':
        if (built?.version !== task.version) return { kind: 'stale' };
        return { kind: 'ranked', cards: rankCardsForText(built.index, task.text) };
    }
  };
}
