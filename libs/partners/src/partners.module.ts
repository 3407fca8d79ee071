import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyGuard } from './http/api-key.guard';
import { PartnersRepository } from './partners.repository';

/** Partners and their API keys; installs the global API-key guard. */
@Global()
@Module({
  providers: [PartnersRepository, ApiKeyGuard, { provide: APP_GUARD, useExisting: ApiKeyGuard }],
  exports: [PartnersRepository],
})
export class PartnersModule {}
