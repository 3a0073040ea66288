// Run by `npm test` before the tests: the browser tests drive Debian's chromium (never a downloaded
// browser) and their screenshots show Japanese text, which needs a Japanese font; the printable
// documents embed IPAex明朝 (fonts-ipaexfont-mincho), and their tests read the PDFs back with
// poppler (poppler-utils: pdftotext, pdftoppm). A fresh Debian machine has none of them, so this
// installs them when they are missing — with apt-get as root, through `sudo -n` otherwise — and
// says so on stderr. When it cannot install them, it fails and names the packages. Messages follow
// SHOKAI_LANG (ja by default, en).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { DEFAULT_DOCUMENT_FONT } from '../src/documents/font.ts';

export interface SystemPackage {
  /** The Debian package. */
  name: string;
  /** Why the tests need it, in both languages. */
  why: { ja: string; en: string };
}

export const CHROMIUM: SystemPackage = {
  name: 'chromium',
  why: { ja: 'ブラウザのテストが使う', en: 'the browser tests drive it' },
};
export const JAPANESE_FONTS: SystemPackage = {
  name: 'fonts-noto-cjk',
  why: { ja: '画面写真の日本語の表示に要る', en: 'screenshots show Japanese text' },
};

export const DOCUMENT_FONT: SystemPackage = {
  name: 'fonts-ipaexfont-mincho',
  why: { ja: '印刷用文書（PDF）に埋め込む日本語フォント', en: 'the printable documents (PDF) embed it' },
};
export const POPPLER: SystemPackage = {
  name: 'poppler-utils',
  why: { ja: '文書のテストが PDF を画像と文字に読み戻す', en: 'the document tests read PDFs back as images and text' },
};

/** What the machine has, as far as the tests are concerned. */
export interface Probe {
  /** The chromium the browser tests launch exists. */
  chromium(): boolean;
  /** fontconfig knows a font for Japanese, or the Noto CJK package is installed. */
  japaneseFont(): boolean;
  /** The documents' TrueType font file exists (src/documents/font.ts). */
  documentFont(): boolean;
  /** pdftotext and pdftoppm run. */
  poppler(): boolean;
}

/** The packages to install: those whose need is not met. */
export function missingPackages(probe: Probe): SystemPackage[] {
  const missing: SystemPackage[] = [];
  if (!probe.chromium()) missing.push(CHROMIUM);
  if (!probe.japaneseFont()) missing.push(JAPANESE_FONTS);
  if (!probe.documentFont()) missing.push(DOCUMENT_FONT);
  if (!probe.poppler()) missing.push(POPPLER);
  return missing;
}

/** How to run apt-get here: directly as root, through `sudo -n` if that works, or not at all. */
export function aptCommand(isRoot: boolean, sudoWorks: () => boolean): { cmd: string; args: string[] } | null {
  const apt = ['DEBIAN_FRONTEND=noninteractive', 'apt-get'];
  if (isRoot) return { cmd: 'env', args: apt };
  return sudoWorks() ? { cmd: 'sudo', args: ['-n', 'env', ...apt] } : null;
}

const run = (cmd: string, args: string[]): { status: number | null; stdout: string } => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return { status: r.error ? null : r.status, stdout: r.stdout ?? '' };
};

const dpkgInstalled = (pkg: string): boolean => {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: ${Status} is dpkg-query's own format syntax, not a template
  const r = run('dpkg-query', ['-W', '-f=${Status}', pkg]);
  return r.status === 0 && r.stdout.trim() === 'install ok installed';
};

export const machineProbe: Probe = {
  chromium: () => existsSync(process.env.SHOKAI_CHROMIUM ?? '/usr/bin/chromium'),
  japaneseFont: () => {
    const r = run('fc-list', [':lang=ja', 'family']);
    return (r.status === 0 && r.stdout.trim() !== '') || dpkgInstalled(JAPANESE_FONTS.name);
  },
  documentFont: () => existsSync(process.env.SHOKAI_DOCUMENT_FONT || DEFAULT_DOCUMENT_FONT),
  poppler: () => run('pdftotext', ['-v']).status === 0 && run('pdftoppm', ['-v']).status === 0,
};

function main(): void {
  const en = process.env.SHOKAI_LANG === 'en';
  const say = (ja: string, english: string): void => {
    process.stderr.write(`npm test: ${en ? english : ja}\n`);
  };
  const missing = missingPackages(machineProbe);
  if (missing.length === 0) return;
  const names = missing.map((p) => p.name).join(' ');
  const debianPackages = missing.length === 1 ? 'the Debian package' : 'the Debian packages';
  const reasons = missing.map((p) => `${p.name}: ${en ? p.why.en : p.why.ja}`).join(en ? '; ' : '、');
  function fail(ja: string, english: string): never {
    say(
      `Debian のパッケージ ${names} が必要です（${reasons}）。${ja}\n  sudo apt-get install -y ${names}`,
      `${debianPackages} ${names} ${missing.length === 1 ? 'is' : 'are'} needed (${reasons}). ${english}` +
        `\n  sudo apt-get install -y ${names}`,
    );
    process.exit(1);
  }

  if (run('apt-get', ['--version']).status !== 0)
    fail(
      'apt-get がない（Debian ではない）ため、ここでは入れられません。' +
        '入れてから（chromium は SHOKAI_CHROMIUM でも指定できます）もう一度実行してください:',
      'apt-get is not available (not Debian), so they cannot be installed here. ' +
        'Install them (or point SHOKAI_CHROMIUM at a chromium) and run again:',
    );
  const apt = aptCommand(process.getuid?.() === 0, () => run('sudo', ['-n', 'true']).status === 0);
  if (apt === null)
    fail(
      'root ではなく sudo -n も使えないため、入れられません。次を実行してから、もう一度実行してください:',
      'this is not root and sudo -n is not available, so they cannot be installed. Run this, then run again:',
    );
  const shown = `${apt.cmd === 'sudo' ? 'sudo -n ' : ''}apt-get install -y ${names}`;
  say(
    `Debian のパッケージ ${names} を入れます（${reasons}）: ${shown}`,
    `installing ${debianPackages} ${names} (${reasons}): ${shown}`,
  );
  // apt-get's own output goes to stderr, so that the test output on stdout stays as it is.
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', ...missing.map((p) => p.name)],
  ]) {
    const r = spawnSync(apt.cmd, [...apt.args, ...args], { stdio: ['ignore', 2, 2] });
    if (r.error || r.status !== 0)
      fail(
        `apt-get ${args[0]} が失敗しました（上の出力を参照）。`,
        `apt-get ${args[0]} failed (see its output above).`,
      );
  }
  const still = missingPackages(machineProbe);
  if (still.length > 0) {
    const left = still.map((p) => p.name).join(' ');
    fail(`入れた後も ${left} が見つかりません。`, `${left} still missing after the install.`);
  }
  say(`${names} を入れました。`, `installed ${names}.`);
}

if (import.meta.main) main();
