import type { LogParser, ParserOptions } from '../model.ts';
import { CiscoCgnParser } from './cisco-cgn.ts';
import { ConntrackParser } from './conntrack.ts';
import { GenericCsvParser } from './generic-csv.ts';
import { IscDhcpdParser } from './isc-dhcpd.ts';
import { JuniperPbaParser } from './juniper-pba.ts';
import { KeaParser } from './kea.ts';
import { NetscalerLsnParser } from './netscaler-lsn.ts';
import { RadiusDetailParser } from './radius-detail.ts';

export const LOG_FORMATS = [
  'radius-detail',
  'kea4',
  'kea6',
  'isc-dhcpd',
  'juniper-pba',
  'cisco-cgn',
  'netscaler-lsn',
  'conntrack',
  'generic-csv',
] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export function isLogFormat(s: string): s is LogFormat {
  return (LOG_FORMATS as readonly string[]).includes(s);
}

export function createParser(format: LogFormat, opts: ParserOptions): LogParser {
  switch (format) {
    case 'radius-detail':
      return new RadiusDetailParser(opts);
    case 'kea4':
      return new KeaParser(4);
    case 'kea6':
      return new KeaParser(6);
    case 'isc-dhcpd':
      return new IscDhcpdParser();
    case 'juniper-pba':
      return new JuniperPbaParser();
    case 'cisco-cgn':
      return new CiscoCgnParser(opts);
    case 'netscaler-lsn':
      return new NetscalerLsnParser(opts);
    case 'conntrack':
      return new ConntrackParser();
    case 'generic-csv':
      return new GenericCsvParser(opts);
  }
}
