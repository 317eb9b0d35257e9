import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { showBidiControls } from '../../../src/ui/bidi.ts';

describe('showBidiControls', () => {
  it('writes an override, embedding, isolate or mark as its code point', () => {
    expect(showBidiControls('erin\u202Elists')).toBe('erin⟨U+202E⟩lists');
    expect(showBidiControls('\u2066a\u2069 \u200F \u061C \u202A\u202C')).toBe(
      '⟨U+2066⟩a⟨U+2069⟩ ⟨U+200F⟩ ⟨U+061C⟩ ⟨U+202A⟩⟨U+202C⟩',
    );
  });

  it('leaves right-to-left letters and every other character alone', () => {
    expect(showBidiControls('שלום user/مرحبا')).toBe('שלום user/مرحبا');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const shown = showBidiControls(s);
        expect(shown).not.toMatch(/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/);
        if (!/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/.test(s)) expect(shown).toBe(s);
      }),
    );
  });
});
