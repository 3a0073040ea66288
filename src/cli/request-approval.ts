// `shokai request preview`: the approver's (a unit head's, a duty approver's, a lawyer's) approval read on
// the command line as the approval page shows it — the request, why approval would be refused now, what the
// editor warned the drafter of about the address targets, and the digest that is signed — through the
// typed client in the person's own session. The signing stays on the approval page: the approver's own
// passkey signs the digest there, and the command line holds no credential of the person's.
import type { Command } from 'commander';
import { targetLine } from '../agent/render.ts';
import { type Schemas, unwrap } from '../client/client.ts';
import { DomainError } from '../domain/errors.ts';
import { TargetSchema } from '../domain/targets.ts';
import { labelOf, REQUEST_KIND_LABELS, REQUEST_STATE_LABELS } from '../domain/vocabulary.ts';
import { cliLocale, type Locale } from '../kernel/text.ts';
import { zoneOption } from './context.ts';
import { type HubSession, hubApi, hubLoginOptions } from './hub-session.ts';
import { tr } from './language.ts';
import { JSON_HELP, printResult } from './output.ts';
import { zoneOptionOn } from './zone.ts';

type Detail = Schemas['RequestDetail'];
type Preview = Schemas['SigningPreview'];

const WORDS = {
  addressee: { ja: '宛先', en: 'Addressed to' },
  targets: { ja: '対象', en: 'Targets' },
  target: { ja: '対象', en: 'Target' },
  refused: {
    ja: 'この照会は、このままでは決裁できません。理由を付して差し戻してください：',
    en: 'This request cannot be approved as it is; return it to the drafter with the reason:',
  },
  noWarnings: { ja: 'アドレスについての警告はありません', en: 'No warnings about the addresses' },
  digest: { ja: '署名する内容の要約値（SHA-256）', en: 'Digest of what is signed (SHA-256)' },
  page: { ja: '決裁画面', en: 'Approval page' },
  passkeySigns: {
    ja: '決裁（電子署名）は決裁画面で行います。あなたの認証器（パスキー）が上の要約値に署名します',
    en: 'Approve and sign on the approval page: your passkey signs the digest above',
  },
  hubSigns: {
    ja: '決裁（電子署名）は決裁画面で行います。認証器が未登録のため、ハブが保管するあなたの鍵で署名されます',
    en: 'Approve and sign on the approval page: with no passkey registered, the key the hub holds for you signs',
  },
  returnThere: {
    ja: '差し戻しは決裁画面で、理由を付して行います',
    en: 'Return it on the approval page, with the reason',
  },
} as const;

/**
 * The lines of the address findings, as the approval page shows them (the editor's findings): first each
 * address that is no Internet source (⚠, a warning: the provider may still answer what it recorded), then
 * the directory's word on the holder where it is not the addressee — ✗ where the request cannot go to this
 * provider, ℹ otherwise. "Nobody declared it" adds nothing beside a warning, and is left out there.
 */
export function addresseeLines(addressees: Preview['addressees'], lang: Locale): string[] {
  const target = (i: number) => `${WORDS.target[lang]} ${i + 1}`;
  const warned = addressees.filter((a) => a.notInternet !== null);
  const shown = addressees.filter((a) => a.holds !== 'yes' && !(a.notInternet && a.holds === 'unknown'));
  return [
    ...warned.map((a) => `⚠ ${target(a.targetIndex)}: ${a.notInternet?.[lang] ?? ''}`),
    ...shown.map((a) => (a.refused ? `✗ ${target(a.targetIndex)}: ` : 'ℹ ') + a.message[lang]),
  ];
}

/**
 * What `shokai request preview` prints of request `d` and its signing preview `p` (the approval page at `page`),
 * the targets' instants in `zone` with the offset.
 */
export function approvalLines(d: Detail, p: Preview, lang: Locale, page: string, zone: string): string[] {
  const w = (k: keyof typeof WORDS) => WORDS[k][lang];
  const provider = d.provider ? (lang === 'ja' ? d.provider.nameJa : d.provider.nameEn) : '';
  const targets = TargetSchema.array().parse(d.content?.targets ?? []);
  const findings = addresseeLines(p.addressees, lang);
  return [
    `${d.reference}  ${labelOf(REQUEST_KIND_LABELS, d.kind)[lang]}  ${labelOf(REQUEST_STATE_LABELS, d.state)[lang]}`,
    ...(provider ? [`${w('addressee')}: ${provider}`] : []),
    `${w('targets')}:`,
    ...targets.map((t, i) => `  ${i + 1}. ${targetLine(t, lang, zone)}`),
    '',
    ...(p.refusal ? [`✗ ${w('refused')} ${p.refusal[lang]}`] : []),
    ...(findings.length > 0 ? findings : [w('noWarnings')]),
    '',
    `${w('digest')}: ${p.digest}`,
    p.refusal ? w('returnThere') : p.passkey ? w('passkeySigns') : w('hubSigns'),
    `${w('page')}: ${page}`,
  ];
}

/**
 * The refusal of a preview asked of a request that does not await the caller's approval, named by its
 * reference: the caller sees the request, so its reference tells nothing new. A request the caller may not see
 * never reaches this: the hub's read refuses it naming only the id typed, as for one that does not exist.
 */
const notAwaiting = (d: Detail) =>
  new DomainError(
    'CONFLICT',
    {
      ja: `照会 ${d.reference} は現在あなたの決裁を待っていません`,
      en: `request ${d.reference} does not await your approval`,
    },
    { requestId: d.id, reference: d.reference },
  );

export function registerRequestCommands(program: Command): void {
  const request = program
    .command('request')
    .description(tr('照会（発出側の担当者・決裁者）', 'requests (the issuing side: drafters and approvers)'));
  zoneOptionOn(
    hubLoginOptions(
      request
        .command('preview <requestId>')
        .description(
          tr(
            '決裁を待つ照会を、決裁画面のとおりに表示する: 照会の内容、このままでは決裁できない理由、' +
              '対象のアドレスについての警告、署名する内容の要約値（閲覧は記録されます。署名は Web の決裁画面で）',
            'show a request awaiting your approval as the approval page does: the request, why it cannot be ' +
              'approved as it is, the warnings about its addresses, and the digest that is signed ' +
              '(the read is audited; signing is on the approval page)',
          ),
        ),
    ),
  )
    .option('--json', JSON_HELP())
    .action(async (id: string, o: Pick<HubSession, 'url' | 'token'> & { json?: boolean; zone?: string }) => {
      const zone = zoneOption(o.zone);
      const api = hubApi(o);
      const path = { id };
      const detail = await unwrap(api.GET('/v1/requests/{id}', { params: { path } }));
      if (!detail.allowedActions.includes('approve')) throw notAwaiting(detail);
      const preview = await unwrap(api.GET('/v1/requests/{id}/signing-preview', { params: { path } }));
      const page = `${o.url.replace(/\/$/, '')}/requests/${encodeURIComponent(id)}/approve`;
      printResult(o.json, preview, (p) => approvalLines(detail, p, cliLocale(), page, zone));
    });
}
