// What the parsers of NAT translation events share: a translation stays pending in memory from the
// event that starts it to the one that ends it, and whatever is pending at the end of a file is kept
// open (its end is in a later file, or was never logged).
import { type Batch, closeOf, IntervalTracker, type LogParser, type NatRow, type ParserOptions } from '../model.ts';

export abstract class NatEventParser<K = string> implements LogParser {
  /** The zone of times the log writes without one (--zone). */
  protected readonly zone: string | undefined;
  protected readonly translations = new IntervalTracker<NatRow, K>();

  constructor(opts: ParserOptions = {}) {
    this.zone = opts.zone;
  }

  abstract line(text: string, lineNo: number, out: Batch): void;

  /** A translation starts; one still pending under the same key is kept open (its end was never logged). */
  protected started(key: K, row: NatRow, out: Batch): void {
    this.translations.start(key, row, out.nats);
  }

  /**
   * A translation ends as `ended` says (at its t1, read on its line); one not pending here (it started in
   * an earlier file or batch) is ended in the store, or `ended` kept where the store has no start either.
   */
  protected ended(key: K, ended: NatRow, out: Batch): void {
    if (!this.translations.end(key, ended.t1, ended.line, out.nats)) out.closes.push(closeOf(ended));
  }

  finish(out: Batch): void {
    this.translations.flush(out.nats);
  }

  pendingFrom(): number {
    return this.translations.minLine();
  }
}
