// The browser side of the setup wizard: the app shell and one module per step (src/webview/steps/).
// It renders the host's view and sends typed requests; the key it may receive while typed is sent once
// (storeKey) and the host never sends it back.
import '../styles/wizard.css';
import { startApp } from './app';

startApp();
