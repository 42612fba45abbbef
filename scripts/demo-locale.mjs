// The demo editor's display language. code-server 4.100.3 (VS Code 1.100.3) honours its `locale` only when a
// language pack for it is registered, and no language pack can be installed offline. So the demo registers an
// empty one (no translations): the workbench stays English, while vscode.env.language is the locale and the
// extension's own bundle (l10n/bundle.l10n.<lang>.json, package.nls.<lang>.json) is what the user reads.
import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Makes a profile from test/host/codeServer.mjs's makeProfile() start its editor in `lang`. */
export function useEditorLocale(profile, lang) {
  if (lang === 'en') return;
  appendFileSync(profile.configFile, `locale: ${lang}\n`); // code-server's --locale, as its config file spells it
  const emptyTranslations = path.join(profile.root, `translations-${lang}.json`);
  writeFileSync(emptyTranslations, JSON.stringify({ version: '1.0.0', contents: {} }));
  // The shape VS Code itself writes for an installed language pack (its extensions list must not be empty).
  const pack = {
    hash: `demo-${lang}`,
    label: lang,
    extensions: [{ extensionIdentifier: { id: `codex-pooler-demo.no-translations-${lang}` }, version: '0.0.0' }],
    translations: { vscode: emptyTranslations },
  };
  writeFileSync(path.join(profile.userDataDir, 'languagepacks.json'), JSON.stringify({ [lang]: pack }, null, 2));
}
