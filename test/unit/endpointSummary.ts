// An EndpointAnalysis as lines a test can compare whole: each finding's code, severity, cause and fix (ids and
// arguments) and every correction, then the endpoint when there is one.
import type { EndpointAnalysis } from '../../src/core/url/endpoint';
import type { Msg } from '../../src/core/text/messages';

const said = (m: Msg): string => m.id + (m.args ? JSON.stringify(m.args) : '');

/** One line per finding (code, severity, cause, fix, corrections), then the endpoint when there is one. */
export function summary(a: EndpointAnalysis): string[] {
  const lines = [`${a.ok ? 'ok' : 'refused'} ${JSON.stringify(a.input)}${a.fullUrl ? ' full' : ''}`];
  for (const f of a.findings) {
    const fixes = f.corrections.map((c) => ` -> ${c.url}${c.fullUrl ? ' full' : ''} ${said(c.label)}`);
    lines.push(`${f.code} ${f.severity} ${said(f.cause)} ${said(f.fix)}${fixes.join('')}`);
  }
  if (a.endpoint) lines.push(JSON.stringify(a.endpoint));
  return lines;
}
