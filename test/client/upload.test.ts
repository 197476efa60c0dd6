/**
 * The sidebar refuses a file before sending it only for reasons the server
 * would refuse it for too: the two lists of source file types are the same.
 */
import { describe, expect, it } from 'vitest';
import { rejectReason, SOURCE_EXTENSIONS } from '../../client/sidebar/upload.ts';
import { formatFromFilename } from '../../server/cards/normalise.ts';

describe('source file types', () => {
  it('are the ones the server reads, no more and no fewer', () => {
    for (const extension of SOURCE_EXTENSIONS) {
      expect(formatFromFilename(`readout${extension}`), extension).not.toBeNull();
      expect(rejectReason({ name: `Readout${extension.toUpperCase()}`, size: 10 })).toBeNull();
    }
    for (const extension of ['pdf', 'docx', 'rtf', 'csv', 'json', 'xml', 'text', 'htm', 'mdx']) {
      const server = formatFromFilename(`readout.${extension}`) !== null;
      const client = rejectReason({ name: `readout.${extension}`, size: 10 }) === null;
      expect(client, extension).toBe(server);
    }
  });
});
