// What `npm run demo` tells a new user must match what they then see (defect: the banner said the status
// bar shows "Pool: set up"; it shows "Pool: not set up"), and what they need must still be on screen when it
// ends (defect: a 60-line banner scrolled the editor's address and the demo key away).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderMsg } from '../../src/core/text/messages';
import { DEFAULT_MODELS, scenarioList } from '../emulator/server';

const root = path.join(__dirname, '../../..');
const load = async <T>(file: string): Promise<T> =>
  (await import(pathToFileURL(path.join(root, 'scripts', file)).href)) as T;

interface BannerOptions {
  editorPort: number;
  poolPort: number;
  editorVersion: string;
  key: string;
  lang?: string;
  scenarioCount: number;
  traeModel: string;
  setupLink: string;
}
interface BannerModule {
  FIRST_STATUS_TEXT: string;
  FIRST_SCENARIOS: [string, string][];
  MISSING_MODEL: string;
  firstStatusText(lang: string): string;
  demoBanner(options: BannerOptions): string;
}
type Parsed = { lang: string; poolPort: number } | { help: true } | { error: string };
interface ArgsModule {
  demoLanguages: (l10nDir?: string) => string[];
  parseDemoArgs: (argv: string[], languages?: string[]) => Parsed;
}
interface LocaleModule {
  useEditorLocale: (profile: { root: string; userDataDir: string; configFile: string }, lang: string) => void;
}

const KEY = 'sk-cxp-0123456789ab-SECRETSECRETSECRETSECRETSECRETSECRETSECRETSE';
const options = (lang = 'en'): BannerOptions => ({
  editorPort: 41234,
  poolPort: 4000,
  editorVersion: '4.100.3',
  key: KEY,
  lang,
  scenarioCount: scenarioList().length,
  traeModel: 'gpt-5.5',
  setupLink: 'code-oss://codex-pooler-community.codex-pooler-trae/setup?url=http%3A%2F%2Flocalhost%3A4000%2Fv1',
});

describe('the demo banner', () => {
  it('names the status bar text a fresh profile shows, from the same catalog the status bar uses', async () => {
    const banner = await load<BannerModule>('demo-banner.mjs');
    const shown = renderMsg({ id: 'ui.status.textSetUp' });
    assert.equal(shown, 'Pool: not set up');
    assert.equal(banner.FIRST_STATUS_TEXT, shown);
    const text = banner.demoBanner(options());
    assert.match(text, /The status bar shows "Pool: not set up"/);
    assert.doesNotMatch(text, /"Pool: set up"/);
  });

  it('in Chinese, names the status bar text as the extension shows it in Chinese', async () => {
    const banner = await load<BannerModule>('demo-banner.mjs');
    const bundle = JSON.parse(fs.readFileSync(path.join(root, 'l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<
      string,
      string
    >;
    assert.equal(banner.firstStatusText('zh-cn'), bundle['Pool: not set up']);
    assert.match(banner.demoBanner(options('zh-cn')), /The status bar shows "号池：未设置"/);
  });

  it('ends with what a person needs: the editor address, the demo key, how to stop', async () => {
    const banner = await load<BannerModule>('demo-banner.mjs');
    const lines = banner.demoBanner(options()).trimEnd().split('\n');
    const last = lines.slice(-8).join('\n');
    assert.ok(last.includes('http://localhost:41234/'), last);
    assert.ok(last.includes(KEY), last);
    assert.ok(last.includes('http://localhost:4000/v1'), last);
    assert.match(lines.at(-1)!, /Ctrl\+C stops/);
    // Fits a small terminal (24 rows) with room for the command line.
    assert.ok(lines.length <= 24, `${lines.length} lines`);
  });

  it('spells the host one way, localhost', async () => {
    const banner = await load<BannerModule>('demo-banner.mjs');
    const text = banner.demoBanner(options());
    assert.doesNotMatch(text, /127\.0\.0\.1/);
    const hosts = new Set([...text.matchAll(/https?:\/\/([^/:'\s]+)/g)].map((m) => m[1]));
    assert.deepEqual([...hosts], ['localhost']);
  });

  it('keeps the scenario list short, names only real scenarios, and points at all of them', async () => {
    const banner = await load<BannerModule>('demo-banner.mjs');
    const names = scenarioList().map((s) => s.name);
    for (const [name] of banner.FIRST_SCENARIOS) assert.ok(names.includes(name as never), name);
    const text = banner.demoBanner(options());
    assert.equal([...text.matchAll(/__emulator\/scenario\//g)].length, banner.FIRST_SCENARIOS.length);
    assert.match(text, new RegExp(`All ${names.length} scenarios, each with what it does: docs/demo\\.md`));
    assert.match(text, /npm run demo -- --lang zh-cn/);
  });

  it('shows how to make the pool stop offering a model the demo pool lists, and how to bring it back', async () => {
    const banner = await load<BannerModule>('demo-banner.mjs');
    const text = banner.demoBanner(options());
    assert.ok(
      DEFAULT_MODELS.some((m) => m.id === banner.MISSING_MODEL),
      banner.MISSING_MODEL,
    );
    assert.ok(
      text.includes(`curl -X POST 'http://localhost:4000/__emulator/model/remove?id=${banner.MISSING_MODEL}'`),
      text,
    );
    assert.match(text, /\/model\/add\?id= puts it back/);
    const demoDoc = fs.readFileSync(path.join(root, 'docs/demo.md'), 'utf8');
    assert.match(demoDoc, /__emulator\/model\/remove\?id=gpt-5\.4-mini/);
    assert.match(demoDoc, /__emulator\/model\/add\?id=gpt-5\.4-mini/);
  });
});

describe('docs/demo.md', () => {
  it('lists every emulator scenario with its description, and no other', () => {
    const doc = fs.readFileSync(path.join(root, 'docs/demo.md'), 'utf8');
    const rows = doc
      .split('\n')
      .filter((line) => /^\| *`[a-z0-9-]+` *\|/.test(line))
      .map((line) =>
        line
          .split('|')
          .slice(1, -1)
          .map((cell) => cell.trim())
          .join(' | '),
      );
    const expected = scenarioList().map((s) => `\`${s.name}\` | ${s.description}`);
    const missing = expected.filter((row) => !rows.includes(row));
    const extra = rows.filter((row) => !expected.includes(row));
    assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, 'update the table in docs/demo.md');
  });
});

describe('npm run demo arguments', () => {
  it('speaks English and every language the extension has a bundle for', async () => {
    const args = await load<ArgsModule>('demo-args.mjs');
    assert.deepEqual(args.demoLanguages(), ['en', 'zh-cn']);
  });

  it('takes --lang in both spellings, any case, and --pool-port', async () => {
    const { parseDemoArgs } = await load<ArgsModule>('demo-args.mjs');
    assert.deepEqual(parseDemoArgs([]), { lang: 'en', poolPort: 4000 });
    assert.deepEqual(parseDemoArgs(['--lang', 'zh-cn']), { lang: 'zh-cn', poolPort: 4000 });
    assert.deepEqual(parseDemoArgs(['--lang=zh-CN', '--pool-port=4100']), { lang: 'zh-cn', poolPort: 4100 });
    assert.deepEqual(parseDemoArgs(['--pool-port', '4100', '--lang', 'en']), { lang: 'en', poolPort: 4100 });
    assert.deepEqual(parseDemoArgs(['--help']), { help: true });
  });

  it('refuses an unknown language, naming the ones there are', async () => {
    const { parseDemoArgs } = await load<ArgsModule>('demo-args.mjs');
    for (const argv of [['--lang', 'fr'], ['--lang=zh'], ['--lang', 'zh-tw']]) {
      const parsed = parseDemoArgs(argv);
      assert.ok('error' in parsed, JSON.stringify(argv));
      assert.match(parsed.error, /^unknown language "[^"]+": the extension speaks en and zh-cn/);
    }
  });

  it('refuses a missing value, a bad port and an unknown argument, with the usage', async () => {
    const { parseDemoArgs } = await load<ArgsModule>('demo-args.mjs');
    const error = (argv: string[]) => {
      const parsed = parseDemoArgs(argv);
      return 'error' in parsed ? parsed.error : '';
    };
    assert.match(error(['--lang']), /^--lang needs a value/);
    assert.match(error(['--lang=']), /^--lang needs a value/);
    for (const port of ['0', '65536', '40a', '-1', '4e3'])
      assert.match(error([`--pool-port=${port}`]), /^--pool-port must be a port number from 1 to 65535/, port);
    assert.match(error(['--langs', 'zh-cn']), /^unknown argument "--langs"\.\nUsage: npm run demo/);
    assert.match(error(['zh-cn']), /^unknown argument "zh-cn"/);
  });

  it('fails as a process: a clear message, exit code 2, before anything is built', async () => {
    const { spawnSync } = await import('node:child_process');
    // The deadline only bounds a broken parser, which would go on to build and start the whole demo.
    const result = spawnSync(process.execPath, [path.join(root, 'scripts/demo.mjs'), '--lang', 'fr'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /\[demo\] unknown language "fr": the extension speaks en and zh-cn/);
    assert.doesNotMatch(result.stdout, /building/);
  });
});

describe('the demo editor locale', () => {
  it('writes the locale and an empty language pack for it, so the editor reports zh-cn to the extension', async () => {
    const { useEditorLocale } = await load<LocaleModule>('demo-locale.mjs');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-locale-'));
    const profile = { root: dir, userDataDir: path.join(dir, 'user-data'), configFile: path.join(dir, 'config.yaml') };
    fs.mkdirSync(profile.userDataDir);
    fs.writeFileSync(profile.configFile, 'auth: none\n');
    try {
      useEditorLocale(profile, 'en');
      assert.equal(fs.readFileSync(profile.configFile, 'utf8'), 'auth: none\n');
      assert.ok(!fs.existsSync(path.join(profile.userDataDir, 'languagepacks.json')));
      useEditorLocale(profile, 'zh-cn');
      assert.match(fs.readFileSync(profile.configFile, 'utf8'), /^locale: zh-cn$/m);
      const packs = JSON.parse(fs.readFileSync(path.join(profile.userDataDir, 'languagepacks.json'), 'utf8')) as Record<
        string,
        { hash: string; extensions: { extensionIdentifier: { id: string } }[]; translations: { vscode: string } }
      >;
      const pack = packs['zh-cn']!;
      assert.equal(typeof pack.hash, 'string');
      assert.ok(pack.extensions[0]?.extensionIdentifier.id, 'VS Code reads the first extension of a pack');
      const translations = JSON.parse(fs.readFileSync(pack.translations.vscode, 'utf8')) as { contents: object };
      assert.deepEqual(translations.contents, {}, 'no translations: the workbench stays English');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
