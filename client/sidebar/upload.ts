import { DEFAULT_MAX_SOURCE_BYTES } from '../../shared/api.ts';

/** What the server reads as sources (its `formatFromFilename`), for the file picker too. */
export const SOURCE_EXTENSIONS = ['.txt', '.text', '.md', '.markdown', '.html', '.htm'] as const;
export const SOURCE_ACCEPT = SOURCE_EXTENSIONS.join(',');
export const MAX_SOURCE_BYTES = DEFAULT_MAX_SOURCE_BYTES;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MB`;
}

/**
 * Why a file cannot be a source, checked before anything is read or sent, so
 * a PDF or a 40 MB export is refused at once with a reason a person can act on.
 * The server checks again; this only saves the round trip.
 */
export function rejectReason(file: { name: string; size: number }): string | null {
  const lower = file.name.toLowerCase();
  const dot = lower.lastIndexOf('.');
  const extension = dot >= 0 ? lower.slice(dot) : '';
  if (!(SOURCE_EXTENSIONS as readonly string[]).includes(extension)) {
    const what = extension
      ? `${extension.slice(1).toUpperCase()} files`
      : 'Files without an extension';
    return `${what} can’t be sources. Use text (.txt), Markdown (.md) or web pages (.html).`;
  }
  if (file.size === 0) return 'The file is empty.';
  if (file.size > MAX_SOURCE_BYTES) {
    return `The file is ${formatBytes(file.size)}; sources can be at most ${formatBytes(MAX_SOURCE_BYTES)}.`;
  }
  return null;
}
