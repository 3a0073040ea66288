import { confusableSkeleton, DOT_LIKE } from './confusable-skeleton.ts';
import { type DeceptiveHost, IGNORABLE, openedName, targetHost } from './deceptive-hosts.ts';

// The look-alike rule's comparison with the domains providers declare in the directory (./deceptive-hosts.ts holds
// the rules that need no list). Pure (no Node, no DOM), as that rule is.

/** A name as a directory declares it, as a target holds one: NFC, lower case, no trailing dot. */
const asTargetHolds = (name: string): string => name.trim().normalize('NFC').toLowerCase().replace(/\.$/u, '');

/** The skeleton a name is compared by: UTS #39's, with `O` (the prototype of 0, ০, ୦, ⵔ…) read as `o`. */
const comparedSkeleton = (name: string): string => confusableSkeleton(name).replaceAll('O', 'o');

/**
 * The compared skeleton without the marks on Latin letters, digits and hyphens (NFD, each such nonspacing mark
 * dropped), as Chromium drops diacritics: `microsóft.com`, `googl\u0332e.com` read as `microsoft.com`, `google.com`.
 * Marks on other scripts' letters stay (`ガ` is not `カ`).
 */
const bareSkeleton = (name: string): string =>
  comparedSkeleton(name.normalize('NFD').replace(/([\p{Script=Latin}0-9-])\p{Mn}+/gu, '$1'));

/** The skeletons a name is compared by: its compared skeleton, and that without marks on Latin letters. */
const skeletonsOf = (name: string): string[] => [comparedSkeleton(name), bareSkeleton(name)];

/** The directory's domains by their compared skeleton: each skeleton, and every declared name that has it. */
export interface KnownDomains {
  readonly bySkeleton: ReadonlyMap<string, ReadonlySet<string>>;
  /** The most labels of any skeleton: only that many trailing labels of a host are compared. */
  readonly mostLabels: number;
}

/** The last list knownDomains read, and what it made of it: a check per target reads the same list. */
let lastKnown: { key: string; value: KnownDomains } | undefined;

/** The directory's domains `known` by skeleton (made once per list: the last list's is kept). */
export function knownDomains(known: readonly string[]): KnownDomains {
  // JSON, not a joined string: ['a\nb'] and ['a', 'b'] are two lists.
  const key = JSON.stringify(known);
  if (lastKnown?.key === key) return lastKnown.value;
  const bySkeleton = new Map<string, Set<string>>();
  let mostLabels = 0;
  for (const k of known) {
    const name = asTargetHolds(k);
    for (const skeleton of skeletonsOf(name)) {
      const names = bySkeleton.get(skeleton) ?? new Set<string>();
      names.add(name);
      bySkeleton.set(skeleton, names);
      mostLabels = Math.max(mostLabels, skeleton.split('.').length);
    }
  }
  const value = { bySkeleton, mostLabels };
  lastKnown = { key, value };
  return value;
}

/** A full stop, or a character that reads as one (DOT_LIKE): where people see a host name's labels end. */
const SEEN_DOT = new RegExp(`([.\u3002\uff0e\uff61${DOT_LIKE}])`, 'u');

const isAscii = (s: string): boolean => /^[\p{ASCII}]*$/u.test(s);

/**
 * Why a host name reads as one of `known` (the domains providers declare in the hub's directory) without being it,
 * or null: its confusable skeleton (with `O` read as `o`), or that of a parent of it as people see its labels
 * (`www.ꮪakura-board.example`, `www۰sakura-board.example`, where `۰` reads as a dot), is a known domain's (UTS #39,
 * ./confusable-skeleton.ts), and the name the URL parser opens is neither that domain nor under it. Only a name
 * holding a character outside ASCII is read so: an ASCII name reads as it is written, and a request about a phishing
 * name such as `rnicrosoft.com` or `paypa1.com` must stay possible. The name meant is still given as its A-label.
 */
export function lookalikeOfKnown(host: string, known: readonly string[] | KnownDomains): DeceptiveHost | null {
  if (isAscii(host)) return null;
  const { bySkeleton, mostLabels } = 'bySkeleton' in known ? known : knownDomains(known);
  if (bySkeleton.size === 0) return null;
  const opened = openedName(host.replace(new RegExp(IGNORABLE.source, 'gu'), ''));
  const seen = host.replace(new RegExp(IGNORABLE.source, 'gu'), '').replace(/[.\u3002\uff0e\uff61]$/u, '');
  const parts = seen.split(SEEN_DOT);
  const labels = parts.filter((_, i) => i % 2 === 0);
  // Only the trailing labels as many as a declared skeleton has: each parent's skeletons built from the right, so
  // a host of thousands of labels costs as many steps as it has labels, not their square.
  const first = Math.max(0, labels.length - mostLabels);
  const suffixes: [string, string][] = [];
  for (let i = labels.length - 1; i >= first; i--) {
    const label = labels[i] ?? '';
    const [compared, bare] = suffixes[i + 1]?.map((s) => `.${s}`) ?? ['', ''];
    suffixes[i] = [comparedSkeleton(label) + compared, bareSkeleton(label) + bare];
  }
  for (let i = first; i < labels.length - 1; i++) {
    const declared = (suffixes[i] ?? []).map((s) => bySkeleton.get(s)).find((d) => d !== undefined);
    if (declared === undefined) continue;
    if ([...declared].some((d) => opened === d || opened.endsWith(`.${d}`))) continue;
    const name = parts.slice(2 * i).join('');
    // An ASCII parent joined to the rest by a real full stop reads as it is written (`ログイン.paypa1.com` is a
    // name under the phishing name `paypa1.com`, not a look-alike of paypal.com); `www۰sakura-board.example` is not.
    if (isAscii(name) && (i === 0 || /^[.\u3002]$/u.test(parts[2 * i - 1] ?? ''))) continue;
    const shown = [...declared].sort()[0] ?? '';
    const aLabel = URL.canParse(`http://${host}/`) ? new URL(`http://${host}/`).hostname : host;
    const which =
      i === 0
        ? { ja: `「${host}」`, en: `"${host}"` }
        : { ja: `「${host}」の「${name}」`, en: `"${name}" in "${host}"` };
    return {
      instead: aLabel,
      words: {
        ja:
          `${which.ja}は、事業者が名簿に申告しているドメイン「${shown}」と同じに見える別の名前です` +
          `（決裁者にも事業者にも見分けられません）。この名前に間違いなければ「${aLabel}」（A ラベル）と書いてください`,
        en:
          `${which.en} reads as "${shown}", a domain a provider declares in the directory, but is another name ` +
          `(neither the approver nor the provider could tell them apart). If this is the name meant, write it as ` +
          `"${aLabel}" (its A-label)`,
      },
    };
  }
  return null;
}

/** Whether any target's host holds a character outside ASCII: only then is the directory's list read. */
export function anyNonAsciiHost(targets: readonly { type: string }[]): boolean {
  return targets.some((t) => {
    const found = targetHost(t as { type: string } & Record<string, unknown>);
    return found !== null && !('refused' in found) && !isAscii(found.host);
  });
}

/** Why a target's host reads as one of the directory's domains `known` without being it (lookalikeOfKnown), or null. */
export function targetKnownLookalike(
  t: { type: string },
  known: readonly string[] | KnownDomains,
): (DeceptiveHost & { key: string; host: string }) | null {
  const found = targetHost(t as { type: string } & Record<string, unknown>);
  if (!found || 'refused' in found) return null;
  const problem = lookalikeOfKnown(found.host, known);
  return problem ? { ...problem, key: found.key, host: found.host } : null;
}
