// Plain text for a Markdown tooltip: shown exactly as written, and wrapped between words.
//
// VS Code's MarkdownString.appendText escapes Markdown and also turns every space into "&nbsp;", so a
// paragraph of the status bar's tooltip was one unbreakable run: the hover then broke it wherever the line
// ended, inside words ("came bac k", "has t he details"). Here the spaces stay spaces, and every ASCII
// punctuation character is escaped (CommonMark allows it for all of them), so nothing in the text (a
// pool's model name included) becomes a link, HTML, an entity, a list, a heading or a theme icon.
const PUNCTUATION = /[!-/:-@[-`{-~]/g;

export function markdownText(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(PUNCTUATION, '\\$&');
}
