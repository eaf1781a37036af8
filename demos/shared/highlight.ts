// A tiny TypeScript highlighter for the code panel: comments, strings, numbers, keywords, and the words
// this library is about (yield*, wait*, race, all, spawn...). Good enough for our own sources.

const KEYWORDS = new Set([
  'as', 'break', 'case', 'catch', 'class', 'const', 'continue', 'default', 'do', 'else', 'export', 'extends', 'false',
  'finally', 'for', 'from', 'function', 'if', 'import', 'in', 'interface', 'let', 'new', 'null', 'of', 'readonly',
  'return', 'switch', 'this', 'throw', 'true', 'try', 'type', 'typeof', 'undefined', 'void', 'while', 'yield',
]);
const TICKFLOW = /^(wait[A-Z]\w*|race|all|spawn\w*|cancel\w*|createSignal|currentTask|tween|playSound|runOnQuery)$/;
const TOKEN = /(\/\/[^\n]*|\/\*[\s\S]*?\*\/)|('(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`)|(\b\d[\d_]*(?:\.\d+)?\b)|(\byield\*|function\*)|([A-Za-z_$][\w$]*)/g;

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Returns HTML for a `<pre><code>` block: our own source text, escaped, with spans for token kinds.
 *
 * @example
 * code.innerHTML = highlight("yield* waitMs(500); // half a second");
 */
export function highlight(source: string): string {
  let html = '';
  let last = 0;
  for (const match of source.matchAll(TOKEN)) {
    const index = match.index ?? 0;
    html += escape(source.slice(last, index));
    const [text, comment, string, number, generator, word] = match;
    let kind = '';
    if (comment !== undefined) kind = 'c';
    else if (string !== undefined) kind = 's';
    else if (number !== undefined) kind = 'n';
    else if (generator !== undefined) kind = 'y';
    else if (word !== undefined) kind = KEYWORDS.has(word) ? 'k' : TICKFLOW.test(word) ? 't' : '';
    html += kind === '' ? escape(text) : `<span class="${kind}">${escape(text)}</span>`;
    last = index + text.length;
  }
  return html + escape(source.slice(last));
}
