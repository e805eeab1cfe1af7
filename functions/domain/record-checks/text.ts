import type { ContentScanner } from './scanner.js';
import { refuse, type Refused } from './verdict.js';

/* eslint-disable no-control-regex -- control characters are exactly what these find */
/** C0 controls other than tab, LF, FF and CR, and DEL: binary data, not text. */
const BINARY = /[\x00-\x08\x0b\x0e-\x1f\x7f]/;
/** C1 controls, bidi embeddings, overrides and isolates, and a byte-order mark past the start: text in disguise. */
const HIDDEN = /[\x80-\x9f\u202a-\u202e\u2066-\u2069\ufeff]/;
/* eslint-enable no-control-regex */

/** Elements a browser or a script host acts on, with or without their closing bracket. */
const ACTIVE_ELEMENTS =
  'script|html|body|svg|math|iframe|frame|frameset|object|embed|applet|link|meta|base|style|xml|xsl:\\w+|hta:\\w+';
/**
 * Any other HTML element: `<` + a known element name, then a complete tag. Medical text keeps its comparisons
 * ("BP < 120", "HIV RNA <LOD", "<5 mm"): a `<` before a number, a space or a word that is no element is no tag.
 */
const ELEMENTS =
  'a|abbr|audio|button|form|head|img|image|input|source|video|address|area|article|aside|b|bdi|bdo|blockquote|br|canvas|caption|center|cite|code|col|colgroup|data|datalist|dd|del|details|dfn|dialog|div|dl|dt|em|fieldset|figcaption|figure|font|footer|h[1-6]|header|hgroup|hr|i|ins|kbd|label|legend|li|main|map|mark|marquee|menu|meter|nav|noscript|ol|optgroup|option|output|p|picture|pre|progress|q|rp|rt|ruby|s|samp|section|select|slot|small|span|strong|sub|summary|sup|table|tbody|td|template|textarea|tfoot|th|thead|time|title|tr|track|u|ul|var|wbr|g|path|rect|circle|use|animate|set|foreignobject';
const MARKUP = new RegExp(
  [
    `</?(?:${ACTIVE_ELEMENTS})(?![\\w-])`,
    `</?(?:${ELEMENTS})(?:[\\s/][^<>]{0,512})?>`,
    // Namespaced (`<html:script`) and custom (`<x-frame`) elements, declarations, processing instructions.
    '</?[a-z][\\w.]*:[a-z]',
    '</?[a-z][a-z0-9]*-[\\w-]*(?:[\\s/][^<>]{0,512})?>',
    '<!(?:doctype|--|\\[cdata\\[)',
    '<\\?(?:xml|php)',
    '\\b(?:javascript|vbscript|livescript):',
    'data:text/html',
  ].join('|'),
  'i',
);

/** Markers of a shell, batch, PowerShell, Windows Script Host, JScript or Node script. */
const SCRIPT = new RegExp(
  [
    '<%',
    '@echo\\s+off',
    '\\bcmd(?:\\.exe)?\\s*/[ck]\\b',
    '[=+@-]\\s*cmd\\s*\\|',
    '\\b(?:powershell|pwsh)(?:\\.exe)?\\b',
    '\\binvoke-(?:expression|webrequest|restmethod)\\b',
    '\\biex\\s*[($\'"]',
    '\\|\\s*iex\\b',
    '-encodedcommand\\b',
    '\\bnew-object\\b',
    '\\bstart-process\\b',
    '\\b(?:wscript|cscript|mshta|rundll32|regsvr32|certutil|bitsadmin|schtasks|msiexec|wmic)(?:\\.exe)?\\b',
    '\\bactivexobject\\b',
    '\\b(?:create|get)object\\s*\\(',
    '\\bshell\\.application\\b',
    '\\bon\\s+error\\s+resume\\s+next\\b',
    '\\beval\\(',
    '\\bnew\\s+function\\s*\\(',
    '\\bfunction\\s*[\\w$]*\\s*\\([^()]{0,200}\\)\\s*\\{',
    '\\bdocument\\.(?:write|cookie|location|domain|body|createelement|getelementbyid|queryselector)',
    '\\bwindow\\.(?:location|open)\\b',
    '\\bstring\\.fromcharcode\\b',
    '\\bxmlhttprequest\\b',
    '\\brequire\\s*\\(\\s*[\'"]',
    '\\bchild_process\\b',
    '\\b(?:curl|wget)\\b[^\\n]{0,200}\\|\\s*(?:ba|z)?sh\\b',
    '\\bbash\\s+-[ci]\\b',
    '/bin/(?:ba|z)?sh\\b',
    '\\brm\\s+-rf\\b',
    '\\bchmod\\s+\\+x\\b',
  ].join('|'),
  'i',
);

/** A script's first line: `#!` names the interpreter that runs the file. */
const SHEBANG = /^#!/;

/** Each window repeats this much of the one before, so no marker hides across a chunk boundary. */
const OVERLAP = 1024;

/**
 * Plain text, as a file with no known signature must be: UTF-8 throughout, no control characters but tab, CR,
 * LF and FF, no hidden characters, no markup, no script. The whole file is read, in overlapping windows.
 */
export class TextScanner implements ContentScanner {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private carry = '';
  private started = false;

  push(chunk: Uint8Array): Refused | undefined {
    if (!this.started && isUtf16(chunk)) return refuse('text-encoding');
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      return refuse(
        BINARY.test(Buffer.from(chunk).toString('latin1')) ? 'not-allowed-type' : 'text-encoding',
      );
    }
    return this.check(text);
  }

  end(): Refused | undefined {
    try {
      return this.check(this.decoder.decode());
    } catch {
      return refuse('text-encoding');
    }
  }

  private check(text: string): Refused | undefined {
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.startsWith('\ufeff')) text = text.slice(1);
      if (SHEBANG.test(text)) return refuse('text-script');
    }
    if (BINARY.test(text)) return refuse('not-allowed-type');
    if (HIDDEN.test(text)) return refuse('text-hidden-characters');
    const window = this.carry + text;
    if (MARKUP.test(window)) return refuse('text-markup');
    if (SCRIPT.test(window)) return refuse('text-script');
    this.carry = window.slice(-OVERLAP);
    return undefined;
  }
}

/** UTF-16 text starts with its byte-order mark. */
function isUtf16(chunk: Uint8Array): boolean {
  return (chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff);
}
