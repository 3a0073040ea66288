// Instants as the operator reads them: every human line of the command line shows a stored instant (ISO
// UTC, `…Z`) in the operator's zone with its offset — this machine's zone, or the one `--zone` names
// (zoneOption) — as `2026-03-29 01:30:12 +09:00`, to the second, the era year left to dates in words.
// --json keeps the instant as stored, for programs.
import type { Command } from 'commander';
import { formatInstantText } from '../domain/time.ts';
import { zoneOption } from './context.ts';
import { tr } from './language.ts';

/** `--zone` on a command that shows instants; the zone is read with zoneOption (default: this machine's). */
export function zoneOptionOn(command: Command): Command {
  return command.option(
    '--zone <zone>',
    tr('時刻を表示するタイムゾーン（既定: この端末のもの）', "the zone times are shown in (default: this machine's)"),
  );
}

/** Shows a stored instant in a zone with its offset (`2026-03-29 01:30:12 +09:00`); other text as written. */
export type ShowInstant = (iso: string | null | undefined) => string;

/** The instant shower for a zone already checked (zoneOption's). */
export function instantsIn(zone: string): ShowInstant {
  return (iso) => formatInstantText(iso, zone);
}

/** The instant shower of a command's options: the zone --zone names, else this machine's; an unknown one refused. */
export function instantsOf(o: { zone?: string }): ShowInstant {
  return instantsIn(zoneOption(o.zone));
}
