// StrykerJS's mocha runner, for mocha 12 on Node 20 (`npm run mutation`, stryker.config.mjs). StrykerJS 10, whose
// runner knows mocha 12, needs Node 22; the runner of StrykerJS 9 asks for mocha's CLI helpers without an extension,
// and mocha 12 renamed them to .cjs. Letting require() try .cjs is all it needs.
import Module from 'node:module';

const extensions = /** @type {Record<string, unknown>} */ (/** @type {any} */ (Module)._extensions);
extensions['.cjs'] ??= extensions['.js'];

const runner = await import('@stryker-mutator/mocha-runner');
export const strykerPlugins = runner.strykerPlugins;
export const strykerValidationSchema = runner.strykerValidationSchema;
