import { z } from 'zod';
import type { MailAnalysis } from './types.ts';

// The analysis as the API describes it (types.ts says what each field means). A test checks that an
// analysis parses with this schema, so the two cannot drift.

const Notice = z.object({
  code: z.string(),
  message: z.string(),
  messageJa: z.string(),
  hop: z.number().optional(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).optional(),
});
const AuthResult = z.object({
  method: z.string(),
  result: z.string(),
  reason: z.string().nullable(),
  properties: z.record(z.string(), z.string()),
  domain: z.string().nullable(),
  selector: z.string().nullable(),
});

const Verdict = z.enum(['pass', 'fail', 'not_verified']);
const SignatureCheck = z.object({
  keysSupplied: z.number().int(),
  bodyPresent: z.boolean(),
  checkedAt: z.string(),
  dkim: z.array(
    z.object({
      domain: z.string().nullable(),
      selector: z.string().nullable(),
      algorithm: z.string().nullable(),
      verdict: Verdict,
      reason: z
        .enum([
          'no_key',
          'no_body',
          'key_testing',
          'body_hash',
          'signature',
          'expired',
          'weak_key',
          'key_unusable',
          'unreadable',
          'from_unsigned',
          'from_fields',
          'unsigned_copies',
          'identity',
          'body_length',
          'other',
        ])
        .nullable(),
      message: z.string(),
      messageJa: z.string(),
      detail: z.string().nullable(),
    }),
  ),
  arc: z.object({
    verdict: z.enum(['pass', 'fail', 'not_verified', 'none']),
    instances: z.array(z.number().int()),
    message: z.string(),
    messageJa: z.string(),
    detail: z.string().nullable(),
    seals: z.array(
      z.object({
        instance: z.number().int(),
        domain: z.string().nullable(),
        selector: z.string().nullable(),
        verdict: Verdict,
      }),
    ),
  }),
  spf: z.object({
    verdict: z.enum(['pass', 'fail', 'softfail', 'neutral', 'none', 'permerror', 'not_supplied', 'not_evaluated']),
    domain: z.string().nullable(),
    domainUnicode: z.string().nullable(),
    ip: z.string().nullable(),
    envelopeFrom: z.string().nullable(),
    senderSource: z.enum(['return-path', 'received']).nullable(),
    helo: z.string().nullable(),
    identity: z.enum(['mailfrom', 'helo']).nullable(),
    missing: z.array(z.string()),
    record: z.string().nullable(),
    message: z.string(),
    messageJa: z.string(),
    detail: z.string().nullable(),
  }),
  dmarc: z.object({
    verdict: z.enum(['pass', 'fail', 'none', 'not_supplied', 'incomplete', 'not_evaluated']),
    fromDomain: z.string().nullable(),
    fromDomainUnicode: z.string().nullable(),
    noneReason: z.enum(['absent', 'invalid', 'several', 'address_literal']).nullable(),
    published: z
      .object({
        p: z.string().nullable(),
        sp: z.string().nullable(),
        np: z.string().nullable(),
        pct: z.string().nullable(),
        t: z.string().nullable(),
      })
      .nullable(),
    recordDomain: z.string().nullable(),
    record: z.string().nullable(),
    policy: z.enum(['none', 'quarantine', 'reject']).nullable(),
    testMode: z.boolean(),
    alignedDkim: z.string().nullable(),
    alignedSpf: z.string().nullable(),
    strictDkim: z.boolean(),
    strictSpf: z.boolean(),
    missing: z.array(z.string()),
    message: z.string(),
    messageJa: z.string(),
    policyMessage: z.string().nullable(),
    policyMessageJa: z.string().nullable(),
    detail: z.string().nullable(),
  }),
  recordsNote: z.object({ message: z.string(), messageJa: z.string() }),
});

export const MailAnalysisSchema = z.object({
  originatingIp: z.string().nullable(),
  originatingPort: z.number().int().nullable(),
  originatingTime: z.string().nullable(),
  hops: z.array(
    z.object({
      from: z.object({
        helo: z.string().nullable(),
        rdns: z.string().nullable(),
        ip: z.string().nullable(),
        port: z.number().int().nullable(),
      }),
      by: z.string().nullable(),
      with: z.string().nullable(),
      id: z.string().nullable(),
      for: z.string().nullable(),
      envelopeFrom: z.string().nullable(),
      time: z.string().nullable(),
      timeUtc: z.string().nullable(),
      delaySeconds: z.number().nullable(),
      trusted: z.boolean(),
      raw: z.string(),
    }),
  ),
  authentication: z.object({
    authservId: z.string().nullable(),
    results: z.array(AuthResult.extend({ authservId: z.string() })),
    ignoredFields: z.number(),
    arc: z.array(z.object({ instance: z.number(), authservId: z.string(), results: z.array(AuthResult) })),
    dkimSignatures: z.array(z.object({ domain: z.string().nullable(), selector: z.string().nullable() })),
    verification: SignatureCheck.nullable(),
    note: z.object({ message: z.string(), messageJa: z.string() }),
  }),
  warnings: z.array(Notice),
  message: z.object({
    from: z.string().nullable(),
    sender: z.string().nullable(),
    replyTo: z.string().nullable(),
    returnPath: z.string().nullable(),
    returnPathTrusted: z.boolean(),
    subject: z.string().nullable(),
    date: z.string().nullable(),
    messageId: z.string().nullable(),
  }),
}) satisfies z.ZodType<MailAnalysis>;
