// `shokai agent provision list|show|carry-out`: a provision order (提供命令) carried out on the provider's
// own installation from its command line, for an installation run headless (the review pages are the
// other door). The use cases of src/agent/provision.ts do the work, as for the pages: the check of the
// judge's signature against the pin, the read of the post log (audited per post, as the reviewer --as
// names), the plan (each communication's access provider, named from the pinned directory) and its
// digest, and carrying out only the plan confirmed. Thin: parses options, calls src/agent, prints.
import type { Command } from 'commander';
import {
  type AgentProvisionOrder,
  carryOutOrPreview,
  offerFromPostLog,
  type ProvisionPlan,
  previewOrder,
  provisionOrder,
  provisionOrders,
} from '../agent/provision.ts';
import { orderFacts, orderState } from '../agent/provision-facts.ts';
import {
  type CarryOutCommunication,
  communicationLine,
  communicationOfLine,
  offeredCommunications,
} from '../agent/provision-lines.ts';
import { PLAN_CHANGED } from '../agent/provision-words.ts';
import { type Lang, nameIn, targetLine, when } from '../agent/render.ts';
import type { AgentRuntime } from '../agent/runner.ts';
import { plain } from '../agent/web-texts.ts';
import type { Principal } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import type { PostLogCommunications } from '../holders/post-communications.ts';
import { cliLocale } from '../kernel/text.ts';
import { withInstallationRuntime } from './agent-context.ts';
import { reviewer, reviewerOptions, reviewerResultOptions } from './agent-review.ts';
import { readNamedFile } from './json-file.ts';
import { tr } from './language.ts';
import { JSON_HELP, out, printJson } from './output.ts';

/** Which communications: offered ones picked by number, lines typed (--line), a file of lines (--file). */
interface Selection {
  pick: string[];
  line: string[];
  file?: string;
}
type Options = Selection & { config?: string; as: string };

const collect = (v: string, all: string[]) => [...all, v];

function selectionOptions(command: Command): Command {
  return command
    .option(
      '--pick <numbers>',
      tr(
        '残す投稿記録の通信の番号（show が表示する [n]。カンマ区切り、繰り返し可）。省略時は全部（--line・--file があればなし）',
        'the numbers of the post log communications to keep ([n] as show prints them; comma-separated, ' +
          'repeatable); default: all of them (none when --line or --file is given)',
      ),
      collect,
      [],
    )
    .option(
      '--line <line>',
      tr(
        '記録にない通信「アドレス ポート 日時」（ポートは省略可、日時はオフセット付き）。繰り返し可',
        'a communication not in the records, "address port time" (the port optional, ' +
          'the time with its offset); repeatable',
      ),
      collect,
      [],
    )
    .option('--file <file>', tr('その形式の行を並べたファイル', 'a file of such lines, one a line'));
}

/** The lines of --file, each read as a communication; a refusal names the file and the line. */
function fileCommunications(file: string): CarryOutCommunication[] {
  return readNamedFile(file, 'utf8')
    .split(/\r?\n/)
    .flatMap((line, i) =>
      line.trim() === ''
        ? []
        : [communicationOfLine(line, { ja: `${file} の ${i + 1} 行目`, en: `${file} line ${i + 1}` }, i + 1)],
    );
}

/** The numbers --pick names (1 to `offered`); one that is not an offered communication is refused naming it. */
function picked(pick: string[], offered: number): number[] {
  return pick.flatMap((p) =>
    p.split(',').map((raw) => {
      const n = Number(raw.trim());
      if (Number.isInteger(n) && n >= 1 && n <= offered) return n;
      throw new DomainError(
        'VALIDATION_FAILED',
        {
          ja: `--pick ${raw.trim()}: 投稿記録にある通信は ${offered} 件です（1〜${offered} の番号）`,
          en: `--pick ${raw.trim()}: the post log offers ${offered} communication(s) (numbers 1 to ${offered})`,
        },
        { field: 'pick', value: raw.trim() },
      );
    }),
  );
}

/**
 * The communications selected: the post log is read (audited, as the page's "fill" button) unless only
 * typed lines are given; with no option every communication it offers, in the order `show` numbers them.
 */
async function selected(
  rt: AgentRuntime,
  p: Principal,
  id: string,
  o: Selection,
): Promise<{ offered: PostLogCommunications | null; communications: CarryOutCommunication[] }> {
  const typed = [
    ...o.line.map((l, i) => communicationOfLine(l, { ja: `--line の ${i + 1} 件目`, en: `--line ${i + 1}` }, i + 1)),
    ...(o.file ? fileCommunications(o.file) : []),
  ];
  if (o.pick.length === 0 && typed.length > 0) return { offered: null, communications: typed };
  const offered = await offerFromPostLog(rt, p, id);
  const all = offeredCommunications(offered);
  const kept = o.pick.length === 0 ? all : picked(o.pick, all.length).map((n) => all[n - 1]);
  return { offered, communications: [...kept.filter((c) => c !== undefined), ...typed] };
}

const quoted = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

function orderLines(o: AgentProvisionOrder, lang: Lang): string[] {
  return [
    `${plain('prov.reference', lang)}: ${o.order.reference}  (${o.order.id})`,
    ...orderFacts(o, lang).map(([k, v]) => `${plain(k, lang)}: ${v}`),
    `${plain('prov.posts', lang)}:`,
    ...(o.attested?.targets ?? o.order.targets).map((t) => `  ${targetLine(t, lang)}`),
  ];
}

function offeredLines(f: PostLogCommunications, lang: Lang): string[] {
  const head = `\n${plain('prov.offered', lang)} (${tr('閲覧は記録されました', 'this read is audited')}):`;
  if (!f.postLog) return [head, `  ${f.why?.[lang] ?? ''}`];
  let n = 0;
  return [
    head,
    ...f.posts.flatMap((p) => [
      `  ${targetLine(p.target, lang)}`,
      ...(p.why ? [`    ${p.why[lang]}`] : []),
      ...p.communications.map((c) => {
        n += 1;
        const post = `${c.post.url ?? ''}${c.post.postId === null ? '' : ` #${c.post.postId}`}`;
        const sources = c.sources.map((s) => `${s.file}:${s.line}`).join(', ');
        return `    [${n}] ${communicationLine(c)}  (${plain('prov.source', lang)} ${post}; ${sources})`;
      }),
    ]),
  ];
}

function planLines(plan: ProvisionPlan, lang: Lang): string[] {
  return [
    `\n${plain('prov.plan', lang)}:`,
    ...plan.communications.map((c) => {
      const to = c.accessProvider ? nameIn(c.accessProvider, lang) : plain('prov.planNone', lang);
      return `  ${communicationLine(c)}  → ${to}`;
    }),
    ...(plan.ignored.length ? [`${plain('prov.ignored', lang)}:`] : []),
    ...plan.ignored.map((g) => `  ${nameIn(g, lang)}  ${when(g.at)}: ${g.why[lang]}`),
    `${tr('送り先のダイジェスト', "the plan's digest")}: ${plan.digest}`,
  ];
}

/** The command that carries out this plan: the same selection, the digest to confirm. */
function carryOutCommand(id: string, o: Options, digest: string): string {
  const args = [
    ...o.pick.map((n) => `--pick ${n}`),
    ...o.line.map((l) => `--line ${quoted(l)}`),
    ...(o.file ? [`--file ${quoted(o.file)}`] : []),
  ];
  return ['shokai agent provision carry-out', id, '--confirm', digest, '--as', quoted(o.as), ...args].join(' ');
}

function resultLines(o: AgentProvisionOrder['order'], lang: Lang): string[] {
  const provision = o.provision;
  if (!provision) return [];
  if (!provision.identified) return [plain('prov.notIdentified', lang)];
  return [
    `${plain('prov.accessProviders', lang)}:`,
    ...provision.accessProviders.map((a) => `  ${nameIn(a.organisation, lang)}`),
  ];
}

/** Runs fn online as the reviewer --as names. */
function asReviewer<T>(o: { config?: string; as: string }, fn: (rt: AgentRuntime, p: Principal) => Promise<T>) {
  return withInstallationRuntime(o, true, async (rt, config) => fn(rt, await reviewer(rt.ctx, config, o.as)));
}

export function registerAgentProvisionCommands(agent: Command): void {
  const provision = agent
    .command('provision')
    .description(
      tr(
        '提供命令（当社宛て）を自社の投稿記録から履行する（オンラインのみ。確認画面と同じ処理）',
        'carry out the provision orders addressed to this provider from its own post log (online only; ' +
          'as the review pages do)',
      ),
    );

  reviewerResultOptions(provision.command('list'))
    .description(
      tr(
        '当社宛ての提供命令と、裁判官の署名を固定済みディレクトリで確認した結果',
        "the provision orders addressed to this provider, each with the check of the judge's signature against the pin",
      ),
    )
    .action(async (o: { config?: string; as: string; json?: boolean }) => {
      const orders = await asReviewer(o, (rt, p) => provisionOrders(rt, p));
      if (o.json) return printJson(orders);
      const lang = cliLocale();
      if (orders.length === 0) out(plain('prov.none', lang));
      for (const x of orders) {
        const { id, reference, court, order } = x.order;
        out(
          `${id}  ${reference}  ${nameIn(court, lang)}  ${order?.caseNumber ?? ''}  ${when(order?.orderedAt)}  ` +
            `${orderState(x, lang)}  ${x.why[lang]}`,
        );
      }
    });

  selectionOptions(reviewerOptions(provision.command('show <orderId>')))
    .description(
      tr(
        '命令・署名の確認・対象の投稿、投稿記録にある通信（閲覧は記録される）、各通信を封緘する経由プロバイダと送り先のダイジェスト（何も送らない）',
        "the order, the signature check, its posts, the post log's communications (the read is audited), " +
          "the access provider each would be sealed to and the plan's digest (nothing is sent)",
      ),
    )
    .option('--json', JSON_HELP())
    .action(async (id: string, o: Options & { json?: boolean }) => {
      const lang = cliLocale();
      await asReviewer(o, async (rt, p) => {
        const order = await provisionOrder(rt, p, id);
        const chosen = order.open ? await selected(rt, p, id, o) : null;
        const plan = chosen?.communications.length
          ? await previewOrder(rt, p, id, { communications: chosen.communications })
          : null;
        // An order that does not verify is shown with why; the exit says it is refused.
        if (!order.verified) process.exitCode = 2;
        if (o.json) return printJson({ ...order, offered: chosen?.offered ?? null, plan });
        for (const l of orderLines(order, lang)) out(l);
        for (const l of resultLines(order.order, lang)) out(l);
        if (chosen?.offered) for (const l of offeredLines(chosen.offered, lang)) out(l);
        if (chosen && !plan)
          out(
            tr(
              '\n履行する通信がありません（--line または --file で入力してください）',
              '\nno communication to carry out (type them with --line or --file)',
            ),
          );
        if (!plan) return;
        for (const l of planLines(plan, lang)) out(l);
        out(`${tr('この送り先で履行するには', 'to carry out this plan')}: ${carryOutCommand(id, o, plan.digest)}`);
      });
    });

  selectionOptions(reviewerOptions(provision.command('carry-out <orderId>')))
    .description(
      tr(
        'show で確認した送り先のとおりに履行する（経由プロバイダごとにこの設置で封緘してハブに渡す）。送り先が変わっていれば何も送らない',
        'carry out the plan show printed (sealed here to each access provider, the boxes handed to the hub); ' +
          'nothing is sent if the plan changed',
      ),
    )
    .requiredOption(
      '--confirm <digest>',
      tr('確認した送り先のダイジェスト（show が表示する）', 'the digest of the plan you confirmed (show prints it)'),
    )
    .action(async (id: string, o: Options & { confirm: string }) => {
      const lang = cliLocale();
      await asReviewer(o, async (rt, p) => {
        const { communications } = await selected(rt, p, id, o);
        const { done, changed } = await carryOutOrPreview(rt, p, id, { communications, plan: o.confirm });
        if (changed) {
          // Refused in words, nothing sent; the new plan and its digest to confirm again.
          process.stderr.write(`${PLAN_CHANGED[lang]}\n`);
          for (const l of planLines(changed, lang)) out(l);
          out(`${tr('この送り先で履行するには', 'to carry out this plan')}: ${carryOutCommand(id, o, changed.digest)}`);
          process.exitCode = 2;
          return;
        }
        out(tr(`提供命令 ${done.reference} を履行しました`, `provision order ${done.reference} carried out`));
        for (const l of resultLines(done, lang)) out(l);
      });
    });
}
