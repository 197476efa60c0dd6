/**
 * The sample source pack loaded on first start, so a new user sees cards
 * before uploading anything. The texts are our own summaries of public
 * reporting, not copies of it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { SourceInput } from '../../../shared/cards.ts';

const DIR = new URL('./', import.meta.url);

export function loadSamplePack(): SourceInput[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((filename) => {
      const content = readFileSync(new URL(filename, DIR), 'utf8');
      const title = /^#\s+(.+)$/m
        .exec(content)?.[1]
        .replace(/^Sample source:\s*/, '')
        .trim();
      // Explicit ids keep the pack's cards stable when a sample is reworded.
      return {
        id: `sample-${filename.replace(/\.md$/, '')}`,
        title,
        filename,
        format: 'markdown' as const,
        content,
      };
    });
}
