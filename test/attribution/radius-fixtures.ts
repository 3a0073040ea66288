/**
 * A RADIUS detail file of two sessions on one address: the first Start carries Event-Timestamp in JST, the
 * second only the record header (the server's local time, no zone), so it is refused without --zone.
 */
export const JST_START_THEN_ZONELESS = `Sun Mar 29 10:00:00 2026
	Acct-Status-Type = Start
	User-Name = "first"
	Acct-Session-Id = "S-1"
	NAS-IP-Address = 192.0.2.1
	Framed-IP-Address = 198.51.100.20
	Event-Timestamp = "Mar 29 2026 10:00:00 JST"

Sun Mar 29 12:00:00 2026
	Acct-Status-Type = Start
	User-Name = "second"
	Acct-Session-Id = "S-2"
	NAS-IP-Address = 192.0.2.1
	Framed-IP-Address = 198.51.100.20
`;

/** A FreeRADIUS detail record of one session on `address` (100.64.9.9 unless given). */
export function radius(
  ts: number,
  type: string,
  user: string,
  sid: string,
  nas: string,
  sessionTime?: number,
  address = '100.64.9.9',
): string {
  const time = sessionTime === undefined ? '' : `\tAcct-Session-Time = ${sessionTime}\n`;
  return (
    `Sun Mar 29 01:00:00 2026\n\tAcct-Status-Type = ${type}\n\tUser-Name = "${user}"\n` +
    `\tAcct-Session-Id = "${sid}"\n\tNAS-IP-Address = ${nas}\n\tFramed-IP-Address = ${address}\n${time}` +
    `\tTimestamp = ${ts}\n`
  );
}
