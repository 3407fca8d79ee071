export { Partner } from './entities/partner.entity';
export { PartnerApiKey } from './entities/partner-api-key.entity';
export * from './domain/partner-kind';
export * from './domain/api-scope';
export { generateApiKey, hashApiSecret, parseApiKey } from './domain/api-key';
export { PartnersModule } from './partners.module';
export { PartnersRepository } from './partners.repository';
export { ApiKeyGuard } from './http/api-key.guard';
export { CurrentPartner, Public, RequireScopes } from './http/auth.decorators';
