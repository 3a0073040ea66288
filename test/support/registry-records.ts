// Registry records of one range (126.33.0.0/16) as the registries write them, for the "whom to ask" tests
// that import a holder's record and ask who holds an address of it.

/**
 * An RDAP record of 126.33.0.0/16 naming `holder`, last changed at `date` (none when `null`); `extra`
 * (ARIN's `port43`, say) stands before the events, as a registry writes it.
 */
export function rdapRecord(holder: string, date: string | null, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    objectClassName: 'ip network',
    handle: `H-${holder.slice(0, 3)}`,
    startAddress: '126.33.0.0',
    endAddress: '126.33.255.255',
    country: 'JP',
    name: holder,
    ...extra,
    ...(date ? { events: [{ eventAction: 'last changed', eventDate: date }] } : {}),
  });
}

/** A JPNIC WHOIS answer for 126.33.0.0/16 naming `holder`, last updated on day `date` (`YYYY/MM/DD`). */
export const jpnicRecord = (holder: string, date: string): string =>
  `[Network Number]  126.33.0.0/16\n[Network Name] JP-NET\n[Organization] ${holder}\n` +
  `[Last Update] ${date} 10:00:00(JST)\n`;
