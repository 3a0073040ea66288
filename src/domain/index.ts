// The pure domain of shokai: vocabularies, schemas, policy, lifecycle and deadlines (no I/O).

export * from './answer-content.ts';
export * from './deadlines.ts';
export * from './emergency.ts';
export * from './errors.ts';
export * from './instant.ts';
export * from './lifecycle.ts';
export * from './policy.ts';
export * from './request-content.ts';
export * from './retained.ts';
export * from './targets.ts';
export * from './time.ts';
export * from './validation.ts';
export * from './vocabulary.ts';
