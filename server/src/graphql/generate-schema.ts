// `npm run schema:generate -w server`: writes server/schema.gql from the code.
import fs from 'node:fs';
import path from 'node:path';
import { printSchemaSdl, SCHEMA_PATH } from './print-schema.js';

fs.writeFileSync(SCHEMA_PATH, await printSchemaSdl());
console.log(`wrote ${path.relative(process.cwd(), SCHEMA_PATH)}`);
