// npm run docs:faults: writes docs/fault-matrix.md from the fault matrix.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderFaultMatrix } from './doc';

const target = path.join(__dirname, '../../../docs/fault-matrix.md');
fs.writeFileSync(target, renderFaultMatrix());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
