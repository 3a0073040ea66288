import { shownFingerprint } from '#shokai/shown-text';

/** A key's fingerprint as people read it (`SHA-256 7140 dc09 …`): never like the IPv6 addresses beside it. */
export function Fingerprint({ value, className }: { value: string; className?: string }) {
  return (
    <code className={className} data-fingerprint={value}>
      {shownFingerprint(value)}
    </code>
  );
}
