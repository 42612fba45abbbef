// The one rulebook for the house's structure: `npm run lint` runs it after ESLint, `npm run house` draws it.
// HOUSE lists the places from the bottom up: a place imports only the places listed before it (and its own
// files). The webview is a small house beside it that sees only WEBVIEW_SEES of the big one. Every rule is
// named, so a failure says which it broke; test/unit/houseRules.test.ts breaks each one on a small tree.
const { builtinModules } = require('node:module');

/** Bottom up. A subfolder is a place of its own: http/node stands on http, the wizard's top on its rooms. */
const HOUSE = [
  ...['src/core/text', 'src/core/url', 'src/core/secrets', 'src/core/http', 'src/core/http/node'],
  ...['src/core/pool', 'src/core/trae', 'src/core/check', 'src/core/check/traeShaped'],
  'src/services',
  'src/checkEngine.ts',
  ...['src/wizard/protocol', 'src/wizard/state', 'src/wizard/checks', 'src/wizard/link', 'src/wizard/confirm'],
  ...['src/wizard/view', 'src/wizard'],
  'src/editor',
  'src/interactive.ts',
  'src/extension.ts',
];
/** The webview, bottom up: its styles, the page's parts (src/webview/*.ts), the steps, the shell and entry. */
const WEBVIEW = ['src/webview/styles', 'src/webview', 'src/webview/steps', 'src/webview/shell'];
/** All that the webview may import from the host's side: the protocol and the core's browser-safe layers. */
const WEBVIEW_SEES = ['src/wizard/protocol', 'src/core/text', 'src/core/url', 'src/core/secrets', 'src/core/trae'];
const WEBVIEW_ENTRY = 'src/webview/shell/main.ts';
const VSCODE_USERS = ['src/editor', 'src/interactive.ts', 'src/extension.ts'];
const NODE_MODULES = [...new Set(builtinModules.map((name) => name.replace(/^node:/, '')))];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** The files of exactly this folder (not of its subfolders) and the folder drawn as one box, or this one file. */
const at = (place) => (/\.ts$/.test(place) ? `^${escape(place)}$` : `^${escape(place)}/[^/]*$`);
const atAny = (places) => places.map(at);
const part = (place) => (place.startsWith('src/core/') ? 'core' : place.startsWith('src/wizard') ? 'wizard' : place);

/** A place imports no place after it in `places`; the rule's name says which part of the house it guards. */
function oneWay(places, nameOf) {
  return places.flatMap((place, index) => {
    const byName = new Map();
    for (const up of places.slice(index + 1))
      byName.set(nameOf(place, up), [...(byName.get(nameOf(place, up)) ?? []), up]);
    return [...byName].map(([name, above]) => ({
      name,
      severity: 'error',
      comment: `${place} is below ${above.join(', ')}: move the shared piece down, or this code up.`,
      from: { path: at(place) },
      to: { path: atAny(above) },
    }));
  });
}
const houseName = (place, up) =>
  part(place) !== part(up) ? 'house-order' : part(place) === 'core' ? 'core-layers' : 'wizard-rooms';

module.exports = {
  forbidden: [
    ...oneWay(HOUSE, houseName),
    ...oneWay(WEBVIEW, () => 'webview-rooms'),
    {
      name: 'house-plan',
      severity: 'error',
      comment: 'Every file in src has its place in HOUSE or WEBVIEW (.dependency-cruiser.cjs): add a new folder there.',
      from: { path: '^src/' },
      to: { path: '^src/', pathNot: atAny([...HOUSE, ...WEBVIEW]) },
    },
    {
      name: 'house-plan',
      severity: 'error',
      comment: 'Every file in src has its place in HOUSE or WEBVIEW (.dependency-cruiser.cjs): add a new folder there.',
      from: { path: '^src/', pathNot: atAny([...HOUSE, ...WEBVIEW]) },
      to: {},
    },
    {
      name: 'protocol-only-core',
      severity: 'error',
      comment: 'src/wizard/protocol is shared with the webview: it imports only the core.',
      from: { path: at('src/wizard/protocol') },
      to: { path: '^src/', pathNot: ['^src/core/', at('src/wizard/protocol')] },
    },
    {
      name: 'webview-sees-protocol',
      severity: 'error',
      comment: `The webview imports only its own files and ${WEBVIEW_SEES.join(', ')}.`,
      from: { path: '^src/webview/' },
      to: { path: '^src/', pathNot: ['^src/webview/', ...atAny(WEBVIEW_SEES)] },
    },
    {
      name: 'only-the-webview-imports-it',
      severity: 'error',
      comment: 'The webview is a browser bundle: nothing on the host side imports it.',
      from: { path: '^src/', pathNot: '^src/webview/' },
      to: { path: '^src/webview/' },
    },
    {
      name: 'webview-no-node',
      severity: 'error',
      comment: 'The webview runs in a browser: no Node module may be reachable from its entry, however far.',
      from: { path: at(WEBVIEW_ENTRY) },
      to: { path: `^(node:)?(${NODE_MODULES.map(escape).join('|')})$`, reachable: true },
    },
    {
      name: 'no-vscode-outside-editor',
      severity: 'error',
      comment: `Only ${VSCODE_USERS.join(', ')} import vscode: the rest runs in plain Node tests or a browser.`,
      from: { path: '^src/', pathNot: VSCODE_USERS.map((place) => `^${escape(place)}(/|$)`) },
      to: { path: '^vscode$|/@types/vscode/' },
    },
    {
      name: 'node-only-in-http-node',
      severity: 'error',
      comment: 'In src/core only http/node/ uses Node modules (src/core/http/README.md).',
      from: { path: '^src/core/', pathNot: '^src/core/http/node/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle, type-only imports included: a circle of types is still a knot for the reader.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-folder-circular',
      severity: 'error',
      comment: 'A folder imports a folder that imports it back: one room in two, or a piece in the wrong one.',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that leads nowhere.',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    // The house drawn top-down: the entry points on top, the core's text at the bottom.
    reporterOptions: { dot: { theme: { graph: { rankdir: 'TB' } } } },
  },
};
