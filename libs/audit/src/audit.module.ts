import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditRepository } from './audit.repository';
import { AuditTrail } from './audit-trail';
import { AuditController, AuditPageController } from './http/audit.controller';
import { AuditInterceptor } from './http/audit.interceptor';

/** The audit trail writer, for every module of an app (API and worker). */
@Global()
@Module({ providers: [AuditRepository, AuditTrail], exports: [AuditTrail, AuditRepository] })
export class AuditModule {}

/** The `@Audited` interceptor and the admins' journal (API and page), for apps/api. */
@Module({
  controllers: [AuditController, AuditPageController],
  providers: [{ provide: APP_INTERCEPTOR, useClass: AuditInterceptor }],
})
export class AuditHttpModule {}
