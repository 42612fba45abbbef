// A check report as plain text, for the log and for "Copy Diagnostics". Built only from the report
// (which never holds the key); callers still pass the result through redactText.
import type { CheckReport } from './checkReport';
import type { Msg } from '../text/messages';

export function formatReport(report: CheckReport, render: (m: Msg) => string): string {
  const t = report.target;
  const lines: string[] = [];
  lines.push(`Verdict: ${report.verdict} (${report.mode} check, ${report.durationMs} ms, started ${report.startedAt})`);
  if (t.endpoint) {
    lines.push(
      `Pool: ${t.endpoint.apiBase} (Full URL ${t.fullUrl ? 'on' : 'off'}); Trae calls ${t.endpoint.traeCallUrl}`,
    );
  } else {
    lines.push(`Pool URL (invalid): ${JSON.stringify(t.baseUrl)} (Full URL ${t.fullUrl ? 'on' : 'off'})`);
  }
  lines.push(
    `Model: ${t.model || '(none)'}; key: ${t.keyMasked ?? (report.configured ? '(not a Pool key)' : '(not set)')}`,
  );
  lines.push(
    `Steps: ${report.steps.map((s) => `${s.id} ${s.status}${s.durationMs ? ` ${s.durationMs} ms` : ''}`).join(' | ')}`,
  );
  for (const d of report.diagnoses) {
    lines.push(`- [${d.severity}] ${d.step} ${d.code}: ${render(d.cause)} -> ${render(d.fix)} (${d.detail})`);
  }
  const f = report.facts;
  if (f.models)
    lines.push(
      `Models listed (${f.models.length}): ${f.models.map((m) => `${m.id}${m.supportsImages ? ' [image]' : ''}`).join(', ') || '(none)'}`,
    );
  if (f.modelsSkipped)
    lines.push(
      `Models skipped (${f.modelsSkipped.length}): ${f.modelsSkipped.map((s) => `#${s.index} ${s.reason}${s.id !== undefined ? ` ${JSON.stringify(s.id)}` : ''}`).join(', ')}`,
    );
  if (f.modelsTruncated) lines.push(`Models not read (over the limit): ${f.modelsTruncated}`);
  if (f.answer !== undefined)
    lines.push(
      `Answer: ${JSON.stringify(f.answer.slice(0, 200))}${f.finishReason ? ` (finish_reason ${f.finishReason})` : ''}; served by ${f.servedModel ?? '?'}`,
    );
  if (f.usage)
    lines.push(
      `Usage: ${f.usage.requestCount} requests, ${f.usage.totalTokens} tokens; exhausted limits: ${f.usage.exhaustedLimits.length}`,
    );
  return lines.join('\n');
}
