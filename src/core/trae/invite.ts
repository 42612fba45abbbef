// "Invite a teammate" and Copy Setup Link: the saved setup as setup links (this editor, Trae, Trae CN) and
// as a Markdown snippet for a team wiki. Built from the saved settings only (a draft is not a setup yet),
// and only when they pass the URL rules and name a model; every chosen model, the main one first. Never a
// key. Pure.
import { inviteLinks, inviteMarkdown, type InviteLinks } from './setupLink';
import type { Msg } from '../text/messages';
import { holdsSecret } from '../secrets/poolKey';
import { analyzeEndpoint } from '../url/endpoint';
import { moreModelsOf } from './modelSet';

/** What a Copy button of "Invite a teammate" copies: a link for this editor, Trae, Trae CN, or a wiki snippet. */
export const INVITE_TARGETS = ['linkThisEditor', 'linkTrae', 'linkTraeCn', 'linkMarkdown'] as const;
export type InviteTarget = (typeof INVITE_TARGETS)[number];

/** The saved setup a link is built from (the settings' names). */
export interface SavedSetup {
  readonly baseUrl: string;
  readonly fullUrl: boolean;
  readonly model: string;
  /** The further models (absent or empty: a one-model setup). */
  readonly moreModels?: readonly string[];
}

export interface InviteSource {
  readonly saved: SavedSetup;
  /** `vscode.env.uriScheme` */
  readonly scheme: string;
  /** `<publisher>.<name>` */
  readonly extensionId: string;
}

/** The saved pool's host when it is this computer (a teammate's link would point at their own computer). */
export function localHostOf(source: InviteSource): string | undefined {
  const endpoint = analyzeEndpoint(source.saved.baseUrl, source.saved.fullUrl).endpoint;
  return endpoint?.loopback ? endpoint.host : undefined;
}

/** The links for the saved setup; undefined when nothing usable is saved. */
export function inviteFor(source: InviteSource): InviteLinks | undefined {
  const { saved } = source;
  // A key pasted into a setting is never copied into a link (the settings adapter blanks it too).
  if (holdsSecret(saved.baseUrl) || holdsSecret(saved.model) || (saved.moreModels ?? []).some(holdsSecret)) {
    return undefined;
  }
  const analysis = analyzeEndpoint(saved.baseUrl, saved.fullUrl);
  if (!analysis.ok || !analysis.endpoint || saved.model.trim() === '') return undefined;
  return inviteLinks(source.scheme, source.extensionId, draftOf(saved));
}

export function inviteText(what: InviteTarget, source: InviteSource, render: (m: Msg) => string): string | undefined {
  const links = inviteFor(source);
  if (!links) return undefined;
  switch (what) {
    case 'linkThisEditor':
      return links.thisEditor;
    case 'linkTrae':
      return links.trae;
    case 'linkTraeCn':
      return links.traeCn;
    case 'linkMarkdown':
      return inviteMarkdown(links, draftOf(source.saved), render);
  }
}

function draftOf(saved: SavedSetup) {
  const main = saved.model.trim();
  const more = moreModelsOf(main, saved.moreModels ?? []);
  return {
    url: saved.baseUrl.trim(),
    fullUrl: saved.fullUrl,
    modelId: main,
    ...(more.length ? { moreModels: more } : {}),
  };
}
