// Removes build output folders given as arguments (stale compiled tests must not run).
import { rmSync } from 'node:fs';

for (const dir of process.argv.slice(2)) rmSync(dir, { recursive: true, force: true });
