// Work that may take a while and that the user may stop: a notification with a Cancel button whose click
// aborts the work's signal.
import * as vscode from 'vscode';

export function withCancellableProgress<T>(title: string, job: (signal: AbortSignal) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (_progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      try {
        return await job(controller.signal);
      } finally {
        subscription.dispose();
      }
    },
  );
}
