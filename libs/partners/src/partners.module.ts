import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { RedisRateLimiter } from '@unisson/platform';
import { ApiKeyGuard } from './http/api-key.guard';
import { FailedAttempts } from './http/failed-attempts';
import { OperatorLogin } from './http/operator-login';
import { RequestRateGuard } from './http/request-rate.guard';
import { PartnersRepository } from './partners.repository';

/** Partners and their API keys; installs the global API-key guard, then the per-key rate limit. */
@Global()
@Module({
  providers: [
    PartnersRepository,
    RedisRateLimiter,
    FailedAttempts,
    OperatorLogin,
    ApiKeyGuard,
    RequestRateGuard,
    { provide: APP_GUARD, useExisting: ApiKeyGuard },
    { provide: APP_GUARD, useExisting: RequestRateGuard },
  ],
  exports: [PartnersRepository, FailedAttempts, OperatorLogin],
})
export class PartnersModule {}
