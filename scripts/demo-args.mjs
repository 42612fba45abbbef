// What `npm run demo` accepts: the editor's display language and the demo pool's port. Apart from demo.mjs so a
// unit test holds what a person reads when an argument is wrong (before anything is built).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** English and every language the extension has a bundle for (l10n/bundle.l10n.<lang>.json). */
export function demoLanguages(l10nDir = path.join(root, 'l10n')) {
  const bundles = readdirSync(l10nDir)
    .map((name) => /^bundle\.l10n\.(.+)\.json$/.exec(name)?.[1])
    .filter(Boolean);
  return ['en', ...bundles.sort()];
}

export const DEFAULT_POOL_PORT = 4000;

export function demoUsage(languages) {
  return [
    `Usage: npm run demo -- [--lang ${languages.join('|')}] [--pool-port=${DEFAULT_POOL_PORT}]`,
    `  --lang <language>   the editor's display language (its locale); ${languages.filter((l) => l !== 'en').join(', ')} shows the extension's own translation`,
    `  --pool-port=<port>  the demo pool's port (default ${DEFAULT_POOL_PORT})`,
  ].join('\n');
}

/**
 * `--lang zh-cn` / `--lang=zh-cn` and `--pool-port=4100` / `--pool-port 4100`.
 * Returns { lang, poolPort }, { help: true }, or { error } (a sentence naming what to type instead).
 */
export function parseDemoArgs(argv, languages = demoLanguages()) {
  const options = { lang: 'en', poolPort: DEFAULT_POOL_PORT };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { help: true };
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? splitOnce(arg) : [arg, undefined];
    if (flag !== '--lang' && flag !== '--pool-port')
      return { error: `unknown argument "${arg}".\n${demoUsage(languages)}` };
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') return { error: `${flag} needs a value.\n${demoUsage(languages)}` };
    if (flag === '--lang') {
      const lang = value.toLowerCase();
      if (!languages.includes(lang))
        return {
          error: `unknown language "${value}": the extension speaks ${languages.join(' and ')} (npm run demo -- --lang ${languages.at(-1)}).`,
        };
      options.lang = lang;
    } else {
      const port = Number(value);
      if (!/^\d+$/.test(value) || port < 1 || port > 65535)
        return { error: `--pool-port must be a port number from 1 to 65535, not "${value}".` };
      options.poolPort = port;
    }
  }
  return options;
}

function splitOnce(arg) {
  const at = arg.indexOf('=');
  return [arg.slice(0, at), arg.slice(at + 1)];
}
