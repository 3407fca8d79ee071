import { TemplateLibrary } from '@unisson/templates';
import { TemplateComposer, variantOf } from './template-composer';

const library = TemplateLibrary.load();
const composer = new TemplateComposer(library);
const request = {
  templateKey: 'first_arrears_information' as const,
  channel: 'sms' as const,
  locale: 'fr',
  variables: library.definition('first_arrears_information').sample,
};

describe('TemplateComposer renders the variant it is asked for', () => {
  it('renders the experiment arm’s variant, and the default without one', async () => {
    const plain = await composer.compose(request);
    expect(plain.variant).toBe('reassuring.short.picto');
    const neutral = await composer.compose({ ...request, variant: 'neutral.detailed.plain' });
    expect(neutral.variant).toBe('neutral.detailed.plain');
    expect(neutral.templateVersion).toBe(plain.templateVersion); // same template version, another wording
    expect(neutral.text).not.toBe(plain.text);
  });

  it('falls back to the default for an unknown variant id', () => {
    expect(variantOf('shouting.long.neon')).toEqual({ tone: 'reassuring', length: 'short', pictograms: true });
    expect(variantOf('firm.short.plain')).toEqual({ tone: 'firm', length: 'short', pictograms: false });
  });
});
