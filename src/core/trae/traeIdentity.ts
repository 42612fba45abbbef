// Which editor this is (Trae, Trae CN, or another VS Code-based one), the guide language that follows
// from it, and Trae's own commands worth offering. Trae documents none of this, so the editor layer
// offers a command only when vscode.commands.getCommands(true) lists it at that moment.
import { msg, type Msg } from '../text/messages';
import type { GuideLanguage } from './traeLabels';

export type TraeFlavor = 'trae' | 'trae-cn' | 'other';

export interface EditorIdentity {
  /** vscode.env.uriScheme: "trae" in Trae, "trae-cn" in Trae CN. */
  readonly uriScheme?: string;
  /** vscode.env.appName: starts with "Trae". */
  readonly appName?: string;
}

// "Trae CN", "Trae-CN", "TraeCN", "Trae 中国版", "Trae 国内版": the China edition.
const CN_APP_NAME = /^trae(?:[\s_-]*(?:cn\b|中国|国内))/i;
// "Trae", "Trae Insiders"… but not a longer word that only begins with the letters ("Traefik").
const TRAE_APP_NAME = /^trae(?![a-z])/i;

export function traeFlavor(env: EditorIdentity): TraeFlavor {
  const scheme = typeof env.uriScheme === 'string' ? env.uriScheme.trim().toLowerCase() : '';
  if (scheme === 'trae-cn') return 'trae-cn';
  if (scheme === 'trae') return 'trae';
  const app = typeof env.appName === 'string' ? env.appName.trim() : '';
  if (CN_APP_NAME.test(app)) return 'trae-cn';
  if (TRAE_APP_NAME.test(app)) return 'trae';
  return 'other';
}

/**
 * The labels to show: the setting when it names a language; on "auto", Trae CN's labels in Trae CN or
 * in an editor shown in Chinese (Trae's UI follows the display language), English otherwise.
 */
export function guideLanguageFor(
  setting: 'auto' | GuideLanguage,
  flavor: TraeFlavor,
  displayLanguage: string,
): GuideLanguage {
  if (setting !== 'auto') return setting;
  if (flavor === 'trae-cn') return 'zh-cn';
  return displayLanguage.trim().toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}

export type TraeCommandPurpose = 'openChat' | 'newChatSession' | 'openSettings';

export interface TraeCommand {
  readonly id: string;
  readonly purpose: TraeCommandPurpose;
  /** Seen doing what `purpose` says; an unconfirmed one may open something else. */
  readonly confirmed: boolean;
  readonly label: Msg;
}

export const TRAE_COMMANDS: readonly TraeCommand[] = [
  { id: 'workbench.action.chat.icube.open', purpose: 'openChat', confirmed: true, label: msg('trae.command.openChat') },
  {
    id: 'workbench.action.icube.aiChatSidebar.createNewSession',
    purpose: 'newChatSession',
    confirmed: false,
    label: msg('trae.command.newChatSession'),
  },
  {
    id: 'workbench.action.icube.openSettings',
    purpose: 'openSettings',
    confirmed: false,
    label: msg('trae.command.openSettings'),
  },
];

/**
 * Trae's commands to offer: only in Trae or Trae CN (Trae's internal names could mean anything in
 * another editor) and only those the editor lists now (`getCommands(true)`).
 */
export function traeCommandsToOffer(flavor: TraeFlavor, listed: Iterable<string>): TraeCommand[] {
  if (flavor === 'other') return [];
  const available = new Set(listed);
  return TRAE_COMMANDS.filter((c) => available.has(c.id));
}

/**
 * The wizard's buttons that open Trae: Trae's own chat and settings commands, in Trae or Trae CN, when
 * listed now. Nothing stands in for them elsewhere: VS Code's own chat command exists in plain VS Code
 * and code-server but shows nothing without a chat provider, and a button must visibly do something.
 */
export function wizardTraeCommands(
  flavor: TraeFlavor,
  listed: Iterable<string>,
): { readonly openChat?: string; readonly openTraeSettings?: string } {
  const offered = traeCommandsToOffer(flavor, listed);
  const openChat = offered.find((c) => c.purpose === 'openChat')?.id;
  const openTraeSettings = offered.find((c) => c.purpose === 'openSettings')?.id;
  return { ...(openChat ? { openChat } : {}), ...(openTraeSettings ? { openTraeSettings } : {}) };
}
