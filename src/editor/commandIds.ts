// Command ids: registered at activation, their handlers load with the first use (src/interactive.ts).
export const COMMANDS = {
  checkConnection: 'codexPooler.checkConnection',
  openWizard: 'codexPooler.openWizard',
  setApiKey: 'codexPooler.setApiKey',
  clearApiKey: 'codexPooler.clearApiKey',
  showLog: 'codexPooler.showLog',
  copyDiagnostics: 'codexPooler.copyDiagnostics',
  explainTraeError: 'codexPooler.explainTraeError',
  confirmTrae: 'codexPooler.confirmTrae',
  copySetupLink: 'codexPooler.copySetupLink',
  /** Not in the palette: offered after Check Connection, in the wizard and for Trae's 4028. */
  traeCheck: 'codexPooler.traeCheck',
  /** Not in the palette: offered when a setting holds the Pool key. */
  moveSecretFromSettings: 'codexPooler.moveSecretFromSettings',
  /** Not in the palette: what the status bar item runs. */
  statusMenu: 'codexPooler.statusMenu',
} as const;

export type CommandName = keyof typeof COMMANDS;
