// A webview page's HTML: a strict Content Security Policy with a fresh nonce per load (no inline script or
// handler runs), the page's script and stylesheet from dist/ only, and a title and a loading line in the
// user's language until the script takes over.
import * as crypto from 'node:crypto';
import * as vscode from 'vscode';

/** What a panel's webview may load: its scripts, and files from dist/ only. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')],
    retainContextWhenHidden: false,
  };
}

export interface PageText {
  readonly title: string;
  readonly loading: string;
  /** Shown if the page cannot start (it has no strings of its own until the host answers). */
  readonly failed: string;
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, text: PageText): string {
  const nonce = crypto.randomBytes(18).toString('base64');
  const dist = vscode.Uri.joinPath(extensionUri, 'dist');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css'));
  const csp = [
    `default-src 'none'`,
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const lang = vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${style.toString()}">
<title>${escapeHtml(text.title)}</title>
</head>
<body>
<main id="app" aria-busy="true"><p>${escapeHtml(text.loading)}</p>
<p id="start-failed" hidden>${escapeHtml(text.failed)}</p></main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
