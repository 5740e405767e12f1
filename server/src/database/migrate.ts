// Migration commands for `npm run migration:run` and `npm run migration:generate -- Name`.
// They use DATABASE_URL, or start the embedded PostgreSQL like the server does.
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, REPO_ROOT } from '../config/app-config.js';
import { createDataSource } from './data-source.js';
import { openDatabase } from './database-url.js';

const MIGRATIONS_DIR = path.join(REPO_ROOT, 'server/src/database/migrations');

async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  if (command !== 'run' && command !== 'generate' && command !== 'revert') {
    throw new Error('usage: migrate run | revert | generate <PascalCaseName>');
  }
  if (command === 'generate' && !/^[A-Z][A-Za-z0-9]+$/.test(name ?? '')) {
    throw new Error(
      'migration:generate needs a PascalCase name, e.g. npm run migration:generate -- AddAuditLog',
    );
  }
  const db = await openDatabase(loadConfig());
  const dataSource = createDataSource(db.url);
  try {
    await dataSource.initialize();
    if (command === 'run') {
      const applied = await dataSource.runMigrations();
      console.log(
        applied.length
          ? `applied: ${applied.map((m) => m.name).join(', ')}`
          : 'schema is up to date',
      );
    } else if (command === 'revert') {
      await dataSource.undoLastMigration();
      console.log('reverted the last migration');
    } else {
      await dataSource.runMigrations();
      const sql = await dataSource.driver.createSchemaBuilder().log();
      if (sql.upQueries.length === 0) {
        console.log('entities match the migrations: nothing to generate');
        return;
      }
      writeMigration(
        name!,
        sql.upQueries.map((q) => q.query),
        sql.downQueries.reverse().map((q) => q.query),
      );
    }
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await db.stop();
  }
}

function writeMigration(name: string, up: string[], down: string[]): void {
  const timestamp = Date.now();
  const className = `${name}${timestamp}`;
  const fileName = `${timestamp}-${name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`;
  const body = (queries: string[]): string =>
    queries.map((q) => `    await queryRunner.query(${JSON.stringify(q)});`).join('\n');
  fs.writeFileSync(
    path.join(MIGRATIONS_DIR, `${fileName}.ts`),
    `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${body(up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${body(down)}
  }
}
`,
  );
  const indexPath = path.join(MIGRATIONS_DIR, 'index.ts');
  const index = fs.readFileSync(indexPath, 'utf8');
  fs.writeFileSync(
    indexPath,
    `import { ${className} } from './${fileName}.js';\n` +
      index.replace(/\n?\];\s*$/, `\n  ${className},\n];\n`),
  );
  console.log(
    `wrote server/src/database/migrations/${fileName}.ts; review it, then npm run migration:run`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
