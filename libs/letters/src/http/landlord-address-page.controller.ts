import { Body, Controller, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authorize, CurrentPrincipal, Principal, WebPage } from '@unisson/access';
import { fieldProblems, UnissonError } from '@unisson/platform';
import { LandlordAddresses } from '../landlord-addresses.service';
import { landlordAddressSchema } from './landlord-address.controller';

const uuid = new ParseUUIDPipe();
/** The form's fields as the page names them. */
const FIELD_LABELS: Record<string, string> = {
  name: 'Nom (ligne 1)',
  addressExtra: 'Complément',
  street: 'Numéro et rue',
  postalCode: 'Code postal',
  city: 'Ville',
};
const optional = (value: unknown) => (typeof value === 'string' && value.trim() ? value : null);

/**
 * The partner page's form for a private landlord's postal address (the page itself is the
 * partners' admin page): checked with the window envelope's rules, then back to the page with
 * what was kept, or what to correct, field by field, in French.
 */
@ApiExcludeController()
@WebPage()
@Controller('admin/partenaires')
export class LandlordAddressPageController {
  constructor(private readonly addresses: LandlordAddresses) {}

  @Post(':id/adresse')
  @Authorize('partner.manage')
  async set(
    @CurrentPrincipal() actor: Principal,
    @Param('id', uuid) id: string,
    @Body() form: Record<string, unknown>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const back = `/admin/partenaires/${id}`;
    const go = (key: 'ok' | 'erreur', text: string) =>
      void reply
        .status(303)
        .header('location', `${back}?${key}=${encodeURIComponent(text)}`)
        .send();
    const parsed = landlordAddressSchema.safeParse({
      name: form?.name ?? '',
      addressExtra: optional(form?.addressExtra),
      street: form?.street ?? '',
      postalCode: form?.postalCode ?? '',
      city: form?.city ?? '',
    });
    if (!parsed.success) {
      const problems = fieldProblems(parsed.error).map((p) => `${FIELD_LABELS[p.field] ?? p.field} : ${p.message}`);
      return go('erreur', `Adresse non enregistrée. ${problems.join(' ; ')}.`);
    }
    try {
      const { block } = await this.addresses.set(actor, id, parsed.data);
      if (!block.ok) return go('erreur', 'Adresse non enregistrée.');
      go('ok', `Adresse enregistrée : ${block.lines.join(' / ')}.`);
    } catch (error) {
      if (!(error instanceof UnissonError)) throw error;
      go('erreur', error.message);
    }
  }
}
