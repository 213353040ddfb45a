import { pathToFileURL } from 'node:url';
import { DEFAULT_DB_PATH } from '../config.ts';
import { BackupError, backupDatabase, restoreDatabase } from '../storage/backup.ts';

const USAGE = `Usage:
  npm run db -- backup <file>    writes a consistent copy of the database at DB_PATH to <file>;
                                 safe while the bot runs
  npm run db -- restore <file>   checks <file>, keeps the current database beside it
                                 (DB_PATH.before-restore-<time>), then replaces it with <file>;
                                 stop the bot first`;

/** Runs one command; returns the exit code (0 done, 1 refused or failed, 2 misused). */
export async function runDb(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [verb, file, ...rest] = argv;
  if ((verb !== 'backup' && verb !== 'restore') || !file || rest.length > 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (env.DATABASE_URL?.trim()) {
    process.stderr.write(
      'DATABASE_URL is set: the data is in PostgreSQL, so back it up and restore it with pg_dump and pg_restore.\n',
    );
    return 1;
  }
  const dbPath = env.DB_PATH?.trim() || DEFAULT_DB_PATH;
  if (dbPath === ':memory:') {
    process.stderr.write(
      'DB_PATH is :memory:, which is never on disk: there is nothing to back up or restore.\n',
    );
    return 1;
  }
  try {
    if (verb === 'backup') {
      const { pages } = await backupDatabase(dbPath, file);
      process.stdout.write(`Backed up ${dbPath} to ${file} (${pages} pages).\n`);
    } else {
      const { pages, keptAs } = await restoreDatabase(file, dbPath);
      process.stdout.write(
        `Restored ${dbPath} from ${file} (${pages} pages).${keptAs ? ` The database it replaced is kept as ${keptAs}.` : ''}\n`,
      );
    }
    return 0;
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
}

// Run as a command (npm run db), not when a test imports runDb.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runDb(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
