import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { Public } from '@unisson/partners';

/** The operators' home page: where to look. No personal data on it. */
@ApiExcludeController()
@Public()
@Controller()
export class DashboardController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  home(): string {
    const sandbox = `http://${this.config.sandbox.host}:${this.config.sandbox.twilioPort}/`;
    const links: Array<[string, string, string]> = [
      [
        '/tableau-de-bord',
        'Tableau de bord',
        'Foyers suivis, demandes fusionnées, messages par canal et par état (chiffres agrégés, identifiant opérateur demandé).',
      ],
      ['/docs', 'Documentation de l’API', 'Toutes les routes, à essayer avec une clé partenaire.'],
      ['/queues', 'Files de travail', 'Les envois en attente, en cours, faits ou en échec (identifiant opérateur demandé).'],
      ['/templates/preview', 'Modèles de messages', 'Prévisualiser chaque message, dans chaque langue et en FALC.'],
      [sandbox, 'Messages capturés (bac à sable)', 'Les SMS, appels et courriels envoyés en local, comme le foyer les reçoit.'],
      ['/health/ready', 'État du service', 'PostgreSQL et Redis répondent-ils ?'],
    ];
    return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Unisson</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,Arial,sans-serif;max-width:760px;margin:2rem auto;padding:0 1rem;color:#1b1b35}
h1{color:#000091}a.card{display:block;border:1px solid #ddd;border-radius:8px;padding:1rem;margin:.8rem 0;text-decoration:none;color:inherit}
a.card:hover{border-color:#000091}a.card strong{color:#000091;font-size:1.15rem}</style></head><body>
<h1>Unisson</h1><p>Une seule voix vers les foyers menacés d’expulsion locative.</p>
${links.map(([href, title, text]) => `<a class="card" href="${href}"><strong>${title}</strong><br>${text}</a>`).join('\n')}
</body></html>`;
  }
}
