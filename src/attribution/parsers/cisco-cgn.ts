// Cisco IOS XR CGN bulk-port-allocation syslog: one or more bracketed records per line,
// [UserbasedA|UserbasedW L4 OrigSrcIP InsideVRF OrigSrcIPv6 TranslatedSrcIP OrigPort FirstPort LastPort DstIP DstPort];
// unused fields are '-'. The time comes from the syslog prefix and must carry a year, written where
// Cisco writes it (ciscoSyslogInstant).
import { parseIPv4 } from '../../net/address.ts';
import { type Batch, labelled, type NatRow, natRow, ParseError, REFUSED } from '../model.ts';
import { ciscoSyslogInstant, lineTime } from '../time.ts';
import { NatEventParser } from './nat-events.ts';

const RECORD = /\[(Userbased[AW])\s+([^\]]*)\]/g;

export class CiscoCgnParser extends NatEventParser {
  line(text: string, lineNo: number, out: Batch): void {
    const first = text.indexOf('[Userbased');
    if (first < 0) return;
    const t = Math.floor(lineTime(() => ciscoSyslogInstant(text.slice(0, first), this.zone)));
    // Every record of the line is read before any is kept: a line refused for one of them stores none.
    const read: Array<{ allocated: boolean; row: NatRow }> = [];
    RECORD.lastIndex = 0;
    for (let m = RECORD.exec(text); m; m = RECORD.exec(text)) {
      const f = m[2]!.trim().split(/\s+/);
      if (f.length !== 10) {
        const record = `"[${m[1]} ${m[2]}]"`;
        throw new ParseError({
          ja: `${m[1]} レコードの項目が ${f.length} 個です（10 個のはずです）: ${record}`,
          en: `${m[1]} record has ${f.length} fields, expected 10: ${record}`,
        });
      }
      const inside = parseIPv4(f[1]!);
      if (inside < 0) throw labelled('OrigSrcIP', REFUSED.notIPv4(f[1]!));
      const pub = parseIPv4(f[4]!);
      if (pub < 0) throw labelled('TranslatedSrcIP', REFUSED.notIPv4(f[4]!));
      const plo = Number(f[6]);
      const phi = Number(f[7]);
      if (!/^\d{1,5}$/.test(f[6]!) || !/^\d{1,5}$/.test(f[7]!) || phi < plo || phi > 65535) {
        const range = `"${f[6]} ${f[7]}"`;
        throw labelled('FirstPort/LastPort', {
          ja: `ポート範囲ではありません: ${range}`,
          en: `not a port range: ${range}`,
        });
      }
      read.push({ allocated: m[1] === 'UserbasedA', row: natRow('block', pub, plo, phi, inside, t, lineNo) });
    }
    for (const { allocated, row } of read) {
      out.records++;
      const key = `${row.pub}/${row.plo}`;
      if (allocated) this.started(key, row, out);
      else this.ended(key, row, out);
    }
  }
}
