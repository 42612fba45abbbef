// `npm run emulator`: a Codex Pooler emulator for manual tries. Prints the URL, a demo key and every
// scenario with its description and the command that switches to it (list: /__emulator/scenarios).
import { scenarioHelp, startEmulator } from './server';

async function main(): Promise<void> {
  const portArg = process.argv.find((a) => a.startsWith('--port='));
  const hostArg = process.argv.find((a) => a.startsWith('--host='));
  // --port=0: any free port (printed below).
  const port = portArg ? Number(portArg.slice('--port='.length)) : Number(process.env['EMULATOR_PORT'] ?? 4000);
  const host = hostArg ? hostArg.slice('--host='.length) : '127.0.0.1';
  const emulator = await startEmulator({ host, port });
  const shown = emulator.url.replace('127.0.0.1', 'localhost');
  process.stdout.write(
    [
      `Codex Pooler emulator listening on ${emulator.url}`,
      `  Pool URL (for Trae and the extension): ${shown}/v1`,
      `  Demo Pool API key: ${emulator.key}`,
      `  Models: ${emulator.models.map((m) => m.id).join(', ')}`,
      '',
      scenarioHelp(emulator.url),
      '',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  const stop = () => void emulator.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  process.stderr.write(`emulator failed to start: ${String(error)}\n`);
  process.exit(1);
});
