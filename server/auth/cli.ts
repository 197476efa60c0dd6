/**
 * `npm run user -- <command>`: manage accounts from the command line, against
 * the same storage the server uses (DATA_DIR or DATABASE_URL). Changes reach a
 * running server's live sockets through the access-change feed.
 *
 *   add <username> --name "<display name>" [--role admin|manager|staff] [--password <pw>]
 *   disable <username> | enable <username>
 *   reset <username> [--password <pw>]
 *   list
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DISPLAY_NAME_MAX_LENGTH } from '../../shared/api.ts';
import { isOrgRole } from '../../shared/roles.ts';
import { ConfigError, parseConfig } from '../config.ts';
import { text, type FieldParser } from '../http/body.ts';
import { HttpError } from '../http/errors.ts';
import { createLogger } from '../logger.ts';
import { openStorage } from '../storage/index.ts';
import { generatePassword } from './password.ts';
import { AuthService } from './service.ts';
import { AccountStore } from './store.ts';

const USAGE = `Usage: npm run user -- <command>
  add <username> --name "<display name>" [--role admin|manager|staff] [--password <pw>]
  disable <username>
  enable <username>
  reset <username> [--password <pw>]
  list`;

class UsageError extends Error {
  override readonly name = 'UsageError';
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      name: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return;
  }
  const [command, username, ...extra] = positionals;
  if (!command) throw new UsageError('No command given.');
  if (extra.length > 0) throw new UsageError(`Unexpected arguments: ${extra.join(' ')}`);

  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const config = parseConfig(process.env, repoRoot);
  const logger = createLogger('warn');
  const storage = await openStorage(config, logger);
  const auth = new AuthService(new AccountStore(storage.sql), config.auth, logger);
  try {
    const find = async () => {
      if (!username) throw new UsageError(`"${command}" needs a username.`);
      const user = await auth.store.userByUsername(username.toLowerCase());
      if (!user) throw new UsageError(`No user "${username}".`);
      return user;
    };
    switch (command) {
      case 'add': {
        if (!username) throw new UsageError('"add" needs a username.');
        if (values.name === undefined) {
          throw new UsageError('"add" needs --name "<display name>".');
        }
        const displayName = argument(DISPLAY_NAME, values.name, '--name');
        const role = values.role ?? 'staff';
        if (!isOrgRole(role)) throw new UsageError('--role must be admin, manager or staff.');
        const { user, generatedPassword } = await auth.createUser(
          { username, displayName, role, password: values.password },
          null,
        );
        process.stdout.write(`Added ${user.username} (${user.displayName}, ${user.role}).\n`);
        if (generatedPassword) process.stdout.write(`Password: ${generatedPassword}\n`);
        return;
      }
      case 'disable':
      case 'enable': {
        const user = await find();
        await auth.updateUser(user.id, { disabled: command === 'disable' }, null);
        process.stdout.write(
          `${command === 'disable' ? 'Disabled' : 'Enabled'} ${user.username}.\n`,
        );
        return;
      }
      case 'reset': {
        const user = await find();
        const password = values.password ?? generatePassword();
        await auth.updateUser(user.id, { password }, null);
        process.stdout.write(
          `Reset the password of ${user.username}; their sessions have ended.\n`,
        );
        if (!values.password) process.stdout.write(`Password: ${password}\n`);
        return;
      }
      case 'list': {
        if (username !== undefined) throw new UsageError(`Unexpected argument: ${username}`);
        for (const user of await auth.store.listUsers()) {
          process.stdout.write(
            `${user.username.padEnd(24)} ${user.role.padEnd(8)} ${user.disabled ? 'disabled' : 'active  '} ${user.displayName}\n`,
          );
        }
        return;
      }
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } finally {
    await storage.close();
  }
}

/** A display name as the API takes it (control characters become spaces, 1–60 characters). */
const DISPLAY_NAME = text({ max: DISPLAY_NAME_MAX_LENGTH, min: 1 });

/** Parses an argument with an API field parser; its refusal is a usage error. */
function argument<T>(parse: FieldParser<T>, value: string, name: string): T {
  try {
    return parse(value, name);
  } catch (error) {
    if (error instanceof HttpError) throw new UsageError(error.message);
    throw error;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) {
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (error instanceof ConfigError || error instanceof HttpError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
