import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Authorize, CurrentPrincipal, Principal } from '@unisson/access';
import { DirectoryService, type PartnerPostalAddress } from '@unisson/partners';
import { ApiAnswer, ApiErrors, ApiJsonBody, UnissonError, ZodValidationPipe } from '@unisson/platform';
import { addressBlock } from '../domain/address-block';
import { LandlordAddresses } from '../landlord-addresses.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => UnissonError.validation([{ field: 'id', message: 'doit être un UUID' }]) });
const line = (max: number) => z.string().trim().max(max, `au plus ${max} caractères`);

/**
 * A private landlord's postal address as an admin gives it: each field is checked against the
 * window envelope's rules (NF Z 10-011: at most 6 lines of at most 38 characters, "CP VILLE",
 * no punctuation from line 4), the problem named by its field, before anything is kept.
 */
export const landlordAddressSchema = z
  .strictObject({
    // An empty field is named by the address block's own check below (once).
    name: line(200).describe('Le bailleur tel qu’il est imprimé en ligne 1 (ex. M. Jean Lefèvre)'),
    addressExtra: line(200).nullish().describe('Appartement, étage, bâtiment ou résidence (lignes 2 et 3)'),
    street: line(200).describe('Numéro et rue (ligne 4)'),
    postalCode: line(10).describe('Code postal à 5 chiffres'),
    city: line(100).describe('Ville (dernière ligne, avec le code postal)'),
  })
  .superRefine((address, ctx) => {
    const block = addressBlock(address);
    if (!block.ok) for (const problem of block.problems) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  });
export type LandlordAddressInput = z.infer<typeof landlordAddressSchema>;

const addressViewSchema = z.object({
  partnerId: z.string().uuid(),
  name: z.string(),
  addressExtra: z.string().nullable(),
  street: z.string(),
  postalCode: z.string(),
  city: z.string(),
  lines: z.array(z.string()).describe('Le bloc adresse tel qu’il est imprimé dans la fenêtre de l’enveloppe'),
  updatedAt: z.string().describe('Instant ISO 8601'),
});

const EXAMPLE = {
  partnerId: '2b3c4d5e-0000-4000-8000-000000000091',
  name: 'M. Jean Lefèvre',
  addressExtra: null,
  street: '8, avenue de la République',
  postalCode: '91300',
  city: 'Massy',
  lines: ['M. Jean Lefèvre', '8 AVENUE DE LA REPUBLIQUE', '91300 MASSY'],
  updatedAt: '2026-12-02T08:00:00.000Z',
};

function addressView(stored: PartnerPostalAddress) {
  const { name, addressExtra, street, postalCode, city, lines } = stored.address;
  return { partnerId: stored.partnerId, name, addressExtra, street, postalCode, city, lines, updatedAt: stored.updatedAt.toISOString() };
}

/** The admins set where the letters to a private landlord go (decision 0022); the letters' rules check it. */
@ApiTags('admin')
@ApiCookieAuth('session')
@ApiErrors(401, 403)
@Controller('v1/admin/partners')
export class LandlordAddressController {
  constructor(
    private readonly directory: DirectoryService,
    private readonly addresses: LandlordAddresses,
  ) {}

  @Get(':id/postal-address')
  @Authorize('partner.manage')
  @ApiOperation({ summary: 'L’adresse postale d’un bailleur privé (où partent les courriers au bailleur)' })
  @ApiAnswer(200, 'LandlordPostalAddress', addressViewSchema, EXAMPLE)
  @ApiErrors(400, 404)
  async read(@Param('id', uuid) id: string) {
    return addressView(await this.directory.landlordPostalAddress(id));
  }

  @Delete(':id/postal-address')
  @HttpCode(204)
  @Authorize('partner.manage')
  @ApiOperation({ summary: 'Effacer l’adresse postale d’un bailleur privé (plus aucun courrier au bailleur n’est planifié)' })
  @ApiErrors(400, 404)
  async remove(@CurrentPrincipal() actor: Principal, @Param('id', uuid) id: string): Promise<void> {
    await this.addresses.remove(actor, id);
  }

  @Put(':id/postal-address')
  @Authorize('partner.manage')
  @ApiOperation({
    summary: 'Fixer l’adresse postale d’un bailleur privé, vérifiée pour la fenêtre d’enveloppe (NF Z 10-011)',
  })
  @ApiJsonBody('LandlordPostalAddressInput', landlordAddressSchema, {
    name: 'M. Jean Lefèvre',
    street: '8, avenue de la République',
    postalCode: '91300',
    city: 'Massy',
  })
  @ApiAnswer(200, 'LandlordPostalAddress', addressViewSchema, EXAMPLE)
  @ApiErrors(400, 404, 409)
  async set(
    @CurrentPrincipal() actor: Principal,
    @Param('id', uuid) id: string,
    @Body(new ZodValidationPipe(landlordAddressSchema)) body: LandlordAddressInput,
  ) {
    const { block, stored } = await this.addresses.set(actor, id, body);
    if (!block.ok || !stored) throw UnissonError.validation(block.ok ? [] : block.problems);
    return addressView(stored);
  }
}
