import { describe, expect, it } from 'vitest';
import { pdfContentDisposition, pdfFilename } from '../../server/export/index.ts';

describe('pdfFilename', () => {
  it.each([
    ["Secretary's trip — Panama", 'Secretarys-trip-Panama.pdf'],
    ['Secretary’s trip — Panama', 'Secretarys-trip-Panama.pdf'],
    ['Peña, Arévalo: Bogotá & São Paulo', 'Pena-Arevalo-Bogota-Sao-Paulo.pdf'],
    ['Łódź / Straße / Æsir / Øresund', 'Lodz-Strasse-AEsir-Oresund.pdf'],
    ['  ..//\\\\  ', 'brief.pdf'],
    ['中文标题', 'brief.pdf'],
    ['Budget 2025: Q1–Q2 (draft) 😀', 'Budget-2025-Q1-Q2-draft.pdf'],
    ['con', 'con-brief.pdf'],
    ['', 'brief.pdf'],
  ])('%j → %s', (title, expected) => {
    expect(pdfFilename(title)).toBe(expected);
  });

  it('keeps names short, cutting at a word', () => {
    const name = pdfFilename('Regional security outlook '.repeat(10));
    expect(name.length).toBeLessThanOrEqual(84);
    expect(name).toMatch(/^Regional-security-outlook-[A-Za-z-]*[a-z]\.pdf$/);
  });

  it('offers the full title to modern clients', () => {
    expect(pdfContentDisposition('Peña’s brief')).toBe(
      `attachment; filename="Penas-brief.pdf"; filename*=UTF-8''Pe%C3%B1a%E2%80%99s%20brief.pdf`,
    );
  });
});
