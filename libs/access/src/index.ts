export * from './domain/roles';
export * from './domain/principal';
export * from './domain/actions';
export * from './domain/resource';
export * from './domain/policy';
export * from './domain/shared-view';
export { AccessPolicy } from './access-policy';
export { Authorize, AUTHORIZED_ACTION, CurrentPrincipal, WEB_PAGE, WebPage } from './http/authorize.decorator';
