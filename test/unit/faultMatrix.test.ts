import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { faultMessages, renderFaultMatrix } from '../faults/doc';
import { FAULTS } from '../faults/matrix';

describe('fault matrix', () => {
  it('has at least 30 scenarios with unique ids, each naming a real diagnosis', () => {
    assert.ok(FAULTS.length >= 30, `${FAULTS.length} scenarios`);
    assert.equal(new Set(FAULTS.map((f) => f.id)).size, FAULTS.length);
    for (const f of FAULTS) if (f.code) assert.ok(faultMessages(f.code), `${f.id}: ${f.code}`);
  });

  it('docs/fault-matrix.md is up to date (npm run docs:faults)', () => {
    const doc = fs.readFileSync(path.join(__dirname, '../../../docs/fault-matrix.md'), 'utf8');
    assert.equal(doc, renderFaultMatrix());
  });
});
