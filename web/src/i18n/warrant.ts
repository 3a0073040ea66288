// Warrant types (mirrors WARRANT_TYPES in src/domain/request-content.ts, which pulls zod; kept here
// so the browser bundle stays small — the server rejects any type not in its list).
export const WARRANT_TYPES = ['seizure', 'record_order_seizure', 'electronic_record_provision_order'] as const;
export type WarrantType = (typeof WARRANT_TYPES)[number];
export const WARRANT_TYPE_LABEL: Record<(typeof WARRANT_TYPES)[number], { ja: string; en: string }> = {
  seizure: { ja: '差押許可状', en: 'Seizure warrant' },
  record_order_seizure: { ja: '記録命令付差押許可状', en: 'Record-order seizure warrant' },
  electronic_record_provision_order: { ja: '電磁的記録提供命令', en: 'Electronic record provision order' },
};
