import { DomainError } from './errors.ts';

// What a provision notice (提供の通知) holds once opened, as the hub and an access provider's device both
// check it. Browser-safe: imported by the device-side key work (#shokai/custody).

/** A communication as a notice holds it (the sender's address, the port when logged, the time). */
export interface NoticeCommunication {
  address: string;
  port?: number;
  at: string;
}

/**
 * A provision notice opened (on the hub or on a device) must be of the order it is listed under: its body
 * names the order it was sealed for (`orderId`, `orderReference`; both sealing sides write them), and a
 * body sealed for another order is refused — what was opened is not used. `order` is what the notice's
 * row says: its order's id where the opener has it (the hub), its reference (what a device is shown).
 */
export function requireNoticeOfOrder(body: unknown, order: { id?: string; reference?: string }): void {
  const b = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const id = typeof b.orderId === 'string' ? b.orderId : null;
  const reference = typeof b.orderReference === 'string' ? b.orderReference : null;
  const named = id !== null && reference !== null;
  if (
    named &&
    (order.id === undefined || order.id === id) &&
    (order.reference === undefined || order.reference === reference)
  )
    return;
  throw new DomainError(
    'SIGNATURE_INVALID',
    {
      ja:
        'この提供の通知に封緘された内容は、通知が示す提供命令のものではありません（別の命令のために封緘されたものです）。' +
        '開いた内容は使いません。ハブの管理者と、提供したプロバイダに確認してください',
      en:
        'what this provision notice holds was sealed for another provision order than the one the notice ' +
        'is listed under: what was opened is not used; check with the hub administrator and the provider that gave it',
    },
    { field: 'orderId', expected: order.reference ?? order.id, found: reference ?? id },
  );
}
