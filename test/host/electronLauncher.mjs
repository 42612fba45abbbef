#!/usr/bin/env node
// Stands in for the VS Code executable that @vscode/test-electron's runTests({ vscodeExecutablePath }) spawns:
// it reads --extensionDevelopmentPath= / --extensionTestsPath= (and a workspace folder, if one is given)
// from the command line and runs the tests in code-server instead of desktop VS Code (no download needed).
// Desktop-only flags test-electron adds (--no-sandbox, --user-data-dir=..., --extensions-dir=...) are ignored:
// every run gets a fresh temp profile. Use it through the shell wrapper test/host/code-server-vscode.
import { main } from './runExtensionTests.mjs';

// extensionTestsEnv arrives as this process's environment, which the extension host inherits.
main(process.argv.slice(2));
