import type { Client } from './exchange.ts';
import { transition } from './flow.ts';
import type { RequestDetail } from './replies.ts';

/**
 * The provider confirms an emergency request by calling back (`note`, its second check) and answers it in
 * full with `items`, each asserted: the answered request.
 */
export async function answeredAfterCallBack(
  provider: Client,
  id: string,
  note: string,
  items: unknown[],
): Promise<RequestDetail> {
  await transition(provider, id, { action: 'confirm_second_check', note });
  return transition(provider, id, { action: 'answer', answer: { outcome: 'full', items } });
}
