// Setup links: `<scheme>://<publisher>.<name>/setup?url=<pool /v1 URL>&model=<id>&fullUrl=0|1`, the way a
// pool operator hands a teammate the whole setup; `model` may repeat, the main model first (Trae routes `trae://` and `trae-cn://` links to the
// extension's URI handler). A link is untrusted input: it either yields a draft that passes the URL rules,
// or one refusal that says why, in the user's language, without echoing anything key-shaped. It never
// carries a key, and it decides nothing about where a key goes (the wizard holds its pool as a stranger).
import { detectPastedSecret } from '../secrets/poolKey';
import { hasUnsafeCharacters, inertText, clampText } from '../text/inertText';
import { msg, type Msg } from '../text/messages';
import { analyzeEndpoint } from '../url/endpoint';
import { MAX_MODEL_ID_LENGTH, MAX_MODELS, modelKey, moreModelsOf } from './modelSet';

export const SETUP_PATH = '/setup';
/**
 * Sane lengths: a whole query (room for the longest URL and 20 of the longest model ids), the pool URL (the
 * URL rules' own limit), a model id; and how many models one link names.
 */
export const LINK_LIMITS = { query: 8192, url: 2048, model: MAX_MODEL_ID_LENGTH, models: MAX_MODELS } as const;
const PARAMS = ['url', 'model', 'fullUrl'] as const;
type Param = (typeof PARAMS)[number];

export interface LinkDraft {
  readonly url: string;
  readonly fullUrl: boolean;
  /** The main model (the first `model`). */
  readonly modelId: string;
  /** The further models, in the link's order (absent: the link names one model or none). */
  readonly moreModels?: readonly string[];
}

export type LinkRefusalCode =
  | 'path'
  | 'tooLong'
  | 'secret'
  | 'badEncoding'
  | 'controlChars'
  | 'unknownParam'
  | 'repeatedParam'
  | 'missingUrl'
  | 'badFullUrl'
  | 'badUrl'
  | 'badModel'
  | 'emptyModel'
  | 'repeatedModel'
  | 'tooManyModels';

export type LinkResult =
  | { readonly ok: true; readonly draft: LinkDraft; readonly host: string; readonly origin: string }
  | {
      readonly ok: false;
      readonly code: LinkRefusalCode;
      readonly cause: Msg;
      readonly fix: Msg;
      /** What kind of secret the link carried (never the secret). */
      readonly secret?: 'pool-key' | 'mcp-token' | 'bearer';
    };

/**
 * A link as the editor hands it over: its path, and its query decoded once (vscode.Uri decodes each
 * component; the values may still hold %-escapes of their own, which are decoded here once more).
 */
export interface LinkParts {
  readonly path: string;
  readonly query: string;
}

export function parseSetupLink(parts: LinkParts): LinkResult {
  const { path, query } = parts;
  if (typeof path !== 'string' || typeof query !== 'string') return refuse('badEncoding', { name: '?' });
  // A secret anywhere (path, names, values; plain or %-encoded) is the first thing said, and never echoed.
  const secret = secretIn([path, query]);
  if (secret) return secretRefusal(secret);
  if (query.length > LINK_LIMITS.query) {
    return refuse('tooLong', { what: msg('link.part.link'), length: query.length, max: LINK_LIMITS.query });
  }
  if (path !== SETUP_PATH && path !== `${SETUP_PATH}/`) return refuse('path', { path: shown(path) });
  const values = new Map<Param, string>();
  const models: string[] = [];
  for (const pair of query === '' ? [] : query.split('&')) {
    const at = pair.indexOf('=');
    const rawName = at < 0 ? pair : pair.slice(0, at);
    const name = decoded(rawName);
    const value = decoded(at < 0 ? '' : pair.slice(at + 1));
    if (name === undefined) return refuse('badEncoding', { name: shown(rawName) });
    if (value === undefined) return refuse('badEncoding', { name: shown(name) });
    const again = secretIn([name, value]);
    if (again) return secretRefusal(again);
    if (hasUnsafeCharacters(name) || hasUnsafeCharacters(value) || /[\u2028\u2029]/.test(name + value)) {
      return refuse('controlChars', { name: shown(name) });
    }
    if (!isParam(name)) return refuse('unknownParam', { name: shown(name) });
    if (name === 'model') {
      if (models.length === LINK_LIMITS.models) return refuse('tooManyModels', { max: LINK_LIMITS.models });
      models.push(value);
      continue;
    }
    if (values.has(name)) return refuse('repeatedParam', { name });
    values.set(name, value);
  }
  return draftOf(values, models);
}

/** The link for a saved setup, every model of it, the main one first (never a key: there is no parameter for one). */
export function buildSetupLink(scheme: string, extensionId: string, draft: LinkDraft): string {
  const main = draft.modelId.trim();
  const models = main === '' ? [] : [main, ...moreModelsOf(main, draft.moreModels ?? [])];
  const query = [
    `url=${encodeURIComponent(draft.url)}`,
    ...models.map((id) => `model=${encodeURIComponent(id)}`),
    `fullUrl=${draft.fullUrl ? 1 : 0}`,
  ].join('&');
  return `${scheme}://${extensionId.toLowerCase()}${SETUP_PATH}?${query}`;
}

/**
 * What the editor hands over for a link string: its path and its query, each %-decoded once the way
 * vscode.Uri does (a broken escape stays as it is). For tests, the bench, and anything that starts from a
 * link's text rather than from the editor.
 */
export function linkParts(link: string): LinkParts & { readonly scheme: string; readonly authority: string } {
  const match = /^([a-zA-Z][\w+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?/.exec(link);
  if (!match) return { scheme: '', authority: '', path: '', query: '' };
  const [, scheme = '', authority = '', path = '', query = ''] = match;
  return { scheme, authority: decodeOnce(authority), path: decodeOnce(path), query: decodeOnce(query) };
}

function draftOf(values: Map<Param, string>, models: readonly string[]): LinkResult {
  const url = values.get('url');
  if (url === undefined || url.trim() === '') return refuse('missingUrl', {});
  if (url.length > LINK_LIMITS.url) {
    return refuse('tooLong', { what: 'url', length: url.length, max: LINK_LIMITS.url });
  }
  const rawFull = values.get('fullUrl') ?? '0';
  if (rawFull !== '0' && rawFull !== '1') return refuse('badFullUrl', { value: shown(rawFull) });
  const fullUrl = rawFull === '1';
  const ids = models.map((m) => m.trim());
  const refusal = modelRefusal(ids);
  if (refusal) return refusal;
  // The URL rules apply unchanged: the first error is the refusal, with its usual fix.
  const analysis = analyzeEndpoint(url, fullUrl);
  // The rules give an endpoint exactly when the URL is valid, and a refusal always holds an error.
  if (!analysis.endpoint) {
    const error = analysis.findings.find((f) => f.severity === 'error');
    return {
      ok: false,
      code: 'badUrl',
      cause: msg('link.badUrl.cause', { cause: error?.cause ?? msg('link.missingUrl.cause') }),
      fix: error?.fix ?? msg('link.fix'),
    };
  }
  return {
    ok: true,
    draft: {
      url: analysis.input,
      fullUrl,
      modelId: ids[0] ?? '',
      ...(ids.length > 1 ? { moreModels: ids.slice(1) } : {}),
    },
    host: analysis.endpoint.host,
    origin: analysis.endpoint.origin,
  };
}

/** The first thing wrong with the link's models (trimmed, in its order), if any. */
function modelRefusal(ids: readonly string[]): LinkResult | undefined {
  const seen = new Set<string>();
  for (const id of ids) {
    if (id.length > LINK_LIMITS.model) {
      return refuse('tooLong', { what: 'model', length: id.length, max: LINK_LIMITS.model });
    }
    if (/\s/.test(id)) return refuse('badModel', {});
    // One `model=` with no id is today's link that leaves the model to step 3; among several, it is a mistake.
    if (id === '' && ids.length > 1) return refuse('emptyModel', {});
    // Ids that differ only in case are one model (the pool matches them that way): a link names each once.
    if (seen.has(modelKey(id))) return refuse('repeatedModel', { model: shown(id) });
    seen.add(modelKey(id));
  }
  return undefined;
}

function isParam(name: string): name is Param {
  return (PARAMS as readonly string[]).includes(name);
}

function secretIn(texts: readonly string[]): 'pool-key' | 'mcp-token' | 'bearer' | undefined {
  for (const text of texts) {
    const found = detectPastedSecret(text) ?? detectPastedSecret(decodeOnce(text));
    if (found) return found;
  }
  return undefined;
}

function secretRefusal(kind: 'pool-key' | 'mcp-token' | 'bearer'): LinkResult {
  const name =
    kind === 'pool-key'
      ? msg('link.secretKind.poolKey')
      : kind === 'mcp-token'
        ? msg('link.secretKind.mcpToken')
        : msg('link.secretKind.bearer');
  return {
    ok: false,
    code: 'secret',
    cause: msg('link.secret.cause', { kind: name }),
    fix: msg('link.secret.fix'),
    secret: kind,
  };
}

function refuse(
  code: Exclude<LinkRefusalCode, 'secret' | 'badUrl'>,
  args: Record<string, string | number | Msg>,
): LinkResult {
  return { ok: false, code, cause: msg(`link.${code}.cause`, args), fix: msg('link.fix') };
}

/** A piece of the link as the refusal shows it: inert, and short. */
function shown(text: string): string {
  return clampText(inertText(text), 60);
}

/** One round of %-decoding, undefined when an escape is broken (the value is then unreadable). */
function decoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** One round of %-decoding that leaves broken escapes as they are (how vscode.Uri reads a link). */
function decodeOnce(text: string): string {
  return text.replace(/(%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/** A saved setup as links for this editor, Trae and Trae CN. */
export interface InviteLinks {
  /** The scheme of the editor this runs in (`vscode`, `code-oss`, `trae`, `trae-cn`…). */
  readonly scheme: string;
  readonly thisEditor: string;
  readonly trae: string;
  readonly traeCn: string;
}

export function inviteLinks(scheme: string, extensionId: string, draft: LinkDraft): InviteLinks {
  return {
    scheme,
    thisEditor: buildSetupLink(scheme, extensionId, draft),
    trae: buildSetupLink('trae', extensionId, draft),
    traeCn: buildSetupLink('trae-cn', extensionId, draft),
  };
}

/** The snippet for a team wiki: install, open the link, paste your own key. Never a key. */
export function inviteMarkdown(links: InviteLinks, draft: LinkDraft, render: (m: Msg) => string): string {
  // Parentheses would end a Markdown link early; backticks would end the inline code.
  const target = (link: string) => link.replace(/\(/g, '%28').replace(/\)/g, '%29');
  const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;
  const forms = [`[Trae](${target(links.trae)})`, `[Trae CN](${target(links.traeCn)})`];
  if (links.scheme !== 'trae' && links.scheme !== 'trae-cn') {
    const name = links.scheme === 'vscode' ? 'VS Code' : links.scheme;
    forms.push(`[${name}](${target(links.thisEditor)})`);
  }
  const main = draft.modelId.trim();
  const more = main === '' ? [] : moreModelsOf(main, draft.moreModels ?? []);
  const values =
    more.length > 0
      ? msg('link.markdown.valuesMany', { url: code(draft.url), models: [main, ...more].map(code).join(', ') })
      : msg('link.markdown.values', { url: code(draft.url), model: main === '' ? '—' : code(main) });
  return [
    `**${render(msg('link.markdown.title'))}**`,
    '',
    `1. ${render(msg('link.markdown.install'))}`,
    `2. ${render(msg('link.markdown.open', { links: forms.join(' · ') }))}`,
    `3. ${render(msg('link.markdown.key'))}`,
    '',
    render(values),
    '',
    `_${render(msg('link.markdown.restart'))}_`,
    '',
  ].join('\n');
}
