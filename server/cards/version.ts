/**
 * Bumped whenever extraction output changes meaning (new fields, different
 * links). Stored extractions with an older version should be re-extracted
 * from their normalised text.
 */
export const EXTRACTOR_VERSION = 10;
