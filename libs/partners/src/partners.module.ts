import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessPolicy } from '@unisson/access';
import { PartnerDirectoryReader } from './partner-directory.reader';
import { RedisRateLimiter } from '@unisson/platform';
import { AccountsRepository } from './accounts.repository';
import { AuthenticationService } from './authentication.service';
import { DirectoryService } from './directory.service';
import { AdminApiController, SharingAgreementsController } from './http/admin-api.controller';
import { AdminPagesController } from './http/admin-pages.controller';
import { ApiKeyAuthenticator } from './http/api-key-authenticator';
import { AuthenticationGuard } from './http/authentication.guard';
import { FailedAttempts } from './http/failed-attempts';
import { OperatorLogin } from './http/operator-login';
import { RequestRateGuard } from './http/request-rate.guard';
import { SignInController } from './http/sign-in.controller';
import { PartnersRepository } from './partners.repository';

/**
 * Partners, their keys, people's accounts and sessions, sharing agreements (apps/api). Installs
 * the global authentication guard, then the per-key rate limit, and provides the access policy
 * to every module.
 */
@Global()
@Module({
  providers: [
    PartnersRepository,
    AccountsRepository,
    ApiKeyAuthenticator,
    AuthenticationService,
    DirectoryService,
    AccessPolicy,
    RedisRateLimiter,
    FailedAttempts,
    OperatorLogin,
    PartnerDirectoryReader,
    AuthenticationGuard,
    RequestRateGuard,
    { provide: APP_GUARD, useExisting: AuthenticationGuard },
    { provide: APP_GUARD, useExisting: RequestRateGuard },
  ],
  controllers: [SignInController, AdminApiController, SharingAgreementsController, AdminPagesController],
  exports: [
    PartnersRepository,
    AccountsRepository,
    DirectoryService,
    AccessPolicy,
    AuthenticationService,
    FailedAttempts,
    OperatorLogin,
    PartnerDirectoryReader,
  ],
})
export class PartnersModule {}

/** The partners' directory for the worker (no guard, no pages). */
@Global()
@Module({
  providers: [PartnersRepository, AccountsRepository, AccessPolicy, PartnerDirectoryReader],
  exports: [PartnersRepository, AccountsRepository, AccessPolicy, PartnerDirectoryReader],
})
export class PartnersDirectoryModule {}
