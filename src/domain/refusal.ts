import { z } from 'zod';

/**
 * Why a second person refuses what another asked them to confirm — a passkey to count (credential requests),
 * a provider's key to register, a role to grant: said in words, trimmed, 1 to 2,000 characters. Kept with the
 * refusal and audited; the same rule for the three, so it is one schema (the API still names each body).
 */
export const RefusalReasonInput = z.strictObject({ reason: z.string().trim().min(1).max(2000) });
