// Every limit a value is held to between the host and the page, in one place and with no zod, so the page
// can read it too: the host clamps what it sends to these and checks it (protocolViews.ts, protocol.ts), the
// page keeps its fields and its reports within them.
export const LIMITS = {
  text: 2000,
  label: 200,
  url: 4096,
  id: 256,
  name: 256,
  masked: 40,
  noticeId: 40,
  /** A pasted key: far above the key rules' own limit, so a long paste hears why from them, not "malformed". */
  pastedKey: 4096,
  problems: 30,
  notices: 5,
  corrections: 4,
  reportRows: 10,
  traeLines: 20,
  explainLines: 10,
  guideTabs: 4,
  guideRows: 8,
  guideInstructions: 12,
  /** Step 5's Add Model cards: one per model of a setup (MAX_MODELS). */
  guideCards: 20,
  instructionId: 40,
  guideErrors: 12,
  errorKey: 20,
  models: 5000,
  /** Further models of one setup (Trae gets at most 20 from one setup, the main model included). */
  moreModels: 19,
  strings: 2000,
  stringLength: 4000,
  /** A problem the page reports to the host's log. */
  detail: 500,
} as const;

/** How long the Pool API key stays on the clipboard after Copy (the host clears it; the button says so). */
export const KEY_ON_CLIPBOARD_SECONDS = 60;
