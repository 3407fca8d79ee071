import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { LetterSendingModule } from '../letters.module';
import { ReturnedLetters } from '../returned-letters.service';
import { LandlordAddressController } from './landlord-address.controller';
import { LandlordAddressPageController } from './landlord-address-page.controller';
import { LetterServiceWebhookController } from './letter-service-webhook.controller';
import { ReturnedLettersController } from './returned-letters.controller';
import { ReturnedLettersPageController } from './returned-letters-page.controller';
import { SharedNoticeController } from './shared-notice.controller';
import { SharedNotices } from '../shared-notice';
import { LandlordAddresses } from '../landlord-addresses.service';
import { HouseholdsModule } from '@unisson/households';

/** The API's letter routes: returned letters (typed or scanned code, API and page), the letter service's webhook, private landlords' addresses. `imports` provides LetterOutcomes. */
@Module({})
export class LettersHttpModule {
  static forRoot(options: { imports: ModuleMetadata['imports'] }): DynamicModule {
    return {
      module: LettersHttpModule,
      imports: [LetterSendingModule, HouseholdsModule, ...(options.imports ?? [])],
      controllers: [
        ReturnedLettersController,
        ReturnedLettersPageController,
        LetterServiceWebhookController,
        SharedNoticeController,
        LandlordAddressController,
        LandlordAddressPageController,
      ],
      providers: [ReturnedLetters, SharedNotices, LandlordAddresses],
    };
  }
}
