// NetScaler (Citrix ADC) LSN mapping logs, default and compact forms:
//   02/02/2016:01:13:01 GMT … : A&PDM CREATED Client IP:Port:TD 1.1.1.1:6500:0, NatIP:NatPort 8.8.8.8:47902, …
//   02/02/2016:01:13:01 GMT … : A&PDMC|C-1.1.1.1:6500:0|N-8.8.8.9:51066|D-2.2.2.2:80:0|T
// The date is MM/DD/YYYY (the appliance default) or YYYY/MM/DD, followed by a zone abbreviation or
// nothing (then --zone is required).
import { parseIPv4 } from '../../net/address.ts';
import { type Batch, labelled, natRow, ParseError, REFUSED } from '../model.ts';
import { inLog, lineTime, resolveWall, TIMESTAMP, zoneAfter } from '../time.ts';
import { NatEventParser } from './nat-events.ts';

// The zone or offset after the time is read by zoneAfter (an offset passed over would become --zone's).
const TIME = /^\s*(?:(\d{2})\/(\d{2})\/(\d{4})|(\d{4})\/(\d{2})\/(\d{2})):(\d{2}):(\d{2}):(\d{2})(?=\s)/;
const LONG = new RegExp(
  '\\b(EIM|A&PDM|ADM|DEPDM|APDM)\\s+(CREATED|DELETED)\\s+Client IP:Port:TD\\s+([\\d.]+):(\\d+)(?::\\d+)?,' +
    '\\s*NatIP:NatPort\\s+([\\d.]+):(\\d+)(?:.*Protocol:\\s*(\\w+))?',
);
const COMPACT =
  /\b(EIM|A&PDM|ADM|DEPDM|APDM)([CD])\|C-([\d.]+):(\d+)(?::\d+)?\|N-([\d.]+):(\d+)(?:\|[^|]*)*?\|([A-Z]+)\s*$/;

export class NetscalerLsnParser extends NatEventParser {
  line(text: string, lineNo: number, out: Batch): void {
    let created: boolean;
    let clientIp: string;
    let natIp: string;
    let natPort: string;
    let clientPort: string;
    let proto: string;
    const l = LONG.exec(text);
    if (l) {
      created = l[2] === 'CREATED';
      clientIp = l[3]!;
      clientPort = l[4]!;
      natIp = l[5]!;
      natPort = l[6]!;
      proto = l[7] ?? '';
    } else {
      const c = COMPACT.exec(text);
      if (!c) {
        if (/\bLSN\b/.test(text) && /(CREATED|DELETED|\|C-)/.test(text))
          throw new ParseError({
            ja: 'LSN のマッピングの行ですが、形式が不明です',
            en: 'LSN mapping line in an unknown layout',
          });
        return;
      }
      created = c[2] === 'C';
      clientIp = c[3]!;
      clientPort = c[4]!;
      natIp = c[5]!;
      natPort = c[6]!;
      proto = c[7]!;
    }
    const tm = TIME.exec(text);
    if (!tm) {
      throw new ParseError({
        ja: '行頭に "MM/DD/YYYY:hh:mm:ss ZONE" 形式のタイムスタンプがありません',
        en: 'no "MM/DD/YYYY:hh:mm:ss ZONE" timestamp at the start of the line',
      });
    }
    const y = tm[3] ?? tm[4];
    const mo = tm[1] ?? tm[5];
    const d = tm[2] ?? tm[6];
    const wall = { y: +y!, mo: +mo!, d: +d!, h: +tm[7]!, mi: +tm[8]!, s: +tm[9]! };
    const t = lineTime(() => resolveWall(wall, zoneAfter(text, tm[0].length), inLog(this.zone), TIMESTAMP));
    const inside = parseIPv4(clientIp);
    const pub = parseIPv4(natIp);
    const port = Number(natPort);
    if (inside < 0) throw labelled({ ja: 'クライアント IP', en: 'client IP' }, REFUSED.notIPv4(clientIp));
    if (pub < 0) throw labelled('NAT IP', REFUSED.notIPv4(natIp));
    if (port > 65535)
      throw new ParseError({ ja: `NAT ポートが範囲外です: ${natPort}`, en: `NAT port out of range: ${natPort}` });
    out.records++;
    const key = `${proto}/${pub}/${port}/${inside}/${clientPort}`;
    const row = natRow('session', pub, port, port, inside, t, lineNo);
    row.ident = `${proto}/${clientPort}`;
    if (created) this.started(key, row, out);
    else this.ended(key, row, out);
  }
}
