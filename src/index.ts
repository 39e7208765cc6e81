/** Side-effect free: the element class, its events and types. Import `beltic-verify/define` to register the tag. */
export { BelticVerify } from './beltic-verify.js';
export * from './events.js';
export type { Outcome, StepName } from './flow/machine.js';
export type { DocumentType, Side, SessionStatus, VerificationStatus } from './api/contract.js';
export { translations } from './ui/languages.js';
export type { Strings } from './ui/strings.js';
