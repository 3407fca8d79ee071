import { Controller, Get, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { verifyToken } from '@unisson/channels';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { HouseholdRecordsReader } from '@unisson/households';
import { Public } from '@unisson/partners';
import { ApiErrors } from '@unisson/platform';
import { HouseholdRightsService } from '../household-rights.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5}button{font-size:1.1rem;padding:.6rem 1.2rem}</style></head>
<body><main><h1>${title}</h1>${body}</main></body></html>`;
}

/**
 * RFC 8058 one-click unsubscribe: the List-Unsubscribe URL of every e-mail. A POST (the mail
 * client's button, or the form of the page) closes e-mail for the household with every partner;
 * a GET only shows the page (link scanners must not unsubscribe anyone). The token is signed.
 */
@ApiTags('households')
@Public()
@Controller('v1/email/unsubscribe')
export class EmailUnsubscribeController {
  constructor(
    private readonly rights: HouseholdRightsService,
    private readonly records: HouseholdRecordsReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiExcludeEndpoint()
  async confirmPage(@Query('t') token: string | undefined, @Res() reply: FastifyReply): Promise<FastifyReply> {
    if (!(await this.householdOf(token))) return this.invalid(reply);
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(
        page(
          'Ne plus recevoir de courriels',
          `<p>Vous ne recevrez plus de courriels des organismes qui vous accompagnent (bailleur, CAF, Département, État…). Les courriers obligatoires par la loi continueront d’arriver par la poste.</p>
<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Ne plus recevoir de courriels</button></form>`,
        ),
      );
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Désabonnement en un clic (RFC 8058) : plus aucun courriel au foyer, de la part de tous les partenaires',
    description: 'L’adresse est celle de l’en-tête List-Unsubscribe de chaque courriel (jeton signé). Corps : List-Unsubscribe=One-Click.',
  })
  @ApiQuery({ name: 't', description: 'Jeton signé porté par le courriel' })
  @ApiErrors(404)
  async unsubscribe(@Query('t') token: string | undefined, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const householdId = await this.householdOf(token);
    if (!householdId) return this.invalid(reply);
    await this.rights.householdObjects(householdId, 'email', 'email_unsubscribe');
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(
        page(
          'C’est fait',
          '<p>Vous ne recevrez plus de courriels des organismes qui vous accompagnent. Pour changer d’avis, appelez le numéro indiqué dans nos messages.</p>',
        ),
      );
  }

  private async householdOf(token: string | undefined): Promise<string | null> {
    const fields = typeof token === 'string' ? verifyToken(this.config.security.appSecret, 'email-unsubscribe', token) : null;
    const householdId = fields?.h ?? '';
    if (!UUID.test(householdId)) return null;
    return (await this.records.accessFacts(householdId)) ? householdId : null;
  }

  private invalid(reply: FastifyReply): FastifyReply {
    return reply
      .code(404)
      .type('text/html; charset=utf-8')
      .send(page('Lien invalide', '<p>Ce lien de désabonnement n’est pas valable. Il a peut-être été mal copié.</p>'));
  }
}
