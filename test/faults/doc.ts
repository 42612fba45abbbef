// docs/fault-matrix.md, rendered from the fault matrix and the English messages.
import { messagesFor } from '../../src/core/diagnosis';
import { englishOf } from '../../src/core/messages';
import { FAULTS } from './matrix';

const STATES = { healthy: 'healthy', degraded: 'works with a problem (warning colors)', failing: 'not working (error colors)' } as const;

export function renderFaultMatrix(): string {
  const lines = [
    '# Fault matrix',
    '',
    'What the user sees for each way a Codex Pooler, or what stands in front of it, can fail.',
    'Generated from `test/faults/matrix.ts` by `npm run docs:faults`; every row is a test that runs in a real',
    'extension host against the emulator over real sockets (`test/integration/faults.test.ts`), and the',
    'diagnosis rows are also reached in plain Node by `test/unit/diagnosis.test.ts`.',
    '',
    '"Background" is what the status bar finds by itself (`GET /v1/models` only, no quota); "Check" is',
    '"Codex Pooler: Check Connection" (models, the chat check, usage). Placeholders in braces are filled in',
    'with the real values (host, model, status…).',
    '',
    '| # | Group | Situation | Found by | Diagnosis | Status bar | What the user reads |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  FAULTS.forEach((f, i) => {
    const messages = f.code ? messagesFor(f.code) : undefined;
    const reads = messages ? `${englishOf(messages.cause)} → ${englishOf(messages.fix)}` : 'Nothing to fix: the check passes.';
    const state = f.thenRecovers ? `${STATES[f.indicator]}, then healthy again` : STATES[f.indicator];
    const cells = [String(i + 1), f.group, f.situation, f.mode === 'full' ? 'Check' : 'Background', f.code ? `\`${f.code}\`` : '—', state, reads];
    lines.push(`| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`);
  });
  lines.push('', `${FAULTS.length} scenarios.`, '');
  return lines.join('\n');
}
