import { TemplateLibrary } from '../library/template-library';
import { checkArabicAddress, singularForms } from './arabic-address';

describe('Arabic texts address the household in the plural', () => {
  it('must fail: singular imperatives and pronouns, also joined to و', () => {
    expect(singularForms('اتصل بنا على الرقم {{partnerPhone}}.')).toEqual(['اتصل']);
    expect(singularForms('يمكنك أن تطلب مهلة، ولديك حقوق.')).toEqual(['يمكنك', 'ولديك']);
    expect(singularForms('سيقرّر القاضي. حضورك مهم.')).toEqual(['حضورك']);
  });

  it('must pass: the plural, words that only look alike, the caller’s placeholder and variables', () => {
    expect(singularForms('اتصلوا بنا. يمكنكم أن تطلبوا مهلة، ولديكم حقوق. حضوركم مهم.')).toEqual([]);
    expect(singularForms('بعد ذلك، لكي تحتفظوا بمساعدة السكن')).toEqual([]);
    expect(singularForms('مرحبًا، اسمي [اسمك الأول]، من {{partnerName}}.')).toEqual([]);
    expect(singularForms('هل اتصل بكم مساعد اجتماعي؟ لجنة تريد مساعدتكم.')).toEqual([]);
  });

  it('leaves the staff’s instructions in the singular, and flags a household text', () => {
    const findings = checkArabicAddress(
      new Map<string, Record<string, string>>([
        ['common', { call_closing: 'لخّص ما اتفقتما عليه. سجّل نتيجة المكالمة.', closing_neutral: 'لأي سؤال، اتصل بنا.' }],
        ['hearing_reminder', { sms_short: 'احضروا الجلسة.', voice: 'احضر الجلسة.' }],
      ]),
    );
    expect(findings.map((f) => [f.templateKey, f.key, f.word])).toEqual([
      [undefined, 'closing_neutral', 'اتصل'],
      ['hearing_reminder', 'voice', 'احضر'],
    ]);
  });

  it('reads the letter, the shared notice, the response page and the phone menu too', () => {
    const findings = checkArabicAddress(
      new Map<string, Record<string, string>>([
        ['response_page', { todo_answer: 'أجب أدناه: سيتصل بك أحدهم.', callback_submit: 'أطلب أن يُتصل بي' }],
        ['voice_menu', { callback_thanks: 'سيتصل بكم مستشار.' }],
      ]),
    );
    // The household's own button speaks in the first person; the page's answer to it is flagged.
    expect(findings.map((f) => [f.templateKey, f.key, f.word])).toEqual([[undefined, 'todo_answer', 'بك']]);
  });

  it('finds nothing in the shipped library', () => {
    expect(checkArabicAddress(TemplateLibrary.load().sources.resources.get('ar'))).toEqual([]);
  });
});
