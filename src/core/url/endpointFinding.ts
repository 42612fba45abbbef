// What the URL rules report: a finding per problem, with its severity, localized cause and fix, and
// the corrections that are certain (each a whole new pair of values, so applying one never half-applies).
import { msg, type MessageArgs, type MessageId, type Msg } from '../text/messages';

export type Severity = 'error' | 'warning' | 'info';

export type EndpointCode =
  | 'not-text'
  | 'too-long'
  | 'empty'
  | 'surrounding-whitespace'
  | 'quoted'
  | 'inner-whitespace'
  | 'trailing-punctuation'
  | 'missing-scheme'
  | 'malformed-scheme'
  | 'doubled-scheme'
  | 'not-a-url'
  | 'bad-scheme'
  | 'credentials'
  | 'path-characters'
  | 'query-or-fragment'
  | 'unspecified-host'
  | 'insecure-http'
  | 'loopback-alias'
  | 'trailing-slash'
  | 'empty-segment'
  | 'path-case'
  | 'admin-ui'
  | 'mcp-surface'
  | 'codex-cli-surface'
  | 'responses-surface'
  | 'realtime-surface'
  | 'models-path'
  | 'missing-v1'
  | 'double-v1'
  | 'unexpected-path'
  | 'full-url-off-chat-path'
  | 'full-url-on-base-path';

/** A one-click fix: the whole new pair of values, so applying it can never half-apply. */
export interface Correction {
  readonly url: string;
  readonly fullUrl: boolean;
  readonly label: Msg;
}

export interface EndpointFinding {
  readonly code: EndpointCode;
  readonly severity: Severity;
  readonly cause: Msg;
  readonly fix: Msg;
  readonly corrections: readonly Correction[];
}

/** Names with both an endpoint.<name>.cause and an endpoint.<name>.fix message. */
export type EndpointName = {
  [K in MessageId]: K extends `endpoint.${infer N}.cause` ? (`endpoint.${N}.fix` extends MessageId ? N : never) : never;
}[MessageId];
type FixName = { [K in MessageId]: K extends `endpoint.fix.${infer N}` ? N : never }[MessageId];

export function finding(
  code: EndpointCode,
  severity: Severity,
  name: EndpointName,
  ...rest: [Correction[]?] | [MessageArgs, Correction[]?]
): EndpointFinding {
  const [args, corrections] = Array.isArray(rest[0]) ? [undefined, rest[0]] : [rest[0], rest[1] ?? []];
  return {
    code,
    severity,
    cause: msg(`endpoint.${name}.cause`, args),
    fix: msg(`endpoint.${name}.fix`, args),
    corrections,
  };
}

export function fixTo(url: string, fullUrl: boolean, label: FixName): Correction {
  return { url, fullUrl, label: msg(`endpoint.fix.${label}`, { url }) };
}
