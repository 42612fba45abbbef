#!/usr/bin/env node
// `npm run publish [-- --dry-run]`: package codex-pooler-trae-<version>.vsix (`npm run package`), then publish
// that file to Open VSX (Trae's extension gallery; token OVSX_PAT) and, only when VSCE_PAT is set, to the VS Code
// Marketplace. Refuses a dirty git tree and a version tag on another commit. --dry-run packages and prints the
// plan, publishing nothing. Tokens reach the tools through their own environment variables only (never an
// argument, never printed), and their output is scrubbed of them.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export const OPEN_VSX_TOKEN_URL = 'https://open-vsx.org/user-settings/tokens';
export const MARKETPLACE_TOKEN_DOC =
  'https://code.visualstudio.com/api/working-with-extensions/publishing-extension#get-a-personal-access-token';

/** A token variable counts as set when it holds more than blanks (an unset GitHub secret arrives as ""). */
export const hasToken = (env, name) => typeof env[name] === 'string' && env[name].trim() !== '';

/**
 * Why this checkout must not be published, from git facts: `status` (porcelain lines), `head` (commit),
 * `tagCommit` (commit of tag v<version>, or '' when there is none), `headTags` (v* tags on HEAD).
 */
export function gitProblems({ version, status, head, tagCommit, headTags }) {
  const problems = [];
  const tag = `v${version}`;
  const changed = status.filter(Boolean);
  if (changed.length) {
    const shown = changed
      .slice(0, 5)
      .map((line) => line.slice(3))
      .join(', ');
    problems.push(
      `the git tree has uncommitted changes (${changed.length}: ${shown}${changed.length > 5 ? ', ...' : ''}): ` +
        'commit or stash them, a release is built from a commit',
    );
  }
  if (tagCommit && tagCommit !== head) {
    problems.push(
      `tag ${tag} is on commit ${tagCommit.slice(0, 12)}, not on HEAD (${head.slice(0, 12)}): version ${version} ` +
        'was released from another commit; bump "version" in package.json and CHANGELOG.md',
    );
  }
  const others = headTags.filter((name) => /^v\d/.test(name) && name !== tag);
  if (others.length) {
    problems.push(
      `HEAD is tagged ${others.join(', ')} but package.json says ${version}: make the tag and the version agree`,
    );
  }
  return problems;
}

/** Why the tokens forbid a real run (none for a dry run, which needs no token). */
export function tokenProblems(env, { dryRun }) {
  if (dryRun || hasToken(env, 'OVSX_PAT')) return [];
  return [
    `OVSX_PAT is not set: create an Open VSX access token at ${OPEN_VSX_TOKEN_URL} and run ` +
      '`OVSX_PAT=<token> npm run publish` (in GitHub Actions: the repository secret OVSX_PAT). ' +
      'Set VSCE_PAT as well to publish to the VS Code Marketplace.',
  ];
}

/**
 * The publish steps for one VSIX: Open VSX always, the Marketplace when VSCE_PAT is set. `token` names the
 * variable the tool reads itself (`ovsx` OVSX_PAT, `vsce` VSCE_PAT). --skip-duplicate makes a re-run of a
 * half-finished release (one registry done, the other failed) go through.
 */
export function publishSteps(vsix, env) {
  const steps = [
    {
      registry: 'Open VSX',
      tool: 'ovsx',
      token: 'OVSX_PAT',
      args: ['publish', '--packagePath', vsix, '--skip-duplicate'],
    },
  ];
  if (hasToken(env, 'VSCE_PAT')) {
    steps.push({
      registry: 'VS Code Marketplace',
      tool: 'vsce',
      token: 'VSCE_PAT',
      args: ['publish', '--packagePath', vsix, '--skip-duplicate'],
    });
  }
  return steps;
}

/** The environment of one step: its own token only (the other registry's token stays out of that process). */
export function stepEnv(env, step) {
  const clean = { ...env };
  for (const name of ['OVSX_PAT', 'VSCE_PAT']) if (name !== step.token) delete clean[name];
  return clean;
}

/** Text with every occurrence of the given secrets replaced by ***. */
export function redact(text, secrets) {
  let out = text;
  for (const secret of secrets) if (secret && secret.trim().length >= 4) out = out.split(secret).join('***');
  return out;
}

/** Runs a command with its output captured; returns { status, stdout, stderr } with the secrets scrubbed out. */
export function runScrubbed(command, args, { cwd, env, secrets }) {
  const result = spawnSync(command, args, {
    cwd,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const stderr = `${result.stderr ?? ''}${result.error ? `${command}: ${result.error.message}\n` : ''}`;
  return { status: result.status ?? 1, stdout: redact(result.stdout ?? '', secrets), stderr: redact(stderr, secrets) };
}

// The git facts gitProblems needs; null when this is no git work tree.
function gitFacts(version) {
  const git = (...args) => spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  const head = git('rev-parse', 'HEAD');
  if (head.status !== 0) return null;
  const tag = git('rev-parse', '-q', '--verify', `refs/tags/v${version}^{commit}`);
  return {
    version,
    head: head.stdout.trim(),
    status: git('status', '--porcelain').stdout.split('\n'),
    tagCommit: tag.status === 0 ? tag.stdout.trim() : '',
    headTags: git('tag', '--points-at', 'HEAD').stdout.split('\n').filter(Boolean),
  };
}

const TOOL_BINS = { ovsx: () => require.resolve('ovsx/bin/ovsx'), vsce: () => require.resolve('@vscode/vsce/vsce') };

function main(argv, env) {
  // `npm run publish --dry-run` (without --) reaches us as npm's own dry-run setting.
  const dryRun = argv.includes('--dry-run') || env.npm_config_dry_run === 'true';
  const unknown = argv.filter((arg) => arg !== '--dry-run');
  if (unknown.length) {
    console.error(`publish: unknown argument(s) ${unknown.join(' ')}; usage: npm run publish [-- --dry-run]`);
    return 2;
  }
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const vsix = `${pkg.name}-${pkg.version}.vsix`;
  const facts = gitFacts(pkg.version);
  const problems = [
    ...tokenProblems(env, { dryRun }),
    ...(facts ? gitProblems(facts) : ['this is not a git work tree: publish from a clone of the repository']),
  ];
  if (problems.length) {
    console.error(`Cannot publish ${pkg.name} ${pkg.version}${dryRun ? ' (dry run)' : ''}:`);
    for (const problem of problems) console.error(`  - ${problem}`);
    return 1;
  }

  console.log(`publish: packaging ${vsix} (npm run package)`);
  const packaged = spawnSync(process.execPath, [path.join(root, 'scripts', 'package.mjs')], {
    cwd: root,
    stdio: 'inherit',
    env,
  });
  if (packaged.status !== 0) {
    console.error('publish: packaging failed, nothing was published');
    return 1;
  }
  const after = gitFacts(pkg.version);
  const dirtied = after ? gitProblems(after) : [];
  if (dirtied.length) {
    console.error(`publish: packaging changed the git tree, nothing was published:\n  - ${dirtied.join('\n  - ')}`);
    return 1;
  }

  const steps = publishSteps(vsix, env);
  const secrets = [env.OVSX_PAT, env.VSCE_PAT].filter(Boolean);
  if (dryRun) {
    console.log(
      `\npublish --dry-run: ${vsix} of ${pkg.publisher}.${pkg.name} ${pkg.version} (commit ${facts.head.slice(0, 12)}); nothing published. A real run would:`,
    );
    for (const step of steps) {
      console.log(
        `  - ${step.registry}: ${step.tool} ${step.args.join(' ')}   (token from ${step.token}: ${hasToken(env, step.token) ? 'set' : 'NOT SET, required'})`,
      );
    }
    if (!hasToken(env, 'VSCE_PAT')) console.log('  - VS Code Marketplace: skipped (VSCE_PAT is not set)');
    return 0;
  }

  for (const step of steps) {
    console.log(`\npublish: ${step.registry}: ${step.tool} ${step.args.join(' ')}`);
    const { status, stdout, stderr } = runScrubbed(process.execPath, [TOOL_BINS[step.tool](), ...step.args], {
      cwd: root,
      env: stepEnv(env, step),
      secrets,
    });
    process.stdout.write(stdout);
    process.stderr.write(stderr);
    if (status !== 0) {
      console.error(
        `publish: ${step.registry} failed (exit ${status})${step === steps[0] ? '' : `; ${steps[0].registry} was published`}`,
      );
      return 1;
    }
    console.log(`publish: ${step.registry}: done`);
  }
  if (steps.length === 1)
    console.log(`publish: VS Code Marketplace skipped (VSCE_PAT is not set; token: ${MARKETPLACE_TOKEN_DOC})`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2), process.env);
}
