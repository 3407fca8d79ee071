import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Authorize, CurrentPrincipal, Principal } from '@unisson/access';
import { ApiAnswer, ApiErrors, ApiJsonBody, UnissonError, ZodValidationPipe } from '@unisson/platform';
import { ReturnedLetters } from '../returned-letters.service';

const returnSchema = z.object({
  trackingCode: z.string().min(1, 'le code de suivi imprimé sous le QR code').max(40),
  source: z.enum(['operator', 'scan']).default('operator'),
});
type ReturnInput = z.infer<typeof returnSchema>;
const answerSchema = z.object({ status: z.enum(['recorded', 'already-recorded']), trackingCode: z.string() });

/** Letters that came back (NPAI), recorded by the tracking code printed on them. */
@ApiTags('letters')
@ApiSecurity('api-key')
@ApiErrors(401, 403)
@Controller('v1/letters')
export class ReturnedLettersController {
  constructor(private readonly returned: ReturnedLetters) {}

  @Post('returns')
  @HttpCode(200)
  @Authorize('letter.return.record')
  @ApiOperation({ summary: 'Enregistrer un courrier revenu « n’habite pas à l’adresse indiquée » par son code de suivi (saisi ou scanné)' })
  @ApiJsonBody('LetterReturn', returnSchema, { trackingCode: 'K7QM-2D9X-4', source: 'scan' })
  @ApiAnswer(200, 'LetterReturnRecorded', answerSchema, { status: 'recorded', trackingCode: 'K7QM-2D9X-4' })
  @ApiErrors(400, 404, 409)
  async record(@CurrentPrincipal() actor: Principal, @Body(new ZodValidationPipe(returnSchema)) body: ReturnInput) {
    const result = await this.returned.byOperator(actor, body.trackingCode, body.source);
    if (result.status === 'invalid-code')
      throw UnissonError.validation([
        { field: 'trackingCode', message: 'ce n’est pas un code de suivi (8 lettres ou chiffres et une clé, ex. K7QM-2D9X-4)' },
      ]);
    // Another organisation's letters do not exist for this one (operators see them all).
    if (result.status === 'unknown-code') throw UnissonError.notFound();
    if (result.status === 'not-posted')
      throw UnissonError.conflict('LETTER_NOT_POSTED', 'Ce courrier n’a pas encore été posté : il ne peut pas être revenu.');
    return { status: result.status, trackingCode: result.trackingCode };
  }
}
