export { startProviderSandbox } from './provider-sandbox';
export type { ProviderSandbox, ProviderSandboxOptions } from './provider-sandbox';
export { SandboxStore } from './sandbox-store';
export type { CapturedEmail, WebhookDelivery } from './sandbox-store';
export type { SandboxCall, SandboxMessage } from './domain/twilio-resources';
export type { InboundSmsResult } from './twilio/twilio-emulator';
export { SandboxFaults } from './domain/faults';
export type { FaultPlan, SmtpFault, TwilioFault } from './domain/faults';
