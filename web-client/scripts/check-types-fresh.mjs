// Fails when src/api/schema.d.ts is not what `npm run gen` makes from ../openapi.yaml now.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'keynet-schema-'));
const fresh = join(dir, 'schema.d.ts');
try {
  execFileSync(process.execPath, [join(root, 'scripts/gen-api.mjs'), fresh], { stdio: ['ignore', 'ignore', 'inherit'] });
  const committed = readFileSync(join(root, 'src/api/schema.d.ts'), 'utf8');
  if (readFileSync(fresh, 'utf8') !== committed) {
    console.error('check:types-fresh: src/api/schema.d.ts is stale; run `npm run gen` and commit it.');
    process.exit(1);
  }
  console.log('check:types-fresh: src/api/schema.d.ts matches ../openapi.yaml');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
