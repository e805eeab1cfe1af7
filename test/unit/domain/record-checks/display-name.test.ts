import fc from 'fast-check';
import {
  MAX_NAME_LENGTH,
  displayName,
  hasHiddenCharacters,
} from '../../../../functions/domain/record-checks/display-name.js';
import { BIDI_NAMES } from '../../../support/hostile-files.js';

const graphemes = (text: string) =>
  Array.from(new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)).length;

describe('displayName', () => {
  it('shows scan\\u202Efdp.exe as what it is, scanfdp.exe, never "scanexe.pdf"', () => {
    expect(displayName(BIDI_NAMES.override)).toBe('scanfdp.exe');
  });

  it.each([
    [BIDI_NAMES.isolate, 'reportfdp.exe'],
    [BIDI_NAMES.embedding, 'labresults.pdf'],
    ['scan\u200b.pdf\u200e', 'scan.pdf'],
    ['\ufeffreport.pdf', 'report.pdf'],
    ['lab\u0000\u001b[31mresults.txt', 'lab[31mresults.txt'],
    ['notes\u0085\u009b.txt', 'notes.txt'],
    ['two\u2028lines.txt', 'twolines.txt'],
    ['tag\u{e0041}\u{e0042}.pdf', 'tag.pdf'],
  ])('removes hidden characters from %j', (raw, shown) => {
    expect(displayName(raw)).toBe(shown);
  });

  it('keeps the last part of a path, as browsers and Windows send it', () => {
    expect(displayName('C:\\fakepath\\pathology.pdf')).toBe('pathology.pdf');
    expect(displayName('/home/patient/scans/ct.dcm')).toBe('ct.dcm');
  });

  it('NFC-normalizes, so the same name is one string', () => {
    expect(displayName('Re\u0301sume\u0301.pdf')).toBe('R\u00e9sum\u00e9.pdf');
  });

  it('collapses runs of spaces and trims', () => {
    expect(displayName('  lab \t\t results .pdf ')).toBe('lab results .pdf');
  });

  it('answers nothing when nothing visible is left', () => {
    expect(displayName('\u202e\u2066 \u200b')).toBeUndefined();
    expect(displayName('folder/')).toBeUndefined();
  });

  it('shortens a long name, keeping its start and its end (where the extension is)', () => {
    // Act
    const shown = displayName(`${'a'.repeat(200)}.pdf.exe`)!;

    // Assert
    expect(graphemes(shown)).toBe(MAX_NAME_LENGTH);
    expect(shown.startsWith('aaaa')).toBe(true);
    expect(shown.endsWith('aaa.pdf.exe')).toBe(true);
    expect(shown).toContain('...');
  });

  it('never cuts a character in two when shortening (emoji, accents)', () => {
    const shown = displayName('\u{1f469}\u200d\u{1f52c}e\u0301'.repeat(100), 20)!;
    expect(Buffer.from(shown, 'utf8').toString('utf8')).toBe(shown); // no lone surrogate
    expect(graphemes(shown)).toBe(20);
  });

  it('shows no hidden character and no more than the maximum, whatever it is given', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 400 }),
        fc.integer({ min: 10, max: 200 }),
        (raw, max) => {
          const shown = displayName(raw, max);
          if (shown === undefined) return;
          expect(hasHiddenCharacters(shown)).toBe(false);
          expect(graphemes(shown)).toBeLessThanOrEqual(max);
          expect(shown).toBe(shown.normalize('NFC'));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('hasHiddenCharacters', () => {
  it.each([...Object.values(BIDI_NAMES), 'a\u0007b', 'a\u200bb', 'a\u0085b'])('finds them in %j', (name) => {
    expect(hasHiddenCharacters(name)).toBe(true);
  });

  it.each(['pathology report.pdf', 'R\u00e9sum\u00e9.pdf', '\u4e73\u817a.txt', '\u05d3\u05d5\u05d7.pdf'])(
    'finds none in %j',
    (name) => {
      expect(hasHiddenCharacters(name)).toBe(false);
    },
  );
});
