/**
 * A small structured logger. One line per event, JSON fields after the
 * message, so logs can be grepped by people and parsed by machines. It is
 * passed in, never imported as a singleton, so tests can capture lines.
 */
import type { LogLevel } from './config.ts';

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface LogLine {
  level: Exclude<LogLevel, 'silent'>;
  message: string;
  fields: LogFields;
}

export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stderr.write(line + '\n'),
): Logger {
  const emit = (lineLevel: Exclude<LogLevel, 'silent'>, message: string, fields?: LogFields) => {
    if (ORDER[lineLevel] < ORDER[level]) return;
    const rest = fields && Object.keys(fields).length ? ' ' + safeJson(fields) : '';
    write(`${new Date().toISOString()} ${lineLevel.toUpperCase().padEnd(5)} ${message}${rest}`);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

/** A logger that keeps lines in memory, for tests that assert on what was logged. */
export function createMemoryLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const push =
    (level: LogLine['level']) =>
    (message: string, fields: LogFields = {}) =>
      void lines.push({ level, message, fields });
  return {
    lines,
    debug: push('debug'),
    info: push('info'),
    warn: push('warn'),
    error: push('error'),
  };
}

function safeJson(fields: LogFields): string {
  try {
    return JSON.stringify(fields, (_k, v: unknown) =>
      v instanceof Error ? { name: v.name, message: v.message } : v,
    );
  } catch {
    return '{"unserialisable":true}';
  }
}
