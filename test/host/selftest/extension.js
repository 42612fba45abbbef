// Minimal extension for the rig's self-test: one command and a SecretStorage round-trip API.
const vscode = require('vscode');

// Activated on its command (implicit activation event) or when a test calls getExtension().activate().
function activate(context) {
  // The command returns a value so the test can check it ran inside this extension host.
  context.subscriptions.push(
    vscode.commands.registerCommand('hostSelftest.hello', (name = 'world') => `hello ${name}`),
  );
  // Exported API: tests reach context.secrets through it, as the real extension's tests would.
  return {
    storeSecret: (key, value) => context.secrets.store(key, value),
    getSecret: (key) => context.secrets.get(key),
    deleteSecret: (key) => context.secrets.delete(key),
  };
}

function deactivate() {}

module.exports = { activate, deactivate };
