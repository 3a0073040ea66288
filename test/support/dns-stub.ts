import { createSocket, type Socket } from 'node:dgram';
import { isIP } from 'node:net';

// A local stub DNS server on 127.0.0.1 (UDP) answering A and AAAA questions from a fixed table, so
// tests resolve names without the network. Unknown names get NXDOMAIN; a known name without a record
// of the asked type gets an empty NOERROR answer. Every question is recorded.

export interface DnsStub {
  /** `127.0.0.1:port`, the form SHOKAI_DNS_RESOLVER takes. */
  address: string;
  questions: Array<{ name: string; type: number }>;
  close(): Promise<void>;
}

function ipBytes(ip: string): Buffer {
  if (isIP(ip) === 4) return Buffer.from(ip.split('.').map(Number));
  const [head = '', tail = ''] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  const b = Buffer.alloc(16);
  for (const [i, g] of groups.entries()) b.writeUInt16BE(Number.parseInt(g, 16), i * 2);
  return b;
}

export async function startDnsStub(records: Record<string, string[]>): Promise<DnsStub> {
  const socket: Socket = createSocket('udp4');
  const questions: DnsStub['questions'] = [];
  socket.on('message', (msg, rinfo) => {
    let o = 12;
    const labels: string[] = [];
    while (msg[o] !== 0 && o < msg.length) {
      const len = msg[o] ?? 0;
      labels.push(msg.subarray(o + 1, o + 1 + len).toString('ascii'));
      o += len + 1;
    }
    const qEnd = o + 5;
    const name = labels.join('.').toLowerCase();
    const type = msg.readUInt16BE(o + 1);
    questions.push({ name, type });
    const known = Object.hasOwn(records, name);
    const answers = (records[name] ?? []).filter((ip) => (type === 1 ? isIP(ip) === 4 : type === 28 && isIP(ip) === 6));
    const header = Buffer.alloc(12);
    header.writeUInt16BE(msg.readUInt16BE(0), 0);
    header.writeUInt16BE(known ? 0x8180 : 0x8183, 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answers.length, 6);
    const rrs = answers.map((ip) => {
      const data = ipBytes(ip);
      const rr = Buffer.alloc(12);
      rr.writeUInt16BE(0xc00c, 0);
      rr.writeUInt16BE(type, 2);
      rr.writeUInt16BE(1, 4);
      rr.writeUInt32BE(60, 6);
      rr.writeUInt16BE(data.length, 10);
      return Buffer.concat([rr, data]);
    });
    socket.send(Buffer.concat([header, msg.subarray(12, qEnd), ...rrs]), rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${socket.address().port}`,
    questions,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
