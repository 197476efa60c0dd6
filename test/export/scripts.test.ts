/**
 * Scripts beyond the Latin, Greek and Cyrillic of the text faces: Chinese and
 * Japanese, Korean, the scripts of South and South-East Asia and Ethiopic
 * print in faces of their own instead of as boxes, and text written without spaces still breaks into filled lines.
 */
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../server/export/render.ts';
import { doc, fixtureMeta, h, p, text } from '../fixtures/export/briefs.ts';
import { allText, readPdf } from './pdfText.ts';

const CHINESE =
  '巴拿马于二〇一七年与北京建交，随后加入合作倡议；此后中国企业在运河两端的港口投资明显增加，' +
  '华盛顿对此表示关注，并提出新的安全合作方案。';
const THAI = 'ประเทศไทยและสหรัฐอเมริกาได้ลงนามในข้อตกลงความร่วมมือด้านความมั่นคงทางทะเล';
const HINDI = 'भारत और अमेरिका ने रक्षा सहयोग पर समझौते पर हस्ताक्षर किए।';
const BENGALI = 'বাংলাদেশ ও ভারত পানি বণ্টন নিয়ে আলোচনা করেছে।';
const KOREAN = '한국과 미국은 해양 안보 협력에 합의했다.';
/** One short phrase for each of the other script faces. */
const OTHERS: Record<string, string> = {
  'NotoSansTamil-Regular': 'இலங்கை அரசு',
  'NotoSansKhmer-Regular': 'ព្រះរាជាណាចក្រកម្ពុជា',
  'NotoSansLao-Regular': 'ສາທາລະນະລັດ',
  'NotoSansMyanmar-Regular': 'မြန်မာနိုင်ငံ',
  'NotoSansGurmukhi-Regular': 'ਪੰਜਾਬ ਸਰਕਾਰ',
  'NotoSansGujarati-Regular': 'ગુજરાત સરકાર',
  'NotoSansTelugu-Regular': 'తెలంగాణ ప్రభుత్వం',
  'NotoSansKannada-Regular': 'ಕರ್ನಾಟಕ ಸರ್ಕಾರ',
  'NotoSansMalayalam-Regular': 'കേരള സർക്കാർ',
  'NotoSansSinhala-Regular': 'ශ්‍රී ලංකාව',
  'NotoSansEthiopic-Regular': 'የኢትዮጵያ መንግሥት',
};

/** Names of the fonts a PDF embeds (pdfkit writes font dictionaries uncompressed). */
function embeddedFonts(pdf: Uint8Array): string[] {
  const names = Buffer.from(pdf)
    .toString('latin1')
    .match(/\/BaseFont \/[A-Z]{6}\+([\w-]+)/g);
  return [...new Set((names ?? []).map((n) => n.replace(/^.*\+/, '')))].sort();
}

async function render(...blocks: Parameters<typeof doc>) {
  const { pdf } = await renderPdf(doc(...blocks), fixtureMeta({ toc: false }));
  return { pdf, pages: await readPdf(pdf) };
}

describe('PDF export of other scripts', () => {
  it('sets Chinese, Japanese, Korean, Thai, Indic and Ethiopic text in faces of its own', async () => {
    const { pdf, pages } = await render(
      h(2, '中国的影响'),
      p(`Chinese: ${CHINESE}`),
      {
        type: 'paragraph',
        content: [text('北京', 'bold'), text(' and 日本語のテキスト', 'italic')],
      },
      p(`Thai: ${THAI}`),
      p(`Hindi: ${HINDI}`),
      p(`Bengali: ${BENGALI}`),
      p(`Korean: ${KOREAN}`),
      ...Object.values(OTHERS).map((phrase) => p(phrase)),
    );
    const fonts = embeddedFonts(pdf);
    expect(fonts).toEqual(
      expect.arrayContaining([
        'NotoSansSC-Regular',
        'NotoSansSC-Bold',
        'NotoSansThai-Regular',
        'NotoSansDevanagari-Regular',
        'NotoSansBengali-Regular',
        'NotoSansKR-Regular',
        ...Object.keys(OTHERS),
      ]),
    );
    const body = allText(pages);
    expect(body).not.toContain('□');
    // fontkit throws on the NULL anchors of the Gurmukhi, Telugu and Malayalam
    // faces unless guarded (fonts.ts), and a paragraph that fails is replaced.
    expect(body).not.toContain('[unsupported content]');
    const joined = body.replace(/\n/g, '');
    expect(joined).toContain('中国的影响');
    expect(joined).toContain(CHINESE);
    expect(joined).toContain('日本語のテキスト');
    expect(joined).toContain(THAI.slice(0, 9));
    expect(joined).toContain(KOREAN);
  });

  it('keeps Latin text, digits and punctuation in the text faces', async () => {
    const { pdf } = await render(p('Panama joined the initiative in 2017 — 20% more port calls.'));
    expect(embeddedFonts(pdf).filter((f) => !/^(NotoSerif|NotoSans|DejaVuSans)-/.test(f))).toEqual(
      [],
    );
  });

  it('still prints a box for a script no face has (Tibetan)', async () => {
    const { pages } = await render(p('Tibetan: བོད་ཡིག ends here.'));
    expect(allText(pages)).toMatch(/Tibetan: □+ ends here\./);
  });

  it('breaks Chinese and Thai between words, filling each line, never before a closing mark', async () => {
    const lead = 'The readout, in the words of the Chinese embassy, says that';
    const { pages } = await render(p(`${lead} ${CHINESE}${CHINESE}`), p(`${THAI} ${THAI} ${THAI}`));
    const lines = pages[0].lines.filter((l) => !/DRAFT|BRIEFING|STATUS|Revision|Page/.test(l.text));
    const chinese = lines.filter((l) => /[\u4e00-\u9fff]/.test(l.text));
    expect(chinese.length).toBeGreaterThanOrEqual(3);
    // The Chinese begins on the lead-in's own line, rather than waiting for a
    // line of its own as one unbreakable word would.
    expect(chinese[0].text.startsWith('The readout')).toBe(true);
    const measure = Math.max(...lines.map((l) => l.right)) - chinese[0].x;
    for (const line of chinese.slice(0, -1)) {
      expect(line.right - line.x).toBeGreaterThan(0.9 * measure);
      expect(line.text).not.toMatch(/^[，。；、]/);
    }
    expect(chinese.map((l) => l.text).join('')).toContain(CHINESE + CHINESE);
    const thai = lines.filter((l) => /[\u0e00-\u0e7f]/.test(l.text));
    expect(thai.length).toBeGreaterThanOrEqual(2);
    for (const line of thai) expect(line.right).toBeLessThanOrEqual(chinese[0].x + measure + 1);
  });
});
